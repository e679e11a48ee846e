"""Demo data: a believable programme for tỉnh Thanh Hóa across the 1 July 2025 reform.

Built on units already loaded (``manage.py load_units``): before the reform the old
province and three of its districts with their agencies (labour offices coordinate),
after it the new province and six of its communes, picked among the successors of the
old districts' communes (health and the commune's culture-social office coordinate).
Team 178 of the province and of one commune, and one demo account per role.

Everything is fetched or created, so running it twice changes nothing but the demo
accounts' passwords, which are new random ones on every run and are only ever returned
to the caller (the ``demo`` command prints them), never stored in the repository.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from lanhmanh.accounts.models import User
from lanhmanh.accounts.roles import Role
from lanhmanh.accounts.scope import memberships_of
from lanhmanh.accounts.services import membership_add, password_generate
from lanhmanh.activities.demo import activities_demo_build
from lanhmanh.assessments.demo import assessments_demo_build
from lanhmanh.cases.demo import cases_demo_build
from lanhmanh.committees.demo import committees_demo_build
from lanhmanh.geography.models import AdministrativeUnit, Level, Scheme
from lanhmanh.inspections.demo import inspections_demo_build
from lanhmanh.organizations.models import Agency, InspectionTeam, TeamRole
from lanhmanh.organizations.services import (
    agencies_create_usual,
    team_create,
    team_member_add,
    unit_label,
)
from lanhmanh.overview.demo import build as overview_demo_build
from lanhmanh.plans.demo import current_plan_demo_build, plans_demo_build, seeds_dir_find
from lanhmanh.plans.models import Plan
from lanhmanh.reporting.demo import reporting_demo_build
from lanhmanh.sanctions.demo import sanctions_demo_build
from lanhmanh.support.demo import support_demo_build
from lanhmanh.tips.demo import tips_demo_build

PROVINCE_CODE = "38"  # Thanh Hóa: the same code before and after the reform
# (kind, name) of the old districts shown; codes differ between data sets, names do not.
OLD_DISTRICTS = [("thanh_pho", "Thanh Hóa"), ("huyen", "Quảng Xương"), ("thanh_pho", "Sầm Sơn")]
NEW_COMMUNE_COUNT = 6
OLD_AGENCIES_ON = datetime.date(2021, 1, 1)
NEW_AGENCIES_ON = datetime.date(2026, 1, 1)

ERROR_NO_UNITS = (
    "Chưa có đơn vị hành chính của tỉnh Thanh Hóa (mã 38) trước và sau 01/07/2025. "
    "Hãy chạy `python manage.py load_units` trước."
)

SUPERUSER = "demo_admin"
# (username, role, where: 'province' or 'commune', agency sector, full name, position)
ACCOUNTS = [
    ("demo_administrator", Role.ADMINISTRATOR, "province", None, "Nguyễn Thị Hoa", "Quản trị viên"),
    ("demo_coordinator", Role.COORDINATOR, "province", "health", "Lê Văn Minh", "Chuyên viên"),
    ("demo_data_officer", Role.DATA_OFFICER, "commune", "culture", "Phạm Thị Lan", "Công chức"),
    ("demo_inspector", Role.INSPECTOR, "province", "police", "Trịnh Văn Dũng", "Thanh tra viên"),
    ("demo_tip_handler", Role.TIP_HANDLER, "province", "police", "Hoàng Thị Mai", "Cán bộ"),
    ("demo_social_worker", Role.SOCIAL_WORKER, "province", "health", "Đỗ Thị Thu", "Chuyên viên"),
    ("demo_enforcement_officer", Role.ENFORCEMENT_OFFICER, "province", "police",
     "Bùi Văn Tùng", "Điều tra viên"),
    ("demo_procuracy_officer", Role.ENFORCEMENT_OFFICER, "province", "procuracy",
     "Đặng Thị Ngọc", "Kiểm sát viên"),
    ("demo_court_officer", Role.ENFORCEMENT_OFFICER, "province", "court",
     "Vũ Minh Khôi", "Thẩm phán"),
    ("demo_leader", Role.LEADER, "province", "people_committee", "Lê Đức Thắng", "Phó Chủ tịch"),
]  # fmt: skip

# Team 178 of the province: (sector codes in order of preference, name, role, card number).
# After the reform labour and social affairs sit with home affairs, hence the fallback.
PROVINCE_TEAM = [
    (("health",), "Nguyễn Văn Thành", TeamRole.LEADER, "178-TH-001"),
    (("police",), "Lê Quang Huy", TeamRole.DEPUTY, "178-TH-002"),
    (("culture",), "Trần Thị Hương", TeamRole.DEPUTY, "178-TH-003"),
    (("police",), "Vũ Đình Long", TeamRole.MEMBER, "178-TH-004"),
    (("health",), "Mai Thị Ngọc", TeamRole.MEMBER, "178-TH-005"),
    (("home_affairs", "labour"), "Lường Văn Sơn", TeamRole.MEMBER, "178-TH-006"),
]
COMMUNE_TEAM = [
    (("police",), "Cao Văn Bình", TeamRole.LEADER, "178-X-001"),
    (("culture", "labour"), "Lê Thị Yến", TeamRole.DEPUTY, "178-X-002"),
    (("health",), "Hà Văn Tùng", TeamRole.MEMBER, "178-X-003"),
]


class DemoError(Exception):
    pass


@dataclass
class DemoAccount:
    username: str
    password: str
    role: str
    unit: AdministrativeUnit | None


@dataclass
class Demo:
    old_province: AdministrativeUnit
    province: AdministrativeUnit
    old_districts: list[AdministrativeUnit]
    communes: list[AdministrativeUnit]
    team: InspectionTeam
    commune_team: InspectionTeam
    accounts: list[DemoAccount] = field(default_factory=list)


@dataclass
class DemoContent:
    """What the programme's modules hold for the demo province, counted for the command."""

    seed_plans: int | None  # None: the folder of sample documents was not found
    current_plan: Plan
    submissions: int
    establishments: int
    inspections: int
    hotspots: int


@transaction.atomic
def demo_build(*, make_password: Callable[[], str] = password_generate) -> Demo:
    old_province, province = _provinces()
    old_districts = _old_districts(old_province)
    communes = _new_communes(province, old_districts)

    for unit in [old_province, *old_districts]:
        agencies_create_usual(unit=unit, on=OLD_AGENCIES_ON)
    for unit in [province, *communes]:
        agencies_create_usual(unit=unit, on=NEW_AGENCIES_ON)

    demo = Demo(
        old_province=old_province,
        province=province,
        old_districts=old_districts,
        communes=communes,
        team=_team(province, PROVINCE_TEAM, "2150/QĐ-UBND", datetime.date(2025, 9, 15)),
        commune_team=_team(communes[0], COMMUNE_TEAM, "85/QĐ-UBND", datetime.date(2025, 10, 1)),
    )
    demo.accounts = _accounts(province, communes[0], make_password)
    return demo


def demo_content_build(demo: Demo, *, today: datetime.date | None = None) -> DemoContent:
    """Plans, reports and inspections for the units of ``demo``: the sample plan documents,
    this year's plan of the province, two years of reports, the register of establishments
    with a year of inspections, and hotspots. Each part finds what an earlier run made."""
    today = today or timezone.localdate()
    admin = User.objects.filter(username=SUPERUSER).first()
    seeds = plans_demo_build(None, user=admin) if seeds_dir_find() else None
    current = current_plan_demo_build(demo.province, today.year, user=admin)
    reports = reporting_demo_build(
        demo.province, demo.communes, years=(today.year - 1, today.year), today=today
    )
    inspections = inspections_demo_build(demo.province, demo.communes, demo.team)
    tips_demo_build(demo.province, demo.communes, demo.team)
    support_demo_build(demo.province, demo.communes, today=today)
    activities_demo_build(demo.province, demo.communes, current, today=today)
    sanctions_demo_build(demo.province, demo.communes, today=today)
    committees_demo_build(demo.province, demo.communes, current, today=today, user=admin)
    assessments_demo_build(demo.province, demo.communes, today=today)
    cases_demo_build(demo.province, demo.communes, today=today)
    overview_demo_build()
    return DemoContent(
        seed_plans=None if seeds is None else len(seeds),
        current_plan=current,
        submissions=reports.submissions,
        establishments=inspections.establishments,
        inspections=inspections.inspections,
        hotspots=inspections.hotspots,
    )


def _provinces() -> tuple[AdministrativeUnit, AdministrativeUnit]:
    found = {
        u.scheme: u
        for u in AdministrativeUnit.objects.filter(level=Level.PROVINCE, code=PROVINCE_CODE)
    }
    if Scheme.LEGACY not in found or Scheme.CURRENT not in found:
        raise DemoError(ERROR_NO_UNITS)
    return found[Scheme.LEGACY], found[Scheme.CURRENT]


def _old_districts(old_province) -> list[AdministrativeUnit]:
    districts = {(d.kind, d.name): d for d in old_province.children.all()}
    return [districts[key] for key in OLD_DISTRICTS if key in districts]


def _new_communes(province, old_districts) -> list[AdministrativeUnit]:
    """Successors of the old districts' communes, taken in turn from each district so the
    demo spans several of them; topped up with other communes if the data has no changes."""
    picked: list[AdministrativeUnit] = []
    per_district = [
        list(
            AdministrativeUnit.objects.subtree_of(province)
            .filter(changes_in__predecessor__parent=district)
            .distinct()
            .order_by("path")
        )
        for district in old_districts
    ]
    while len(picked) < NEW_COMMUNE_COUNT and any(per_district):
        for successors in per_district:
            while successors:
                unit = successors.pop(0)
                if unit not in picked:
                    picked.append(unit)
                    break
    if len(picked) < NEW_COMMUNE_COUNT:
        others = (
            AdministrativeUnit.objects.subtree_of(province)
            .filter(level=Level.COMMUNE)
            .exclude(pk__in=[u.pk for u in picked])
            .order_by("path")
        )
        picked += list(others[: NEW_COMMUNE_COUNT - len(picked)])
    if not picked:
        raise DemoError(ERROR_NO_UNITS)
    return picked[:NEW_COMMUNE_COUNT]


def _agency(unit, sector_codes) -> Agency | None:
    for code in sector_codes:
        agency = Agency.objects.filter(unit=unit, sector__code=code).order_by("pk").first()
        if agency:
            return agency
    return None


def _team(unit, members, decision_number, established_on) -> InspectionTeam:
    name = f"Đội kiểm tra liên ngành 178 {unit_label(unit)}"
    team = InspectionTeam.objects.filter(unit=unit, name=name).first() or team_create(
        unit=unit, name=name, decision_number=decision_number, established_on=established_on
    )
    present = set(team.members.values_list("full_name", flat=True))
    has_leader = team.members.filter(role=TeamRole.LEADER).exists()
    for sector_codes, full_name, role, card_number in members:
        agency = _agency(unit, sector_codes)
        # A team someone set up before keeps its own leader.
        if full_name in present or agency is None or (role == TeamRole.LEADER and has_leader):
            continue
        team_member_add(
            team=team, agency=agency, role=role, full_name=full_name, card_number=card_number
        )
    return team


def _accounts(province, commune, make_password) -> list[DemoAccount]:
    from axes.models import AccessAttempt

    password = make_password()
    admin = _user(SUPERUSER, password, full_name="Quản trị toàn quốc (demo)", is_superuser=True)
    accounts = [DemoAccount(SUPERUSER, password, "superuser", None)]
    for username, role, where, sector, full_name, position in ACCOUNTS:
        unit = province if where == "province" else commune
        password = make_password()
        user = _user(username, password, full_name=full_name, position=position)
        if not any(m.unit_id == unit.pk and m.role == role for m in memberships_of(user)):
            agency = _agency(unit, [sector]) if sector else None
            # The province's social worker supervises the support cases of the province.
            supervises = role == Role.SOCIAL_WORKER
            membership_add(
                by=admin, user=user, unit=unit, role=role, agency=agency, supervises=supervises
            )
        accounts.append(DemoAccount(username, password, role, unit))
    # A reset password should work at once, even after a lockout.
    AccessAttempt.objects.filter(username__in=[a.username for a in accounts]).delete()
    return accounts


def _user(username, password, *, is_superuser=False, **details) -> User:
    # Demo accounts are the one place a superuser is made in code: by the command, in
    # development, with a password nobody chose.
    # An address so the reminders of `send_reminders` reach someone (the console, in the
    # demo); example.com is reserved and never delivers.
    details.update(
        email=f"{username}@example.com",
        is_active=True,
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    user, _ = User.objects.update_or_create(username=username, defaults=details)
    user.set_password(password)
    user.save(update_fields=["password"])
    return user
