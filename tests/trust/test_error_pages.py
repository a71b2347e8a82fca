"""Koppel's own error pages: in the site's layout, translated, never a stack trace."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from ..conftest import login

pytestmark = pytest.mark.django_db



@pytest.fixture(autouse=True)
def _dutch_afterwards():
    """Requests here switch the thread's language; later tests expect Dutch."""
    with translation.override("nl"):
        yield


LAYOUT = 'href="#main"'  # the skip link of base.html: the page has Koppel's layout


def page(response) -> str:
    body = response.content.decode()
    assert LAYOUT in body
    assert "Traceback" not in body and "geheime details" not in body
    assert 'lang="' in body
    return body


def test_404_in_koppels_layout():
    body = page(Client().get("/bestaat-niet/"))
    assert "Deze pagina bestaat niet" in body


def test_404_in_the_visitors_language():
    client = Client()
    client.cookies["django_language"] = "en"
    assert "This page does not exist" in page(client.get("/bestaat-niet/"))
    client.cookies["django_language"] = "ar"
    body = page(client.get("/bestaat-niet/"))
    assert 'lang="ar"' in body and 'dir="rtl"' in body


def test_403_for_a_too_small_role(volunteer_a):
    response = login(volunteer_a.user).get("/dashboard/")
    assert response.status_code == 403
    assert "Je hebt geen toegang tot deze pagina" in page(response)


def test_400_for_a_bad_host():
    response = Client(HTTP_HOST="aanvaller.example").get("/")
    assert response.status_code == 400
    assert "Dit verzoek kunnen we niet verwerken" in page(response)


@pytest.mark.urls("tests.trust.error_urls")
def test_500_without_details():
    response = Client(raise_request_exception=False).get("/kapot/")
    assert response.status_code == 500
    assert "Er ging bij ons iets mis" in page(response)


def test_csrf_failure_explains_what_to_do():
    response = Client(enforce_csrf_checks=True).post("/account/login/", {"login": "a@b.nl"})
    assert response.status_code == 403
    assert "Dit formulier is verlopen" in page(response)


@pytest.mark.parametrize("language, words", [
    ("nl", ["WCAG 2.1 niveau AA", "Hoe we testen", "Wat nog niet goed werkt",
            "vijf werkdagen", "22 november 2026"]),
    ("en", ["WCAG 2.1 level AA", "How we test", "What does not work well yet",
            "five working days", "22 November 2026"]),
    ("ar", ["WCAG 2.1", "axe-core"]),
])
def test_the_accessibility_statement_is_a_real_one(language, words):
    """Standard, how it is tested, known limitations, contact and date, translated."""
    client = Client()
    client.cookies["django_language"] = language
    body = page(client.get(reverse("core:accessibility")))
    for word in words:
        assert word in body, word
