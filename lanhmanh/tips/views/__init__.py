"""Staff pages: the handler's list, operator intake, a tip's page and its handling."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.permissions import can_read, can_write, require_write
from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import scope_for
from lanhmanh.accounts.selectors import users_writing
from lanhmanh.geography.models import AdministrativeUnit, Level
from lanhmanh.inspections.models import Establishment, Hotspot, InspectionKind, Trigger
from lanhmanh.organizations.models import Agency, InspectionTeam

from .. import selectors, services
from ..forms import AskForm, ExtendForm, LinkForm, OperatorTipForm, StatusForm, TriageForm
from ..models import AccessAction, Category, Channel, DeadlineRule, Status, TipAttachment
from ..receipt import receipt_format

PAGE_SIZE = 50


def _require_module(user, write=False):
    if not (can_write if write else can_read)(user, Module.TIPS):
        raise Http404


def tip_list(request):
    _require_module(request.user)
    filters = {k: request.GET.get(k, "") for k in ("status", "category", "channel", "due")}
    tips = selectors.tips_for(request.user, **filters)
    page = Paginator(tips, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "tips/tip_list.html",
        {
            "page": page,
            "filters": filters,
            "statuses": Status.choices,
            "categories": Category.choices,
            "channels": Channel.choices,
            "today": timezone.localdate(),
            "overdue_count": selectors.tips_for(request.user, due="overdue").count(),
            "near_count": selectors.tips_for(request.user, due="near").count(),
            "can_write": can_write(request.user, Module.TIPS),
            "title": _("Tin báo, tố giác"),
        },
    )


def _writable_communes(user):
    prefixes = scope_for(user, Module.TIPS, write=True)
    return (
        AdministrativeUnit.objects.visible_to(user)
        .current()
        .filter(level=Level.COMMUNE)
        .filter(prefixes.q("path"))
    )


def tip_create(request):
    _require_module(request.user)
    require_write(request.user, Module.TIPS)
    data = request.POST if request.method == "POST" else None
    initial = {"received_at": timezone.localtime().replace(second=0, microsecond=0)}
    form = OperatorTipForm(
        data,
        request.FILES if data is not None else None,
        communes=_writable_communes(request.user),
        initial=initial,
    )
    if data is not None and form.is_valid():
        f = form.cleaned_data
        try:
            tip, code = services.tip_record(
                by=request.user,
                channel=f["channel"],
                source_body=f["source_body"],
                received_at=f["received_at"],
                category=f["category"],
                description=f["description"],
                commune=f["commune"],
                address=f["address"],
                latitude=f["latitude"],
                longitude=f["longitude"],
                happened_on=f["happened_on"],
                when_note=f["when_note"],
                contact=form.contact(),
                files=f["attachments"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            # The code goes to the caller or letter writer; it is not kept anywhere.
            return render(
                request,
                "tips/tip_recorded.html",
                {"tip": tip, "code": receipt_format(code), "title": _("Đã ghi nhận tin báo")},
            )
    return render(
        request,
        "tips/tip_form.html",
        {"form": form, "title": _("Ghi nhận tin báo (đường dây nóng, thư, trực tiếp)")},
        status=400 if form.errors else 200,
    )


def _forms(request, tip):
    user = request.user
    units = (
        AdministrativeUnit.objects.visible_to(user)
        .current()
        .filter(scope_for(user, Module.TIPS, write=True).q("path"))
        .filter(level__in=[Level.PROVINCE, Level.COMMUNE])
    )
    ancestors = Q(pk__in=[u.pk for u in tip.unit.ancestors()]) | Q(pk=tip.unit.pk)
    agencies = Agency.objects.visible_to(user).filter(
        Q(unit__in=AdministrativeUnit.objects.filter(ancestors))
    )
    teams = InspectionTeam.objects.visible_to(user).filter(
        Q(unit__in=AdministrativeUnit.objects.filter(ancestors))
    )
    version = {"version": tip.version}
    return {
        "triage_form": TriageForm(
            initial={
                **version,
                "category": tip.category,
                "urgency": tip.urgency,
                "unit": tip.unit,
                "agency": tip.agency,
                "team": tip.team,
                "handlers": list(tip.handlers.all()),
            },
            units=units,
            agencies=agencies,
            teams=teams,
            handlers=users_writing(Module.TIPS, tip.unit),
        ),
        "status_form": StatusForm(
            initial={**version, "status": tip.status, "outcome": tip.outcome}
        ),
        "extend_form": ExtendForm(initial=version),
        "ask_form": AskForm(),
        "link_form": LinkForm(
            initial={
                **version,
                "establishment": tip.establishment,
                "hotspot": tip.hotspot,
                "case_reference": tip.case_reference,
            },
            establishments=_establishments(user, tip),
            hotspots=_hotspots(user, tip),
        ),
    }


def _establishments(user, tip):
    return Establishment.objects.visible_to(user).filter(unit__in=_subtree(tip))


def _hotspots(user, tip):
    return Hotspot.objects.visible_to(user).filter(unit__in=_subtree(tip))


def _subtree(tip):
    return AdministrativeUnit.objects.subtree_of(tip.unit)


def tip_detail(request, pk, forms=None, status=200):
    tip = selectors.tip_for_page(request.user, pk)
    writable = selectors.may_write(request.user, tip)
    context = {
        "tip": tip,
        "title": str(tip),
        "can_write": writable,
        "may_see_contact": selectors.may_see_contact(request.user, tip),
        "thread": list(tip.messages.all().select_related("author").prefetch_related("attachments")),
        "attachments": list(tip.attachments.filter(message__isnull=True)),
        "rule": services.deadline_rule(tip.category),
        "accesses": list(tip.accesses.select_related("user")[:20]) if writable else [],
        "can_inspect": bool(tip.establishment_id)
        and can_write(request.user, Module.INSPECTIONS, tip.establishment.unit),
        "today": timezone.localdate(),
    }
    if writable:
        context.update(_forms(request, tip))
        context.update(forms or {})
    return render(request, "tips/tip_detail.html", context, status=status)


def _writable_tip(request, pk):
    tip = selectors.tip_for_page(request.user, pk)
    if not selectors.may_write(request.user, tip):
        raise PermissionDenied
    return tip


def _service(request, pk, form_class, form_name, call, success, **form_kwargs):
    """The POST of one handling form: the service, then the tip's page."""
    tip = _writable_tip(request, pk)
    if request.method != "POST":
        return redirect(tip)
    form = form_class(request.POST, **(form_kwargs.get("extra", lambda t: {})(tip)))
    if form.is_valid():
        try:
            call(tip, form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, success)
            return redirect(tip)
    return tip_detail(request, pk, forms={form_name: form}, status=400)


def tip_triage(request, pk):
    def extra(tip):
        built = _forms(request, tip)["triage_form"]
        return {
            "units": built.fields["unit"].queryset,
            "agencies": built.fields["agency"].queryset,
            "teams": built.fields["team"].queryset,
            "handlers": built.fields["handlers"].queryset,
        }

    return _service(
        request,
        pk,
        TriageForm,
        "triage_form",
        lambda tip, d: services.tip_triage(tip=tip, by=request.user, **d),
        _("Đã cập nhật phân loại, phân công."),
        extra=extra,
    )


def tip_status(request, pk):
    return _service(
        request,
        pk,
        StatusForm,
        "status_form",
        lambda tip, d: services.tip_status_change(tip=tip, by=request.user, **d),
        _("Đã cập nhật trạng thái."),
    )


def tip_extend(request, pk):
    return _service(
        request,
        pk,
        ExtendForm,
        "extend_form",
        lambda tip, d: services.tip_extend(tip=tip, by=request.user, **d),
        _("Đã gia hạn."),
    )


def tip_ask(request, pk):
    return _service(
        request,
        pk,
        AskForm,
        "ask_form",
        lambda tip, d: services.tip_ask(tip=tip, by=request.user, **d),
        _("Đã gửi câu hỏi: người báo tin đọc được khi tra cứu bằng mã."),
    )


def tip_link(request, pk):
    def extra(tip):
        return {
            "establishments": _establishments(request.user, tip),
            "hotspots": _hotspots(request.user, tip),
        }

    return _service(
        request,
        pk,
        LinkForm,
        "link_form",
        lambda tip, d: services.tip_link(tip=tip, by=request.user, **d),
        _("Đã cập nhật liên kết."),
        extra=extra,
    )


def tip_inspect(request, pk):
    """Start an unannounced inspection of the tip's establishment: the inspection form,
    prefilled with the kind, the reason and the tip's number (which links them)."""
    tip = _writable_tip(request, pk)
    if tip.establishment is None:
        messages.error(request, _("Hãy liên kết tin với một cơ sở trước khi mở kiểm tra đột xuất."))
        return redirect(tip)
    if not can_write(request.user, Module.INSPECTIONS, tip.establishment.unit):
        raise PermissionDenied
    query = urlencode(
        {
            "kind": InspectionKind.UNANNOUNCED,
            "trigger": Trigger.TIP,
            "trigger_note": f"Tin báo {tip.reference}",
        }
    )
    url = reverse("inspections:inspection_create", args=[tip.establishment.pk])
    return redirect(f"{url}?{query}")


def tip_contact(request, pk):
    """The sender's contact details, for the assigned handlers only; each read logged.
    A POST, so the read is a deliberate act rather than a link followed."""
    tip = selectors.tip_for_page(request.user, pk)
    if request.method != "POST":
        return redirect(tip)
    contact = selectors.tip_contact(request.user, tip)
    if contact is None and not selectors.may_see_contact(request.user, tip):
        raise PermissionDenied
    return render(
        request,
        "tips/tip_contact.html",
        {"tip": tip, "contact": contact or {}, "title": _("Thông tin liên hệ của người báo tin")},
    )


def tip_attachment(request, pk, attachment_pk):
    tip = selectors.tip_for_page(request.user, pk)
    attachment = get_object_or_404(TipAttachment, tip=tip, pk=attachment_pk)
    services.tip_access_log(tip=tip, user=request.user, action=AccessAction.ATTACHMENT)
    response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type)
    extension = attachment.file.name.rsplit(".", 1)[-1]
    name = f"{tip.reference}-{attachment.pk}.{extension}"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


def deadline_rules(request):
    _require_module(request.user)
    return render(
        request,
        "tips/deadline_rules.html",
        {"rules": DeadlineRule.objects.all(), "title": _("Thời hạn xử lý tin báo")},
    )
