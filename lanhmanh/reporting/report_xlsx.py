"""Every figure of a unit's report for a period, with where it comes from, as .xlsx:
``report_xlsx(unit, period) -> bytes``.

Sheet 1, one row per indicator (total and each disaggregation member with a figure): the
value, its numerator and denominator, and its source — 'entered' figures summed from
report submissions (how many, how many still waiting for approval), or 'computed' by a
module over its records (which module). Sheet 2, for the entered figures: every submitted
figure that went into the sums, with its unit, form, period, status and submission
number, so that any total can be traced back to the reports it adds up.
"""

from __future__ import annotations

from django.apps import apps
from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from lanhmanh.core.xlsx_export import workbook_bytes
from lanhmanh.indicators.models import Source, disaggregation_keys, disaggregation_label
from lanhmanh.indicators.registry import computation
from lanhmanh.indicators.values import indicator_values, rollup_paths, units_under

from .models import COUNTED_STATUSES, SubmissionValue
from .periods import Period
from .report_docx import report_figures

MAX_DETAIL_ROWS = 200_000


def _module_of(code: str) -> str:
    func = computation(code)
    if func is None:
        return "chưa có phân hệ tính"
    config = apps.get_containing_app_config(func.__module__)
    return f"phân hệ {config.verbose_name}" if config else func.__module__


def counted_values(unit, period: Period):
    """The submitted figures that the value interface sums for ``unit`` and ``period``:
    the same statuses, window and units (the unit's subtree and the units merged into
    it) as ``indicators.values``."""
    window = period.window
    units = units_under(rollup_paths([unit.path])[unit.path])
    return (
        SubmissionValue.objects.filter(
            submission__unit__in=units,
            submission__status__in=COUNTED_STATUSES,
            submission__period_start__gte=window.start,
            submission__period_end__lte=window.end,
        )
        .select_related("submission", "submission__unit", "submission__form", "indicator")
        .order_by(
            "indicator__order",
            "indicator__code",
            "disaggregation",
            "submission__unit__path",
            "submission__period_end",
        )
    )


def report_xlsx(unit, period: Period, *, user=None) -> bytes:
    with translation.override("vi"):
        return _write(unit, period, user)


def report_xlsx_filename(unit, period: Period) -> str:
    return f"so-lieu-{unit.code}-{period.key}.xlsx"


def _write(unit, period: Period, user) -> bytes:
    figures = report_figures(unit, period, user=user)
    window = period.window
    details = list(counted_values(unit, period)[:MAX_DETAIL_ROWS])
    counts: dict[str, tuple[set, set]] = {}
    parts: dict[str, set] = {}
    for v in details:
        sent, waiting = counts.setdefault(v.indicator.code, (set(), set()))
        (waiting if v.submission.status == "submitted" else sent).add(v.submission_id)
        if v.disaggregation:
            parts.setdefault(v.indicator.code, set()).add(v.disaggregation)

    wb = Workbook()
    ws = wb.active
    ws.title = "So lieu"
    ws.append([f"Số liệu báo cáo của {unit.full_name} — {period.label}"])
    ws.append([f"Số liệu từ ngày {window.start:%d/%m/%Y} đến ngày {window.end:%d/%m/%Y}"])
    ws.append([])
    header = [
        "Mã chỉ số",
        "Chỉ số",
        "Phân tổ",
        "Đơn vị tính",
        "Giá trị",
        "Tử số",
        "Mẫu số",
        "Số liệu tạm thời",
        "Nguồn",
    ]
    ws.append(header)
    for cell in ws[4]:
        cell.font = Font(bold=True)
    ws["A1"].font = Font(bold=True, size=13)
    # Disaggregated values: one extra batched call per member that has figures.
    members = sorted({key for keys in parts.values() for key in keys})
    by_member = {}
    for key in members:
        dims = [i for i in figures.indicators if key in disaggregation_keys(i.disaggregations)]
        if dims:
            by_member[key] = indicator_values(dims, unit, window, key)
    for indicator in figures.indicators:
        value = figures.values[indicator.code]
        if indicator.source == Source.COMPUTED:
            source = f"Tính từ dữ liệu nghiệp vụ ({_module_of(indicator.code)})"
        else:
            sent, waiting = counts.get(indicator.code, (set(), set()))
            source = f"Tổng hợp từ {len(sent) + len(waiting)} báo cáo"
            if waiting:
                source += f" ({len(waiting)} báo cáo chờ duyệt)"
        rows = [("", value)]
        for key in sorted(parts.get(indicator.code, ())):
            if key in by_member and indicator.code in by_member[key]:
                rows.append((key, by_member[key][indicator.code]))
        for key, v in rows:
            ws.append(_row(indicator, key, v, source))
    for col, width in zip("ABCDEFGHI", (28, 60, 22, 12, 12, 12, 12, 10, 45), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A5"

    detail = wb.create_sheet("Bao cao nguon")
    detail.append(
        [
            "Mã chỉ số",
            "Chỉ số",
            "Phân tổ",
            "Tử số / số liệu",
            "Mẫu số",
            "Đơn vị báo cáo",
            "Mã đơn vị",
            "Biểu mẫu",
            "Kỳ",
            "Trạng thái",
            "Số báo cáo trong hệ thống",
        ]
    )
    for cell in detail[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True)
    for v in details:
        s = v.submission
        detail.append(
            [
                v.indicator.code,
                v.indicator.name,
                disaggregation_label(v.disaggregation) if v.disaggregation else "",
                float(v.numerator),
                None if v.denominator is None else float(v.denominator),
                s.unit.full_name,
                s.unit.path,
                s.form.code,
                s.period.label,
                s.get_status_display(),
                s.pk,
            ]
        )
    detail.freeze_panes = "A2"
    return workbook_bytes(wb)


def _row(indicator, key, value, source) -> list:
    if value.small_count:
        # People counted by the support module: never 1 to 4 in a file that travels.
        return [indicator.code, indicator.name, disaggregation_label(key) if key else "",
                "", "<5", None, None, "", source]  # fmt: skip
    if value.no_data:
        shown = None
    elif indicator.is_ratio:
        shown = None if value.ratio is None else round(float(value.ratio), 2)
    else:
        shown = float(value.numerator)
    unit_of_measure = "%" if indicator.is_ratio else indicator.unit_of_measure
    return [
        indicator.code,
        indicator.name,
        disaggregation_label(key) if key else "",
        unit_of_measure,
        shown,
        None if value.no_data else float(value.numerator),
        None if value.denominator is None or value.no_data else float(value.denominator),
        "có" if value.provisional else "",
        source,
    ]
