import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from lanhmanh.geography.models import Level
from lanhmanh.organizations.models import Sector
from lanhmanh.reporting import services, validation
from lanhmanh.reporting.models import Action, Status, Submission
from lanhmanh.reporting.periods import month, quarter
from lanhmanh.reporting.selectors import completeness
from lanhmanh.reporting.services import (
    ConcurrentEditError,
    LockedError,
    submission_approve,
    submission_create,
    submission_reopen,
    submission_return,
    submission_save_values,
    submission_submit,
)
from tests.reporting.helpers import make_form, report

JAN = month(2026, 1)


@pytest.fixture
def form(db):
    return make_form()


@pytest.fixture
def draft(world, form):
    return submission_create(
        form=form, unit=world.hac_thanh, period=JAN, user=world.hac_thanh_officer
    )


def figures(submission):
    return {
        (v.indicator.code, v.disaggregation): (v.numerator, v.denominator)
        for v in submission.values.select_related("indicator")
    }


def save(submission, values, user, version=None):
    return submission_save_values(
        submission=submission,
        values=values,
        version=submission.version if version is None else version,
        user=user,
    )


# Creating


def test_a_draft_gets_its_window_and_deadline(draft):
    assert draft.status == Status.DRAFT
    assert (draft.period_start, draft.period_end) == (datetime.date(2025, 12, 15), JAN.window.end)
    assert draft.deadline == datetime.date(2026, 1, 17)
    assert draft.events.get().action == Action.CREATED


def test_the_deadline_of_a_climbing_report_depends_on_the_level(world):
    form = make_form(
        "tinh-quy",
        [("trainings", [], True)],
        periodicity="quarter",
        level=Level.PROVINCE,
        deadline_days=5,
        offsets={"province": 2},
    )
    s = submission_create(
        form=form, unit=world.thanh_hoa, period=quarter(2026, 1), user=world.national
    )
    assert s.deadline == datetime.date(2026, 3, 21)


def test_it_refuses_a_unit_outside_the_scope(world, form):
    with pytest.raises(PermissionDenied):
        submission_create(form=form, unit=world.hac_thanh, period=JAN, user=world.bn_coordinator)


def test_a_leader_reads_but_cannot_report(world, form):
    with pytest.raises(PermissionDenied):
        submission_create(form=form, unit=world.hac_thanh, period=JAN, user=world.th_leader)


def test_it_refuses_a_unit_of_another_level(world, form):
    with pytest.raises(ValidationError) as error:
        submission_create(form=form, unit=world.thanh_hoa, period=JAN, user=world.national)
    assert error.value.messages == [str(services.WRONG_LEVEL % {"level": "cấp xã"})]


def test_it_refuses_a_period_of_another_kind(world, form):
    with pytest.raises(ValidationError) as error:
        submission_create(
            form=form, unit=world.hac_thanh, period=quarter(2026, 1), user=world.national
        )
    assert "Tháng" in error.value.messages[0]


def test_a_unit_reports_only_for_periods_it_existed_in(world, form):
    with pytest.raises(ValidationError) as error:
        submission_create(
            form=form, unit=world.hac_thanh, period=month(2025, 3), user=world.national
        )
    assert error.value.messages == [str(services.UNIT_NOT_IN_PERIOD)]
    old = submission_create(
        form=form, unit=world.old_dien_bien, period=month(2025, 3), user=world.national
    )
    assert old.unit == world.old_dien_bien


def test_there_is_one_report_per_unit_form_and_period(world, form, draft):
    with pytest.raises(ValidationError) as error:
        submission_create(form=form, unit=world.hac_thanh, period=JAN, user=world.national)
    assert error.value.messages == [str(services.DUPLICATE)]


def test_a_sector_form_is_reported_by_that_sectors_agency(world):
    police = Sector.objects.get(code="police")
    form = make_form("cong-an-xa", [("tips_received", [], True)], sector=police)
    with pytest.raises(ValidationError):
        submission_create(form=form, unit=world.hac_thanh, period=JAN, user=world.national)
    s = submission_create(
        form=form,
        unit=world.hac_thanh,
        period=JAN,
        user=world.national,
        agency=world.hac_thanh_police,
    )
    assert s.agency == world.hac_thanh_police


# Entering figures


def test_figures_are_saved_and_the_version_moves_on(world, draft):
    result = save(
        draft,
        {
            "awareness_activities": "3",
            "tips_handled_share": ("4", "5"),
            "sex_workers_reached": 10,
            "sex_workers_reached|sex:female": "9",
        },
        world.hac_thanh_officer,
    )
    assert result.version == 2
    assert figures(draft) == {
        ("awareness_activities", ""): (Decimal(3), None),
        ("tips_handled_share", ""): (Decimal(4), Decimal(5)),
        ("sex_workers_reached", ""): (Decimal(10), None),
        ("sex_workers_reached", "sex:female"): (Decimal(9), None),
    }
    assert draft.events.filter(action=Action.SAVED).count() == 1


def test_an_empty_cell_clears_a_figure(world, draft):
    save(draft, {"awareness_activities": "3"}, world.national)
    save(draft, {"awareness_activities": ""}, world.national)
    assert figures(draft) == {}


def test_one_bad_cell_saves_nothing(world, draft):
    save(draft, {"awareness_activities": "2"}, world.national)
    bad = {
        "awareness_activities": "5",
        "sex_workers_reached": "mười",
        "tips_handled_share": ("-1", "4"),
        "support_models_maintained": "1,5",
        "communes_with_awareness_share": ("2", "1"),
        "broadcasts": "3",
        "sex_workers_reached|age_group:under_16": "1",
    }
    with pytest.raises(ValidationError) as error:
        save(draft, bad, world.national)
    errors = services.cell_errors(error.value)
    assert errors == {
        "sex_workers_reached": [str(validation.NOT_A_NUMBER % {"value": "mười"})],
        "tips_handled_share": [str(validation.NEGATIVE)],
        "support_models_maintained": [str(validation.NOT_WHOLE)],
        "communes_with_awareness_share": [str(validation.NUMERATOR_OVER_DENOMINATOR)],
        "broadcasts": [str(validation.NOT_ON_FORM)],
        "sex_workers_reached|age_group:under_16": [str(validation.UNKNOWN_DISAGGREGATION)],
    }
    draft.refresh_from_db()
    assert draft.version == 2
    assert figures(draft) == {("awareness_activities", ""): (Decimal(2), None)}


def test_a_percentage_needs_both_parts(world, draft):
    with pytest.raises(ValidationError) as error:
        save(draft, {"tips_handled_share": ("3", "")}, world.national)
    assert services.cell_errors(error.value) == {
        "tips_handled_share": [str(validation.DENOMINATOR_REQUIRED)]
    }


def test_parts_may_not_exceed_the_total(world, draft):
    with pytest.raises(ValidationError) as error:
        save(
            draft,
            {
                "sex_workers_reached": "5",
                "sex_workers_reached|sex:female": "4",
                "sex_workers_reached|sex:male": "2",
            },
            world.national,
        )
    assert "lớn hơn tổng số (5)" in services.cell_errors(error.value)["sex_workers_reached"][0]
    assert figures(draft) == {}


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("1.234", 1234),
        ("1.234,5", Decimal("1234.5")),
        ("12,5", Decimal("12.5")),
        (" 7 ", 7),
        ("12.5", Decimal("12.5")),
        (3.0, 3),
    ],
)
def test_numbers_are_read_as_people_type_them(typed, number):
    assert validation.parse_number(typed) == number


def test_an_outsider_cannot_enter_figures(world, draft):
    with pytest.raises(PermissionDenied):
        save(draft, {"awareness_activities": "1"}, world.bn_coordinator)
    assert figures(draft) == {}


# Two officers at once


def test_the_second_of_two_concurrent_edits_fails_and_saves_nothing(world, draft):
    first = Submission.objects.get(pk=draft.pk)
    second = Submission.objects.get(pk=draft.pk)
    save(first, {"awareness_activities": "4"}, world.hac_thanh_officer, version=1)
    with pytest.raises(ConcurrentEditError) as error:
        save(
            second,
            {"awareness_activities": "9", "sex_workers_reached": "2"},
            world.th_coordinator,
            version=1,
        )
    assert error.value.messages == [str(services.STALE_VERSION)]
    assert str(services.STALE_VERSION).startswith("Báo cáo đã được người khác cập nhật")
    assert figures(draft) == {("awareness_activities", ""): (Decimal(4), None)}
    draft.refresh_from_db()
    assert draft.version == 2


def test_a_stale_approval_is_refused(world, draft):
    save(draft, {"awareness_activities": "4"}, world.national)
    submission_submit(submission=draft, user=world.national)
    stale = Submission.objects.get(pk=draft.pk)
    submission_return(submission=draft, user=world.th_coordinator, comment="Sai số liệu")
    with pytest.raises(ConcurrentEditError):
        submission_approve(submission=stale, user=world.th_coordinator)
    draft.refresh_from_db()
    assert draft.status == Status.RETURNED


# Workflow


def submitted(world, draft, value="4"):
    save(draft, {"awareness_activities": value}, world.hac_thanh_officer)
    return submission_submit(submission=draft, user=world.hac_thanh_officer)


def test_draft_submitted_approved(world, draft):
    submitted(world, draft)
    assert draft.status == Status.SUBMITTED and draft.submitted_by == world.hac_thanh_officer
    submission_approve(submission=draft, user=world.th_coordinator)
    draft.refresh_from_db()
    assert draft.status == Status.APPROVED
    assert draft.approved_by == world.th_coordinator and draft.approved_at
    assert list(draft.events.values_list("action", flat=True)) == [
        Action.CREATED,
        Action.SAVED,
        Action.SUBMITTED,
        Action.APPROVED,
    ]


def test_a_report_cannot_be_submitted_without_its_required_figures(world, draft):
    with pytest.raises(ValidationError) as error:
        submission_submit(submission=draft, user=world.hac_thanh_officer)
    assert error.value.messages == [
        str(services.REQUIRED_MISSING % {"names": "Số lần tổ chức tuyên truyền"})
    ]


def test_returned_with_a_comment_then_corrected_and_resubmitted(world, draft):
    submitted(world, draft)
    with pytest.raises(ValidationError) as error:
        submission_return(submission=draft, user=world.th_coordinator, comment="  ")
    assert error.value.messages == [str(services.COMMENT_REQUIRED)]
    submission_return(submission=draft, user=world.th_coordinator, comment="Kiểm tra lại số buổi")
    assert draft.status == Status.RETURNED and draft.returned_comment == "Kiểm tra lại số buổi"
    save(draft, {"awareness_activities": "5"}, world.hac_thanh_officer)
    submission_submit(submission=draft, user=world.hac_thanh_officer)
    submission_approve(submission=draft, user=world.th_coordinator)
    assert draft.status == Status.APPROVED and draft.returned_comment == ""


@pytest.mark.parametrize(
    ("steps", "illegal"),
    [
        ([], submission_approve),
        (["submit"], submission_submit),
        (["submit", "approve"], submission_approve),
        (["submit", "approve"], submission_submit),
        ([], submission_return),
        ([], submission_reopen),
        (["submit"], submission_reopen),
    ],
)
def test_illegal_transitions_are_refused(world, draft, steps, illegal):
    save(draft, {"awareness_activities": "4"}, world.national)
    for step in steps:
        if step == "submit":
            submission_submit(submission=draft, user=world.hac_thanh_officer)
        else:
            submission_approve(submission=draft, user=world.national)
    before = Submission.objects.get(pk=draft.pk)
    extra = {"comment": "x"} if illegal is submission_return else {}
    extra = {"reason": "x"} if illegal is submission_reopen else extra
    with pytest.raises(ValidationError) as error:
        illegal(submission=draft, user=world.national, **extra)
    assert error.value.code == "illegal"
    after = Submission.objects.get(pk=draft.pk)
    assert (after.status, after.version) == (before.status, before.version)


def test_approved_figures_are_locked(world, draft):
    submitted(world, draft)
    with pytest.raises(LockedError) as error:
        save(draft, {"awareness_activities": "5"}, world.hac_thanh_officer)
    assert error.value.messages == [str(services.WAITING_FOR_REVIEW)]
    submission_approve(submission=draft, user=world.th_coordinator)
    with pytest.raises(LockedError) as error:
        save(draft, {"awareness_activities": "5"}, world.national)
    assert error.value.messages == [str(services.LOCKED)]
    assert figures(draft) == {("awareness_activities", ""): (Decimal(4), None)}


def test_reopening_needs_a_reason_and_is_audited(world, draft):
    submitted(world, draft)
    submission_approve(submission=draft, user=world.th_coordinator)
    with pytest.raises(ValidationError) as error:
        submission_reopen(submission=draft, user=world.th_coordinator, reason="")
    assert error.value.messages == [str(services.REASON_REQUIRED)]
    submission_reopen(submission=draft, user=world.th_coordinator, reason="Bổ sung số liệu tháng")
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.approved_by is None
    event = draft.events.get(action=Action.REOPENED)
    assert (event.user, event.comment) == (world.th_coordinator, "Bổ sung số liệu tháng")
    logged = [e.changes for e in LogEntry.objects.get_for_object(draft)]
    assert {
        "reopened_reason": ["", "Bổ sung số liệu tháng"],
        "status": ["approved", "draft"],
    }.items() <= next(c for c in logged if "reopened_reason" in c and len(c) < 10).items()
    save(draft, {"awareness_activities": "6"}, world.hac_thanh_officer)


def test_an_officer_cannot_approve_their_own_unit(world, draft):
    submitted(world, draft)
    with pytest.raises(PermissionDenied):
        submission_approve(submission=draft, user=world.hac_thanh_officer)
    with pytest.raises(PermissionDenied):
        submission_approve(submission=draft, user=world.bn_coordinator)
    with pytest.raises(PermissionDenied):
        submission_return(submission=draft, user=world.th_leader, comment="x")


def test_the_province_reviews_reports_of_the_communes_merged_into_it(world, form):
    s = report(
        world.national,
        form,
        world.old_dien_bien,
        month(2025, 3),
        {"awareness_activities": 1},
        status=Status.SUBMITTED,
    )
    submission_approve(submission=s, user=world.th_coordinator)
    assert s.status == Status.APPROVED


def test_the_standing_agency_reviews_an_agency_report_of_its_own_unit(world):
    police = Sector.objects.get(code="police")
    form = make_form(
        "cong-an-tinh", [("tips_received", [], True)], level=Level.PROVINCE, sector=police
    )
    s = report(
        world.national,
        form,
        world.thanh_hoa,
        JAN,
        {"tips_received": 3},
        status=Status.SUBMITTED,
        agency=world.th_police,
    )
    submission_approve(submission=s, user=world.th_coordinator)
    assert s.status == Status.APPROVED


# Warnings and reads


def test_a_figure_far_from_last_months_is_a_warning_not_an_error(world, form):
    report(world.national, form, world.hac_thanh, month(2025, 12), {"awareness_activities": 10})
    s = submission_create(form=form, unit=world.hac_thanh, period=JAN, user=world.national)
    result = save(s, {"awareness_activities": "40"}, world.national)
    assert result.warnings == [
        str(
            services.OUTLIER
            % {"indicator": "Số lần tổ chức tuyên truyền", "value": "40", "previous": "10"}
        )
    ]
    assert figures(s) == {("awareness_activities", ""): (Decimal(40), None)}
    assert save(s, {"awareness_activities": "12"}, world.national).warnings == []
    # 10 → 3 is a third, but a change of 7 activities is ordinary for a commune.
    assert save(s, {"awareness_activities": "3"}, world.national).warnings == []
    assert save(s, {"awareness_activities": "0"}, world.national).warnings != []


def test_a_small_change_is_no_outlier_however_large_the_ratio(world, form):
    report(world.national, form, world.hac_thanh, month(2025, 12), {"awareness_activities": 1})
    s = submission_create(form=form, unit=world.hac_thanh, period=JAN, user=world.national)
    assert save(s, {"awareness_activities": "0"}, world.national).warnings == []
    assert save(s, {"awareness_activities": "9"}, world.national).warnings == []
    assert save(s, {"awareness_activities": "30"}, world.national).warnings != []


def test_submissions_are_seen_only_inside_the_scope(world, form, draft):
    other = submission_create(form=form, unit=world.quang_ngoc, period=JAN, user=world.national)
    assert list(Submission.objects.visible_to(world.hac_thanh_officer)) == [draft]
    assert set(Submission.objects.visible_to(world.th_leader)) == {draft, other}
    assert not Submission.objects.visible_to(world.bn_coordinator).exists()
    assert not Submission.objects.visible_to(world.th_tips).exists()
    assert not Submission.objects.visible_to(world.nobody).exists()


def test_completeness_of_a_month(world, form):
    on_time = report(world.national, form, world.hac_thanh, JAN, {"awareness_activities": 1})
    late = report(
        world.national,
        form,
        world.quang_ngoc,
        JAN,
        {"awareness_activities": 1},
        status=Status.SUBMITTED,
    )
    sent_late = datetime.datetime(2026, 1, 25, tzinfo=datetime.UTC)
    sent_on_time = datetime.datetime(2026, 1, 16, tzinfo=datetime.UTC)
    Submission.objects.filter(pk=late.pk).update(
        submitted_at=sent_late, first_submitted_at=sent_late
    )
    Submission.objects.filter(pk=on_time.pk).update(
        submitted_at=sent_on_time, first_submitted_at=sent_on_time
    )
    result = completeness(form, world.thanh_hoa, JAN, user=world.national)
    assert result.expected == [world.hac_thanh, world.quang_ngoc, world.quang_binh]
    assert [s.unit for s in result.on_time] == [world.hac_thanh]
    assert [s.unit for s in result.late] == [world.quang_ngoc]
    assert [s.unit for s in result.approved] == [world.hac_thanh]
    assert result.missing == [world.quang_binh]


def test_a_report_returned_and_corrected_keeps_its_first_timeliness(world, form, draft):
    # Sent on time (16 January, deadline 17th), returned, sent again in December: the
    # correction does not make it late; its latest sending is still shown.
    submission_save_values(
        submission=draft,
        values={"awareness_activities": "2"},
        version=draft.version,
        user=world.hac_thanh_officer,
    )
    draft = submission_submit(submission=draft, user=world.hac_thanh_officer)
    sent = datetime.datetime(2026, 1, 16, 9, tzinfo=datetime.UTC)
    Submission.objects.filter(pk=draft.pk).update(submitted_at=sent, first_submitted_at=sent)
    draft.refresh_from_db()
    assert not draft.is_late
    returned = submission_return(submission=draft, user=world.th_coordinator, comment="Sửa số")
    resent = submission_submit(submission=returned, user=world.hac_thanh_officer)
    assert resent.submitted_at > sent and resent.first_submitted_at == sent
    assert not resent.is_late
    result = completeness(form, world.thanh_hoa, JAN, user=world.th_coordinator)
    assert [s.unit for s in result.on_time] == [world.hac_thanh]


def test_the_report_page_shows_the_first_sending_of_a_corrected_report(
    world, form, draft, client_for
):
    submission_save_values(
        submission=draft,
        values={"awareness_activities": "2"},
        version=draft.version,
        user=world.hac_thanh_officer,
    )
    draft = submission_submit(submission=draft, user=world.hac_thanh_officer)
    sent = datetime.datetime(2026, 1, 16, 9, tzinfo=datetime.UTC)
    Submission.objects.filter(pk=draft.pk).update(submitted_at=sent, first_submitted_at=sent)
    draft.refresh_from_db()
    returned = submission_return(submission=draft, user=world.th_coordinator, comment="Sửa số")
    submission_submit(submission=returned, user=world.hac_thanh_officer)
    page = client_for(world.th_coordinator).get(f"/reporting/submissions/{draft.pk}/")
    text = page.content.decode()
    assert 'id="lm-first-sent"' in text and "16/01/2026" in text
    assert ">muộn<" not in text


def test_a_report_first_sent_late_stays_late_once_corrected(world, form, draft):
    submission_save_values(
        submission=draft,
        values={"awareness_activities": "2"},
        version=draft.version,
        user=world.hac_thanh_officer,
    )
    draft = submission_submit(submission=draft, user=world.hac_thanh_officer)
    assert draft.first_submitted_at == draft.submitted_at
    assert draft.is_late  # sent today, long after 17 January
    returned = submission_return(submission=draft, user=world.th_coordinator, comment="Sửa số")
    assert submission_submit(submission=returned, user=world.hac_thanh_officer).is_late
