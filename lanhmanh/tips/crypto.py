"""Encryption of fields at rest (a tipster's contact details) with Fernet.

Keys come from ``settings.FIELD_KEYS`` (LANHMANH_FIELD_KEYS, newest first: MultiFernet
decrypts with any and encrypts with the first, so keys can be rotated). Development and
tests have no such variable: they derive one key from SECRET_KEY, which is acceptable only
because their data is not real; settings refuse to start without keys outside DEBUG.
"""

import base64
import hashlib
import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


def _fernet() -> MultiFernet:
    keys = list(getattr(settings, "FIELD_KEYS", []) or [])
    if not keys:
        derived = hashlib.sha256(f"field-keys:{settings.SECRET_KEY}".encode()).digest()
        keys = [base64.urlsafe_b64encode(derived).decode()]
    return MultiFernet([Fernet(k.encode() if isinstance(k, str) else k) for k in keys])


def encrypt_json(data: dict) -> str:
    """A token for ``data``; '' for nothing worth keeping."""
    data = {k: v for k, v in data.items() if v}
    if not data:
        return ""
    return _fernet().encrypt(json.dumps(data, ensure_ascii=False).encode()).decode()


def decrypt_json(token: str) -> dict:
    if not token:
        return {}
    try:
        return json.loads(_fernet().decrypt(token.encode()))
    except InvalidToken:
        # A key was removed too early: say so rather than fail the whole page.
        return {"error": "undecryptable"}
