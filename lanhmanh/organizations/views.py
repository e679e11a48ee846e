"""Screens for agencies, standing agencies and inspection teams.

Reads go through ``visible_to``; a write first fetches its unit through the scope (404
outside it), then asks ``can_write`` at that unit (403 for a read-only role inside it).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lanhmanh.accounts.permissions import can_write, require_write
from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import WRITE, get_visible_or_404, units_of
from lanhmanh.core.audit import AuditAction, audited
from lanhmanh.core.concurrency import add_version
from lanhmanh.geography.models import AdministrativeUnit

from . import services
from .forms import AgencyForm, StandingAgencyForm, TeamForm, TeamMemberForm
from .models import Agency, InspectionTeam, Sector, StandingAgency, TeamMember

# Teams 178 are inspection work: only roles that write inspections shape them (a tip
# handler or a social worker reads the teams but does not set them up).
TEAM_MODULE = Module.INSPECTIONS
PAGE_SIZE = 50
UNIT_OPTIONS_LIMIT = 30


def _writable_unit(request, pk, module):
    unit = get_visible_or_404(AdministrativeUnit, request.user, pk=pk)
    require_write(request.user, module, unit)
    return unit


def _writable_units(user, module):
    """The units of the user's own memberships where they write ``module``: where the
    'add' buttons of a list page lead."""
    return units_of(user, module, WRITE)


def _selected_unit(user, value):
    """The unit a list is filtered by, looked up through the scope; None when unset,
    False when unknown or outside the scope (the list is then empty)."""
    if not value:
        return None
    if not value.isdigit():
        return False
    unit = AdministrativeUnit.objects.visible_to(user).select_related("parent").filter(pk=value)
    return unit.first() or False


# Agencies


def agency_list(request):
    agencies = Agency.objects.visible_to(request.user).select_related("unit", "sector")
    query = request.GET.get("q", "").strip()
    sector = request.GET.get("sector", "")
    unit = _selected_unit(request.user, request.GET.get("unit", ""))
    if query:
        agencies = agencies.search(query)
    if sector:
        agencies = agencies.filter(sector__code=sector)
    if unit is False:
        agencies = agencies.none()
    elif unit:
        agencies = agencies.within(unit)
    page = Paginator(agencies, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "organizations/agency_list.html",
        {
            "page": page,
            "query": query,
            "sector": sector,
            "unit": unit or None,
            "sectors": Sector.objects.all(),
            "add_units": _writable_units(request.user, Module.ORGANIZATION),
            "title": _("Cơ quan"),
        },
    )


def unit_options(request):
    """htmx: <option>s of the units matching a search, for the unit filter."""
    query = request.GET.get("unit_q", "").strip()
    units = AdministrativeUnit.objects.visible_to(request.user).search(query)
    if not request.GET.get("historic"):
        units = units.current()
    units = units.select_related("parent").order_by("level", "path")[:UNIT_OPTIONS_LIMIT]
    return render(
        request,
        "organizations/_unit_options.html",
        {"units": units, "empty_label": _("Tất cả các đơn vị")},
    )


@audited(AuditAction.READ)
def agency_detail(request, pk):
    agency = get_visible_or_404(
        Agency.objects.select_related("unit", "sector"), request.user, pk=pk
    )
    return render(
        request,
        "organizations/agency_detail.html",
        {
            "agency": agency,
            "title": agency.name,
            "can_edit": can_write(request.user, Module.ORGANIZATION, agency.unit),
            "teams": InspectionTeam.objects.visible_to(request.user)
            .filter(members__agency=agency)
            .distinct(),
            "standing_roles": agency.standing_roles.order_by("-valid_from"),
        },
    )


def agency_create(request, unit_pk):
    unit = _writable_unit(request, unit_pk, Module.ORGANIZATION)
    form = AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agency = services.agency_create(unit=unit, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã thêm cơ quan %(name)s.") % {"name": agency})
            return redirect(agency)
    return render(
        request,
        "organizations/agency_form.html",
        {"form": form, "unit": unit, "title": _("Thêm cơ quan")},
    )


def agency_update(request, pk):
    agency = get_visible_or_404(
        Agency.objects.select_related("unit", "sector"), request.user, pk=pk
    )
    require_write(request.user, Module.ORGANIZATION, agency.unit)
    initial = {
        "name": agency.name,
        "short_name": agency.short_name,
        "sector": agency.sector,
        "is_active": agency.is_active,
    }
    form = add_version(AgencyForm(request.POST or None, initial=initial), agency)
    if request.method == "POST" and form.is_valid():
        try:
            services.agency_update(agency=agency, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect(agency)
    return render(
        request,
        "organizations/agency_form.html",
        {"form": form, "unit": agency.unit, "agency": agency, "title": _("Sửa cơ quan")},
    )


def agencies_create_usual(request, unit_pk):
    """GET: what would be created, to confirm; POST: create them."""
    unit = _writable_unit(request, unit_pk, Module.ORGANIZATION)
    if request.method == "POST":
        created = services.agencies_create_usual(unit=unit)
        messages.success(
            request,
            ngettext("Đã tạo %(count)d cơ quan.", "Đã tạo %(count)d cơ quan.", len(created))
            % {"count": len(created)},
        )
        return redirect(unit)
    rows = services.agencies_usual_preview(unit=unit)
    return render(
        request,
        "organizations/agencies_usual_confirm.html",
        {
            "unit": unit,
            "rows": rows,
            "new_count": sum(1 for r in rows if not r.exists),
            "title": _("Tạo các cơ quan thường có"),
        },
    )


def standing_agency_assign(request, unit_pk):
    unit = _writable_unit(request, unit_pk, Module.ORGANIZATION)
    form = StandingAgencyForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            standing = services.standing_agency_assign(unit=unit, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("Đã chỉ định %(name)s làm cơ quan thường trực.") % {"name": standing.agency},
            )
            return redirect(unit)
    return render(
        request,
        "organizations/standing_agency_form.html",
        {
            "form": form,
            "unit": unit,
            "history": StandingAgency.objects.filter(unit=unit)
            .select_related("agency")
            .order_by("-valid_from"),
            "title": _("Chỉ định cơ quan thường trực"),
        },
    )


def unit_actions(request, unit_pk):
    """htmx: the write buttons of a unit's page, for those who may use them."""
    unit = get_visible_or_404(AdministrativeUnit, request.user, pk=unit_pk)
    return render(
        request,
        "organizations/_unit_actions.html",
        {
            "unit": unit,
            "can_write_agencies": can_write(request.user, Module.ORGANIZATION, unit),
            "can_write_teams": can_write(request.user, TEAM_MODULE, unit),
        },
    )


# Inspection teams (178)


def team_list(request):
    teams = InspectionTeam.objects.visible_to(request.user).select_related("unit")
    page = Paginator(teams, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "organizations/team_list.html",
        {
            "page": page,
            "add_units": _writable_units(request.user, TEAM_MODULE),
            "title": _("Đội kiểm tra 178"),
        },
    )


@audited(AuditAction.READ)
def team_detail(request, pk):
    team = get_visible_or_404(InspectionTeam.objects.select_related("unit"), request.user, pk=pk)
    members = team.members.select_related("agency").order_by("role", "full_name")
    return render(
        request,
        "organizations/team_detail.html",
        {
            "team": team,
            "members": members,
            "can_edit": can_write(request.user, TEAM_MODULE, team.unit),
            "title": team.name,
        },
    )


def team_create(request, unit_pk):
    unit = _writable_unit(request, unit_pk, TEAM_MODULE)
    form = TeamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            team = services.team_create(unit=unit, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã thêm đội %(name)s.") % {"name": team})
            return redirect(team)
    return render(
        request,
        "organizations/team_form.html",
        {"form": form, "unit": unit, "title": _("Thêm đội kiểm tra 178")},
    )


def _writable_team(request, pk):
    team = get_visible_or_404(InspectionTeam.objects.select_related("unit"), request.user, pk=pk)
    require_write(request.user, TEAM_MODULE, team.unit)
    return team


def team_update(request, pk):
    team = _writable_team(request, pk)
    initial = {
        "name": team.name,
        "decision_number": team.decision_number,
        "established_on": team.established_on,
        "dissolved_on": team.dissolved_on,
    }
    form = add_version(TeamForm(request.POST or None, initial=initial), team)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_update(team=team, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect(team)
    return render(
        request,
        "organizations/team_form.html",
        {"form": form, "unit": team.unit, "team": team, "title": _("Sửa thông tin đội")},
    )


def team_member_add(request, pk):
    team = _writable_team(request, pk)
    agencies = (
        Agency.objects.visible_to(request.user)
        .within(team.unit)
        .filter(is_active=True)
        .select_related("unit")
    )
    form = TeamMemberForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.team_member_add(team=team, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã thêm %(name)s vào đội.") % {"name": member.full_name})
            return redirect(team)
    return render(
        request,
        "organizations/team_member_form.html",
        {"form": form, "team": team, "title": _("Thêm thành viên đội")},
    )


def team_member_remove(request, pk, member_pk):
    """GET: confirm; POST: remove."""
    team = _writable_team(request, pk)
    # The team was fetched through the scope; its members follow it.
    member = get_object_or_404(TeamMember, team=team, pk=member_pk)
    if request.method == "POST":
        services.team_member_remove(member=member)
        messages.success(request, _("Đã xóa %(name)s khỏi đội.") % {"name": member.full_name})
        return redirect(team)
    return render(
        request,
        "organizations/team_member_confirm_remove.html",
        {"team": team, "member": member, "title": _("Xóa thành viên đội")},
    )
