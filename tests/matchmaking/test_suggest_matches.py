"""`suggest_matches`: the JSON of VOCABULARY.md, and every criterion through the database."""

from datetime import timedelta

import pytest
from django.core.management import CommandError
from django.utils import timezone

from matchmaking import services
from matchmaking.models import Match, RejectionReason
from tests.factories import OrganisationFactory

from .conftest import AMERSFOORT, ZEIST, emails, suggest, suggest_text

pytestmark = pytest.mark.django_db


def test_the_json_has_exactly_the_agreed_shape(volunteer, help_request):
    volunteer("sara@example.nl", languages={"tr": "native", "nl": "C1"})
    volunteer("tom@example.nl", slots=["mon:morning"])
    help_request("REQ-0042", languages={"tr": "native", "nl": "A2"})
    payload = suggest("REQ-0042")
    assert set(payload) == {"request", "candidates"}
    assert payload["request"] == "REQ-0042"
    [candidate] = payload["candidates"]
    assert set(candidate) == {"volunteer", "score", "breakdown", "reasons"}
    assert candidate["volunteer"] == "sara@example.nl"
    assert 0 <= candidate["score"] <= 1
    assert {"motivation", "language", "culture", "availability", "distance"} <= set(candidate["breakdown"])
    assert all(0 <= v <= 1 for v in candidate["breakdown"].values())
    assert "Spreekt Turks als moedertaal, net als het gezin" in candidate["reasons"]
    assert "Beschikbaar op dinsdagmiddag" in candidate["reasons"]


def test_excluded_only_with_the_flag_and_with_reason_codes(volunteer, help_request):
    volunteer("sara@example.nl")
    volunteer("tom@example.nl", languages={"en": "native"})
    volunteer("ruud@example.nl", slots=["sun:evening"])
    volunteer("ida@example.nl", status="paused")
    help_request("REQ-0042")
    assert "excluded" not in suggest("REQ-0042")
    payload = suggest("REQ-0042", "--explain-excluded")
    assert payload["excluded"] == [
        {"volunteer": "ida@example.nl", "reason": "not_available"},
        {"volunteer": "ruud@example.nl", "reason": "no_slot_overlap"},
        {"volunteer": "tom@example.nl", "reason": "no_shared_language"},
    ]
    assert emails(payload) == ["sara@example.nl"]


def test_candidates_are_sorted_by_score_then_email(volunteer, help_request):
    for name in ("zoe", "anna", "bert"):
        volunteer(f"{name}@example.nl")
    volunteer("close@example.nl", slots=["tue:afternoon"], location=ZEIST)
    help_request("REQ-0042", slots=["tue:afternoon", "thu:afternoon"])
    candidates = suggest("REQ-0042")["candidates"]
    keys = [(-c["score"], c["volunteer"]) for c in candidates]
    assert keys == sorted(keys)
    assert emails({"candidates": candidates})[:3] == ["anna@example.nl", "bert@example.nl",
                                                      "zoe@example.nl"]


def test_limit_and_a_readable_table(volunteer, help_request):
    for i in range(5):
        volunteer(f"v{i}@example.nl")
    help_request("REQ-0042")
    assert len(suggest("REQ-0042", "--limit", "2")["candidates"]) == 2
    text = suggest_text("REQ-0042", "--limit", "3", "--explain-excluded")
    assert "REQ-0042" in text and "v0@example.nl" in text and "v3@example.nl" not in text
    assert "Beschikbaar op dinsdagmiddag" in text and "Uitgesloten: 0" in text


def test_an_unknown_reference_is_a_clear_error(help_request):
    help_request("REQ-0042")
    with pytest.raises(CommandError, match="Unknown help request 'REQ-9999'"):
        suggest("REQ-9999")


def test_the_organisation_option_follows_the_house_rules(org_a, volunteer, help_request):
    volunteer("sara@example.nl")
    help_request("REQ-0042")
    assert emails(suggest("REQ-0042")) == ["sara@example.nl"]     # only one organisation
    other = OrganisationFactory(slug="org-b")
    help_request("REQ-0042", organisation=other)
    with pytest.raises(CommandError, match="several organisations"):
        suggest("REQ-0042")
    assert emails(suggest("REQ-0042", "--organisation", "org-a")) == ["sara@example.nl"]
    assert emails(suggest("REQ-0042", "--organisation", "org-b")) == []
    with pytest.raises(CommandError, match="Unknown organisation"):
        suggest("REQ-0042", "--organisation", "nope")


def test_volunteers_of_another_organisation_are_never_suggested(org_a, volunteer, help_request):
    other = OrganisationFactory(slug="org-b")
    volunteer("theirs@example.nl", organisation=other)
    volunteer("ours@example.nl")
    help_request("REQ-0042")
    assert emails(suggest("REQ-0042", "--organisation", "org-a", "--explain-excluded")) == [
        "ours@example.nl"]


# --- the criteria through the database ---------------------------------------------------

def test_turkish_recipient_with_little_dutch(volunteer, help_request):
    volunteer("jan@example.nl", languages={"nl": "native"})
    volunteer("ayse@example.nl", languages={"tr": "native", "nl": "B1"})
    volunteer("ali@example.nl", languages={"tr": "A1", "en": "C1"})
    help_request("REQ-0042", languages={"tr": "native", "nl": "A2"})
    payload = suggest("REQ-0042", "--explain-excluded")
    assert emails(payload) == ["ayse@example.nl", "jan@example.nl"]
    assert payload["candidates"][0]["breakdown"]["language"] == 1.0
    assert payload["excluded"] == [{"volunteer": "ali@example.nl", "reason": "no_shared_language"}]
    assert ("Gedeelde taal: Nederlands (vrijwilliger moedertaal, gezin A2)"
            in payload["candidates"][1]["reasons"])


def test_same_background_wish_uses_only_consented_backgrounds(volunteer, help_request):
    now = timezone.now()
    volunteer("consented@example.nl", background="Turks", background_consent_at=now)
    # Stored without consent (should not happen, but never use it if it does).
    volunteer("no-consent@example.nl", background="Turks", background_consent_at=None)
    volunteer("trained@example.nl", intercultural_training=True)
    help_request("REQ-0042", culture_preference="same_background", background="turks",
                 background_consent_at=now)
    culture = {c["volunteer"]: c["breakdown"]["culture"] for c in suggest("REQ-0042")["candidates"]}
    assert culture["consented@example.nl"] > culture["trained@example.nl"] > culture["no-consent@example.nl"]
    assert emails(suggest("REQ-0042"))[0] == "consented@example.nl"


def test_same_background_falls_back_to_the_recipients_stated_background(volunteer, help_request):
    now = timezone.now()
    volunteer("same@example.nl", background="Marokkaans", background_consent_at=now)
    volunteer("other@example.nl", background="Pools", background_consent_at=now)
    req = help_request("REQ-0042", culture_preference="same_background")
    req.recipient.background, req.recipient.background_consent_at = "Marokkaans", now
    req.recipient.save()
    assert emails(suggest("REQ-0042"))[0] == "same@example.nl"


def test_open_wish_background_does_not_matter(volunteer, help_request):
    now = timezone.now()
    volunteer("a@example.nl", background="Turks", background_consent_at=now)
    volunteer("b@example.nl", background="Surinaams", background_consent_at=now,
              intercultural_training=True)
    volunteer("c@example.nl")
    help_request("REQ-0042", culture_preference="open", background="Turks", background_consent_at=now)
    candidates = suggest("REQ-0042")["candidates"]
    assert len({c["breakdown"]["culture"] for c in candidates}) == 1
    assert [c["volunteer"] for c in candidates] == ["a@example.nl", "b@example.nl", "c@example.nl"]
    assert len({c["score"] for c in candidates}) == 1


def test_gender_preference(volunteer, help_request):
    volunteer("fatima@example.nl", gender="female")
    volunteer("mohamed@example.nl", gender="male")
    help_request("REQ-0042", gender_preference="female")
    payload = suggest("REQ-0042", "--explain-excluded")
    assert emails(payload) == ["fatima@example.nl"]
    assert payload["excluded"] == [{"volunteer": "mohamed@example.nl", "reason": "gender_preference"}]


def test_volunteer_beyond_their_distance(volunteer, help_request):
    volunteer("far@example.nl", location=AMERSFOORT, max_distance_km=10)
    volunteer("willing@example.nl", location=AMERSFOORT, max_distance_km=30)
    volunteer("near@example.nl")
    help_request("REQ-0042")
    payload = suggest("REQ-0042", "--explain-excluded")
    assert emails(payload) == ["near@example.nl", "willing@example.nl"]
    assert payload["excluded"] == [{"volunteer": "far@example.nl", "reason": "too_far"}]
    assert any(r.startswith("Woont op 19,") for r in payload["candidates"][1]["reasons"])


def test_schedule_with_no_overlap(volunteer, help_request):
    volunteer("evenings@example.nl", slots=["tue:evening", "thu:evening"])
    volunteer("tuesday@example.nl", slots=["tue:afternoon"])
    help_request("REQ-0042", slots=["tue:afternoon", "thu:afternoon"])
    payload = suggest("REQ-0042", "--explain-excluded")
    assert emails(payload) == ["tuesday@example.nl"]
    assert payload["excluded"] == [{"volunteer": "evenings@example.nl", "reason": "no_slot_overlap"}]
    assert ("Beschikbaar op dinsdagmiddag (1 van de 2 gevraagde dagdelen)"
            in payload["candidates"][0]["reasons"])


def test_rejected_volunteer_is_never_suggested_again(volunteer, help_request, matchmaker_a):
    sara = volunteer("sara@example.nl")
    volunteer("tom@example.nl")
    req = help_request("REQ-0042")
    services.rejection_create(request=req, volunteer=sara, reason=RejectionReason.NO_CLICK,
                              by=matchmaker_a)
    payload = suggest("REQ-0042", "--explain-excluded")
    assert emails(payload) == ["tom@example.nl"]
    assert payload["excluded"] == [{"volunteer": "sara@example.nl", "reason": "rejected_before"}]
    # ... for this request only.
    help_request("REQ-0043")
    assert emails(suggest("REQ-0043")) == ["sara@example.nl", "tom@example.nl"]


def test_volunteer_at_capacity(volunteer, help_request, matchmaker_a):
    busy = volunteer("busy@example.nl", hours_per_week=2)
    volunteer("free@example.nl", hours_per_week=2)
    first = help_request("REQ-0001")
    services.match_propose(request=first, volunteer=busy, by=matchmaker_a)
    help_request("REQ-0042")
    payload = suggest("REQ-0042", "--explain-excluded")
    assert emails(payload) == ["free@example.nl"]
    assert payload["excluded"] == [{"volunteer": "busy@example.nl", "reason": "no_capacity"}]
    # For the request it was proposed for, their own match does not count against them.
    assert "busy@example.nl" in emails(suggest("REQ-0001"))


def test_motivation_fit(volunteer, help_request):
    volunteer("amal@example.nl", motivations=["practice_dutch"], languages={"nl": "B1", "ar": "native"})
    volunteer("henk@example.nl", motivations=["use_skills"])
    help_request("REQ-0042", activities=["language_buddy"], languages={"nl": "native"})
    help_request("REQ-0043", activities=["administration"], languages={"nl": "native"})
    buddy = {c["volunteer"]: c["breakdown"]["motivation"] for c in suggest("REQ-0042")["candidates"]}
    paperwork = {c["volunteer"]: c["breakdown"]["motivation"] for c in suggest("REQ-0043")["candidates"]}
    assert buddy["amal@example.nl"] > buddy["henk@example.nl"]
    assert paperwork["henk@example.nl"] > paperwork["amal@example.nl"]
    assert "Motivatie (mijn kennis en vaardigheden inzetten) past goed bij administratie, post, " \
           "geldzaken" in next(c for c in suggest("REQ-0043")["candidates"]
                               if c["volunteer"] == "henk@example.nl")["reasons"]


def test_shared_interests_are_found_whatever_the_case_or_accents(volunteer, help_request):
    volunteer("a@example.nl", interests=["Muziek", "café bezoeken"])
    volunteer("b@example.nl", interests=["voetbal"])
    help_request("REQ-0042", interests=["muziek", "Café bezoeken"])
    candidates = suggest("REQ-0042")["candidates"]
    assert candidates[0]["volunteer"] == "a@example.nl"
    assert "Deelt interesse: muziek en café bezoeken" in candidates[0]["reasons"]


def test_fairness_for_volunteers_waiting_for_a_first_match(volunteer, help_request):
    long_ago = timezone.now() - timedelta(days=300)
    volunteer("waiting@example.nl", signed_up_at=long_ago)
    volunteer("new@example.nl")
    help_request("REQ-0042")
    candidates = suggest("REQ-0042")["candidates"]
    assert candidates[0]["volunteer"] == "waiting@example.nl"
    assert "Wacht al 300 dagen op een eerste koppeling" in candidates[0]["reasons"]


def test_a_volunteer_with_a_started_match_no_longer_waits_for_a_first(volunteer, help_request,
                                                                       matchmaker_a):
    long_ago = timezone.now() - timedelta(days=300)
    sara = volunteer("sara@example.nl", signed_up_at=long_ago, hours_per_week=10)
    first = help_request("REQ-0001")
    match = services.match_propose(request=first, volunteer=sara, by=matchmaker_a)
    for status in ("volunteer_accepted", "caregiver_accepted", "introduction_planned", "active"):
        services.match_transition(match=match, to_status=status, by=matchmaker_a)
    help_request("REQ-0042")
    [candidate] = suggest("REQ-0042")["candidates"]
    assert candidate["breakdown"]["fairness"] == 0.0
    assert Match.objects.get().status == "active"
