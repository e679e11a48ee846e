"""Excel import (preview, per-row errors, duplicates, all or nothing, skipping bad rows)
and export."""

import datetime
import io

from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from lanhmanh.inspections import importing
from lanhmanh.inspections.models import Establishment, EstablishmentImport

HEADER = ["Tên cơ sở", "Loại hình", "Địa chỉ", "Xã, phường"]


def workbook(rows, header=HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(rows, header=HEADER, name="danh-sach.xlsx"):
    return SimpleUploadedFile(name, workbook(rows, header))


def sheet_rows(content: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def post_file(client, world, rows, header=HEADER):
    return client.post(
        reverse("inspections:import_upload"),
        {"unit": world.thanh_hoa.pk, "file": upload(rows, header)},
    )


GOOD = [
    ["Karaoke Ánh Dương", "Karaoke", "20 Lê Lai", "Hạc Thành"],
    ["Nhà nghỉ Bình Yên", "nha nghi", "Thôn 5", "Xã Quảng Ngọc"],
]


def test_the_upload_shows_a_preview_and_saves_nothing(world, records, client_for):
    client = client_for(world.th_inspector)
    before = Establishment.objects.count()
    response = post_file(client, world, GOOD)
    import_ = EstablishmentImport.objects.get()
    assert response["Location"] == import_.get_absolute_url()
    assert Establishment.objects.count() == before
    page = client.get(import_.get_absolute_url()).content.decode()
    assert "Karaoke Ánh Dương" in page
    assert importing.import_counts(import_) == (2, 0)


def test_a_clean_file_is_saved_with_history(world, records, client_for):
    client = client_for(world.th_inspector)
    post_file(client, world, GOOD)
    import_ = EstablishmentImport.objects.get()
    response = client.post(import_.get_absolute_url())
    assert response["Location"] == reverse("inspections:establishment_list")
    saved = Establishment.objects.get(name="Nhà nghỉ Bình Yên")
    assert saved.unit == world.quang_ngoc
    assert saved.business_type.code == "guesthouse"
    assert saved.status_changes.get().note == "Nhập từ tệp danh-sach.xlsx"
    entry = LogEntry.objects.get_for_object(saved).get()
    assert (entry.action, entry.actor) == (LogEntry.Action.CREATE, world.th_inspector)
    # The history is on the establishment's page, and a search finds the new row.
    page = client.get(saved.get_absolute_url()).content.decode()
    assert "Tạo mới" in page
    listing = client.get(reverse("inspections:establishment_list"), {"q": "nha nghi binh yen"})
    assert "Nhà nghỉ Bình Yên" in listing.content.decode()


def test_dates_and_numbers_typed_as_such_in_excel_are_read(world, records, client_for):
    header = [*HEADER, "Số giấy phép", "Ngày cấp"]
    rows = [
        ["Quán Hoa", "Karaoke", "3 Lê Lai", "Hạc Thành", 2809876543, datetime.date(2023, 5, 17)]
    ]
    client = client_for(world.th_inspector)
    post_file(client, world, rows, header)
    import_ = EstablishmentImport.objects.get()
    assert import_.rows[0]["errors"] == []
    client.post(import_.get_absolute_url())
    saved = Establishment.objects.get(name="Quán Hoa")
    assert (saved.licence_number, saved.licence_date) == ("2809876543", datetime.date(2023, 5, 17))
    assert saved.status_since == datetime.date(2023, 5, 17)


def test_the_number_of_queries_does_not_grow_with_the_rows(world, records):
    """Lookups are loaded once per file and rows written in bulk: a 50-row file costs the
    queries a 10-row file costs; every row still gets its status and history entry."""

    def queries_for(count: int) -> tuple[int, int]:
        rows = [[f"Quán {count}-{i}", "Karaoke", f"{i} Lê Lai", "Hạc Thành"] for i in range(count)]
        with CaptureQueriesContext(connection) as preview:
            import_ = importing.establishments_import_parse(
                content=workbook(rows),
                file_name="x.xlsx",
                unit=world.thanh_hoa,
                by=world.th_inspector,
            )
        with CaptureQueriesContext(connection) as saving:
            assert (
                importing.establishments_import_save(import_=import_, by=world.th_inspector)
                == count
            )
        created = Establishment.objects.filter(name__startswith=f"Quán {count}-")
        assert created.count() == count
        assert sum(e.status_changes.count() for e in created) == count
        history = LogEntry.objects.get_for_objects(created)
        assert history.filter(action=LogEntry.Action.CREATE).count() == count
        return len(preview), len(saving)

    assert queries_for(10) == queries_for(50)


def test_rows_with_errors_block_the_whole_file(world, records, client_for):
    client = client_for(world.th_inspector)
    rows = [*GOOD, ["Quán X", "Tiệm vàng", "1 A", "Hạc Thành"], ["", "Karaoke", "2 B", "Lục Nam"]]
    post_file(client, world, rows)
    import_ = EstablishmentImport.objects.get()
    page = client.get(import_.get_absolute_url()).content.decode()
    assert "Loại hình “Tiệm vàng” không có trong danh mục." in page
    assert "Xã, phường “Lục Nam” không thuộc Tỉnh Thanh Hóa." in page
    assert "Thiếu tên cơ sở." in page
    before = Establishment.objects.count()
    response = client.post(import_.get_absolute_url())
    assert str(importing.IMPORT_HAS_ERRORS) in response.content.decode()
    assert Establishment.objects.count() == before


def test_the_user_may_skip_the_bad_rows(world, records, client_for):
    client = client_for(world.th_inspector)
    post_file(client, world, [*GOOD, ["Quán X", "Tiệm vàng", "1 A", "Hạc Thành"]])
    import_ = EstablishmentImport.objects.get()
    before = Establishment.objects.count()
    client.post(import_.get_absolute_url(), {"skip": "1"})
    assert Establishment.objects.count() == before + 2
    assert not Establishment.objects.filter(name="Quán X").exists()
    # Saving twice is refused.
    response = client.post(import_.get_absolute_url(), {"skip": "1"})
    assert str(importing.IMPORT_ALREADY_SAVED) in response.content.decode()


def test_duplicates_are_found_in_the_register_and_in_the_file(world, records, client_for):
    header = [*HEADER, "Số giấy phép"]
    rows = [
        ["KARAOKE SAO ĐÊM", "Karaoke", "12 Lê Lợi.", "Hạc Thành", ""],  # same name + address
        ["Karaoke Khác", "Karaoke", "99 Hàm Nghi", "Hạc Thành", "28-0123-4567"],  # licence
        ["Quán Mới", "Karaoke", "1 Bà Triệu", "Hạc Thành", ""],
        ["Quan moi", "karaoke", "1 Ba Trieu", "Hạc Thành", ""],  # same as the row above
    ]
    post_file(client_for(world.th_inspector), world, rows, header)
    import_ = EstablishmentImport.objects.get()
    errors = {r["line"]: r["errors"] for r in import_.rows}
    assert errors[2] == ["Trùng với cơ sở đã có: Karaoke Sao Đêm."]
    assert errors[3] == ["Trùng với cơ sở đã có: Karaoke Sao Đêm."]
    assert errors[4] == []
    assert errors[5] == ["Trùng với dòng 4 trong tệp."]


def test_an_unknown_column_refuses_the_file(world, records, client_for):
    client = client_for(world.th_inspector)
    post_file(client, world, GOOD, [*HEADER, "Màu sơn"])
    import_ = EstablishmentImport.objects.get()
    page = client.get(import_.get_absolute_url()).content.decode()
    assert "Cột không nhận ra: “Màu sơn”." in page
    client.post(import_.get_absolute_url(), {"skip": "1"})
    assert not Establishment.objects.filter(name="Karaoke Ánh Dương").exists()


def test_a_file_that_is_not_excel_is_refused(world, records, client_for):
    response = client_for(world.th_inspector).post(
        reverse("inspections:import_upload"),
        {"unit": world.thanh_hoa.pk, "file": SimpleUploadedFile("x.xlsx", b"not a workbook")},
    )
    assert str(importing.FILE_UNREADABLE) in response.content.decode()
    assert not EstablishmentImport.objects.exists()


def test_bad_dates_and_choices_are_named(world, records, client_for):
    header = [*HEADER, "Ngày cấp", "Tình trạng", "Mức độ nguy cơ"]
    rows = [
        ["A", "Karaoke", "1", "Hạc Thành", "31/02/2024", "Đang hoạt động", "Cao"],
        ["B", "Karaoke", "2", "Hạc Thành", "01/01/2099", "Mở cửa", "cao"],
    ]
    post_file(client_for(world.th_inspector), world, rows, header)
    errors = {r["line"]: r["errors"] for r in EstablishmentImport.objects.get().rows}
    assert errors[2] == ["Ngày “31/02/2024” không hợp lệ (dd/mm/yyyy)."]
    assert errors[3][0] == "Ngày cấp “01/01/2099” sau ngày hôm nay."
    assert errors[3][1].startswith("Tình trạng “Mở cửa” không hợp lệ")


def test_the_export_can_be_imported_again(world, records, client_for):
    client = client_for(world.th_coordinator)
    content = client.get(reverse("inspections:establishment_export")).content
    rows = sheet_rows(content)
    assert rows[0][:4] == HEADER
    names = sorted(r[0] for r in rows[1:])
    assert names == ["Karaoke Sao Đêm", "Khách sạn Bình Minh", "Nhà nghỉ Hoa Sen"]
    # Into the register they came from, every row is a duplicate: none is lost or invented.
    import_ = importing.establishments_import_parse(
        content=content, file_name="x.xlsx", unit=world.thanh_hoa, by=world.th_coordinator
    )
    assert import_.file_errors == []
    assert all(r["errors"][0].startswith("Trùng với cơ sở đã có") for r in import_.rows)


def test_the_export_follows_the_filters(world, records, client_for):
    response = client_for(world.th_coordinator).get(
        reverse("inspections:establishment_export"), {"type": "hotel"}
    )
    assert sorted(r[0] for r in sheet_rows(response.content)[1:]) == [
        "Khách sạn Bình Minh",
        "Nhà nghỉ Hoa Sen",
    ]


def test_the_command_imports_a_clean_file_and_refuses_a_bad_one(world, records, tmp_path):
    from django.core.management import CommandError, call_command

    good = tmp_path / "good.xlsx"
    good.write_bytes(workbook(GOOD))
    call_command(
        "import_establishments", str(good), unit=world.thanh_hoa.path, stdout=io.StringIO()
    )
    assert Establishment.objects.filter(name="Karaoke Ánh Dương").exists()
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(workbook([["Quán Y", "Tiệm vàng", "1", "Hạc Thành"]]))
    try:
        call_command("import_establishments", str(bad), unit=world.thanh_hoa.path,
                     stdout=io.StringIO(), stderr=io.StringIO())  # fmt: skip
    except CommandError as error:
        assert str(importing.IMPORT_HAS_ERRORS) in str(error)
    else:
        raise AssertionError("a file with errors was imported")
    assert not Establishment.objects.filter(name="Quán Y").exists()


def test_the_keys_are_those_of_folding_the_whole_text():
    """The import folds name, address and licence once each; the search key must equal
    folding them joined, as the register's older rows were keyed."""
    from lanhmanh.core.text import fold
    from lanhmanh.inspections.models.establishments import establishment_keys

    for name, address, licence in [
        ("Karaoke  Ánh Dương ", "12 Lê Lợi, P. Hạc Thành", "28-0123/GP"),
        ("ĐÊM XANH", "", ""),
        ("", "Thôn 3", "A\u0301 1"),
    ]:
        keys = establishment_keys(name, address, licence)
        assert keys["search_key"] == fold(f"{name} {address} {licence}")
