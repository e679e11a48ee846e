"""Demo reporting data: two report forms and two years of believable figures.

A commune monthly form and a province quarterly form; every demo commune reports every
month whose window has closed. Before 1 July 2025 the demo communes did not exist: the
old communes they were formed from report instead (and the old province reports its
quarters), so the roll-up across the reform has something to show. Most reports are
approved, some were sent late, one is returned with a comment, and the latest month is
still coming in (drafts, reports waiting for approval, one missing).

Figures are random but fixed by a seed per unit and period: running it twice creates
nothing new. Rows are written in bulk (demo data, no audit trail needed).
"""

from __future__ import annotations

import datetime
import random
import zlib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from lanhmanh.accounts.models import User
from lanhmanh.core.history import formed_from
from lanhmanh.core.scoping import prefix_q
from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.indicators.models import Indicator
from lanhmanh.plans.models import Target

from .metadata import import_package
from .models import (
    ReportForm,
    Status,
    Submission,
    SubmissionText,
    SubmissionValue,
)
from .periods import month, quarter
from .progress import suggest_indicator

# The demo's forms come from the national metadata package, as any province's would.
PACKAGE = Path(__file__).resolve().parent / "metadata" / "national.json"
COMMUNE_FORM_CODE = "xa-thang"
PROVINCE_FORM_CODE = "tinh-quy"
RETURN_COMMENT = (
    "Số lượt người tham dự tuyên truyền chưa khớp với biên bản các buổi tuyên truyền; "
    "đề nghị kiểm tra lại và gửi lại báo cáo."
)
REFORM = datetime.date(2025, 7, 1)


@dataclass
class ReportingDemo:
    forms: list[ReportForm] = field(default_factory=list)
    submissions: int = 0
    targets_linked: int = 0


def demo_forms() -> list[ReportForm]:
    """Import the national package (nothing changes when it is already there) and return
    the commune monthly and province quarterly forms."""
    import_package(PACKAGE.read_bytes())
    return [
        ReportForm.objects.get(code=COMMUNE_FORM_CODE, current=True),
        ReportForm.objects.get(code=PROVINCE_FORM_CODE, current=True),
    ]


@transaction.atomic
def reporting_demo_build(
    province_unit: AdministrativeUnit,
    communes: list[AdministrativeUnit],
    years=(2025, 2026),
    *,
    today: datetime.date | None = None,
) -> ReportingDemo:
    today = today or timezone.localdate()
    demo = ReportingDemo(forms=demo_forms())
    commune_form, province_form = demo.forms
    users = {u.username: u for u in User.objects.filter(username__in=_DEMO_USERS)}
    batch = _Batch(users.get("demo_data_officer"), users.get("demo_coordinator"))
    old_communes = formed_from(communes)
    old_province = formed_from([province_unit])

    monthly = [month(y, m) for y in years for m in range(1, 13)]
    monthly = [p for p in monthly if p.window.end < today]
    for index, period in enumerate(monthly):
        last = index == len(monthly) - 1
        units = communes if period.window.end >= REFORM else old_communes
        for position, unit in enumerate(units):
            if last and position == len(units) - 1:
                continue  # one commune has not reported the latest month yet
            status = _status(last, position, returned=index == len(monthly) - 2 and position == 1)
            batch.add(commune_form, unit, period, status, _commune_figures)
    quarters = [quarter(y, q) for y in years for q in range(1, 5)]
    for period in [p for p in quarters if p.window.end < today]:
        units = [province_unit] if period.window.end >= REFORM else old_province[:1]
        for unit in units:
            batch.add(province_form, unit, period, Status.APPROVED, _province_figures)
    demo.submissions = batch.save()
    demo.targets_linked = _link_targets([province_unit, *old_province])
    return demo


_DEMO_USERS = ("demo_data_officer", "demo_coordinator")


def _status(last: bool, position: int, *, returned: bool) -> str:
    if returned:
        return Status.RETURNED
    if last:
        return (Status.SUBMITTED, Status.DRAFT, Status.APPROVED)[position % 3]
    return Status.APPROVED


def _rng(unit, period) -> random.Random:
    return random.Random(zlib.crc32(f"{unit.path}{period.key}".encode()))  # noqa: S311 - demo figures


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


class _Batch:
    """Submissions and their figures, written in two bulk inserts."""

    def __init__(self, officer, reviewer):
        self.officer, self.reviewer = officer, reviewer
        self.submissions: list[Submission] = []
        self.figures: list[list] = []
        self.texts: list[list] = []
        self.sections: dict[int, list] = {}
        self.indicators: dict[str, Indicator] = {}
        self.existing: set | None = None

    def add(self, form, unit, period, status, figures) -> None:
        if self.existing is None:
            self.existing = set(Submission.objects.values_list("form", "unit", "period_key"))
        if (form.pk, unit.pk, period.key) in self.existing:
            return
        rng = _rng(unit, period)
        deadline = form.deadline(period, unit.level)
        late = rng.random() < 0.15
        days = rng.randint(1, 6) if late else -rng.randint(0, 2)
        sent_on = deadline + datetime.timedelta(days=days)
        submission = Submission(
            form=form,
            unit=unit,
            period_kind=period.kind,
            period_key=period.key,
            period_start=period.window.start,
            period_end=period.window.end,
            deadline=deadline,
            status=status,
            created_by=self.officer,
        )
        if status != Status.DRAFT:
            submission.submitted_at = _at(sent_on, 9 + rng.randint(0, 7))
            submission.first_submitted_at = submission.submitted_at
            submission.submitted_by = self.officer
        if status == Status.APPROVED:
            submission.approved_at = _at(sent_on + datetime.timedelta(days=rng.randint(1, 4)), 15)
            submission.approved_by = self.reviewer
        if status == Status.RETURNED:
            submission.returned_comment = RETURN_COMMENT
        self.submissions.append(submission)
        self.figures.append(list(figures(rng, period)))
        if form.pk not in self.sections:
            self.sections[form.pk] = list(form.sections.all())
        sections = self.sections[form.pk]
        self.texts.append(_texts(sections, period, rng) if status != Status.DRAFT else [])

    def save(self) -> int:
        if not self.submissions:
            return 0
        codes = {code for rows in self.figures for code, *_rest in rows}
        indicators = {i.code: i for i in Indicator.objects.filter(code__in=codes, current=True)}
        Submission.objects.bulk_create(self.submissions)
        SubmissionValue.objects.bulk_create(
            (
                SubmissionValue(
                    submission=submission,
                    indicator=indicators[code],
                    disaggregation=key,
                    numerator=Decimal(num),
                    denominator=None if den is None else Decimal(den),
                )
                for submission, rows in zip(self.submissions, self.figures, strict=True)
                for code, key, num, den in rows
            ),
            batch_size=1000,
        )
        SubmissionText.objects.bulk_create(
            (
                SubmissionText(submission=submission, section=section, text=text)
                for submission, texts in zip(self.submissions, self.texts, strict=True)
                for section, text in texts
            ),
            batch_size=1000,
        )
        return len(self.submissions)


_SITUATION = [
    "Tình hình an ninh trật tự trên địa bàn cơ bản ổn định; chưa phát hiện tụ điểm mại dâm mới.",
    "Một số cơ sở karaoke, xoa bóp hoạt động muộn, có biểu hiện trá hình; đã đưa vào diện "
    "theo dõi.",
    "Xuất hiện hoạt động môi giới mại dâm qua mạng xã hội, khó phát hiện.",
]
_DIFFICULTIES = [
    "Cán bộ làm công tác phòng, chống tệ nạn xã hội kiêm nhiệm nhiều việc.",
    "Kinh phí cho hoạt động tuyên truyền còn hạn chế.",
    "Sau sắp xếp đơn vị hành chính, địa bàn rộng, lực lượng kiểm tra còn mỏng.",
]


def _texts(sections, period, rng) -> list:
    """A sentence or two per written section, so the province has its communes' words."""
    found = []
    for section in sections:
        if section.kind == "situation":
            found.append((section, rng.choice(_SITUATION)))
        elif section.kind == "results":
            found.append(
                (section, f"Hoàn thành các nhiệm vụ {period.label.lower()} theo kế hoạch.")
            )
        elif section.kind == "difficulties":
            found.append((section, rng.choice(_DIFFICULTIES)))
        elif section.kind == "proposals" and rng.random() < 0.5:
            found.append((section, "Đề nghị cấp trên bổ sung kinh phí tuyên truyền."))
    return found


def _split(rng, total: int, shares: list[float]) -> list[int]:
    parts = [int(total * s * rng.uniform(0.8, 1.2)) for s in shares[:-1]]
    parts = [min(p, total - sum(parts[:i])) for i, p in enumerate(parts)]
    return [*parts, total - sum(parts)]


def _commune_figures(rng, period):
    activities = rng.randint(1, 4)
    participants = activities * rng.randint(25, 70)
    male, female = _split(rng, participants, [0.45, 0.55])
    received = rng.choice([0, 0, 1, 1, 2, 3])
    in_time = received - (1 if received and rng.random() < 0.2 else 0)
    reached = rng.randint(0, 12)
    r_male, r_female = _split(rng, reached, [0.1, 0.9])
    ages = _split(rng, reached, [0.05, 0.1, 0.55, 0.3])
    supported = rng.randint(0, reached)
    s_male, s_female = _split(rng, supported, [0.1, 0.9])
    found = rng.randint(0, 3)
    ran = 0 if period.number == 1 and rng.random() < 0.4 else 1
    yield from [
        ("awareness_activities", "", activities, None),
        ("awareness_participants", "", participants, None),
        ("awareness_participants", "sex:male", male, None),
        ("awareness_participants", "sex:female", female, None),
        ("communes_with_awareness_share", "", ran, 1),
        ("broadcasts", "", rng.randint(0, 6), None),
        ("tips_received", "", received, None),
        ("tips_handled_in_time", "", in_time, None),
        ("tips_handled_share", "", in_time, received),
        ("sex_workers_reached", "", reached, None),
        ("sex_workers_reached", "sex:male", r_male, None),
        ("sex_workers_reached", "sex:female", r_female, None),
        ("sex_workers_supported", "", supported, None),
        ("sex_workers_supported", "sex:male", s_male, None),
        ("sex_workers_supported", "sex:female", s_female, None),
        ("violations_handled_share", "", found - (rng.random() < 0.1 and found > 0), found),
    ]
    keys = ["age_group:under_16", "age_group:16_17", "age_group:18_29", "age_group:30_plus"]
    for key, count in zip(keys, ages, strict=True):
        yield ("sex_workers_reached", key, count, None)


def _province_figures(rng, period):
    participants = rng.randint(80, 250)
    male, female = _split(rng, participants, [0.5, 0.5])
    detected = rng.randint(8, 20)
    prosecuted = rng.randint(detected // 2, detected)
    communes = 166
    healthy = rng.randint(150, 158)
    yield from [
        ("trainings", "", rng.randint(1, 4), None),
        ("training_participants", "", participants, None),
        ("training_participants", "sex:male", male, None),
        ("training_participants", "sex:female", female, None),
        ("criminal_cases_detected", "", detected, None),
        ("criminal_cases_prosecuted", "", prosecuted, None),
        ("criminal_cases_tried", "", rng.randint(prosecuted // 2, prosecuted), None),
        ("support_models_new", "", rng.randint(0, 2), None),
        ("support_models_maintained", "", rng.randint(5, 8), None),
        ("healthy_communes", "", healthy, None),
        ("healthy_communes_share", "", healthy, communes),
        ("units_with_integration_plan_share", "", rng.randint(130, 166), communes),
        ("inspection_teams", "", rng.randint(20, 40), None),
    ]


def _link_targets(units) -> int:
    """Link the demo plans' unlinked targets to the best suggested indicator."""
    linked = 0
    in_units = prefix_q([unit.path for unit in units], "plan__unit__path")
    targets = Target.objects.filter(in_units, indicator__isnull=True).select_related("plan")
    for target in targets:
        found = suggest_indicator(target, limit=1)
        if found:
            target.indicator = found[0]
            target.save(update_fields=["indicator"])
            linked += 1
    return linked
