"""The metadata package: the breakdowns, the indicator catalogue and the report forms
with their sections and rules, as one JSON file a province shares with another.

``export_package`` writes what a user may see (everything for the national command), in
a fixed order, so exporting the same configuration always gives the same bytes.
``import_package`` reads one: rows are matched by their codes (and editions), created
when missing, left alone when equal (importing twice changes nothing), changed when they
differ and may still change. Anything wrong — another format, an unknown code, a form
using an indicator outside its validity, a rule on a missing figure, a cycle of
editions — is reported, all messages at once, and nothing is saved.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.indicators.models import CategoryOption, CategorySet, Indicator
from lanhmanh.indicators.services import can_configure, has_figures
from lanhmanh.organizations.models import Sector

from .models import ReportForm, ReportFormIndicator, ReportFormSection, ValidationRule
from .rules import rule_reference_errors

FORMAT = "lanhmanh-metadata"
FORMAT_VERSION = 1
MAX_BYTES = 5 * 1024 * 1024

NOT_A_PACKAGE = _("Tệp không phải là gói cấu hình của Lành Mạnh (JSON, định dạng %(format)s).")
WRONG_VERSION = _("Gói cấu hình phiên bản %(version)s không đọc được (cần phiên bản %(ours)s).")
TOO_LARGE = _("Tệp quá lớn (tối đa 5 MB).")
MISSING_KEY = _("%(what)s thiếu trường “%(key)s”.")
UNKNOWN_SET = _("Chỉ số %(code)s dùng phân tổ không có: %(set)s.")
UNKNOWN_INDICATOR = _("Biểu mẫu %(form)s dùng chỉ số không có: %(code)s (lần %(edition)s).")
UNKNOWN_SECTOR = _("Biểu mẫu %(form)s ghi ngành không có: %(sector)s.")
CYCLE = _("%(what)s %(code)s: lần %(edition)s không thể thay thế lần %(previous)s (vòng lặp).")
NOT_VALID = _(
    "Biểu mẫu %(form)s dùng chỉ số %(code)s ngoài thời gian hiệu lực của chỉ số (ngày %(day)s)."
)
TWO_CURRENT = _("%(what)s %(code)s có hơn một lần ban hành hiện hành.")
CHANGED_WITH_FIGURES = _(
    "Chỉ số %(code)s lần %(edition)s đã có số liệu: gói không được đổi ý nghĩa của nó "
    "(hãy ban hành lần mới)."
)
FORM_IN_USE = _(
    "Biểu mẫu %(code)s lần %(edition)s đã có báo cáo: gói không được sửa nó (hãy ban hành lần mới)."
)
NOT_YOURS = _("%(what)s %(code)s thuộc đơn vị khác: bạn không sửa được.")
OPTION_IN_USE = _("Phân tổ %(code)s: lựa chọn %(option)s đã có số liệu, không bỏ được.")

INDICATOR_KEYS = (
    "name",
    "name_en",
    "definition",
    "topic",
    "measure",
    "unit_of_measure",
    "numerator_label",
    "denominator_label",
    "aggregation",
    "source",
    "computation",
    "parameters",
    "disaggregations",
    "order",
    "active",
)
FORM_KEYS = (
    "name",
    "description",
    "periodicity",
    "unit_level",
    "reporter",
    "deadline_days",
    "deadline_offsets",
    "recipients",
    "active",
)


class MetadataError(ValidationError):
    """The package cannot be imported; ``messages`` says every reason."""


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _visible(model, user):
    return model.objects.all() if user is None else model.objects.visible_to(user)


# --- export ------------------------------------------------------------------------------


def package_data(user=None) -> dict:
    sets = _visible(CategorySet, user).prefetch_related("options").order_by("order", "code")
    indicators = _visible(Indicator, user).select_related("previous").order_by("code", "edition")
    forms = (
        _visible(ReportForm, user)
        .select_related("previous", "sector")
        .prefetch_related("rows__indicator", "sections", "rules")
        .order_by("code", "edition")
    )
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "category_sets": [
            {
                "code": s.code,
                "name": s.name,
                "name_en": s.name_en,
                "order": s.order,
                "options": [
                    {"code": o.code, "name": o.name, "name_en": o.name_en} for o in s.options.all()
                ],
            }
            for s in sets
        ],
        "indicators": [
            {
                "code": i.code,
                "edition": i.edition,
                "previous": i.previous.edition if i.previous else None,
                "current": i.current,
                **{k: getattr(i, k) for k in INDICATOR_KEYS},
                "valid_from": _date(i.valid_from),
                "valid_to": _date(i.valid_to),
            }
            for i in indicators
        ],
        "forms": [_form_data(f) for f in forms],
    }


def _form_data(f: ReportForm) -> dict:
    sections = list(f.sections.all())
    position = {s.pk: i for i, s in enumerate(sections)}
    return {
        "code": f.code,
        "edition": f.edition,
        "previous": f.previous.edition if f.previous else None,
        "current": f.current,
        **{k: getattr(f, k) for k in FORM_KEYS},
        "sector": f.sector.code if f.sector else None,
        "sections": [
            {"kind": s.kind, "title": s.title, "help_text": s.help_text} for s in sections
        ],
        "rows": [
            {
                "indicator": r.indicator.code,
                "edition": r.indicator.edition,
                "disaggregations": list(r.disaggregations or []),
                "required": r.required,
                "section": position.get(r.section_id),
            }
            for r in sorted(f.rows.all(), key=lambda r: (r.order, r.pk))
        ],
        "rules": [
            {
                "kind": r.kind,
                "left": r.left,
                "right": r.right,
                "severity": r.severity,
                "message": r.message,
            }
            for r in f.rules.all()
        ],
    }


def export_package(user=None) -> bytes:
    text = json.dumps(package_data(user), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


# --- import ------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0


def parse_package(content: bytes) -> dict:
    if len(content) > MAX_BYTES:
        raise MetadataError(TOO_LARGE)
    try:
        data = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise MetadataError(NOT_A_PACKAGE % {"format": FORMAT}) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise MetadataError(NOT_A_PACKAGE % {"format": FORMAT})
    if data.get("format_version") != FORMAT_VERSION:
        raise MetadataError(
            WRONG_VERSION % {"version": data.get("format_version"), "ours": FORMAT_VERSION}
        )
    for key in ("category_sets", "indicators", "forms"):
        if not isinstance(data.get(key, []), list):
            raise MetadataError(NOT_A_PACKAGE % {"format": FORMAT})
    return data


class _Importer:
    def __init__(self, user, on: datetime.date):
        self.user, self.on = user, on
        self.errors: list[str] = []
        self.result = ImportResult()
        self.owner = None
        if user is not None and not user.is_superuser:
            from lanhmanh.indicators.services import owner_for

            self.owner = owner_for(user)

    def may_change(self, obj, what) -> bool:
        if self.user is None or can_configure(self.user, obj.owner):
            return True
        self.errors.append(NOT_YOURS % {"what": what, "code": obj.code})
        return False

    def need(self, item: dict, keys, what: str) -> bool:
        missing = [k for k in keys if k not in item]
        for key in missing:
            self.errors.append(MISSING_KEY % {"what": what, "key": key})
        return not missing

    # breakdowns
    def category_sets(self, items) -> None:
        from lanhmanh.reporting.models import SubmissionValue

        for item in items:
            if not self.need(item, ("code", "name", "options"), str(_("Phân tổ"))):
                continue
            found = CategorySet.objects.filter(code=item["code"]).first()
            values = {"name": item["name"], "name_en": item.get("name_en", "")}
            values["order"] = item.get("order", 0)
            if found is None:
                found = CategorySet.objects.create(code=item["code"], owner=self.owner, **values)
                self.result.created.append(f"breakdown {found.code}")
            elif any(getattr(found, k) != v for k, v in values.items()):
                if not self.may_change(found, str(_("Phân tổ"))):
                    continue
                for k, v in values.items():
                    setattr(found, k, v)
                found.save()
                self.result.updated.append(f"breakdown {found.code}")
            else:
                self.result.unchanged += 1
            wanted = [(o["code"], o["name"], o.get("name_en", "")) for o in item["options"]]
            existing = {o.code: o for o in found.options.all()}
            now = [(o.code, o.name, o.name_en) for o in existing.values()]
            if now == wanted:
                continue
            for code, option in existing.items():
                if code not in {w[0] for w in wanted}:
                    key = f"{found.code}:{code}"
                    if SubmissionValue.objects.filter(disaggregation=key).exists():
                        self.errors.append(OPTION_IN_USE % {"code": found.code, "option": code})
                    else:
                        option.delete()
            for order, (code, name, name_en) in enumerate(wanted):
                option = existing.get(code) or CategoryOption(category_set=found, code=code)
                option.name, option.name_en, option.order = name, name_en, order
                option.save()

    # indicators
    def indicators(self, items) -> None:
        items = sorted(
            (i for i in items if self.need(i, ("code", "name", "measure"), str(_("Chỉ số")))),
            key=lambda i: (i["code"], i.get("edition", 1)),
        )
        self._cycles(items, str(_("Chỉ số")))
        sets = set(CategorySet.objects.values_list("code", flat=True))
        for item in items:
            for code in item.get("disaggregations", []):
                if code not in sets:
                    self.errors.append(UNKNOWN_SET % {"code": item["code"], "set": code})
        if self.errors:
            return
        for item in items:
            self._indicator(item)

    def _cycles(self, items, what: str) -> None:
        current: dict[str, int] = {}
        for item in items:
            edition, previous = item.get("edition", 1), item.get("previous")
            if previous is not None and previous >= edition:
                self.errors.append(
                    CYCLE
                    % {"what": what, "code": item["code"], "edition": edition, "previous": previous}
                )
            if item.get("current", True):
                if item["code"] in current:
                    self.errors.append(TWO_CURRENT % {"what": what, "code": item["code"]})
                current[item["code"]] = edition

    def _indicator(self, item: dict) -> None:
        edition = item.get("edition", 1)
        values = {k: item[k] for k in INDICATOR_KEYS if k in item}
        for key in ("valid_from", "valid_to"):
            values[key] = datetime.date.fromisoformat(item[key]) if item.get(key) else None
        values["current"] = item.get("current", True)
        found = Indicator.objects.filter(code=item["code"], edition=edition).first()
        if found is None:
            if values["current"]:
                _retire(Indicator.objects.filter(code=item["code"], current=True))
            previous = None
            if item.get("previous"):
                previous = Indicator.objects.filter(
                    code=item["code"], edition=item["previous"]
                ).first()
            row = Indicator(
                code=item["code"], edition=edition, previous=previous, owner=self.owner, **values
            )
            try:
                row.full_clean(validate_constraints=False)
            except ValidationError as error:
                self.errors += [f"{item['code']}: {m}" for m in error.messages]
                return
            row.save()
            self.result.created.append(f"indicator {row.code}/{edition}")
            return
        changed = {k: v for k, v in values.items() if getattr(found, k) != v}
        if not changed:
            self.result.unchanged += 1
            return
        if not self.may_change(found, str(_("Chỉ số"))):
            return
        from lanhmanh.indicators.models import MEANING_FIELDS

        if set(changed) & set(MEANING_FIELDS) and has_figures(found):
            self.errors.append(CHANGED_WITH_FIGURES % {"code": found.code, "edition": edition})
            return
        if changed.get("current"):
            _retire(Indicator.objects.filter(code=found.code, current=True).exclude(pk=found.pk))
        for k, v in changed.items():
            setattr(found, k, v)
        found.save()
        self.result.updated.append(f"indicator {found.code}/{edition}")

    # forms
    def forms(self, items) -> None:
        items = sorted(
            (f for f in items if self.need(f, ("code", "name", "periodicity", "unit_level"), "")),
            key=lambda f: (f["code"], f.get("edition", 1)),
        )
        self._cycles(items, str(_("Biểu mẫu")))
        if self.errors:
            return
        sectors = {s.code: s for s in Sector.objects.all()}
        for item in items:
            self._form(item, sectors)

    def _form_rows(self, item: dict) -> list | None:
        rows, ok = [], True
        for row in item.get("rows", []):
            indicator = Indicator.objects.filter(
                code=row.get("indicator"), edition=row.get("edition", 1)
            ).first()
            if indicator is None:
                self.errors.append(
                    UNKNOWN_INDICATOR
                    % {
                        "form": item["code"],
                        "code": row.get("indicator"),
                        "edition": row.get("edition", 1),
                    }
                )
                ok = False
                continue
            if item.get("current", True) and not indicator.valid_on(self.on):
                self.errors.append(
                    NOT_VALID
                    % {"form": item["code"], "code": indicator.code, "day": f"{self.on:%d/%m/%Y}"}
                )
                ok = False
            rows.append((indicator, row))
        return rows if ok else None

    def _form(self, item: dict, sectors) -> None:
        edition = item.get("edition", 1)
        sector = None
        if item.get("sector"):
            sector = sectors.get(item["sector"])
            if sector is None:
                self.errors.append(
                    UNKNOWN_SECTOR % {"form": item["code"], "sector": item["sector"]}
                )
                return
        rows = self._form_rows(item)
        if rows is None:
            return
        dims = {i.code: list(r.get("disaggregations") or []) for i, r in rows}
        by_code = {i.code: i for i, _r in rows}
        for rule in item.get("rules", []):
            probe = ValidationRule(**{k: rule.get(k, "") for k in ("kind", "left", "right")})
            self.errors += [str(m) for m in rule_reference_errors(probe, dims, by_code)]
        if self.errors:
            return
        found = ReportForm.objects.filter(code=item["code"], edition=edition).first()
        if found is not None:
            if _form_data(found) == {**_form_data_defaults(), **item}:
                self.result.unchanged += 1
                return
            if not self.may_change(found, str(_("Biểu mẫu"))):
                return
            if found.submissions.exists():
                self.errors.append(FORM_IN_USE % {"code": found.code, "edition": edition})
                return
        values = {k: item[k] for k in FORM_KEYS if k in item}
        values["current"] = item.get("current", True)
        if values["current"]:
            others = ReportForm.objects.filter(code=item["code"], current=True)
            if found is not None:
                others = others.exclude(pk=found.pk)
            _retire(others)
        if found is None:
            previous = None
            if item.get("previous"):
                previous = ReportForm.objects.filter(
                    code=item["code"], edition=item["previous"]
                ).first()
            found = ReportForm(
                code=item["code"], edition=edition, previous=previous, owner=self.owner
            )
            self.result.created.append(f"form {item['code']}/{edition}")
        else:
            self.result.updated.append(f"form {item['code']}/{edition}")
        for k, v in values.items():
            setattr(found, k, v)
        found.sector = sector
        try:
            found.full_clean(validate_constraints=False)
        except ValidationError as error:
            self.errors += [f"{item['code']}: {m}" for m in error.messages]
            return
        found.save()
        found.rows.all().delete()
        found.rules.all().delete()
        found.sections.all().delete()
        made = [
            ReportFormSection.objects.create(
                form=found,
                order=order,
                kind=section["kind"],
                title=section["title"],
                help_text=section.get("help_text", ""),
            )
            for order, section in enumerate(item.get("sections", []))
        ]
        for order, (indicator, row) in enumerate(rows):  # one by one: each is audited
            index = row.get("section")
            in_range = isinstance(index, int) and 0 <= index < len(made)
            ReportFormIndicator.objects.create(
                form=found,
                indicator=indicator,
                section=made[index] if in_range else None,
                order=order,
                disaggregations=list(row.get("disaggregations") or []),
                required=bool(row.get("required", False)),
            )
        for order, rule in enumerate(item.get("rules", [])):
            ValidationRule.objects.create(
                form=found,
                order=order,
                **{k: rule.get(k, "") for k in ("kind", "left", "right", "severity", "message")},
            )


def _retire(queryset) -> None:
    """No longer current: saved row by row, so the audit log has each change."""
    for row in queryset:
        row.current = False
        row.save(update_fields=["current"])


def _form_data_defaults() -> dict:
    return {"previous": None, "current": True, "sector": None, "sections": [], "rules": []}


@transaction.atomic
def import_package(content: bytes | dict, *, user=None, on: datetime.date | None = None):
    """Import a package (bytes of the JSON file, or its parsed data) as ``user`` (None:
    the national command). Raises ``MetadataError`` with every problem and saves nothing."""
    data = content if isinstance(content, dict) else parse_package(content)
    if isinstance(content, dict):
        data = parse_package(json.dumps(content).encode())
    if user is not None and not (user.is_superuser or _configures(user)):
        raise PermissionDenied
    importer = _Importer(user, on or timezone.localdate())
    importer.category_sets(data.get("category_sets", []))
    if not importer.errors:
        importer.indicators(data.get("indicators", []))
    if not importer.errors:
        importer.forms(data.get("forms", []))
    if importer.errors:
        transaction.set_rollback(True)
        raise MetadataError(importer.errors)
    return importer.result


def _configures(user) -> bool:
    from lanhmanh.indicators.services import may_configure_anything

    return may_configure_anything(user)
