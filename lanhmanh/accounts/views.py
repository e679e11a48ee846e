"""User administration: accounts and memberships, for administrators (module USERS).

A user without the module, or outside the scope, gets 404 like for a missing page; an
administrator who sees an account but may not change it (it also belongs to units
outside their scope) gets 403.
"""

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lanhmanh.core.audit import AuditAction, audited
from lanhmanh.core.concurrency import add_version
from lanhmanh.core.text import fold
from lanhmanh.organizations.models import Agency

from . import services
from .forms import MembershipForm, PasswordSetForm, UserCreateForm, UserUpdateForm, unit_label
from .models import Membership, User
from .permissions import can_write
from .roles import Module
from .scope import get_visible_or_404, require_module

PAGE_SIZE = 50
AUDIT_ENTRIES = 20
OPTIONS_LIMIT = 30


def _require_module(request) -> None:
    require_module(request.user, Module.USERS)


def _visible_user(request, pk) -> User:
    _require_module(request)
    return get_visible_or_404(User, request.user, pk=pk)


def _manageable_user(request, pk) -> User:
    user = _visible_user(request, pk)
    if not can_write(request.user, Module.USERS):
        raise PermissionDenied
    if not services.user_manageable_by(request.user, user):
        raise PermissionDenied
    return user


def _scoped_memberships(admin):
    return (
        services.memberships_managed_by(admin)
        .select_related("unit", "unit__parent", "agency")
        .order_by("valid_to", "unit__path")
    )


def user_list(request):
    _require_module(request)
    users = User.objects.visible_to(request.user).prefetch_related(
        Prefetch("memberships", _scoped_memberships(request.user), to_attr="scoped_memberships")
    )
    query = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    if status in ("active", "inactive"):
        users = users.filter(is_active=status == "active")
    if query:
        users = users.filter(pk__in=_matching_user_ids(users, query))
    page = Paginator(users.order_by("username"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/user_list.html",
        {
            "page": page,
            "query": query,
            "status": status,
            "can_create": can_write(request.user, Module.USERS),
            "title": _("Người dùng"),
        },
    )


def _matching_user_ids(users, query: str) -> list[int]:
    """Diacritic-insensitive search on username and full name ('hoa' finds 'Hòa'). The
    user table has no folded column, so names are folded here: one light query over the
    visible users, which are a province's staff at most."""
    key = fold(query)
    rows = users.values_list("pk", "username", "full_name")
    return [pk for pk, username, full_name in rows if key in fold(f"{username} {full_name}")]


@audited(AuditAction.READ)
def user_detail(request, pk):
    user = _visible_user(request, pk)
    memberships = list(_scoped_memberships(request.user).filter(user=user))
    return render(
        request,
        "accounts/user_detail.html",
        {
            "subject": user,
            "memberships": memberships,
            "hidden_memberships": user.memberships.count() - len(memberships),
            "can_manage": can_write(request.user, Module.USERS)
            and services.user_manageable_by(request.user, user),
            "can_grant": can_write(request.user, Module.USERS),
            "audit": _audit_rows(user),
            "title": str(user),
        },
    )


_ACTIONS = {
    LogEntry.Action.CREATE: gettext_lazy("Tạo"),
    LogEntry.Action.UPDATE: gettext_lazy("Sửa"),
    LogEntry.Action.DELETE: gettext_lazy("Xóa"),
    LogEntry.Action.ACCESS: gettext_lazy("Truy cập"),
}
_EVENTS = {"login": gettext_lazy("Đăng nhập"), "logout": gettext_lazy("Đăng xuất")}


def _audit_rows(user: User) -> list[dict]:
    """The last entries about the account and its memberships, and those it made."""
    user_type = ContentType.objects.get_for_model(User)
    membership_type = ContentType.objects.get_for_model(Membership)
    membership_ids = [str(pk) for pk in user.memberships.values_list("pk", flat=True)]
    entries = (
        LogEntry.objects.filter(
            Q(content_type=user_type, object_pk=str(user.pk))
            | Q(content_type=membership_type, object_pk__in=membership_ids)
            | Q(actor=user)
        )
        .select_related("actor", "content_type")
        .order_by("-timestamp")[:AUDIT_ENTRIES]
    )
    return [
        {
            "timestamp": entry.timestamp,
            "actor": entry.actor,
            "action": _ACTIONS.get(entry.action, ""),
            "object": entry.object_repr,
            "changes": _changes(entry),
        }
        for entry in entries
    ]


def _changes(entry) -> list[str]:
    """'field: old → new' for updates, with the field's Vietnamese name and the choice's
    label, never code names; a creation or deletion is said by its action alone."""
    changes = entry.changes_dict or {}
    if "event" in changes:
        return [str(_EVENTS.get(changes["event"], changes["event"]))]
    if entry.action != LogEntry.Action.UPDATE:
        return []
    model = entry.content_type.model_class()
    lines = []
    for name, values in changes.items():
        try:
            field = model._meta.get_field(name) if model else None
        except FieldDoesNotExist:
            field = None
        if field is not None and not field.concrete:
            continue
        label = getattr(field, "verbose_name", name)
        choices = dict(getattr(field, "flatchoices", None) or ())
        if isinstance(values, list | tuple) and len(values) == 2:
            old, new = (choices.get(v, v) for v in values)
            lines.append(f"{label}: {old} → {new}")
        else:
            lines.append(str(label))
    return lines


def user_create(request):
    _require_module(request)
    if not can_write(request.user, Module.USERS):
        raise PermissionDenied
    form = UserCreateForm(request.POST or None, admin=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        password = form.typed_password or services.password_generate()
        try:
            user = services.user_create(
                by=request.user,
                password=password,
                **{
                    k: data[k]
                    for k in (
                        *("username", "full_name", "position", "phone", "email"),
                        *("unit", "agency", "role", "valid_from", "valid_to"),
                    )
                },
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã tạo tài khoản %(name)s.") % {"name": user.username})
            if form.typed_password:
                return redirect("accounts:user_detail", pk=user.pk)
            return _show_password_once(request, user, password)
    return render(
        request,
        "accounts/user_form.html",
        {"form": form, "title": _("Thêm người dùng")},
    )


def _show_password_once(request, user, password):
    # Rendered straight from the POST, never stored (not even in the session): once
    # this page is closed, nobody can read the password again.
    response = render(
        request,
        "accounts/password_shown.html",
        {"subject": user, "password": password, "title": _("Mật khẩu mới")},
    )
    response["Cache-Control"] = "no-store"
    return response


def user_update(request, pk):
    user = _manageable_user(request, pk)
    initial = {name: getattr(user, name) for name in services.EDITABLE_FIELDS}
    form = add_version(UserUpdateForm(request.POST or None, initial=initial), user)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(by=request.user, user=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("accounts:user_detail", pk=user.pk)
    return render(
        request,
        "accounts/user_form.html",
        {"form": form, "subject": user, "title": _("Sửa thông tin người dùng")},
    )


def user_deactivate(request, pk):
    """GET: confirm; POST: lock the account (it keeps its history)."""
    user = _manageable_user(request, pk)
    if request.method == "POST":
        try:
            services.user_deactivate(by=request.user, user=user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã khóa tài khoản %(name)s.") % {"name": user.username})
        return redirect("accounts:user_detail", pk=user.pk)
    return render(
        request,
        "accounts/user_confirm_deactivate.html",
        {"subject": user, "title": _("Khóa tài khoản")},
    )


@require_POST
def user_reactivate(request, pk):
    user = _manageable_user(request, pk)
    services.user_reactivate(by=request.user, user=user)
    messages.success(request, _("Đã mở khóa tài khoản %(name)s.") % {"name": user.username})
    return redirect("accounts:user_detail", pk=user.pk)


def user_password(request, pk):
    user = _manageable_user(request, pk)
    form = PasswordSetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        password = form.typed_password or services.password_generate()
        try:
            services.user_set_password(by=request.user, user=user, password=password)
        except ValidationError as error:
            form.add_error("password1", error)
        else:
            if form.typed_password:
                messages.success(request, _("Đã đặt mật khẩu mới."))
                return redirect("accounts:user_detail", pk=user.pk)
            return _show_password_once(request, user, password)
    return render(
        request,
        "accounts/user_password.html",
        {"form": form, "subject": user, "title": _("Đặt lại mật khẩu")},
    )


def membership_add(request, pk):
    user = _visible_user(request, pk)
    if not can_write(request.user, Module.USERS):
        raise PermissionDenied
    if user.is_superuser and not request.user.is_superuser:
        raise PermissionDenied
    form = MembershipForm(request.POST or None, admin=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_add(by=request.user, user=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã thêm phân quyền."))
            return redirect("accounts:user_detail", pk=user.pk)
    return render(
        request,
        "accounts/membership_form.html",
        {"form": form, "subject": user, "title": _("Thêm phân quyền")},
    )


def membership_end(request, pk):
    """GET: confirm; POST: end the membership (or remove it if it never took effect)."""
    _require_module(request)
    membership = get_object_or_404(_scoped_memberships(request.user).select_related("user"), pk=pk)
    if not can_write(request.user, Module.USERS):
        raise PermissionDenied
    user = membership.user
    if request.method == "POST":
        ended = services.membership_end(by=request.user, membership=membership)
        if ended is None:
            messages.success(request, _("Đã xóa phân quyền chưa có hiệu lực."))
        else:
            messages.success(request, _("Đã kết thúc phân quyền."))
        if User.objects.visible_to(request.user).filter(pk=user.pk).exists():
            return redirect("accounts:user_detail", pk=user.pk)
        return redirect("accounts:user_list")
    return render(
        request,
        "accounts/membership_confirm_end.html",
        {"membership": membership, "subject": user, "title": _("Kết thúc phân quyền")},
    )


def unit_options(request):
    """htmx: <option>s of the units the administrator may grant, matching a search."""
    _require_module(request)
    query = request.GET.get("unit_q", "").strip()
    units = services.grantable_units(request.user).search(query)
    if not request.GET.get("historic"):
        units = units.current()
    units = units.select_related("parent").order_by("level", "path")[:OPTIONS_LIMIT]
    return render(
        request,
        "accounts/_options.html",
        {
            "options": [(u.pk, unit_label(u)) for u in units],
            "empty_label": _("— Chọn đơn vị —"),
        },
    )


def agency_options(request):
    """htmx: <option>s of the agencies of the chosen unit and the units under it."""
    _require_module(request)
    value = request.GET.get("unit", "")
    units = services.grantable_units(request.user)
    unit = units.filter(pk=value).first() if value.isdigit() else None
    agencies = (
        Agency.objects.visible_to(request.user, module=Module.USERS)
        .within(unit)
        .filter(is_active=True)
        .select_related("unit")
        if unit
        else []
    )
    return render(
        request,
        "accounts/_options.html",
        {
            "options": [(a.pk, f"{a} — {a.unit}") for a in agencies],
            "empty_label": _("— Không gắn với cơ quan —"),
        },
    )
