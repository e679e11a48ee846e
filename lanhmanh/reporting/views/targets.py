"""What a target counts: its team, agency or level, 'each unit of a level', its horizon.
The importer fills them from the sentence; the plan's writers correct them here."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lanhmanh.accounts.permissions import can_write
from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import get_visible_or_404
from lanhmanh.core.concurrency import add_version
from lanhmanh.core.forms import BootstrapMixin
from lanhmanh.organizations.models import Agency, InspectionTeam
from lanhmanh.plans.limits import LIMIT_FIELDS, target_limits_update
from lanhmanh.plans.models import Target

from .common import require_read

SAVED = gettext_lazy("Đã lưu phạm vi tính của chỉ tiêu.")


class TargetLimitsForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Target
        fields = list(LIMIT_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        unit = self.instance.plan.unit
        # The plan's unit and the units below it: never another province's teams.
        self.fields["limit_team"].queryset = InspectionTeam.objects.filter(
            unit__in=unit.__class__.objects.subtree_of(unit)
        ).select_related("unit")
        self.fields["limit_agency"].queryset = Agency.objects.filter(
            unit__in=unit.__class__.objects.subtree_of(unit)
        ).select_related("unit")


def target_limits(request, pk):
    require_read(request.user)
    target = get_visible_or_404(
        Target.objects.select_related("plan", "plan__unit", "indicator"), request.user, pk=pk
    )
    if not can_write(request.user, Module.PLANS, target.plan.unit):
        raise PermissionDenied
    form = add_version(TargetLimitsForm(request.POST or None, instance=target), target)
    if request.method == "POST" and form.is_valid():
        try:
            target_limits_update(
                target=Target.objects.get(pk=target.pk), user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, SAVED)
            return redirect("plans:plan_detail", target.plan_id)
    return render(
        request,
        "reporting/target_limits.html",
        {"title": _("Phạm vi tính của chỉ tiêu"), "target": target, "form": form},
    )
