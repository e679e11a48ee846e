"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Playwright's sync API keeps an event loop running in the test thread, which makes Django
refuse database work there unless told it is safe (it is: one thread, no async code).
"""

import os
import shutil
from pathlib import Path

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    """Debian's chromium; LANHMANH_CHROMIUM points elsewhere if needed."""
    return os.environ.get("LANHMANH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture
def live_world(live_server, django_db_serialized_rollback):
    """The test world, in a database the live server's thread can see.

    A transactional test empties the tables afterwards, catalogue rows from data
    migrations included; the serialized rollback puts those back for the next test.
    """
    from tests.world import build_world

    return build_world()


@pytest.fixture
def browser(live_world):
    """A fresh Chromium per test, started after the database is ready: while Playwright's
    event loop runs, Django hands out other connection objects than the test's own, so
    the test data must exist before it starts."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _context(browser, live_server, **options):
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", **options)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def page(browser, live_server):
    context = _context(browser, live_server, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser, live_server):
    context = _context(
        browser,
        live_server,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def screenshot():
    """``screenshot(page, "name")`` saves test-artifacts/name.png to look at, when
    LANHMANH_SCREENSHOTS=1: a full-page capture of a phone page takes about a second, and
    nobody looks at them in an unattended run."""
    if os.environ.get("LANHMANH_SCREENSHOTS", "") in ("", "0"):
        return lambda page, name: None
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name):
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    return take


def assert_accessible(page) -> None:
    """axe-core (shipped in the axe-playwright-python package from PyPI) finds no
    violation on the page as it stands."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
