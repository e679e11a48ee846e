"""read_document on .txt, .docx and PDF files, and its Vietnamese errors."""

import io
import unicodedata

import docx
import pytest
from pypdf import PdfWriter

from lanhmanh.plans.importer import DocumentReadError, parse_plan, read_document, readers
from lanhmanh.plans.importer.readers import (
    MSG_EMPTY,
    MSG_ENCRYPTED_OFFICE,
    MSG_ENCRYPTED_PDF,
    MSG_LEGACY_DOC,
    MSG_SCANNED_PDF,
    MSG_UNSUPPORTED,
)

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
