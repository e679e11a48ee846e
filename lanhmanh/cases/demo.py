"""Demo cases for the demo province: a dozen cases over the past year at every stage,
advanced by the province's police, procuracy and court, some from a tip, an establishment
or a hotspot of the register. Counts only: no defendant or victim is named. Written in
bulk; nothing is made twice."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from lanhmanh.inspections.models import Establishment, Hotspot
from lanhmanh.organizations.models import Agency
from lanhmanh.tips.models import Tip

from .models import STAGE_BODY, STAGE_DATE, STAGE_ORDER, CaseStep, CriminalArticle, CriminalCase

SEED = 16
# (summary, article codes, last stage reached, mobile trial, ring broken, victims, children)
CASES = [
    ("Chứa mại dâm tại nhà nghỉ", ["blhs_327"], "tried", True, False, 2, 0),
    ("Môi giới mại dâm qua mạng xã hội", ["blhs_328"], "tried", False, True, 4, 1),
    ("Chứa mại dâm tại quán karaoke", ["blhs_327"], "indicted", False, False, 3, 0),
    ("Mua dâm người dưới 18 tuổi", ["blhs_329"], "investigated", False, False, 1, 1),
    ("Môi giới mại dâm tại khu du lịch biển", ["blhs_328"], "instituted", False, True, 5, 0),
    ("Chứa và môi giới mại dâm tại cơ sở massage", ["blhs_327", "blhs_328"], "appealed",
     False, True, 6, 1),
    ("Mua bán người sang biên giới", ["blhs_150"], "indicted", False, True, 3, 1),
    ("Mua bán người dưới 16 tuổi", ["blhs_151"], "instituted", False, False, 1, 1),
    ("Chứa mại dâm tại phòng trọ", ["blhs_327"], "reported", False, False, 0, 0),
    ("Môi giới mại dâm tại tiệm gội đầu", ["blhs_328"], "reported", False, False, 2, 0),
    ("Chứa mại dâm tại khách sạn", ["blhs_327"], "tried", True, False, 2, 0),
    ("Môi giới mại dâm tại quán cà phê", ["blhs_328"], "investigated", False, False, 1, 0),
]  # fmt: skip


def cases_demo_build(province, communes, *, today: datetime.date | None = None) -> int:
    """Cases of the province; returns how many were made (0 on a second run)."""
    if CriminalCase.objects.within(province).exists() or not communes:
        return 0
    today = today or timezone.localdate()
    rng = random.Random(SEED)  # noqa: S311 - demo data, reproducible on purpose
    agencies = {
        a.sector.code: a
        for a in Agency.objects.filter(
            unit=province, sector__code__in=["police", "procuracy", "court"]
        ).select_related("sector")
    }
    if len(agencies) < 3:
        return 0
    articles = {a.code: a for a in CriminalArticle.objects.all()}
    tips = list(Tip.objects.within(province).order_by("pk")[:3])
    places = list(Establishment.objects.within(province).order_by("pk")[:3])
    hotspots = list(Hotspot.objects.within(province).order_by("pk")[:2])
    cases, steps, links = [], [], []
    for n, (summary, codes, last, mobile, ring, victims, children) in enumerate(CASES):
        stages = STAGE_ORDER[: STAGE_ORDER.index(last) + 1]
        day = today - datetime.timedelta(days=rng.randint(20 * len(stages), 330))
        dates = {}
        for stage in stages:
            dates[stage] = min(day, today)
            day += datetime.timedelta(days=rng.randint(10, 45))
        male, female = rng.randint(1, 3), rng.randint(0, 2)
        adults = male + female
        young = 1 if "18" not in summary and rng.random() < 0.2 and adults > 1 else 0
        case = CriminalCase(
            unit=communes[n % len(communes)] if n % 3 else province,
            reference=f"{n + 1:02d}/QĐ-CSĐT-{today.year if n < 6 else today.year - 1}",
            summary=summary,
            stage=last,
            mobile_trial=mobile,
            ring_broken=ring,
            victims=victims,
            victims_children=children,
            defendants_male=male,
            defendants_female=female,
            defendants_16_17=young,
            defendants_18_29=adults - young - (adults - young) // 2,
            defendants_30_plus=(adults - young) // 2,
            tip=tips[n] if n < len(tips) else None,
            establishment=places[n - 3] if 3 <= n < 3 + len(places) else None,
            hotspot=hotspots[n - 8] if 8 <= n < 8 + len(hotspots) else None,
            **{STAGE_DATE[stage]: on for stage, on in dates.items()},
        )
        cases.append(case)
        links.append([articles[c] for c in codes if c in articles])
        steps.append([(stage, on, agencies[STAGE_BODY[stage]]) for stage, on in dates.items()])
    CriminalCase.objects.bulk_create(cases)
    CriminalCase.articles.through.objects.bulk_create(
        CriminalCase.articles.through(criminalcase=case, criminalarticle=article)
        for case, found in zip(cases, links, strict=True)
        for article in found
    )
    CaseStep.objects.bulk_create(
        CaseStep(case=case, stage=stage, on=on, agency=agency)
        for case, rows in zip(cases, steps, strict=True)
        for stage, on, agency in rows
    )
    return len(cases)
