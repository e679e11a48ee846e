"""read_document on .txt, .docx and PDF files, and its Vietnamese errors."""

import io
import unicodedata

import docx
import pytest
from pypdf import PdfWriter

from lanhmanh.plans.importer import (
    MAX_DOCUMENT_BYTES,
    DocumentReadError,
    parse_plan,
    plan_check,
    read_document,
    readers,
)
from lanhmanh.plans.importer.readers import (
    MSG_EMPTY,
    MSG_ENCRYPTED_OFFICE,
    MSG_ENCRYPTED_PDF,
    MSG_LEGACY_DOC,
    MSG_NOT_A_PLAN,
    MSG_OTHER_KIND,
    MSG_SCANNED_PDF,
    MSG_UNSUPPORTED,
)
from tests.plans.test_importer_gold import GOLD, SEEDS

OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def read_error(source, filename=None) -> DocumentReadError:
    with pytest.raises(DocumentReadError) as caught:
        read_document(source, filename)
    return caught.value


def blank_pdf(password: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_text_file(tmp_path):
    path = tmp_path / "ke-hoach.txt"
    path.write_text("KẾ HOẠCH\nPhòng, chống mại dâm năm 2026\n", encoding="utf-8")
    assert read_document(path).startswith("KẾ HOẠCH")
    assert "mại dâm" in read_document(path.read_bytes(), "ke-hoach.md")


def test_text_in_vietnamese_windows_code_page():
    # code page 1258 writes tone marks as combining characters; the reader gives NFC
    data = unicodedata.normalize("NFD", "Phòng ma túy").encode("cp1258")
    assert read_document(data, "cu.txt") == "Phòng ma túy"


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    document = docx.Document()
    header = document.add_table(rows=1, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ HÒA AN"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    document.add_paragraph("Số: 14/KH-UBND")
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Phòng, chống mại dâm năm 2026")
    document.add_paragraph("I. CHỈ TIÊU")
    document.add_paragraph("- Kiểm tra ít nhất 12 cơ sở lưu trú.")
    document.add_paragraph("II. TỔ CHỨC THỰC HIỆN")
    tasks = document.add_table(rows=2, cols=4)
    for cell, text in zip(
        tasks.rows[0].cells, ["TT", "Nội dung", "Chủ trì", "Phối hợp"], strict=True
    ):
        cell.text = text
    for cell, text in zip(
        tasks.rows[1].cells, ["1", "Tuyên truyền", "Công an xã", "Trạm Y tế xã"], strict=True
    ):
        cell.text = text
    document.add_paragraph("Lê Thị Mai")
    path = tmp_path / "ke-hoach.docx"
    document.save(path)

    text = read_document(path)
    order = [
        "ỦY BAN NHÂN DÂN",
        "XÃ HÒA AN",
        "Số: 14/KH-UBND",
        "KẾ HOẠCH",
        "I. CHỈ TIÊU",
        "| Nội dung |",
        "| Tuyên truyền |",
        "Lê Thị Mai",
    ]
    positions = [text.index(piece) for piece in order]
    assert positions == sorted(positions)

    draft = parse_plan(text)
    assert draft.issuer == "Ủy ban nhân dân xã Hòa An"
    assert draft.number == "14/KH-UBND"
    assert [(t.comparator, t.value) for t in draft.targets] == [(">=", 12)]
    assert [(t.text, t.lead, t.coordinating) for t in draft.tasks] == [
        ("Tuyên truyền", "Công an xã", ["Trạm Y tế xã"])
    ]


def test_encrypted_pdf():
    error = read_error(blank_pdf(password="mat-khau"), "ke-hoach.pdf")
    assert (error.code, error.message) == ("encrypted", MSG_ENCRYPTED_PDF)


def test_pdf_without_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(blank_pdf())
    error = read_error(path)
    assert (error.code, str(error)) == ("scanned", MSG_SCANNED_PDF)


def test_broken_pdf():
    assert read_error(b"%PDF-1.7 not really a pdf", "x.pdf").code == "corrupt"


def test_legacy_doc():
    error = read_error(OLE_HEADER, "ke-hoach.doc")
    assert (error.code, error.message) == ("legacy_doc", MSG_LEGACY_DOC)


def test_password_protected_docx_is_an_ole_container():
    error = read_error(OLE_HEADER, "ke-hoach.docx")
    assert (error.code, error.message) == ("encrypted", MSG_ENCRYPTED_OFFICE)


def test_empty_file(tmp_path):
    path = tmp_path / "rong.txt"
    path.write_bytes(b"")
    assert read_error(path).message == MSG_EMPTY
    assert read_error(b"  \n ", "rong.docx").code == "empty"


def test_unsupported_extension():
    error = read_error(b"a,b\n1,2\n", "bang.csv")
    assert error.code == "unsupported"
    assert error.message == MSG_UNSUPPORTED.format(extension=".csv")


def test_file_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_DOCUMENT_BYTES", 10)
    path = tmp_path / "lon.txt"
    path.write_text("Kế hoạch phòng, chống mại dâm", encoding="utf-8")
    error = read_error(path)
    assert error.code == "too_large"
    assert "MB" in error.message
    assert read_error(b"x" * 11, "lon.txt").code == "too_large"


def test_not_a_docx():
    assert read_error(b"plain text, not a zip", "x.docx").code == "corrupt"


def test_a_text_too_long_to_be_a_plan(monkeypatch):
    monkeypatch.setattr(readers, "MAX_TEXT_CHARS", 40)
    error = read_error(("Kế hoạch phòng, chống mại dâm. " * 3).encode(), "dai.txt")
    assert error.code == "too_long"
    assert "40 ký tự" in error.message


def test_a_file_of_fifty_megabytes_is_refused_before_it_is_parsed(monkeypatch):
    # exactly at the size limit: read, then refused for its length, never parsed
    called = []
    monkeypatch.setattr(readers, "_decode_text", lambda data: called.append(1) or "x" * len(data))
    error = read_error(b"a" * MAX_DOCUMENT_BYTES, "lon.txt")
    assert called and error.code == "too_long"
    assert read_error(b"a" * (MAX_DOCUMENT_BYTES + 1), "lon.txt").code == "too_large"


RECIPE = """Công thức nấu phở bò

Nguyên liệu: 1 kg xương bò, 500 g thịt bò, 2 củ hành tây, gừng, quế, hồi.
Ninh xương trong 6 tiếng, vớt bọt thường xuyên. Chần bánh phở, chan nước dùng nóng.
"""
NEWS = """Bắt quả tang 5 đối tượng mua bán trái phép chất ma túy

Ngày 12/3, Công an huyện X bắt quả tang 5 đối tượng đang mua bán ma túy, thu giữ 20 gam
heroin. Vụ việc đang được điều tra làm rõ.
"""
REPORT = """ỦY BAN NHÂN DÂN
HUYỆN TÂN CHÂU
Số: 12/BC-UBND
BÁO CÁO
Kết quả công tác phòng, chống mại dâm năm 2023
I. KẾT QUẢ THỰC HIỆN
1. Đã kiểm tra 45 cơ sở kinh doanh dịch vụ, xử lý 3 cơ sở vi phạm.
II. PHƯƠNG HƯỚNG
Phấn đấu kiểm tra ít nhất 50 cơ sở trong năm 2024.
"""


@pytest.mark.parametrize("text", [RECIPE, NEWS, "a,b,c\n1,2,3\n", "Lorem ipsum. " * 50])
def test_a_text_that_is_not_a_plan_is_refused(text):
    with pytest.raises(DocumentReadError) as caught:
        plan_check(parse_plan(text))
    assert (caught.value.code, caught.value.message) == ("not_a_plan", MSG_NOT_A_PLAN)


def test_a_report_that_assigns_nothing_is_refused_by_its_kind():
    with pytest.raises(DocumentReadError) as caught:
        plan_check(parse_plan(REPORT))
    assert caught.value.code == "not_a_plan"
    assert caught.value.message == MSG_OTHER_KIND.format(kind="báo cáo")


def test_the_body_of_a_plan_without_its_head_is_still_a_plan():
    body = "I. CHỈ TIÊU\n- Kiểm tra ít nhất 12 cơ sở lưu trú trên địa bàn xã.\n"
    plan_check(parse_plan(body))  # no kind line, but a target: the reviewer decides


@pytest.mark.parametrize("name", [g["file"] for g in GOLD])
def test_every_seed_is_a_plan(name):
    plan_check(parse_plan(read_document(SEEDS / name)))


def test_the_message_keeps_its_template_for_translation():
    error = read_error(b"a,b\n", "bang.csv")
    assert error.template == MSG_UNSUPPORTED
    assert error.params == {"extension": ".csv"}
