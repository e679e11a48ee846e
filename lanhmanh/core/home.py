"""The home page's entry points: the main pages of the modules the user's roles open,
shown under the to-dos so no home page is ever empty."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from lanhmanh.accounts.permissions import can_read, can_write
from lanhmanh.accounts.roles import Module
from lanhmanh.accounts.scope import REVIEW, WRITE, agencies_of, can


@dataclass(frozen=True)
class Entry:
    label: str
    url: str
    primary: bool = False


def _overview_url() -> str:
    return reverse("overview:index")


def entries(user) -> list[Entry]:
    found: list[Entry] = []
    add = found.append
    reads_reports = can(user, Module.REPORTING)
    if reads_reports and not can(user, Module.REPORTING, WRITE):
        add(Entry(_("Tổng quan chương trình"), _overview_url(), primary=True))
    if can(user, Module.REPORTING, WRITE):
        add(Entry(_("Báo cáo của tôi"), reverse("reporting:my_reports"), primary=True))
    if can(user, Module.REPORTING, REVIEW):
        add(Entry(_("Tiếp nhận báo cáo"), reverse("reporting:review_list"), primary=True))
    if reads_reports and can(user, Module.REPORTING, WRITE):
        add(Entry(_("Bảng số liệu"), _overview_url()))
    if can(user, Module.PLANS):
        add(Entry(_("Kế hoạch"), reverse("plans:plan_list"), primary=True))
        if agencies_of(user, Module.PLANS):
            add(Entry(_("Nhiệm vụ của tôi"), reverse("plans:my_tasks")))
    if can(user, Module.INSPECTIONS):
        add(Entry(_("Cơ sở kinh doanh"), reverse("inspections:establishment_list"), primary=True))
        add(Entry(_("Tụ điểm"), reverse("inspections:hotspot_list")))
    if can_read(user, Module.TIPS):
        add(Entry(_("Tin báo, tố giác"), reverse("tips:tip_list"), primary=True))
        if can_write(user, Module.TIPS):
            add(Entry(_("Ghi nhận tin báo"), reverse("tips:tip_create")))
    if can(user, Module.SUPPORT):
        add(Entry(_("Ca hỗ trợ"), reverse("support:case_list"), primary=True))
    elif reads_reports:
        add(Entry(_("Số liệu hỗ trợ"), reverse("support:overview")))
    if can(user, Module.ACTIVITIES):
        add(Entry(_("Hoạt động"), reverse("activities:activity_list"), primary=True))
    if can(user, Module.ASSESSMENTS):
        add(Entry(_("Xã, phường lành mạnh"), reverse("assessments:assessment_list")))
    if can(user, Module.COMMITTEE):
        add(Entry(_("Ban chỉ đạo"), reverse("committees:index")))
    if can(user, Module.ENFORCEMENT):
        primary = not can(user, Module.REPORTING)
        add(Entry(_("Vụ án"), reverse("cases:case_list"), primary=primary))
        add(Entry(_("Xử phạt hành chính"), reverse("sanctions:decision_list"), primary=primary))
    if can(user, Module.USERS):
        add(Entry(_("Người dùng"), reverse("accounts:user_list")))
    add(Entry(_("Đơn vị hành chính"), reverse("geography:unit_list")))
    add(Entry(_("Cơ quan"), reverse("organizations:agency_list")))
    return found
