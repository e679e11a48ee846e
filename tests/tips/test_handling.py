"""Handling: operator intake, triage and assignment within the scope, deadlines with
their legal basis, questions, closing, contact details for the assigned handlers only,
every read logged, and the unannounced inspection a tip leads to."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from lanhmanh.inspections import services as inspection_services
from lanhmanh.inspections.models import InspectionKind, Trigger
from lanhmanh.tips import services
from lanhmanh.tips.crypto import decrypt_json
from lanhmanh.tips.models import AccessAction, Channel, Status, Tip, TipAccess
from lanhmanh.tips.services import OUTCOME_REQUIRED, TIP_OUTSIDE_SCOPE, TIP_STALE
from tests.inspections.conftest import at


def triage(world, tip, **extra):
    fields = {
        "tip": tip,
        "by": world.th_tips,
        "version": tip.version,
        "category": tip.category,
        "urgency": "urgent",
        "unit": world.thanh_hoa,
        "agency": world.th_police,
        "handlers": [world.th_tips],
    }
    fields.update(extra)
    return services.tip_triage(**fields)


def test_the_contact_is_encrypted_at_rest(world, tips):
    raw = Tip.objects.values_list("contact_encrypted", flat=True).get(pk=tips.tip.pk)
    assert "0912345678" not in raw and "Nguyễn" not in raw
    assert decrypt_json(raw)["phone"] == "0912345678"


def test_the_operator_records_a_call_with_its_channel(world, tips):
    tip, code = tips.record()
    assert tip.channel == Channel.HOTLINE and tip.created_by == world.th_tips
    assert len(code) == 16
    with pytest.raises(ValidationError):
        tips.record(channel=Channel.TRANSFER)  # transferred: from which body?
    tip, _code = tips.record(channel=Channel.TRANSFER, source_body="Công an tỉnh Nghệ An")
    assert tip.source_body == "Công an tỉnh Nghệ An"


def test_an_outsider_cannot_record_a_tip_about_thanh_hoa(world, tips):
    with pytest.raises(ValidationError) as error:
        tips.record(by=world.bn_coordinator)
    assert TIP_OUTSIDE_SCOPE in error.value.messages


def test_the_deadline_follows_the_category_rule(world, tips):
    tip = tips.tip
    received = timezone.localtime(tip.received_at).date()
    assert tip.due_on == received + datetime.timedelta(days=20)
    tip = triage(world, tip, category="trafficking")
    assert tip.status == Status.ASSIGNED and tip.urgency == "urgent"
    assert list(tip.handlers.all()) == [world.th_tips]
    # Criminal matters: extendable up to two months in all (CPC 2015 art. 147).
    services.tip_extend(
        tip=tip, by=world.th_tips, version=tip.version, to=tip.due_on + datetime.timedelta(40)
    )
    tip.refresh_from_db()
    with pytest.raises(ValidationError):
        services.tip_extend(
            tip=tip, by=world.th_tips, version=tip.version, to=tip.due_on + datetime.timedelta(41)
        )


def test_a_stale_version_is_refused(world, tips):
    tip = tips.tip
    triage(world, tip)
    with pytest.raises(ValidationError) as error:
        triage(world, tip, version=1)
    assert TIP_STALE in error.value.messages


def test_a_tip_cannot_be_assigned_outside_the_handlers_scope(world, tips):
    with pytest.raises(ValidationError) as error:
        triage(world, tips.tip, unit=world.luc_nam, agency=None, handlers=[])
    assert TIP_OUTSIDE_SCOPE in error.value.message_dict["unit"]
    tips.tip.refresh_from_db()
    assert tips.tip.unit == world.hac_thanh  # nothing of the tip lost


def test_the_leader_cannot_handle(world, tips):
    with pytest.raises(PermissionDenied):
        triage(world, tips.tip, by=world.th_leader)


def test_closing_needs_an_outcome(world, tips):
    tip = tips.tip
    with pytest.raises(ValidationError) as error:
        services.tip_status_change(tip=tip, by=world.th_tips, version=1, status=Status.HANDLED)
    assert OUTCOME_REQUIRED in error.value.messages
    tip = services.tip_status_change(
        tip=tip, by=world.th_tips, version=1, status=Status.UNFOUNDED, outcome="Không có dấu hiệu."
    )
    assert tip.closed_at and tip.on_time


def test_only_assigned_handlers_see_the_contact_and_each_read_is_logged(world, tips, client_for):
    tip = tips.tip
    url = reverse("tips:tip_contact", args=[tip.pk])
    admin = client_for(world.th_admin)
    assert admin.get(tip.get_absolute_url()).status_code == 200
    assert admin.post(url).status_code == 403
    triage(world, tip)
    client = client_for(world.th_tips)
    page = client.post(url)
    assert page.status_code == 200 and "0912345678" in page.content.decode()
    assert "0912345678" not in client.get(tip.get_absolute_url()).content.decode()
    actions = list(
        TipAccess.objects.filter(tip=tip).values_list("user__username", "action").order_by("pk")
    )
    assert ("th_admin", AccessAction.VIEW) in actions
    assert ("th_tips", AccessAction.CONTACT) in actions


def test_overdue_and_near_deadline_tips_on_the_list(world, tips, client_for):
    overdue, _c = tips.record(received_at=timezone.now() - datetime.timedelta(days=30))
    near, _c = tips.record(received_at=timezone.now() - datetime.timedelta(days=18))
    client = client_for(world.th_tips)
    page = client.get(reverse("tips:tip_list"))
    assert page.context["overdue_count"] == 1 and page.context["near_count"] == 1
    listed = client.get(reverse("tips:tip_list"), {"due": "overdue"}).context["page"]
    assert [t.pk for t in listed] == [overdue.pk]
    listed = client.get(reverse("tips:tip_list"), {"due": "near"}).context["page"]
    assert [t.pk for t in listed] == [near.pk]


def test_the_handler_asks_through_the_page_and_the_tip_is_being_verified(world, tips, client_for):
    tip = triage(world, tips.tip)
    client = client_for(world.th_tips)
    response = client.post(reverse("tips:tip_ask", args=[tip.pk]), {"text": "Bạn thấy mấy người?"})
    assert response.status_code == 302
    tip.refresh_from_db()
    assert tip.status == Status.VERIFYING
    assert tip.messages.get().text == "Bạn thấy mấy người?"


def test_the_deadline_rules_show_the_legal_basis(world, client_for):
    page = client_for(world.th_tips).get(reverse("tips:deadline_rules")).content.decode()
    assert "Điều 147" in page and "20 ngày" in page


def test_a_tip_opens_an_unannounced_inspection_that_links_back(
    world, tips, records, handler_inspector, client_for
):
    tip = tips.tip
    services.tip_link(tip=tip, by=world.th_tips, version=tip.version, establishment=records.sao_dem)
    client = client_for(world.th_tips)
    response = client.get(reverse("tips:tip_inspect", args=[tip.pk]))
    assert response.status_code == 302
    form = client.get(response["Location"]).context["form"]
    assert form.initial["kind"] == InspectionKind.UNANNOUNCED
    assert form.initial["trigger"] == Trigger.TIP
    assert tip.reference in form.initial["trigger_note"]
    inspection = inspection_services.inspection_record(
        establishment=records.sao_dem,
        team=world.th_team,
        by=world.th_tips,
        started_at=at(timezone.localdate()),
        members_present=records.members,
        kind=InspectionKind.UNANNOUNCED,
        trigger=Trigger.TIP,
        trigger_note=form.initial["trigger_note"],
        findings="Không phát hiện vi phạm.",
    )
    tip.refresh_from_db()
    assert tip.inspection == inspection


def test_without_the_inspections_module_the_handler_cannot_open_one(
    world, tips, records, client_for
):
    tip = tips.tip
    services.tip_link(tip=tip, by=world.th_tips, version=tip.version, establishment=records.sao_dem)
    response = client_for(world.th_tips).get(reverse("tips:tip_inspect", args=[tip.pk]))
    assert response.status_code == 403


def test_statistics_show_small_counts_as_under_five_outside_the_handling_unit(
    world, tips, client_for
):
    leader = client_for(world.th_leader).get(reverse("tips:statistics"))
    figures = {f["unit"].pk: f for f in leader.context["figures"]}
    assert figures[world.thanh_hoa.pk]["received"] == "<5"
    handler = client_for(world.th_tips).get(reverse("tips:statistics"))
    figures = {f["unit"].pk: f for f in handler.context["figures"]}
    assert figures[world.thanh_hoa.pk]["received"] == "1"
    assert "Nhà nghỉ ở đầu ngõ" not in leader.content.decode()


def test_the_operator_form_records_a_call_and_shows_the_code_once(world, client_for):
    client = client_for(world.th_tips)
    data = {
        "channel": Channel.HOTLINE,
        "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "category": "public_place",
        "description": "Người gọi báo có người mời khách ở công viên mỗi tối.",
        "commune": world.quang_ngoc.pk,
    }
    response = client.post(reverse("tips:tip_create"), data)
    assert response.status_code == 200
    assert len(response.context["code"].replace(" ", "")) == 16
    tip = Tip.objects.get()
    assert tip.channel == Channel.HOTLINE and tip.created_by == world.th_tips
    # A commune outside the operator's scope is refused, nothing stored.
    refused = client.post(reverse("tips:tip_create"), {**data, "commune": world.luc_nam.pk})
    assert refused.status_code == 400 and "commune" in refused.context["form"].errors
    assert Tip.objects.count() == 1


def test_an_attachment_is_served_to_staff_only_and_the_read_logged(world, client_for, client):
    from tests.tips.conftest import photo

    tip, _code = services.tip_submit(
        source="s",
        description="Có người đứng mời khách trước cửa nhà nghỉ.",
        commune=world.hac_thanh,
        category="establishment",
        files=[photo()],
    )
    attachment = tip.attachments.get()
    url = reverse("tips:tip_attachment", args=[tip.pk, attachment.pk])
    assert client.get(url).status_code == 302  # to the login page
    response = client_for(world.th_tips).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith('inline; filename="TB-')
    assert TipAccess.objects.filter(tip=tip, action=AccessAction.ATTACHMENT).exists()


def test_pdf_document_information_is_removed(world):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": "Nguyễn Văn Người Gửi", "/Producer": "PhoneScanner"})
    out = io.BytesIO()
    writer.write(out)
    upload = SimpleUploadedFile("thu.pdf", out.getvalue(), content_type="application/pdf")
    tip, _code = services.tip_submit(
        source="s",
        description="Gửi kèm thư tố giác đã scan.",
        commune=world.hac_thanh,
        category="other",
        files=[upload],
    )
    stored = tip.attachments.get().file.read()
    assert b"PhoneScanner" not in stored
    metadata = PdfReader(io.BytesIO(stored)).metadata or {}
    assert "/Author" not in metadata
