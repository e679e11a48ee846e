"""Consent, needs, services, referrals, and the trafficking and child-protection parts of
a case. Each view fetches the case through ``access`` first."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lanhmanh.accounts.scope import get_visible_or_404

from .. import access, selectors, services
from ..forms import (
    AssessmentForm,
    ChildStepForm,
    ConsentForm,
    ReferralForm,
    ReferralUpdateForm,
    ServiceForm,
    VictimForm,
    VictimSupportForm,
    WithdrawForm,
)
from ..models import AccessAction, Consent, Referral, Victim
from ..services.victims import VICTIM_FIELDS


def _page(request, form, title, client, *, multipart=False):
    return render(
        request,
        "support/form.html",
        {"form": form, "title": title, "object": client, "multipart": multipart},
    )


def _write(request, pk, form, title, save, success, *, multipart=False):
    """The common body: the case for a writer, the form, the service, back to the case."""
    access.require_read(request.user)
    client = access.case_for_write(request.user, pk)
    form = form(request)
    if request.method == "POST" and form.is_valid():
        try:
            save(client, form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, success)
            return redirect(client)
    return _page(request, form, title, client, multipart=multipart)


def consent_add(request, pk):
    providers = selectors.providers_for(request.user)
    return _write(
        request,
        pk,
        lambda r: ConsentForm(r.POST or None, r.FILES or None, providers=providers),
        _("Ghi nhận sự đồng ý"),
        lambda client, data: services.consent_record(client=client, by=request.user, **data),
        _("Đã ghi nhận sự đồng ý."),
        multipart=True,
    )


def _consent(request, pk):
    return get_visible_or_404(Consent.objects.select_related("client__unit"), request.user, pk=pk)


def consent_withdraw(request, pk):
    access.require_read(request.user)
    consent = _consent(request, pk)
    client = access.case_for_write(request.user, consent.client_id)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_withdraw(consent=consent, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã ghi nhận việc rút lại sự đồng ý."))
            return redirect(client)
    return _page(request, form, _("Rút lại sự đồng ý"), client)


def consent_document(request, pk):
    access.require_read(request.user)
    consent = _consent(request, pk)
    access.case_get(
        request.user, consent.client_id, fields=["consent_document"], action=AccessAction.VIEW
    )
    if not consent.document:
        from django.http import Http404

        raise Http404
    data, kind = services.consent_document_read(consent)
    response = HttpResponse(data, content_type=kind)
    response["Content-Disposition"] = "inline"
    return response


def assessment_add(request, pk):
    return _write(
        request,
        pk,
        lambda r: AssessmentForm(r.POST or None),
        _("Đánh giá nhu cầu"),
        lambda client, data: services.assessment_record(client=client, by=request.user, **data),
        _("Đã ghi đánh giá nhu cầu."),
    )


def service_add(request, pk):
    providers = selectors.providers_for(request.user)
    return _write(
        request,
        pk,
        lambda r: ServiceForm(r.POST or None, providers=providers),
        _("Ghi dịch vụ đã cung cấp"),
        lambda client, data: services.service_record(client=client, by=request.user, **data),
        _("Đã ghi dịch vụ."),
    )


def referral_add(request, pk):
    providers = selectors.providers_for(request.user)
    return _write(
        request,
        pk,
        lambda r: ReferralForm(r.POST or None, providers=providers),
        _("Chuyển gửi"),
        lambda client, data: services.referral_send(client=client, by=request.user, **data),
        _("Đã ghi chuyển gửi."),
    )


def referral_update(request, pk):
    access.require_read(request.user)
    referral = get_visible_or_404(Referral.objects.all(), request.user, pk=pk)
    client = access.case_for_write(request.user, referral.client_id)
    form = ReferralUpdateForm(
        request.POST or None,
        initial={
            "status": referral.status,
            "follow_up_on": referral.follow_up_on,
            "note": referral.note,
            "version": referral.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_update(referral=referral, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã cập nhật chuyển gửi."))
            return redirect(client)
    return _page(request, form, _("Cập nhật chuyển gửi"), client)


def victim_edit(request, pk):
    access.require_read(request.user)
    client = access.case_for_write(request.user, pk)
    victim = Victim.objects.visible_to(request.user).filter(client=client).first()
    initial = {name: getattr(victim, name) for name in VICTIM_FIELDS} if victim else {}
    if victim:
        initial["version"] = victim.version
    form = VictimForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.victim_save(client=client, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã lưu thông tin nạn nhân."))
            return redirect(client)
    return _page(request, form, _("Xác định, tiếp nhận nạn nhân"), client)


def victim_support_add(request, pk):
    return _write(
        request,
        pk,
        lambda r: VictimSupportForm(r.POST or None),
        _("Ghi chế độ hỗ trợ nạn nhân"),
        lambda client, data: services.victim_support_record(client=client, by=request.user, **data),
        _("Đã ghi chế độ hỗ trợ."),
    )


def child_step_add(request, pk):
    return _write(
        request,
        pk,
        lambda r: ChildStepForm(r.POST or None),
        _("Ghi bước bảo vệ trẻ em"),
        lambda client, data: services.child_step_record(client=client, by=request.user, **data),
        _("Đã ghi bước bảo vệ trẻ em."),
    )


def referral_followups(request):
    """Referrals of the user's cases still open (sent or accepted), the follow-up date
    first: what to chase this week. Each case listed is a read of it."""
    import datetime

    from django.utils import timezone

    from ..models import ReferralStatus

    access.require_read(request.user)
    soon = timezone.localdate() + datetime.timedelta(days=7)
    referrals = list(
        Referral.objects.visible_to(request.user)
        .filter(status__in=[ReferralStatus.SENT, ReferralStatus.ACCEPTED])
        .select_related("client__unit", "provider", "service_type")
        .order_by("follow_up_on", "sent_on", "pk")[:200]
    )
    access.cases_listed(request.user, {r.client for r in referrals})
    return render(
        request,
        "support/referral_followups.html",
        {"referrals": referrals, "soon": soon, "title": _("Chuyển gửi cần theo dõi")},
    )
