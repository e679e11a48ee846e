import datetime

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as AuthUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.core.scoping import ScopedQuerySet
from lanhmanh.geography.models import AdministrativeUnit

from .roles import Role


class UserQuerySet(ScopedQuerySet):
    # A user is visible where one of their memberships is.
    scope_path = "memberships__unit__path"
    scope_module = "users"

    def visible_to(self, user, **kwargs):
        return super().visible_to(user, **kwargs).distinct()


class UserManager(AuthUserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A person who works in the programme. Scope comes from memberships, never from here."""

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)

    # Optimistic concurrency: an edit form made from an older version is refused.
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    objects = UserManager()

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        ordering = ["username"]

    def __str__(self):
        return self.full_name or self.username


class MembershipQuerySet(ScopedQuerySet):
    scope_path = "unit__path"

    def active_on(self, day: datetime.date):
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
        )

    def active(self):
        return self.active_on(timezone.localdate())


class Membership(models.Model):
    """A user's place in the programme: a unit (its subtree is the scope), maybe an agency,
    and a role."""

    user = models.ForeignKey(
        User, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    agency = models.ForeignKey(
        "organizations.Agency",
        verbose_name=_("cơ quan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    # A social worker who supervises the social workers of the unit's subtree: opens
    # every support case there and reviews who read them (as a Primero case manager's
    # supervisor does); meaningless for other roles.
    supervises = models.BooleanField(_("giám sát ca hỗ trợ"), default=False)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        ordering = ["user__username", "unit__path"]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.unit}"

    def clean(self):
        if self.agency_id and self.unit_id and not self.agency.unit.path.startswith(self.unit.path):
            raise ValidationError({"agency": _("Cơ quan phải thuộc đơn vị của phân quyền.")})
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Ngày kết thúc phải sau ngày bắt đầu.")})
