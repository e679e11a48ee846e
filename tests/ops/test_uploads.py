"""Uploads in one place: bombs and huge files refused before parsing, nothing stored for a
refused file, previews expire, commitment documents only PDF or images."""

import dataclasses
import datetime
import html
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from benchmarks.bombs import docx_inflating_to, docx_paragraphs, xlsx_inflating_to, xlsx_rows
from lanhmanh.core import uploads
from lanhmanh.inspections import importing
from lanhmanh.inspections.models import Commitment, EstablishmentImport
from lanhmanh.plans.models import PlanImport
from lanhmanh.reporting.models import SubmissionValue
from lanhmanh.reporting.periods import month
from lanhmanh.reporting.services import submission_create
from tests.reporting.helpers import make_form

MB = 1024 * 1024


def page(response) -> str:
    return html.unescape(response.content.decode()).replace("\xa0", " ")


def post_register(client, world, content, name="ds.xlsx"):
    return client.post(
        reverse("inspections:import_upload"),
        {"unit": world.thanh_hoa.pk, "file": SimpleUploadedFile(name, content)},
    )


def test_a_register_bomb_is_refused_from_its_directory_and_nothing_is_stored(
    world, records, client_for
):
    bomb = xlsx_inflating_to(74 * MB)  # some 75 KB
    started = time.perf_counter()

    response = post_register(client_for(world.th_inspector), world, bomb)

    assert time.perf_counter() - started < 5
    assert response.status_code == 200
    assert "Tệp khi giải nén quá lớn (74,0 MB, tối đa 60,0 MB)." in page(response)
    assert not EstablishmentImport.objects.exists()


def test_too_many_rows_are_refused_before_the_rows_are_read(
    world, records, client_for, monkeypatch
):
    small = dataclasses.replace(uploads.ESTABLISHMENT_REGISTER, max_rows=3)
    monkeypatch.setattr(importing, "ESTABLISHMENT_REGISTER", small)

    response = post_register(client_for(world.th_inspector), world, xlsx_rows(3))

    assert "Tệp có quá nhiều dòng (hơn 3)." in page(response)
    assert not EstablishmentImport.objects.exists()


def test_a_register_over_the_size_limit_is_refused_unread(world, records, client_for):
    response = post_register(client_for(world.th_inspector), world, b"x" * (10 * MB + 1))

    assert "Tệp quá lớn (10,0 MB): chỉ nhận tệp đến 10,0 MB." in page(response)
    assert not EstablishmentImport.objects.exists()


def test_previews_expire(world, records, client_for):
    client = client_for(world.th_inspector)
    post_register(client, world, xlsx_rows(2))
    import_ = EstablishmentImport.objects.get()
    EstablishmentImport.objects.filter(pk=import_.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=importing.IMPORT_PREVIEW_HOURS + 1)
    )

    response = client.get(import_.get_absolute_url())

    assert response.status_code == 302
    assert response["Location"] == reverse("inspections:import_upload")
    call_command("expire_uploads")
    assert not EstablishmentImport.objects.exists()


def test_a_report_bomb_is_refused_and_no_figure_is_saved(world, client_for):
    submission = submission_create(
        form=make_form(), unit=world.hac_thanh, period=month(2026, 1), user=world.hac_thanh_officer
    )
    bomb = SimpleUploadedFile("bao-cao.xlsx", xlsx_inflating_to(100 * MB))

    response = client_for(world.hac_thanh_officer).post(
        reverse("reporting:submission_upload", args=[submission.pk]), {"file": bomb}
    )

    assert response.status_code == 400
    assert "Tệp khi giải nén quá lớn (100,0 MB, tối đa 12,0 MB)." in page(response)
    assert not SubmissionValue.objects.filter(submission=submission).exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (lambda: docx_inflating_to(100 * MB), "Tệp khi giải nén quá lớn (100,0 MB"),
        (lambda: docx_paragraphs(20_001), "Văn bản có quá nhiều đoạn (hơn 20.000)."),
    ],
)
def test_a_plan_bomb_is_refused_and_nothing_is_stored(world, client_for, content, message):
    response = client_for(world.th_coordinator).post(
        reverse("plans:import_upload"),
        {"file": SimpleUploadedFile("ke-hoach.docx", content())},
    )

    assert response.status_code == 200
    assert message in page(response)
    assert not PlanImport.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("cam-ket.pdf", b"%PDF-1.7\n...", True),
        ("cam-ket.jpg", b"\xff\xd8\xff\xe0 JFIF", True),
        ("cam-ket.png", b"\x89PNG\r\n\x1a\n....", True),
        ("cam-ket.html", b"<script>alert(1)</script>", False),
        ("cam-ket.pdf", b"<script>alert(1)</script>", False),  # a PDF only by its name
        ("cam-ket.exe", b"MZ\x90\x00", False),
        ("cam-ket.pdf", b"%PDF-1.7\n" + b"0" * (10 * MB), False),  # too large
    ],
)
def test_a_commitment_document_is_a_small_pdf_or_image(
    world, records, client_for, name, content, accepted, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    url = reverse("inspections:commitment_add", args=[records.sao_dem.pk])
    data = {
        "signed_on": "2025-09-01",
        "signed_by": "Nguyễn Văn Chủ",
        "document": SimpleUploadedFile(name, content),
    }

    response = client_for(world.th_inspector).post(url, data)

    assert (response.status_code == 302) is accepted
    assert Commitment.objects.filter(establishment=records.sao_dem).exists() is accepted
    assert any(tmp_path.rglob("*.*")) is accepted
