"""The data officer's screens: reports due, opening one, entering figures, saving with the
version for optimistic concurrency, submitting."""

import html
from decimal import Decimal

import pytest
from django.urls import reverse

from lanhmanh.accounts.models import Membership
from lanhmanh.accounts.roles import Role
from lanhmanh.reporting import selectors
from lanhmanh.reporting.models import Status, Submission
from lanhmanh.reporting.periods import month
from lanhmanh.reporting.services import STALE_VERSION, submission_create, submission_save_values
from lanhmanh.reporting.validation import NEGATIVE, NOT_A_NUMBER, NUMERATOR_OVER_DENOMINATOR
from lanhmanh.reporting.views import SAVED, SUBMITTED
from tests.reporting.helpers import make_form

JAN = month(2026, 1)


@pytest.fixture
def form(db):
    return make_form()


@pytest.fixture
def draft(world, form):
    return submission_create(
        form=form, unit=world.hac_thanh, period=JAN, user=world.hac_thanh_officer
    )


def url(submission):
    return reverse("reporting:submission_detail", args=[submission.pk])


def entry(**cells):
    """POST data of the entry screen: count cells as v:<key>, ratios as (num, den)."""
    data = {}
    for key, raw in cells.items():
        if isinstance(raw, tuple):
            data[f"n:{key}"], data[f"d:{key}"] = raw
        else:
            data[f"v:{key}"] = raw
    return data


def figures(submission):
    return {
        (v.indicator.code, v.disaggregation): (v.numerator, v.denominator)
        for v in submission.values.select_related("indicator")
    }


# My reports


def test_my_reports_lists_the_form_due_for_the_officers_unit(world, form, client_for):
    response = client_for(world.hac_thanh_officer).get(reverse("reporting:my_reports"))
    assert response.status_code == 200
    period = selectors.period_due(form)
    page = response.content.decode()
    assert form.name in page
    assert period.label in page
    assert "Chưa lập" in page


def test_my_reports_query_count_does_not_grow_with_forms(
    world, client_for, django_assert_num_queries
):
    for i in range(5):
        make_form(code=f"xa-{i}")
    client = client_for(world.hac_thanh_officer)
    # Beside the forms of the unit: the forms of its team 178 and the ad hoc requests due.
    with django_assert_num_queries(15):
        assert client.get(reverse("reporting:my_reports")).status_code == 200
    for i in range(5, 10):
        make_form(code=f"xa-{i}")
    with django_assert_num_queries(15):
        assert client.get(reverse("reporting:my_reports")).status_code == 200


def test_a_user_without_the_module_gets_404(world, client_for):
    assert client_for(world.th_inspector).get(reverse("reporting:my_reports")).status_code == 404
    assert client_for(world.nobody).get(reverse("reporting:my_reports")).status_code == 404


def test_opening_a_report_creates_it_once(world, form, client_for):
    client = client_for(world.hac_thanh_officer)
    period = selectors.period_due(form)
    data = {"form": form.pk, "unit": world.hac_thanh.pk, "period": period.key}
    first = client.post(reverse("reporting:submission_open"), data)
    second = client.post(reverse("reporting:submission_open"), data)
    submission = Submission.objects.get()
    assert first.url == second.url == url(submission)
    assert submission.status == Status.DRAFT
    assert submission.created_by == world.hac_thanh_officer


def test_opening_a_report_of_a_unit_outside_the_scope_gives_404(world, form, client_for):
    data = {"form": form.pk, "unit": world.luc_nam.pk, "period": JAN.key}
    assert (
        client_for(world.hac_thanh_officer)
        .post(reverse("reporting:submission_open"), data)
        .status_code
        == 404
    )
    assert not Submission.objects.exists()


def test_a_leader_cannot_open_a_report(world, form, client_for):
    data = {"form": form.pk, "unit": world.hac_thanh.pk, "period": JAN.key}
    assert (
        client_for(world.th_leader).post(reverse("reporting:submission_open"), data).status_code
        == 403
    )
    assert not Submission.objects.exists()


# The entry screen


def test_the_entry_screen_has_a_row_per_indicator_and_part(world, draft, client_for):
    response = client_for(world.hac_thanh_officer).get(url(draft))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="v:awareness_activities"' in page
    assert 'name="n:tips_handled_share"' in page and 'name="d:tips_handled_share"' in page
    assert 'name="v:sex_workers_reached|sex:female"' in page
    assert "Lưu và gửi báo cáo" in page


def test_saving_figures_keeps_them_and_bumps_the_version(world, draft, client_for):
    client = client_for(world.hac_thanh_officer)
    data = {"version": draft.version, "action": "save"}
    data |= entry(awareness_activities="3", tips_handled_share=("2", "4"))
    response = client.post(url(draft), data, follow=True)
    assert str(SAVED) in response.content.decode()
    draft.refresh_from_db()
    assert draft.version == 2
    assert figures(draft) == {
        ("awareness_activities", ""): (Decimal(3), None),
        ("tips_handled_share", ""): (Decimal(2), Decimal(4)),
    }


def test_bad_cells_show_their_errors_in_vietnamese_and_save_nothing(world, draft, client_for):
    client = client_for(world.hac_thanh_officer)
    data = {"version": draft.version, "action": "save"}
    data |= entry(awareness_activities="ba", tips_handled_share=("5", "4"))
    data["v:sex_workers_reached"] = "-1"
    response = client.post(url(draft), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert str(NOT_A_NUMBER % {"value": "ba"}) in html.unescape(page)
    assert str(NUMERATOR_OVER_DENOMINATOR) in page
    assert str(NEGATIVE) in page
    assert 'value="ba"' in page  # what was typed stays on screen
    assert not draft.values.exists()


def test_a_stale_save_is_refused_and_keeps_what_the_user_typed(world, draft, client_for):
    submission_save_values(
        submission=draft,
        values={"awareness_activities": "1"},
        version=1,
        user=world.hac_thanh_officer,
    )
    client = client_for(world.hac_thanh_officer)
    data = {"version": 1, "action": "save"} | entry(awareness_activities="7")
    response = client.post(url(draft), data)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Báo cáo đã được người khác cập nhật" in page
    assert str(STALE_VERSION)[:40] in page
    assert 'value="7"' in page
    assert figures(draft)[("awareness_activities", "")] == (Decimal(1), None)


def test_save_and_submit_sends_the_report(world, draft, client_for):
    client = client_for(world.hac_thanh_officer)
    data = {"version": draft.version, "action": "submit"} | entry(awareness_activities="2")
    response = client.post(url(draft), data, follow=True)
    assert str(SUBMITTED) in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    # a submitted report is shown read-only to its officer
    page = client.get(url(draft)).content.decode()
    assert 'name="v:awareness_activities"' not in page


def test_submitting_without_the_required_figures_says_which(world, draft, client_for):
    client = client_for(world.hac_thanh_officer)
    data = {"version": draft.version, "action": "submit"}
    response = client.post(url(draft), data, follow=True)
    assert "Chưa nhập số liệu bắt buộc" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_the_report_of_a_unit_outside_the_scope_gives_404(world, draft, client_for):
    client = client_for(world.bn_coordinator)
    assert client.get(url(draft)).status_code == 404
    assert (
        client.post(url(draft), {"version": 1} | entry(awareness_activities="1")).status_code == 404
    )


def test_a_leader_reads_the_report_but_cannot_save(world, draft, client_for):
    client = client_for(world.th_leader)
    page = client.get(url(draft))
    assert page.status_code == 200
    assert 'name="v:awareness_activities"' not in page.content.decode()
    response = client.post(url(draft), {"version": 1} | entry(awareness_activities="1"))
    assert response.status_code == 403
    assert not draft.values.exists()


def test_an_officer_whose_membership_ended_gets_404(world, draft, client_for):
    import datetime

    Membership.objects.filter(user=world.hac_thanh_officer).update(
        valid_to=datetime.date(2020, 1, 1)
    )
    assert client_for(world.hac_thanh_officer).get(url(draft)).status_code == 404


def test_only_data_officers_roles_get_reports_due(world, form, client_for):
    # the leader has the module but no writing role: nothing is due for them
    page = client_for(world.th_leader).get(reverse("reporting:my_reports")).content.decode()
    assert form.name not in page
    assert Role.LEADER
