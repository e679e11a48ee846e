"""Forms of the reporting screens.

``FigureSheet`` is the entry grid of a submission: one row per indicator of its form (two
inputs, numerator and denominator, for a percentage), then one row per disaggregation
member. It only reads and shows what people typed; checking and saving is the services'
job (``submission_save_values``), so the web form and the Excel upload share every rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.core.forms import BootstrapMixin
from lanhmanh.indicators.models import Source, disaggregation_keys, disaggregation_label
from lanhmanh.indicators.values import indicator_values

from .periods import Period, is_future, period_from_key, reporting_month_of
from .validation import cell_key


def shown(value: Decimal | None) -> str:
    """A stored figure as people type it: 12, 12,5 (decimal comma, no thousands mark)."""
    if value is None:
        return ""
    text = f"{value.normalize():f}" if value != value.to_integral_value() else f"{int(value)}"
    return text.replace(".", ",")


@dataclass
class Cell:
    """One line of the entry grid: an indicator's total or one of its parts."""

    indicator: object
    disaggregation: str
    numerator: str = ""
    denominator: str = ""
    errors: list[str] = field(default_factory=list)
    required: bool = False
    heading: str = ""  # the figures section that starts at this cell
    # Counted from the records of a module (activities, inspections, tips…), shown and
    # never typed: the form uses the computation instead of a figure to enter.
    computed: bool = False

    @property
    def key(self) -> str:
        return cell_key(self.indicator.code, self.disaggregation)

    @property
    def is_part(self) -> bool:
        return bool(self.disaggregation)

    @property
    def label(self) -> str:
        return disaggregation_label(self.disaggregation) if self.is_part else self.indicator.name

    @property
    def is_ratio(self) -> bool:
        return self.indicator.is_ratio

    @property
    def raw(self):
        return (self.numerator, self.denominator) if self.is_ratio else self.numerator


@dataclass
class WrittenSection:
    """A text box of the report: situation, results, difficulties, proposals…"""

    section: object
    text: str = ""


def _computed_figures(submission, rows) -> dict:
    """The figures of the form's computed indicators for the report's unit and period,
    {(code, disaggregation): Value}: one call per indicator and breakdown option."""
    items = [r for r in rows if r.indicator.source == Source.COMPUTED]
    if not items:
        return {}
    window = submission.period.window
    found = {}
    for row in items:
        for key in ["", *disaggregation_keys(row.disaggregations or [])]:
            value = indicator_values([row.indicator], submission.unit, window, key or None)
            found[(row.indicator.code, key)] = value[row.indicator.code]
    return found


class FigureSheet:
    """The cells of ``submission``'s form, filled from its stored figures (two queries)."""

    def __init__(self, submission):
        self.submission = submission
        stored = {(v.indicator_id, v.disaggregation): v for v in submission.values.all().order_by()}
        self.cells: list[Cell] = []
        last_section = None
        rows = list(submission.form.rows.select_related("indicator", "section"))
        computed = _computed_figures(submission, rows)
        for row in rows:
            heading = ""
            if row.section_id and row.section_id != last_section:
                heading = row.section.title
            last_section = row.section_id
            for disaggregation in ["", *disaggregation_keys(row.disaggregations or [])]:
                value = stored.get((row.indicator_id, disaggregation))
                cell = Cell(
                    row.indicator,
                    disaggregation,
                    required=row.required and not disaggregation,
                    heading="" if disaggregation else heading,
                )
                if row.indicator.source == Source.COMPUTED:
                    cell.computed, cell.required = True, False
                    value = computed.get((row.indicator.code, disaggregation))
                if value is not None:
                    cell.numerator = shown(value.numerator)
                    cell.denominator = shown(value.denominator)
                self.cells.append(cell)
        self.by_key = {c.key: c for c in self.cells}
        stored_texts = {t.section_id: t.text for t in submission.texts.all()}
        self.sections = [
            WrittenSection(s, stored_texts.get(s.pk, ""))
            for s in submission.form.sections.all()
            if s.is_text
        ]
        self.explanations = dict(submission.explanations or {})

    def read_texts(self, data) -> dict:
        """The written sections as typed ({section id: text}), kept on screen too."""
        for section in self.sections:
            section.text = data.get(f"t:{section.section.pk}", "")
        return {s.section.pk: s.text for s in self.sections}

    def read_explanations(self, data) -> dict:
        """Explanations of warnings as typed ({rule id: comment})."""
        found = {k[2:]: v.strip() for k, v in data.items() if k.startswith("x:")}
        self.explanations.update(found)
        return self.explanations

    def read(self, data) -> dict:
        """Take what was typed (``v:<key>``, or ``n:<key>`` and ``d:<key>`` for a ratio)
        into the cells, and return it as the services want it: {cell key: raw}."""
        for cell in self.entry_cells:
            if cell.is_ratio:
                cell.numerator = data.get(f"n:{cell.key}", "").strip()
                cell.denominator = data.get(f"d:{cell.key}", "").strip()
            else:
                cell.numerator = data.get(f"v:{cell.key}", "").strip()
        return {cell.key: cell.raw for cell in self.entry_cells}

    @property
    def entry_cells(self) -> list[Cell]:
        """The cells people type: a computed figure is never entered."""
        return [c for c in self.cells if not c.computed]

    def set_errors(self, errors: dict[str, list[str]]) -> list[str]:
        """Put the errors on their cells; return those that belong to no cell."""
        rest = []
        for key, messages in errors.items():
            if key in self.by_key:
                self.by_key[key].errors = messages
            else:
                rest.extend(messages)
        return rest


class ReturnForm(BootstrapMixin, forms.Form):
    comment = forms.CharField(
        label=_("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ReopenForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label=_("Lý do mở lại"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class UploadForm(BootstrapMixin, forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel đã điền (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


# --- choosing a period -----------------------------------------------------------------

PART_CHOICES = [
    ("Y", _("Cả năm")),
    ("H1", _("6 tháng đầu năm")),
    ("9M", _("9 tháng")),
    ("H2", _("6 tháng cuối năm")),
    *[
        (f"Q{q}", _("Quý %(q)s") % {"q": r})
        for q, r in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))
    ],
    *[(f"M{m:02d}", _("Tháng %(m)s") % {"m": m}) for m in range(1, 13)],
]
FIRST_YEAR = 2016


def this_reporting_year() -> int:
    return reporting_month_of(timezone.localdate())[0]


class PeriodForm(forms.Form):
    """A year and a part of it ('cả năm', a half, a quarter, a month) → a ``Period``."""

    year = forms.TypedChoiceField(label=_("Năm"), coerce=int)
    part = forms.ChoiceField(label=_("Kỳ"), choices=PART_CHOICES)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        last = this_reporting_year() + 1
        self.fields["year"].choices = [(y, y) for y in range(last, FIRST_YEAR - 1, -1)]
        for bound in self.fields.values():
            bound.widget.attrs["class"] = "form-select form-select-sm w-auto"

    def period(self) -> Period:
        if self.is_valid():
            return period_from_key(f"{self.cleaned_data['year']}-{self.cleaned_data['part']}")
        return period_from_key(f"{this_reporting_year()}-Y")


def period_initial(period: Period) -> dict:
    return {"year": period.year, "part": period.key.split("-", 1)[1]}


def period_from_request(value: str | None, default: Period) -> Period:
    """The period a query names, unless it is not a period or has not started yet (a
    '9999-M12' names no report anyone can send, and its deadline is past the calendar)."""
    try:
        period = period_from_key(value or "")
    except ValueError:
        return default
    return default if is_future(period, timezone.localdate()) else period
