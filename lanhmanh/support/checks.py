"""Start-up check: the field keys must be usable Fernet keys (a typo would otherwise show
only when the first identifying detail is saved)."""

from cryptography.fernet import Fernet
from django.conf import settings
from django.core import checks

BAD_KEY = (
    "LANHMANH_FIELD_KEYS: key %(n)d is not a Fernet key "
    "(32 bytes in URL-safe base64, e.g. from cryptography.fernet.Fernet.generate_key())."
)


@checks.register(checks.Tags.security)
def field_keys_check(app_configs, **kwargs):
    errors = []
    for n, key in enumerate(settings.FIELD_KEYS, start=1):
        try:
            Fernet(key.encode())
        except ValueError:
            errors.append(checks.Error(BAD_KEY % {"n": n}, id="support.E001"))
    return errors
