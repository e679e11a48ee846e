"""A user's notifications (the bell's full list), opening one, and the e-mail choices."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lanhmanh.core.scoping import get_visible_or_404

from .forms import EmailPreferenceForm
from .models import Notification
from .selectors import bell, notifications_of
from .services import email_kinds, email_preference_set, notification_read, notifications_read_all

PAGE_SIZE = 30
SAVED = gettext_lazy("Đã lưu lựa chọn nhận thư.")


def notification_list(request):
    page = Paginator(notifications_of(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page, "title": _("Thông báo")})


def notification_bell(request):
    """The header's bell, loaded after the page by htmx."""
    return render(request, "notifications/_bell.html", {"bell": bell(request.user)})


def notification_open(request, pk):
    """Mark one read and go where it points (a path of this site only)."""
    note = get_visible_or_404(Notification, request.user, pk=pk)
    notification_read(notification=note)
    if url_has_allowed_host_and_scheme(note.url, allowed_hosts=None) and note.url.startswith("/"):
        return redirect(note.url)
    return redirect("notifications:list")


@require_POST
def notification_read_all(request):
    notifications_read_all(user=request.user)
    return redirect("notifications:list")


def preferences(request):
    if request.method == "POST":
        form = EmailPreferenceForm(request.POST)
        if form.is_valid():
            email_preference_set(user=request.user, kinds=form.cleaned_data["kinds"])
            messages.success(request, SAVED)
            return redirect("notifications:preferences")
    else:
        form = EmailPreferenceForm(initial={"kinds": sorted(email_kinds(request.user))})
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "title": _("Nhận thông báo qua thư")},
    )
