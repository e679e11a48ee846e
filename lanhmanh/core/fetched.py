"""What a view fetched through the scope door, for the audit trail of reads.

Kept apart from ``core.audit`` (which writes events and knows the apps) so that the door
in ``core.scoping`` stays in the lowest layer: it only notes the object; an audited view
collects the notes and records one read per page.
"""

from __future__ import annotations

import contextvars

# Objects fetched through get_visible_or_404 during an audited view, in order.
_fetched: contextvars.ContextVar[list | None] = contextvars.ContextVar(
    "audit_fetched", default=None
)


def note_fetched(obj) -> None:
    """Called by get_visible_or_404: remember the object if an audited view runs."""
    fetched = _fetched.get()
    if fetched is not None:
        fetched.append(obj)
