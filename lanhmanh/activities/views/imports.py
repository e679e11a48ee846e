"""Importing a list of activities from Excel: upload, a preview with every row's errors,
then saving all rows, or the good ones when the user chooses to skip the rest.

The uploaded file waits in the media storage (never in the database) under a random name
kept in the user's session, and is deleted once saved, or at the next upload after a day.
"""

from __future__ import annotations

import datetime
import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lanhmanh.core.forms import BootstrapMixin
from lanhmanh.organizations.models import Agency

from .. import importing, selectors, services
from . import require_write

FOLDER = "imports/activities"
SESSION_KEY = "activities_import"
KEEP_FOR = datetime.timedelta(days=1)
EXPIRED = gettext_lazy("Tệp đã tải lên không còn: hãy tải lên lại.")


class UploadForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp Excel (.xlsx) danh sách hoạt động"))


def _lookups(user):
    return {
        "units": selectors.writable_units(user),
        "agencies": Agency.objects.visible_to(user).filter(is_active=True),
    }


def _forget_old_files() -> None:
    try:
        _dirs, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    limit = timezone.now() - KEEP_FOR
    for name in files:
        path = f"{FOLDER}/{name}"
        if default_storage.get_modified_time(path) < limit:
            default_storage.delete(path)


def activity_import(request):
    require_write(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    rows = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > importing.MAX_FILE_BYTES:
                raise ValidationError(importing.TOO_BIG)
            content = upload.read()
            rows = importing.preview(content, by=request.user, **_lookups(request.user))
        except ValidationError as error:
            form.add_error("file", error)
        else:
            _forget_old_files()
            name = default_storage.save(
                f"{FOLDER}/{secrets.token_hex(16)}.xlsx", ContentFile(content)
            )
            request.session[SESSION_KEY] = name
    return _page(request, form, rows)


def _page(request, form, rows, status=200):
    bad = [r for r in rows or [] if r.errors]
    return render(
        request,
        "activities/import.html",
        {
            "form": form,
            "rows": rows,
            "bad": len(bad),
            "good": len(rows or []) - len(bad),
            "title": _("Nhập danh sách hoạt động từ Excel"),
        },
        status=status,
    )


def activity_import_save(request):
    require_write(request.user)
    if request.method != "POST":
        return redirect("activities:activity_import")
    name = request.session.get(SESSION_KEY)
    if not name or not default_storage.exists(name):
        messages.error(request, EXPIRED)
        return redirect("activities:activity_import")
    with default_storage.open(name, "rb") as stored:
        content = stored.read()
    rows = importing.preview(content, by=request.user, **_lookups(request.user))
    bad = [r for r in rows if r.errors]
    if bad and request.POST.get("skip_errors") != "on":
        messages.error(request, _("Còn dòng có lỗi: sửa tệp rồi tải lên lại, hoặc chọn bỏ qua."))
        return _page(request, UploadForm(), rows, status=400)
    saved = services.activities_import(by=request.user, rows=[r for r in rows if not r.errors])
    default_storage.delete(name)
    del request.session[SESSION_KEY]
    messages.success(
        request,
        _("Đã lưu %(saved)s hoạt động; bỏ qua %(skipped)s dòng có lỗi.")
        % {"saved": len(saved), "skipped": len(bad)},
    )
    return redirect("activities:activity_list")
