"""Roles and the modules each role opens. Roles are fixed by the programme's rules; the
units and agencies they apply to are data (memberships)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Quản trị viên")
    COORDINATOR = "coordinator", _("Cán bộ điều phối chương trình")
    DATA_OFFICER = "data_officer", _("Cán bộ nhập liệu, báo cáo")
    INSPECTOR = "inspector", _("Thành viên đội kiểm tra")
    TIP_HANDLER = "tip_handler", _("Cán bộ tiếp nhận tin báo")
    SOCIAL_WORKER = "social_worker", _("Nhân viên công tác xã hội")
    LEADER = "leader", _("Lãnh đạo (chỉ xem)")
    # Police, procuracy and court officers: which body they act for is the agency of
    # their membership, so each advances only its own body's stages of a case.
    ENFORCEMENT_OFFICER = "enforcement_officer", _("Cán bộ xử lý vi phạm")


class Module(models.TextChoices):
    ORGANIZATION = "organization", _("Đơn vị, cơ quan")
    USERS = "users", _("Người dùng")
    PLANS = "plans", _("Kế hoạch")
    REPORTING = "reporting", _("Báo cáo")
    INSPECTIONS = "inspections", _("Kiểm tra")
    TIPS = "tips", _("Tin báo")
    SUPPORT = "support", _("Hỗ trợ")
    ACTIVITIES = "activities", _("Hoạt động")
    ASSESSMENTS = "assessments", _("Đánh giá xã, phường lành mạnh")
    COMMITTEE = "committee", _("Ban chỉ đạo")
    ENFORCEMENT = "enforcement", _("Xử lý vi phạm, vụ án")


# What each role may read; LEADER reads but never writes (WRITERS below).
ROLE_MODULES: dict[str, frozenset[str]] = {
    Role.ADMINISTRATOR: frozenset(Module.values),
    Role.COORDINATOR: frozenset(
        {
            Module.ORGANIZATION,
            Module.PLANS,
            Module.REPORTING,
            Module.INSPECTIONS,
            Module.ACTIVITIES,
            Module.ASSESSMENTS,
            Module.COMMITTEE,
            Module.ENFORCEMENT,
        }
    ),
    Role.DATA_OFFICER: frozenset(
        {
            Module.ORGANIZATION,
            Module.PLANS,
            Module.REPORTING,
            Module.ACTIVITIES,
            Module.ASSESSMENTS,
        }
    ),
    Role.INSPECTOR: frozenset({Module.ORGANIZATION, Module.INSPECTIONS}),
    Role.TIP_HANDLER: frozenset({Module.ORGANIZATION, Module.TIPS}),
    Role.SOCIAL_WORKER: frozenset({Module.ORGANIZATION, Module.SUPPORT}),
    Role.ENFORCEMENT_OFFICER: frozenset({Module.ORGANIZATION, Module.ENFORCEMENT}),
    Role.LEADER: frozenset(
        {
            Module.ORGANIZATION,
            Module.PLANS,
            Module.REPORTING,
            Module.INSPECTIONS,
            Module.ACTIVITIES,
            Module.ASSESSMENTS,
            Module.COMMITTEE,
            Module.ENFORCEMENT,
        }
    ),
}
WRITERS: dict[str, frozenset[str]] = {
    role: (frozenset() if role == Role.LEADER else modules - {Module.USERS})
    for role, modules in ROLE_MODULES.items()
}
WRITERS[Role.ADMINISTRATOR] = ROLE_MODULES[Role.ADMINISTRATOR]
# Who reviews what others wrote: a coordinator (or administrator) approves the reports of
# the units below theirs and follows every task of their units' plans.
REVIEWERS: dict[str, frozenset[str]] = {
    Role.ADMINISTRATOR: frozenset({Module.PLANS, Module.REPORTING, Module.ASSESSMENTS}),
    Role.COORDINATOR: frozenset({Module.PLANS, Module.REPORTING, Module.ASSESSMENTS}),
}
