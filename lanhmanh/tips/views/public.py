"""The only pages open without an account: sending a tip, and following it with the
receipt code. The sender's address never reaches these views (``middleware``); they see
only ``request.tip_source``, a keyed hash that changes every hour."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from .. import services, sources
from ..forms import (
    PublicTipForm,
    ReceiptConfirmForm,
    ReceiptLookupForm,
    SenderMessageForm,
    commune_label,
    commune_search,
)
from ..models import FROM_SENDER
from ..receipt import receipt_format
from ..selectors import tip_by_receipt

# The same words for a forged, guessed, mistyped or unknown code: nothing tells them apart.
RECEIPT_UNKNOWN = _("Không tìm thấy tin báo với mã này. Hãy kiểm tra lại mã (16 chữ số).")
RECEIPT_THROTTLED = _(
    "Bạn đã nhập sai mã nhiều lần. Để bảo vệ người báo tin, hãy thử lại sau một giờ."
)
HONEYPOT_FILLED = _("Không gửi được tin. Hãy để trống ô cuối cùng của biểu mẫu rồi gửi lại.")


def _source(request) -> str:
    return getattr(request, "tip_source", "")


@login_not_required
def public_form(request):
    data = request.POST if request.method == "POST" else None
    if data is not None and data.get("find"):
        # 'Tìm' without JavaScript: the same form again, with the communes found.
        form = PublicTipForm(initial=data.dict())
        form.limit_communes(data)
        data = None
    else:
        form = PublicTipForm(data, request.FILES if data is not None else None)
    if data is not None and form.is_valid():
        fields = dict(form.cleaned_data)
        if fields.pop("website", ""):
            form.add_error(None, HONEYPOT_FILLED)
        else:
            try:
                _tip, code = services.tip_submit(
                    source=_source(request),
                    description=fields["description"],
                    commune=fields["commune"],
                    category=fields["category"],
                    address=fields["address"],
                    latitude=fields["latitude"],
                    longitude=fields["longitude"],
                    happened_on=fields["happened_on"],
                    when_note=fields["when_note"],
                    contact=form.contact(),
                    files=fields["attachments"],
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                # Shown in this response only: the address stays the form's, so the
                # browser's history holds no page with the code.
                return render(
                    request,
                    "tips/public_receipt_new.html",
                    {
                        "code": receipt_format(code),
                        "confirm": ReceiptConfirmForm(initial={"code": code}),
                        "title": _("Đã nhận tin báo"),
                    },
                )
    status = 400 if form.errors else 200
    return render(
        request,
        "tips/public_form.html",
        {"form": form, "title": _("Báo tin về mại dâm, mua bán người")},
        status=status,
    )


def _tip_page(request, tip, code, message_form=None, status=200, sent=False):
    return render(
        request,
        "tips/public_tip.html",
        {
            "tip": tip,
            "code": code,
            "code_shown": receipt_format(code.replace(" ", "")),
            "thread": list(tip.messages.all().prefetch_related("attachments")),
            "from_sender": FROM_SENDER,
            "sent": sent,
            "message_form": message_form or SenderMessageForm(initial={"code": code}),
            "attachment_count": tip.attachments.count(),
            "title": _("Tin báo của bạn"),
        },
        status=status,
    )


@login_not_required
def public_receipt(request):
    """GET: the code form. POST: the code (typed, or carried by the page) opens the tip;
    with ``saved`` it confirms the receipt was kept; with ``text`` it adds a message."""
    source = _source(request)
    lookup = ReceiptLookupForm(request.POST if request.method == "POST" else None)
    if request.method != "POST":
        return render(
            request, "tips/public_lookup.html", {"form": lookup, "title": _("Tra cứu tin báo")}
        )
    if sources.over_limit(source, "lookup_failed", sources.FAILED_LOOKUPS_PER_WINDOW):
        lookup.is_valid()
        lookup.add_error(None, RECEIPT_THROTTLED)
        return render(
            request,
            "tips/public_lookup.html",
            {"form": lookup, "title": _("Tra cứu tin báo")},
            status=429,
        )
    tip = tip_by_receipt(request.POST.get("code", "")) if lookup.is_valid() else None
    if tip is None:
        sources.source_hit(source, "lookup_failed")
        return render(
            request,
            "tips/public_lookup.html",
            {"form": ReceiptLookupForm(), "error": RECEIPT_UNKNOWN, "title": _("Tra cứu tin báo")},
            status=404,
        )
    code = request.POST["code"]
    if "saved" in request.POST or request.POST.get("step") == "confirm":
        confirm = ReceiptConfirmForm(request.POST)
        if not confirm.is_valid():
            return render(
                request,
                "tips/public_receipt_new.html",
                {"code": receipt_format(code), "confirm": confirm, "title": _("Đã nhận tin báo")},
                status=400,
            )
    if "text" in request.POST:
        form = SenderMessageForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.tip_sender_message(
                    tip=tip,
                    source=source,
                    text=form.cleaned_data["text"],
                    files=form.cleaned_data["attachments"],
                )
            except ValidationError as error:
                form.add_service_error(error)
                return _tip_page(request, tip, code, form, status=400)
            return _tip_page(request, tip, code, sent=True)
        return _tip_page(request, tip, code, form, status=400)
    return _tip_page(request, tip, code)


@login_not_required
@require_GET
def public_communes(request):
    """Communes of the current map matching what was typed, for the form's list."""
    query = request.GET.get("q", "").strip()
    found = commune_search(query) if len(query) >= 2 else []
    return JsonResponse({"results": [{"id": u.pk, "label": commune_label(u)} for u in found]})
