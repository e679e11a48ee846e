"""Excel in and out for one report: download its template, upload it filled in."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lanhmanh.accounts.permissions import can_write
from lanhmanh.core.audit import AuditAction, audited

from ..excel import located, read_upload, template_filename, template_xlsx
from ..forms import UploadForm
from ..services import ConcurrentEditError, cell_errors, submission_save_values
from . import _page
from .common import MODULE, require_read, submission_or_404

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOADED = gettext_lazy("Đã nhận số liệu từ tệp Excel.")
UPLOAD_REFUSED = gettext_lazy(
    "Không lưu số liệu nào từ tệp: vui lòng sửa các lỗi dưới đây rồi tải lên lại."
)


@audited(AuditAction.DOWNLOAD)
def submission_template(request, pk):
    require_read(request.user)
    submission = submission_or_404(request.user, pk)
    response = HttpResponse(template_xlsx(submission), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{template_filename(submission)}"'
    return response


@require_POST
@audited(AuditAction.UPLOAD)
def submission_upload(request, pk):
    require_read(request.user)
    submission = submission_or_404(request.user, pk)
    if not can_write(request.user, MODULE, submission.unit):
        raise PermissionDenied
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, submission, upload_form=form, status=400)
    upload = read_upload(submission, form.cleaned_data["file"])
    errors = list(upload.errors)
    if not errors:
        try:
            result = submission_save_values(
                submission=submission,
                values=upload.values,
                version=upload.version,
                user=request.user,
            )
        except ConcurrentEditError as error:
            errors = list(error.messages)
        except ValidationError as error:
            errors = located(upload, cell_errors(error))
        else:
            for warning in result.warnings:
                messages.warning(request, warning)
            messages.success(request, UPLOADED)
            return redirect("reporting:submission_detail", submission.pk)
    submission.refresh_from_db()
    return _page(
        request, submission, upload_errors=[UPLOAD_REFUSED, *errors], upload_form=form, status=400
    )
