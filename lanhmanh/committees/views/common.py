"""What every screen of the module shares: the door's checks and the generic pages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils import timezone

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import WRITE, can, require, require_module, unit_or_404, units_of

MODULE = Module.COMMITTEE


def require_read(user) -> None:
    require_module(user, MODULE)


def require_write(user, unit) -> None:
    """403 for a user who reads the unit's committee but may not write there."""
    require(user, MODULE, WRITE, unit)


def may_write(user, unit=None) -> bool:
    return can(user, MODULE, WRITE, unit)


def readable_unit(user, pk):
    require_read(user)
    return unit_or_404(user, pk, MODULE)


def writable_unit(user, pk):
    unit = readable_unit(user, pk)
    require_write(user, unit)
    return unit


def own_units(user, action="read"):
    return units_of(user, MODULE, action)


def show_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        form.add_service_error(error)
    else:
        form.add_error(None, error)


def save_form(request, form, save, message) -> bool:
    """A valid POST saved through ``save()`` (the service call): the message shown, what
    the service returned kept as ``form.saved``, True. Otherwise False, with the service's
    refusal shown on the form."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        form.saved = save()
    except ValidationError as error:
        show_errors(form, error)
        return False
    messages.success(request, message)
    return True


def form_page(request, *, form, title, back, subtitle="", multipart=False, status=None, notice=""):
    status = status or (400 if request.method == "POST" else 200)
    return render(
        request,
        "committees/form.html",
        {
            "form": form,
            "title": title,
            "subtitle": subtitle,
            "back": back,
            "multipart": multipart,
            "notice": notice,
        },
        status=status,
    )


def confirm_page(request, *, title, what, back):
    return render(
        request, "committees/confirm_delete.html", {"title": title, "what": what, "back": back}
    )


def today():
    return timezone.localdate()
