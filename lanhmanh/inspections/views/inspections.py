"""Inspections: the record form (made for a phone at the door), the record page, the
list and the overdue follow-ups."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh.core.audit import AuditAction, audited
from lanhmanh.core.params import query_year

from .. import selectors, services
from ..access import may_write, require_read, require_write
from ..forms import InspectionForm, ViolationFormSet
from ..models import ChecklistVersion, InspectionKind, InspectionPlan

PAGE_SIZE = 50


def inspection_list(request):
    require_read(request.user)
    kind = request.GET.get("kind", "")
    year = query_year(request)
    inspections = selectors.inspection_list(request.user, kind=kind, year=year)
    page = Paginator(inspections, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "inspections/inspection_list.html",
        {
            "page": page,
            "kind": kind,
            "year": year or "",
            "kinds": InspectionKind.choices,
            "title": _("Các lượt kiểm tra"),
        },
    )


def followup_list(request):
    require_read(request.user)
    page = Paginator(selectors.followups_overdue(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "inspections/followup_list.html",
        {
            "page": page,
            "today": timezone.localdate(),
            "title": _("Kiểm tra lại quá hạn"),
            # A reader (the leader) sees what is overdue, without a button that would 403.
            "can_write": may_write(request.user),
        },
    )


@audited(AuditAction.READ)
def inspection_detail(request, pk):
    require_read(request.user)
    inspection = selectors.inspection_for_page(request.user, pk)
    return render(
        request,
        "inspections/inspection_detail.html",
        {
            "inspection": inspection,
            "title": str(inspection),
            "saved_draft": request.GET.get("saved") == "1",
            "can_write": may_write(request.user, inspection.establishment.unit),
        },
    )


def _team(request, establishment):
    teams = list(selectors.teams_for(request.user, establishment))
    if not teams:
        return None, teams
    chosen = request.GET.get("team", "")
    for team in teams:
        if str(team.pk) == chosen:
            return team, teams
    return (teams[0] if len(teams) == 1 else None), teams


def inspection_create(request, pk):
    establishment = selectors.establishment_for_page(request.user, pk)
    require_write(request.user, establishment.unit)
    team, teams = _team(request, establishment)
    follow_up_of = None
    if request.GET.get("follow_up_of", "").isdigit():
        follow_up_of = establishment.inspections.filter(pk=request.GET["follow_up_of"]).first()
        if follow_up_of is None:
            raise Http404
    if team is None:
        return render(
            request,
            "inspections/inspection_team_choice.html",
            {"establishment": establishment, "teams": teams, "title": _("Chọn đội kiểm tra")},
        )
    version = ChecklistVersion.objects.filter(is_active=True).order_by("-number").first()
    items = version.items.all() if version else []
    plans = InspectionPlan.objects.filter(team=team, establishments=establishment)
    data = request.POST if request.method == "POST" else None
    initial = {"started_at": timezone.localtime().replace(second=0, microsecond=0)}
    if follow_up_of:
        initial["kind"] = InspectionKind.FOLLOW_UP
    else:
        # Prefilled by the page that sends here (a tip opening an unannounced inspection).
        for name in ("kind", "trigger", "trigger_note"):
            if request.GET.get(name):
                initial[name] = request.GET[name][:255]
    form = InspectionForm(
        data,
        team=team,
        plans=plans,
        checklist_items=items,
        follow_up=follow_up_of is not None,
        initial=initial,
    )
    day = None
    if form.is_bound and form.is_valid():
        day = timezone.localtime(form.cleaned_data["started_at"]).date()
    violations = ViolationFormSet(data, prefix="v", form_kwargs={"on": day})
    if request.method == "POST" and form.is_valid() and violations.is_valid():
        fields = dict(form.cleaned_data)
        for name in list(fields):
            if name.startswith("check_"):
                del fields[name]
        try:
            with transaction.atomic():
                inspection = services.inspection_record(
                    establishment=establishment,
                    team=team,
                    by=request.user,
                    follow_up_of=follow_up_of,
                    checks=form.checks(),
                    violations=[v for v in violations.cleaned_data if v],
                    **fields,
                )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã ghi biên bản kiểm tra."))
            return redirect(inspection.get_absolute_url() + "?saved=1")
    return render(
        request,
        "inspections/inspection_form.html",
        {
            "form": form,
            "violations": violations,
            "establishment": establishment,
            "team": team,
            "follow_up_of": follow_up_of,
            "draft_key": f"inspection-new-{establishment.pk}",
            "title": _("Ghi biên bản kiểm tra"),
        },
    )
