"""Consent, needs, services and referrals of a case."""

from __future__ import annotations

import datetime
import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..crypto import fernet
from ..models import (
    Consent,
    ConsentMethod,
    ConsentPurpose,
    NeedsAssessment,
    Provider,
    Referral,
    ReferralStatus,
    SupportService,
)
from .common import check_in_case, check_not_future, check_open, check_version

WITNESS_REQUIRED = _("Đồng ý bằng lời phải có người làm chứng.")
DOCUMENT_REQUIRED = _("Đồng ý bằng văn bản phải đính kèm phiếu đã ký.")
PROVIDER_REQUIRED = _("Chọn cơ sở được chuyển gửi trong danh sách cơ sở cung cấp dịch vụ.")
AGENCY_REQUIRED = _("Ghi tên cơ quan được chia sẻ thông tin.")
PROVIDER_NOT_IN_REGISTER = _(
    "Cơ sở này không có trong danh sách cơ sở cung cấp dịch vụ của địa bàn (hoặc đã ngừng)."
)
REFERRAL_NEEDS_CONSENT = _(
    "Người được hỗ trợ chưa đồng ý chuyển gửi đến cơ sở này (hoặc đã rút lại): ghi nhận sự "
    "đồng ý trước khi chuyển gửi."
)
ALREADY_WITHDRAWN = _("Sự đồng ý này đã được rút lại.")
WITHDRAWN_BEFORE_GIVEN = _("Ngày rút lại không được trước ngày đồng ý.")
FOLLOW_UP_BEFORE_SENT = _("Ngày theo dõi không được trước ngày chuyển gửi.")
NEGATIVE_AMOUNT = _("Số tiền không được âm.")
FILE_TOO_LARGE = _("Tệp quá lớn (tối đa 5 MB).")
FILE_TYPE = _("Chỉ nhận tệp PDF, JPEG hoặc PNG.")
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
SIGNATURES = {b"%PDF": "application/pdf", b"\xff\xd8\xff": "image/jpeg", b"\x89PNG": "image/png"}


def _document_content(upload) -> tuple[bytes, str]:
    """Checked before anything is read further: size, then type by its first bytes;
    images are re-encoded without their metadata (camera, place, time)."""
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError({"document": FILE_TOO_LARGE})
    data = upload.read()
    kind = next((t for sig, t in SIGNATURES.items() if data.startswith(sig)), None)
    if kind is None:
        raise ValidationError({"document": FILE_TYPE})
    if kind.startswith("image/"):
        from PIL import Image

        try:
            image = Image.open(io.BytesIO(data))
            image.load()
            clean = image.copy()
            # Saved without the original's info (EXIF, text chunks, profiles): only pixels.
            clean.info = {}
            out = io.BytesIO()
            clean.save(out, format=image.format)
        except Exception as exc:
            raise ValidationError({"document": FILE_TYPE}) from exc
        data = out.getvalue()
    return data, kind


def provider_in_register(by, provider) -> bool:
    return (
        provider is not None
        and Provider.objects.visible_to(by).filter(pk=provider.pk, is_active=True).exists()
    )


@transaction.atomic
def consent_record(
    *,
    client,
    by,
    purpose: str,
    given_on: datetime.date,
    method: str,
    provider=None,
    agency_name: str = "",
    witness_name: str = "",
    document=None,
) -> Consent:
    check_open(client)
    check_in_case(client, given_on, "given_on")
    if method == ConsentMethod.ORAL and not witness_name.strip():
        raise ValidationError({"witness_name": WITNESS_REQUIRED})
    if method == ConsentMethod.SIGNED and not document:
        raise ValidationError({"document": DOCUMENT_REQUIRED})
    if purpose == ConsentPurpose.REFERRAL:
        if provider is None:
            raise ValidationError({"provider": PROVIDER_REQUIRED})
        if not provider_in_register(by, provider):
            raise ValidationError({"provider": PROVIDER_NOT_IN_REGISTER})
    else:
        provider = None
    if purpose == ConsentPurpose.SHARING and not agency_name.strip():
        raise ValidationError({"agency_name": AGENCY_REQUIRED})
    consent = Consent(
        client=client,
        purpose=purpose,
        provider=provider,
        agency_name=agency_name.strip() if purpose == ConsentPurpose.SHARING else "",
        given_on=given_on,
        method=method,
        witness_name=witness_name.strip(),
        recorded_by=by,
    )
    consent.full_clean(exclude=["document"])
    if document:
        data, kind = _document_content(document)
        token = fernet().encrypt(data)
        consent.document.save(f"{uuid.uuid4().hex}.bin", ContentFile(token), save=False)
        consent.document_type = kind
    consent.save()
    return consent


def consent_document_read(consent: Consent) -> tuple[bytes, str]:
    with consent.document.open("rb") as f:
        return fernet().decrypt(f.read()), consent.document_type


@transaction.atomic
def consent_withdraw(*, consent: Consent, by, withdrawn_on: datetime.date, note: str = ""):
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on:
        raise ValidationError(ALREADY_WITHDRAWN)
    check_not_future(withdrawn_on, "withdrawn_on")
    if withdrawn_on < consent.given_on:
        raise ValidationError({"withdrawn_on": WITHDRAWN_BEFORE_GIVEN})
    consent.withdrawn_on, consent.withdrawal_note = withdrawn_on, note
    consent.save(update_fields=["withdrawn_on", "withdrawal_note"])
    return consent


def has_consent(client, purpose: str, on: datetime.date, provider=None) -> bool:
    consents = client.consents.filter(purpose=purpose, given_on__lte=on)
    if provider is not None:
        consents = consents.filter(provider=provider)
    return any(c.is_active_on(on) for c in consents)


@transaction.atomic
def assessment_record(*, client, by, assessed_on: datetime.date, needs, notes: str = ""):
    check_open(client)
    check_in_case(client, assessed_on, "assessed_on")
    assessment = NeedsAssessment.objects.create(
        client=client, assessed_on=assessed_on, notes=notes, recorded_by=by
    )
    assessment.needs.set(needs)
    return assessment


@transaction.atomic
def service_record(
    *, client, by, service_type, given_on: datetime.date, provider=None, cost=None, note=""
) -> SupportService:
    check_open(client)
    check_in_case(client, given_on, "given_on")
    if provider is not None and not provider_in_register(by, provider):
        raise ValidationError({"provider": PROVIDER_NOT_IN_REGISTER})
    if cost is not None and cost < 0:
        raise ValidationError({"cost": NEGATIVE_AMOUNT})
    service = SupportService(
        client=client,
        service_type=service_type,
        given_on=given_on,
        provider=provider,
        cost=cost,
        note=note,
        recorded_by=by,
    )
    service.full_clean()
    service.save()
    return service


@transaction.atomic
def referral_send(
    *,
    client,
    by,
    provider,
    service_type,
    sent_on: datetime.date,
    follow_up_on: datetime.date | None = None,
    note: str = "",
) -> Referral:
    """Refer to a provider of the register, with the person's consent to that referral."""
    check_open(client)
    check_in_case(client, sent_on, "sent_on")
    if not provider_in_register(by, provider):
        raise ValidationError({"provider": PROVIDER_NOT_IN_REGISTER})
    if not has_consent(client, ConsentPurpose.REFERRAL, sent_on, provider):
        raise ValidationError({"provider": REFERRAL_NEEDS_CONSENT})
    if follow_up_on and follow_up_on < sent_on:
        raise ValidationError({"follow_up_on": FOLLOW_UP_BEFORE_SENT})
    referral = Referral(
        client=client,
        provider=provider,
        service_type=service_type,
        sent_on=sent_on,
        status=ReferralStatus.SENT,
        status_on=sent_on,
        follow_up_on=follow_up_on,
        note=note,
        recorded_by=by,
    )
    referral.full_clean()
    referral.save()
    return referral


@transaction.atomic
def referral_update(
    *,
    referral: Referral,
    by,
    version: int,
    status: str,
    status_on: datetime.date,
    follow_up_on: datetime.date | None = None,
    note: str = "",
) -> Referral:
    referral = Referral.objects.select_for_update().select_related("client").get(pk=referral.pk)
    check_version(referral, version)
    check_open(referral.client)
    check_in_case(referral.client, status_on, "status_on")
    if status_on < referral.sent_on:
        raise ValidationError({"status_on": FOLLOW_UP_BEFORE_SENT})
    referral.status, referral.status_on = status, status_on
    referral.follow_up_on, referral.note = follow_up_on, note
    referral.version += 1
    referral.full_clean()
    referral.save()
    return referral
