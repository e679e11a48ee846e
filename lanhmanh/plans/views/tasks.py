"""'My tasks' for an agency's staff, and a task's page with its progress updates."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh.core.audit import AuditAction, audited

from .. import selectors, services
from ..forms_manage import TaskUpdateForm
from ..selectors import DUE_THIS_MONTH
from . import coordinating_display, require_plans


def my_tasks(request):
    """Tasks led by the agencies of the user's memberships, then those they coordinate."""
    require_plans(request.user)
    agencies = selectors.my_agencies(request.user)
    if request.GET.get("due") == DUE_THIS_MONTH:
        # The home page's to-do: exactly the open tasks led by the user's agencies due
        # by the end of the month.
        tasks = selectors.tasks_due_this_month(request.user, agencies, today=timezone.localdate())
        return render(
            request,
            "plans/my_tasks.html",
            {
                "agencies": agencies,
                "led": selectors.grouped_tasks(tasks) if agencies else [],
                "due_this_month": True,
                "title": _("Nhiệm vụ đến hạn trong tháng"),
            },
        )
    return render(
        request,
        "plans/my_tasks.html",
        {
            "agencies": agencies,
            "led": selectors.tasks_led_by(request.user, agencies) if agencies else [],
            "coordinated": (
                selectors.tasks_coordinated_by(request.user, agencies) if agencies else []
            ),
            "title": _("Nhiệm vụ của tôi"),
        },
    )


@audited(AuditAction.READ)
def task_detail(request, pk):
    """GET: the task and its history; POST: a progress update, by a member of the lead
    agency or a coordinator of the plan's unit."""
    require_plans(request.user)
    task = selectors.task_for_page(request.user, pk)
    may_record = selectors.may_record_progress(request.user, task)
    form = TaskUpdateForm(request.POST or None, task=task) if may_record else None
    if request.method == "POST":
        if not may_record:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.task_update_create(
                    task=task,
                    author=request.user,
                    agency=selectors.progress_agency(request.user, task),
                    **form.cleaned_data,
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("Đã ghi nhận tiến độ."))
                return redirect("plans:task_detail", pk=task.pk)
    return render(
        request,
        "plans/task_detail.html",
        {
            "task": task,
            "plan": task.plan,
            "coordinating": coordinating_display(task),
            "updates": task.updates.all(),
            "form": form,
            "title": _("Nhiệm vụ"),
        },
    )
