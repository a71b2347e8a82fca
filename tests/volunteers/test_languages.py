"""The volunteers' pages in the languages people read (issue 10): Arabic right to left,
Turkish and Ukrainian; chosen on the page and remembered; e-mails in the recipient's
language; and no page of the portal quietly falls back to Dutch."""

import re
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse

from core.models import User
from volunteers import services

from ..factories import UserFactory, VolunteerFactory
from .test_signup import (
    ABOUT,
    ACTIVITIES,
    AVAILABILITY,
    BACKGROUND,
    CONTACT,
    LANGUAGES,
    PASSWORD,
    sign_up_and_verify,
    step_url,
)

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
try:
    import translations
finally:
    sys.path.pop(0)


def in_language(client, language):
    client.cookies["django_language"] = language
    return client


def test_the_welcome_page_in_arabic_is_right_to_left(client, org_a):
    html = in_language(client, "ar").get(reverse("volunteers:welcome")).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "bootstrap.rtl.min.css" in html
    assert "تطوَّع بالقرب من بيتك" in html and "هكذا تسير الأمور" in html
    assert "Word vrijwilliger bij jou in de buurt" not in html


@pytest.mark.parametrize(("language", "text"), [
    ("tr", "Yakınınızda gönüllü olun"), ("uk", "Ставайте волонтером поруч із домом"),
    ("en", "How it works")])
def test_the_welcome_page_in_turkish_ukrainian_english(client, org_a, language, text):
    response = in_language(client, language).get(reverse("volunteers:welcome"))
    html = response.content.decode()
    assert f'<html lang="{language}" dir="ltr">' in html and text in html


def test_switching_to_arabic_on_the_page_then_signing_up(client, org_a):
    welcome = reverse("volunteers:welcome")
    client.post(reverse("set_language"), {"language": "ar", "next": welcome})
    html = client.get(welcome).content.decode()
    assert 'dir="rtl"' in html and "أريد التسجيل" in html
    signup = client.get(reverse("account_signup")).content.decode()
    assert '<html lang="ar" dir="rtl">' in signup
    sign_up_and_verify(client, org_a, email="layla@example.nl")
    user = User.objects.get(email="layla@example.nl")
    assert user.language == "ar"  # later e-mails follow the choice
    step = client.get(step_url("about")).content.decode()
    assert '<html lang="ar" dir="rtl">' in step
    assert "الخطوة 2 من 8" in step and "الاسم الأول" in step
    # Errors come back in Arabic too, with what was typed.
    response = client.post(step_url("about"), {**ABOUT, "postcode": "35111"})
    assert "الرمز البريدي غير صحيح" in response.content.decode()
    assert 'value="Noor"' in response.content.decode()


def test_the_confirmation_email_speaks_the_language_of_the_signup(client, org_a):
    in_language(client, "uk")
    sign_up_and_verify(client, org_a, email="oksana@example.nl")
    confirmation = mail.outbox[0]
    assert "Koppel" in confirmation.subject
    assert re.search(r"[А-Яа-яІіЇїЄє]{4,}", confirmation.body), confirmation.body


def test_a_password_reset_email_follows_the_person_not_the_page(client, volunteer_a):
    volunteer_a.user.language = "tr"
    volunteer_a.user.save()
    client.post(reverse("account_reset_password"), {"email": volunteer_a.user.email})
    body = mail.outbox[-1].body
    assert "şifre" in body.lower() or "parola" in body.lower(), body


def test_the_welcome_email_is_in_the_volunteers_language(volunteer_a):
    volunteer_a.user.language = "ar"
    volunteer_a.user.save()
    assert services.volunteer_send_welcome(volunteer_id=volunteer_a.pk)
    message = mail.outbox[-1]
    assert message.subject == f"أهلًا بك متطوعًا في {volunteer_a.organisation.name}"
    assert "مرحبًا Sara،" in message.body
    html = message.alternatives[0][0]
    assert '<html lang="ar" dir="rtl">' in html


def test_the_invitation_of_an_imported_volunteer_is_in_their_language(org_a):
    user = UserFactory(email="mykola@example.nl", language="uk")
    user.set_unusable_password()
    user.save()
    volunteer = VolunteerFactory(organisation=org_a, user=user, first_name="Mykola")
    assert services.volunteer_send_invitation(volunteer_id=volunteer.pk)
    message = mail.outbox[-1]
    assert message.subject == f"{org_a.name} запрошує вас до Koppel"
    assert "Посилання діє 14 днів і лише один раз." in message.body
    assert "Вітаємо, Mykola!" in message.body


def test_arabic_counts_days_with_the_right_plural(org_a):
    user = UserFactory(email="omar@example.nl", language="ar")
    user.set_unusable_password()
    user.save()
    volunteer = VolunteerFactory(organisation=org_a, user=user, first_name="Omar")
    services.volunteer_send_invitation(volunteer_id=volunteer.pk)
    assert "لمدة 14 يومًا" in mail.outbox[-1].body


def test_mijn_koppel_follows_the_saved_language_on_a_new_device(volunteer_a, client):
    volunteer_a.user.language = "ar"
    volunteer_a.user.save()
    client.force_login(volunteer_a.user, backend="django.contrib.auth.backends.ModelBackend")
    html = client.get(reverse("volunteers:mine")).content.decode()
    assert '<html lang="ar" dir="rtl">' in html and "مرحبًا Sara" in html
    journey = client.get(reverse("journey:mine")).content.decode()
    assert '<html lang="ar" dir="rtl">' in journey and "رحلتك في التطوع" in journey


# --- No page of the portal falls back to Dutch -----------------------------------------------

def portal_msgids(min_length=25):
    """Dutch source sentences of the portal files (long enough to be unmistakable)."""
    from babel.messages.pofile import read_po

    found = set()
    for path in translations.po_files("ar"):
        with path.open("rb") as handle:
            for message in read_po(handle, locale="ar"):
                if (isinstance(message.id, str) and len(message.id) >= min_length
                        and "%(" not in message.id and "<" not in message.id
                        and any(translations.is_portal_source(f) for f, _ in message.locations)):
                    found.add(message.id)
    return found


def walk_the_portal(client, org_a):
    """Every page a volunteer sees, from the welcome page to goodbye (the responses)."""
    yield client.get(reverse("core:home"))
    yield client.get(reverse("volunteers:welcome"))
    yield client.get(reverse("account_signup"))
    yield client.get(reverse("account_login"))
    yield client.get(reverse("account_reset_password"))
    yield client.get(reverse("core:privacy"))
    yield client.get(reverse("core:accessibility"))
    yield client.get(reverse("volunteers:activate", args=["x", "y"]))
    sign_up_and_verify(client, org_a, email="walker@example.nl")
    yield client.post(step_url("about"), {})  # every error of the first step
    client.post(step_url("about"), {**ABOUT, "newcomer": "on"})
    yield client.get(step_url("languages"))
    client.post(step_url("languages"), LANGUAGES)
    yield client.post(step_url("newcomer"), {"consulent_consent": "on"})
    client.post(step_url("newcomer"), {"route": "z_route", "dutch_level": "1"})
    for key, wrong, right in [
        ("availability", {"hours_per_week": "99"}, AVAILABILITY),
        ("activities", {"interests": "x" * 60}, ACTIVITIES),
        ("background", {"background": "Syrisch"}, BACKGROUND),
        ("contact", {}, CONTACT),
    ]:
        yield client.post(step_url(key), wrong)  # its error messages
        assert client.post(step_url(key), right).status_code == 302
    yield client.post(step_url("confirm"), {})
    client.post(step_url("confirm"), {"privacy": "on"})
    yield client.get(reverse("volunteers:mine"))
    for key in ("about", "languages", "newcomer", "availability", "activities", "background",
                "contact"):
        yield client.get(reverse("volunteers:mine_edit", args=[key]))
    yield client.get(reverse("volunteers:mine_pause"))
    yield client.post(reverse("volunteers:mine_pause"), {"until": "2000-01-01"})
    yield client.get(reverse("volunteers:mine_erase"))
    yield client.get(reverse("journey:mine"))
    yield client.get(reverse("placements:mine"))
    yield client.get(reverse("account_change_password"))
    client.post(reverse("volunteers:mine_erase"), {"password": PASSWORD})
    yield client.get(reverse("volunteers:goodbye"))


@pytest.mark.parametrize("language", ["ar", "tr", "uk"])
def test_no_portal_page_shows_a_dutch_sentence(client, org_a, language):
    dutch = portal_msgids()
    in_language(client, language)
    for response in walk_the_portal(client, org_a):
        assert response.status_code in {200, 404}, response.request["PATH_INFO"]
        html = response.content.decode()
        assert f'lang="{language}"' in html, response.request["PATH_INFO"]
        shown = sorted(text for text in dutch if text in html)
        assert not shown, (response.request["PATH_INFO"], shown[:5])


def test_every_template_of_the_portal_is_in_the_translation_check(client, org_a):
    """A template added to a volunteer page must be declared in scripts/translations.py."""
    in_language(client, "ar")
    used = set()
    for response in walk_the_portal(client, org_a):
        for template in getattr(response, "templates", []):
            origin = getattr(template.origin, "name", "") or ""
            if origin.startswith(str(ROOT)) and ".venv" not in origin:
                used.add(str(Path(origin).relative_to(ROOT)))
    assert "volunteers/templates/volunteers/steps/newcomer.html" in used
    undeclared = sorted(path for path in used if not translations.is_portal_source(path))
    assert undeclared == []
