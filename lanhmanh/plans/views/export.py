"""A plan as a Word document in the official layout (Decree 30/2020/NĐ-CP)."""

import re
import unicodedata
from urllib.parse import quote

from django.http import HttpResponse

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import require_module
from lanhmanh.core.audit import AuditAction, audited
from lanhmanh.documents.plan_docx import plan_filename, plan_to_docx

from .. import selectors

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def content_disposition(filename: str) -> str:
    """An attachment with the Vietnamese name (RFC 5987 ``filename*``) and an ASCII name
    for clients that do not read it: 'Ke hoach 112-KH-UBND.docx'."""
    ascii_name = unicodedata.normalize("NFKD", filename.replace("đ", "d").replace("Đ", "D"))
    ascii_name = ascii_name.encode("ascii", "ignore").decode()
    ascii_name = re.sub(r"[^\w .()-]", "_", ascii_name).strip() or "ke-hoach.docx"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


@audited(AuditAction.DOWNLOAD)
def plan_export_docx(request, pk):
    require_module(request.user, Module.PLANS)
    plan = selectors.plan_for_page(request.user, pk)
    response = HttpResponse(plan_to_docx(plan), content_type=DOCX)
    response["Content-Disposition"] = content_disposition(plan_filename(plan))
    return response
