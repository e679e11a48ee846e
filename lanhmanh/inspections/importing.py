"""Excel in and out for the register of establishments.

Import is two steps: ``establishments_import_parse`` reads the file into an
``EstablishmentImport`` (every row cleaned, every error named, duplicates found against
the register and within the file) and saves nothing to the register;
``establishments_import_save`` then writes all rows, or only the clean ones when the user
chooses to skip the bad rows. Lookups are loaded once, so a 10,000-row file costs a
handful of queries, and rows are written with ``bulk_create``.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from lanhmanh.core.text import fold, nfc
from lanhmanh.geography.models import AdministrativeUnit, Level

from .models import (
    BusinessType,
    Establishment,
    EstablishmentImport,
    EstablishmentStatus,
    EstablishmentStatusChange,
    RiskLevel,
)
from .models.establishments import licence_key, name_address_key
from .services.establishments import province_prefix


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False


COLUMNS = [
    Column("name", _("Tên cơ sở"), True),
    Column("business_type", _("Loại hình"), True),
    Column("address", _("Địa chỉ"), True),
    Column("commune", _("Xã, phường"), True),
    Column("licence_number", _("Số giấy phép")),
    Column("licence_date", _("Ngày cấp")),
    Column("owner_name", _("Chủ cơ sở")),
    Column("phone", _("Điện thoại")),
    Column("status", _("Tình trạng")),
    Column("risk_level", _("Mức độ nguy cơ")),
    Column("notes", _("Ghi chú")),
]
BATCH = 1000

FILE_UNREADABLE = _("Không đọc được tệp: hãy tải lên tệp Excel (.xlsx).")
FILE_EMPTY = _("Tệp không có dòng dữ liệu nào.")
UNKNOWN_COLUMN = _("Cột không nhận ra: “%(name)s”. Các cột dùng được: %(known)s.")
MISSING_COLUMN = _("Thiếu cột bắt buộc: “%(name)s”.")
VALUE_REQUIRED = _("Thiếu %(column)s.")
UNKNOWN_TYPE = _("Loại hình “%(value)s” không có trong danh mục.")
COMMUNE_OUTSIDE = _("Xã, phường “%(value)s” không thuộc %(unit)s.")
COMMUNE_AMBIGUOUS = _("Có nhiều xã, phường tên “%(value)s”: hãy ghi mã đơn vị.")
BAD_DATE = _("Ngày “%(value)s” không hợp lệ (dd/mm/yyyy).")
FUTURE_DATE = _("Ngày cấp “%(value)s” sau ngày hôm nay.")
UNKNOWN_CHOICE = _("%(column)s “%(value)s” không hợp lệ (dùng: %(choices)s).")
DUPLICATE_IN_REGISTER = _("Trùng với cơ sở đã có: %(name)s.")
DUPLICATE_IN_FILE = _("Trùng với dòng %(line)s trong tệp.")
IMPORT_HAS_ERRORS = _("Tệp còn dòng lỗi: sửa tệp và tải lên lại, hoặc chọn bỏ qua các dòng lỗi.")
IMPORT_FILE_ERRORS = _("Tệp có lỗi về cột: không thể nhập.")
IMPORT_ALREADY_SAVED = _("Tệp này đã được nhập.")


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().strftime("%d/%m/%Y")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(nfc(str(value)).split())


def _parse_date(text: str) -> datetime.date | None:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a date
        except ValueError:
            continue
    return None


class _Lookups:
    """Everything a row is checked against, loaded once per file."""

    def __init__(self, unit: AdministrativeUnit):
        self.unit = unit
        communes = AdministrativeUnit.objects.subtree_of(unit).current().filter(level=Level.COMMUNE)
        self.communes: dict[str, list[int]] = {}
        for c in communes:
            for key in {c.code, fold(c.name), fold(c.full_name)}:
                self.communes.setdefault(key, []).append(c.pk)
        self.types: dict[str, int] = {}
        for t in BusinessType.objects.filter(is_active=True):
            self.types[fold(t.code)] = self.types[fold(t.name)] = t.pk
        self.statuses = {fold(str(label)): v for v, label in EstablishmentStatus.choices}
        self.statuses.update({v: v for v in EstablishmentStatus.values})
        self.risks = {fold(str(label)): v for v, label in RiskLevel.choices}
        self.risks.update({v: v for v in RiskLevel.values})
        existing = Establishment.objects.filter(
            unit__path__startswith=province_prefix(unit.path)
        ).values_list("unit_id", "duplicate_key", "licence_key", "name")
        self.existing_keys: dict[tuple[int, str], str] = {}
        self.existing_licences: dict[str, str] = {}
        for unit_id, dup, lic, name in existing:
            self.existing_keys[(unit_id, dup)] = name
            if lic:
                self.existing_licences[lic] = name


def _choice(row, errors, column, table, default):
    value = row.get(column.key, "")
    if not value:
        return default
    found = table.get(fold(value))
    if found is None:
        errors.append(
            str(UNKNOWN_CHOICE)
            % {"column": column.header, "value": value, "choices": ", ".join(sorted(table))}
        )
    return found or default


def _clean_row(row: dict[str, str], lookups: _Lookups) -> tuple[dict, list[str]]:
    errors: list[str] = []
    columns = {c.key: c for c in COLUMNS}
    for c in COLUMNS:
        if c.required and not row.get(c.key):
            errors.append(str(VALUE_REQUIRED) % {"column": str(c.header).lower()})
    data: dict = {k: row.get(k, "") for k in ("name", "address", "owner_name", "phone", "notes")}
    data["licence_number"] = row.get("licence_number", "")
    if row.get("business_type"):
        data["business_type_id"] = lookups.types.get(fold(row["business_type"]))
        if data["business_type_id"] is None:
            errors.append(str(UNKNOWN_TYPE) % {"value": row["business_type"]})
    commune = row.get("commune", "")
    if not commune and lookups.unit.level == Level.COMMUNE:
        data["unit_id"] = lookups.unit.pk
    elif commune:
        found = lookups.communes.get(commune) or lookups.communes.get(fold(commune)) or []
        if len(found) > 1:
            errors.append(str(COMMUNE_AMBIGUOUS) % {"value": commune})
        elif not found:
            errors.append(str(COMMUNE_OUTSIDE) % {"value": commune, "unit": lookups.unit})
        else:
            data["unit_id"] = found[0]
    data["licence_date"] = None
    if row.get("licence_date"):
        day = _parse_date(row["licence_date"])
        if day is None:
            errors.append(str(BAD_DATE) % {"value": row["licence_date"]})
        elif day > timezone.localdate():
            errors.append(str(FUTURE_DATE) % {"value": row["licence_date"]})
        else:
            data["licence_date"] = day.isoformat()
    data["status"] = _choice(
        row, errors, columns["status"], lookups.statuses, EstablishmentStatus.OPERATING
    )
    data["risk_level"] = _choice(
        row, errors, columns["risk_level"], lookups.risks, RiskLevel.MEDIUM
    )
    return data, errors


def _read_sheet(content: bytes):
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        raise ValidationError(FILE_UNREADABLE) from exc
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    return header, rows, book


def _map_header(header) -> tuple[list[str | None], list[str]]:
    by_header = {fold(str(c.header)): c.key for c in COLUMNS}
    by_header.update({c.key: c.key for c in COLUMNS})
    keys: list[str | None] = []
    errors: list[str] = []
    known = ", ".join(str(c.header) for c in COLUMNS)
    for cell in header:
        text = _cell_text(cell)
        if not text:
            keys.append(None)
            continue
        key = by_header.get(fold(text))
        if key is None:
            errors.append(str(UNKNOWN_COLUMN) % {"name": text, "known": known})
        keys.append(key)
    for c in COLUMNS:
        if c.required and c.key not in keys:
            errors.append(str(MISSING_COLUMN) % {"name": c.header})
    return keys, errors


def establishments_import_parse(
    *, content: bytes, file_name: str, unit: AdministrativeUnit, by
) -> EstablishmentImport:
    """Read a register into a reviewable import; the register itself is not touched."""
    header, rows, book = _read_sheet(content)
    try:
        if header is None:
            raise ValidationError(FILE_EMPTY)
        keys, file_errors = _map_header(header)
        parsed: list[dict] = []
        if not file_errors:
            parsed = _parse_rows(rows, keys, _Lookups(unit))
            if not parsed:
                raise ValidationError(FILE_EMPTY)
    finally:
        book.close()
    return EstablishmentImport.objects.create(
        unit=unit, file_name=file_name[:255], rows=parsed, file_errors=file_errors, created_by=by
    )


def _parse_rows(rows, keys, lookups: _Lookups) -> list[dict]:
    parsed: list[dict] = []
    seen_keys: dict[tuple[int, str], int] = {}
    seen_licences: dict[str, int] = {}
    for line, values in enumerate(rows, start=2):
        row = {k: _cell_text(v) for k, v in zip(keys, values, strict=False) if k}
        if not any(row.values()):
            continue
        data, errors = _clean_row(row, lookups)
        dup = (data.get("unit_id"), name_address_key(data["name"], data["address"]))
        lic = licence_key(data["licence_number"])
        if dup in lookups.existing_keys:
            errors.append(str(DUPLICATE_IN_REGISTER) % {"name": lookups.existing_keys[dup]})
        elif lic and lic in lookups.existing_licences:
            errors.append(str(DUPLICATE_IN_REGISTER) % {"name": lookups.existing_licences[lic]})
        elif dup in seen_keys:
            errors.append(str(DUPLICATE_IN_FILE) % {"line": seen_keys[dup]})
        elif lic and lic in seen_licences:
            errors.append(str(DUPLICATE_IN_FILE) % {"line": seen_licences[lic]})
        seen_keys.setdefault(dup, line)
        if lic:
            seen_licences.setdefault(lic, line)
        parsed.append({"line": line, "values": row, "data": data, "errors": errors})
    return parsed


def import_counts(import_: EstablishmentImport) -> tuple[int, int]:
    """(clean rows, rows with errors)."""
    bad = sum(1 for r in import_.rows if r["errors"])
    return len(import_.rows) - bad, bad


@transaction.atomic
def establishments_import_save(
    *, import_: EstablishmentImport, by, skip_invalid: bool = False
) -> int:
    """Write the rows of a reviewed import; all or nothing unless ``skip_invalid``."""
    if import_.saved_count is not None:
        raise ValidationError(IMPORT_ALREADY_SAVED)
    if import_.file_errors:
        raise ValidationError(IMPORT_FILE_ERRORS)
    _, bad = import_counts(import_)
    if bad and not skip_invalid:
        raise ValidationError(IMPORT_HAS_ERRORS)
    # The register may have changed since the preview: look for duplicates again.
    lookups = _Lookups(import_.unit)
    today = timezone.localdate()
    establishments = []
    for row in import_.rows:
        if row["errors"]:
            continue
        data = dict(row["data"])
        day = datetime.date.fromisoformat(data["licence_date"]) if data["licence_date"] else None
        e = Establishment(**{**data, "licence_date": day}, status_since=day or today, created_by=by)
        e.fill_keys()
        if (e.unit_id, e.duplicate_key) in lookups.existing_keys or (
            e.licence_key and e.licence_key in lookups.existing_licences
        ):
            raise ValidationError(str(DUPLICATE_IN_REGISTER) % {"name": e.name})
        establishments.append(e)
    created = Establishment.objects.bulk_create(establishments, batch_size=BATCH)
    EstablishmentStatusChange.objects.bulk_create(
        (
            EstablishmentStatusChange(
                establishment=e,
                status=e.status,
                since=e.status_since,
                recorded_by=by,
                note=_t("Nhập từ tệp %(name)s") % {"name": import_.file_name},
            )
            for e in created
        ),
        batch_size=BATCH,
    )
    _log_created(created, by)
    import_.saved_count = len(created)
    import_.save(update_fields=["saved_count"])
    return len(created)


def _log_created(created: list[Establishment], by) -> None:
    """``bulk_create`` sends no signals: write the history entries auditlog would have."""
    from auditlog.models import LogEntry

    content_type = ContentType.objects.get_for_model(Establishment)
    LogEntry.objects.bulk_create(
        (
            LogEntry(
                content_type=content_type,
                object_pk=str(e.pk),
                object_id=e.pk,
                object_repr=str(e)[:255],
                action=LogEntry.Action.CREATE,
                changes={"name": ["None", e.name]},
                actor=by,
            )
            for e in created
        ),
        batch_size=BATCH,
    )


def establishments_export(queryset) -> bytes:
    """The register as .xlsx, in the import's columns (a file exported can be edited and
    imported elsewhere)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_t("Danh sách cơ sở"))
    sheet.append([str(c.header) for c in COLUMNS])
    for e in queryset.select_related("unit", "business_type").iterator(chunk_size=2000):
        sheet.append(
            [
                e.name,
                e.business_type.name,
                e.address,
                e.unit.full_name,
                e.licence_number,
                e.licence_date.strftime("%d/%m/%Y") if e.licence_date else "",
                e.owner_name,
                e.phone,
                e.get_status_display(),
                e.get_risk_level_display(),
                e.notes,
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
