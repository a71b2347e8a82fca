"""Real-browser tests: Debian's chromium driven by Playwright, Koppel served by
pytest-django's live server. Screenshots go to test-artifacts/ (kept by CI as artefacts).

Without /usr/bin/chromium these tests skip (and fail when CI is set, see need_service).
"""

import os
import re
from pathlib import Path

import pytest

from .conftest import need_service
from .factories import PASSWORD, totp_code

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]



@pytest.fixture(scope="session")
def chromium():
    if not os.path.exists(CHROMIUM):
        need_service("needs Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django then refuses ORM calls
    # (test data, database flushes) unless told it is fine, which it is: one test at a time.
    # tests/core/test_settings.py keeps the switch out of its deploy-check subprocess.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    # ORM calls made inside Playwright's loop keep connections of their own; close them, or
    # PostgreSQL refuses to drop the test database at the end of the run.
    from django.db import connections

    connections.close_all()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL",
                                   base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone(chromium, live_server):
    """A phone-sized screen (375 x 740, touch)."""
    context = chromium.new_context(viewport={"width": 375, "height": 740}, is_mobile=True,
                                   has_touch=True, locale="nl-NL", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{re.sub(r'[^a-z0-9_-]+', '-', name.lower())}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A and AA violations on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return result.response["violations"]


def describe(violations) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} at "
                     f"{[n['target'] for n in v['nodes']][:3]}" for v in violations)


def log_in(page, email: str, password: str = PASSWORD, *, totp: bool = False) -> None:
    """Sign in through the real login form (and the second factor for staff)."""
    page.goto("/account/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").click()
    if totp:
        page.wait_for_url(re.compile(r".*/2fa/authenticate/.*"))
        page.fill("input[name=code]", totp_code())
        page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
