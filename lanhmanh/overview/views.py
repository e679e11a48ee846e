"""The overview page: a unit's (or the nation's) picture at a glance, for leaders and
coordinators; the leader's home shows the same partial (templatetags/overview_tags.py)."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from .selectors import overview, overview_unit
from .tiles import map_settings


def index(request):
    unit = overview_unit(request.user, request.GET.get("unit"))
    context = overview(
        request.user,
        unit,
        today=timezone.localdate(),
        by=request.GET.get("by", "month"),
        rank=request.GET.get("rank", ""),
    )
    return render(
        request,
        "overview/index.html",
        {"title": _("Tổng quan"), "ov": context, "map_settings": map_settings()},
    )
