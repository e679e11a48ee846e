"""Reading a list of activities from Excel: the sheet an office keeps today, or the
register's own export.

Columns are found by their header text (folded: case and diacritics do not matter), so
the export of the list reads back as it is, and a sheet typed by hand needs only the
columns it has. Every row is checked as the entry form checks it; a row with an error is
reported with its number and reason, and nothing is saved until the user either fixes the
file or chooses to skip the rows in error.

The file is checked before it is opened: its size, and the sizes its archive declares
for its parts (a small file that inflates to gigabytes is refused without inflating it).
"""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from lanhmanh.core import uploads
from lanhmanh.core.text import fold

from .models import ActivityKind, AudienceGroup, Channel, FundSource, MaterialKind

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_INFLATED_BYTES = 60 * 1024 * 1024
MAX_MEMBERS = 200
MAX_ROWS = 2000
MAX_COLUMNS = 40

NOT_XLSX = gettext_lazy("Tệp không phải là bảng tính Excel (.xlsx).")
TOO_BIG = gettext_lazy("Tệp quá lớn: tối đa 5 MB và 2.000 dòng.")
NO_HEADER = gettext_lazy(
    "Không tìm thấy dòng tiêu đề (cần ít nhất các cột Ngày bắt đầu, Loại hoạt động, "
    "Tên hoạt động, Địa bàn)."
)

# Header (folded) → field. Several spellings of one column are accepted.
HEADERS = {
    "ngay bat dau": "start_date",
    "ngay": "start_date",
    "ngay ket thuc": "end_date",
    "loai hoat dong": "kind",
    "ten hoat dong": "title",
    "noi dung": "title",
    "dia ban": "unit",
    "thon, to dan pho, dia diem": "place",
    "dia diem": "place",
    "co quan to chuc": "organiser",
    "linh vuc": "topics",
    "hinh thuc": "channel",
    "doi tuong tham gia": "audiences",
    "so nguoi tham gia": "participants",
    "tong so nguoi tham gia": "participants",
    "nam": "participants_male",
    "nu": "participants_female",
    "tai lieu, san pham": "materials",
    "kinh phi (dong)": "cost",
    "kinh phi": "cost",
    "nguon kinh phi": "fund_source",
    "ghi chu": "notes",
}
REQUIRED = {"start_date", "kind", "title", "unit"}


@dataclass
class Row:
    number: int
    values: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


# The shared upload checks (lanhmanh.core.uploads) with this sheet's limits.
ACTIVITY_LIST = uploads.Limits(
    max_bytes=MAX_FILE_BYTES,
    max_inflated=MAX_INFLATED_BYTES,
    max_members=MAX_MEMBERS,
    max_rows=MAX_ROWS + 50,  # the header and a few notes above it
    max_cells=(MAX_ROWS + 50) * MAX_COLUMNS,
)


def check_archive(content: bytes) -> None:
    """Refuse what is not a small, sane .xlsx before any part of it is parsed."""
    try:
        uploads.check_archive(content, ACTIVITY_LIST)
    except ValidationError as error:
        if error.code == uploads.UNREADABLE:
            raise ValidationError(NOT_XLSX) from error
        raise
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        if not any(m.filename.startswith("xl/worksheets/") for m in archive.infolist()):
            raise ValidationError(NOT_XLSX)


def read_rows(content: bytes) -> list[tuple[int, dict]]:
    """(row number, {field: raw value}) for every non-empty row under the header."""
    check_archive(content)
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ValidationError(NOT_XLSX) from exc
    try:
        sheet = book.worksheets[0]
        columns: dict[int, str] | None = None
        found: list[tuple[int, dict]] = []
        for number, cells in enumerate(
            sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1
        ):
            if columns is None:
                columns = _header(cells)
                if number > 20 and columns is None:
                    break
                continue
            raw = {f: cells[i] for i, f in columns.items() if i < len(cells)}
            if all(v in (None, "") for v in raw.values()):
                continue
            found.append((number, raw))
            if len(found) > MAX_ROWS:
                raise ValidationError(TOO_BIG)
    finally:
        book.close()
    if columns is None:
        raise ValidationError(NO_HEADER)
    return found


def _header(cells) -> dict[int, str] | None:
    columns = {}
    for index, cell in enumerate(cells):
        name = HEADERS.get(fold(str(cell or "")).strip(" *:"))
        if name and name not in columns.values():
            columns[index] = name
    return columns if set(columns.values()) >= REQUIRED else None


class Lookups:
    """The catalogues and the user's units and agencies, each read once per file."""

    def __init__(self, *, units, agencies):
        self.kinds = _by_name(ActivityKind.objects.filter(is_active=True), extra="code")
        self.audiences = _by_name(AudienceGroup.objects.filter(is_active=True))
        self.materials = _by_name(MaterialKind.objects.filter(is_active=True))
        self.units = _units(units)
        self.agencies = {}
        for agency in agencies:
            self.agencies.setdefault(fold(agency.name), []).append(agency)
        self.channels = {fold(str(label)): value for value, label in Channel.choices}
        self.channels |= {value: value for value in Channel.values}
        self.sources = {fold(str(label)): value for value, label in FundSource.choices}
        self.sources |= {value: value for value in FundSource.values}
        self.topics = {
            "mai dam": "on_prostitution",
            "phong, chong mai dam": "on_prostitution",
            "ma tuy": "on_drugs",
            "phong, chong ma tuy": "on_drugs",
            "mua ban nguoi": "on_trafficking",
            "phong, chong mua ban nguoi": "on_trafficking",
        }


def _by_name(queryset, extra=None) -> dict:
    found = {}
    for row in queryset:
        found[fold(row.name)] = row
        if extra:
            found[fold(getattr(row, extra))] = row
    return found


def _units(units) -> dict:
    found: dict[str, list] = {}
    for unit in units:
        for key in {fold(unit.full_name), fold(unit.name)}:
            found.setdefault(key, []).append(unit)
    return found


def _text(value) -> str:
    return "" if value is None else str(value).strip().lstrip("'")


def _date(value, errors, label) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a date only
        except ValueError:
            continue
    errors.append(_("%(column)s: ngày không hợp lệ '%(value)s' (dd/mm/yyyy).") % {
        "column": label, "value": text[:40]})  # fmt: skip
    return None


def _number(value, errors, label, *, money=False):
    if value in (None, ""):
        return None
    text = _text(value).replace(".", "").replace(",", "").replace(" ", "")
    try:
        number = Decimal(text) if money else int(Decimal(text))
    except (InvalidOperation, ValueError):
        errors.append(_("%(column)s: không phải là số '%(value)s'.") % {
            "column": label, "value": _text(value)[:40]})  # fmt: skip
        return None
    if number < 0:
        errors.append(_("%(column)s: không được âm.") % {"column": label})
        return None
    return number


def _pick(table: dict, value, errors, label, *, required=False):
    text = _text(value)
    if not text:
        if required:
            errors.append(_("%(column)s: bắt buộc.") % {"column": label})
        return None
    found = table.get(fold(text))
    if isinstance(found, list):
        if len(found) > 1:
            errors.append(_("%(column)s: '%(value)s' trùng tên nhiều nơi, hãy ghi rõ hơn.") % {
                "column": label, "value": text[:60]})  # fmt: skip
            return None
        found = found[0] if found else None
    if found is None:
        errors.append(_("%(column)s: không có '%(value)s' trong danh mục hoặc phạm vi của bạn.") % {
            "column": label, "value": text[:60]})  # fmt: skip
    return found


def row_values(raw: dict, lookups: Lookups) -> tuple[dict, list[str]]:
    """The service's keyword arguments for one row, and what is wrong with it."""
    errors: list[str] = []
    values: dict = {
        "title": _text(raw.get("title"))[:255],
        "place": _text(raw.get("place"))[:255],
        "notes": _text(raw.get("notes")),
        "start_date": _date(raw.get("start_date"), errors, _("Ngày bắt đầu")),
        "end_date": _date(raw.get("end_date"), errors, _("Ngày kết thúc")),
        "kind": _pick(lookups.kinds, raw.get("kind"), errors, _("Loại hoạt động"), required=True),
        "unit": _pick(lookups.units, raw.get("unit"), errors, _("Địa bàn"), required=True),
        "organiser": _pick(lookups.agencies, raw.get("organiser"), errors, _("Cơ quan tổ chức")),
        "participants": _number(raw.get("participants"), errors, _("Số người tham gia")) or 0,
        "participants_male": _number(raw.get("participants_male"), errors, _("Nam")),
        "participants_female": _number(raw.get("participants_female"), errors, _("Nữ")),
        "cost": _number(raw.get("cost"), errors, _("Kinh phí"), money=True),
    }
    if not values["title"]:
        errors.append(_("Tên hoạt động: bắt buộc."))
    if not values["start_date"] and not any("Ngày bắt đầu" in e for e in errors):
        errors.append(_("Ngày bắt đầu: bắt buộc."))
    channel = _text(raw.get("channel"))
    values["channel"] = lookups.channels.get(fold(channel), Channel.IN_PERSON)
    if channel and fold(channel) not in lookups.channels:
        errors.append(_("Hình thức: không có '%(value)s' trong danh mục.") % {"value": channel})
    source = _text(raw.get("fund_source"))
    values["fund_source"] = lookups.sources.get(fold(source), "") if source else ""
    topics = [fold(t) for t in _text(raw.get("topics")).split(";") if t.strip()]
    for topic in topics:
        field_name = lookups.topics.get(topic)
        if field_name:
            values[field_name] = True
    if not topics:
        values["on_prostitution"] = True
    values["audiences"] = [
        a for t in _text(raw.get("audiences")).split(";") if (a := lookups.audiences.get(fold(t)))
    ]
    materials = {}
    for part in _text(raw.get("materials")).split(";"):
        name, _sep, count = part.rpartition(":")
        kind = lookups.materials.get(fold(name))
        if kind and count.strip().isdigit():
            materials[kind] = int(count)
    values["materials"] = materials
    return values, errors


def preview(content: bytes, *, by, units, agencies) -> list[Row]:
    """Every row of the file with the values it would save and its errors; raises a
    ValidationError for a file that cannot be read at all."""
    from .services import check_values

    lookups = Lookups(units=units, agencies=agencies)
    rows = []
    for number, raw in read_rows(content):
        values, errors = row_values(raw, lookups)
        if not errors:
            try:
                check_values(values, by)
            except ValidationError as error:
                errors.extend(m for messages in error.message_dict.values() for m in messages)
        rows.append(Row(number=number, values=values, errors=errors))
    return rows
