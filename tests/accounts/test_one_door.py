"""One door: nothing outside the scope mechanism turns memberships into access or
filters by a unit's path by hand (lanhmanh/accounts/scope.py, lanhmanh/core/scoping.py,
lanhmanh/core/history.py). A new module that writes its own variant fails here."""

import ast
import re
from pathlib import Path

import lanhmanh

ROOT = Path(lanhmanh.__file__).parent
DOOR = {"accounts/scope.py", "core/scoping.py", "core/history.py"}
# The accounts app owns memberships: its models, admin screens and writes may name them.
MEMBERSHIP_OWNERS = {"accounts/models.py", "accounts/admin.py", "accounts/apps.py"}
MEMBERSHIP_OWNERS |= {"accounts/services.py", "accounts/views.py", "accounts/forms.py"}

PATH_FILTER = re.compile(r"path__startswith|path__istartswith|path__regex")
# Demo data builders (<app>/demo.py) look for the rows they made themselves under a
# province, with no user in play: not an access decision, so they may name a path.
PATH_FILTER_ALLOWED = re.compile(r"^\w+/demo\.py$")
MEMBERSHIP_READ = re.compile(r"\bMembership\.objects\b|\.memberships\b")
# Names only the door may import: memberships and the tables that turn roles into access.
DOOR_NAMES = {
    "lanhmanh.accounts.models": {"Membership", "MembershipQuerySet"},
    "lanhmanh.accounts.roles": {"ROLE_MODULES", "WRITERS", "REVIEWERS"},
    "lanhmanh.accounts.scope": {"active_roles"},
}


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if "/migrations/" not in relative and relative not in DOOR:
            yield relative, path.read_text(encoding="utf-8")


def test_no_file_outside_the_door_filters_by_unit_path():
    found = [
        f"{name}:{number}"
        for name, text in _sources()
        if not PATH_FILTER_ALLOWED.match(name)
        for number, line in enumerate(text.splitlines(), 1)
        if PATH_FILTER.search(line)
    ]
    assert found == [], "use .visible_to(user), .within(unit) or core.scoping.prefix_q"


def _door_imports(text: str) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(text)):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module in DOOR_NAMES
            and {alias.name for alias in node.names} & DOOR_NAMES[node.module]
        ):
            lines.append(node.lineno)
    return lines


def test_no_file_outside_the_door_reads_memberships_or_role_tables():
    found = []
    for name, text in _sources():
        if name in MEMBERSHIP_OWNERS or name == "accounts/roles.py":
            continue
        found += [f"{name}:{number}" for number in _door_imports(text)]
        found += [
            f"{name}:{number}"
            for number, line in enumerate(text.splitlines(), 1)
            if MEMBERSHIP_READ.search(line)
        ]
    assert found == [], "ask lanhmanh/accounts/scope.py (memberships_of, units_of, can, ...)"
