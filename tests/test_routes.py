"""Every route × every role, generated from the URL configuration.

Each province of the world gets one object of every kind, named with a canary ('CANARY
BN PLANS', a figure of 97531…). Every route is requested (GET, and POST when GET is not
allowed) as every role of Thanh Hóa, as the outsider of Bắc Ninh, as the two-membership
user and as a user without membership, with the ids of the *other* province's objects
and ``?unit=`` the other province. The test fails when a response (page, htmx fragment,
JSON, .docx/.xlsx) shows a canary of a module and unit outside the user's scope for
that module, when a route answers 500, and when a route has no row: either in ``ROUTES``
below or in the ``COVERED_ROUTES`` of a ``tests/**/test_access*.py`` module (new apps
list their routes there and test them in their own grids).
"""

from __future__ import annotations

import datetime
import importlib
import io
import re
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from lanhmanh.accounts.models import Membership, User
from lanhmanh.accounts.roles import Module, Role
from lanhmanh.accounts.scope import scope_for
from lanhmanh.inspections import services as inspections
from lanhmanh.inspections.importing import establishments_import_parse
from lanhmanh.inspections.models import BusinessType
from lanhmanh.organizations.models import Agency, Sector, TeamMember
from lanhmanh.plans.models import Plan, PlanImport, Target, Task
from lanhmanh.reporting.models import Status
from lanhmanh.reporting.periods import month
from tests.inspections.test_import import workbook
from tests.reporting.helpers import make_form, report

# Route name → {URL keyword: object key}. Every route without keywords needs a row too
# ({}), so that a new route is a conscious decision.
ROUTES: dict[str, dict[str, str]] = {
    "home": {},
    "search": {},
    "login": {},
    "password_change": {},
    "set_language": {},
    "geography:unit_list": {},
    "geography:unit_detail": {"pk": "unit"},
    "geography:unit_children": {"pk": "unit"},
    "organizations:agency_list": {},
    "organizations:agency_detail": {"pk": "agency"},
    "organizations:agency_update": {"pk": "agency"},
    "organizations:unit_options": {},
    "organizations:unit_actions": {"unit_pk": "unit"},
    "organizations:agency_create": {"unit_pk": "unit"},
    "organizations:agencies_create_usual": {"unit_pk": "unit"},
    "organizations:standing_agency_assign": {"unit_pk": "unit"},
    "organizations:team_create": {"unit_pk": "unit"},
    "organizations:team_list": {},
    "organizations:team_detail": {"pk": "team"},
    "organizations:team_update": {"pk": "team"},
    "organizations:team_member_add": {"pk": "team"},
    "organizations:team_member_remove": {"pk": "team", "member_pk": "member"},
    "accounts:user_list": {},
    "accounts:user_create": {},
    "accounts:user_detail": {"pk": "user"},
    "accounts:user_update": {"pk": "user"},
    "accounts:user_deactivate": {"pk": "user"},
    "accounts:user_reactivate": {"pk": "user"},
    "accounts:user_password": {"pk": "user"},
    "accounts:membership_add": {"pk": "user"},
    "accounts:membership_end": {"pk": "membership"},
    "accounts:unit_options": {},
    "accounts:agency_options": {},
    "plans:plan_list": {},
    "plans:plan_detail": {"pk": "plan"},
    "plans:plan_export": {"pk": "plan"},
    "plans:plan_update": {"pk": "plan"},
    "plans:plan_cascade": {"pk": "plan"},
    "plans:plan_copy": {"pk": "plan"},
    "plans:plan_derive": {"pk": "plan"},
    "plans:my_tasks": {},
    "plans:task_detail": {"pk": "task"},
    "plans:import_upload": {},
    "plans:import_review": {"pk": "plan_import"},
    "reporting:my_reports": {},
    "reporting:submission_open": {},
    "reporting:submission_detail": {"pk": "submission"},
    "reporting:submission_submit": {"pk": "submission"},
    "reporting:submission_approve": {"pk": "submission"},
    "reporting:submission_return": {"pk": "submission"},
    "reporting:submission_reopen": {"pk": "submission"},
    "reporting:submission_template": {"pk": "submission"},
    "reporting:submission_upload": {"pk": "submission"},
    "reporting:review_list": {},
    "reporting:overdue_list": {},
    "reporting:dashboard": {},
    "reporting:unit_targets": {"pk": "unit"},
    "reporting:target_link": {"pk": "target"},
    "reporting:report_docx": {},
    "reporting:report_xlsx": {},
    "inspections:index": {},
    "inspections:establishment_list": {},
    "inspections:establishment_export": {},
    "inspections:establishment_create": {},
    "inspections:establishment_detail": {"pk": "establishment"},
    "inspections:establishment_update": {"pk": "establishment"},
    "inspections:establishment_status": {"pk": "establishment"},
    "inspections:commitment_add": {"pk": "establishment"},
    "inspections:commitment_document": {"pk": "commitment"},
    "inspections:inspection_create": {"pk": "establishment"},
    "inspections:import_upload": {},
    "inspections:import_review": {"pk": "establishment_import"},
    "inspections:inspection_list": {},
    "inspections:inspection_detail": {"pk": "inspection"},
    "inspections:followup_list": {},
    "inspections:plan_list": {},
    "inspections:plan_detail": {"pk": "inspection_plan"},
    "inspections:plan_approve": {"pk": "inspection_plan"},
    "inspections:plan_create": {"team_pk": "team"},
    "inspections:hotspot_list": {},
    "inspections:hotspot_create": {},
    "inspections:hotspot_detail": {"pk": "hotspot"},
    "inspections:hotspot_status": {"pk": "hotspot"},
    "api:schema": {},
    "api:unit-list": {},
    "api:unit-detail": {"pk": "unit"},
    "api:agency-list": {},
    "api:agency-detail": {"pk": "agency"},
    "api:team-list": {},
    "api:team-detail": {"pk": "team"},
}
# Routes not requested here, with the reason (their row).
NOT_REQUESTED = {
    "logout": "ends the session the other requests use",
}
# Django's admin: superusers only (is_staff), tested by Django.
NOT_REQUESTED_NAMESPACES = {"admin"}

TESTS = Path(__file__).parent


def all_routes() -> list[str]:
    def walk(patterns, namespace=None):
        for p in patterns:
            if isinstance(p, URLResolver):
                inner = p.namespace
                ns = f"{namespace}:{inner}" if namespace and inner else inner or namespace
                yield from walk(p.url_patterns, ns)
            elif isinstance(p, URLPattern) and p.name:
                yield f"{namespace}:{p.name}" if namespace else p.name

    return sorted(set(walk(get_resolver().url_patterns)))


def covered_elsewhere() -> set[str]:
    """The routes named in the COVERED_ROUTES of every test module that defines one: the
    grids live in test_access*.py and beside the features they check (setup screens,
    health, target limits), so any test_*.py may hold one."""
    found: set[str] = set()
    for path in TESTS.rglob("test_*.py"):
        # Read the text first: importing every test module just to look would be slow.
        if "COVERED_ROUTES" not in path.read_text(encoding="utf-8"):
            continue
        name = ".".join(path.relative_to(TESTS.parent).with_suffix("").parts)
        found |= set(getattr(importlib.import_module(name), "COVERED_ROUTES", ()))
    return found


def test_every_route_has_a_row():
    covered = covered_elsewhere() | set(ROUTES) | set(NOT_REQUESTED)
    missing = [
        name
        for name in all_routes()
        if name not in covered and name.split(":")[0] not in NOT_REQUESTED_NAMESPACES
    ]
    assert not missing, f"add a row in tests/test_routes.py or a COVERED_ROUTES grid: {missing}"


def test_the_table_names_only_existing_routes():
    assert set(ROUTES) - set(all_routes()) == set()


# The canaries


REPORTED = {"TH": "97531", "BN": "86420"}


def _canaries(world) -> dict:
    """Per province: the objects of every kind and their canary texts, each with the
    module whose scope must cover its unit for the text to be shown."""
    sector = Sector.objects.get(code="health")
    karaoke = BusinessType.objects.get(code="karaoke")
    form = make_form(code="canary-xa-thang")
    day = datetime.date(2025, 9, 1)
    places = {
        "TH": (world.thanh_hoa, world.hac_thanh, world.th_team, world.th_admin),
        "BN": (world.bac_ninh, world.luc_nam, world.bn_team, world.bn_coordinator),
    }
    officers = {"TH": world.hac_thanh_officer, "BN": world.ln_officer_th_tips}
    result = {}
    for key, (province, commune, team, actor) in places.items():
        o = SimpleNamespace(unit=province.pk, texts=[])

        def canary(module, unit, kind, o=o, key=key):
            text = f"CANARY {key} {kind}"
            o.texts.append((module, unit, text))
            return text

        agency = Agency.objects.create(
            unit=province, sector=sector, name=canary(None, province, "AGENCY")
        )
        o.agency = agency.pk
        o.team = team.pk
        team.name = canary(None, province, "TEAM")
        team.save(update_fields=["name"])
        members = [
            TeamMember.objects.create(
                team=team, agency=agency, full_name=canary(None, province, f"MEMBER{i}")
            )
            for i in range(3)
        ]
        o.member = members[0].pk
        person = User.objects.create_user(
            username=f"canary_{key.lower()}", full_name=canary(Module.USERS, province, "USER")
        )
        o.user = person.pk
        o.membership = Membership.objects.create(
            user=person, unit=province, role=Role.DATA_OFFICER
        ).pk
        plan = Plan.objects.create(
            unit=province,
            number=f"9{len(key)}/KH-{key}",
            year_from=2026,
            year_to=2026,
            title=canary(Module.PLANS, province, "PLAN"),
        )
        o.plan = plan.pk
        o.target = Target.objects.create(
            plan=plan,
            order=1,
            statement=canary(Module.PLANS, province, "TARGET"),
            comparator=">=",
            value=90,
            measure="percent",
        ).pk
        o.task = Task.objects.create(
            plan=plan, order=1, text=canary(Module.PLANS, province, "TASK")
        ).pk
        o.plan_import = PlanImport.objects.create(
            created_by=actor,
            filename=canary(Module.PLANS, province, "IMPORT") + ".docx",
            source_file=ContentFile(b"x", name="canary.docx"),
            text="",
        ).pk
        submission = report(
            officers[key],
            form,
            commune,
            month(2026, 1),
            {"awareness_activities": REPORTED[key]},
            status=Status.SUBMITTED,
        )
        o.submission = submission.pk
        o.texts.append((Module.REPORTING, commune, REPORTED[key]))
        establishment = inspections.establishment_create(
            unit=commune,
            by=actor,
            business_type=karaoke,
            name=canary(Module.INSPECTIONS, commune, "PLACE"),
            address="1 Canary",
            status_since=day,
        )
        o.establishment = establishment.pk
        o.commitment = inspections.commitment_add(
            establishment=establishment,
            signed_on=day,
            signed_by=canary(Module.INSPECTIONS, commune, "SIGNER"),
            document=ContentFile(b"%PDF-1.4 canary", name="cam-ket.pdf"),
        ).pk
        o.inspection = inspections.inspection_record(
            establishment=establishment,
            team=team,
            by=actor,
            started_at=datetime.datetime(2026, 1, 5, 9, tzinfo=datetime.UTC),
            members_present=members,
            findings=canary(Module.INSPECTIONS, commune, "FINDINGS"),
        ).pk
        o.inspection_plan = inspections.inspection_plan_create(
            team=team,
            by=actor,
            title=canary(Module.INSPECTIONS, province, "ROUND"),
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 3, 31),
            establishments=[establishment],
        ).pk
        o.hotspot = inspections.hotspot_create(
            unit=commune, by=actor, name=canary(Module.INSPECTIONS, commune, "HOTSPOT"), on=day
        ).pk
        o.establishment_import = establishments_import_parse(
            content=workbook([[canary(Module.INSPECTIONS, province, "ROW"), "Karaoke", "1 A", ""]]),
            file_name="canary.xlsx",
            unit=province,
            by=actor,
        ).pk
        result[key] = o
    return result


def _body(response) -> str:
    content = (
        b"".join(response.streaming_content)
        if getattr(response, "streaming", False)
        else response.content
    )
    if content[:2] == b"PK":  # .docx and .xlsx: the text of every part
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return " ".join(
                archive.read(n).decode("utf-8", "replace")
                for n in archive.namelist()
                if n.endswith(".xml")
            )
    return content.decode("utf-8", "replace")


def _number_pattern(digits: str) -> re.Pattern:
    # 97531 written 97531, 97.531, 97,531 or 97 531.
    return re.compile(rf"{digits[:2]}[.,\s\u00a0]?{digits[2:]}")


def _leaks(user, body: str, texts) -> list[str]:
    found = []
    for module, unit, text in texts:
        if scope_for(user, module).covers(unit.path):
            continue
        hit = _number_pattern(text).search(body) if text.isdigit() else text in body
        if hit:
            found.append(text)
    return found


USERS = [
    "th_admin",
    "th_coordinator",
    "th_leader",
    "th_inspector",
    "th_tips",
    "th_social",
    "hac_thanh_officer",
    "bn_coordinator",
    "ln_officer_th_tips",
    "nobody",
]
# Whose objects each user is given: the province that is not theirs (for the
# two-membership user, Thanh Hóa, reached only through the tips role).
OTHER = {"bn_coordinator": "TH", "ln_officer_th_tips": "TH"}


@pytest.mark.parametrize("username", USERS)
def test_no_route_shows_another_scope(world, username):
    objects = _canaries(world)
    user = getattr(world, username)
    other = objects[OTHER.get(username, "BN")]
    texts = [t for o in objects.values() for t in o.texts]
    client = Client(raise_request_exception=False)
    client.force_login(user)
    failures = []
    for name, kwargs in ROUTES.items():
        url = reverse(name, kwargs={k: getattr(other, v) for k, v in kwargs.items()})
        response = client.get(url, {"unit": other.unit})
        if response.status_code == 405:
            response = client.post(url, {"unit": other.unit})
        if response.status_code >= 500:
            failures.append(f"{name}: {response.status_code}")
            continue
        leaked = _leaks(user, _body(response), texts)
        if leaked:
            failures.append(f"{name} ({response.status_code}) shows {leaked}")
        if name == "set_language":
            client.cookies.pop("django_language", None)
    assert not failures, "\n".join(failures)
