"""Languages per page (core/i18n.py): volunteers' pages speak Dutch, English, Arabic, Turkish
and Ukrainian; staff pages only Dutch and English, whatever was chosen elsewhere."""

import pytest
from django.conf import settings
from django.urls import reverse

from core.i18n import email_language, may_save_language

PORTAL_ONLY = ["ar", "tr", "uk"]
STAFF_PAGES = [
    ("coordinator_a_client", "volunteers:list"),
    ("coordinator_a_client", "caregivers:request_list"),
    ("coordinator_a_client", "journey:my_actions"),
    ("admin_a_client", "core:team"),
    ("admin_a_client", "core:organisation_settings"),
    ("coordinator_a_client", "volunteers:import"),
]


def choose(client, language, next_url="/"):
    return client.post(reverse("set_language"), {"language": language, "next": next_url})


@pytest.mark.parametrize("language", PORTAL_ONLY)
@pytest.mark.parametrize(("persona", "page"), STAFF_PAGES)
def test_staff_pages_never_speak_a_portal_only_language(request, persona, page, language):
    client = request.getfixturevalue(persona)
    choose(client, language)
    response = client.get(reverse(page))
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "nl"
    html = response.content.decode()
    assert '<html lang="nl" dir="ltr">' in html
    assert "bootstrap.rtl" not in html
    # The language bar there offers what the page speaks: Dutch and English only.
    assert 'name="language" value="en"' in html
    assert 'name="language" value="ar"' not in html and 'Українська' not in html


def test_a_staff_member_may_read_staff_pages_in_english(coordinator_a_client):
    choose(coordinator_a_client, "en")
    response = coordinator_a_client.get(reverse("volunteers:list"))
    assert response.headers["Content-Language"] == "en"


def test_a_staff_member_who_picks_arabic_on_a_volunteer_page_sees_it_there(
        coordinator_a_client, org_a):
    choose(coordinator_a_client, "ar")
    response = coordinator_a_client.get(reverse("volunteers:welcome"))
    assert response.headers["Content-Language"] == "ar"
    response = coordinator_a_client.get(reverse("volunteers:list"))
    assert response.headers["Content-Language"] == "nl"


def test_the_welcome_page_offers_every_language_by_its_own_name(client, org_a):
    html = client.get(reverse("volunteers:welcome")).content.decode()
    for code, name in [("en", "English"), ("ar", "العربيّة"), ("tr", "Türkçe"),
                       ("uk", "Українська")]:
        assert f'value="{code}" lang="{code}"' in html and name in html
    assert 'aria-current="true">Nederlands<' in html


def test_the_choice_is_remembered_for_a_year(client, org_a):
    response = choose(client, "tr", reverse("volunteers:welcome"))
    assert response.status_code == 302 and response["Location"] == reverse("volunteers:welcome")
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "tr" and int(cookie["max-age"]) >= 364 * 24 * 3600
    assert client.get(reverse("volunteers:welcome")).headers["Content-Language"] == "tr"


def test_the_error_pages_speak_every_portal_language(client):
    """Error pages (core/errors.py) are public and translated in full (PORTAL_FILES), so a
    page without a view answers in the visitor's language too."""
    choose(client, "ar")
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert response.headers["Content-Language"] == "ar"


def test_staff_keep_dutch_or_english_for_their_emails(coordinator_a, volunteer_a):
    assert may_save_language(volunteer_a.user, "ar")
    assert not may_save_language(coordinator_a, "ar")
    assert may_save_language(coordinator_a, "en")
    assert not may_save_language(volunteer_a.user, "xx")
    coordinator_a.language = "ar"  # e.g. from before they joined the staff
    assert email_language(coordinator_a) == "nl"
    volunteer_a.user.language = "uk"
    assert email_language(volunteer_a.user) == "uk"


def test_picking_arabic_saves_it_for_a_volunteer_not_for_staff(coordinator_a_client, coordinator_a,
                                                               volunteer_a_client, volunteer_a):
    choose(volunteer_a_client, "ar")
    choose(coordinator_a_client, "ar")
    volunteer_a.user.refresh_from_db()
    coordinator_a.refresh_from_db()
    assert volunteer_a.user.language == "ar"
    assert coordinator_a.language == "nl"
