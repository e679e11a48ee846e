"""Tasks of the 'Nhiệm vụ, giải pháp' sections that name no lead agency, and appendices.

A plan lists its tasks under 'Nhiệm vụ, giải pháp' ('Nội dung hoạt động', 'Các giải pháp'),
often without saying who leads each: those items become tasks with no lead, for the person
who checks the draft to assign (the review screen proposes the standing agency). Items that
already are tasks with a lead (a 'Chủ trì:' block, an agency's section) are left to those.

Appendices ('PHỤ LỤC I …') follow the signature; a plan may put its targets or its tasks
there, so each is read as a body of its own.
"""

from __future__ import annotations

import re

from .agencies import TaskFound, lead_in
from .structure import Node, is_assignment_heading, is_target_heading
from .text import Line, collapse

__all__ = ["appendix_starts", "section_tasks"]

_TASK_SECTION = re.compile(
    r"^(?:\*\s*)?(?:các\s+|những\s+)?(?:nhiệm\s+vụ|giải\s+pháp|nội\s+dung|hoạt\s+động|"
    r"biện\s+pháp)(?:\s*(?:,|và|-)\s*(?:nhiệm\s+vụ|giải\s+pháp|biện\s+pháp|hoạt\s+động))*"
    r"(?:\s+(?:chủ\s+yếu|trọng\s+tâm|cụ\s+thể|thực\s+hiện|chính|và\s+giải\s+pháp))*\s*:?\s*$",
    re.IGNORECASE,
)
_ITEM_KINDS = {"number", "subnumber", "letter", "dash", "plus", "star", "text"}
_APPENDIX = re.compile(r"^(?:PHỤ\s+LỤC|Phụ\s+lục)(?:\s+(?:số\s+)?[IVX\d]+)?\s*[.:]?(?:\s|$)")
_MAX_TASK = 600
_CLOSING = re.compile(
    r"^(?:Trong\s+quá\s+trình|Trên\s+đây|Yêu\s+cầu\s+các|Đề\s+nghị\s+các|Ủy\s+ban|UBND)",
    re.IGNORECASE,
)


def _is_task_section(node: Node) -> bool:
    return (
        node.is_heading
        and bool(_TASK_SECTION.match(node.title.strip()))
        and not is_assignment_heading(node)
        and not is_target_heading(node)
    )


def section_tasks(root: Node, taken: set[int]) -> list[TaskFound]:
    """Items of the task sections not already read as tasks (``taken``: ids of nodes)."""
    tasks: list[TaskFound] = []

    def covered(node: Node) -> bool:
        return id(node) in taken or any(id(a) in taken for a in node.ancestors())

    def add(node: Node) -> None:
        if covered(node) or any(id(n) in taken for n in node.walk()):
            return
        text = collapse(node.title).rstrip(" :;")
        if len(text) < 12:
            return
        # 'Hội Liên hiệp Phụ nữ tỉnh phối hợp …': the item names who does it
        tasks.append(
            TaskFound(
                text=text[:_MAX_TASK], lead=lead_in(text), coordinating=[], when=None, node=node
            )
        )

    def collect(node: Node) -> None:
        """A short heading with items is a group ('4.2. Công tác kiểm tra'): its items are
        the tasks, however deep; anything else is a task."""
        items = [c for c in node.children if c.kind in _ITEM_KINDS - {"text"}]
        if node.is_heading and items and len(node.title) < 120:
            for item in items:
                collect(item)
        else:
            add(node)

    def visit(node: Node) -> None:
        if node.kind != "root" and _is_task_section(node):
            # paragraphs are tasks only in a section written without items; an opening or
            # closing paragraph ('Trong quá trình thực hiện …') never is
            listed = any(c.kind != "text" for c in node.children)
            for child in node.children:
                if child.kind not in _ITEM_KINDS or " | " in child.title:
                    continue
                if child.kind == "text" and (listed or _CLOSING.match(child.title)):
                    continue
                collect(child)
            return
        for child in node.children:
            visit(child)

    visit(root)
    return tasks


def appendix_starts(tail: list[Line]) -> list[int]:
    """Indexes in ``tail`` of the lines that open an appendix ('PHỤ LỤC', 'Phụ lục II')."""
    return [i for i, line in enumerate(tail) if _APPENDIX.match(line.text.strip())]
