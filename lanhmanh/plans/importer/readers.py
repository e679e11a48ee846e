"""Reading an uploaded document into text: .txt/.md, .docx (python-docx), text PDFs (pypdf).

Anything that cannot be read raises :class:`DocumentReadError` with a ``code`` and a
Vietnamese message (the ``MSG_*`` constants) that can be shown to the user as it is.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
import zipfile
from pathlib import Path

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "MAX_TEXT_CHARS",
    "MSG_CORRUPT",
    "MSG_EMPTY",
    "MSG_ENCRYPTED_OFFICE",
    "MSG_ENCRYPTED_PDF",
    "MSG_LEGACY_DOC",
    "MSG_NOT_A_PLAN",
    "MSG_NO_TEXT",
    "MSG_OTHER_KIND",
    "MSG_SCANNED_PDF",
    "MSG_TOO_LARGE",
    "MSG_TOO_LONG",
    "MSG_UNSUPPORTED",
    "SUPPORTED_EXTENSIONS",
    "W_COLUMNS",
    "W_IMAGES",
    "W_SCANNED_PAGES",
    "W_TABLE_CELLS",
    "DocumentReadError",
    "DocumentText",
    "gettext_noop",
    "read_document",
]


def gettext_noop(message: str) -> str:
    """Marks a message for the translation catalogue (``makemessages`` looks for this
    name); the pages translate ``DocumentReadError.template`` when they show it."""
    return message


MAX_DOCUMENT_BYTES = 50 * 1024 * 1024  # 50 MB
# A plan runs to tens of pages (the seeds: 7 000 to 33 000 characters); a text of more
# than a million characters (some 400 pages) is not one, and would take minutes to read.
MAX_TEXT_CHARS = 1_000_000

MSG_EMPTY = gettext_noop("Tệp rỗng: không có nội dung để đọc.")
MSG_TOO_LARGE = gettext_noop("Tệp quá lớn: chỉ nhận tệp đến {limit_mb} MB.")
MSG_UNSUPPORTED = gettext_noop(
    "Định dạng tệp không được hỗ trợ ({extension}). Hãy tải lên tệp .docx, .pdf, .txt hoặc .md."
)
MSG_LEGACY_DOC = gettext_noop(
    "Tệp Word cũ (.doc) không đọc được. Hãy mở tệp trong Word hoặc LibreOffice, lưu lại dưới "
    "dạng .docx rồi tải lên lại."
)
MSG_ENCRYPTED_OFFICE = gettext_noop(
    "Tệp Word được bảo vệ bằng mật khẩu. Hãy gỡ mật khẩu, lưu lại rồi tải lên lại."
)
MSG_ENCRYPTED_PDF = gettext_noop(
    "Tệp PDF được bảo vệ bằng mật khẩu. Hãy gỡ mật khẩu rồi tải lên lại."
)
MSG_SCANNED_PDF = gettext_noop(
    "Tệp PDF không có lớp chữ (bản scan hoặc ảnh chụp). Hãy tải lên bản .docx hoặc PDF xuất "
    "từ Word, hoặc nhận dạng chữ (OCR) trước."
)
MSG_NO_TEXT = gettext_noop("Tệp không có chữ nào đọc được.")
MSG_TOO_LONG = gettext_noop(
    "Văn bản quá dài để là một kế hoạch (hơn {limit} ký tự). Hãy tải lên riêng văn bản kế "
    "hoạch, không kèm phụ lục hay tài liệu khác."
)
MSG_NOT_A_PLAN = gettext_noop(
    "Không nhận ra kế hoạch hay công văn chỉ đạo trong tệp này: không có tiêu đề "
    "«KẾ HOẠCH», trích yếu «V/v», chỉ tiêu hay nhiệm vụ nào. Hãy kiểm tra đã chọn đúng tệp."
)
MSG_OTHER_KIND = gettext_noop(
    "Văn bản là {kind}, không phải kế hoạch hay công văn chỉ đạo, và không giao nhiệm vụ "
    "nào. Hãy tải lên văn bản kế hoạch."
)
MSG_CORRUPT = gettext_noop("Tệp bị hỏng hoặc không đúng định dạng {extension}.")

SUPPORTED_EXTENSIONS = (".txt", ".md", ".markdown", ".text", ".docx", ".pdf")

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_PDF_MAGIC = b"%PDF"
# a PDF page with fewer letters than this is taken as having no text layer
_MIN_LETTERS_PER_DOCUMENT = 20


W_SCANNED_PAGES = gettext_noop(
    "Trang {pages} của tệp PDF không có lớp chữ (bản scan): nội dung các trang này chưa được "
    "đọc, hãy nhập tay phần đó."
)
W_IMAGES = gettext_noop(
    "Văn bản có {count} hình ảnh; chữ nằm trong ảnh (trang scan, bảng chụp) không đọc được."
)
W_COLUMNS = gettext_noop("Văn bản trình bày nhiều cột: hãy kiểm tra thứ tự các đoạn đã đọc.")
W_TABLE_CELLS = gettext_noop(
    "Một bảng có ô gộp không đọc được theo cột: đã đọc từng dòng như văn bản, hãy kiểm tra "
    "các chỉ tiêu của bảng."
)


class DocumentText(str):
    """The text of a document, with what the reader could not read in ``warnings``."""

    warnings: list[str]

    def __new__(cls, text: str, warnings: list[str] | None = None):
        out = super().__new__(cls, text)
        out.warnings = list(warnings or [])
        return out


class DocumentReadError(ValueError):
    """A document that cannot be read; ``message`` is for the user, ``code`` for the code.

    Codes: ``empty``, ``too_large``, ``too_long``, ``unsupported``, ``legacy_doc``,
    ``encrypted``, ``scanned``, ``no_text``, ``corrupt``; ``not_a_plan`` comes from
    ``parse.plan_check``.
    """

    def __init__(self, code: str, template: str, **params) -> None:
        message = template.format(**params)
        super().__init__(message)
        self.code = code
        self.message = message
        # the untranslated message and its figures, for a caller that translates
        self.template = template
        self.params = params


def read_document(
    source: str | os.PathLike | bytes | bytearray, filename: str | None = None
) -> str:
    """The text of a document given as a path or as bytes (then ``filename`` names its type)."""
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
        name = filename or ""
    else:
        path = Path(source)
        name = filename or path.name
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise _too_large()
        data = path.read_bytes()
    if len(data) > MAX_DOCUMENT_BYTES:
        raise _too_large()
    if not data.strip():
        raise DocumentReadError("empty", MSG_EMPTY)
    extension = Path(name).suffix.lower()

    if data.startswith(_OLE_MAGIC):
        if extension in {".docx", ".docm", ".xlsx", ".pptx"}:
            raise DocumentReadError("encrypted", MSG_ENCRYPTED_OFFICE)
        raise DocumentReadError("legacy_doc", MSG_LEGACY_DOC)
    if extension == ".doc":
        if data.startswith(_ZIP_MAGIC):
            extension = ".docx"  # a .docx saved under the old name
        else:
            raise DocumentReadError("legacy_doc", MSG_LEGACY_DOC)
    warnings: list[str] = []
    if extension in {".txt", ".md", ".markdown", ".text"}:
        text = _decode_text(data)
    elif extension == ".docx":
        text = _read_docx(data, warnings)
    elif extension == ".pdf":
        text = _read_pdf(data, warnings)
    else:
        raise DocumentReadError(
            "unsupported", MSG_UNSUPPORTED, extension=extension or gettext_noop("không có đuôi tệp")
        )
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise DocumentReadError("no_text", MSG_NO_TEXT)
    if len(text) > MAX_TEXT_CHARS:
        raise DocumentReadError(
            "too_long", MSG_TOO_LONG, limit=f"{MAX_TEXT_CHARS:,}".replace(",", ".")
        )
    return DocumentText(text, warnings)


def _too_large() -> DocumentReadError:
    return DocumentReadError(
        "too_large", MSG_TOO_LARGE, limit_mb=round(MAX_DOCUMENT_BYTES / 1024 / 1024)
    )


def _decode_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # A cut-off file ends in half a character: replaced, never a crash.
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Vietnamese Windows code page, the usual alternative for old plain-text files
        return data.decode("cp1258", errors="replace")


def _read_docx(data: bytes, warnings: list[str]) -> str:
    if not data.startswith(_ZIP_MAGIC):
        raise DocumentReadError("corrupt", MSG_CORRUPT, extension=".docx")
    from django.core.exceptions import ValidationError

    from lanhmanh.core.uploads import PLAN_DOCX, UNREADABLE, check_archive, error_text

    try:
        # Sizes, members, paragraphs and elements before python-docx builds its tree.
        check_archive(data, PLAN_DOCX)
    except ValidationError as exc:
        if exc.code == UNREADABLE:  # damaged, not too big: say so
            raise DocumentReadError("corrupt", MSG_CORRUPT, extension=".docx") from exc
        raise DocumentReadError(
            "too_large", error_text(exc).replace("{", "(").replace("}", ")")
        ) from exc
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DocumentReadError("corrupt", MSG_CORRUPT, extension=".docx") from exc
    except Exception as exc:  # python-docx raises its own PackageNotFoundError and others
        raise DocumentReadError("corrupt", MSG_CORRUPT, extension=".docx") from exc

    out: list[str] = []
    seen_body = False

    def paragraph_text(p: Paragraph) -> str:
        text = p.text
        numbered = p._p.pPr is not None and p._p.pPr.numPr is not None
        if numbered and text.strip() and not re.match(r"^\s*(?:[-+*•]|\d+[.)]|[a-z][.)])", text):
            text = "- " + text  # automatic list numbering is not in the text: keep the item
        return text

    def emit_table(table: Table) -> None:
        nonlocal seen_body
        rows = table.rows
        columns = max((len(r.cells) for r in rows), default=0)
        flat = " ".join(c.text for r in rows for c in r.cells).upper()
        signed = "CỘNG HÒA" in flat or "NƠI NHẬN" in flat or re.search(r"\b(?:TM|KT)\.", flat)
        # a header table holds the number ('Số: …'); a two-column table of targets may
        # well say 'Kế hoạch năm 2025' or 'UBND các xã' and is data
        heading = re.search(r"\bSỐ\s*:", flat)
        if columns <= 2 and (signed or (not seen_body and heading)):
            # header and signature tables: each cell's paragraphs are lines of their own
            for col in range(columns):
                for r in rows:
                    if col < len(r.cells):
                        for p in r.cells[col].paragraphs:
                            if p.text.strip():
                                out.append(p.text)
                        for inner in r.cells[col].tables:
                            emit_table(inner)
            return
        for r in rows:
            # a cell merged across columns is written once and the columns it covers stay
            # as empty cells, so every row keeps the header's columns; a row that is one
            # cell across the table (a group title) keeps its empty columns too
            cells = [""] * r.grid_cols_before
            previous = None
            for c in r.cells:
                text = " ".join(c.text.replace("|", "/").split())
                cells.append("" if c._tc is previous else text)
                previous = c._tc
            cells.extend([""] * r.grid_cols_after)
            if any(cells):
                out.append("| " + " | ".join(cells) + " |")
        seen_body = True

    body = document.element.body
    _docx_warnings(body, warnings)
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = paragraph_text(Paragraph(child, document))
            out.append(text)
            if len(text) > 200:
                seen_body = True
        elif tag == "tbl":
            mark = len(out)
            try:
                emit_table(Table(child, document))
            except ValueError:
                # python-docx cannot walk some merged-cell layouts: keep each row's text
                del out[mark:]
                out.extend(_raw_table_rows(child))
                warnings.append(W_TABLE_CELLS)
            out.append("")
    return "\n\n".join(part for part in "\n".join(out).split("\n") if part.strip())


# a table row read as plain text starts with its number and no dot ('1 Tỷ lệ xã …'), or
# the table's header says 'STT'; a list item of the body has its dot ('1. …')
_TABLE_ROW = re.compile(r"^\d{1,2} (?=[^\d\s./)])")
_TABLE_HEAD = re.compile(r"^(?:STT|TT|Số TT)\b")


def _may_hold_table(text: str) -> bool:
    """Whether the plain text looks like it holds a table: only then is the slower layout
    reading worth it."""
    lines = text.splitlines()
    return any(_TABLE_HEAD.match(line) for line in lines) or (
        sum(bool(_TABLE_ROW.match(line)) for line in lines) >= 2
    )


def _with_tables(page) -> str | None:
    """The page's text with its tables as rows of cells, when it has a table."""
    from .pdf_tables import rebuild_tables

    try:
        return rebuild_tables(page.extract_text(extraction_mode="layout") or "")
    except Exception:  # layout mode fails on some pages: their plain text is kept
        return None


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _raw_table_rows(table) -> list[str]:
    """Each row of a Word table as '| a | b |', from its cells as written in the file."""
    rows = []
    for tr in table.iter(f"{_W}tr"):
        cells = [
            " ".join("".join(t.text or "" for t in tc.iter(f"{_W}t")).replace("|", "/").split())
            for tc in tr.iterchildren(f"{_W}tc")
        ]
        if any(cells):
            rows.append("| " + " | ".join(cells) + " |")
    return rows


def _docx_warnings(body, warnings: list[str]) -> None:
    """Images (a scanned page pasted in) and sections in several columns."""
    images = sum(1 for _ in body.iter(f"{_W}drawing")) + sum(1 for _ in body.iter(f"{_W}pict"))
    if images:
        warnings.append(W_IMAGES.format(count=images))
    for cols in body.iter(f"{_W}cols"):
        try:
            if int(cols.get(f"{_W}num") or 1) > 1:
                warnings.append(W_COLUMNS)
                break
        except ValueError:
            continue


def _read_pdf(data: bytes, warnings: list[str]) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # owner-password-only PDFs open with no password
            except Exception:
                opened = 0
            if not opened:
                raise DocumentReadError("encrypted", MSG_ENCRYPTED_PDF)
        pages = []
        for number, page in enumerate(reader.pages):
            text = page.extract_text() or ""
            if _may_hold_table(text):
                text = _with_tables(page) or text
            if number > 0:
                # page numbers sit alone at the top of pages 2, 3 … (Decree 30/2020)
                text = re.sub(r"^\s*\d{1,3}\s*\n", "", text, count=1)
            pages.append(text)
    except DocumentReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DocumentReadError("corrupt", MSG_CORRUPT, extension=".pdf") from exc
    except Exception as exc:  # pypdf raises a variety of errors on broken files
        raise DocumentReadError("corrupt", MSG_CORRUPT, extension=".pdf") from exc
    text = "\n\n".join(pages)
    if sum(ch.isalpha() for ch in text) < _MIN_LETTERS_PER_DOCUMENT:
        raise DocumentReadError("scanned", MSG_SCANNED_PDF)
    blank = [str(n) for n, page in enumerate(pages, start=1) if sum(map(str.isalpha, page)) < 20]
    if blank:
        # a scanned page among text pages: the rest is read, the gap is said
        warnings.append(W_SCANNED_PAGES.format(pages=", ".join(blank)))
    return text
