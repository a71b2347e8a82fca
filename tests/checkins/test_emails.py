"""The check-in e-mails: plain text and HTML, in the person's language, with the
organisation's word for a volunteer towards caregivers."""

import pytest
from django.core import mail

from checkins.services import checkins_plan, checkins_send_due_inline

from .conftest import START, at

pytestmark = pytest.mark.django_db


def send(match):
    checkins_plan(match=match, now=START)
    checkins_send_due_inline(now=at(2026, 3, 17))
    return {m.to[0]: m for m in mail.outbox}


def test_dutch_by_default_with_three_answers_and_html(match):
    sent = send(match)
    volunteer = sent["vrijwilliger@a.example"]
    assert volunteer.subject == "Hoe gaat het?"
    assert "Hallo Sara," in volunteer.body
    for label in ("Goed:", "Kan beter:", "Niet goed:"):
        assert label in volunteer.body
    html = volunteer.alternatives[0][0]
    assert html.count('class="button"') == 3
    caregiver = sent["jansen@example.nl"]
    assert "Beste Mevrouw Jansen," in caregiver.body and "uw vrijwilliger" in caregiver.body


@pytest.mark.parametrize("language,subject,greeting", [
    ("en", "How are things going?", "Hello Sara,"),
    ("ar", None, None),
    ("tr", None, None),
    ("uk", None, None),
])
def test_the_volunteer_reads_it_in_their_language(match, volunteer_a, language, subject,
                                                  greeting):
    volunteer_a.user.language = language
    volunteer_a.user.save()
    message = send(match)["vrijwilliger@a.example"]
    assert message.subject != "Hoe gaat het?"
    assert "Hallo Sara" not in message.body
    if subject:
        assert message.subject == subject and greeting in message.body


def test_caregivers_in_english_and_with_the_organisations_word(match, org_a):
    org_a.volunteer_word = "buddy"
    org_a.save()
    caregiver = match.request.caregiver
    caregiver.language = "en"
    caregiver.save()
    message = send(match)["jansen@example.nl"]
    assert "Dear Mevrouw Jansen," in message.body and "Your buddy has been helping" in message.body


def test_the_message_id_is_stored_and_made_from_the_row(match):
    from checkins.models import CheckIn

    send(match)
    row = CheckIn.objects.get(party="volunteer", moment="d14")
    message = mail.outbox[[m.to[0] for m in mail.outbox].index("vrijwilliger@a.example")]
    assert message.extra_headers["Message-ID"] == row.message_id
    assert row.message_id.startswith(f"<checkin-{row.pk}-first.")
