"""Headers of every response: a Content-Security-Policy that runs only the application's
script files, and no-store on whatever a signed-in user receives; and templates that keep
the policy possible (no inline script, no on* attribute)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from lanhmanh.core.headers import CONTENT_SECURITY_POLICY

ROOT = Path(__file__).resolve().parents[2] / "lanhmanh"
# <script> without a src (json_script's application/json data blocks are not run), an
# on*= event attribute, or htmx's hx-on (evaluated like an inline handler).
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
EVENT_ATTRIBUTE = re.compile(r"<[a-z][^>]*\s(on[a-z]+|hx-on[:\-\w]*)\s*=", re.I | re.S)

PAGES = [
    "home",
    "search",
    "plans:plan_list",
    "reporting:my_reports",
    "reporting:review_list",
    "reporting:dashboard",
    "inspections:establishment_list",
    "inspections:hotspot_list",
    "geography:unit_list",
    "organizations:agency_list",
    "organizations:team_list",
    "accounts:user_list",
]


def offending(text: str) -> list[str]:
    return [m.group(0) for m in INLINE_SCRIPT.finditer(text)] + [
        m.group(0)[:80] for m in EVENT_ATTRIBUTE.finditer(text)
    ]


def test_the_policy_runs_only_the_applications_own_scripts():
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_no_template_holds_an_inline_script_or_an_event_attribute():
    templates = sorted(ROOT.rglob("templates/**/*.html"))
    assert len(templates) > 50
    found = {
        str(path.relative_to(ROOT)): offending(path.read_text(encoding="utf-8"))
        for path in templates
    }
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_the_detectors_catch_what_they_must():
    assert offending("<script>alert(1)</script>")
    assert offending('<button type="button" onclick="go()">')
    assert offending('<a hx-on:click="go()">')
    assert not offending('<script src="/static/x.js"></script>')
    assert not offending('<script id="d" type="application/json">{}</script>')
    assert not offending('<input data-online="1" name="one">')


def test_the_login_page_carries_the_policy(client):
    response = client.get(reverse("login"))
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("name", PAGES)
def test_pages_carry_the_policy_and_are_never_stored(world, client_for, name):
    response = client_for(world.national).get(reverse(name))
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "no-store" in response["Cache-Control"]
    assert offending(response.content.decode()) == []


def test_not_found_pages_of_a_signed_in_user_are_never_stored(world, client_for):
    response = client_for(world.th_admin).get(reverse("plans:plan_detail", args=[999999]))
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]


def test_data_downloads_are_never_stored(world, client_for):
    response = client_for(world.national).get(reverse("inspections:establishment_export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "no-store" in response["Cache-Control"]
