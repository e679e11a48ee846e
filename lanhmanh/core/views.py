from django.shortcuts import render
from django.utils.translation import gettext as _

from lanhmanh.accounts.scope import memberships_of
from lanhmanh.core.home import entries
from lanhmanh.core.todos import gather
from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.organizations.models import Agency


def home(request):
    """What to do now (the modules' to-dos, urgent first), then the role's main pages."""
    todos = gather(request.user)
    return render(
        request,
        "core/home.html",
        {
            "memberships": memberships_of(request.user),
            "todos": todos,
            "entries": entries(request.user),
            "title": _("Trang chủ"),
        },
    )


def search(request):
    """One search box over what the user may see: units and agencies."""
    query = request.GET.get("q", "").strip()
    units = agencies = []
    if query:
        units = list(
            AdministrativeUnit.objects.visible_to(request.user)
            .search(query)
            .select_related("parent")
            .order_by("valid_to", "path")[:50]
        )
        agencies = list(
            Agency.objects.visible_to(request.user).search(query).select_related("unit")[:50]
        )
    return render(
        request,
        "core/search.html",
        {"query": query, "units": units, "agencies": agencies, "title": _("Tìm kiếm")},
    )
