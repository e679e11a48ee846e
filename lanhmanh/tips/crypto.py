"""Encryption of a tipster's contact details at rest, with Fernet.

The keys are ``settings.FIELD_KEYS`` (LANHMANH_FIELD_KEYS, newest first: MultiFernet
encrypts with the first and decrypts with any, so keys can be rotated). Outside DEBUG the
settings refuse to start without them; development and tests derive one from SECRET_KEY
(see settings), acceptable only because their data is not real.
"""

import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(k.encode()) for k in settings.FIELD_KEYS])


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
