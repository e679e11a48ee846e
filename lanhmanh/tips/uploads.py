"""Attachments of a tip: checked by size and content before anything parses them;
images re-encoded by Pillow so their metadata (EXIF: place, time, camera) is gone; PDFs
rewritten without their document information."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILES = 3
MAX_PIXELS = 40_000_000

ATTACHMENT_TOO_LARGE = _("Tệp quá lớn: mỗi tệp tối đa 5 MB.")
ATTACHMENT_TOO_MANY = _("Chỉ gửi được tối đa 3 tệp mỗi lần.")
ATTACHMENT_WRONG_TYPE = _("Chỉ nhận ảnh (JPEG, PNG) hoặc tệp PDF.")
ATTACHMENT_BROKEN = _("Không đọc được tệp: tệp bị hỏng hoặc không đúng định dạng.")


@dataclass
class CleanFile:
    content: bytes
    content_type: str
    extension: str


def _kind(head: bytes) -> str | None:
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"%PDF-"):
        return "pdf"
    return None


def _image(data: bytes, kind: str) -> CleanFile:
    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            # Keep the picture upright, then drop every metadata block by re-encoding
            # only the pixels.
            image = ImageOps.exif_transpose(image)
            out = io.BytesIO()
            if kind == "png":
                pixels = image.convert("RGBA" if "A" in image.getbands() else "RGB")
                clean = Image.new(pixels.mode, pixels.size)
                clean.paste(pixels)
                clean.save(out, format="PNG")
                return CleanFile(out.getvalue(), "image/png", "png")
            clean = Image.new("RGB", image.size)
            clean.paste(image.convert("RGB"))
            clean.save(out, format="JPEG", quality=88)
            return CleanFile(out.getvalue(), "image/jpeg", "jpg")
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(ATTACHMENT_BROKEN) from exc


def _pdf(data: bytes) -> CleanFile:
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        out = io.BytesIO()
        writer.write(out)
    except (PdfReadError, OSError, ValueError, KeyError, TypeError) as exc:
        raise ValidationError(ATTACHMENT_BROKEN) from exc
    return CleanFile(out.getvalue(), "application/pdf", "pdf")


def attachment_clean(upload) -> CleanFile:
    """The cleaned content of one uploaded file, or a ValidationError; the upload itself
    is never stored."""
    if upload.size > MAX_FILE_BYTES:
        raise ValidationError(ATTACHMENT_TOO_LARGE)
    upload.seek(0)
    data = upload.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError(ATTACHMENT_TOO_LARGE)
    kind = _kind(data[:8])
    if kind is None:
        raise ValidationError(ATTACHMENT_WRONG_TYPE)
    return _pdf(data) if kind == "pdf" else _image(data, kind)


def attachments_clean(uploads) -> list[CleanFile]:
    uploads = [u for u in uploads or [] if u]
    if len(uploads) > MAX_FILES:
        raise ValidationError(ATTACHMENT_TOO_MANY)
    return [attachment_clean(u) for u in uploads]
