"""``manage.py demo``: Thanh Hóa across the reform, one account per role, fresh passwords."""

import datetime
import io
import re
from types import SimpleNamespace

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory, override_settings

from lanhmanh.accounts.models import Membership, User
from lanhmanh.accounts.roles import Role
from lanhmanh.core.demo import ERROR_NO_UNITS, PROVINCE_TEAM, SUPERUSER, demo_build
from lanhmanh.core.management.commands.demo import ADDRESS, ERROR_NOT_DEBUG
from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.inspections.models import Establishment
from lanhmanh.organizations.models import Agency, InspectionTeam, StandingAgency, TeamMember
from lanhmanh.plans.models import Plan
from lanhmanh.reporting.models import Submission
from tests.conftest import kept

DEMO_USERNAMES = {
    "demo_admin",
    "demo_administrator",
    "demo_coordinator",
    "demo_data_officer",
    "demo_inspector",
    "demo_tip_handler",
    "demo_social_worker",
    "demo_enforcement_officer",
    "demo_procuracy_officer",
    "demo_court_officer",
    "demo_leader",
}


def run_demo(*args):
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def printed_passwords(output):
    """{username: password} from the table the command prints."""
    rows = re.findall(r"^\| (demo_\w+) +\| (\S+) +\|", output, flags=re.MULTILINE)
    return dict(rows)


def can_log_in(username, password):
    request = RequestFactory().post("/login/")
    return authenticate(request, username=username, password=password) is not None


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def test_it_refuses_to_run_when_debug_is_off(world, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match=re.escape(ERROR_NOT_DEBUG)):
        run_demo()
    assert not User.objects.filter(username__startswith="demo_").exists()


def test_it_asks_for_the_units_first(db, debug):
    with pytest.raises(CommandError) as raised:
        run_demo()
    assert str(raised.value) == ERROR_NO_UNITS
    assert "python manage.py load_units" in ERROR_NO_UNITS


def test_standing_agencies_follow_the_reform(world, debug):
    demo = demo_build()
    # The provincial role moved on 1 March 2025, when the departments were reorganised,
    # four months before the old province itself ended.
    old = StandingAgency.objects.filter(unit=demo.old_province).order_by("valid_from")
    assert [(s.agency.sector.code, s.valid_to) for s in old] == [
        ("labour", datetime.date(2025, 2, 28)),
        ("health", datetime.date(2025, 6, 30)),
    ]
    assert old[1].valid_from == datetime.date(2025, 3, 1)
    new = StandingAgency.objects.get(unit=demo.province)
    assert new.agency.sector.code == "health"
    for district in demo.old_districts:
        assert StandingAgency.objects.get(unit=district).agency.sector.code == "labour"


def test_it_picks_old_districts_and_their_successor_communes(world, debug):
    demo = demo_build()
    assert demo.old_province == world.old_thanh_hoa
    assert demo.province == world.thanh_hoa
    assert demo.old_districts == [world.old_tp_thanh_hoa, world.old_quang_xuong]
    # One from each old district in turn, then the rest.
    assert demo.communes == [world.hac_thanh, world.quang_ngoc, world.quang_binh]
    assert Agency.objects.filter(unit=world.quang_binh, sector__code="culture").exists()
    assert Agency.objects.filter(unit=world.old_quang_xuong, sector__code="labour").exists()


def test_the_province_team_has_six_members_from_four_sectors(world, debug):
    InspectionTeam.objects.all().delete()  # the world's own teams
    demo = demo_build()
    members = list(demo.team.members.select_related("agency__sector"))
    assert demo.team.unit == world.thanh_hoa
    assert len(members) == 6
    assert {m.agency.sector.code for m in members} == {
        "police",
        "culture",
        "health",
        "home_affairs",
    }
    assert [m.role for m in members].count("leader") == 1
    assert [m.role for m in members].count("deputy") == 2
    assert all(m.card_number and m.agency.unit == world.thanh_hoa for m in members)
    assert demo.commune_team.unit == world.hac_thanh
    assert demo.commune_team.members.count() == 3


def test_a_team_that_exists_keeps_its_leader(world, debug):
    demo = demo_build()
    assert demo.team == world.th_team
    leaders = demo.team.members.filter(role="leader")
    assert [m.full_name for m in leaders] == ["Lê Văn An"]
    assert demo.team.members.count() == 2 + len(PROVINCE_TEAM) - 1


def test_demo_accounts_see_only_their_scope(world, debug):
    demo_build()
    officer = User.objects.get(username="demo_data_officer")
    assert set(AdministrativeUnit.objects.visible_to(officer)) == {
        world.hac_thanh,
        world.old_dien_bien,
        world.old_lam_son,
    }
    coordinator = User.objects.get(username="demo_coordinator")
    assert world.bac_ninh not in AdministrativeUnit.objects.visible_to(coordinator)


def _counts():
    return [
        m.objects.count()
        for m in (
            Agency,
            StandingAgency,
            InspectionTeam,
            TeamMember,
            User,
            Membership,
            Plan,
            Submission,
            Establishment,
        )
    ]


@kept()
def twice(world):
    """The whole command run twice on the test world, once for the tests below (a run
    takes seconds): first with ``--force`` while DEBUG is off, then, after demo_leader has
    been locked out by failed logins, a plain run. What each run printed and the row
    counts after each are kept for the tests."""
    from axes.models import AccessAttempt

    with override_settings(DEBUG=False):
        first = run_demo("--force")
    after_first = _counts()
    AccessAttempt.objects.create(
        username="demo_leader", ip_address="127.0.0.1", user_agent="x", failures_since_start=9
    )
    with override_settings(DEBUG=True):
        second = run_demo()
    return SimpleNamespace(
        first=first, second=second, after_first=after_first, after_second=_counts()
    )


def test_force_runs_it_when_debug_is_off(world, twice):
    assert User.objects.filter(username=SUPERUSER, is_superuser=True).exists()
    assert printed_passwords(twice.first).keys() == DEMO_USERNAMES


def test_it_prints_one_account_per_role_and_the_address(world, twice):
    passwords = printed_passwords(twice.second)
    assert set(passwords) == DEMO_USERNAMES
    assert ADDRESS in twice.second
    for username, password in passwords.items():
        assert can_log_in(username, password), username


def test_every_role_has_a_demo_account_in_the_new_province_or_a_commune(world, twice):
    memberships = Membership.objects.filter(user__username__startswith="demo_")
    assert {m.role for m in memberships} == set(Role.values)
    officer = memberships.get(role=Role.DATA_OFFICER)
    assert officer.unit == world.hac_thanh
    assert officer.agency.unit == world.hac_thanh
    assert all(m.unit == world.thanh_hoa for m in memberships.exclude(role=Role.DATA_OFFICER))


def test_passwords_are_random_and_reset_on_each_run(world, twice):
    first = printed_passwords(twice.first)
    second = printed_passwords(twice.second)
    assert all(first[u] != second[u] for u in DEMO_USERNAMES)
    assert len(set(first.values())) == len(DEMO_USERNAMES)
    assert not can_log_in("demo_coordinator", first["demo_coordinator"])
    assert can_log_in("demo_coordinator", second["demo_coordinator"])


def test_running_it_twice_adds_no_data(world, twice):
    assert twice.after_second == twice.after_first
    assert "Báo cáo định kỳ: 0 báo cáo mới; cơ sở kinh doanh: 0 mới, 0 lượt kiểm tra" in (
        twice.second
    )


def test_it_lifts_a_lockout_of_the_demo_accounts(world, twice):
    from axes.models import AccessAttempt

    assert not AccessAttempt.objects.filter(username="demo_leader").exists()
    assert can_log_in("demo_leader", printed_passwords(twice.second)["demo_leader"])


def test_it_fills_the_modules_and_links_this_years_plan(world, twice, client_for):
    plan = Plan.objects.get(unit=world.thanh_hoa, title__startswith="Kế hoạch thực hiện")
    assert f"{ADDRESS}{plan.get_absolute_url()}" in twice.first
    assert re.search(r"Báo cáo định kỳ: [1-9]\d* báo cáo mới", twice.first)
    assert re.search(r"cơ sở kinh doanh: [1-9]\d* mới, [1-9]\d* lượt kiểm tra", twice.first)
    assert Submission.objects.filter(unit__path__startswith=world.thanh_hoa.path).exists()
    assert Establishment.objects.filter(unit__path__startswith=world.thanh_hoa.path).exists()

    html = (
        client_for(User.objects.get(username="demo_coordinator"))
        .get(plan.get_absolute_url())
        .content.decode()
    )
    statuses = re.findall(r'data-status="(\w+)"', html)
    assert len(statuses) == plan.targets.count()
    # Every target is linked and has figures: the register, tips and reports are there.
    assert "no_data" not in statuses and "unlinked" not in statuses
