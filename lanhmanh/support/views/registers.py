"""Registers without persons: providers, support models, volunteer teams, outreach."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lanhmanh.accounts.scope import get_visible_or_404
from lanhmanh.organizations.models import Agency

from .. import access, selectors, services
from ..forms import ModelForm, OutreachForm, ProviderForm, TeamForm
from ..models import OutreachSession, Provider, SupportModel, VolunteerTeam

PAGE_SIZE = 50


def _list(request, rows, template, title, create):
    access.require_read(request.user)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        template,
        {
            "page": page,
            "title": title,
            "create": create,
            "can_write": access.may_write(request.user),
        },
    )


def _edit(request, *, obj, form, save, title, cancel):
    """Create (``obj`` None) or edit a register row through its service."""
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            save(obj, version, data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect(cancel)
    return render(
        request,
        "support/form.html",
        {"form": form, "title": title, "object": obj, "cancel": cancel},
    )


def _initial(obj, names, m2m=()):
    if obj is None:
        return None
    data = {n: getattr(obj, n) for n in names}
    for name in m2m:
        data[name] = list(getattr(obj, name).all())
    data["version"] = obj.version
    return data


# --- providers --------------------------------------------------------------------------

PROVIDER_FIELDS = ["unit", "name", "address", "contact_person", "phone", "email", "is_active"]


def provider_list(request):
    rows = Provider.objects.visible_to(request.user).select_related("unit")
    rows = rows.prefetch_related("services")
    return _list(
        request, rows, "support/provider_list.html", _("Cơ sở cung cấp dịch vụ"),
        "support:provider_create",
    )  # fmt: skip


def provider_create(request):
    return _provider_form(request, None)


def provider_update(request, pk):
    access.require_read(request.user)
    provider = get_visible_or_404(Provider, request.user, pk=pk)
    return _provider_form(request, provider)


def _provider_form(request, provider):
    access.require_write(request.user, provider.unit if provider else None)
    form = ProviderForm(
        request.POST or None,
        initial=_initial(provider, PROVIDER_FIELDS, ["services"]),
        units=selectors.writable_units(request.user, communes_only=False),
    )
    return _edit(
        request,
        obj=provider,
        form=form,
        save=lambda obj, version, data: services.provider_save(
            by=request.user, provider=obj, version=version, **data
        ),
        title=_("Cơ sở cung cấp dịch vụ"),
        cancel="support:provider_list",
    )


# --- support models ---------------------------------------------------------------------

MODEL_FIELDS = [
    "unit", "name", "kind", "started_on", "ended_on", "managing_agency", "participants",
    "funding_source", "budget", "status",
]  # fmt: skip


def model_list(request):
    rows = SupportModel.objects.visible_to(request.user).select_related("unit", "managing_agency")
    rows = rows.prefetch_related("units_covered")
    return _list(
        request, rows, "support/model_list.html", _("Mô hình hỗ trợ"), "support:model_create"
    )


def model_create(request):
    return _model_form(request, None)


def model_update(request, pk):
    access.require_read(request.user)
    model = get_visible_or_404(SupportModel, request.user, pk=pk)
    return _model_form(request, model)


def _model_form(request, model):
    access.require_write(request.user, model.unit if model else None)
    form = ModelForm(
        request.POST or None,
        initial=_initial(model, MODEL_FIELDS, ["units_covered"]),
        units=selectors.writable_units(request.user, communes_only=False),
        communes=selectors.writable_units(request.user),
        agencies=Agency.objects.visible_to(request.user).filter(is_active=True),
    )
    return _edit(
        request,
        obj=model,
        form=form,
        save=lambda obj, version, data: services.model_save(
            by=request.user, model=obj, version=version, **data
        ),
        title=_("Mô hình hỗ trợ"),
        cancel="support:model_list",
    )


# --- volunteer teams --------------------------------------------------------------------

TEAM_FIELDS = [
    "unit", "kind", "name", "established_on", "dissolved_on", "leader_name", "phone", "members",
]  # fmt: skip


def team_list(request):
    rows = VolunteerTeam.objects.visible_to(request.user).select_related("unit")
    return _list(
        request,
        rows,
        "support/team_list.html",
        _("Đội công tác xã hội tình nguyện, cộng tác viên"),
        "support:team_create",
    )


def team_create(request):
    return _team_form(request, None)


def team_update(request, pk):
    access.require_read(request.user)
    team = get_visible_or_404(VolunteerTeam, request.user, pk=pk)
    return _team_form(request, team)


def _team_form(request, team):
    access.require_write(request.user, team.unit if team else None)
    form = TeamForm(
        request.POST or None,
        initial=_initial(team, TEAM_FIELDS),
        units=selectors.writable_units(request.user),
    )
    return _edit(
        request,
        obj=team,
        form=form,
        save=lambda obj, version, data: services.team_save(
            by=request.user, team=obj, version=version, **data
        ),
        title=_("Đội công tác xã hội tình nguyện, cộng tác viên"),
        cancel="support:team_list",
    )


# --- outreach ---------------------------------------------------------------------------


def outreach_list(request):
    rows = OutreachSession.objects.visible_to(request.user).select_related("unit")
    return _list(
        request,
        rows,
        "support/outreach_list.html",
        _("Tiếp cận cộng đồng"),
        "support:outreach_create",
    )


def outreach_create(request):
    access.require_write(request.user)
    form = OutreachForm(request.POST or None, units=selectors.writable_units(request.user))
    return _edit(
        request,
        obj=None,
        form=form,
        save=lambda obj, version, data: services.outreach_record(by=request.user, **data),
        title=_("Ghi buổi tiếp cận cộng đồng"),
        cancel="support:outreach_list",
    )
