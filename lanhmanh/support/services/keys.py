"""Re-encryption of every encrypted value with the newest key (after a key is added in
front of ``LANHMANH_FIELD_KEYS``); the old key can be removed once this has run."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.db import transaction

from ..crypto import UNREADABLE, EncryptedTextField, digest, fernet
from ..models import Consent, SupportClient

BATCH = 500


@dataclass
class Rotation:
    rows: int = 0
    files: int = 0
    unreadable: int = 0


def _encrypted_models():
    from django.apps import apps

    for model in apps.get_app_config("support").get_models():
        fields = [f.name for f in model._meta.fields if isinstance(f, EncryptedTextField)]
        if fields:
            yield model, fields


@transaction.atomic
def field_keys_rotate() -> Rotation:
    result = Rotation()
    for model, fields in _encrypted_models():
        update = list(fields)
        if model is SupportClient:
            update.append("uic_digest")
        batch = []
        for obj in model.objects.all().order_by("pk").iterator(chunk_size=BATCH):
            # Reading decrypts with any configured key; saving encrypts with the first.
            if any(getattr(obj, f) == UNREADABLE for f in fields):
                result.unreadable += 1
                continue
            if model is SupportClient and obj.uic:
                obj.uic_digest = digest(obj.uic)
            batch.append(obj)
            if len(batch) >= BATCH:
                model.objects.bulk_update(batch, update)
                result.rows += len(batch)
                batch = []
        if batch:
            model.objects.bulk_update(batch, update)
            result.rows += len(batch)
    for consent in Consent.objects.exclude(document=""):
        with consent.document.open("rb") as f:
            token = f.read()
        rotated = fernet().rotate(token)
        name = cast(str, consent.document.name)  # a document is there (excluded "")
        with consent.document.storage.open(name, "wb") as out:
            out.write(rotated)
        result.files += 1
    return result
