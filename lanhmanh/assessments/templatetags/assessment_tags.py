from django import template
from django.urls import Resolver404, resolve

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import can

register = template.Library()


@register.filter
def points(value):
    """12.5 → '12,5'; 20.0 → '20'; None → '—'."""
    if value is None or value == "":
        return "—"
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


# Which module opens the pages of each namespace an evidence link may point into.
_OPENED_BY = {
    "inspections": (Module.INSPECTIONS,),
    "activities": (Module.ACTIVITIES,),
    "tips": (Module.TIPS,),
    "reporting": (Module.REPORTING,),
}


@register.filter
def openable(evidence, user):
    """The evidence as the viewer may follow it: the proposal was written for whoever
    created the assessment, so a link into a module the viewer does not have stays as
    plain text instead of leading to a 404."""
    shown = []
    for item in evidence or []:
        url = item.get("url") or ""
        if url:
            try:
                namespace = resolve(url.split("?", 1)[0]).namespace
            except Resolver404:
                namespace = ""
            modules = _OPENED_BY.get(namespace, ())
            if namespace.startswith("inspections") and "/hotspots/" in url:
                modules = (Module.INSPECTIONS, Module.ENFORCEMENT)
            if not any(can(user, module) for module in modules):
                url = ""
        shown.append({"label": item.get("label", ""), "url": url})
    return shown
