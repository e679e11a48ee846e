"""Every uploaded file is checked here before anything parses it.

Office files are zip archives, and a 300 KB archive may inflate to gigabytes. So the size
of the upload, the number of members and their inflated size are read from the zip's
central directory (nothing is inflated to find out; Python's zip reader then never yields
more than a member declares, so a lying directory ends in a CRC error, not in memory).
Only then are the XML parts streamed once, each element dropped as soon as it is counted,
to count rows, cells, paragraphs and elements against the limits of the file's use. A
file over any limit is refused with a message that says which; the callers store nothing
for a refused file.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from lxml import etree

TOO_BIG = _("Tệp quá lớn (%(size)s): chỉ nhận tệp đến %(limit)s.")
NOT_AN_ARCHIVE = _("Tệp không đọc được: không phải tệp Office (.xlsx, .docx) hợp lệ.")
TOO_MANY_MEMBERS = _("Tệp có quá nhiều thành phần (%(count)s, tối đa %(limit)s).")
INFLATES_TOO_MUCH = _("Tệp khi giải nén quá lớn (%(size)s, tối đa %(limit)s).")
TOO_MANY_ROWS = _("Tệp có quá nhiều dòng (hơn %(limit)s).")
TOO_MANY_CELLS = _("Tệp có quá nhiều ô (hơn %(limit)s).")
TOO_MANY_PARAGRAPHS = _("Văn bản có quá nhiều đoạn (hơn %(limit)s).")
TOO_COMPLEX = _("Tệp có cấu trúc quá phức tạp (hơn %(limit)s phần tử).")
BAD_TYPE = _("Chỉ nhận tệp %(kinds)s.")

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_inflated: int = 0
    max_members: int = 0
    max_rows: int = 0
    max_cells: int = 0
    max_paragraphs: int = 0
    max_elements: int = 0


# A register of 20,000 establishments is some 3 MB of .xlsx and 40 MB of XML.
ESTABLISHMENT_REGISTER = Limits(
    max_bytes=10 * MB,
    max_inflated=60 * MB,
    max_members=200,
    max_rows=20_000,
    max_cells=400_000,
    max_elements=1_500_000,
)
# A report template: a few hundred rows; openpyxl builds objects for everything it reads.
REPORT_TEMPLATE = Limits(
    max_bytes=2 * MB,
    max_inflated=12 * MB,
    max_members=100,
    max_rows=3_000,
    max_cells=30_000,
    max_elements=60_000,
)
# A plan: tens of pages (the longest real one, 33,000 characters, is 600 paragraphs);
# python-docx keeps every part in memory, and a tree of every element.
PLAN_DOCX = Limits(
    max_bytes=20 * MB,
    max_inflated=60 * MB,
    max_members=500,
    max_paragraphs=20_000,
    max_elements=400_000,
)
COMMITMENT_DOCUMENT = Limits(max_bytes=10 * MB)

# Magic numbers of the types a commitment's scan or photo may be.
SIGNATURES = {
    "PDF": (b"%PDF-",),
    "JPEG": (b"\xff\xd8\xff",),
    "PNG": (b"\x89PNG\r\n\x1a\n",),
}
COMMITMENT_EXTENSIONS = {".pdf": "PDF", ".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}


UNREADABLE = "unreadable"  # the code of a refusal for a file that is not an archive at all


def _refuse(message, **params):
    raise ValidationError(message, params=params, code="limits")


def _size(n: int) -> str:
    return str(filesizeformat(n))


def check_size(size: int, limits: Limits) -> None:
    if size > limits.max_bytes:
        _refuse(TOO_BIG, size=_size(size), limit=_size(limits.max_bytes))


def check_archive(content: bytes, limits: Limits) -> Counter:
    """Refuse ``content`` unless it is a zip within ``limits``; returns the count of each
    XML element name (without namespace) in the archive."""
    check_size(len(content), limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise ValidationError(NOT_AN_ARCHIVE, code=UNREADABLE) from None
    except (NotImplementedError, RuntimeError):  # an unknown compression, a password
        raise ValidationError(NOT_AN_ARCHIVE, code=UNREADABLE) from None
    if limits.max_members and len(members) > limits.max_members:
        _refuse(TOO_MANY_MEMBERS, count=len(members), limit=limits.max_members)
    inflated = sum(m.file_size for m in members)
    if limits.max_inflated and inflated > limits.max_inflated:
        _refuse(INFLATES_TOO_MUCH, size=_size(inflated), limit=_size(limits.max_inflated))
    counts: Counter = Counter()
    try:
        for member in members:
            if member.filename.endswith((".xml", ".rels")):
                _count(archive, member, counts, limits)
    except (zipfile.BadZipFile, etree.XMLSyntaxError, OSError, EOFError, ValueError):
        raise ValidationError(NOT_AN_ARCHIVE, code=UNREADABLE) from None
    # A damaged deflate stream (zlib), an unknown compression method or an encrypted
    # member (zipfile): the file is as unreadable as one that is no zip at all.
    except (zlib.error, NotImplementedError, RuntimeError):
        raise ValidationError(NOT_AN_ARCHIVE, code=UNREADABLE) from None
    return counts


class _Counter:
    """An lxml parser target: counts elements as the parser meets them, builds no tree."""

    def __init__(self, counts: Counter, limits: Limits):
        self.counts = counts
        self.total = counts[""]
        self.max_elements = limits.max_elements
        self.checks = {
            name: (limit, message)
            for name, limit, message in (
                ("row", limits.max_rows, TOO_MANY_ROWS),
                ("c", limits.max_cells, TOO_MANY_CELLS),
                ("p", limits.max_paragraphs, TOO_MANY_PARAGRAPHS),
            )
            if limit
        }

    def start(self, tag, attrib):
        self.total += 1
        if self.max_elements and self.total > self.max_elements:
            _refuse(TOO_COMPLEX, limit=f"{self.max_elements:,}".replace(",", "."))
        name = tag[tag.rfind("}") + 1 :]
        if name in self.checks:
            count = self.counts[name] = self.counts[name] + 1
            limit, message = self.checks[name]
            if count > limit:
                _refuse(message, limit=f"{limit:,}".replace(",", "."))

    def end(self, tag):
        pass

    def data(self, data):
        pass

    def close(self):
        self.counts[""] = self.total


def _count(archive, member, counts: Counter, limits: Limits) -> None:
    target = _Counter(counts, limits)
    parser = etree.XMLParser(target=target, resolve_entities=False, no_network=True)
    with archive.open(member) as stream:
        while chunk := stream.read(1 << 16):
            parser.feed(chunk)
    parser.close()


def check_document(upload, limits: Limits = COMMITMENT_DOCUMENT) -> None:
    """A commitment's document: a PDF, JPEG or PNG by extension *and* content, and small."""
    check_size(upload.size, limits)
    name = (upload.name or "").lower()
    kind = next((k for ext, k in COMMITMENT_EXTENSIONS.items() if name.endswith(ext)), None)
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if kind is None or not head.startswith(SIGNATURES[kind]):
        _refuse(BAD_TYPE, kinds="PDF, JPEG, PNG")


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# Scans and photos (minutes of a meeting, a signed record): a PDF, or an image saved
# again from its pixels alone so that no metadata (EXIF position, camera, XMP) survives.
SCAN_OR_PHOTO = Limits(max_bytes=10 * MB)
MAX_PIXELS = 40_000_000
NOT_SCAN_OR_PHOTO = _("Chỉ nhận tệp PDF hoặc ảnh JPEG, PNG.")
EMPTY_FILE = _("Tệp rỗng.")


def clean_scan_or_photo(upload, limits: Limits = SCAN_OR_PHOTO):
    """The file to store for ``upload`` and its content type, judged by its content (never
    its name): a PDF as it is, a JPEG or PNG re-encoded without metadata. Anything else,
    or anything over the limit, is a ValidationError and nothing is stored."""
    from django.core.files.base import ContentFile

    check_size(upload.size or 0, limits)
    upload.seek(0)
    data = upload.read(limits.max_bytes + 1)
    if not data:
        raise ValidationError(EMPTY_FILE, code="empty")
    check_size(len(data), limits)
    stem = (upload.name or "tep").rsplit("/", 1)[-1].rsplit(".", 1)[0][:80] or "tep"
    if data.startswith(SIGNATURES["PDF"]):
        return ContentFile(data, name=f"{stem}.pdf"), "application/pdf"
    if not data.startswith(SIGNATURES["JPEG"] + SIGNATURES["PNG"]):
        raise ValidationError(NOT_SCAN_OR_PHOTO, code="type")
    content, kind = _image_without_metadata(data)
    return ContentFile(content, name=f"{stem}.{kind}"), f"image/{'jpeg' if kind == 'jpg' else kind}"


def _image_without_metadata(data: bytes) -> tuple[bytes, str]:
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            fmt = image.format
            # A decompression bomb is a small file that opens as a huge picture.
            if fmt not in ("JPEG", "PNG") or image.width * image.height > MAX_PIXELS:
                raise ValidationError(NOT_SCAN_OR_PHOTO, code="type")
            upright = ImageOps.exif_transpose(image)  # as the phone meant it, before EXIF goes
            mode = "RGB" if fmt == "JPEG" else ("RGBA" if "A" in upright.getbands() else "RGB")
            pixels = upright.convert(mode)
            clean = Image.frombytes(mode, pixels.size, pixels.tobytes())
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(NOT_SCAN_OR_PHOTO, code="type") from exc
    out = io.BytesIO()
    if fmt == "JPEG":
        clean.save(out, format="JPEG", quality=85)
        return out.getvalue(), "jpg"
    clean.save(out, format="PNG")
    return out.getvalue(), "png"
