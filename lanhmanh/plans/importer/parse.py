"""``parse_plan``: the text of a plan or directive → a :class:`PlanDraft`.

Every part is read on its own; a part that cannot be read leaves its field empty and says
so in ``warnings`` (in Vietnamese, for the person who checks the draft). It never raises on
a string.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .agencies import find_agency_items, find_tasks, prose_tasks, same_agency
from .assignments import item_tasks
from .draft import PlanDraft, TaskDraft, UnitDraft
from .facts import basis_texts, find_bases, find_reporting, find_standing_agency, find_topics
from .header import Head, find_unit, read_head, read_signature
from .readers import MSG_NOT_A_PLAN, MSG_OTHER_KIND, DocumentReadError, gettext_noop
from .running import expand_abbreviations, running_facts
from .sections import appendix_starts, section_tasks
from .structure import Node, Outline, build_outline, is_prose, preamble_nodes
from .targets import find_targets
from .text import dash_key, lines_of, normalise

__all__ = ["PlanDraft", "parse_plan", "plan_check"]

W_EMPTY = "Văn bản rỗng: không có nội dung để đọc."
W_NO_KIND = "Không xác định được loại văn bản (kế hoạch hay công văn chỉ đạo)."
W_OTHER_KIND = "Văn bản là {kind}, không phải kế hoạch hay công văn chỉ đạo."
W_NO_TITLE = "Không tìm thấy trích yếu (tên) của văn bản."
W_NO_YEAR = "Không xác định được năm của kế hoạch."
W_NO_TARGETS = "Không tìm thấy chỉ tiêu định lượng nào trong kế hoạch."
W_NO_AGENCIES = "Không tìm thấy cơ quan nào được phân công nhiệm vụ."
W_NO_SIGNER = "Không tìm thấy người ký văn bản."
W_NO_TOPIC = "Không xác định được lĩnh vực (mại dâm, ma túy, mua bán người)."
W_STEP_FAILED = "Lỗi khi đọc phần {part}: {error}. Phần này cần nhập tay."

_OTHER_KINDS = {"decision": gettext_noop("quyết định"), "report": gettext_noop("báo cáo")}
_YEAR_IN_TITLE = re.compile(r"\bnăm\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_PERIOD_IN_TITLE = re.compile(
    r"\bgiai\s+đoạn\s+((?:19|20)\d\d)\s*[-–]\s*(?:19|20)\d\d", re.IGNORECASE
)


def _guarded[T](draft: PlanDraft, part: str, fn: Callable[..., T], *args, default: T) -> T:
    """Run one reading step; a failure becomes a warning naming the part, not an error."""
    try:
        return fn(*args)
    except Exception as exc:  # one unreadable part must not lose the rest of the draft
        draft.warn(W_STEP_FAILED.format(part=part, error=f"{type(exc).__name__}: {exc}"))
        return default


def parse_plan(text: str) -> PlanDraft:
    """Read a plan or a directive letter; see the package docstring."""
    draft = PlanDraft()
    if isinstance(text, bytes | bytearray):
        text = bytes(text).decode("utf-8", errors="replace")
    elif not isinstance(text, str):
        text = "" if text is None else str(text)
    if not text.strip():
        draft.warn(W_EMPTY)
        return draft
    for w in getattr(text, "warnings", ()):  # what the file reader could not read
        draft.warn(w)
    mapped = _guarded(draft, "văn bản", normalise, text, default=None)
    if mapped is None or not mapped.text:
        draft.warn(W_EMPTY)
        return draft
    lines = lines_of(mapped.text)
    head = _guarded(draft, "đầu văn bản", read_head, lines, default=Head())
    for w in head.warnings:
        draft.warn(w)
    outline = _guarded(
        draft,
        "bố cục",
        build_outline,
        lines,
        head.body_from,
        default=Outline(Node("root", "", "", 0, 0), [], [], None),
    )
    preamble = _preamble(outline.root)
    body_text = outline.root.body_text()

    _guarded(
        draft, "thông tin trong văn bản", _fill_from_running_text, head, mapped.text, default=None
    )
    _read_kind_and_title(draft, head, mapped.text)
    draft.number = head.number
    draft.date = head.date
    draft.year = _guarded(draft, "năm", _year_of, draft.title, head, preamble, default=None)
    if draft.year is None:
        draft.warn(W_NO_YEAR)

    unit, unit_warnings = _guarded(
        draft,
        "cơ quan ban hành",
        find_unit,
        head,
        expand_abbreviations(preamble),
        expand_abbreviations(draft.title or "") or None,
        expand_abbreviations(mapped.text),
        draft.year,
        default=(None, []),
    )
    for w in unit_warnings:
        draft.warn(w)
    if unit is not None:
        draft.unit = UnitDraft(unit.name, unit.level, unit.parent)
        draft.issuer = unit.issuer

    prose = is_prose(outline.root)
    # a plan in prose gives its work in sentences; figures there count as in assignments
    whole_body = draft.kind == "directive" or (prose and draft.kind == "plan")
    items = _guarded(draft, "phân công", find_agency_items, outline.root, whole_body, default=[])
    found_tasks = _guarded(draft, "nhiệm vụ", find_tasks, outline.root, default=[])
    if prose and not items and not found_tasks:
        preamble_ids = {id(n) for n in preamble_nodes(outline.root)}
        paragraphs = [n for n in outline.root.children if id(n) not in preamble_ids]
        found_tasks = _guarded(draft, "nhiệm vụ", prose_tasks, paragraphs, default=[])
    per_agency = _guarded(
        draft, "nhiệm vụ theo cơ quan", item_tasks, items, [t.node for t in found_tasks], default=[]
    )
    appendices = _guarded(draft, "phụ lục", _appendices, outline, default=[])
    for appendix, _targets_only in appendices:
        found_tasks += _guarded(draft, "nhiệm vụ ở phụ lục", find_tasks, appendix, default=[])
    taken = {id(t.node) for t in found_tasks + per_agency if t.node is not None}
    taken |= {id(item.node) for item in items}
    unled = _guarded(draft, "nhiệm vụ, giải pháp", section_tasks, outline.root, taken, default=[])
    all_tasks = sorted(
        found_tasks + per_agency + unled, key=lambda t: t.node.start if t.node else 0
    )
    draft.agencies = _agencies(items, found_tasks)
    for task in unled:
        # a lead read from the task's own words, spelt as the agency is elsewhere
        if task.lead:
            known = next((a for a in draft.agencies if same_agency(a, task.lead)), None)
            if known is None:
                draft.agencies.append(task.lead)
            task.lead = known or task.lead
    draft.tasks = [TaskDraft(t.text, t.lead, t.coordinating, t.when) for t in all_tasks]
    agency_of = {id(item.node): _agency_label(item.names) for item in items}

    table_warnings: list[str] = []
    draft.targets = _guarded(
        draft,
        "chỉ tiêu",
        find_targets,
        mapped,
        outline.root,
        agency_of,
        whole_body,
        table_warnings,
        False,
        prose and draft.kind == "plan",
        default=[],
    )
    for appendix, targets_only in appendices:
        draft.targets += _guarded(
            draft,
            "chỉ tiêu ở phụ lục",
            find_targets,
            mapped,
            appendix,
            {},
            False,
            table_warnings,
            targets_only,
            default=[],
        )
    for w in table_warnings:
        draft.warn(w)
    # a lead agency named only in a table of targets is given work too
    known = {dash_key(a) for a in draft.agencies}
    for target in draft.targets:
        if target.agency and dash_key(target.agency) not in known:
            known.add(dash_key(target.agency))
            draft.agencies.append(target.agency)
    body_lines = [n.title for n in outline.root.walk() if n.kind != "root"]
    draft.bases = _guarded(
        draft,
        "căn cứ",
        find_bases,
        _preamble_paragraphs(outline.root),
        body_lines,
        draft.number,
        default=[],
    )
    draft.basis_texts = _guarded(
        draft,
        "căn cứ",
        basis_texts,
        _preamble_paragraphs(outline.root),
        draft.bases,
        default={},
    )
    draft.topics = _guarded(
        draft, "lĩnh vực", find_topics, draft.title, preamble, body_text, default=[]
    )
    closing = outline.closing.text if outline.closing else None
    draft.reporting = _guarded(
        draft, "chế độ báo cáo", find_reporting, closing, body_text, default=[]
    )
    draft.standing_agency = _guarded(
        draft,
        "cơ quan thường trực",
        find_standing_agency,
        body_text,
        closing,
        items,
        draft.agencies,
        default=None,
    )
    draft.signature, draft.signer = _guarded(
        draft, "chữ ký", read_signature, outline.tail or lines[-12:], default=(None, None)
    )
    _guarded(draft, "số, ký hiệu", _number_warnings, draft, default=None)
    _final_warnings(draft)
    return draft


W_NUMBER_ISSUER = (
    "Số, ký hiệu «{number}» là của {code}, nhưng văn bản ghi cơ quan ban hành là {issuer}: "
    "hãy kiểm tra cơ quan ban hành và số, ký hiệu."
)
W_NUMBER_KIND = "Số, ký hiệu «{number}» là của một {kind}, không phải kế hoạch."
_KIND_CODES = {"BC": "báo cáo", "QĐ": "quyết định", "TTr": "tờ trình", "TB": "thông báo"}


def _number_warnings(draft: PlanDraft) -> None:
    """A number whose symbol names another issuer or another kind of document."""
    if not draft.number or "/" not in draft.number:
        return
    symbol = draft.number.rsplit("/", 1)[1]
    parts = symbol.split("-")
    code = parts[1] if len(parts) > 1 else ""
    if code and code.upper() != "UBND" and (draft.issuer or "").startswith("Ủy ban nhân dân"):
        draft.warn(W_NUMBER_ISSUER.format(number=draft.number, code=code, issuer=draft.issuer))
    if draft.kind == "plan" and parts[0] in _KIND_CODES:
        draft.warn(W_NUMBER_KIND.format(number=draft.number, kind=_KIND_CODES[parts[0]]))


def plan_check(draft: PlanDraft) -> None:
    """Raise ``DocumentReadError('not_a_plan')`` when the text is not a plan or a directive
    at all: no kind line ('KẾ HOẠCH', 'V/v …') and nothing a plan holds (no tasks, no
    agencies given work, and no targets, or the few figures of a report or a decision).

    A document the reader only partly understood passes: its gaps are warnings to check.
    """
    if draft.kind is not None or draft.tasks or draft.agencies:
        return
    if draft.other_kind:
        raise DocumentReadError("not_a_plan", MSG_OTHER_KIND, kind=draft.other_kind)
    if not draft.targets:
        raise DocumentReadError("not_a_plan", MSG_NOT_A_PLAN)


def _read_kind_and_title(draft: PlanDraft, head: Head, text: str) -> None:
    kind = head.kind
    if kind in _OTHER_KINDS:
        draft.other_kind = _OTHER_KINDS[kind]
        draft.warn(W_OTHER_KIND.format(kind=_OTHER_KINDS[kind]))
        kind = "plan" if re.search(r"\bkế\s+hoạch\b", head.title or "", re.IGNORECASE) else None
    if kind is None:
        if re.search(r"\bKẾ\s+HOẠCH\b|\bKế\s+hoạch\s+này\b", text):
            kind = "plan"
        draft.warn(W_NO_KIND)
    draft.kind = kind
    draft.title = head.title
    if not draft.title:
        draft.warn(W_NO_TITLE)


def _appendices(outline: Outline) -> list[tuple[Node, bool]]:
    """Each appendix after the signature as an outline of its own, and whether it is an
    appendix of targets ('PHỤ LỤC … CHỈ TIÊU …')."""
    tail = outline.tail
    starts = appendix_starts(tail)
    out = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(tail)
        lines = tail[start:end]
        appendix = build_outline(lines, 0)
        opening = " ".join(line.text for line in lines[:4])
        out.append((appendix.root, bool(_TARGET_APPENDIX.search(opening))))
    return out


_TARGET_APPENDIX = re.compile(r"\b(?:chỉ\s+tiêu|mục\s+tiêu)\b", re.IGNORECASE)


def _fill_from_running_text(head: Head, text: str) -> None:
    """Kind, number, date and title from the running text when the header lacks them: a
    portal's summary of a plan, a file that lost its header, an appendix's 'Kèm theo …'."""
    if head.kind is not None and head.number_symbol is not None and head.date is not None:
        return
    facts = running_facts(text)
    if head.kind is None and facts.kind:
        head.kind = facts.kind
        if head.title is None:
            head.title = facts.title
    if head.number is None and head.number_symbol is None and facts.number:
        head.number = facts.number
        head.number_symbol = facts.number.split("/", 1)[1]
    if head.date is None and facts.date and (facts.number == head.number or not head.number):
        head.date = facts.date
        head.date_year = facts.date.year


def _year_of(title: str | None, head: Head, preamble: str) -> int | None:
    if title:
        m = _YEAR_IN_TITLE.search(title)
        if m:
            return int(m.group(1))
    if head.date_year:
        return head.date_year
    if title:
        m = _PERIOD_IN_TITLE.search(title)
        if m:
            return int(m.group(1))
    years = _YEAR_IN_TITLE.findall(preamble)
    return int(max(set(years), key=years.count)) if years else None


def _preamble(root: Node) -> str:
    return "\n".join(n.title for n in preamble_nodes(root))


def _preamble_paragraphs(root: Node) -> list[str]:
    return [n.title for n in preamble_nodes(root)]


def _agency_label(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names)


def _agencies(items, tasks) -> list[str]:
    out: list[str] = []
    keys: set[str] = set()
    for name in [n for item in items for n in item.names] + [t.lead for t in tasks if t.lead]:
        key = dash_key(name)
        if key and key not in keys:
            keys.add(key)
            out.append(name)
    return out


def _final_warnings(draft: PlanDraft) -> None:
    if draft.kind == "plan" and not draft.targets:
        draft.warn(W_NO_TARGETS)
    if not draft.agencies:
        draft.warn(W_NO_AGENCIES)
    if not draft.signer:
        draft.warn(W_NO_SIGNER)
    if not draft.topics:
        draft.warn(W_NO_TOPIC)
