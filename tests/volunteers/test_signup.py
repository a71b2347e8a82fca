"""The public welcome page and the signup wizard, driven through the test client as a new
volunteer would: sign up, verify the e-mail, walk every step, land in Mijn Koppel."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from core.models import User
from core.vocabulary import LEVEL_ORDER
from volunteers.models import Volunteer

from ..factories import OrganisationFactory
from .helpers import links_in, load_postcodes, path_of

PASSWORD = "een-lang-wachtwoord"


@pytest.fixture
def postcodes(db):
    load_postcodes()


def sign_up_and_verify(client, org, email="nieuw@example.nl"):
    """The account step: allauth signup, then the link from the verification e-mail."""
    response = client.get(reverse("volunteers:signup_start", args=[org.slug]))
    assert response.status_code == 302
    signup_url = response["Location"]
    assert signup_url.startswith(reverse("account_signup"))
    response = client.post(signup_url, {"email": email, "password1": PASSWORD,
                                        "password2": PASSWORD})
    assert response.status_code == 302
    confirm = next(link for link in links_in(mail.outbox[-1]) if "confirm-email" in link)
    response = client.post(path_of(confirm))
    assert response.status_code == 302
    return response


ABOUT = {"first_name": "Noor", "last_name": "Bakker", "phone": "06 1234 5678",
         "postcode": "3511ab", "max_distance_km": "5", "gender": "female", "birth_year": "1990"}
LANGUAGES = {
    "languages-TOTAL_FORMS": "3", "languages-INITIAL_FORMS": "1",
    "languages-MIN_NUM_FORMS": "0", "languages-MAX_NUM_FORMS": "20",
    "languages-0-language": "nl", "languages-0-level": str(LEVEL_ORDER["B1"]),
    "languages-1-language": "ar", "languages-1-level": str(LEVEL_ORDER["native"]),
    "languages-2-language": "", "languages-2-level": "",
}
AVAILABILITY = {"slots": ["tue:afternoon", "thu:evening"], "hours_per_week": "3",
                "commitment": "long"}
ACTIVITIES = {"activities": ["companionship", "walking"], "interests": "wandelen, koken",
              "motivations": ["help_others", "practice_dutch"]}
BACKGROUND = {"background": "Marokkaans", "consent": "on"}
CONTACT = {"contact_channel": "whatsapp", "reminders": "yes"}


def step_url(key):
    return reverse("volunteers:signup_step", args=[key])


def test_welcome_page_speaks_plainly_and_offers_signup(client, org_a):
    response = client.get(reverse("volunteers:welcome"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Zo gaat het" in content
    assert reverse("volunteers:signup_start", args=[org_a.slug]) in content


def test_welcome_page_lets_the_visitor_pick_among_several_organisations(client, org_a, org_b):
    content = client.get(reverse("volunteers:welcome")).content.decode()
    assert escape(org_a.name) in content and escape(org_b.name) in content
    assert reverse("volunteers:welcome_organisation", args=[org_b.slug]) in content
    content = client.get(reverse("volunteers:welcome_organisation",
                                 args=[org_b.slug])).content.decode()
    assert reverse("volunteers:signup_start", args=[org_b.slug]) in content
    assert client.get("/vrijwilliger-worden/bestaat-niet/").status_code == 404


def test_welcome_page_in_english(client, org_a):
    client.cookies["django_language"] = "en"
    content = client.get(reverse("volunteers:welcome")).content.decode()
    assert "How it works" in content


def test_home_page_links_to_the_welcome_page(client, org_a):
    content = client.get("/").content.decode()
    assert reverse("volunteers:welcome") in content


def test_full_signup_through_every_step(client, org_a, org_b, postcodes,
                                        django_capture_on_commit_callbacks):
    response = sign_up_and_verify(client, org_b)
    # After verifying, the volunteer is logged in and back in the wizard.
    assert response["Location"] == reverse("volunteers:signup")
    user = User.objects.get(email="nieuw@example.nl")
    assert client.session["_auth_user_id"] == str(user.pk)
    response = client.get(reverse("volunteers:signup"))
    assert response["Location"] == step_url("about")

    response = client.get(step_url("about"))
    content = response.content.decode()
    assert "Stap 2 van 8" in content and 'aria-current="step"' in content

    steps = [("about", ABOUT, "languages"), ("languages", LANGUAGES, "availability"),
             ("availability", AVAILABILITY, "activities"), ("activities", ACTIVITIES,
                                                             "background"),
             ("background", BACKGROUND, "contact"), ("contact", CONTACT, "confirm")]
    for key, data, following in steps:
        response = client.post(step_url(key), data)
        assert response.status_code == 302, (key, response.content.decode()[:3000])
        assert response["Location"] == step_url(following)
        assert Volunteer.objects.get(user=user).signup_step == following

    # The confirm step shows everything typed, and needs the privacy statement.
    content = client.get(step_url("confirm")).content.decode()
    for text in ("Noor Bakker", "3511 AB", "dinsdagmiddag", "Marokkaans", "WhatsApp"):
        assert text in content
    response = client.post(step_url("confirm"), {})
    assert response.status_code == 200
    assert "Zet een vinkje" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(step_url("confirm"), {"privacy": "on"})
    assert response["Location"] == reverse("volunteers:mine")

    volunteer = Volunteer.objects.get(user=user)
    assert volunteer.organisation == org_b  # the organisation chosen on the welcome page
    assert volunteer.status == Volunteer.Status.INTAKE
    assert volunteer.signup_step == "" and volunteer.signed_up_at is not None
    assert volunteer.privacy_accepted_at is not None
    assert (volunteer.postcode, volunteer.latitude) == ("3511 AB", 52.0929)
    assert volunteer.phone == "06 1234 5678" and volunteer.birth_year == 1990
    assert dict(volunteer.languages.values_list("language", "level")) == {
        "nl": LEVEL_ORDER["B1"], "ar": LEVEL_ORDER["native"]}
    assert volunteer.slots == ["tue:afternoon", "thu:evening"]
    assert volunteer.activities == ["companionship", "walking"]
    assert volunteer.motivations == ["help_others", "practice_dutch"]
    assert volunteer.interests == ["wandelen", "koken"]
    assert volunteer.background == "Marokkaans" and volunteer.has_background_consent
    assert volunteer.contact_channel == "whatsapp" and volunteer.reminders is True
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Noor", "Bakker")

    # A welcome e-mail, and Mijn Koppel shows the profile.
    assert "Welkom" in mail.outbox[-1].subject
    content = client.get(reverse("volunteers:mine")).content.decode()
    for text in ("Hallo Noor", "Arabisch", "B1", "dinsdagmiddag", "donderdagavond",
                 "wandelen, koken", "Marokkaans", "Je aanmelding is binnen"):
        assert text in content, text


def test_signed_up_signal_is_sent_once_on_confirm(client, org_a, postcodes):
    from volunteers.signals import volunteer_signed_up

    received = []

    def receiver(sender, volunteer, **kwargs):
        received.append(volunteer.status)

    volunteer_signed_up.connect(receiver)
    try:
        sign_up_and_verify(client, org_a)
        for key, data in (("about", ABOUT), ("languages", LANGUAGES),
                          ("availability", AVAILABILITY), ("activities", ACTIVITIES),
                          ("background", {}), ("contact", CONTACT)):
            client.post(step_url(key), data)
        assert received == []
        client.post(step_url("confirm"), {"privacy": "on"})
    finally:
        volunteer_signed_up.disconnect(receiver)
    assert received == ["intake"]


def test_an_unknown_postcode_is_fine_and_said_so(client, org_a, postcodes):
    sign_up_and_verify(client, org_a)
    response = client.post(step_url("about"), {**ABOUT, "postcode": "9999 zz"}, follow=True)
    assert "Deze postcode kennen we nog niet" in response.content.decode()
    volunteer = Volunteer.objects.get()
    assert volunteer.postcode == "9999 ZZ" and volunteer.latitude is None


def test_steps_keep_what_was_typed_and_explain_the_problem(client, org_a, postcodes):
    sign_up_and_verify(client, org_a)
    response = client.post(step_url("about"), {**ABOUT, "postcode": "12345", "birth_year": "1700"})
    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="Noor"' in content and 'value="12345"' in content
    assert "Geen geldige postcode" in content and "geboortejaar" in content.lower()
    assert not Volunteer.objects.exists()

    client.post(step_url("about"), ABOUT)
    response = client.post(step_url("languages"), {
        **LANGUAGES, "languages-1-language": "nl", "languages-1-level": "2"})
    assert "twee keer" in response.content.decode()
    response = client.post(step_url("languages"), {
        **LANGUAGES, "languages-0-level": "", "languages-1-language": ""})
    assert "Kies hoe goed je deze taal spreekt" in response.content.decode()

    client.post(step_url("languages"), LANGUAGES)
    response = client.post(step_url("availability"), {"hours_per_week": "99"})
    content = response.content.decode()
    assert "Kies minstens één dagdeel" in content and "uren" in content
    # The grid is a real table with a label for every checkbox.
    assert '<th scope="col"' in content and '<th scope="row">' in content
    assert content.count('type="checkbox" name="slots"') == 21
    assert "maandagochtend" in content

    response = client.post(step_url("availability"), {**AVAILABILITY, "hours_per_week": "x"})
    assert 'value="tue:afternoon" id="id_slot_2_2" checked' in response.content.decode()


def test_add_a_language_row_without_javascript(client, org_a, postcodes):
    sign_up_and_verify(client, org_a)
    client.post(step_url("about"), ABOUT)
    response = client.post(step_url("languages"), {**LANGUAGES, "add_language": "1"})
    content = response.content.decode()
    assert response.status_code == 200
    assert 'name="languages-TOTAL_FORMS" value="3"' in content  # two typed + one empty
    assert "Taal 3" in content and "Taal 4" not in content
    assert Volunteer.objects.get().signup_step == "languages"  # nothing saved yet


def test_leave_and_resume_where_you_left_off(client, org_a, postcodes):
    sign_up_and_verify(client, org_a)
    client.post(step_url("about"), ABOUT)
    client.post(step_url("languages"), LANGUAGES)
    client.logout()

    response = client.post(reverse("account_login"), {"login": "nieuw@example.nl",
                                                      "password": PASSWORD})
    assert response.status_code == 302
    # Home, Mijn Koppel and the wizard all lead back to the step where they stopped.
    assert client.get("/", follow=True).redirect_chain[-1][0] == step_url("availability")
    assert client.get(reverse("volunteers:mine"))["Location"] == step_url("availability")
    # Later steps are not reachable yet; earlier ones are, with what was saved.
    assert client.get(step_url("contact"))["Location"] == step_url("availability")
    content = client.get(step_url("about")).content.decode()
    assert 'value="Noor"' in content


def test_background_without_consent_stores_nothing(client, org_a, postcodes):
    sign_up_and_verify(client, org_a)
    for key, data in (("about", ABOUT), ("languages", LANGUAGES), ("availability", AVAILABILITY),
                      ("activities", ACTIVITIES)):
        client.post(step_url(key), data)
    response = client.post(step_url("background"), {"background": "Marokkaans"})
    assert response.status_code == 200
    assert "geen toestemming" in response.content.decode()
    assert Volunteer.objects.get().background == ""
    # Skipping it (both empty) is fine.
    response = client.post(step_url("background"), {})
    assert response["Location"] == step_url("contact")
    volunteer = Volunteer.objects.get()
    assert volunteer.background == "" and volunteer.background_consent_at is None


def test_whatsapp_needs_a_phone_number(client, org_a, postcodes):
    sign_up_and_verify(client, org_a)
    for key, data in (("about", {**ABOUT, "phone": ""}), ("languages", LANGUAGES),
                      ("availability", AVAILABILITY), ("activities", ACTIVITIES),
                      ("background", {})):
        client.post(step_url(key), data)
    response = client.post(step_url("contact"), CONTACT)
    assert response.status_code == 200
    assert "telefoonnummer" in response.content.decode()
    assert client.post(step_url("contact"), {**CONTACT, "contact_channel": "email"}).status_code == 302


def test_without_a_chosen_organisation_the_only_one_is_used(client, org_a, postcodes):
    client.post(reverse("account_signup"), {"email": "los@example.nl", "password1": PASSWORD,
                                            "password2": PASSWORD})
    client.post(path_of(next(x for x in links_in(mail.outbox[-1]) if "confirm-email" in x)))
    client.post(step_url("about"), ABOUT)
    assert Volunteer.objects.get().organisation == org_a


def test_with_several_organisations_and_none_chosen_the_visitor_picks_first(client, org_a,
                                                                           org_b):
    client.post(reverse("account_signup"), {"email": "los@example.nl", "password1": PASSWORD,
                                            "password2": PASSWORD})
    client.post(path_of(next(x for x in links_in(mail.outbox[-1]) if "confirm-email" in x)))
    response = client.get(step_url("about"))
    assert response["Location"] == reverse("volunteers:welcome")
    response = client.get(reverse("volunteers:signup_start", args=[org_b.slug]))
    assert response["Location"] == reverse("volunteers:signup")


def test_unverified_account_cannot_enter_the_wizard(client, org_a):
    client.get(reverse("volunteers:signup_start", args=[org_a.slug]))
    client.post(reverse("account_signup"), {"email": "nieuw@example.nl", "password1": PASSWORD,
                                            "password2": PASSWORD})
    response = client.get(step_url("about"))
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")


def test_staff_cannot_sign_up_as_volunteer(coordinator_a_client):
    assert coordinator_a_client.get(step_url("about")).status_code == 403
    assert coordinator_a_client.get(reverse("volunteers:mine")).status_code == 403


def test_unknown_step_is_404(volunteer_a_client):
    assert volunteer_a_client.get("/vrijwilliger-worden/aanmelden/bestaat-niet/").status_code == 404


def test_finished_volunteer_is_sent_to_mijn_koppel(volunteer_a_client):
    response = volunteer_a_client.get(step_url("about"))
    assert response["Location"] == reverse("volunteers:mine")


def test_signup_start_for_an_unknown_organisation_is_404(client, db):
    OrganisationFactory(slug="echt")
    assert client.get("/vrijwilliger-worden/nep/aanmelden/").status_code == 404


JUNK = [
    {},
    {"languages-TOTAL_FORMS": "abc", "languages-INITIAL_FORMS": "x", "add_language": "1"},
    {"languages-TOTAL_FORMS": "100000", "languages-INITIAL_FORMS": "0"},
    {"languages-TOTAL_FORMS": "1", "languages-INITIAL_FORMS": "0",
     "languages-0-language": "klingon", "languages-0-level": "99"},
    {"slots": ["mon:night", "'; DROP TABLE"], "hours_per_week": "1e9", "commitment": "forever"},
    {"first_name": "x" * 5000, "postcode": "\x00", "max_distance_km": "99999999999999999999",
     "birth_year": "-1", "gender": "robot"},
    {"activities": ["flying"], "motivations": [""], "interests": "a," * 400},
    {"background": "x" * 500, "consent": "maybe"},
    {"contact_channel": "pigeon", "reminders": "perhaps"},
    {"privacy": ["on", "off"]},
]


@pytest.mark.parametrize("junk", JUNK)
def test_no_input_makes_a_step_fail_with_a_server_error(client, org_a, postcodes, junk):
    sign_up_and_verify(client, org_a)
    client.post(step_url("about"), ABOUT)
    for key in ("about", "languages"):
        response = client.post(step_url(key), junk)
        assert response.status_code in (200, 302), (key, response.status_code)
    volunteer = Volunteer.objects.get()
    for key in ("availability", "activities", "background", "contact", "confirm"):
        volunteer.signup_step = key
        volunteer.save()
        response = client.post(step_url(key), junk)
        assert response.status_code in (200, 302), (key, response.status_code)
