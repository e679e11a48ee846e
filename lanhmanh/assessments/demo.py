"""Demo assessments: two years of the healthy-commune classification of the demo
province's communes. Last year's are all approved; this year's are approved, sent up and
waiting for the province, or still being written by the commune, so that every screen and
to-do has something to show. Built through the services (the proposals read the demo's
hotspots, activities and register), by the national demo administrator.

Deterministic (a fixed random seed) and run once: if the province's communes already have
assessments, nothing is added.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from lanhmanh.core.scoping import within

from . import services
from .models import Assessment, FrameworkKind, Rule

SEED = 2026
# By the commune's place in the demo's list: who scored well each year (one commune loses
# the recognition this year, one gains it), and which of this year's are approved already
# or sent up to the province (the others are still drafts at the commune).
STRONG = {"last": {0, 3, 4}, "this": {0, 4, 5}}
APPROVED_THIS_YEAR = {0, 3, 5}
SUBMITTED_THIS_YEAR = {1, 4}
PAPER_RECORDS = "Có hồ sơ giấy lưu tại xã (biên bản, bản cam kết) chưa nhập vào hệ thống."


def _answer(assessment, rng, strong: bool) -> None:
    """Points for the criteria the system has no data for; a strong commune overrides
    a low proposal with its reason."""
    answers = {}
    for answer in assessment.answers.select_related("criterion"):
        c = answer.criterion
        if answer.proposal:
            # A strong commune holds paper records the register does not have yet.
            low = answer.proposed_points is not None and answer.proposed_points < c.max_points
            if strong and low:
                answers[c.pk] = {"points": c.max_points, "override_reason": PAPER_RECORDS}
            continue
        if c.rule == Rule.POINTS:
            share = Decimal(rng.choice([8, 9, 10] if strong else [4, 5, 6, 7])) / 10
            answers[c.pk] = {"points": (c.max_points * share).quantize(Decimal("1"))}
        else:
            answers[c.pk] = {"passed": strong or rng.random() < 0.5}
    services.answers_save(
        assessment=assessment, by=assessment.created_by, version=assessment.version, answers=answers
    )


@transaction.atomic
def assessments_demo_build(province, communes, *, today: datetime.date) -> int:
    if Assessment.objects.filter(within(province)).exists():
        return 0
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    if admin is None:
        return 0
    rng = random.Random(SEED)  # noqa: S311 - demo records, reproducible on purpose
    made = 0
    for year in (today.year - 1, today.year):
        for i, commune in enumerate(communes):
            kinds = [FrameworkKind.PROSTITUTION] + ([FrameworkKind.DRUGS] if i < 2 else [])
            for kind in kinds:
                last = year < today.year
                strong = i in STRONG["last" if last else "this"]
                a = services.assessment_create(
                    unit=commune, year=year, kind=kind, by=admin, today=today
                )
                _answer(a, rng, strong)
                made += 1
                if not last and i not in APPROVED_THIS_YEAR | SUBMITTED_THIS_YEAR:
                    continue  # still a draft at the commune
                a.refresh_from_db()
                a = services.assessment_submit(assessment=a, by=admin, version=a.version)
                if not last and i not in APPROVED_THIS_YEAR:
                    continue  # waiting for the province
                on = datetime.date(year, 12, 10) if last else today - datetime.timedelta(days=3)
                services.assessment_approve(
                    assessment=a,
                    by=admin,
                    version=a.version,
                    on=max(on, datetime.date(year, 1, 1)),
                    comment="Thống nhất kết quả tự đánh giá.",
                )
    return made
