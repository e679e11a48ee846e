"""A report's figures as an Excel template to fill offline, and reading it back.

The template has one visible sheet (indicator code, name, part, unit of measure, the cells
to fill: figure or numerator, and denominator for a percentage) and a very hidden sheet
holding what the file is for: form, unit, agency, period and the report's version. Reading
a file back checks that it is the template of this very report, then hands its cells to
``submission_save_values``, which saves all of them or none. Every error names the Excel
cell it comes from.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from lanhmanh.core.uploads import REPORT_TEMPLATE, UNREADABLE, check_archive, check_size, error_text
from lanhmanh.core.xlsx_export import workbook_bytes
from lanhmanh.geography.models import AdministrativeUnit

from .forms import FigureSheet
from .models import ReportForm
from .periods import period_from_key

META_SHEET = "_lanhmanh"
SHEET = "Bao cao"
FIRST_ROW = 7  # the first indicator row; 1–5 say what the file is, 6 is the header
KEY, NAME, PART, UNIT, FIRST, SECOND = "A", "B", "C", "D", "E", "F"
MAX_ROWS = 2000

NOT_EXCEL = gettext_lazy("Tệp không phải bảng tính Excel (.xlsx) đọc được.")
NOT_A_TEMPLATE = gettext_lazy(
    "Tệp không phải mẫu báo cáo tải từ hệ thống (thiếu thông tin nhận dạng biểu mẫu). "
    "Hãy tải mẫu Excel của báo cáo này rồi điền vào đó."
)
OTHER_FORM = gettext_lazy("Tệp là mẫu của biểu “%(found)s”, không phải biểu “%(expected)s”.")
OTHER_UNIT = gettext_lazy("Tệp là báo cáo của %(found)s, không phải của %(expected)s.")
OTHER_AGENCY = gettext_lazy("Tệp là báo cáo của một cơ quan khác.")
OTHER_PERIOD = gettext_lazy("Tệp là báo cáo %(found)s, không phải %(expected)s.")
UNKNOWN_ROW = gettext_lazy("Ô %(cell)s: mã chỉ số “%(code)s” không có trong biểu mẫu.")
IN_CELL = gettext_lazy("Ô %(cell)s (%(name)s): %(message)s")
EMPTY = gettext_lazy("Tệp không có dòng số liệu nào.")

_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_INPUT = PatternFill("solid", fgColor="FFF7D6")


def template_filename(submission) -> str:
    unit = submission.unit.code
    return f"bao-cao-{submission.form.code}-{unit}-{submission.period_key}.xlsx"


def template_xlsx(submission) -> bytes:
    """The Excel template of ``submission``, its figures so far already filled in."""
    sheet = FigureSheet(submission)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws["A1"] = submission.form.name
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = _("Đơn vị báo cáo: %(unit)s") % {"unit": submission.unit.full_name}
    if submission.agency_id:
        ws["A3"] = _("Cơ quan: %(agency)s") % {"agency": submission.agency.name}
    ws["A4"] = _("Kỳ báo cáo: %(period)s (số liệu từ %(start)s đến %(end)s)") % {
        "period": submission.period.label,
        "start": f"{submission.period_start:%d/%m/%Y}",
        "end": f"{submission.period_end:%d/%m/%Y}",
    }
    ws["A5"] = _("Điền số vào các ô màu vàng. Tỷ lệ %: ghi tử số và mẫu số. Không sửa cột Mã.")
    ws["A5"].font = Font(italic=True)
    headers = [
        _("Mã"),
        _("Chỉ số"),
        _("Phân tổ"),
        _("Đơn vị tính"),
        _("Số liệu / Tử số"),
        _("Mẫu số"),
    ]
    for col, text in zip("ABCDEF", headers, strict=True):
        cell = ws[f"{col}6"]
        cell.value = text
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BOX
    numbers = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Số liệu không hợp lệ"),
        error=_("Nhập một số không âm."),
    )
    ws.add_data_validation(numbers)
    for row, cell in enumerate(sheet.cells, start=FIRST_ROW):
        indicator = cell.indicator
        unit_of_measure = "%" if cell.is_ratio else indicator.unit_of_measure
        values = [
            cell.key,
            "" if cell.is_part else indicator.name,
            cell.label if cell.is_part else "",
            unit_of_measure,
        ]
        for col, value in zip("ABCD", values, strict=True):
            ws[f"{col}{row}"] = value
            ws[f"{col}{row}"].border = _BOX
            ws[f"{col}{row}"].alignment = Alignment(vertical="top", wrap_text=True)
        ws[f"{KEY}{row}"].font = Font(color="777777", size=9)
        inputs = [FIRST, SECOND] if cell.is_ratio else [FIRST]
        for col, text in zip(inputs, [cell.numerator, cell.denominator], strict=False):
            target = ws[f"{col}{row}"]
            target.value = _number(text)
            target.border = _BOX
            if not cell.computed:  # a computed figure is shown, not typed
                target.fill = _INPUT
                numbers.add(f"{col}{row}")
        if not cell.is_ratio:
            ws[f"{SECOND}{row}"].border = _BOX
    for col, width in zip("ABCDEF", (22, 52, 22, 12, 16, 12), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = f"A{FIRST_ROW}"

    meta = wb.create_sheet(META_SHEET)
    for row, (name, value) in enumerate(_metadata(submission).items(), start=1):
        meta[f"A{row}"] = name
        meta[f"B{row}"] = value
    meta.sheet_state = "veryHidden"
    return workbook_bytes(wb)


def _number(text: str):
    """A stored figure back as a number for the cell ('12,5' → 12.5)."""
    if not text:
        return None
    value = float(text.replace(",", "."))
    return int(value) if value == int(value) else value


def _metadata(submission) -> dict:
    return {
        "form": submission.form.code,
        "unit": submission.unit.path,
        "agency": submission.agency_id or "",
        "period": submission.period_key,
        "submission": submission.pk,
        "version": submission.version,
    }


@dataclass
class Upload:
    """What a file holds for a report: its cells ({cell key: raw}), the version it was
    made from, and errors that stop it before any figure is looked at."""

    values: dict = field(default_factory=dict)
    version: int | None = None
    errors: list[str] = field(default_factory=list)
    where: dict = field(default_factory=dict)  # cell key → Excel cell reference


def read_upload(submission, file) -> Upload:
    """Read an uploaded template for ``submission``: refuses a file that is not the
    template of this form, unit, agency and period."""
    upload = Upload()
    try:
        check_size(file.size, REPORT_TEMPLATE)
        content = file.read()
        check_archive(content, REPORT_TEMPLATE)
    except ValidationError as error:
        upload.errors.append(str(NOT_EXCEL) if error.code == UNREADABLE else error_text(error))
        return upload
    try:
        # Read-only: rows are streamed, not kept as cell objects.
        wb = load_workbook(io.BytesIO(content), data_only=True, read_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        upload.errors.append(str(NOT_EXCEL))
        return upload
    if META_SHEET not in wb.sheetnames or SHEET not in wb.sheetnames:
        upload.errors.append(str(NOT_A_TEMPLATE))
        return upload
    meta = {
        str(row[0]): (row[1] if len(row) > 1 else None)
        for row in wb[META_SHEET].iter_rows(min_row=1, max_col=2, values_only=True)
        if row and row[0]
    }
    mismatch = _mismatch(submission, meta)
    if mismatch:
        upload.errors.append(mismatch)
        return upload
    try:
        upload.version = int(meta.get("version"))
    except (TypeError, ValueError):
        upload.errors.append(str(NOT_A_TEMPLATE))
        return upload
    sheet = FigureSheet(submission)
    rows = wb[SHEET].iter_rows(
        min_row=FIRST_ROW, max_row=FIRST_ROW + MAX_ROWS, max_col=6, values_only=True
    )
    for row, values in enumerate(rows, start=FIRST_ROW):
        values = (*values, None, None, None, None, None, None)[:6]
        key, first, second = values[0], values[4], values[5]
        if key in (None, ""):
            continue
        key = str(key).strip()
        cell = sheet.by_key.get(key)
        if cell is None:
            upload.errors.append(str(UNKNOWN_ROW % {"cell": f"{KEY}{row}", "code": key}))
            continue
        if cell.computed:  # shown in the template for reference, counted from records
            continue
        upload.values[key] = (first, second) if cell.is_ratio else first
        upload.where[key] = (f"{FIRST}{row}", cell)
    wb.close()
    if not upload.values and not upload.errors:
        upload.errors.append(str(EMPTY))
    return upload


def _mismatch(submission, meta: dict) -> str | None:
    if not meta.get("form") or not meta.get("unit") or not meta.get("period"):
        return str(NOT_A_TEMPLATE)
    if meta["form"] != submission.form.code:
        found = ReportForm.objects.filter(code=meta["form"]).first()
        return str(
            OTHER_FORM
            % {"found": found.name if found else meta["form"], "expected": submission.form.name}
        )
    if meta["unit"] != submission.unit.path:
        # Unit names are public (the official list); no scope question in naming one.
        found = AdministrativeUnit.objects.filter(path=meta["unit"]).first()
        return str(
            OTHER_UNIT
            % {
                "found": found.full_name if found else meta["unit"],
                "expected": submission.unit.full_name,
            }
        )
    if str(meta.get("agency") or "") != str(submission.agency_id or ""):
        return str(OTHER_AGENCY)
    if meta["period"] != submission.period_key:
        try:
            found = period_from_key(str(meta["period"])).label.lower()
        except ValueError:
            found = str(meta["period"])
        return str(OTHER_PERIOD % {"found": found, "expected": submission.period.label.lower()})
    return None


def located(upload: Upload, errors: dict[str, list[str]]) -> list[str]:
    """The services' errors by cell key, as messages that name the Excel cell."""
    lines = []
    for key, messages in errors.items():
        place = upload.where.get(key)
        for message in messages:
            if place is None:
                lines.append(message)
                continue
            ref, cell = place
            name = cell.label if not cell.is_part else f"{cell.indicator.name} — {cell.label}"
            lines.append(str(IN_CELL % {"cell": ref, "name": name, "message": message}))
    return lines
