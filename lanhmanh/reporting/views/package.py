"""The metadata package on screen: download what the user may see as one JSON file,
upload one to import it (all or nothing)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lanhmanh.indicators.services import may_configure_anything

from ..metadata import MAX_BYTES, TOO_LARGE, MetadataError, export_package, import_package
from ..setup_forms import PackageUploadForm
from .common import require_read

IMPORTED = gettext_lazy("Đã nhập gói cấu hình: %(created)s mục mới, %(updated)s mục cập nhật.")


def package(request):
    require_read(request.user)
    form = PackageUploadForm()
    errors: list[str] = []
    if request.method == "POST":
        if not may_configure_anything(request.user):
            raise PermissionDenied
        form = PackageUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_BYTES:
                errors = [str(TOO_LARGE)]
            else:
                try:
                    result = import_package(upload.read(), user=request.user)
                except MetadataError as error:
                    errors = [str(m) for m in error.messages]
                else:
                    counts = {"created": len(result.created), "updated": len(result.updated)}
                    messages.success(request, IMPORTED % counts)
                    return redirect("reporting:package")
    return render(
        request,
        "reporting/setup/package.html",
        {
            "title": _("Gói cấu hình"),
            "tab": "setup",
            "form": form,
            "errors": errors,
            "may_import": may_configure_anything(request.user),
        },
        status=400 if errors or form.errors else 200,
    )


def package_export(request):
    require_read(request.user)
    response = HttpResponse(
        export_package(None if request.user.is_superuser else request.user),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="lanhmanh-metadata.json"'
    return response
