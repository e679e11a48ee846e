"""One search over what the user may see, blind to diacritics and case ('thanh hoa'
finds 'Thanh Hóa'): units, agencies, plans, targets, establishments, hotspots, reports,
tips and activities, each through its model's ``visible_to``.

Units, agencies and establishments keep a folded search key in the database; the other
records are folded here, reading only their pk and the searched columns. Support cases
are never searched, and tips only by their number and commune: nothing a person wrote
or is known by reaches a result."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lanhmanh.activities.models import Activity
from lanhmanh.core.text import fold
from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.inspections.models import Establishment, Hotspot
from lanhmanh.organizations.models import Agency
from lanhmanh.plans.models import Plan, Target
from lanhmanh.reporting.models import ReportForm, Submission
from lanhmanh.tips.models import Tip

LIMIT = 20


@dataclass
class Hit:
    label: str
    url: str
    detail: str = ""


@dataclass
class Section:
    key: str
    title: str
    hits: list[Hit] = field(default_factory=list)
    more: bool = False  # more than LIMIT matched


def _folded_pks(rows: Iterable[tuple], key: str, limit: int) -> list[int]:
    """The pks of the first ``limit`` + 1 rows (pk, text, …) whose folded text holds ``key``."""
    found = []
    for pk, *texts in rows:
        if key in fold(" ".join(t for t in texts if t)):
            found.append(pk)
            if len(found) > limit:
                break
    return found


def _fetched(queryset, fields: tuple[str, ...], key: str, order: tuple[str, ...]):
    pks = _folded_pks(queryset.order_by(*order).values_list("pk", *fields).iterator(), key, LIMIT)
    manager = queryset.model._default_manager
    objects = manager.filter(pk__in=pks[:LIMIT]) if pks else manager.none()
    return objects, len(pks) > LIMIT


def _section(key, title, objects, more, hit) -> Section:
    return Section(key, str(title), [hit(o) for o in objects], more)


def _unit_detail(unit) -> str:
    parts = [str(unit.parent)] if unit.parent else []
    if not unit.is_current:
        parts.append(str(_("trước 01/07/2025")))
    return " · ".join(parts)


def search(user, query: str) -> list[Section]:
    key = fold(query)
    if not key:
        return []
    sections: list[Section] = []

    units = list(
        AdministrativeUnit.objects.visible_to(user)
        .search(query)
        .select_related("parent")
        .order_by("valid_to", "path")[: LIMIT + 1]
    )
    sections.append(
        _section(
            "units",
            _("Đơn vị hành chính"),
            units[:LIMIT],
            len(units) > LIMIT,
            lambda u: Hit(str(u), u.get_absolute_url(), _unit_detail(u)),
        )
    )
    agencies = list(
        Agency.objects.visible_to(user).search(query).select_related("unit")[: LIMIT + 1]
    )
    sections.append(
        _section(
            "agencies",
            _("Cơ quan"),
            agencies[:LIMIT],
            len(agencies) > LIMIT,
            lambda a: Hit(str(a), a.get_absolute_url(), str(a.unit)),
        )
    )

    plans, more = _fetched(
        Plan.objects.visible_to(user), ("number", "title"), key, ("-year_from", "-pk")
    )
    sections.append(
        _section(
            "plans",
            _("Kế hoạch"),
            plans.select_related("unit").order_by("-year_from", "-pk"),
            more,
            lambda p: Hit(str(p), p.get_absolute_url(), str(p.unit)),
        )
    )
    targets, more = _fetched(
        Target.objects.visible_to(user), ("statement",), key, ("-plan__year_from", "pk")
    )
    sections.append(
        _section(
            "targets",
            _("Chỉ tiêu"),
            targets.select_related("plan", "plan__unit").order_by("-plan__year_from", "pk"),
            more,
            lambda t: Hit(t.statement[:160], t.plan.get_absolute_url(), str(t.plan)),
        )
    )

    establishments = list(
        Establishment.objects.visible_to(user)
        .search(query)
        .select_related("unit")
        .order_by("name", "pk")[: LIMIT + 1]
    )
    sections.append(
        _section(
            "establishments",
            _("Cơ sở kinh doanh"),
            establishments[:LIMIT],
            len(establishments) > LIMIT,
            lambda e: Hit(str(e), e.get_absolute_url(), str(e.unit)),
        )
    )
    hotspots, more = _fetched(Hotspot.objects.visible_to(user), ("name",), key, ("name", "pk"))
    sections.append(
        _section(
            "hotspots",
            _("Tụ điểm"),
            hotspots.select_related("unit").order_by("name", "pk"),
            more,
            lambda h: Hit(str(h), h.get_absolute_url(), str(h.unit)),
        )
    )

    # Reports: by the name of their form or of their unit; the newest first.
    form_pks = _folded_pks(ReportForm.objects.values_list("pk", "name", "code"), key, 10_000)
    unit_pks = AdministrativeUnit.objects.search(query).values("pk")
    reports = list(
        Submission.objects.visible_to(user)
        .filter(Q(form__in=form_pks) | Q(unit__in=unit_pks))
        .select_related("form", "unit")
        .order_by("-period_end", "unit__path", "pk")[: LIMIT + 1]
    )
    sections.append(
        _section(
            "reports",
            _("Báo cáo"),
            reports[:LIMIT],
            len(reports) > LIMIT,
            lambda s: Hit(
                f"{s.form.name} — {s.unit} — {s.period.label}",
                reverse("reporting:submission_detail", args=[s.pk]),
                s.get_status_display(),
            ),
        )
    )

    tips, more = _fetched(
        Tip.objects.visible_to(user), ("reference", "commune__name"), key, ("-received_at",)
    )
    sections.append(
        _section(
            "tips",
            _("Tin báo"),
            tips.select_related("commune").order_by("-received_at"),
            more,
            lambda t: Hit(str(t), t.get_absolute_url(), f"{t.commune} · {t.get_status_display()}"),
        )
    )
    activities, more = _fetched(
        Activity.objects.visible_to(user), ("title", "place"), key, ("-pk",)
    )
    sections.append(
        _section(
            "activities",
            _("Hoạt động"),
            activities.select_related("unit").order_by("-pk"),
            more,
            lambda a: Hit(str(a), a.get_absolute_url(), str(a.unit)),
        )
    )
    return sections
