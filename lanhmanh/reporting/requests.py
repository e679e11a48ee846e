"""Ad hoc report requests: creating one, the lines it adds to each addressee's reports
due, its completeness, and the submissions that answer it.

Who may ask: a coordinator or administrator of the asking unit (or above it). What is
asked: a form, or a few indicators (the service then makes an inactive form of them, so
the answer is an ordinary submission). The window is the request's own, whatever the
forms' periodicities, and may lie in the future: the answers are opened once it began.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.roles import Role
from lanhmanh.accounts.scope import units_of
from lanhmanh.core.text import nfc
from lanhmanh.geography.models import AdministrativeUnit, Level
from lanhmanh.organizations.models import Agency

from .models import ReportForm, ReportFormIndicator, ReportRequest, Submission
from .periods import Period, PeriodKind
from .selectors import Completeness

ASKERS = (Role.COORDINATOR, Role.ADMINISTRATOR)

NOT_ASKER = _("Chỉ điều phối viên hoặc quản trị viên của đơn vị mới được yêu cầu báo cáo.")
TITLE_REQUIRED = _("Vui lòng ghi nội dung yêu cầu.")
FORM_OR_INDICATORS = _("Chọn một biểu mẫu hoặc một số chỉ số (không chọn cả hai).")
WINDOW_REVERSED = _("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.")
DEADLINE_TOO_EARLY = _("Hạn gửi phải sau ngày cuối của thời gian lấy số liệu.")
UNITS_REQUIRED = _("Chọn ít nhất một đơn vị được yêu cầu.")
UNIT_NOT_BELOW = _("%(unit)s không thuộc đơn vị yêu cầu.")
UNIT_NOT_IN_WINDOW = _("%(unit)s không tồn tại trong thời gian lấy số liệu.")
UNIT_WRONG_LEVEL = _("%(unit)s không phải đơn vị %(level)s (cấp báo cáo của biểu mẫu).")
UNITS_MIXED_LEVELS = _("Các đơn vị được yêu cầu phải cùng một cấp.")
FORM_OF_AGENCIES = _(
    "Biểu mẫu này do cơ quan ngành báo cáo; yêu cầu đột xuất gửi Ủy ban nhân dân các đơn vị."
)
AGENCY_NOT_OF_UNIT = _("Cơ quan yêu cầu phải thuộc đơn vị yêu cầu.")


def can_ask(user, unit: AdministrativeUnit) -> bool:
    """A coordinator or administrator at ``unit`` or above it."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    paths = {unit.path for unit in units_of(user, roles=ASKERS)}
    return any(unit.path.startswith(p) for p in paths)


def asking_units(user):
    """The units the user may ask reports for: those of their coordinator and
    administrator memberships (today's provinces for a national administrator)."""
    if user.is_superuser:
        return AdministrativeUnit.objects.current().filter(level=Level.PROVINCE).order_by("path")
    paths = {unit.path for unit in units_of(user, roles=ASKERS)}
    return AdministrativeUnit.objects.filter(path__in=paths).order_by("path")


def _indicator_form(indicators, level: str, title: str) -> ReportForm:
    """An inactive form of the indicators asked: the answer's entry screen."""
    form = ReportForm.objects.create(
        code=f"yc-{get_random_string(10).lower()}",
        name=title[:255],
        periodicity=PeriodKind.AD_HOC,
        unit_level=level,
        active=False,
    )
    for order, indicator in enumerate(indicators):
        ReportFormIndicator.objects.create(
            form=form,
            indicator=indicator,
            order=order,
            disaggregations=list(indicator.disaggregations or []),
            required=True,
        )
    return form


def _existed(unit, start: datetime.date, end: datetime.date) -> bool:
    return (unit.valid_from is None or unit.valid_from <= end) and (
        unit.valid_to is None or unit.valid_to >= start
    )


@transaction.atomic
def report_request_create(
    *,
    user,
    unit: AdministrativeUnit,
    title: str,
    window_start: datetime.date,
    window_end: datetime.date,
    deadline: datetime.date,
    units,
    form: ReportForm | None = None,
    indicators=(),
    agency: Agency | None = None,
    note: str = "",
) -> ReportRequest:
    """Ask ``units`` (below ``unit``) for a report on ``form`` or ``indicators`` over the
    window, by ``deadline``. All or nothing; errors by field."""
    if not can_ask(user, unit):
        raise PermissionDenied(NOT_ASKER)
    title = nfc(title or "").strip()
    indicators = list(indicators or [])
    units = list(units or [])
    errors: dict[str, list] = {}

    def error(field, message):
        errors.setdefault(field, []).append(message)

    if not title:
        error("title", TITLE_REQUIRED)
    if (form is None) == (not indicators):
        error("form", FORM_OR_INDICATORS)
    elif form is not None and form.sector_id:
        error("form", FORM_OF_AGENCIES)
    if window_end < window_start:
        error("window_end", WINDOW_REVERSED)
    elif deadline <= window_end:
        error("deadline", DEADLINE_TOO_EARLY)
    if agency is not None and agency.unit_id != unit.pk:
        error("agency", AGENCY_NOT_OF_UNIT)
    if not units:
        error("units", UNITS_REQUIRED)
    levels = {u.level for u in units}
    level = form.unit_level if form is not None else next(iter(levels), "")
    if form is None and len(levels) > 1:
        error("units", UNITS_MIXED_LEVELS)
    for u in units:
        if not u.path.startswith(unit.path) or u.pk == unit.pk:
            error("units", UNIT_NOT_BELOW % {"unit": u})
        elif u.level != level:
            label = Level(level).label.lower()
            error("units", UNIT_WRONG_LEVEL % {"unit": u, "level": label})
        elif window_end >= window_start and not _existed(u, window_start, window_end):
            error("units", UNIT_NOT_IN_WINDOW % {"unit": u})
    if errors:
        raise ValidationError(errors)
    if form is None:
        form = _indicator_form(indicators, level, title)
    request = ReportRequest(
        unit=unit,
        agency=agency,
        title=title,
        form=form,
        window_start=window_start,
        window_end=window_end,
        deadline=deadline,
        note=nfc(note or "").strip(),
        created_by=user,
    )
    request.full_clean()
    request.save()
    request.units.set(units)
    return request


def request_for(form: ReportForm, unit: AdministrativeUnit, period: Period):
    """The request a submission of ``form`` by ``unit`` for the ad hoc ``period`` answers
    (the latest, should two ask the same), or None."""
    if period.kind != PeriodKind.AD_HOC:
        return None
    return (
        ReportRequest.objects.filter(
            form=form, units=unit, window_start=period.start, window_end=period.end
        )
        .order_by("-deadline", "-pk")
        .first()
    )


def requests_due(units, on: datetime.date | None = None) -> list[dict]:
    """Lines of the reports due for ``units`` (the user's reporting units) asked by ad hoc
    requests: those whose window has begun and whose answer is not sent yet, or whose
    deadline has not passed; the same dicts as the periodic lines, plus ``request``."""
    on = on or timezone.localdate()
    units = list(units)
    by_pk = {u.pk: u for u in units}
    lines = []
    requests = (
        ReportRequest.objects.addressed_to(units)
        .filter(window_start__lte=on)
        .select_related("form", "form__sector", "unit", "agency")
        .prefetch_related("units")
    )
    for request in requests:
        period = request.period
        for unit in request.units.all():
            if unit.pk not in by_pk:
                continue
            lines.append(
                {
                    "form": request.form,
                    "unit": by_pk[unit.pk],
                    "agency": None,
                    "period": period,
                    "deadline": request.deadline,
                    "request": request,
                }
            )
    if not lines:
        return []
    q = Q(pk__in=[])
    for line in lines:
        q |= Q(form=line["form"], unit=line["unit"], period_key=line["period"].key)
    found = {(s.form_id, s.unit_id, s.period_key): s for s in Submission.objects.filter(q)}
    kept = []
    for line in lines:
        line["submission"] = found.get((line["form"].pk, line["unit"].pk, line["period"].key))
        sent = line["submission"] is not None and not line["submission"].is_editable
        if not sent or line["deadline"] >= on:
            kept.append(line)
    return sorted(kept, key=lambda line: (line["deadline"], line["unit"].path))


def request_completeness(request: ReportRequest) -> Completeness:
    """Who has answered ``request``: its units, each missing, waiting, on time or late."""
    from .models import Status

    period = request.period
    expected = list(request.units.order_by("path"))
    submissions = {
        s.unit_id: s
        for s in Submission.objects.filter(
            form=request.form_id, period_key=period.key, unit__in=[u.pk for u in expected]
        ).select_related("unit", "agency")
    }
    result = Completeness(period=period, expected=expected)
    for u in expected:
        s = submissions.get(u.pk)
        if s is None:
            result.missing.append(u)
        elif s.status in (Status.DRAFT, Status.RETURNED):
            result.waiting.append(s)
        else:
            (result.late if s.is_late else result.on_time).append(s)
            if s.status == Status.APPROVED:
                result.approved.append(s)
    return result
