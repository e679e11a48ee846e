"""Writes for users and memberships, and the rules of who may make them.

An administrator manages the people of their own scope (module USERS): they grant
memberships only at units inside that scope, never the superuser flag, and they change an
account (details, password, active flag) only when every membership of that account lies
inside their scope, so a commune administrator cannot take over a provincial account that
also holds a commune membership.
"""

import datetime
import secrets

from auditlog.models import LogEntry
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.core.concurrency import version_claim
from lanhmanh.core.text import nfc
from lanhmanh.geography.models import AdministrativeUnit

from .models import Membership, User
from .roles import Module, Role
from .scope import forget_scope, scope_for

UNIT_REQUIRED = _("Vui lòng chọn đơn vị.")
UNIT_NOT_FOUND = _("Đơn vị không tồn tại hoặc ngoài phạm vi quản lý của bạn.")
AGENCY_OUTSIDE_UNIT = _("Cơ quan phải thuộc đơn vị của phân quyền.")
DATES_REVERSED = _("Ngày kết thúc phải sau ngày bắt đầu.")
USERNAME_TAKEN = _("Tên đăng nhập này đã được dùng.")
CANNOT_DEACTIVATE_SELF = _("Bạn không thể tự khóa tài khoản của mình.")

# Fields an administrator may change on an account; never is_superuser or is_staff.
EDITABLE_FIELDS = ("full_name", "position", "phone", "email")

# No letters that read alike (l, 1, I, O, 0): the password is read off a screen.
_READABLE_CHARACTERS = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def password_generate(length: int = 14) -> str:
    return "".join(secrets.choice(_READABLE_CHARACTERS) for _ in range(length))


def grantable_units(by: User):
    """Units where ``by`` may grant memberships: their USERS scope."""
    return AdministrativeUnit.objects.visible_to(by, module=Module.USERS)


def memberships_managed_by(by: User):
    """Memberships ``by`` may see and end: those at units of their USERS scope."""
    return Membership.objects.visible_to(by, module=Module.USERS)


def user_manageable_by(by: User, user: User) -> bool:
    """May ``by`` change the account itself (details, password, active flag)?"""
    if by.is_superuser:
        return True
    if user.is_superuser:
        return False
    scope = scope_for(by, Module.USERS)
    # Ended memberships do not count (people move between provinces), unless the
    # account has nothing else.
    memberships = list(user.memberships.values_list("unit__path", "valid_to"))
    today = timezone.localdate()
    paths = [p for p, end in memberships if end is None or end >= today] or [
        p for p, _end in memberships
    ]
    return bool(paths) and all(scope.covers(p) for p in paths)


@transaction.atomic
def user_create(
    *,
    by: User,
    username: str,
    password: str,
    unit: AdministrativeUnit,
    role: str,
    agency=None,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    full_name: str = "",
    position: str = "",
    phone: str = "",
    email: str = "",
) -> User:
    """Create an account with its first membership: without one, nobody but the national
    administrator could see the account again."""
    username = nfc(username).strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": USERNAME_TAKEN})
    user = User(
        username=username,
        full_name=nfc(full_name).strip(),
        position=nfc(position).strip(),
        phone=phone.strip(),
        email=email.strip(),
    )
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    membership_add(
        by=by,
        user=user,
        unit=unit,
        role=role,
        agency=agency,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    return user


@transaction.atomic
def user_update(*, by: User, user: User, version: int | None = None, **fields) -> User:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if version is not None:  # None: an internal caller, not an edit form
        version_claim(user, version)
    for name, value in fields.items():
        setattr(user, name, nfc(value).strip())
    user.full_clean()
    user.save(update_fields=[*fields, "version"])
    return user


@transaction.atomic
def user_deactivate(*, by: User, user: User) -> User:
    if by.pk == user.pk:
        raise ValidationError(CANNOT_DEACTIVATE_SELF)
    user.is_active = False
    user.save(update_fields=["is_active"])
    forget_scope(user)
    return user


@transaction.atomic
def user_reactivate(*, by: User, user: User) -> User:
    user.is_active = True
    user.save(update_fields=["is_active"])
    forget_scope(user)
    return user


@transaction.atomic
def user_set_password(*, by: User, user: User, password: str) -> User:
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    # The password field is left out of the audit log; the reset itself is not.
    LogEntry.objects.log_create(
        user,
        action=LogEntry.Action.UPDATE,
        changes={"password": ["***", "***"]},
        actor=by,
        force_log=True,
    )
    return user


@transaction.atomic
def membership_add(
    *,
    by: User,
    user: User,
    unit: AdministrativeUnit | None,
    role: str,
    agency=None,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    supervises: bool = False,
) -> Membership:
    if unit is None:
        raise ValidationError({"unit": UNIT_REQUIRED})
    if not scope_for(by, Module.USERS).covers(unit.path):
        raise ValidationError({"unit": UNIT_NOT_FOUND})
    if agency is not None and not agency.unit.path.startswith(unit.path):
        raise ValidationError({"agency": AGENCY_OUTSIDE_UNIT})
    if valid_from and valid_to and valid_to < valid_from:
        raise ValidationError({"valid_to": DATES_REVERSED})
    membership = Membership(
        user=user,
        unit=unit,
        agency=agency,
        role=role,
        valid_from=valid_from,
        valid_to=valid_to,
        supervises=supervises and role == Role.SOCIAL_WORKER,
    )
    membership.full_clean()
    membership.save()
    forget_scope(user)
    return membership


@transaction.atomic
def membership_end(
    *, by: User, membership: Membership, on: datetime.date | None = None
) -> Membership | None:
    """End a membership: it stops after ``on`` (default yesterday, so access ends now).
    A membership that never took effect by then is removed instead. Returns the ended
    membership, or None when it was removed."""
    last_day = on or timezone.localdate() - datetime.timedelta(days=1)
    user = membership.user
    if membership.valid_from and membership.valid_from > last_day:
        membership.delete()
        result = None
    else:
        if membership.valid_to is None or membership.valid_to > last_day:
            membership.valid_to = last_day
            membership.full_clean()
            membership.save(update_fields=["valid_to"])
        result = membership
    forget_scope(user)
    if by.pk == user.pk:
        forget_scope(by)
    return result
