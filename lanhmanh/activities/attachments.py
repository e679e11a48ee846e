"""Files attached to an activity: photos, programmes, lists of participants.

A file is checked by its content, not its name: an image must open as one and is saved
again as a fresh JPEG or PNG, which leaves behind its metadata (the GPS position a phone
writes into a photo says where the officer was, not what the activity did); a PDF must
start as one. Anything else, and anything over the size limit, is refused before it is
stored.
"""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 8 * 1024 * 1024
# A decompression bomb is a small file that opens as a huge picture: refuse it unopened.
MAX_PIXELS = 40_000_000

TOO_BIG = _("Tệp quá lớn: tối đa 8 MB.")
NOT_ALLOWED = _("Chỉ nhận ảnh (JPEG, PNG) hoặc tệp PDF.")
EMPTY = _("Tệp rỗng.")


def clean_attachment(upload) -> tuple[ContentFile, str]:
    """The file to store and its content type, or a ValidationError for the form."""
    if upload.size > MAX_BYTES:
        raise ValidationError(TOO_BIG)
    data = upload.read(MAX_BYTES + 1)
    if not data:
        raise ValidationError(EMPTY)
    if len(data) > MAX_BYTES:
        raise ValidationError(TOO_BIG)
    stem = (upload.name or "tep").rsplit(".", 1)[0][:80] or "tep"
    if data.startswith(b"%PDF-"):
        return ContentFile(data, name=f"{stem}.pdf"), "application/pdf"
    return _clean_image(data, stem)


def _clean_image(data: bytes, stem: str) -> tuple[ContentFile, str]:
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as image:
            fmt = image.format
            if fmt not in ("JPEG", "PNG"):
                raise ValidationError(NOT_ALLOWED)
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(TOO_BIG)
            # Turn the picture the way the phone meant before its EXIF goes.
            upright = ImageOps.exif_transpose(image)
            wanted = "RGB" if fmt == "JPEG" else ("RGBA" if upright.mode != "L" else "L")
            if upright.mode != wanted:
                upright = upright.convert(wanted)
            # A new image from the pixels alone: no EXIF, no XMP, no text chunks.
            clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError(NOT_ALLOWED) from exc
    out = io.BytesIO()
    if fmt == "JPEG":
        clean.save(out, format="JPEG", quality=85)
        return ContentFile(out.getvalue(), name=f"{stem}.jpg"), "image/jpeg"
    clean.save(out, format="PNG")
    return ContentFile(out.getvalue(), name=f"{stem}.png"), "image/png"
