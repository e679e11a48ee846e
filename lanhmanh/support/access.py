"""The module's privacy policy, in one place: every view, export, API endpoint and
document of the module asks here.

- A case is opened only by its case workers (social workers assigned to it, still
  assigned, whose support scope covers its unit) and by the supervisors of its unit (a
  social worker membership flagged ``supervises`` over the unit's subtree). Everyone
  else, administrators and superusers included, gets 404 as for a missing object.
- Every read of a case is recorded (``case_read``) with the fields shown.
- Counts leave the case workers only as aggregates over the units the user may see for
  support or for reporting, with any count from 1 to 4 shown as '<5' (``small``), on
  pages, in Excel, in Word and in the API alike.
- Person-level data leaves only through ``case_export``: a case worker, a reason, an
  audit row, and the person's consent to share.
- The registers without persons (providers, models, teams, outreach counts) follow the
  ordinary module scope: 404 without the support module, 403 for a reader who may not
  write at the unit.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from lanhmanh.accounts.permissions import can_read, can_write, supervision_scope
from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import Scope, get_visible_or_404, scope_for

MODULE = Module.SUPPORT
SMALL = 5
SMALL_LABEL = "<5"


# --- registers and the module itself -------------------------------------------------


def require_read(user) -> None:
    if not can_read(user, MODULE):
        raise Http404


def require_write(user, unit=None) -> None:
    require_read(user)
    if not can_write(user, MODULE, unit):
        raise PermissionDenied


def may_write(user, unit=None) -> bool:
    return can_write(user, MODULE, unit)


# --- cases ----------------------------------------------------------------------------


def case_worker_q(user, lookup: str | None = None) -> Q:
    """Rows (of cases, or of rows whose case is at ``lookup``) the user works on or
    supervises. Combined with the module scope by the querysets' ``visible_to``."""
    if not user or not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    from .models import CaseWorker

    prefix = f"{lookup}__" if lookup else ""
    assigned = CaseWorker.objects.filter(
        client=OuterRef(lookup or "pk"), user=user, until__isnull=True
    )
    return Q(Exists(assigned)) | supervision_scope(user).q(f"{prefix}unit__path")


def is_supervisor(user, client) -> bool:
    return supervision_scope(user).covers(client.unit.path) and can_read(user, MODULE)


def case_get(user, pk, *, fields=("case",), action=None):
    """The case for a case worker or its supervisor, its read recorded (``action``, a
    plain view by default, with the ``fields`` shown); 404 for anyone else (a missing case
    and a forbidden one look the same)."""
    from .models import AccessAction, SupportClient

    client = get_visible_or_404(SupportClient.objects.select_related("unit"), user, pk=pk)
    case_audit(user, client, action or AccessAction.VIEW, fields)
    return client


def case_for_write(user, pk):
    """The case for a write: as ``case_get``; a closed or anonymised case is read-only."""
    from .models import AccessAction, SupportClient

    client = get_visible_or_404(SupportClient.objects.select_related("unit"), user, pk=pk)
    if not can_write(user, MODULE, client.unit):
        raise PermissionDenied
    if client.anonymised_on:
        raise PermissionDenied
    case_audit(user, client, AccessAction.EDIT, ["case"])
    return client


def case_audit(user, client, action, fields=(), reason: str = "") -> None:
    from .models import CaseAccess

    CaseAccess.objects.create(
        client=client, user=user, action=action, fields=list(fields), reason=reason
    )


LIST_FIELDS = ["reference", "unit", "group", "sex", "is_child", "opened_on", "status"]


def cases_listed(user, clients) -> None:
    """A page of the case list is a read of each case on it: one row per case, at once."""
    from .models import AccessAction, CaseAccess

    CaseAccess.objects.bulk_create(
        CaseAccess(client=c, user=user, action=AccessAction.LIST, fields=LIST_FIELDS)
        for c in clients
    )


# --- counts ---------------------------------------------------------------------------


def may_read_counts(user) -> bool:
    """Aggregates: for the support module and for whoever reads the reports."""
    return can_read(user, MODULE) or can_read(user, Module.REPORTING)


def require_counts(user) -> None:
    if not may_read_counts(user):
        raise Http404


def counts_scope(user) -> Scope:
    support, reporting = scope_for(user, MODULE), scope_for(user, Module.REPORTING)
    if support.everything or reporting.everything:
        return Scope(everything=True)
    return Scope(frozenset(support.prefixes | reporting.prefixes))


def small(count) -> str | int:
    """A count as shown outside the case workers: 1 to 4 become '<5' (0 stays 0: it
    names nobody)."""
    count = int(count or 0)
    return SMALL_LABEL if 0 < count < SMALL else count
