"""Approved totals equal the scan of the figures, through approve, return, re-approve,
reopen and the 2025 merges, and a rebuild gives the same rows as the services."""

from decimal import Decimal

import pytest

from lanhmanh.core.history import rollup_paths
from lanhmanh.geography.models import AdministrativeUnit, Scheme
from lanhmanh.indicators.models import Indicator
from lanhmanh.reporting.models import Status, SubmissionValue
from lanhmanh.reporting.periods import month, months_window, year_period
from lanhmanh.reporting.services import (
    submission_approve,
    submission_reopen,
    submission_return,
    submission_save_values,
    submission_submit,
)
from lanhmanh.reporting.totals import approved_totals, totals_rebuild
from lanhmanh.reporting.totals_models import ApprovedTotal
from tests.reporting.helpers import make_form, report

CODES = ["awareness_activities", "tips_handled_share"]
YEARS = months_window(2024, 1, 12).start, months_window(2026, 1, 12).end


def nation():
    return AdministrativeUnit(scheme=Scheme.CURRENT, code="", name="", path="2025/")


def scan(unit, window):
    """The approved figures of ``unit``'s roll-up, summed by hand from the figures."""
    prefixes = rollup_paths([unit.path])[unit.path]
    result = {}
    for v in SubmissionValue.objects.filter(
        submission__status=Status.APPROVED,
        disaggregation="",
        submission__period_start__gte=window.start,
        submission__period_end__lte=window.end,
        indicator__code__in=CODES,
    ).select_related("submission__unit", "indicator"):
        if any(v.submission.unit.path.startswith(p) for p in prefixes):
            num, den = result.get(v.indicator.code, (Decimal(0), Decimal(0)))
            result[v.indicator.code] = (num + v.numerator, den + (v.denominator or 0))
    return result


def totals(unit, window):
    indicators = list(Indicator.objects.filter(code__in=CODES, current=True))
    found = approved_totals({unit.path: rollup_paths([unit.path])[unit.path]}, indicators, window)[
        unit.path
    ]
    by_id = {i.pk: i for i in indicators}
    return {by_id[pk].code: (v.numerator, v.denominator or Decimal(0)) for pk, v in found.items()}


def check_everywhere(world):
    window = year_period(2025).window
    for unit in [
        nation(),
        world.thanh_hoa,
        world.hac_thanh,
        world.quang_ngoc,
        world.quang_binh,
        world.old_thanh_hoa,
        world.old_tp_thanh_hoa,
        world.bac_ninh,
    ]:
        for w in (window, month(2025, 3).window, month(2025, 9).window):
            assert totals(unit, w) == scan(unit, w), (unit.path, w)


@pytest.fixture
def form(db):
    return make_form()


@pytest.fixture
def reports(world, form):
    """Reports of old communes before the merge, new ones after, the province's own."""
    made = []
    for unit, period, n in [
        (world.old_dien_bien, month(2025, 3), 4),
        (world.old_lam_son, month(2025, 3), 6),
        (world.old_quang_ngoc, month(2025, 3), 1),
        (world.hac_thanh, month(2025, 9), 7),
        (world.quang_ngoc, month(2025, 9), 2),
        (world.luc_nam, month(2025, 9), 9),
    ]:
        made.append(
            report(
                world.national,
                form,
                unit,
                period,
                {"awareness_activities": n, "tips_handled_share": (1, n)},
                status=Status.SUBMITTED,
            )
        )
    return made


def test_totals_follow_approve_return_reapprove_and_reopen(world, reports):
    check_everywhere(world)  # nothing approved yet
    for s in reports:
        submission_approve(
            submission=s, user=world.th_coordinator if "38" in s.unit.path else world.bn_coordinator
        )
    check_everywhere(world)
    assert totals(world.thanh_hoa, year_period(2025).window)["awareness_activities"] == (
        Decimal(20),
        Decimal(0),
    )
    # Reopen one, correct it, send it, return it, send it again, approve it again.
    s = reports[3]
    s.refresh_from_db()
    submission_reopen(submission=s, user=world.th_coordinator, reason="Sai số")
    check_everywhere(world)
    s.refresh_from_db()
    submission_save_values(
        submission=s, values={"awareness_activities": 10}, version=s.version, user=world.national
    )
    submission_submit(submission=s, user=world.national)
    check_everywhere(world)
    submission_return(submission=s, user=world.th_coordinator, comment="Thiếu giải trình")
    check_everywhere(world)
    submission_submit(submission=s, user=world.national)
    submission_approve(submission=s, user=world.th_coordinator)
    check_everywhere(world)
    assert totals(world.hac_thanh, month(2025, 9).window)["awareness_activities"][0] == 10


def test_the_merged_communes_count_in_their_successors(world, reports):
    for s in reports[:3]:
        submission_approve(submission=s, user=world.th_coordinator)
    march = month(2025, 3).window
    # Hạc Thành was formed from Điện Biên and Lam Sơn; Quảng Ngọc's old commune counts
    # whole for both of its successors.
    assert totals(world.hac_thanh, march)["awareness_activities"][0] == 10
    assert totals(world.quang_ngoc, march)["awareness_activities"][0] == 1
    assert totals(world.quang_binh, march)["awareness_activities"][0] == 1
    assert totals(world.thanh_hoa, march)["awareness_activities"][0] == 11
    assert totals(nation(), march)["awareness_activities"][0] == 11


def test_a_rebuild_gives_the_rows_the_services_keep(world, reports):
    for s in reports:
        submission_approve(
            submission=s, user=world.th_coordinator if "38" in s.unit.path else world.bn_coordinator
        )
    reports[0].refresh_from_db()
    submission_reopen(submission=reports[0], user=world.th_coordinator, reason="Sai")

    def rows():
        return sorted(
            ApprovedTotal.objects.values_list(
                "path",
                "indicator",
                "period_start",
                "period_end",
                "numerator",
                "denominator",
                "reports",
            )
        )

    kept = rows()
    assert kept
    totals_rebuild()
    assert rows() == kept


def test_totals_of_many_units_cost_two_queries(world, reports, django_assert_num_queries):
    for s in reports:
        submission_approve(
            submission=s, user=world.th_coordinator if "38" in s.unit.path else world.bn_coordinator
        )
    indicators = list(Indicator.objects.filter(code__in=CODES, current=True))
    units = [world.thanh_hoa, world.hac_thanh, world.quang_ngoc, world.bac_ninh]
    prefixes = rollup_paths([u.path for u in units])
    with django_assert_num_queries(2):
        approved_totals(prefixes, indicators, year_period(2025).window, by_period=True)


def test_totals_equal_the_scan_after_any_sequence_of_reviews(world, reports):
    """Forty random steps of the review cycle (approve, return, send again, reopen,
    correct): the totals equal the scan after each."""
    import random

    rng = random.Random(17)
    reviewer = {True: world.th_coordinator, False: world.bn_coordinator}
    for _step in range(40):
        s = rng.choice(reports)
        s.refresh_from_db()
        by = reviewer["/38/" in s.unit.path]
        if s.status == Status.SUBMITTED:
            if rng.random() < 0.6:
                submission_approve(submission=s, user=by)
            else:
                submission_return(submission=s, user=by, comment="Sửa lại")
        elif s.status == Status.APPROVED:
            submission_reopen(submission=s, user=by, reason="Sai số")
        else:
            submission_save_values(
                submission=s,
                values={"awareness_activities": rng.randint(0, 9)},
                version=s.version,
                user=world.national,
            )
            submission_submit(submission=s, user=world.national)
        check_everywhere(world)
