from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from lanhmanh.accounts.scope import get_visible_or_404

from .models import Agency, InspectionTeam, Sector


def agency_list(request):
    agencies = Agency.objects.visible_to(request.user).select_related("unit", "sector")
    query = request.GET.get("q", "").strip()
    sector = request.GET.get("sector", "")
    if query:
        agencies = agencies.search(query)
    if sector:
        agencies = agencies.filter(sector__code=sector)
    page = Paginator(agencies, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "organizations/agency_list.html",
        {
            "page": page,
            "query": query,
            "sector": sector,
            "sectors": Sector.objects.all(),
            "title": _("Cơ quan"),
        },
    )


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
            "teams": InspectionTeam.objects.visible_to(request.user)
            .filter(members__agency=agency)
            .distinct(),
            "standing_roles": agency.standing_roles.order_by("-valid_from"),
        },
    )


def team_list(request):
    teams = InspectionTeam.objects.visible_to(request.user).select_related("unit")
    return render(
        request, "organizations/team_list.html", {"teams": teams, "title": _("Đội kiểm tra 178")}
    )


def team_detail(request, pk):
    team = get_visible_or_404(InspectionTeam.objects.select_related("unit"), request.user, pk=pk)
    members = team.members.select_related("agency").order_by("role", "full_name")
    return render(
        request,
        "organizations/team_detail.html",
        {"team": team, "members": members, "title": team.name},
    )
