"""Encryption at rest of identifying details, and the keyed digest of pseudonymous codes.

The keys come from the environment (``settings.FIELD_KEYS``, newest first) and never from
the database: a copy of the database or a dump shows Fernet tokens, not names. MultiFernet
encrypts with the first key and decrypts with any, so a new key can be put in front and
``manage.py rotate_field_keys`` re-encrypts every row with it before the old one is
dropped. Digests (HMAC-SHA256) are computed with every key for matching, so a code stays
recognisable between adding a key and running the rotation.
"""

from __future__ import annotations

import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models

UNREADABLE = "[không giải mã được]"


def _keys() -> list[bytes]:
    return [k.encode() for k in settings.FIELD_KEYS]


def fernet() -> MultiFernet:
    return MultiFernet([Fernet(k) for k in _keys()])


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        # A row written under a key no longer configured: say so rather than crash the
        # page; the rotation command lists such rows.
        return UNREADABLE


def digest(text: str, key: bytes | None = None) -> str:
    key = key or _keys()[0]
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def digests(text: str) -> list[str]:
    """The digest of ``text`` under every configured key (matching across a rotation)."""
    return [digest(text, k) for k in _keys()]


class EncryptedTextField(models.TextField):
    """Text kept as a Fernet token in the database; an empty value stays empty.

    Lookups on it are meaningless (every encryption differs): never filter by it.
    """

    def from_db_value(self, value, expression, connection):
        if not value:
            return ""
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return ""
        return encrypt(value)
