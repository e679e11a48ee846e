"""Importing a list of activities from Excel: preview with per-row errors, nothing saved
until the file is clean or the user skips the bad rows, the register's own export read
back, and files that are not sane spreadsheets refused before they are opened."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from lanhmanh.activities.models import Activity

HEADER = ["Ngày bắt đầu", "Loại hoạt động", "Tên hoạt động", "Địa bàn", "Số người tham gia"]


def xlsx(rows, header=HEADER) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("hoat-dong.xlsx", out.getvalue())


def upload(client, file):
    return client.post(reverse("activities:activity_import"), {"file": file})


def save(client, **data):
    return client.post(reverse("activities:activity_import_save"), data)


GOOD = ["05/03/2026", "Phát tờ rơi, treo pa nô, áp phích", "Phát tờ rơi chợ Tây", "Hạc Thành", 0]
BAD_KIND = ["06/03/2026", "Múa lân", "Không có loại này", "Hạc Thành", 10]
BAD_DATE = ["31/02/2026", "Tập huấn, bồi dưỡng nghiệp vụ", "Tập huấn", "Quảng Ngọc", 10]
OUTSIDE = ["07/03/2026", "Hội nghị, hội thảo", "Ở Bắc Ninh", "Lục Nam", 10]


def test_a_clean_file_is_previewed_then_saved(world, client_for):
    client = client_for(world.th_coordinator)
    response = upload(client, xlsx([GOOD]))
    assert response.status_code == 200
    assert (response.context["good"], response.context["bad"]) == (1, 0)
    assert not Activity.objects.exists()
    assert save(client).status_code == 302
    activity = Activity.objects.get()
    assert (activity.title, activity.unit, activity.kind.code) == (
        "Phát tờ rơi chợ Tây",
        world.hac_thanh,
        "leaflets",
    )


def test_rows_in_error_are_listed_and_nothing_is_saved_until_skipped(world, client_for):
    client = client_for(world.th_coordinator)
    response = upload(client, xlsx([GOOD, BAD_KIND, BAD_DATE, OUTSIDE]))
    errors = {row.number: row.errors for row in response.context["rows"]}
    assert errors[2] == []
    assert "Múa lân" in errors[3][0]
    assert "31/02/2026" in errors[4][0]
    assert "Lục Nam" in errors[5][0]
    assert save(client).status_code == 400
    assert not Activity.objects.exists()
    assert save(client, skip_errors="on").status_code == 302
    assert list(Activity.objects.values_list("title", flat=True)) == ["Phát tờ rơi chợ Tây"]


def test_the_register_reads_its_own_export_back(world, acts, client_for):
    client = client_for(world.th_coordinator)
    exported = client.get(reverse("activities:activity_export"), {"unit": world.hac_thanh.pk})
    before = Activity.objects.count()
    response = upload(client, SimpleUploadedFile("xuat.xlsx", exported.getvalue()))
    assert (response.context["good"], response.context["bad"]) == (2, 0)
    save(client)
    copy = Activity.objects.filter(title="Tuyên truyền tại tổ dân phố 3").order_by("pk").last()
    assert Activity.objects.count() == before + 2
    assert (copy.participants, copy.participants_female, copy.organiser) == (
        60,
        35,
        world.hac_thanh_police,
    )
    assert [(m.kind.code, m.count) for m in copy.materials.all()] == [("leaflet", 200)]


def bomb() -> bytes:
    """A small archive that says it holds 80 MB of sheet."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (80 * 1024 * 1024))
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a spreadsheet at all", "không phải là bảng tính"),
        (bomb(), "quá lớn"),
        (b"PK\x03\x04" + b"\x00" * 100, "không phải là bảng tính"),
    ],
)
def test_a_file_that_is_not_a_sane_spreadsheet_is_refused_and_not_kept(
    world, client_for, content, message, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    response = upload(client_for(world.th_coordinator), SimpleUploadedFile("x.xlsx", content))
    assert message in response.content.decode()
    assert not list(tmp_path.rglob("*.xlsx"))


def test_a_sheet_without_the_needed_columns_says_which(world, client_for):
    response = upload(client_for(world.th_coordinator), xlsx([GOOD], header=["A", "B"]))
    assert "Không tìm thấy dòng tiêu đề" in response.content.decode()


def test_saving_without_an_upload_says_the_file_is_gone(world, client_for):
    response = save(client_for(world.th_coordinator))
    assert response.status_code == 302
    assert response["Location"] == reverse("activities:activity_import")


def test_the_leader_and_roles_without_the_module_cannot_import(world, client_for):
    assert client_for(world.th_leader).get(reverse("activities:activity_import")).status_code == 403
    assert (
        client_for(world.th_leader).post(reverse("activities:activity_import_save")).status_code
        == 403
    )
    for user in (world.th_tips, world.th_inspector):
        client = client_for(user)
        assert client.get(reverse("activities:activity_import")).status_code == 404
        assert client.post(reverse("activities:activity_import_save")).status_code == 404
