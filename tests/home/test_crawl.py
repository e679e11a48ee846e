"""No dead ends: every demo role, starting from its home page, follows every link and
submits every GET form it is shown, and meets no 403, 404 or 500.

The demo is built once; each page's route is visited at most ``PER_ROUTE`` times per
role (with different arguments) and each download's once, so the crawl stays fast while
reaching every page a role can reach by clicking."""

from __future__ import annotations

from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from lanhmanh.accounts.models import User
from lanhmanh.core.demo import ACCOUNTS, SUPERUSER, demo_build, demo_content_build
from tests.conftest import kept

PER_ROUTE = 2
# One test per demo account, so that the accounts' crawls share out across the workers.
DEMO_ACCOUNTS = [SUPERUSER, *(username for username, *_ in ACCOUNTS)]
DEAD = {403, 404, 500}
# Routes never followed: leaving the session, or Django's admin (superusers only).
SKIPPED = {"logout", "login", "set_language"}


class Page(HTMLParser):
    """The links and GET forms of a page (forms with their fields' current values)."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.forms: list[tuple[str, list[tuple[str, str]]]] = []
        self._form = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            method = (a.get("method") or "get").lower()
            self._form = (a.get("action") or "", []) if method == "get" else None
        elif self._form is not None and tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file"):
                self._form[1].append((a["name"], a.get("value") or ""))
        elif self._form is not None and tag == "select" and a.get("name"):
            self._select = [a["name"], None, None]
        elif self._select is not None and tag == "option":
            value = a.get("value", "")
            if self._select[1] is None:
                self._select[1] = value
            if "selected" in a:
                self._select[2] = value

    def handle_endtag(self, tag):
        if tag == "select" and self._select is not None and self._form is not None:
            name, first, chosen = self._select
            self._form[1].append((name, chosen if chosen is not None else first or ""))
            self._select = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def _route(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def crawl(client: Client) -> list[str]:
    """Visit everything reachable from home; returns the dead ends met."""
    dead: list[str] = []
    seen: set[str] = set()
    visits: Counter = Counter()
    queue = deque([(reverse("home"), "—")])
    admin = "/" + settings.ADMIN_URL
    while queue:
        url, came_from = queue.popleft()
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if parts.path.startswith((settings.STATIC_URL, admin)):
            continue
        if url in seen:
            continue
        seen.add(url)
        route = _route(parts.path)
        if route in SKIPPED:
            continue
        if route is not None:
            if visits[route] >= PER_ROUTE:
                continue
            visits[route] += 1
        try:
            response = client.get(url)
        except Exception as error:  # a 500: the test client raises the view's exception
            dead.append(f"500 {url} (from {came_from}): {error!r}")
            continue
        if response.status_code in DEAD or (route is None and response.status_code != 200):
            dead.append(f"{response.status_code} {url} (from {came_from})")
            continue
        if response.status_code in (301, 302):
            queue.append((urljoin(url, response["Location"]), url))
            continue
        if "text/html" not in response.get("Content-Type", ""):
            # A download (a document, a workbook) has no link to follow: once is enough.
            if route is not None:
                visits[route] = PER_ROUTE
            continue
        page = Page()
        page.feed(response.content.decode())
        for href in page.links:
            if href.startswith(("#", "mailto:", "tel:", "javascript:")):
                continue
            queue.append((urljoin(url, href.split("#")[0]), url))
        for action, fields in page.forms:
            target = urljoin(url, action or parts.path)
            query = urlencode(fields)
            queue.append((f"{target}?{query}" if query else target, url))
    return dead


@kept()
def demo(world):
    """The demo, built once for the crawls on the test world (it takes seconds)."""
    with override_settings(DEBUG=True):
        built = demo_build(make_password=lambda: "Mat-khau-demo-2026!")
        demo_content_build(built, today=timezone.localdate())
    return built


@pytest.mark.parametrize("username", DEMO_ACCOUNTS)
def test_no_demo_role_meets_a_dead_end(world, demo, client, username):
    assert username in {account.username for account in demo.accounts}
    client.force_login(User.objects.get(username=username))
    dead = crawl(client)
    assert dead == [], "\n".join(dead)
