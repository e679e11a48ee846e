"""Excel import of a register: upload → review (rows and errors) → save or go back."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lanhmanh.accounts.scope import get_visible_or_404
from lanhmanh.core.audit import AuditAction, audited

from .. import selectors
from ..access import require_write
from ..forms import ImportUploadForm
from ..importing import (
    COLUMNS,
    establishments_import_parse,
    establishments_import_save,
    import_counts,
    import_expired,
)
from ..models import EstablishmentImport

IMPORT_EXPIRED = gettext_lazy("Bản xem trước đã hết hạn: hãy tải tệp lên lại.")
PREVIEW_ROWS = 50
ERROR_ROWS = 200


@audited(AuditAction.UPLOAD)
def import_upload(request):
    require_write(request.user)
    form = ImportUploadForm(
        request.POST or None, request.FILES or None, units=selectors.writable_units(request.user)
    )
    if request.method == "POST" and form.is_valid():
        unit, upload = form.cleaned_data["unit"], form.cleaned_data["file"]
        try:
            require_write(request.user, unit)
            import_ = establishments_import_parse(
                content=upload.read(), file_name=upload.name, unit=unit, by=request.user
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect(import_)
    return render(
        request,
        "inspections/import_upload.html",
        {"form": form, "columns": COLUMNS, "title": _("Nhập danh sách cơ sở từ Excel")},
    )


def import_review(request, pk):
    import_ = get_visible_or_404(
        EstablishmentImport.objects.select_related("unit"), request.user, pk=pk
    )
    require_write(request.user, import_.unit)
    if import_expired(import_):
        messages.error(request, IMPORT_EXPIRED)
        return redirect("inspections:import_upload")
    error = None
    if request.method == "POST":
        try:
            saved = establishments_import_save(
                import_=import_, by=request.user, skip_invalid=bool(request.POST.get("skip"))
            )
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("Đã nhập %(count)d cơ sở.") % {"count": saved})
            return redirect("inspections:establishment_list")
    good, bad = import_counts(import_)
    return render(
        request,
        "inspections/import_review.html",
        {
            "import": import_,
            "good": good,
            "bad": bad,
            "error": error,
            "columns": COLUMNS,
            "bad_rows": [r for r in import_.rows if r["errors"]][:ERROR_ROWS],
            "good_rows": [r for r in import_.rows if not r["errors"]][:PREVIEW_ROWS],
            "title": _("Kiểm tra tệp trước khi nhập"),
        },
    )
