"""Writes of report forms as data: a form's settings, its indicator rows, its sections
(figures or written text boxes) and its validation rules, saved together.

A form that reports were filed on is never edited in place: saving it makes a new edition
(``previous`` → the old one, which stops being current and stays attached to its reports,
so they open as they were entered). Every row's indicator must be current, valid on the
day the form is saved, and visible to the form's owner; every rule must refer to figures
the form has. Nothing is saved when anything is wrong.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.core.text import nfc
from lanhmanh.indicators.models import Indicator
from lanhmanh.indicators.services import _claim, owner_for, require_configure

from .models import (
    FORM_MEANING_FIELDS,
    Recipient,
    Reporter,
    ReportForm,
    ReportFormIndicator,
    ReportFormSection,
    ValidationRule,
)
from .rules import rule_reference_errors

CODE_TAKEN = _("Mã biểu “%(code)s” đã được dùng.")
INDICATOR_NOT_VALID = _("Chỉ số “%(code)s” không còn hiệu lực vào ngày %(day)s.")
INDICATOR_NOT_CURRENT = _("Chỉ số “%(code)s” đã có lần ban hành mới: hãy chọn bản hiện hành.")
INDICATOR_NOT_VISIBLE = _("Chỉ số “%(code)s” không thuộc danh mục mà đơn vị được dùng.")
DUPLICATE_ROW = _("Chỉ số “%(code)s” có hai lần trong biểu mẫu.")
NO_CONTENT = _("Biểu mẫu cần ít nhất một chỉ số hoặc một phần viết.")
AGENCY_NEEDS_SECTOR = _("Biểu mẫu do cơ quan chuyên môn báo cáo cần chọn ngành.")
UNKNOWN_RECIPIENT = _("Nơi nhận không hợp lệ: %(name)s.")
OLD_EDITION = _("Đây là lần ban hành cũ, không sửa được.")
UNIT_OUTSIDE = _("Đơn vị %(unit)s không thuộc đơn vị sở hữu biểu mẫu hoặc không đúng cấp.")

FORM_FIELDS = (
    "name",
    "description",
    "periodicity",
    "unit_level",
    "reporter",
    "sector",
    "deadline_days",
    "deadline_offsets",
    "recipients",
    "active",
)


def _owner_may_use(owner, indicator: Indicator) -> bool:
    if indicator.owner_id is None:
        return True
    return owner is not None and owner.path.startswith(indicator.owner.path)


def _check(form: ReportForm, rows, sections, rules, units, on: datetime.date) -> None:
    errors: list = []
    if not rows and not any(s["kind"] != "figures" for s in sections):
        errors.append(NO_CONTENT)
    if form.reporter == Reporter.AGENCY and not form.sector_id:
        errors.append(AGENCY_NEEDS_SECTOR)
    for name in form.recipients or []:
        if name not in Recipient.values:
            errors.append(UNKNOWN_RECIPIENT % {"name": name})
    seen = set()
    for row in rows:
        indicator = row["indicator"]
        if indicator.code in seen:
            errors.append(DUPLICATE_ROW % {"code": indicator.code})
        seen.add(indicator.code)
        if not indicator.current:
            errors.append(INDICATOR_NOT_CURRENT % {"code": indicator.code})
        if not indicator.valid_on(on):
            errors.append(INDICATOR_NOT_VALID % {"code": indicator.code, "day": f"{on:%d/%m/%Y}"})
        if not _owner_may_use(form.owner, indicator):
            errors.append(INDICATOR_NOT_VISIBLE % {"code": indicator.code})
        extra = set(row.get("disaggregations") or []) - set(indicator.disaggregations or [])
        if extra:
            errors.append(
                _("Chỉ số “%(code)s” không có phân tổ: %(names)s")
                % {"code": indicator.code, "names": ", ".join(sorted(extra))}
            )
    dims = {r["indicator"].code: list(r.get("disaggregations") or []) for r in rows}
    by_code = {r["indicator"].code: r["indicator"] for r in rows}
    for rule in rules:
        errors += rule_reference_errors(ValidationRule(**rule), dims, by_code)
    for unit in units or []:
        inside = form.owner is None or unit.path.startswith(form.owner.path)
        if not inside or unit.level != form.unit_level:
            errors.append(UNIT_OUTSIDE % {"unit": unit})
    if errors:
        raise ValidationError(errors)


def _write_parts(form: ReportForm, rows, sections, rules, units) -> None:
    """Rows with a ``group`` title go under a figures section of that title (made here,
    in the order the groups first appear, before the written sections)."""
    form.rows.all().delete()
    form.rules.all().delete()
    form.sections.all().delete()
    groups: list[str] = []
    for row in rows:
        group = nfc(row.get("group") or "").strip()
        if group and group not in groups:
            groups.append(group)
    listed = [{"kind": "figures", "title": g} for g in groups] + list(sections)
    made: dict[str, ReportFormSection] = {}
    for order, section in enumerate(listed):
        made_section = ReportFormSection.objects.create(
            form=form,
            order=order,
            kind=section["kind"],
            title=nfc(section["title"]).strip(),
            help_text=section.get("help_text", ""),
        )
        if section["kind"] == "figures":
            made.setdefault(made_section.title, made_section)
    for order, row in enumerate(rows):
        ReportFormIndicator(
            form=form,
            indicator=row["indicator"],
            section=made.get(nfc(row.get("group") or "").strip()),
            order=order,
            disaggregations=list(row.get("disaggregations") or []),
            required=bool(row.get("required", False)),
        ).save()
    for order, rule in enumerate(rules):
        ValidationRule.objects.create(form=form, order=order, **rule)
    form.units.set(units or [])


def has_reports(form: ReportForm) -> bool:
    return form.submissions.exists()


@transaction.atomic
def report_form_save(
    *,
    user,
    code: str,
    fields: dict,
    rows: list[dict],
    sections: list[dict],  # written sections; figure groups come from the rows
    rules: list[dict],
    units=None,
    form: ReportForm | None = None,
    version: int | None = None,
    on: datetime.date | None = None,
) -> ReportForm:
    """Create a form, or save a change to one (a new edition if it has reports). Rows:
    {indicator, disaggregations, required, group (a figures section's title)};
    sections: {kind, title, help_text}; rules: {kind, left, right, severity, message}.
    Returns the form now current."""
    on = on or timezone.localdate()
    fields = {k: v for k, v in fields.items() if k in FORM_FIELDS}
    if form is None:
        owner = owner_for(user)
        require_configure(user, owner)
        if ReportForm.objects.filter(code=code, current=True).exists():
            raise ValidationError({"code": CODE_TAKEN % {"code": code}})
        target = ReportForm(code=code, owner=owner, **fields)
    else:
        require_configure(user, form.owner)
        if not form.current:
            raise ValidationError(OLD_EDITION)
        _claim(ReportForm, form, version)
        if has_reports(form):
            target = _next_edition(form, fields)
        else:
            target = form
            for key, value in fields.items():
                setattr(target, key, value)
    target.name = nfc(target.name)
    target.full_clean(validate_constraints=False)
    _check(target, rows, sections, rules, units, on)
    target.save()
    _write_parts(target, rows, sections, rules, units)
    return target


def _next_edition(old: ReportForm, fields: dict) -> ReportForm:
    last = ReportForm.objects.filter(code=old.code).aggregate(m=Max("edition"))["m"] or 1
    new = ReportForm(
        code=old.code,
        owner=old.owner,
        edition=last + 1,
        previous=old,
        **{f: getattr(old, f) for f in FORM_FIELDS if f != "sector"},
        sector=old.sector,
    )
    for key, value in fields.items():
        setattr(new, key, value)
    old.current = False
    old.save(update_fields=["current", "version"])
    return new


__all__ = ["FORM_MEANING_FIELDS", "has_reports", "report_form_save"]
