"""Signed consent forms are stored encrypted and stripped of image metadata; person-level
data leaves only by a case worker, with a reason, the consent to share, and an audit row."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from PIL import Image

from lanhmanh.support import services
from lanhmanh.support.models import CaseAccess, Consent, ConsentMethod, ConsentPurpose
from lanhmanh.support.services.work import FILE_TYPE

from .conftest import OPENED

pytestmark = pytest.mark.django_db


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (8, 8), "white")
    exif = Image.Exif()
    exif[0x010F] = "Camera Maker"  # Make
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def record(world, sup, content, name, purpose=ConsentPurpose.SHARING):
    return services.consent_record(
        client=sup.case, by=world.th_social, purpose=purpose, agency_name="Sở Y tế",
        given_on=OPENED, method=ConsentMethod.SIGNED,
        document=SimpleUploadedFile(name, content),
    )  # fmt: skip


def test_a_signed_form_is_stored_encrypted_without_its_metadata(world, sup, client_for):
    data = jpeg_with_exif()
    assert b"Camera Maker" in data
    consent = record(world, sup, data, "phieu.jpg")
    with consent.document.open("rb") as f:
        stored = f.read()
    assert stored.startswith(b"gAAAA") and b"Camera Maker" not in stored
    response = client_for(world.th_social).get(
        reverse("support:consent_document", args=[consent.pk])
    )
    assert response["Content-Type"] == "image/jpeg"
    assert b"Camera Maker" not in response.content
    assert Image.open(io.BytesIO(response.content)).size == (8, 8)


def test_a_file_of_another_kind_is_refused_and_nothing_kept(world, sup):
    before = Consent.objects.count()
    with pytest.raises(Exception) as error:
        record(world, sup, b"MZ\x90\x00 not a form", "phieu.exe")
    assert str(FILE_TYPE) in str(error.value)
    assert Consent.objects.count() == before


def test_the_export_needs_the_consent_to_share_and_a_reason(world, sup, client_for):
    url = reverse("support:case_export", args=[sup.case.pk])
    client = client_for(world.th_social)
    refused = client.post(url, {"reason": "Chuyển hồ sơ sang Sở Y tế"})
    assert "chưa đồng ý chia sẻ" in refused.content.decode()
    assert not CaseAccess.objects.filter(action="export").exists()

    record(world, sup, b"%PDF-1.4 test", "phieu.pdf")
    assert client.post(url, {"reason": ""}).status_code == 200  # a reason is required
    response = client.post(url, {"reason": "Chuyển hồ sơ sang Sở Y tế"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    values = [
        c for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
        for c in row
    ]  # fmt: skip
    assert "Trần Thị Mây Giả" in values
    audit = CaseAccess.objects.get(action="export")
    assert audit.user == world.th_social and audit.reason == "Chuyển hồ sơ sang Sở Y tế"
    assert "full_name" in audit.fields
