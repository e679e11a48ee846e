from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lanhmanh.accounts"
    verbose_name = _("Tài khoản")

    def ready(self):
        from auditlog.registry import auditlog

        from . import scope, signals  # noqa: F401 - the scope resolver, the login audit
        from .models import Membership, User

        auditlog.register(User, exclude_fields=["password", "last_login"])
        auditlog.register(Membership)
