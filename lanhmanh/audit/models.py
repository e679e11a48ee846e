"""The audit trail: one row per thing that happened (see lanhmanh.core.audit)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import ScopedQuerySet
from lanhmanh.core.audit import AuditAction


class AuditEventQuerySet(ScopedQuerySet):
    """Administrators see the events of their units (the object's unit, or the actor's
    when there is no object) and the events of the accounts they manage; the national
    administrator sees everything."""

    scope_path = "unit_path"
    scope_module = Module.USERS

    def visible_to(self, user, **kwargs):
        # The door passes module and action; the trail's own module decides here.
        from django.contrib.auth import get_user_model

        if user.is_authenticated and user.is_superuser:
            return self.all()
        people = get_user_model().objects.visible_to(user).values("pk")
        return self.filter(
            models.Q(pk__in=super().visible_to(user).values("pk")) | models.Q(actor__in=people)
        )


class AuditEvent(models.Model):
    at = models.DateTimeField(_("thời gian"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The name as typed or as it was: a failed login names no account; a deleted account
    # keeps its name here.
    actor_name = models.CharField(_("tên đăng nhập"), max_length=150, blank=True)
    action = models.CharField(_("thao tác"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("loại đối tượng"), max_length=100, blank=True)
    object_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    object_repr = models.CharField(_("đối tượng"), max_length=255, blank=True)
    # The unit the object (or, without one, the actor) belongs to: a province
    # administrator sees the events under their province.
    unit_path = models.CharField(max_length=255, blank=True, db_index=True)
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    path = models.CharField(_("đường dẫn"), max_length=255, blank=True)
    detail = models.JSONField(_("chi tiết"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện nhật ký")
        verbose_name_plural = _("nhật ký hệ thống")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["action", "at"]),
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["actor", "at"]),
        ]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.action} {self.object_repr}"
