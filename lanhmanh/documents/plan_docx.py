"""A plan as a Word document in the official layout: ``plan_to_docx(plan) -> bytes``.

The document is written so that the plan importer reads it back to the same plan: each
target is a '- …' line of 'Mục tiêu, chỉ tiêu' (or of its agency's section when a target
is given to one agency) worded so the importer finds the same comparator and figures; each
task is a '- …' line of its lead agency's numbered section ('1. Sở Y tế'), the importer's
'one section per agency' shape, with '(phối hợp với …)' when its text does not name its
coordinating agencies. 'Chủ trì:'/'Phối hợp:' blocks are not used: the importer leaves
a section with such a block entirely to them, so lead-only tasks beside it would be lost.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils import translation
from docx.shared import Cm

from lanhmanh.core.text import fold
from lanhmanh.geography.models import KIND_PREFIX
from lanhmanh.plans.importer import parse_plan
from lanhmanh.plans.importer.agencies import same_agency
from lanhmanh.plans.importer.assignments import coordinating_in
from lanhmanh.plans.importer.header import read_head
from lanhmanh.plans.importer.quantities import expressions_in
from lanhmanh.plans.importer.structure import RECIPIENTS, build_outline
from lanhmanh.plans.importer.text import lines_of, normalise
from lanhmanh.plans.models import Measure, PlanKind, SignatureForm

from . import layout

__all__ = ["plan_filename", "plan_to_docx", "signature_label", "signature_lines"]

COMMITTEE = "Ủy ban nhân dân"
COMMITTEE_SHORT = "UBND"
CHAIR = "CHỦ TỊCH"
DEPUTY = "PHÓ "

_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
# the kind of document a reference is, from its symbol ('361/QĐ-TTg' → Quyết định)
_REFERENCE_KINDS = {
    "QĐ": "Quyết định",
    "KH": "Kế hoạch",
    "CT": "Chỉ thị",
    "CTr": "Chương trình",
    "NĐ": "Nghị định",
    "NQ": "Nghị quyết",
    "NQLT": "Nghị quyết liên tịch",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "HD": "Hướng dẫn",
    "TB": "Thông báo",
    "CĐ": "Công điện",
    "BC": "Báo cáo",
}
# documents a plan carries out ('Thực hiện …') rather than rests on ('Căn cứ …')
_CARRIED_OUT = {"KH", "CT", "CTr", "HD", "TB", "CĐ"}
_TOPIC_WORDS = {"prostitution": "mại dâm", "drugs": "ma túy", "trafficking": "mua bán người"}


def plan_to_docx(plan) -> bytes:
    """The plan as .docx bytes (Decree 30/2020/NĐ-CP layout), always in Vietnamese."""
    with translation.override("vi"):
        return layout.to_bytes(_PlanWriter(plan).write())


def plan_filename(plan) -> str:
    """'Kế hoạch 112-KH-UBND.docx', or the start of the title when there is no number."""
    with translation.override("vi"):
        kind = str(PlanKind(plan.kind).label) if plan.kind in PlanKind.values else "Kế hoạch"
    label = plan.number or plan.title[:60]
    label = re.sub(r"[\\/:*?\"<>|\s]+", " ", label.replace("/", "-")).strip()
    return f"{kind} {label}.docx" if label else f"{kind}.docx"


# --- names as documents write them ------------------------------------------------------


def committee_issues(plan) -> bool:
    """Whether the people's committee itself issues the plan: no agency is named, or the
    number's symbol says so ('25/KH-UBND' is the committee's whatever agency drafted it)."""
    if not plan.issuing_agency_id:
        return True
    symbol = (plan.number or "").rpartition("/")[2]
    return symbol.upper().endswith("-UBND") or symbol.upper() == "UBND"


class _Source:
    """What the document a plan was imported from says in its own words: each basis as
    written, the purpose section, the recipients; so the export stays faithful to it."""

    _PURPOSE = re.compile(r"\b(?:mục\s+đích|yêu\s+cầu|quan\s+điểm)\b", re.IGNORECASE)
    _AUTHORITY = re.compile(r"^(?:TM|KT|Q|TL|TUQ)\s?\.")

    def __init__(self, text: str):
        self.mapped = normalise(text)
        lines = lines_of(self.mapped.text)
        head = read_head(lines)
        self.outline = build_outline(lines, head.body_from)
        self.basis_texts = parse_plan(text).basis_texts

    def line(self, node) -> str:
        """The node's line as written, with its marker ('1. …', '- …')."""
        return self.mapped.text[node.line_start : node.end].strip()

    def purpose(self) -> tuple[str, list] | None:
        """The purpose section: its heading (without numeral) and its lines."""
        for node in self.outline.root.children:
            if node.kind == "roman" and self._PURPOSE.search(node.title):
                return node.title.strip(), [n for n in node.walk() if n is not node]
            if node.kind == "roman":
                return None  # the purpose comes first or not at all
        return None

    def recipients(self) -> tuple[list[str], str] | None:
        """The 'Nơi nhận' lines, one recipient each, and the archive ('VT, VX')."""
        tail = self.outline.tail
        if not tail or not RECIPIENTS.match(tail[0].text):
            return None
        names, archive = [], "VT"
        for line in tail[1:]:
            text = line.text.strip()
            if self._AUTHORITY.match(text) or not text.startswith(("-", "+", "•")):
                break
            name = text.lstrip("-+• ").rstrip(" ;.,")
            if name.lower().startswith("lưu"):
                archive = name.split(":", 1)[-1].strip() or archive
            elif name:
                names.append(name)
        return (names, archive) if names else None


def _source_of(plan) -> _Source | None:
    if not (plan.source_text or "").strip():
        return None
    try:
        return _Source(plan.source_text)
    except Exception:  # the export never fails on a source it cannot read again
        return None


def _unit_words(unit) -> str:
    """'tỉnh Thanh Hóa', 'phường Hạc Thành' (inside a sentence)."""
    return f"{str(KIND_PREFIX[unit.kind]).lower()} {unit.name}"


def _committee(unit) -> str:
    return f"{COMMITTEE} {_unit_words(unit)}"


def _number(value) -> str:
    """Vietnamese figures: 93,3 and 1.234."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{int(value):,}".replace(",", ".")
    text = f"{value.normalize():f}"
    whole, _, fraction = text.partition(".")
    return f"{int(whole):,}".replace(",", ".") + "," + fraction


def _clean(text: str) -> str:
    """A statement as one line: no list mark in front, no closing punctuation."""
    text = " ".join((text or "").split())
    return re.sub(r"^[-–+•*]\s*", "", text).rstrip(" .;,:")


def _item(text: str) -> str:
    """A '- …' line of the body: a quote read from the middle of a sentence ('duy trì 06
    mô hình') starts with a capital letter, as every item of an official document does."""
    return f"- {text[:1].upper()}{text[1:]}."


def _date(value) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


# --- targets read back the same ---------------------------------------------------------


def _probe(line: str, agency: str | None) -> list:
    """What the importer reads from ``line`` where the exporter puts it."""
    if agency:
        body = f"I. TỔ CHỨC THỰC HIỆN\n1. {agency}\n- {line}."
    else:
        body = f"I. MỤC TIÊU, CHỈ TIÊU\n- {line}."
    return parse_plan(f"KẾ HOẠCH\nKiểm tra\n{body}\n").targets


def _same(found, target) -> bool:
    def eq(a, b):
        return (a is None and b is None) or (
            a is not None and b is not None and Decimal(str(a)) == Decimal(b)
        )

    if found.comparator != target.comparator or found.unit != target.measure:
        return False
    if target.comparator == "between":
        return eq(found.low, target.low) and eq(found.high, target.high)
    return eq(found.value, target.value)


def _canonical(target) -> str:
    """The stored comparator and figures in the words the importer reads."""
    suffix = {
        Measure.PERCENT: "%",
        Measure.TIMES_PER_MONTH: " lần/tháng",
        Measure.TIMES_PER_QUARTER: " lần/quý",
        Measure.TIMES_PER_YEAR: " lần/năm",
    }.get(target.measure, "")
    if target.comparator == "between":
        return f"từ {_number(target.low)} đến {_number(target.high)}{suffix}"
    words = {">=": "ít nhất ", "<=": "không quá ", "=": "đúng "}[target.comparator]
    if target.comparator == "=" and target.measure == Measure.PERCENT:
        words = ""
    return f"{words}{_number(target.value)}{suffix}"


def target_line(target, agency: str | None = None) -> str:
    """The target's statement, or — when the statement no longer says what is stored (its
    figures were corrected) — the statement with its figure rewritten from the fields."""
    line = _clean(target.statement or target.quote)
    found = _probe(line, agency)
    if len(found) == 1 and _same(found[0], target):
        return line
    expressions = expressions_in(line)
    if len(expressions) == 1:
        e = expressions[0]
        end = e.start + len(line[e.start : e.end].rstrip())
        rewritten = f"{line[: e.start]}{_canonical(target)}{line[end:]}"
    else:
        rewritten = f"{line}: {_canonical(target)}" if line else _canonical(target)
    found = _probe(rewritten, agency)
    return rewritten if found and _same(found[-1], target) else line


# --- the writer -------------------------------------------------------------------------


class _PlanWriter:
    def __init__(self, plan):
        self.plan = plan
        self.unit = plan.unit
        self.doc = layout.new_document()
        self.sections = 0
        self.assignments = None  # the numeral of the assignments section
        self.committee = committee_issues(plan)
        self.source = _source_of(plan)
        # targets the document gave in a table go back to a table, in an appendix
        self.tabled = [t for t in plan.targets.all() if " | " in (t.quote or "")]

    def write(self):
        self._header()
        self._bases()
        self._purpose()
        self._targets()
        self._assignments()
        self._closing()
        self._appendix()
        return self.doc

    # header and title

    def _header(self):
        plan, unit = self.plan, self.unit
        parent_body, issuing_body = self._bodies()
        symbol = "KH-UBND" if plan.kind == PlanKind.PLAN else COMMITTEE_SHORT
        if not self.committee:
            symbol = "KH" if plan.kind == PlanKind.PLAN else ""
        directive = plan.kind == PlanKind.DIRECTIVE
        layout.add_header(
            self.doc,
            parent_body,
            issuing_body,
            layout.document_number(plan.number, symbol),
            plan.place or unit.name,
            plan.issued_on,
            year=plan.year_from,
            subject=re.sub(r"^V\s*/\s*v\.?\s*", "", plan.title, flags=re.IGNORECASE)
            if directive
            else None,
        )
        if not directive:
            layout.add_title(self.doc, "KẾ HOẠCH", plan.title)

    def _bodies(self) -> tuple[str | None, str]:
        """(parent body, issuing body). A committee's parent body is the committee of the
        unit above ('UBND TỈNH THANH HÓA', shortened as the decree allows); a province's
        committee has none. An agency's parent body is its unit's committee."""
        unit = self.unit
        if not self.committee:
            return f"{COMMITTEE_SHORT} {_unit_words(unit)}", self.plan.issuing_agency.name
        parent = unit.parent
        parent_body = f"{COMMITTEE_SHORT} {_unit_words(parent)}" if parent else None
        return parent_body, f"{COMMITTEE}\n{_unit_words(unit)}"

    def _issuer(self) -> str:
        if not self.committee:
            return self.plan.issuing_agency.name
        return _committee(self.unit)

    # body

    def _bases(self):
        lines = [self._basis_line(b) for b in self.plan.bases.all()]
        lines = [line for line in lines if line]
        lines.sort(key=lambda line: not line.startswith("Căn cứ"))
        for line in lines:
            layout.add_paragraph(self.doc, f"{line};")
        if self.plan.kind != PlanKind.PLAN:
            layout.add_paragraph(
                self.doc,
                f"{self._issuer()} yêu cầu các cơ quan, đơn vị thực hiện tốt các nội dung sau:",
            )
            return
        kind = "Kế hoạch"
        if lines:
            opening = f"{self._issuer()} ban hành {kind} với các nội dung sau:"
        else:
            opening = (
                f"Để triển khai thực hiện hiệu quả công tác {self._topics()} trên địa bàn "
                f"{_unit_words(self.unit)}, {self._issuer()} ban hành {kind} với các nội dung "
                "sau:"
            )
        layout.add_paragraph(self.doc, opening)

    def _basis_line(self, basis) -> str:
        written = self.source.basis_texts.get(basis.reference) if self.source else None
        if written:
            return written  # the document's own words, its title in full
        parent = basis.parent
        # a parent plan the reader may not see is cited by its number only
        if parent is not None and getattr(basis, "parent_visible", True):
            number = parent.number or basis.reference
            issuer = parent.issuer_name or _committee(parent.unit)
            parts = ["Thực hiện Kế hoạch"]
            if number:
                parts.append(f"số {number}")
            if parent.issued_on or basis.issued_on:
                parts.append(f"ngày {_date(parent.issued_on or basis.issued_on)}")
            parts.append(f"của {issuer[:1].upper()}{issuer[1:]}")
            return " ".join(parts) + f" về {_lower_first(parent.title)}"
        reference = basis.reference.strip()
        if not reference:
            return ""
        code = _symbol_code(reference)
        kind = _REFERENCE_KINDS.get(code, "Luật" if code.startswith("QH") else "Văn bản")
        verb = "Thực hiện" if code in _CARRIED_OUT else "Căn cứ"
        line = f"{verb} {kind} số {reference}"
        if basis.issued_on:
            line += f" ngày {_date(basis.issued_on)}"
        if basis.issuer:
            line += f" của {basis.issuer}"
        return line

    def _topics(self) -> str:
        words = [_TOPIC_WORDS[t] for t in self.plan.topics or [] if t in _TOPIC_WORDS]
        if not words:
            return "phòng, chống tệ nạn xã hội"
        if len(words) == 1:
            return f"phòng, chống {words[0]}"
        return f"phòng, chống {', '.join(words[:-1])} và {words[-1]}"

    def _section(self, title: str):
        numeral = _ROMAN[self.sections] if self.sections < len(_ROMAN) else str(self.sections)
        self.sections += 1
        layout.add_heading(self.doc, f"{numeral}. {title}")
        return numeral

    def _purpose(self):
        # The model keeps no purpose text: one plain paragraph, so the document reads whole.
        # A letter (directive) goes straight to its assignments.
        if self.plan.kind != PlanKind.PLAN:
            return
        own = self.source.purpose() if self.source else None
        if own:
            title, nodes = own
            self._section(title.upper())
            for node in nodes:
                text = self.source.line(node)
                if node.is_heading and node.children and len(node.title) < 120:
                    layout.add_heading(self.doc, text, level=2)
                else:
                    layout.add_paragraph(self.doc, text)
            return
        self._section("MỤC ĐÍCH, YÊU CẦU")
        layout.add_paragraph(
            self.doc,
            f"Triển khai đồng bộ, hiệu quả công tác {self._topics()} trên địa bàn "
            f"{_unit_words(self.unit)}; xác định rõ chỉ tiêu, nhiệm vụ và trách nhiệm của "
            "từng cơ quan, đơn vị; bảo đảm sự phối hợp chặt chẽ, thường xuyên trong tổ chức "
            "thực hiện.",
        )

    def _targets(self):
        tabled = {t.pk for t in self.tabled}
        targets = [
            t for t in self.plan.targets.all() if not _target_agency(t) and t.pk not in tabled
        ]
        if not targets and not tabled:
            return
        if self.plan.kind == PlanKind.PLAN:
            self._section("MỤC TIÊU, CHỈ TIÊU")
        if tabled:
            layout.add_paragraph(self.doc, "Các chỉ tiêu cụ thể tại Phụ lục kèm theo Kế hoạch này.")
        for target in targets:
            layout.add_paragraph(self.doc, _item(target_line(target)))

    def _assignments(self):
        """One numbered item per agency: the tasks it leads, one '- …' line each, with the
        agencies it works with ('phối hợp với …') and the time when the text does not say
        them; a target given to the agency is a line of its own unless a task holds it."""
        groups: dict[str, dict] = {}
        general: list = []

        def group(name):
            return groups.setdefault(fold(name), {"name": name, "targets": [], "tasks": []})

        for task in self.plan.tasks.all():
            lead = _task_lead(task)
            if lead:
                group(lead)["tasks"].append(task)
            else:
                general.append(task)
        tabled = {t.pk for t in self.tabled}
        for target in self.plan.targets.all():
            agency = _target_agency(target)
            if agency and target.pk not in tabled:
                group(agency)["targets"].append(target)
        if not groups and not general:
            return
        number = 0
        if self.plan.kind == PlanKind.PLAN:
            if general:
                # tasks no agency leads: a section of their own, read back as such
                self._section("NHIỆM VỤ, GIẢI PHÁP")
                for task in general:
                    layout.add_paragraph(self.doc, _item(_clean(task.text)))
            if not groups:
                return
            self.assignments = self._section("TỔ CHỨC THỰC HIỆN")
        elif general:
            number += 1
            layout.add_heading(self.doc, f"{number}. Nhiệm vụ chung", level=2)
            for task in general:
                layout.add_paragraph(self.doc, _item(_clean(task.text)))
        for item in groups.values():
            number += 1
            layout.add_heading(self.doc, f"{number}. {item['name']}", level=2)
            held = " ".join(fold(t.text) for t in item["tasks"])
            for target in item["targets"]:
                if fold(_clean(target.statement)) not in held:
                    line = target_line(target, agency=item["name"])
                    layout.add_paragraph(self.doc, _item(line))
            for task in item["tasks"]:
                layout.add_paragraph(self.doc, _item(task_line(task, item["name"])))

    # closing

    def _closing(self):
        layout.add_paragraph(
            self.doc,
            "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp "
            f"thời báo cáo {self._issuer()} để xem xét, giải quyết./.",
        )
        recipients, signature = layout.closing_table(self.doc)
        layout.add_recipients(recipients, *self._recipients())
        authority, title = self._signature()
        layout.add_signature(signature, authority, title, self.plan.signer)

    def _recipients(self) -> tuple[list[str], str]:
        # one recipient a line, whether they were kept a line each or as 'a; b; c'; the
        # archive ('Lưu: VT, …') is written once, last
        pieces = re.split(r"\n|;", self.plan.recipients or "")
        lines, archive = [], "VT"
        for piece in pieces:
            line = _clean(piece)
            if line.lower().startswith("lưu"):
                archive = line.split(":", 1)[-1].strip() or archive
            elif line:
                lines.append(line[:1].upper() + line[1:])
        if lines:
            return lines, archive
        own = self.source.recipients() if self.source else None
        if own:
            return own
        parent = self.unit.parent
        if parent is not None:
            lines.append(f"{COMMITTEE_SHORT} {_unit_words(parent)} (để báo cáo)")
        lines.append(f"Chủ tịch, các Phó Chủ tịch {COMMITTEE_SHORT} {_unit_words(self.unit)}")
        if self.assignments:
            lines.append(f"Các cơ quan, đơn vị tại Mục {self.assignments}")
        return lines, archive

    def _signature(self) -> tuple[list[str], str]:
        return signature_lines(self.plan)

    def _appendix(self):
        """The targets the document gave in a table, as a table on a page of its own
        (Decree 30: 'Phụ lục' bold, its title in caps, '(Kèm theo Kế hoạch số …)')."""
        if not self.tabled:
            return
        plan = self.plan
        self.doc.add_page_break()
        layout.add_paragraph(self.doc, "Phụ lục", bold=True, indent=False, align="center")
        layout.add_paragraph(
            self.doc,
            f"CHỈ TIÊU {self._topics().upper()} NĂM {plan.year_from}",
            bold=True,
            indent=False,
            align="center",
        )
        attached = "(Kèm theo Kế hoạch"
        if plan.number:
            attached += f" số {plan.number}"
        if plan.issued_on:
            attached += f" ngày {_date(plan.issued_on)}"
        attached += f" của {self._issuer()})"
        layout.add_paragraph(self.doc, attached, italic=True, indent=False, align="center")
        rows = []
        for n, target in enumerate(self.tabled, start=1):
            label, measure = _table_cells(target)
            rows.append(
                [str(n), label, measure, _table_figure(target), _target_agency(target) or ""]
            )
        layout.add_table(
            self.doc,
            ["STT", "Chỉ tiêu", "Đơn vị tính", f"Chỉ tiêu năm {plan.year_from}", "Cơ quan chủ trì"],
            rows,
            widths=_APPENDIX_COLUMNS,
            size=12,
        )


# STT, indicator, unit of measure, target, lead agency: 16.5 cm, the text width
_APPENDIX_COLUMNS = (Cm(1.2), Cm(6.6), Cm(2.2), Cm(2.7), Cm(3.8))
_MEASURE_WORDS = {
    Measure.PERCENT: "%",
    Measure.TIMES_PER_MONTH: "lần/tháng",
    Measure.TIMES_PER_QUARTER: "lần/quý",
    Measure.TIMES_PER_YEAR: "lần/năm",
}


def _table_cells(target) -> tuple[str, str]:
    """(indicator, unit of measure) of a target read from a table row: the row's first
    cell, and its unit cell ('lớp', 'vụ') when it had one."""
    cells = [c.strip() for c in (target.quote or "").split("|")]
    label = cells[0] or _clean(target.statement)
    measure = _MEASURE_WORDS.get(target.measure, "")
    if not measure:
        measure = next((c for c in cells[1:] if c and len(c) <= 15 and not re.search(r"\d", c)), "")
    return label, measure


def _table_figure(target) -> str:
    """The target cell: '100', '≥ 20', 'từ 10 đến 15', 'Không để xảy ra' — what the
    importer reads back with the unit of measure beside it."""
    if target.comparator == "between":
        return f"từ {_number(target.low)} đến {_number(target.high)}"
    value = _number(target.value)
    if target.comparator == "<=":
        return f"≤ {value}"
    if target.comparator == "=":
        if target.value == 0:
            return "Không để xảy ra"
        return (
            value if target.measure == Measure.PERCENT and target.value == 100 else f"đúng {value}"
        )
    if target.measure == Measure.PERCENT and target.value == 100:
        return f"≥ {value}"
    return value


def _lower_first(text: str) -> str:
    text = _clean(text)
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _symbol_code(reference: str) -> str:
    """'361/QĐ-TTg' → 'QĐ'; '144/2021/NĐ-CP' → 'NĐ'; '53/2024/QH15' → 'QH15'."""
    parts = [p for p in reference.split("/")[1:] if not p.isdigit()]
    return parts[0].split("-")[0] if parts else ""


def _task_lead(task) -> str:
    return task.lead.name if task.lead_id else (task.lead_name or "").strip()


def _task_coordinating(task) -> list[str]:
    """The coordinating agencies as the document named them, then agencies the user linked
    later without the document naming them."""
    names = [n.strip() for n in task.coordinating_names or [] if n and n.strip()]
    named = {fold(n) for n in names}
    return names + [a.name for a in task.coordinating.all() if fold(a.name) not in named]


def task_line(task, lead: str) -> str:
    """A task as its lead agency's section writes it: its text, then what the text does not
    say of the coordinating agencies and the time, in brackets ('(phối hợp với Công an
    tỉnh; thời gian: Quý I năm 2026)') — the words the importer reads them from."""
    text = _clean(task.text)
    said = coordinating_in(text, lead)
    missing = [c for c in _task_coordinating(task) if not any(same_agency(c, s) for s in said)]
    notes = []
    if missing:
        notes.append(f"phối hợp với {', '.join(missing)}")
    when = _clean(task.when) or (f"trước ngày {_date(task.due_date)}" if task.due_date else "")
    if when and fold(when) not in fold(text):
        notes.append(f"thời gian: {when}")
    return f"{text} ({'; '.join(notes)})" if notes else text


def _target_agency(target) -> str:
    return target.agency.name if target.agency_id else (target.agency_name or "").strip()


def signature_lines(plan) -> tuple[list[str], str]:
    """Authority lines and title: 'TM. ỦY BAN NHÂN DÂN' / 'KT. CHỦ TỊCH' / 'PHÓ CHỦ TỊCH'."""
    form = plan.signature_form
    title = " ".join(plan.signer_title.upper().split())
    collective = COMMITTEE.upper() if committee_issues(plan) else None
    head = title.removeprefix(DEPUTY) if title.startswith(DEPUTY) else (title or CHAIR)
    if form == SignatureForm.DEPUTY:
        # a deputy signs for the chair, on behalf of the committee when it issues
        lines = [f"TM. {collective}"] if collective else []
        return [*lines, f"KT. {head}"], title or DEPUTY + CHAIR
    if form == SignatureForm.ACTING:
        lines = [f"TM. {collective}"] if collective else []
        return lines, title if title.startswith("Q.") else f"Q. {title or CHAIR}"
    if form in (SignatureForm.BY_ORDER, SignatureForm.AUTHORISED):
        return [f"{form} {CHAIR}"], title or "CHÁNH VĂN PHÒNG"
    if form == SignatureForm.ON_BEHALF and collective:
        lines = [f"TM. {collective}"]
        if title.startswith(DEPUTY):
            lines.append(f"KT. {head}")
        return lines, title or CHAIR
    return [], title or CHAIR


def signature_label(plan) -> str:
    """The signature block on one line, for the plan's page: 'KT. CHỦ TỊCH – PHÓ CHỦ TỊCH'."""
    authority, title = signature_lines(plan)
    return " – ".join([*authority, title])
