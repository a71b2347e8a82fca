"""axe-core finds no WCAG 2.1 A/AA violations on Koppel's own pages, in their states."""

import pytest

from ..browser_support import axe_violations, describe, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("path", ["/", "/privacy/", "/toegankelijkheid/", "/account/login/",
                                  "/account/signup/", "/account/password/reset/"])
def test_public_pages_have_no_violations(page, path):
    page.goto(path)
    assert axe_violations(page) == [], describe(axe_violations(page))


def test_signup_with_errors_has_no_violations(page):
    page.goto("/account/signup/")
    page.fill("input[name=email]", "geen-adres")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".invalid-feedback").count() > 0
    screenshot(page, "signup-errors")
    assert axe_violations(page) == [], describe(axe_violations(page))


def test_team_page_for_an_admin_has_no_violations(page, admin_a, coordinator_a):
    log_in(page, admin_a.email, totp=True)
    page.goto("/team/")
    assert page.get_by_role("heading", name="Team").is_visible()
    screenshot(page, "team")
    assert axe_violations(page) == [], describe(axe_violations(page))


def test_home_works_on_a_phone(phone):
    phone.goto("/")
    phone.get_by_role("button", name="Menu openen").click()
    assert phone.get_by_role("link", name="Inloggen").first.is_visible()
    screenshot(phone, "home-phone")
    assert axe_violations(phone) == [], describe(axe_violations(phone))


def test_keyboard_user_can_skip_to_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_text("Naar de inhoud")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
