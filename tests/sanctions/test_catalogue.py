"""The catalogue across time: every decree's rows valid for its own dates, the inspection
form offering only an establishment's acts in force on its date, rows whose ranges have
no checked source marked to be confirmed and corrected by the national administrator,
and the persons' violations of old inspections moved to decisions of those persons."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from lanhmanh.inspections.models import Inspection, Violation, ViolationType
from lanhmanh.sanctions import services
from lanhmanh.sanctions.models import SanctionDecision
from tests.inspections.conftest import at

from .conftest import D144, D167, D282

pytestmark = pytest.mark.django_db


def test_each_decree_is_in_force_on_its_own_dates():
    def decrees_on(day):
        return set(ViolationType.objects.in_force(day).values_list("decree", flat=True))

    assert decrees_on(datetime.date(2019, 5, 1)) == {D167}
    assert decrees_on(datetime.date(2021, 12, 31)) == {D167}
    assert decrees_on(datetime.date(2022, 1, 1)) == {D144}
    assert decrees_on(datetime.date(2025, 12, 14)) == {D144}
    assert decrees_on(datetime.date(2025, 12, 15)) == {D282}
    assert decrees_on(datetime.date(2026, 12, 1)) == {D282}


def test_ranges_not_in_the_sources_are_marked_to_be_confirmed():
    rows = {(t.decree, t.description): t for t in ViolationType.objects.all()}
    # DOMAIN: 282/2025 buying and selling; 144/2021 the acts around them.
    assert not rows[(D282, "Mua dâm")].to_confirm
    assert not rows[(D282, "Bán dâm")].to_confirm
    assert not rows[(D144, "Che giấu, bảo kê hoạt động mại dâm")].to_confirm
    assert rows[(D144, "Mua dâm")].to_confirm
    assert rows[(D282, "Che giấu, bảo kê hoạt động mại dâm")].to_confirm
    assert all(t.to_confirm for t in ViolationType.objects.filter(decree=D167))
    assert rows[(D282, "Mua dâm")].offender == "person"


def test_the_national_administrator_confirms_a_row_and_a_stale_form_is_refused(world, client_for):
    row = ViolationType.objects.get(decree=D167, description="Mua dâm")
    client = client_for(world.national)
    page = client.get(reverse("sanctions:catalogue")).content.decode()
    assert "cần xác nhận" in page and "167/2013/NĐ-CP" in page
    form = {
        "article": row.article,
        "description": row.description,
        "fine_min": 500_000,
        "fine_max": 1_000_000,
        "valid_to": "2021-12-31",
        "version": 1,
    }
    url = reverse("sanctions:violation_type_update", args=[row.pk])
    assert client.post(url, form).status_code == 302
    row.refresh_from_db()
    assert (row.to_confirm, row.version) == (False, 2)
    response = client.post(url, {**form, "fine_max": 900_000})
    assert response.status_code == 409
    assert "phiên bản 2" in response.content.decode()
    response = client.post(url, {**form, "fine_min": 2_000_000, "version": 2})
    assert str(services.RANGE_REVERSED) in response.content.decode()
    row.refresh_from_db()
    assert row.fine_max == 1_000_000


def test_an_inspections_buyer_becomes_a_decision_of_that_person(world, sx):
    """Before this register an inspection could record a buyer's fine against the
    establishment; the migration turns it into the buyer's decision, linked to the
    inspection, and the establishment keeps its own violation only."""
    day = datetime.date(2026, 1, 5)
    place = sx.place()
    inspection = Inspection.objects.create(
        establishment=place, team=world.th_team, kind="planned",
        started_at=at(datetime.date(2026, 1, 5), 9),
    )  # fmt: skip
    Violation.objects.create(inspection=inspection, violation_type=sx.buy[D282], sanction="fine",
                             fine_vnd=1_500_000, decision_number="03/QĐ")  # fmt: skip
    Violation.objects.create(inspection=inspection, violation_type=sx.conceal[D282],
                             sanction="fine", fine_vnd=6_000_000)  # fmt: skip
    migration = importlib.import_module("lanhmanh.sanctions.migrations.0002_catalogue")
    migration._move_persons_violations(apps)
    assert list(inspection.violations.values_list("violation_type", flat=True)) == [
        sx.conceal[D282].pk
    ]
    decision = SanctionDecision.objects.get()
    assert (decision.inspection, decision.role, decision.fine_vnd, decision.act_date) == (
        inspection, "buyer", 1_500_000, day)  # fmt: skip


def test_a_decision_opened_from_an_inspection_is_prefilled(world, sx, client_for):
    place = sx.place("Nhà nghỉ Hoa")
    inspection = Inspection.objects.create(
        establishment=place, team=world.th_team, kind="planned",
        started_at=at(datetime.date(2026, 2, 3), 21),
    )  # fmt: skip
    client = client_for(sx.th_officer)
    response = client.get(reverse("sanctions:decision_create") + f"?inspection={inspection.pk}")
    form = response.context["form"]
    assert form.initial["inspection"] == inspection.pk
    assert form.initial["unit"] == world.hac_thanh.pk
    assert form.initial["act_date"] == datetime.date(2026, 2, 3)
    sx.record(inspection=inspection, act_date=datetime.date(2026, 2, 3))
    page = client_for(world.th_coordinator).get(inspection.get_absolute_url()).content.decode()
    assert 'id="persons-sanctioned"' in page and "1 người vi phạm" in page


def test_a_decision_opened_from_a_tip_links_it_without_showing_the_tip(world, sx, client_for):
    from lanhmanh.tips import services as tips
    from lanhmanh.tips.models import Category, Channel

    tip, _code = tips.tip_record(
        by=world.th_tips, channel=Channel.HOTLINE, category=Category.PUBLIC_PLACE,
        description="Môi giới mại dâm tại quán cà phê.", commune=world.quang_ngoc,
    )  # fmt: skip
    client = client_for(sx.th_officer)
    response = client.get(reverse("sanctions:decision_create") + f"?tip={tip.pk}")
    assert response.context["form"].initial["tip"] == tip.pk
    decision = sx.record(tip=tip, unit=world.quang_ngoc)
    page = client.get(decision.get_absolute_url()).content.decode()
    assert tip.reference in page and "quán cà phê" not in page
    # An officer of another province cannot reach the tip through the form.
    outsider = client_for(world.bn_coordinator)
    assert outsider.get(reverse("sanctions:decision_create") + f"?tip={tip.pk}").status_code == 404
