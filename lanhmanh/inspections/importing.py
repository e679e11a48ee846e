"""Excel in and out for the register of establishments.

Import is two steps: ``establishments_import_parse`` reads the file into an
``EstablishmentImport`` (every row cleaned, every error named, duplicates found against
the register and within the file) and saves nothing to the register;
``establishments_import_save`` then writes all rows, or only the clean ones when the user
chooses to skip the bad rows. Lookups are loaded once (and each distinct spelling of a
type, commune, status or risk is resolved once), so a 10,000-row file costs a handful of
queries; the sheet is read by ``xlsx.iter_rows``, not cell objects; establishments,
their first status and their history entries are written by ``_insert_many`` (``COPY``
on PostgreSQL, one ``executemany`` on SQLite). The number of queries does not grow with
the number of rows.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import JSONField
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from lanhmanh.core.text import fold, nfc
from lanhmanh.core.uploads import ESTABLISHMENT_REGISTER, UNREADABLE, check_archive
from lanhmanh.core.xlsx_export import safe_row, unescape, workbook_bytes
from lanhmanh.geography.models import AdministrativeUnit, Level

from .models import (
    BusinessType,
    Establishment,
    EstablishmentImport,
    EstablishmentStatus,
    EstablishmentStatusChange,
    RiskLevel,
)
from .models.establishments import establishment_keys
from .services.establishments import province_prefix
from .xlsx import XlsxError, iter_rows


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
COLUMNS_BY_KEY = {c.key: c for c in COLUMNS}
BATCH = 1000
# A preview lives this long after its upload; then it is deleted (on the next upload, by
# `manage.py expire_uploads`, and refused when opened).
IMPORT_PREVIEW_HOURS = 24

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
    value = unescape(value)  # text escaped by our own export
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().strftime("%d/%m/%Y")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(nfc(str(value)).split())


_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _parse_date(text: str) -> datetime.date | None:
    match = _DMY.fullmatch(text)
    if match:
        day, month, year = map(int, match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            return None
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
        self.today = timezone.localdate()
        self.memo: dict[tuple[str, str], object] = {}
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
        existing = Establishment.objects.within(province_prefix(unit.path)).values_list(
            "unit_id", "duplicate_key", "licence_key", "name"
        )
        self.existing_keys: dict[tuple[int, str], str] = {}
        self.existing_licences: dict[str, str] = {}
        for unit_id, dup, lic, name in existing:
            self.existing_keys[(unit_id, dup)] = name
            if lic:
                self.existing_licences[lic] = name

    def resolve(self, kind: str, value: str, find):
        """``find(value)``, once per distinct spelling in the file."""
        try:
            return self.memo[kind, value]
        except KeyError:
            found = self.memo[kind, value] = find(value)
            return found


def _choice(row, errors, column, table, default, lookups):
    value = row.get(column.key, "")
    if not value:
        return default
    found = lookups.resolve(column.key, value, lambda v: table.get(fold(v)))
    if found is None:
        errors.append(
            str(UNKNOWN_CHOICE)
            % {"column": column.header, "value": value, "choices": ", ".join(sorted(table))}
        )
    return found or default


def _clean_row(row: dict[str, str], lookups: _Lookups) -> tuple[dict, list[str]]:
    errors: list[str] = []
    columns = COLUMNS_BY_KEY
    for c in COLUMNS:
        if c.required and not row.get(c.key):
            errors.append(str(VALUE_REQUIRED) % {"column": str(c.header).lower()})
    data: dict = {k: row.get(k, "") for k in ("name", "address", "owner_name", "phone", "notes")}
    data["licence_number"] = row.get("licence_number", "")
    if row.get("business_type"):
        data["business_type_id"] = lookups.resolve(
            "business_type", row["business_type"], lambda v: lookups.types.get(fold(v))
        )
        if data["business_type_id"] is None:
            errors.append(str(UNKNOWN_TYPE) % {"value": row["business_type"]})
    commune = row.get("commune", "")
    if not commune and lookups.unit.level == Level.COMMUNE:
        data["unit_id"] = lookups.unit.pk
    elif commune:
        found = lookups.resolve(
            "commune",
            commune,
            lambda v: lookups.communes.get(v) or lookups.communes.get(fold(v)) or [],
        )
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
        elif day > lookups.today:
            errors.append(str(FUTURE_DATE) % {"value": row["licence_date"]})
        else:
            data["licence_date"] = day.isoformat()
    data["status"] = _choice(
        row, errors, columns["status"], lookups.statuses, EstablishmentStatus.OPERATING, lookups
    )
    data["risk_level"] = _choice(
        row, errors, columns["risk_level"], lookups.risks, RiskLevel.MEDIUM, lookups
    )
    data.update(establishment_keys(data["name"], data["address"], data["licence_number"]))
    return data, errors


def _read_sheet(content: bytes):
    """(header, iterator of (line, values)) of the first sheet."""
    try:
        rows = iter_rows(content)
        first = next(rows, None)
    except XlsxError as exc:
        raise ValidationError(FILE_UNREADABLE) from exc
    return (first[1] if first else None), rows


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
    """Read a register into a reviewable import; the register itself is not touched.
    A file over the upload limits is refused before it is read, and nothing is stored."""
    try:
        check_archive(content, ESTABLISHMENT_REGISTER)
    except ValidationError as error:
        raise (ValidationError(FILE_UNREADABLE) if error.code == UNREADABLE else error) from None
    establishment_imports_expire()
    header, rows = _read_sheet(content)
    if header is None:
        raise ValidationError(FILE_EMPTY)
    keys, file_errors = _map_header(header)
    parsed: list[dict] = []
    if not file_errors:
        try:
            parsed = _parse_rows(rows, keys, _Lookups(unit))
        except XlsxError as exc:
            raise ValidationError(FILE_UNREADABLE) from exc
        if not parsed:
            raise ValidationError(FILE_EMPTY)
    return EstablishmentImport.objects.create(
        unit=unit, file_name=file_name[:255], rows=parsed, file_errors=file_errors, created_by=by
    )


def establishment_imports_expire(*, now=None) -> int:
    """Delete previews older than ``IMPORT_PREVIEW_HOURS``: a preview is for the review
    that follows its upload, not a store of files (they grew the database by hundreds of
    megabytes). Returns how many were deleted."""
    cutoff = (now or timezone.now()) - datetime.timedelta(hours=IMPORT_PREVIEW_HOURS)
    deleted, _ = EstablishmentImport.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def import_expired(import_: EstablishmentImport) -> bool:
    return import_.created_at < timezone.now() - datetime.timedelta(hours=IMPORT_PREVIEW_HOURS)


def _parse_rows(rows, keys, lookups: _Lookups) -> list[dict]:
    parsed: list[dict] = []
    seen_keys: dict[tuple[int, str], int] = {}
    seen_licences: dict[str, int] = {}
    for line, values in rows:
        row = {k: _cell_text(v) for k, v in zip(keys, values, strict=False) if k}
        if not any(row.values()):
            continue
        data, errors = _clean_row(row, lookups)
        dup = (data.get("unit_id"), data["duplicate_key"])
        lic = data["licence_key"]
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
    by_id = by.pk if by is not None else None
    now = timezone.now()
    fields = [f for f in Establishment._meta.concrete_fields if not f.primary_key]
    defaults = {f.attname: f.get_default() for f in fields}
    stamp = {"created_by_id": by_id, "created_at": now, "updated_at": now}
    rows, names = [], {}
    for row in import_.rows:
        if row["errors"]:
            continue
        data = dict(row["data"])
        if "duplicate_key" not in data:  # an import previewed before the keys were stored
            data.update(establishment_keys(data["name"], data["address"], data["licence_number"]))
        if (data["unit_id"], data["duplicate_key"]) in lookups.existing_keys or (
            data["licence_key"] and data["licence_key"] in lookups.existing_licences
        ):
            raise ValidationError(str(DUPLICATE_IN_REGISTER) % {"name": data["name"]})
        day = datetime.date.fromisoformat(data["licence_date"]) if data["licence_date"] else None
        values = {**defaults, **data, "licence_date": day, "status_since": day or lookups.today}
        values.update(stamp)
        rows.append(tuple(values[f.attname] for f in fields))
        names[data["unit_id"], data["duplicate_key"]] = data["name"]
    last = Establishment.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    _insert_many(Establishment, [f.name for f in fields], rows)
    # Their ids, for the first status and the history: the rows of this insert are the
    # ones stamped with this moment and user (unit and duplicate key tell them apart).
    created = list(
        Establishment.objects.filter(pk__gt=last, created_at=now, created_by_id=by_id)
        .order_by("pk")
        .values_list("pk", "unit_id", "duplicate_key", "status", "status_since")
    )
    if len(created) != len(rows):  # pragma: no cover - would mean a concurrent clash
        raise RuntimeError("establishments inserted and found again differ")
    note = (_t("Nhập từ tệp %(name)s") % {"name": import_.file_name})[:255]
    _insert_many(
        EstablishmentStatusChange,
        ["establishment", "status", "since", "note", "recorded_by"],
        ((pk, status, since, note, by_id) for pk, _u, _k, status, since in created),
    )
    _log_created([(pk, names[unit_id, key]) for pk, unit_id, key, *_ in created], by_id, now)
    import_.saved_count = len(created)
    import_.save(update_fields=["saved_count"])
    return len(created)


def _insert_many(model, field_names: list[str], rows) -> None:
    """INSERT the rows (tuples of Python values in the order of ``field_names``) without
    model instances or per-value SQL compilation: PostgreSQL takes them with ``COPY``,
    SQLite (and any other database) runs one prepared statement over all rows
    (``executemany``). Like ``bulk_create``, it sends no signals and fills no defaults."""
    fields = [model._meta.get_field(name) for name in field_names]
    quote = connection.ops.quote_name
    # Only names from the model's own metadata are put in the SQL; values are parameters.
    head = "INSERT INTO {} ({}) VALUES ".format(  # noqa: S608
        quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields)
    )
    one = "({})".format(", ".join(["%s"] * len(fields)))
    # Integers and text go to the database as they are (except into a JSON column);
    # dates, times and JSON are adapted by their field, as ``bulk_create`` would.
    as_is = [not isinstance(f, JSONField) for f in fields]
    prepared = [
        tuple(
            v
            if v is None or (keep and type(v) in (int, str))
            else f.get_db_prep_save(v, connection)
            for f, keep, v in zip(fields, as_is, row, strict=True)
        )
        for row in rows
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            columns = ", ".join(quote(f.column) for f in fields)
            copy_sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
            with cursor.cursor.copy(copy_sql) as copy:
                for row in prepared:
                    copy.write_row(row)
        else:
            cursor.executemany(head + one, prepared)


def _log_created(created: list[tuple[int, str]], by_id, now) -> None:
    """The insert sends no signals: write the history entries auditlog would have, one
    'created' entry per (id, name) of an establishment."""
    from auditlog.models import LogEntry

    content_type = ContentType.objects.get_for_model(Establishment).pk
    _insert_many(
        LogEntry,
        [
            "content_type",
            "object_pk",
            "object_id",
            "object_repr",
            "action",
            "changes_text",
            "changes",
            "actor",
            "timestamp",
        ],
        (
            (
                content_type,
                str(pk),
                pk,
                name,
                LogEntry.Action.CREATE,
                "",
                {"name": ["None", name]},
                by_id,
                now,
            )
            for pk, name in created
        ),
    )


def establishments_export(queryset) -> bytes:
    """The register as .xlsx, in the import's columns (a file exported can be edited and
    imported elsewhere)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_t("Danh sách cơ sở"))
    sheet.append(safe_row(str(c.header) for c in COLUMNS))
    for e in queryset.select_related("unit", "business_type").iterator(chunk_size=2000):
        sheet.append(
            safe_row(
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
        )
    return workbook_bytes(book)
