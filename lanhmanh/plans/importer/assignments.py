"""Tasks from assignment sections written as one item per agency.

Many plans give work in 'Tổ chức thực hiện' / 'Phân công trách nhiệm' as

    2. Sở Y tế
    - Chỉ đạo …
    - Phối hợp với Công an tỉnh kiểm tra … hằng năm.

or '- Công an huyện: Chỉ đạo …'. Each bullet or paragraph of such an item is one task
of each agency the item names (an item addressed to several agencies gives the work to
each of them); an item with no bullets is one task. Coordinating agencies are those
named after 'phối hợp với'; the time comes from phrases such as 'hằng năm', 'trong năm
2021', 'thường xuyên', 'định kỳ 6 tháng'. Items already read as 'Chủ trì:'/'Phối hợp:'
blocks are left to :func:`agencies.find_tasks`.
"""

from __future__ import annotations

import re

from .agencies import AgencyItem, TaskFound, is_agency_start, same_agency, split_agencies
from .structure import Node
from .text import collapse
from .vocab import LEVEL_WORD_PATTERN

__all__ = ["coordinating_in", "item_tasks", "when_in"]

_BULLETS = frozenset({"dash", "plus"})
# Closing paragraphs that follow the last item's bullets: they address everyone.
_CLOSING = re.compile(
    r"^(?:trên\s+đây|yêu\s+cầu|đề\s+nghị\s+(?:các|thủ\s+trưởng)|trong\s+quá\s+trình"
    r"|quá\s+trình\s+(?:thực\s+hiện|triển\s+khai)|thủ\s+trưởng\s+các|giao\s+\S.*thường\s+trực)",
    re.IGNORECASE,
)
_WITH = re.compile(r"\bphối\s+hợp(?:\s+chặt\s+chẽ)?(?:\s+với)?\s+", re.IGNORECASE)
# Where a list of agencies after 'phối hợp với' ends: a clause mark, or the verb of the
# task. Verbs are matched in lower case only, so 'Đội Kiểm tra' stays part of a name, and
# not right after a word that makes them a name ('Ban chỉ đạo', 'các tổ chức').
_LIST_END = re.compile(r"[.;:()]|\s[-–]\s(?=[a-zđ])")
_VERBS = (
    "tổ chức|thực hiện|triển khai|xây dựng|đẩy mạnh|tăng cường|chỉ đạo|hướng dẫn|kiểm tra"
    "|khảo sát|thống kê|tuyên truyền|lập|treo|tiếp tục|quản lý|rà soát|giám sát|theo dõi"
    "|tham mưu|vận động|phát hiện|xử lý|đấu tranh|giải quyết|hỗ trợ|cung cấp|tạo điều kiện"
    "|thẩm định|trình|ban hành|nâng cao|duy trì|phổ biến|giáo dục|điều tra|triệt phá|đôn đốc"
    "|tham gia|bố trí|huy động|kiện toàn|lồng ghép|tập huấn|đánh giá|chấm điểm|cấp|thu hồi"
    "|trong\\s+việc|về\\s+việc|để|nhằm|trong|tại|theo|khi"
)
_VERB = re.compile(rf"(?<=\s)(?:{_VERBS})(?=[\s,.;:]|$)")
_NAME_WORDS_BEFORE_VERB = ("ban", "các", "đội", "đoàn", "tổ", "hội đồng", "trung tâm", "cục")
# 'Sở Tư pháp và các sở, ngành liên quan', 'UBMTTQ, đoàn thể các cấp': a name ends where a
# lower-case word that is not a unit level ('huyện, thị xã, thành phố') follows.
_GENERIC_TAIL = re.compile(rf"(?:\s*,\s*|\s+và\s+)(?!(?:{LEVEL_WORD_PATTERN})\b)(?=[a-zđà-ỹ])")

# Time phrases, most specific first; the earliest in the text wins.
_WHEN = re.compile(
    r"\b(?:"
    r"trước\s+ngày\s+\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?"
    r"|trong\s+(?:quý\s+[IV]{1,3}|tháng\s+\d{1,2})(?:\s*/\s*\d{4}|\s+năm\s+\d{4})?"
    r"|quý\s+[IV]{1,3}\s*/\s*\d{4}"
    r"|trong\s+năm\s+\d{4}"
    r"|định\s+kỳ\s+(?:(?:0?6|06)\s+tháng|hằng\s+\w+|hàng\s+\w+|tháng|quý|năm)"
    r"(?:\s*,\s*(?:tháng|quý|năm|cuối\s+năm))*"
    r"|(?:hằng|hàng)\s+(?:năm|quý|tháng|tuần)"
    r"|(?:0?6|9)\s+tháng(?:\s+(?:đầu\s+năm|cuối\s+năm))?"
    r"|thường\s+xuyên"
    r")(?!\w)",
    re.IGNORECASE,
)


def when_in(text: str) -> str | None:
    """The first time phrase of ``text`` ('Hằng năm', 'Trong năm 2021'), or None."""
    m = _WHEN.search(text or "")
    if not m:
        return None
    phrase = collapse(m.group(0))
    return phrase[:1].upper() + phrase[1:]


def _list_after(text: str, start: int) -> str:
    """The agencies' part of ``text`` from ``start``: up to a clause mark or a verb."""
    rest = text[start:]
    end = len(rest)
    m = _LIST_END.search(rest)
    if m:
        end = m.start()
    for v in _VERB.finditer(rest, 0, end):
        before = rest[: v.start()].rstrip().lower()
        if before.endswith(_NAME_WORDS_BEFORE_VERB) or not before:
            continue
        end = v.start()
        break
    return rest[:end]


def coordinating_in(text: str, lead: str | None = None) -> list[str]:
    """Agencies named after 'phối hợp với' in ``text``, without ``lead``.

    Only names that begin like an agency ('Sở Y tế', 'Công an quận') are kept: 'các cơ
    quan chức năng' names nobody in particular.
    """
    out: list[str] = []
    for m in _WITH.finditer(text or ""):
        for name in split_agencies(_list_after(text, m.end())):
            if not name.lower().startswith("các "):
                name = _GENERIC_TAIL.split(name, maxsplit=1)[0]
            if not is_agency_start(name) or len(name) > 160:
                continue
            if lead and same_agency(name, lead):
                continue
            if not any(same_agency(name, seen) for seen in out):
                out.append(name)
    return out


def _own_text(node: Node, names: list[str]) -> str:
    """The work in an item's own line: what follows 'Công an huyện:' (empty for a heading
    made of names only)."""
    head, colon, rest = node.title.partition(":")
    if colon and split_agencies(head) == names:
        return rest.strip()
    return ""


def _pieces(node: Node, items: set[int], prefix: str = "") -> list[tuple[str, Node]]:
    """(text, node) of each task below ``node``; items of their own are skipped."""
    out: list[tuple[str, Node]] = []
    for child in node.children:
        if id(child) in items:
            continue
        title = child.title.strip()
        if child.children and title.endswith(":"):
            # '- Chỉ đạo UBND các xã:' with '+ …' below: each sub-bullet is a task.
            out.extend(_pieces(child, items, f"{prefix}{title} "))
        elif child.children and child.is_heading:
            out.extend(_pieces(child, items, prefix))
        elif child.children:
            below = " ".join(n.title for n in child.walk() if n is not child)
            out.append((f"{prefix}{title} {below}", child))
        else:
            out.append((f"{prefix}{title}", child))
    return out


def _drop_closing(pieces: list[tuple[str, Node]], last: bool) -> list[tuple[str, Node]]:
    """Remove the document's closing paragraphs, which the outline hangs on the last item."""
    kept: list[tuple[str, Node]] = []
    seen_bullet = False
    for text, node in pieces:
        after_work = seen_bullet or bool(kept)
        if node.kind == "text" and after_work and (_CLOSING.match(text) or (last and seen_bullet)):
            continue
        seen_bullet = seen_bullet or node.kind in _BULLETS
        kept.append((text, node))
    return kept


def _sentence(text: str) -> str:
    text = collapse(text).strip(" ;")
    return text[:1].upper() + text[1:]


def item_tasks(items: list[AgencyItem], taken: list[Node]) -> list[TaskFound]:
    """Tasks of the agency items whose subtree gave no 'Chủ trì:' task (``taken``)."""
    taken_ids = {id(n) for n in taken if n is not None}
    item_ids = {id(item.node) for item in items}
    tasks: list[TaskFound] = []
    for i, item in enumerate(items):
        if any(id(n) in taken_ids for n in item.node.walk()):
            continue
        pieces = _pieces(item.node, item_ids)
        own = _own_text(item.node, item.names)
        if own:
            pieces.insert(0, (own, item.node))
        pieces = _drop_closing(pieces, last=i == len(items) - 1)
        for text, node in pieces:
            text = _sentence(text)
            if not text:
                continue
            when = when_in(text)
            for lead in item.names:
                tasks.append(TaskFound(text, lead, coordinating_in(text, lead), when, node))
    return tasks
