"""Recording an inspection: the form, its rules (date, members, trigger, fines), the record
page, the list, follow-ups and the overdue list."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lanhmanh.inspections.models import (
    ChecklistItem,
    Inspection,
    InspectionKind,
    Sanction,
    Violation,
)
from lanhmanh.inspections.services import inspections as rules
from lanhmanh.organizations.models import InspectionTeam, TeamMember
from tests.queries import SIGNED_IN_REQUEST

NO_VIOLATION = {"v-TOTAL_FORMS": "2", "v-INITIAL_FORMS": "0"}


def form_data(records, **extra):
    started = timezone.localtime() - datetime.timedelta(hours=1)
    data = {
        "started_at": started.strftime("%Y-%m-%dT%H:%M"),
        "kind": InspectionKind.PLANNED,
        "members_present": [m.pk for m in records.members],
        "findings": "Cơ sở hoạt động bình thường.",
        "record_number": "12/BB-178",
        **NO_VIOLATION,
    }
    for item in ChecklistItem.objects.filter(version__number=1):
        data[f"check_{item.pk}"] = "ok"
    data.update(extra)
    return data


def create_url(establishment, **query):
    url = reverse("inspections:inspection_create", args=[establishment.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def post(client, records, establishment=None, query=None, **extra):
    return client.post(create_url(establishment or records.sao_dem, **(query or {})),
                       form_data(records, **extra))  # fmt: skip


def errors_of(response) -> str:
    return response.content.decode()


def test_the_form_offers_the_team_members_and_the_checklist(world, records, client_for):
    page = client_for(world.th_inspector).get(create_url(records.sao_dem)).content.decode()
    assert "Phạm Văn Cường" in page
    assert "Người lao động được khám sức khỏe định kỳ" in page
    assert 'data-draft-key="inspection-new-' in page
    assert "inspections/draft.js" in page


def test_an_inspector_records_an_inspection_with_a_fine(world, records, client_for):
    client = client_for(world.th_inspector)
    response = post(
        client,
        records,
        **{
            "v-0-violation_type": records.conceal.pk,
            "v-0-sanction": Sanction.FINE,
            "v-0-fine_vnd": "6000000",
            "v-0-decision_number": "05/QĐ-XPHC",
            "follow_up_due": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        },
    )
    inspection = Inspection.objects.get()
    assert response["Location"] == inspection.get_absolute_url() + "?saved=1"
    assert inspection.members_present.count() == 3
    assert inspection.checks.count() == 10
    violation = Violation.objects.get()
    assert (violation.fine_vnd, violation.decision_number) == (6_000_000, "05/QĐ-XPHC")
    page = client.get(response["Location"]).content.decode()
    assert "6.000.000 đồng" in page
    assert 'data-draft-clear="inspection-new-' in page


@pytest.mark.parametrize(
    ("fine", "expected"),
    [
        ("4000000", "Số tiền phạt phải trong khung từ 5.000.000 đến 10.000.000 đồng "
                    "(Hành vi khác liên quan đến hoạt động mại dâm, "
                    "Nghị định 282/2025/NĐ-CP)."),
        ("", str(rules.FINE_REQUIRED)),
    ],
)  # fmt: skip
def test_a_fine_outside_the_legal_range_is_refused(world, records, client_for, fine, expected):
    extra = {
        "v-0-violation_type": records.conceal.pk,
        "v-0-sanction": Sanction.FINE,
        "v-0-fine_vnd": fine,
    }
    response = post(client_for(world.th_inspector), records, **extra)
    assert expected in errors_of(response)
    assert not Inspection.objects.exists()


def test_a_warning_only_where_the_decree_allows_it(world, records, client_for):
    extra = {"v-0-violation_type": records.conceal.pk, "v-0-sanction": Sanction.WARNING}
    response = post(client_for(world.th_inspector), records, **extra)
    assert str(rules.WARNING_NOT_ALLOWED) in errors_of(response)


def test_a_referral_names_the_body(world, records, client_for):
    extra = {"v-0-violation_type": records.conceal.pk, "v-0-sanction": Sanction.REFERRAL}
    client = client_for(world.th_inspector)
    assert str(rules.REFERRAL_TARGET_REQUIRED) in errors_of(post(client, records, **extra))
    extra["v-0-referred_to"] = "Công an tỉnh"
    assert post(client, records, **extra).status_code == 302


def test_a_violation_is_judged_by_the_decree_in_force_that_day(world, records):
    errors = rules.violation_errors(
        violation_type=records.buy_sex,
        sanction=Sanction.FINE,
        fine_vnd=1_500_000,
        on=datetime.date(2025, 6, 1),
    )
    assert errors == {"violation_type": str(rules.VIOLATION_NOT_IN_FORCE)}


def test_a_buyers_fine_is_not_recorded_against_the_establishment(world, records, client_for):
    """Buying sex is a person's act: the inspection refuses it (the buyer gets a sanction
    decision of their own), and its form does not even offer it."""
    errors = rules.violation_errors(
        violation_type=records.buy_sex, sanction=Sanction.FINE, fine_vnd=1_500_000,
        on=timezone.localdate(),
    )  # fmt: skip
    assert errors == {"violation_type": str(rules.VIOLATION_OF_A_PERSON)}
    page = client_for(world.th_inspector).get(create_url(records.sao_dem)).content.decode()
    assert "Che giấu, bảo kê hoạt động mại dâm — " in page
    assert "Mua dâm — " not in page
    assert "144/2021/NĐ-CP" not in page
    extra = {"v-0-violation_type": records.buy_sex.pk, "v-0-sanction": Sanction.FINE,
             "v-0-fine_vnd": "1500000"}  # fmt: skip
    response = post(client_for(world.th_inspector), records, **extra)
    assert response.status_code == 200
    assert not Violation.objects.exists()


def test_an_inspection_cannot_be_in_the_future(world, records, client_for):
    later = timezone.localtime() + datetime.timedelta(hours=2)
    response = post(
        client_for(world.th_inspector), records, started_at=later.strftime("%Y-%m-%dT%H:%M")
    )
    assert str(rules.INSPECTION_IN_FUTURE) in errors_of(response)
    assert not Inspection.objects.exists()


def test_fewer_than_three_members_must_be_confirmed(world, records, client_for):
    client = client_for(world.th_inspector)
    two = [m.pk for m in records.members[:2]]
    response = post(client, records, members_present=two)
    assert str(rules.FEW_MEMBERS) in errors_of(response)
    assert not Inspection.objects.exists()
    post(client, records, members_present=two, few_members_confirmed="on")
    assert Inspection.objects.get().few_members_confirmed


def test_an_unannounced_inspection_records_its_trigger(world, records, client_for):
    client = client_for(world.th_inspector)
    response = post(client, records, kind=InspectionKind.UNANNOUNCED)
    assert str(rules.TRIGGER_REQUIRED) in errors_of(response)
    post(client, records, kind=InspectionKind.UNANNOUNCED, trigger="tip", trigger_note="Tin 111")
    inspection = Inspection.objects.get()
    assert (inspection.kind, inspection.trigger) == ("unannounced", "tip")


def test_members_of_another_team_are_not_accepted(world, records, client_for):
    stranger = TeamMember.objects.create(
        team=world.bn_team, agency=world.bn_health, full_name="Người Bắc Ninh"
    )
    members = [m.pk for m in records.members] + [stranger.pk]
    response = post(client_for(world.th_inspector), records, members_present=members)
    assert "members_present" in response.context["form"].errors
    assert not Inspection.objects.exists()


def test_with_several_teams_the_inspector_chooses_one(world, records, client_for):
    commune_team = InspectionTeam.objects.create(unit=world.hac_thanh, name="Đội 178 Hạc Thành")
    client = client_for(world.th_inspector)
    page = client.get(create_url(records.sao_dem)).content.decode()
    assert "Chọn đội kiểm tra" in page
    assert f"?team={commune_team.pk}" in page
    assert f"?team={world.th_team.pk}" in page


def test_the_team_of_another_area_is_not_offered(world, records, client_for):
    InspectionTeam.objects.create(unit=world.quang_ngoc, name="Đội 178 Quảng Ngọc")
    page = client_for(world.th_inspector).get(create_url(records.sao_dem)).content.decode()
    assert "Đội 178 Quảng Ngọc" not in page


def test_a_follow_up_links_to_the_first_and_leaves_the_overdue_list(
    world, records, record_inspection, client_for
):
    first = record_inspection(
        records.sao_dem,
        datetime.date(2025, 9, 1),
        follow_up_due=datetime.date(2025, 10, 1),
    )
    client = client_for(world.th_leader)
    overdue = reverse("inspections:followup_list")
    assert [i.pk for i in client.get(overdue).context["page"]] == [first.pk]
    writer = client_for(world.th_inspector)
    response = post(writer, records, query={"follow_up_of": first.pk}, kind="follow_up")
    follow_up = Inspection.objects.get(follow_up_of=first)
    assert response.status_code == 302
    assert follow_up.kind == InspectionKind.FOLLOW_UP
    assert list(writer.get(overdue).context["page"]) == []


def test_a_follow_up_of_another_establishment_is_404(world, records, record_inspection, client_for):
    first = record_inspection(records.binh_minh, datetime.date(2025, 9, 1))
    response = client_for(world.th_inspector).get(
        create_url(records.sao_dem, follow_up_of=first.pk)
    )
    assert response.status_code == 404


def test_a_follow_up_cannot_be_chosen_without_the_first(world, records):
    from django.core.exceptions import ValidationError

    from lanhmanh.inspections.services import inspection_record
    from tests.inspections.conftest import at

    with pytest.raises(ValidationError) as error:
        inspection_record(
            establishment=records.sao_dem,
            team=world.th_team,
            by=world.th_inspector,
            started_at=at(datetime.date(2025, 9, 1)),
            members_present=records.members,
            kind=InspectionKind.FOLLOW_UP,
        )
    assert error.value.message_dict["kind"] == [str(rules.FOLLOW_UP_WITHOUT_FIRST)]


def test_the_list_filters_and_runs_a_fixed_number_of_queries(
    world, records, record_inspection, client_for, django_assert_num_queries
):
    for day in range(1, 31):
        record_inspection(records.hoa_sen, datetime.date(2025, 9, day))
    record_inspection(
        records.sao_dem, datetime.date(2025, 10, 2), kind="unannounced", trigger="tip"
    )
    client = client_for(world.th_leader)
    url = reverse("inspections:inspection_list")
    with django_assert_num_queries(SIGNED_IN_REQUEST + 2):
        response = client.get(url, {"year": "2025"})
    assert len(response.context["page"]) == 31
    response = client.get(url, {"kind": "unannounced"})
    assert [i.establishment for i in response.context["page"]] == [records.sao_dem]


def test_the_overdue_list_runs_a_fixed_number_of_queries(
    world, records, record_inspection, client_for, django_assert_num_queries
):
    for day in range(1, 21):
        record_inspection(
            records.hoa_sen, datetime.date(2025, 9, day), follow_up_due=datetime.date(2025, 10, day)
        )
    client = client_for(world.th_leader)
    with django_assert_num_queries(SIGNED_IN_REQUEST + 2):
        response = client.get(reverse("inspections:followup_list"))
    assert len(response.context["page"]) == 20


def test_the_record_page_shows_members_checks_and_violations(
    world, records, record_inspection, client_for
):
    item = ChecklistItem.objects.filter(version__number=1).first()
    inspection = record_inspection(
        records.sao_dem,
        datetime.date(2026, 1, 5),
        checks={item: "not_ok"},
        violations=[{"violation_type": records.conceal, "sanction": "fine", "fine_vnd": 6_500_000}],
    )
    page = client_for(world.th_leader).get(inspection.get_absolute_url()).content.decode()
    assert "Phạm Văn Cường" in page
    assert "Không đạt" in page
    assert "6.500.000 đồng" in page
    assert "282/2025/NĐ-CP" in page


def test_untouched_violation_rows_are_ignored_and_a_row_needs_a_sanction(
    world, records, client_for
):
    from lanhmanh.inspections.forms import SANCTION_REQUIRED

    client = client_for(world.th_inspector)
    blank = {"v-0-sanction": "", "v-1-sanction": "", "v-1-fine_vnd": ""}
    response = post(client, records, **{**blank, "v-0-violation_type": records.conceal.pk})
    assert str(SANCTION_REQUIRED) in errors_of(response)
    assert post(client, records, **blank).status_code == 302
    assert not Violation.objects.exists()


def test_the_seeded_catalogue_cites_no_unconfirmed_article_number(world):
    """DOMAIN gives the decrees and fine ranges, not article numbers: the seeded rows name
    the act, and their ranges are DOMAIN's."""
    from lanhmanh.inspections.models import ViolationType

    rows = {(v.decree, v.description): v for v in ViolationType.objects.all()}
    assert not [v for v in rows.values() if any(ch.isdigit() for ch in v.article)]
    ranges = {key: (v.fine_min, v.fine_max, v.warning_allowed) for key, v in rows.items()}
    assert ranges[("282/2025/NĐ-CP", "Mua dâm")] == (1_000_000, 2_000_000, False)
    assert ranges[("282/2025/NĐ-CP", "Mua dâm hai người trở lên cùng một lúc")] == (
        2_000_000, 5_000_000, False)  # fmt: skip
    assert ranges[("282/2025/NĐ-CP", "Bán dâm")] == (300_000, 500_000, True)
    assert ranges[("144/2021/NĐ-CP", "Lợi dụng chức vụ, quyền hạn bảo kê hoạt động mại dâm")] == (
        50_000_000, 75_000_000, False)  # fmt: skip


def test_the_checklist_is_configured_as_a_new_version_and_old_records_keep_theirs(
    world, records, record_inspection, client_for
):
    from lanhmanh.inspections.models import ChecklistVersion

    first = ChecklistItem.objects.filter(version__number=1).first()
    old = record_inspection(records.sao_dem, datetime.date(2026, 1, 5), checks={first: "not_ok"})
    # The national administrator adds version 2 with its items, in the admin.
    response = client_for(world.national).post(
        reverse("admin:inspections_checklistversion_add"),
        {
            "name": "Danh mục kiểm tra 2026",
            "number": 2,
            "valid_from": "01/02/2026",
            "is_active": "on",
            "items-TOTAL_FORMS": 1,
            "items-INITIAL_FORMS": 0,
            "items-MIN_NUM_FORMS": 0,
            "items-MAX_NUM_FORMS": 1000,
            "items-0-area": "health",
            "items-0-text": "Có sổ khám sức khỏe của nhân viên phục vụ",
            "items-0-order": 1,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    version = ChecklistVersion.objects.get(number=2)
    assert version.items.count() == 1
    form = client_for(world.th_inspector).get(create_url(records.binh_minh)).content.decode()
    assert "Có sổ khám sức khỏe của nhân viên phục vụ" in form
    assert first.text not in form
    old.refresh_from_db()
    assert old.checklist_version.number == 1
    page = client_for(world.th_leader).get(old.get_absolute_url()).content.decode()
    assert first.text in page
