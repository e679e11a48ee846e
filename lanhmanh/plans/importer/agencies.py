"""Agencies given assignments, and tasks with a lead and coordinating agencies.

Two shapes are read:

* assignment items: in 'Tổ chức thực hiện' / 'Phân công trách nhiệm' (or anywhere in a
  directive letter), an item headed by agencies ('2. Sở Y tế', '9. Đề nghị Viện kiểm sát,
  Tòa án nhân dân quận') or opening with them ('- Công an huyện: Chỉ đạo …');
* task blocks: an activity with 'Chủ trì: …', 'Phối hợp: …', 'Thời gian thực hiện: …'
  lines below it, inline in its text, or in a table with those columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .structure import Node, is_assignment_heading
from .text import collapse, dash_key
from .vocab import AGENCY_FALSE_STARTS, AGENCY_HEADS

__all__ = [
    "AgencyItem",
    "TaskFound",
    "clean_agency",
    "find_agency_items",
    "find_tasks",
    "is_agency_start",
    "same_agency",
    "split_agencies",
]

_HEADS = tuple(sorted(AGENCY_HEADS, key=len, reverse=True))
_LEADING_VERBS = re.compile(
    r"^(?:đề\s+nghị|giao\s+cho|giao|đối\s+với|trách\s+nhiệm\s+của|yêu\s+cầu|nhiệm\s+vụ\s+của)\s+",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"\s*(?:[,;]\s*(?:và\s+)?|\s+và\s+|\s+với\s+)")
_LEAD = re.compile(
    r"(?:^|[(\s;.,])(?:cơ\s+quan\s+|đơn\s+vị\s+)?chủ\s+trì\s*(?:thực\s+hiện\s*)?[:：]\s*",
    re.IGNORECASE,
)
_COORD = re.compile(
    r"(?:^|[(\s;.,])(?:cơ\s+quan\s+|đơn\s+vị\s+)?phối\s+hợp\s*(?:thực\s+hiện\s*)?[:：]\s*",
    re.IGNORECASE,
)
_WHEN = re.compile(
    r"(?:^|[(\s;.,])(?:thời\s+gian(?:\s+(?:thực\s+hiện|hoàn\s+thành))?|thời\s+hạn|tiến\s+độ)\s*[:：]\s*",
    re.IGNORECASE,
)
_ROLE_HEADING = re.compile(
    r"^(?:trách\s+nhiệm|phân\s+công|cơ\s+quan|đơn\s+vị|nội\s+dung|thời\s+gian|tiến\s+độ"
    r"|kinh\s+phí|sản\s+phẩm|kết\s+quả|chủ\s+trì|phối\s+hợp)\b",
    re.IGNORECASE,
)


@dataclass
class AgencyItem:
    """An item of the outline that gives work to ``names``."""

    node: Node
    names: list[str]


@dataclass
class TaskFound:
    text: str
    lead: str | None
    coordinating: list[str]
    when: str | None
    node: Node | None = None


def is_agency_start(text: str) -> bool:
    """Whether ``text`` begins with the name of an agency ('Sở Y tế', 'UBND các xã …')."""
    text = text.lstrip()
    if not text or not text[0].isupper():
        return False
    low = text.lower()
    if low.startswith(AGENCY_FALSE_STARTS):
        return False
    for head in _HEADS:
        if low.startswith(head):
            after = low[len(head) : len(head) + 1]
            if not after or not after.isalnum():
                return True
    return False


def clean_agency(text: str) -> str:
    """Trim an agency name: leading 'Đề nghị'/'Giao', trailing punctuation, extra spaces."""
    text = collapse(text)
    text = _LEADING_VERBS.sub("", text)
    return text.strip(" .;:,-–()")


def split_agencies(text: str) -> list[str]:
    """'Phòng Y tế, Trung tâm Y tế quận' → both; 'Sở Văn hóa, Thể thao và Du lịch' → one.

    A list is split only where the next part itself begins like an agency.
    """
    text = clean_agency(text)
    if not text:
        return []
    parts: list[str] = []
    current_start = 0
    for m in _SEPARATOR.finditer(text):
        rest = text[m.end() :]
        if m.start() > current_start and is_agency_start(rest):
            parts.append(text[current_start : m.start()])
            current_start = m.end()
    parts.append(text[current_start:])
    return [p for p in (clean_agency(p) for p in parts) if p]


def same_agency(a: str, b: str) -> bool:
    """Equal names, or one the start of the other, ignoring case, accents and dash spacing."""
    ka, kb = dash_key(a), dash_key(b)
    return bool(ka and kb) and (ka == kb or ka.startswith(kb) or kb.startswith(ka))


def _names_of(node: Node) -> list[str] | None:
    """The agencies an outline item is addressed to, if it is such an item."""
    title = _LEADING_VERBS.sub("", node.title.strip())
    if not is_agency_start(title):
        return None
    head, colon, _rest = title.partition(":")
    if colon and len(head) <= 160 and "." not in head.rstrip("."):
        return split_agencies(head)
    # a heading made of names only: short, no sentence inside, with work below it
    if len(title) <= 220 and not re.search(r"[.!?]\s+\S", title) and node.children:
        if title.rstrip().endswith(".") and len(title) > 120:
            return None
        return split_agencies(title)
    return None


def find_agency_items(root: Node, whole_body: bool) -> list[AgencyItem]:
    """Items giving work to agencies, in assignment sections (or everywhere in a letter)."""
    items: list[AgencyItem] = []

    def visit(node: Node, in_scope: bool) -> None:
        if node.kind == "addressees":
            return
        if node.kind != "root":
            if is_assignment_heading(node):
                in_scope = True
            elif in_scope and node.kind != "text":
                names = _names_of(node)
                if names:
                    items.append(AgencyItem(node, names))
        for child in node.children:
            visit(child, in_scope)

    visit(root, whole_body)
    return items


def _role_value(text: str, pattern: re.Pattern[str]) -> tuple[str, int] | None:
    """The value after 'Chủ trì:' (or 'Phối hợp:' …) up to the next role or sentence end."""
    m = pattern.search(text)
    if not m:
        return None
    rest = text[m.end() :]
    stops = [len(rest)]
    for other in (_LEAD, _COORD, _WHEN):
        o = other.search(rest)
        if o:
            stops.append(o.start())
    s = re.search(r"[.)](?:\s|$)|;\s*(?=[^\s]*\s*(?:thời|chủ|phối))", rest)
    if s:
        stops.append(s.start())
    value = rest[: min(stops)]
    return value.strip(" .;,()"), m.start()


def _activity_of(node: Node) -> Node | None:
    """The activity a 'Chủ trì:' line belongs to: the nearest ancestor that is not a role
    heading ('Trách nhiệm thực hiện', 'Nội dung hoạt động' …)."""
    for anc in node.ancestors():
        if anc.kind == "root":
            return None
        if not _ROLE_HEADING.match(anc.title):
            return anc
    return None


def _field_in(node: Node, pattern: re.Pattern[str]) -> str | None:
    for n in node.walk():
        found = _role_value(n.title, pattern)
        if found and found[0]:
            return found[0]
    return None


def find_tasks(root: Node) -> list[TaskFound]:
    """Tasks with a lead agency: role lines under an activity, inline roles, role tables."""
    tasks: list[TaskFound] = []
    seen: set[int] = set()
    for node in root.walk():
        if node.kind == "root":
            continue
        if " | " in node.title:
            continue
        lead = _role_value(node.title, _LEAD)
        if not lead or not lead[0]:
            continue
        lead_text, at = lead
        if at <= 1:  # a 'Chủ trì: X' line: the activity is above it
            activity = _activity_of(node)
            if activity is None or id(activity) in seen:
                continue
            seen.add(id(activity))
            text = activity.title
            coord = _field_in(activity, _COORD)
            when = _field_in(activity, _WHEN)
            owner = activity
        else:  # inline: '… (Chủ trì: X; phối hợp: Y; thời gian: Z)'
            text = node.title[:at].rstrip(" (;,.-")
            coord_found = _role_value(node.title, _COORD)
            when_found = _role_value(node.title, _WHEN)
            coord = coord_found[0] if coord_found else None
            when = when_found[0] if when_found else None
            owner = node
        leads = split_agencies(lead_text)
        tasks.append(
            TaskFound(
                text=collapse(text),
                lead=leads[0] if leads else clean_agency(lead_text),
                coordinating=split_agencies(coord) if coord else [],
                when=collapse(when).rstrip(".") if when else None,
                node=owner,
            )
        )
    tasks.extend(_table_tasks(root))
    return tasks


_TARGET_COLUMN = re.compile(
    r"chỉ\s+tiêu|đơn\s+vị\s+tính|đvt|cần\s+đạt|mục\s+tiêu|kế\s+hoạch\s+năm|năm\s+\d{4}"
)


def _table_tasks(root: Node) -> list[TaskFound]:
    """Tasks from table rows under a header row naming 'chủ trì' and 'phối hợp' columns."""
    tasks: list[TaskFound] = []
    columns: dict[str, int] | None = None
    width = 0
    for node in root.walk():
        if " | " not in node.title:
            columns = None if node.kind != "text" else columns
            continue
        cells = [c.strip() for c in node.title.split(" | ")]
        low = [c.lower() for c in cells]
        lead_col = next((i for i, c in enumerate(low) if "chủ trì" in c), None)
        if lead_col is not None and any(_TARGET_COLUMN.search(c) for c in low):
            columns = None  # a table of targets with their lead: targets, not tasks
            continue
        if lead_col is not None and len(cells[lead_col]) < 40:
            columns = {"lead": lead_col}
            for i, c in enumerate(low):
                if "phối hợp" in c:
                    columns["coord"] = i
                elif "thời gian" in c or "thời hạn" in c or "tiến độ" in c:
                    columns["when"] = i
                elif "nội dung" in c or "nhiệm vụ" in c or "hoạt động" in c:
                    columns.setdefault("text", i)
            columns.setdefault("text", 1 if lead_col > 1 else 0)
            width = len(cells)
            continue
        if columns is None or len(cells) != width:
            continue
        text = cells[columns["text"]]
        lead = cells[columns["lead"]]
        if not text or not lead:
            continue
        leads = split_agencies(lead)
        coord = cells[columns["coord"]] if "coord" in columns else ""
        when = cells[columns["when"]] if "when" in columns else ""
        tasks.append(
            TaskFound(
                text=collapse(text),
                lead=leads[0] if leads else clean_agency(lead),
                coordinating=split_agencies(coord) if coord else [],
                when=collapse(when).rstrip(".") or None,
                node=node,
            )
        )
    return tasks


# In prose an assignment is a sentence or clause that opens with the agency and its role:
# 'Công an phường chủ trì rà soát …', 'UBND tỉnh giao Sở Y tế là cơ quan thường trực …'.
_PROSE_ROLE = re.compile(
    r"\s(?:là|làm|chủ\s+trì|phối\s+hợp|tổ\s+chức|có\s+trách\s+nhiệm|thực\s+hiện|triển\s+khai|"
    r"tham\s+mưu|kiểm\s+tra|rà\s+soát|tăng\s+cường|tiếp\s+nhận|hướng\s+dẫn|theo\s+dõi|"
    r"xây\s+dựng|đẩy\s+mạnh|chỉ\s+đạo|bảo\s+đảm|đảm\s+bảo|duy\s+trì|tư\s+vấn|hỗ\s+trợ)\b",
    re.IGNORECASE,
)
_PROSE_GIVER = re.compile(
    r"^(?:.{0,60}?\b(?:giao|đề\s+nghị|yêu\s+cầu)\s+(?:cho\s+)?)", re.IGNORECASE
)
_PROSE_SPLIT = re.compile(r";\s+|\.\s+(?=[A-ZĐÀ-Ỹ])")


def lead_in(clause: str) -> str | None:
    """The agency a clause opens with, before its role ('Công an xã chủ trì …'), if any."""
    given = _PROSE_GIVER.match(clause)
    if given and is_agency_start(clause[given.end() :]):
        clause = clause[given.end() :]
    name = next(
        (
            clause[: role.start()].strip(" ,")
            for role in _PROSE_ROLE.finditer(clause)
            if len(clause[: role.start()].split()) >= 2 and is_agency_start(clause[: role.start()])
        ),
        "",
    )
    if not name or len(name) > 90:
        return None
    names = split_agencies(name)
    return names[0] if names else clean_agency(name)


def prose_tasks(paragraphs: list[Node]) -> list[TaskFound]:
    """Tasks of a plan written in prose: each clause that opens with an agency and a role."""
    tasks: list[TaskFound] = []
    for node in paragraphs:
        pos = 0
        for piece in [*_PROSE_SPLIT.split(node.title), ""]:
            clause = piece.strip()
            pos += 1
            if not clause:
                continue
            given = _PROSE_GIVER.match(clause)
            if given and is_agency_start(clause[given.end() :]):
                clause = clause[given.end() :]
            # the first role word after a name of two words or more ('Tổ kiểm tra liên ngành
            # của phường kiểm tra …': the first 'kiểm tra' is inside the name)
            name = next(
                (
                    clause[: role.start()].strip(" ,")
                    for role in _PROSE_ROLE.finditer(clause)
                    if len(clause[: role.start()].split()) >= 2
                    and is_agency_start(clause[: role.start()])
                ),
                "",
            )
            if not name or len(name) > 90:
                continue
            names = split_agencies(name)
            tasks.append(
                TaskFound(
                    text=collapse(clause).rstrip("."),
                    lead=names[0] if names else clean_agency(name),
                    coordinating=[],
                    when=None,
                    node=node,
                )
            )
    return tasks
