"""Receipt codes: 16 random digits (about 53 bits), shown once in groups of four, kept
only as an HMAC with a server key so the code finds its tip but cannot be read back."""

import hashlib
import hmac
import re
import secrets

from django.conf import settings

DIGITS = 16


def receipt_generate() -> str:
    return "".join(str(secrets.randbelow(10)) for _ in range(DIGITS))


def receipt_format(code: str) -> str:
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def receipt_normalise(text: str) -> str | None:
    """The digits of what a person typed (spaces and dashes allowed), or None."""
    digits = re.sub(r"[\s\-.]", "", text or "")
    return digits if re.fullmatch(rf"\d{{{DIGITS}}}", digits) else None


def receipt_hash(code: str, secret_key: str | None = None) -> str:
    secret_key = secret_key or settings.SECRET_KEY
    key = hashlib.sha256(f"tip-receipt:{secret_key}".encode()).digest()
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()


def receipt_hashes(code: str) -> list[str]:
    """The hash under the current key and under the keys it replaced
    (SECRET_KEY_FALLBACKS), so rotating the key does not lose senders' receipts."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [receipt_hash(code, key) for key in keys]
