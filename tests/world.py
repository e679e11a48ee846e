"""A small, fixed, readable world for tests.

Before 1 July 2025: tỉnh Thanh Hóa (38) with thành phố Thanh Hóa (380) and huyện Quảng
Xương (392), a few communes; tỉnh Bắc Giang (24) and tỉnh Bắc Ninh (27).
After: tỉnh Thanh Hóa (38) with phường Hạc Thành (formed from two old wards) and xã Quảng
Ngọc (formed from an old commune, part of which went elsewhere); tỉnh Bắc Ninh (24) formed
from Bắc Giang and Bắc Ninh.

Users, one per role: ``national`` (superuser), ``th_admin`` (administrator, Thanh Hóa),
``th_coordinator``, ``th_leader`` (leader, Thanh Hóa), ``hac_thanh_officer`` (data officer,
phường Hạc Thành), ``th_inspector``, ``th_tips``, ``th_social``, ``bn_coordinator``
(coordinator, Bắc Ninh: the outsider), ``nobody`` (no membership), and
``ln_officer_th_tips``: two memberships in two provinces (data officer of xã Lục Nam, Bắc
Ninh, and tip handler of the Thanh Hóa province), who must see reporting data of Lục Nam
only and Thanh Hóa only through the tips module.
"""

import datetime
from types import SimpleNamespace

from lanhmanh.accounts.models import Membership, User
from lanhmanh.accounts.roles import Role
from lanhmanh.geography.models import AdministrativeUnit, ChangeKind, Scheme, UnitChange
from lanhmanh.organizations.models import (
    Agency,
    InspectionTeam,
    Sector,
    StandingAgency,
    TeamMember,
    TeamRole,
)

REFORM = datetime.date(2025, 7, 1)
LAST_OLD_DAY = datetime.date(2025, 6, 30)
PASSWORD = "Mat-khau-thu-nghiem-2026"


def _unit(scheme, code, name, kind, level, parent=None):
    old = scheme == Scheme.LEGACY
    return AdministrativeUnit.objects.create(
        scheme=scheme,
        code=code,
        name=name,
        kind=kind,
        level=level,
        parent=parent,
        valid_from=None if old else REFORM,
        valid_to=LAST_OLD_DAY if old else None,
    )


def _change(old, new, partial=False):
    return UnitChange.objects.create(
        predecessor=old,
        successor=new,
        kind=ChangeKind.MERGE,
        effective_on=REFORM,
        partial=partial,
        legal_basis="Nghị quyết 1686/NQ-UBTVQH15",
    )


def build_world() -> SimpleNamespace:
    w = SimpleNamespace()
    L, C = Scheme.LEGACY, Scheme.CURRENT
    # Before the reform
    w.old_thanh_hoa = _unit(L, "38", "Thanh Hóa", "tinh", "province")
    w.old_tp_thanh_hoa = _unit(L, "380", "Thanh Hóa", "thanh_pho", "district", w.old_thanh_hoa)
    w.old_quang_xuong = _unit(L, "392", "Quảng Xương", "huyen", "district", w.old_thanh_hoa)
    w.old_dien_bien = _unit(L, "14755", "Điện Biên", "phuong", "commune", w.old_tp_thanh_hoa)
    w.old_lam_son = _unit(L, "14758", "Lam Sơn", "phuong", "commune", w.old_tp_thanh_hoa)
    w.old_quang_ngoc = _unit(L, "16372", "Quảng Ngọc", "xa", "commune", w.old_quang_xuong)
    w.old_bac_giang = _unit(L, "24", "Bắc Giang", "tinh", "province")
    w.old_luc_nam = _unit(L, "217", "Lục Nam", "huyen", "district", w.old_bac_giang)
    w.old_bac_ninh = _unit(L, "27", "Bắc Ninh", "tinh", "province")
    # After the reform
    w.thanh_hoa = _unit(C, "38", "Thanh Hóa", "tinh", "province")
    w.hac_thanh = _unit(C, "14755", "Hạc Thành", "phuong", "commune", w.thanh_hoa)
    w.quang_ngoc = _unit(C, "16372", "Quảng Ngọc", "xa", "commune", w.thanh_hoa)
    w.quang_binh = _unit(C, "16400", "Quảng Bình", "xa", "commune", w.thanh_hoa)
    w.bac_ninh = _unit(C, "24", "Bắc Ninh", "tinh", "province")
    w.luc_nam = _unit(C, "07500", "Lục Nam", "xa", "commune", w.bac_ninh)
    # What became what
    _change(w.old_thanh_hoa, w.thanh_hoa)
    _change(w.old_dien_bien, w.hac_thanh)
    _change(w.old_lam_son, w.hac_thanh)
    _change(w.old_quang_ngoc, w.quang_ngoc, partial=True)
    _change(w.old_quang_ngoc, w.quang_binh, partial=True)
    _change(w.old_bac_giang, w.bac_ninh)
    _change(w.old_bac_ninh, w.bac_ninh)

    sector = {s.code: s for s in Sector.objects.all()}
    w.th_health = Agency.objects.create(unit=w.thanh_hoa, sector=sector["health"], name="Sở Y tế")
    w.th_police = Agency.objects.create(
        unit=w.thanh_hoa, sector=sector["police"], name="Công an tỉnh Thanh Hóa"
    )
    w.hac_thanh_police = Agency.objects.create(
        unit=w.hac_thanh, sector=sector["police"], name="Công an phường Hạc Thành"
    )
    w.old_th_labour = Agency.objects.create(
        unit=w.old_thanh_hoa,
        sector=sector["labour"],
        name="Sở Lao động - Thương binh và Xã hội",
    )
    w.bn_health = Agency.objects.create(unit=w.bac_ninh, sector=sector["health"], name="Sở Y tế")
    StandingAgency.objects.create(unit=w.thanh_hoa, agency=w.th_health, valid_from=REFORM)
    w.th_team = InspectionTeam.objects.create(
        unit=w.thanh_hoa,
        name="Đội kiểm tra liên ngành 178 tỉnh Thanh Hóa",
        decision_number="1234/QĐ-UBND",
        established_on=datetime.date(2025, 8, 1),
    )
    TeamMember.objects.create(
        team=w.th_team, agency=w.th_health, full_name="Lê Văn An", role=TeamRole.LEADER
    )
    TeamMember.objects.create(team=w.th_team, agency=w.th_police, full_name="Trần Thị Bình")
    w.bn_team = InspectionTeam.objects.create(
        unit=w.bac_ninh, name="Đội kiểm tra liên ngành 178 tỉnh Bắc Ninh"
    )

    def user(username, role=None, unit=None, agency=None, **extra):
        u = User.objects.create_user(username=username, password=PASSWORD, **extra)
        if role:
            Membership.objects.create(user=u, unit=unit, agency=agency, role=role)
        return u

    w.national = user("national", is_superuser=True, is_staff=True)
    w.th_admin = user("th_admin", Role.ADMINISTRATOR, w.thanh_hoa)
    w.th_coordinator = user("th_coordinator", Role.COORDINATOR, w.thanh_hoa, w.th_health)
    w.th_leader = user("th_leader", Role.LEADER, w.thanh_hoa)
    w.th_inspector = user("th_inspector", Role.INSPECTOR, w.thanh_hoa, w.th_police)
    w.th_tips = user("th_tips", Role.TIP_HANDLER, w.thanh_hoa)
    w.th_social = user("th_social", Role.SOCIAL_WORKER, w.thanh_hoa)
    w.hac_thanh_officer = user(
        "hac_thanh_officer", Role.DATA_OFFICER, w.hac_thanh, w.hac_thanh_police
    )
    w.bn_coordinator = user("bn_coordinator", Role.COORDINATOR, w.bac_ninh, w.bn_health)
    w.nobody = user("nobody")
    w.ln_officer_th_tips = user("ln_officer_th_tips", Role.DATA_OFFICER, w.luc_nam)
    Membership.objects.create(user=w.ln_officer_th_tips, unit=w.thanh_hoa, role=Role.TIP_HANDLER)
    return w
