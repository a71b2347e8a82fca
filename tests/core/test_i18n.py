import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_dutch_is_the_default(client):
    response = client.get(reverse("core:home"))
    assert response.headers["Content-Language"] == "nl"
    assert "Ik wil vrijwilliger worden" in response.content.decode()


@pytest.mark.django_db
def test_language_switch_to_english_and_back(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get(reverse("core:home")).content.decode()
    assert 'lang="en"' in page
    assert "I want to volunteer" in page
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert "Ik wil vrijwilliger worden" in client.get(reverse("core:home")).content.decode()


@pytest.mark.django_db
def test_every_page_has_a_content_security_policy_without_inline_scripts(client):
    policy = client.get(reverse("core:home")).headers["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if "script-src" in part)
    assert "unsafe-inline" not in script_src


@pytest.mark.django_db
def test_an_english_browser_still_gets_dutch(client):
    response = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "nl"


def test_a_signed_in_persons_choice_is_remembered_for_their_emails(volunteer_a_client,
                                                                   volunteer_a):
    volunteer_a_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    volunteer_a.user.refresh_from_db()
    assert volunteer_a.user.language == "en"
