"""Sample plans for the demo: the real plan documents of the shared seeds folder, each read
by the importer and attached to the unit that issued it as the map was on its date (a
2021 plan of quận Ba Đình stays on the pre-2025 district), saved as issued plans.

The folder is the argument, else ``LANHMANH_SEEDS_DIR``, else ``../shared/seeds`` beside
the repository. Without one, nothing is done and the caller says the samples were skipped
(``MSG_SKIPPED``). Running it again adds nothing: a seed whose plan exists for the same
unit, year and title is left alone. A seed whose unit is not loaded is skipped too.
"""

from __future__ import annotations

import datetime
import logging
import os
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.geography.resolve import units_matching
from lanhmanh.indicators.models import Indicator
from lanhmanh.organizations.models import Agency
from lanhmanh.organizations.services import unit_label

from .importer import DocumentReadError, parse_plan, read_document
from .models import Plan, PlanStatus, Target, Task
from .services import plan_create_from_draft, plan_year

__all__ = ["MSG_SKIPPED", "SEEDS_ENV", "plans_demo_build", "seeds_dir_find"]

SEEDS_ENV = "LANHMANH_SEEDS_DIR"
MSG_SKIPPED = (
    "Không tìm thấy thư mục văn bản mẫu (biến LANHMANH_SEEDS_DIR hoặc ../shared/seeds): "
    "bỏ qua các kế hoạch mẫu."
)

log = logging.getLogger(__name__)


def seeds_dir_find(seeds_dir: Path | str | None = None) -> Path | None:
    """The seeds folder to read, or None when there is none."""
    if seeds_dir is not None:
        candidates = [Path(seeds_dir)]
    elif os.environ.get(SEEDS_ENV):
        candidates = [Path(os.environ[SEEDS_ENV])]
    else:
        candidates = [Path(settings.BASE_DIR).parent / "shared" / "seeds"]
    return next((path for path in candidates if path.is_dir()), None)


def plans_demo_build(seeds_dir: Path | None, user=None) -> list[Plan]:
    """Import every ``*.txt`` of the seeds folder; returns the seeds' plans (found or new).

    An empty list when there is no folder: the caller prints ``MSG_SKIPPED``.
    """
    folder = seeds_dir_find(seeds_dir)
    if folder is None:
        return []
    plans = []
    for path in sorted(folder.glob("*.txt")):
        plan = _seed_plan(path, user)
        if plan is not None:
            plans.append(plan)
    return plans


def _seed_plan(path: Path, user) -> Plan | None:
    try:
        text = read_document(path.read_bytes(), path.name)
    except (OSError, DocumentReadError) as exc:
        log.warning("Bỏ qua %s: %s", path.name, exc)
        return None
    draft = parse_plan(text).to_dict()
    unit = _unit_of(draft)
    if unit is None:
        log.warning("Bỏ qua %s: chưa có đơn vị ban hành %s", path.name, draft.get("unit"))
        return None
    year, title = plan_year(draft), draft.get("title") or ""
    existing = Plan.objects.filter(unit=unit, year_from=year, title=title).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            plan = plan_create_from_draft(draft=draft, unit=unit, user=user, source_text=text)
            # The seeds are documents that were signed and sent: issued, not drafts.
            plan.status = PlanStatus.ISSUED
            plan.save(update_fields=["status"])
    except ValidationError as exc:
        log.warning("Bỏ qua %s: %s", path.name, exc)
        return None
    return plan


def _unit_of(draft: dict) -> AdministrativeUnit | None:
    """The unit the document names, as it was on the document's date (or on 31 December
    of its year); None when it is not loaded or the name is ambiguous."""
    info = draft.get("unit") or {}
    if not info.get("name"):
        return None
    day = (
        datetime.date.fromisoformat(draft["date"])
        if draft.get("date")
        else datetime.date(plan_year(draft), 12, 31)
    )
    found = units_matching(
        name=info["name"], level=info.get("level"), parent_name=info.get("parent"), on=day
    )
    return found[0] if len(found) == 1 else None


# This year's plan of the demo province, so that target progress has figures to show: the
# seeds are plans of past years (or of other provinces). Its targets are those the seed of
# Thanh Hóa sets every year (with numbers fit for the demo register), each linked to the
# indicator that measures it.
CURRENT_PLAN_TITLE = "Kế hoạch thực hiện công tác phòng, chống mại dâm năm {year}"
# (statement, comparator, numbers, measure, indicator code)
CURRENT_TARGETS = [
    ("Kiểm tra từ 150 đến 200 cơ sở kinh doanh dịch vụ dễ bị lợi dụng để hoạt động mại dâm",
     "between", {"low": 150, "high": 200}, "count", "establishments_inspected"),
    ("Kiểm tra ít nhất 20% số cơ sở kinh doanh dịch vụ dễ bị lợi dụng để hoạt động mại dâm",
     ">=", {"value": 20}, "percent", "establishments_inspected_share"),
    ("Tổ chức tuyên truyền về phòng, chống mại dâm ít nhất 2 lần/tháng",
     ">=", {"value": 2}, "times_per_month", "activities_awareness_held"),
    ("100% tin tố giác, tin báo về mại dâm được tiếp nhận, xử lý kịp thời",
     "=", {"value": 100}, "percent", "tips_handled_share"),
    ("Xây dựng mới 02 mô hình hỗ trợ người bán dâm", ">=", {"value": 2}, "count",
     "support_models_new"),
    ("Duy trì 06 mô hình hỗ trợ người bán dâm", ">=", {"value": 6}, "count",
     "support_models_maintained"),
]  # fmt: skip
# (sector, task): the lead agencies of the province.
CURRENT_TASKS = [
    ("police", "Chủ trì tổ chức kiểm tra các cơ sở kinh doanh dịch vụ dễ bị lợi dụng để hoạt "
     "động mại dâm; đấu tranh, triệt phá các đường dây, ổ nhóm mại dâm."),
    ("culture", "Phối hợp Đội kiểm tra liên ngành 178 kiểm tra các cơ sở kinh doanh dịch vụ văn "
     "hóa, du lịch; hướng dẫn các cơ sở ký cam kết không để xảy ra hoạt động mại dâm."),
    ("health", "Tổ chức các mô hình hỗ trợ người bán dâm tiếp cận dịch vụ y tế, xã hội; "
     "theo dõi, tổng hợp kết quả thực hiện, báo cáo Ủy ban nhân dân tỉnh."),
]  # fmt: skip


@transaction.atomic
def current_plan_demo_build(unit: AdministrativeUnit, year: int, user=None) -> Plan:
    """The issued plan of ``unit`` for ``year`` with the targets above (found if it exists)."""
    title = CURRENT_PLAN_TITLE.format(year=year)
    existing = Plan.objects.filter(unit=unit, year_from=year, title=title).first()
    if existing is not None:
        return existing
    agencies = {
        a.sector.code: a
        for a in Agency.objects.filter(unit=unit).select_related("sector").order_by("-pk")
    }
    plan = Plan.objects.create(
        unit=unit,
        issuing_agency=agencies.get("people_committee"),
        issuer_name=f"Ủy ban nhân dân {unit_label(unit)}",
        number="25/KH-UBND",
        place=unit.name,
        issued_on=datetime.date(year, 1, 20),
        year_from=year,
        year_to=year,
        title=title,
        topics=["prostitution"],
        status=PlanStatus.ISSUED,
        signer="Lê Đức Thắng",
        signature_form="KT.",
        signer_title="Phó Chủ tịch",
        recipients="Bộ Công an; Thường trực Tỉnh ủy; Chủ tịch, các Phó Chủ tịch UBND tỉnh; "
        "các sở, ban, ngành; UBND các xã, phường; Lưu: VT.",
        created_by=user,
    )
    codes = [t[4] for t in CURRENT_TARGETS]
    indicators = {i.code: i for i in Indicator.objects.current().filter(code__in=codes)}
    Target.objects.bulk_create(
        Target(
            plan=plan,
            order=order,
            statement=statement,
            quote=statement,
            comparator=comparator,
            measure=measure,
            indicator=indicators.get(code),
            **numbers,
        )
        for order, (statement, comparator, numbers, measure, code) in enumerate(CURRENT_TARGETS)
    )
    Task.objects.bulk_create(
        Task(plan=plan, order=order, text=text, lead=agencies.get(sector), when=f"Năm {year}")
        for order, (sector, text) in enumerate(CURRENT_TASKS)
    )
    return plan
