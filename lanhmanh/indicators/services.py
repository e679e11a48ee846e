"""Writes of the catalogue: breakdowns (category sets and their options) and indicators.

Who configures: the national administrator (superuser) keeps the national rows (no
owner); an administrator of a unit (a province's administrator) keeps the rows owned by
that unit. Every write brings the ``version`` its writer saw; an indicator that already
has figures is never changed in meaning: the change makes a new edition.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.accounts.roles import Role
from lanhmanh.accounts.scope import units_of
from lanhmanh.core.concurrency import version_claim
from lanhmanh.core.text import nfc
from lanhmanh.geography.models import AdministrativeUnit

from .models import MEANING_FIELDS, CategoryOption, CategorySet, Indicator, Source
from .registry import entered_figures, parameters_of, registered_codes

STALE = _(
    "Mục này đã được người khác sửa trong lúc bạn đang sửa. Thay đổi của bạn chưa được lưu: "
    "hãy tải lại trang để xem bản mới nhất."
)
NOT_CONFIGURER = _("Chỉ quản trị viên của đơn vị sở hữu mới được sửa danh mục này.")
CODE_TAKEN = _("Mã “%(code)s” đã được dùng.")
OPTION_HAS_FIGURES = _("Không bỏ được lựa chọn “%(option)s”: đã có số liệu theo lựa chọn này.")
NO_OPTIONS = _("Phân tổ cần ít nhất hai lựa chọn.")
DUPLICATE_OPTION = _("Lựa chọn “%(option)s” bị trùng mã.")
UNKNOWN_COMPUTATION = _("Phép tính “%(code)s” chưa được đăng ký.")
UNKNOWN_PARAMETER = _("Phép tính “%(code)s” không nhận tham số: %(names)s.")
COMPUTATION_FOR_ENTERED = _("Chỉ số nhập qua biểu mẫu không có phép tính.")
OLD_EDITION = _("Đây là lần ban hành cũ, không sửa được.")

INDICATOR_FIELDS = (
    "name",
    "name_en",
    "topic",
    "order",
    "active",
    "valid_from",
    "valid_to",
    *MEANING_FIELDS,
)


def configurer_units(user) -> list[str]:
    """Paths of the units the user administers (empty for everyone else)."""
    if not user.is_authenticated or not user.is_active:
        return []
    return [unit.path for unit in units_of(user, roles={Role.ADMINISTRATOR})]


def can_configure(user, owner: AdministrativeUnit | None = None) -> bool:
    """May ``user`` change rows owned by ``owner`` (None: the national catalogue)?"""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return True
    if owner is None:
        return False
    return any(owner.path.startswith(path) for path in configurer_units(user))


def may_configure_anything(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or configurer_units(user)))


def owner_for(user) -> AdministrativeUnit | None:
    """Where a new row of ``user`` belongs: nowhere (national) for the national
    administrator, else the first unit they administer."""
    if user.is_superuser:
        return None
    paths = configurer_units(user)
    if not paths:
        raise PermissionDenied(NOT_CONFIGURER)
    return AdministrativeUnit.objects.get(path=sorted(paths, key=len)[0])


def require_configure(user, owner) -> None:
    if not can_configure(user, owner):
        raise PermissionDenied(NOT_CONFIGURER)


def _claim(model, obj, version) -> None:
    """Bump the row's version if nobody else did since ``version`` was read (None: an
    internal caller, the version in hand); a stale one is refused with both versions."""
    version_claim(obj, obj.version if version is None else version)


# --- breakdowns --------------------------------------------------------------------------


def _clean_options(options) -> list[tuple[str, str, str]]:
    cleaned, seen = [], set()
    for option in options:
        code, name, *rest = [*option, ""]
        code, name = nfc(str(code)).strip(), nfc(str(name)).strip()
        if not code and not name:
            continue
        if code in seen:
            raise ValidationError({"options": DUPLICATE_OPTION % {"option": code}})
        seen.add(code)
        cleaned.append((code, name, nfc(str(rest[0] if rest else "")).strip()))
    if len(cleaned) < 2:
        raise ValidationError({"options": NO_OPTIONS})
    return cleaned


@transaction.atomic
def category_set_save(
    *,
    user,
    code: str,
    name: str,
    options,
    name_en: str = "",
    order: int = 0,
    category_set: CategorySet | None = None,
    version: int | None = None,
) -> CategorySet:
    """Create a breakdown, or change one: its names and options; an option that figures
    were entered against cannot be dropped (its code is kept, only its label changes)."""
    figures = entered_figures().model
    options = _clean_options(options)
    if category_set is None:
        category_set = CategorySet(owner=owner_for(user))
        require_configure(user, category_set.owner)
        if CategorySet.objects.filter(code=code).exists():
            raise ValidationError({"code": CODE_TAKEN % {"code": code}})
        category_set.code = code
    else:
        require_configure(user, category_set.owner)
        _claim(CategorySet, category_set, version)
    category_set.name, category_set.name_en, category_set.order = nfc(name), name_en, order
    category_set.full_clean()
    category_set.save()
    kept = {c for c, _n, _e in options}
    for gone in category_set.options.exclude(code__in=kept):
        key = f"{category_set.code}:{gone.code}"
        if figures.objects.filter(disaggregation=key).exists():
            raise ValidationError({"options": OPTION_HAS_FIGURES % {"option": gone.name}})
        gone.delete()
    existing = {o.code: o for o in category_set.options.all()}
    for position, (option_code, label, label_en) in enumerate(options):
        option = existing.get(option_code) or CategoryOption(
            category_set=category_set, code=option_code
        )
        if option.pk is None or (option.name, option.name_en, option.order) != (
            label,
            label_en,
            position,
        ):
            option.name, option.name_en, option.order = label, label_en, position
            option.full_clean()
            option.save()
    return category_set


# --- indicators --------------------------------------------------------------------------


def _check_source(indicator: Indicator) -> None:
    if indicator.source == Source.ENTERED:
        if indicator.computation or indicator.parameters:
            raise ValidationError({"computation": COMPUTATION_FOR_ENTERED})
        return
    code = indicator.computation_code
    if indicator.computation and code not in registered_codes():
        raise ValidationError({"computation": UNKNOWN_COMPUTATION % {"code": code}})
    extra = sorted(set(indicator.parameters or {}) - set(parameters_of(code)))
    if extra:
        raise ValidationError(
            {"parameters": UNKNOWN_PARAMETER % {"code": code, "names": ", ".join(extra)}}
        )


def has_figures(indicator: Indicator) -> bool:
    return entered_figures().model.objects.filter(indicator=indicator).exists()


@transaction.atomic
def indicator_create(*, user, code: str, **fields) -> Indicator:
    """A new indicator of the user's catalogue (national or their province's)."""
    owner = fields.pop("owner", None) if user.is_superuser else owner_for(user)
    require_configure(user, owner)
    if Indicator.objects.filter(code=code).exists():
        raise ValidationError({"code": CODE_TAKEN % {"code": code}})
    indicator = Indicator(code=code, owner=owner, **_only(fields))
    indicator.name = nfc(indicator.name)
    indicator.full_clean()
    _check_source(indicator)
    indicator.save()
    return indicator


def _only(fields: dict) -> dict:
    return {k: v for k, v in fields.items() if k in INDICATOR_FIELDS}


@transaction.atomic
def indicator_update(
    *, indicator: Indicator, user, version: int | None = None, on=None, **fields
) -> Indicator:
    """Change an indicator. A change of meaning (``MEANING_FIELDS``) of an indicator that
    has figures makes a new edition valid from ``on`` (today): the old edition ends the day
    before and keeps its figures. Returns the row now current."""
    require_configure(user, indicator.owner)
    if not indicator.current:
        raise ValidationError(OLD_EDITION)
    fields = _only(fields)
    _claim(Indicator, indicator, version)
    changed = {k for k, v in fields.items() if getattr(indicator, k) != v}
    meaning = changed & set(MEANING_FIELDS)
    if meaning and has_figures(indicator):
        return _new_edition(indicator, fields, on or timezone.localdate())
    for key, value in fields.items():
        setattr(indicator, key, value)
    indicator.full_clean()
    _check_source(indicator)
    indicator.save()
    return indicator


def _new_edition(old: Indicator, fields: dict, on: datetime.date) -> Indicator:
    last = Indicator.objects.filter(code=old.code).aggregate(m=Max("edition"))["m"] or 1
    new = Indicator(
        **{f: getattr(old, f) for f in ("code", "owner", *INDICATOR_FIELDS)},
    )
    for key, value in fields.items():
        setattr(new, key, value)
    new.edition, new.previous, new.current = last + 1, old, True
    new.valid_from = max(on, new.valid_from or on)
    old.current = False
    if old.valid_to is None or old.valid_to >= new.valid_from:
        old.valid_to = new.valid_from - datetime.timedelta(days=1)
    old.save(update_fields=["current", "valid_to", "version"])
    new.full_clean(validate_constraints=False)
    _check_source(new)
    new.save()
    return new
