from django.shortcuts import render
from django.utils.translation import gettext as _

from lanhmanh.accounts.scope import memberships_of
from lanhmanh.core.home import entries
from lanhmanh.core.search import search as search_all
from lanhmanh.core.todos import gather


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
    """One search box over what the user may see (lanhmanh/core/search.py)."""
    query = request.GET.get("q", "").strip()[:200]
    sections = search_all(request.user, query) if query else []
    return render(
        request,
        "core/search.html",
        {
            "query": query,
            "sections": sections,
            "found": sum(len(s.hits) for s in sections),
            "title": _("Tìm kiếm"),
        },
    )
