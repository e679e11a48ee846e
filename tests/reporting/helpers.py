"""Report forms and submissions for tests, made through the services."""

from lanhmanh.accounts.models import User
from lanhmanh.geography.models import Level
from lanhmanh.indicators.models import Indicator
from lanhmanh.reporting.models import ReportForm, ReportFormIndicator, Status
from lanhmanh.reporting.periods import PeriodKind
from lanhmanh.reporting.services import (
    submission_approve,
    submission_create,
    submission_save_values,
    submission_submit,
)

# The commune monthly form of the tests: (code, disaggregations, required)
COMMUNE_ROWS = [
    ("awareness_activities", [], True),
    ("tips_handled_share", [], False),
    ("support_models_maintained", [], False),
    ("sex_workers_reached", ["sex"], False),
    ("communes_with_awareness_share", [], False),
]


def make_form(
    code="test-xa-thang",
    rows=COMMUNE_ROWS,
    *,
    periodicity=PeriodKind.MONTH,
    level=Level.COMMUNE,
    sector=None,
    deadline_days=3,
    offsets=None,
):
    form = ReportForm.objects.create(
        code=code,
        name=f"Biểu {code}",
        periodicity=periodicity,
        unit_level=level,
        sector=sector,
        deadline_days=deadline_days,
        deadline_offsets=offsets or {},
    )
    for order, (indicator_code, dims, required) in enumerate(rows):
        ReportFormIndicator.objects.create(
            form=form,
            indicator=Indicator.objects.get(code=indicator_code),
            order=order,
            disaggregations=dims,
            required=required,
        )
    return form


def other_reviewer(by):
    """A national administrator who is not ``by``: nobody approves what they sent."""
    others = User.objects.filter(is_superuser=True, is_active=True).exclude(pk=by.pk)
    return others.order_by("pk").first() or User.objects.create_user(
        username="second_national", password="x" * 12, is_superuser=True
    )


def report(by, form, unit, period, values, status=Status.APPROVED, reviewer=None, agency=None):
    """A submission of ``unit`` with ``values``, taken to ``status`` by ``by``."""
    submission = submission_create(form=form, unit=unit, period=period, user=by, agency=agency)
    submission_save_values(
        submission=submission, values=values, version=submission.version, user=by
    )
    if status in (Status.SUBMITTED, Status.APPROVED):
        submission_submit(submission=submission, user=by)
    if status == Status.APPROVED:
        submission_approve(submission=submission, user=reviewer or other_reviewer(by))
    submission.refresh_from_db()
    return submission
