"""The periodic report of a unit as a Word document in the official layout (Decree
30/2020/NĐ-CP): ``report_docx(unit, period) -> bytes``.

Header blocks, a number left blank for the clerk, place and date left to fill when signing,
'BÁO CÁO' and its summary, 'Kính gửi:' the level above (its committee and its standing
agency of the day), then the results by area: a table per area of every indicator with a
figure in the period, against the plan targets that indicator measures; blank sections for
the standing agency's narrative (assessment, tasks ahead, proposals); recipients and the
committee's signature block. Figures come from ``report_figures`` (the one value
interface), the same as the .xlsx of figures and the dashboard.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone, translation
from docx.shared import Cm

from lanhmanh.documents import layout
from lanhmanh.geography.models import KIND_PREFIX
from lanhmanh.indicators.models import Indicator, Topic
from lanhmanh.indicators.registry import Value
from lanhmanh.indicators.values import indicator_values
from lanhmanh.organizations.models import StandingAgency

from .periods import Period
from .progress import Progress, targets_progress
from .selectors import unit_targets
from .templatetags.reporting_tags import SMALL_LABEL, target_level, vn_number

COMMITTEE = "Ủy ban nhân dân"
# Who a province reports to: the ministry in charge of the programme, which changed in
# 2025 (Decree 42/2025/NĐ-CP); a setting, not code.
DEFAULT_NATIONAL_RECIPIENT = "Bộ Y tế"
DOTS = "…" * 40
AREA_TITLES = {
    Topic.PROSTITUTION: "Công tác phòng, chống mại dâm",
    Topic.DRUGS: "Công tác phòng, chống ma túy",
    Topic.TRAFFICKING: "Công tác phòng, chống mua bán người",
    Topic.GENERAL: "Công tác chung",
}
_ROMAN = ["I", "II", "III", "IV", "V", "VI"]
TABLE_WIDTHS = [Cm(1), Cm(6.2), Cm(2), Cm(2.8), Cm(2.2), Cm(2.3)]  # 16.5 cm: the text width


def _fix_widths(table) -> None:
    """Word reads the cells' widths, LibreOffice the table grid's: set both, fixed."""
    table.autofit = False
    for column, width in zip(table.columns, TABLE_WIDTHS, strict=True):
        column.width = width


@dataclass
class Figures:
    """Every indicator's value for a unit and a period, and the targets measured by them."""

    unit: object
    period: Period
    indicators: list[Indicator]
    values: dict[str, Value]
    progress: dict[str, list[Progress]] = field(default_factory=dict)
    texts: dict[str, list[str]] = field(default_factory=dict)
    topics: list[str] = field(default_factory=list)


def report_figures(unit, period: Period, *, user=None, on: datetime.date | None = None) -> Figures:
    """One batched value call for every active indicator, and the progress of the targets
    of the unit's plans (the unit's and those of the units merged into it) covering the
    period's year, as of the end of the period (or today, while it runs)."""
    indicators = list(Indicator.objects.active().for_unit(unit))
    values = indicator_values(indicators, unit, period.window)
    on = on or min(timezone.localdate(), period.window.end)
    targets = list(unit_targets(user, unit, period.year))
    progress: dict[str, list[Progress]] = defaultdict(list)
    for p in targets_progress([t for t in targets if t.indicator_id], on=on):
        progress[p.target.indicator.code].append(p)
    return Figures(unit, period, indicators, values, dict(progress))


def shown(indicator: Indicator, value: Value) -> str:
    if value.no_data:
        return "—"
    if value.small_count:
        return SMALL_LABEL
    if indicator.is_ratio:
        ratio = value.ratio
        if ratio is None:
            return "—"
        return f"{vn_number(ratio)}% ({vn_number(value.numerator)}/{vn_number(value.denominator)})"
    return vn_number(value.numerator)


def unit_words(unit) -> str:
    """'tỉnh Thanh Hóa', 'phường Hạc Thành' (inside a sentence)."""
    return f"{str(KIND_PREFIX[unit.kind]).lower()} {unit.name}"


def _standing_agency(unit, day: datetime.date):
    found = (
        StandingAgency.objects.filter(unit=unit, valid_from__lte=day)
        .exclude(valid_to__lt=day)
        .select_related("agency")
        .order_by("-valid_from")
        .first()
    )
    return found.agency if found else None


def addressees(unit, day: datetime.date) -> list[str]:
    """'Kính gửi:' the level above: its committee and its standing agency of the day; a
    province reports to the ministry in charge (a setting)."""
    parent = unit.parent
    if parent is None:
        return [getattr(settings, "LANHMANH_NATIONAL_RECIPIENT", DEFAULT_NATIONAL_RECIPIENT)]
    names = [f"{COMMITTEE} {unit_words(parent)}"]
    agency = _standing_agency(parent, day)
    if agency is not None:
        names.append(agency.name)
    return names


TOPIC_WORDS = {
    Topic.DRUGS: "ma túy",
    Topic.PROSTITUTION: "mại dâm",
    Topic.TRAFFICKING: "mua bán người",
}


def topics_phrase(topics) -> str:
    """'mại dâm'; 'tệ nạn ma túy, mại dâm, mua bán người' for a report on several."""
    words = [TOPIC_WORDS[t] for t in TOPIC_WORDS if t in set(topics)]
    if not words:
        return TOPIC_WORDS[Topic.PROSTITUTION]
    if len(words) == 1:
        return words[0]
    return "tệ nạn " + ", ".join(words) if Topic.DRUGS in topics else ", ".join(words)


def report_texts(unit, period: Period) -> tuple[dict[str, list[str]], list[str]]:
    """The written sections of the report, by kind: the unit's own report of the period
    (its texts start from its children's and were edited there), else what the units
    below wrote, each paragraph naming its unit; and the topics of the forms involved."""
    from .models import Submission
    from .services import children_texts, texts_below

    own = (
        Submission.objects.filter(unit=unit, period_key=period.key)
        .select_related("form", "unit")
        .prefetch_related("texts__section", "form__rows__indicator")
        .order_by("-updated_at")
    )
    texts: dict[str, list[str]] = defaultdict(list)
    topics: set[str] = set()
    for submission in own:
        topics |= {r.indicator.topic for r in submission.form.rows.all()}
        for t in submission.texts.all():
            if t.text.strip():
                texts[t.section.kind].append(t.text.strip())
        if not texts:
            for kind, child, text in children_texts(submission):
                texts[kind].append(f"{child}: {text.strip()}")
    if not texts:
        window = period.window
        below = texts_below(unit, window.start, window.end)
        for kind, child, text in below:
            texts[kind].append(f"{child}: {text.strip()}")
        if below:
            from .models import SubmissionText

            topics |= set(
                SubmissionText.objects.filter(
                    submission__unit__in=[c.pk for _k, c, _t in below],
                    submission__period_start__gte=window.start,
                    submission__period_end__lte=window.end,
                ).values_list("submission__form__rows__indicator__topic", flat=True)
            ) - {None}
    return dict(texts), sorted(topics)


def report_docx(unit, period: Period, *, user=None) -> bytes:
    """The report as .docx bytes, always in Vietnamese."""
    with translation.override("vi"):
        figures = report_figures(unit, period, user=user)
        figures.texts, figures.topics = report_texts(unit, period)
        return layout.to_bytes(_write(figures))


def report_filename(unit, period: Period) -> str:
    return f"bao-cao-{unit.code}-{period.key}.docx"


def _write(figures: Figures):
    unit, period = figures.unit, figures.period
    window = period.window
    doc = layout.new_document()
    parent = unit.parent
    layout.add_header(
        doc,
        f"UBND {unit_words(parent)}" if parent else None,
        f"{COMMITTEE}\n{unit_words(unit)}",
        layout.document_number(None, "BC-UBND"),
        unit.name,
        None,
        year=window.end.year,
    )
    topics = figures.topics or sorted(
        {i.topic for i in figures.indicators if not figures.values[i.code].no_data}
    )
    about = f"phòng, chống {topics_phrase(topics)}"
    summary = f"Kết quả công tác {about} {period.label[0].lower()}{period.label[1:]}"
    layout.add_title(doc, "BÁO CÁO", summary)
    to = addressees(unit, window.end)
    if len(to) == 1:
        layout.add_paragraph(doc, f"Kính gửi: {to[0]}.", align="center", indent=False)
    else:
        layout.add_paragraph(doc, "Kính gửi:", align="center", indent=False)
        for i, name in enumerate(to):
            end = "." if i == len(to) - 1 else ";"
            layout.add_paragraph(doc, f"- {name}{end}", align="center", indent=False)
    layout.add_paragraph(
        doc,
        f"Thực hiện chế độ báo cáo định kỳ, {COMMITTEE} {unit_words(unit)} báo cáo kết quả "
        f"công tác {about} {period.label[0].lower()}{period.label[1:]} (số liệu "
        f"từ ngày {window.start:%d/%m/%Y} đến ngày {window.end:%d/%m/%Y}) như sau:",
    )

    layout.add_heading(doc, "I. KẾT QUẢ THỰC HIỆN")
    texts = figures.texts
    for kind in ("situation", "results"):
        for paragraph in texts.get(kind, []):
            layout.add_paragraph(doc, paragraph, indent=True)
    by_topic = defaultdict(list)
    for indicator in figures.indicators:
        value = figures.values[indicator.code]
        if not value.no_data or indicator.code in figures.progress:
            by_topic[indicator.topic].append(indicator)
    number = 0
    for topic in Topic.values:
        if not by_topic[topic]:
            continue
        number += 1
        layout.add_heading(doc, f"{number}. {AREA_TITLES[topic]}", level=2)
        rows = []
        for i, indicator in enumerate(by_topic[topic], start=1):
            value = figures.values[indicator.code]
            targets = figures.progress.get(indicator.code, [])
            level = "; ".join(target_level(p.target) for p in targets)
            status = "; ".join(str(p.status_label) for p in targets)
            unit_of_measure = "%" if indicator.is_ratio else indicator.unit_of_measure
            rows.append(
                [i, indicator.name, unit_of_measure, shown(indicator, value), level, status]
            )
        table = layout.add_table(
            doc,
            ["TT", "Chỉ số", "Đơn vị tính", "Kết quả", "Chỉ tiêu kế hoạch", "Đánh giá"],
            rows,
            widths=TABLE_WIDTHS,
            size=12,
        )
        _fix_widths(table)
    if number == 0:
        layout.add_paragraph(doc, "Chưa có số liệu trong kỳ báo cáo.", italic=True)

    # Each part takes the written sections of its kind; only a part nobody wrote is left
    # dotted for the clerk.
    for numeral, (title, parts) in zip(
        _ROMAN[1:],
        [
            (
                "ĐÁNH GIÁ CHUNG",
                [("1. Ưu điểm", ()), ("2. Tồn tại, hạn chế và nguyên nhân", ("difficulties",))],
            ),
            ("PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", [("", ("other",))]),
            ("ĐỀ XUẤT, KIẾN NGHỊ", [("", ("proposals",))]),
        ],
        strict=False,
    ):
        layout.add_heading(doc, f"{numeral}. {title}")
        for part, kinds in parts:
            if part:
                layout.add_heading(doc, part, level=2)
            paragraphs = [p for kind in kinds for p in texts.get(kind, [])]
            for paragraph in paragraphs or [DOTS]:
                layout.add_paragraph(doc, paragraph, indent=bool(paragraphs))

    layout.add_paragraph(
        doc,
        f"Trên đây là báo cáo kết quả công tác {about} "
        f"{period.label[0].lower()}{period.label[1:]} của {COMMITTEE} {unit_words(unit)}./.",
    )
    recipients, signature = layout.closing_table(doc)
    standing = _standing_agency(unit, window.end)
    layout.add_recipients(
        recipients,
        [
            "Như trên",
            "Chủ tịch, các Phó Chủ tịch UBND",
            *([standing.name] if standing else []),
        ],
        archive="VT",
    )
    layout.add_signature(signature, ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH", "")
    return doc
