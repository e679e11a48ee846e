"""Recording sanction decisions: the decree in force on the act's date, bad input refused
with nothing saved, the form and its prefill from an inspection, stale edits, the list's
filters and totals, the Excel export and the to-do of unpaid fines."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lanhmanh.sanctions import services, todos
from lanhmanh.sanctions.models import (
    Enforcement,
    OffenderKind,
    OffenderRole,
    Outcome,
    SanctionDecision,
)

from .conftest import D144, D167, D282

pytestmark = pytest.mark.django_db


def errors(excinfo) -> dict:
    return {k: [str(m) for m in v] for k, v in excinfo.value.message_dict.items()}


def test_a_2021_violation_is_judged_by_decree_167_and_a_2026_one_by_282(sx):
    """The same act, a year and decrees apart: each is held to the range of its date."""
    old = sx.record(act_date=datetime.date(2021, 6, 1), violation_type=sx.buy[D167],
                    fine_vnd=800_000)  # fmt: skip
    assert old.violation_type.decree == D167
    new = sx.record(act_date=datetime.date(2026, 2, 1), violation_type=sx.buy[D282])
    assert new.violation_type.decree == D282
    # 282/2025 does not reach back to 2021, nor 167/2013 forward to 2026.
    with pytest.raises(ValidationError) as excinfo:
        sx.record(act_date=datetime.date(2021, 6, 1), violation_type=sx.buy[D282])
    assert "violation_type" in errors(excinfo)
    assert D282 in errors(excinfo)["violation_type"][0]
    with pytest.raises(ValidationError):
        sx.record(act_date=datetime.date(2026, 2, 1), violation_type=sx.buy[D167], fine_vnd=800_000)
    # 144/2021 covers 2022 to 14 Dec 2025, and not the day after.
    sx.record(act_date=datetime.date(2025, 12, 14), violation_type=sx.buy[D144])
    with pytest.raises(ValidationError):
        sx.record(act_date=datetime.date(2025, 12, 15), violation_type=sx.buy[D144])
    assert SanctionDecision.objects.count() == 3


def test_a_fine_outside_the_range_in_force_is_refused(sx):
    with pytest.raises(ValidationError) as excinfo:
        sx.record(fine_vnd=2_500_000)
    message = errors(excinfo)["fine_vnd"][0]
    assert "1.000.000" in message and "2.000.000" in message and D282 in message
    # Under 167/2013 (2021) a buyer's 1,500,000 would have been within its range.
    sx.record(act_date=datetime.date(2021, 3, 1), violation_type=sx.buy[D167], fine_vnd=1_000_000)
    with pytest.raises(ValidationError):
        sx.record(act_date=datetime.date(2021, 3, 1), violation_type=sx.buy[D167],
                  fine_vnd=1_500_000)  # fmt: skip
    assert SanctionDecision.objects.count() == 1


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"decision_date": datetime.date(2026, 3, 9)}, "decision_date",
         services.DECISION_BEFORE_ACT),
        ({"decision_number": ""}, "decision_number", services.DECISION_REQUIRED),
        ({"outcome": Outcome.WARNING, "fine_vnd": None}, "outcome", services.WARNING_NOT_ALLOWED),
        ({"outcome": Outcome.REFERRED, "fine_vnd": None}, "referred_to",
         services.REFERRAL_TARGET_REQUIRED),
        ({"fine_vnd": None}, "fine_vnd", services.FINE_REQUIRED),
        ({"sex": ""}, "sex", services.PERSON_DETAILS),
        ({"paid_vnd": 2_000_000, "paid_on": datetime.date(2026, 3, 12)}, "paid_vnd",
         services.PAID_OVER_FINE),
        ({"paid_vnd": 1_500_000, "paid_on": datetime.date(2026, 3, 1)}, "paid_on",
         services.PAID_BEFORE_DECISION),
        ({"offender_kind": OffenderKind.ORGANISATION}, "violation_type", services.WRONG_OFFENDER),
        ({"act_date": datetime.date(2099, 1, 1)}, "act_date", services.ACT_IN_FUTURE),
    ],
)  # fmt: skip
def test_bad_input_is_refused_with_nothing_saved(sx, extra, field, message):
    with pytest.raises(ValidationError) as excinfo:
        sx.record(**extra)
    assert str(message) in errors(excinfo)[field]
    assert not SanctionDecision.objects.exists()


def test_a_unit_outside_the_scope_is_refused(world, sx):
    """The officer of phường Hạc Thành records in Hạc Thành, not in xã Quảng Ngọc."""
    sx.record(by=sx.hac_thanh_officer)
    with pytest.raises(ValidationError) as excinfo:
        sx.record(by=sx.hac_thanh_officer, unit=world.quang_ngoc)
    assert errors(excinfo)["unit"] == [str(services.OUTSIDE_SCOPE)]
    assert SanctionDecision.objects.count() == 1


def test_the_form_records_a_seller_warned_without_her_name(world, sx, client_for):
    client = client_for(sx.th_officer)
    page = client.get(reverse("sanctions:decision_create")).content.decode()
    assert "Họ tên" not in page and "CCCD" not in page
    data = {
        "unit": world.hac_thanh.pk,
        "act_date": "2026-03-10",
        "violation_type": sx.sell[D282].pk,
        "offender_kind": "person",
        "role": OffenderRole.SELLER,
        "sex": "female",
        "age_band": "16_17",
        "nationality": "vn",
        "outcome": Outcome.WARNING,
        "decision_number": "07/QĐ-XPHC",
        "decision_date": "2026-03-11",
        "issuing_agency": world.hac_thanh_police.pk,
        "enforcement": Enforcement.COMPLIED,
    }
    response = client.post(reverse("sanctions:decision_create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    decision = SanctionDecision.objects.get()
    assert decision.is_minor and decision.fine_vnd is None
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "chưa thành niên" in page and "07/QĐ-XPHC" in page
    # A date before the act, through the form: the message beside the field, no save.
    response = client.post(reverse("sanctions:decision_create"),
                           {**data, "decision_date": "2026-03-01"})  # fmt: skip
    assert response.status_code == 400
    assert str(services.DECISION_BEFORE_ACT) in response.content.decode()
    assert SanctionDecision.objects.count() == 1


def test_a_stale_edit_is_refused_showing_both_versions(sx, client_for):
    decision = sx.record()
    form = {
        **{k: v for k, v in sx.values().items()},
        "version": 1,
    }
    form = {k: (v.pk if hasattr(v, "pk") else v) for k, v in form.items()}
    form["enforcement"] = Enforcement.IN_PROGRESS
    services.sanction_decision_update(
        decision=decision, by=sx.th_officer, version=1, paid_vnd=1_500_000,
        paid_on=datetime.date(2026, 3, 15), enforcement=Enforcement.COMPLIED,
    )  # fmt: skip
    response = client_for(sx.th_officer).post(
        reverse("sanctions:decision_update", args=[decision.pk]), form
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "phiên bản 2" in page and "phiên bản 1" in page
    decision.refresh_from_db()
    assert decision.version == 2 and decision.paid_vnd == 1_500_000


def test_list_filters_totals_and_export(world, sx, client_for):
    sx.record(paid_vnd=1_500_000, paid_on=datetime.date(2026, 3, 12))
    sx.record(
        violation_type=sx.sell[D282], role=OffenderRole.SELLER, sex="female", fine_vnd=400_000
    )
    sx.record(unit=world.quang_ngoc, fine_vnd=2_000_000)
    client = client_for(world.th_leader)
    response = client.get(reverse("sanctions:decision_list"))
    totals = response.context["totals"]
    assert (totals["count"], totals["imposed"], totals["collected"]) == (3, 3_900_000, 1_500_000)
    sellers = client.get(reverse("sanctions:decision_list") + "?role=seller").context["totals"]
    assert sellers["count"] == 1
    here = client.get(reverse("sanctions:decision_list") + f"?unit={world.quang_ngoc.pk}")
    assert here.context["totals"]["imposed"] == 2_000_000
    export = client.get(reverse("sanctions:decision_export") + "?role=buyer")
    sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3  # header and the two buyers
    assert rows[1][5] == "Mua dâm"


def test_unpaid_fines_past_due_are_a_todo_matching_their_list(world, sx, client_for):
    today = timezone.localdate()
    sx.record()  # decided 10 Mar 2026: due 20 Mar, unpaid
    sx.record(paid_vnd=1_500_000, paid_on=datetime.date(2026, 3, 12))
    sx.record(act_date=today, decision_date=today)  # not yet due
    (todo,) = todos.todos(sx.th_officer, today=today)
    assert todo.count == 1 and todo.urgent
    listed = client_for(sx.th_officer).get(todo.url)
    assert listed.context["page"].paginator.count == todo.count
    assert todos.todos(world.th_leader, today=today) == []
