"""The matchmaker's pages: who may see them, and what a matchmaker does on them."""

import pytest
from django.urls import reverse

from core.models import AuditEvent
from matchmaking.models import Match, MatchingWeights, Rejection
from matchmaking.scoring import CRITERIA
from tests.factories import HelpRequestFactory

from .conftest import ZEIST

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(volunteer, help_request):
    """A Turkish-speaking family with little Dutch, and three volunteers."""
    people = {
        "ayse": volunteer("ayse@example.nl", first_name="Ayse", last_name="Kaya",
                          languages={"tr": "native", "nl": "B1"}),
        "jan": volunteer("jan@example.nl", first_name="Jan", last_name="Smit"),
        "tom": volunteer("tom@example.nl", first_name="Tom", last_name="Bos",
                         slots=["sun:evening"]),
    }
    request = help_request("REQ-0042", languages={"tr": "native", "nl": "A2"})
    return request, people


def review_url(request):
    return reverse("matchmaking:review", args=[request.pk])


# --- who may see what ----------------------------------------------------------------------

def test_visitors_log_in_and_volunteers_get_403(anonymous_client, volunteer_a_client, scene):
    request, _people = scene
    for url in (reverse("matchmaking:queue"), review_url(request), reverse("matchmaking:pairing"),
                reverse("matchmaking:weights")):
        response = anonymous_client.get(url)
        assert response.status_code == 302 and "/account/login/" in response["Location"]
        assert volunteer_a_client.get(url).status_code == 403
    post = volunteer_a_client.post(reverse("matchmaking:propose", args=[request.pk]),
                                   {"volunteer": 1})
    assert post.status_code == 403


@pytest.mark.parametrize("persona", ["matchmaker_a_client", "coordinator_a_client", "admin_a_client"])
def test_matchmakers_coordinators_and_admins_work_on_matches(request, persona, scene):
    client = request.getfixturevalue(persona)
    help_request, _people = scene
    assert client.get(reverse("matchmaking:queue"), follow=True).status_code == 200
    assert client.get(review_url(help_request)).status_code == 200
    assert client.get(reverse("matchmaking:pairing")).status_code == 200


def test_another_organisation_gets_404(coordinator_b_client, scene):
    request, people = scene
    assert coordinator_b_client.get(review_url(request)).status_code == 404
    response = coordinator_b_client.post(reverse("matchmaking:propose", args=[request.pk]),
                                         {"volunteer": people["ayse"].pk})
    assert response.status_code == 404
    assert "REQ-0042" not in coordinator_b_client.get(reverse("matchmaking:queue"),
                                                      follow=True).content.decode()
    assert not Match.objects.exists()


def test_a_volunteer_of_another_organisation_cannot_be_posted(matchmaker_a_client, scene, volunteer_b):
    request, _people = scene
    response = matchmaker_a_client.post(reverse("matchmaking:propose", args=[request.pk]),
                                        {"volunteer": volunteer_b.pk})
    assert response.status_code == 404
    response = matchmaker_a_client.post(reverse("matchmaking:reject", args=[request.pk]),
                                        {"volunteer": volunteer_b.pk, "reason": "no_click"})
    assert response.status_code == 404
    assert not Match.objects.exists() and not Rejection.objects.exists()


def test_only_admins_set_the_weights(matchmaker_a_client, coordinator_a_client, admin_a_client):
    assert matchmaker_a_client.get(reverse("matchmaking:weights")).status_code == 403
    assert coordinator_a_client.get(reverse("matchmaking:weights")).status_code == 403
    assert admin_a_client.get(reverse("matchmaking:weights")).status_code == 200


# --- the review ----------------------------------------------------------------------------

def test_the_review_shows_ranked_candidates_with_bars_and_reasons(matchmaker_a_client, scene,
                                                                  matchmaker_a):
    request, people = scene
    response = matchmaker_a_client.get(review_url(request))
    page = response.content.decode()
    assert page.index("Ayse Kaya") < page.index("Jan Smit")
    assert "Tom Bos" not in page                         # excluded: shown only on demand
    assert 'role="progressbar"' in page and 'aria-valuenow="100"' in page
    assert "100%" in page                                # the number, not only the bar
    assert "Spreekt Turks als moedertaal, net als het gezin" in page
    assert "Gedeelde taal: Nederlands (vrijwilliger moedertaal, gezin A2)" in page
    for label in ("Motivatie", "Taal", "Cultuur", "Beschikbaarheid", "Afstand"):
        assert label in page
    viewed = AuditEvent.objects.filter(actor=matchmaker_a, action="view")
    assert {e.subject_id for e in viewed.filter(subject_type="volunteer")} == {
        people["ayse"].pk, people["jan"].pk}
    assert viewed.filter(subject_type="helprequest", subject_id=request.pk).exists()


def test_who_is_excluded_and_why_on_demand(matchmaker_a_client, scene):
    request, _people = scene
    page = matchmaker_a_client.get(review_url(request) + "?uitgesloten=1").content.decode()
    assert "Tom Bos" in page and "niet beschikbaar op de gevraagde tijden" in page
    partial = matchmaker_a_client.get(review_url(request) + "?uitgesloten=1",
                                      headers={"HX-Request": "true"})
    text = partial.content.decode()
    assert "<html" not in text and "Tom Bos" in text


def test_propose_then_the_proposal_is_pending(matchmaker_a_client, scene, matchmaker_a):
    request, people = scene
    response = matchmaker_a_client.post(reverse("matchmaking:propose", args=[request.pk]),
                                        {"volunteer": people["ayse"].pk, "note": "Belt morgen"})
    assert response.status_code == 302
    match = Match.objects.get()
    assert (match.volunteer, match.proposed_by, match.note) == (people["ayse"], matchmaker_a, "Belt morgen")
    page = matchmaker_a_client.get(review_url(request)).content.decode()
    assert "voorgesteld" in page and "Ayse Kaya is voorgesteld voor REQ-0042." in page
    # A second proposal while one is pending needs the matchmaker's explicit intent.
    response = matchmaker_a_client.post(reverse("matchmaking:propose", args=[request.pk]),
                                        {"volunteer": people["jan"].pk})
    assert response.status_code == 400
    assert "Voor deze hulpvraag loopt al een voorstel." in response.content.decode()
    assert Match.objects.count() == 1
    matchmaker_a_client.post(reverse("matchmaking:propose", args=[request.pk]),
                             {"volunteer": people["jan"].pk, "allow_parallel": "on"})
    assert Match.objects.count() == 2


def test_reject_with_a_reason_and_never_see_them_again(matchmaker_a_client, scene, matchmaker_a):
    request, people = scene
    response = matchmaker_a_client.post(reverse("matchmaking:reject", args=[request.pk]),
                                        {"volunteer": people["ayse"].pk, "reason": "distance"})
    assert response.status_code == 302
    rejection = Rejection.objects.get()
    assert (rejection.volunteer, rejection.reason, rejection.by) == (people["ayse"], "distance", matchmaker_a)
    page = matchmaker_a_client.get(review_url(request)).content.decode()
    suggestions = page[page.index("Suggesties"):page.index("Wie valt af")]
    assert "Ayse Kaya" not in suggestions and "Jan Smit" in suggestions
    rejected = page[page.index("Afgewezen voor deze hulpvraag"):]
    assert "Ayse Kaya" in rejected and "afstand" in rejected
    excluded = matchmaker_a_client.get(review_url(request) + "?uitgesloten=1").content.decode()
    assert "eerder afgewezen voor deze hulpvraag" in excluded


def test_reject_as_other_needs_an_explanation(matchmaker_a_client, scene):
    request, people = scene
    response = matchmaker_a_client.post(reverse("matchmaking:reject", args=[request.pk]),
                                        {"volunteer": people["jan"].pk, "reason": "other", "text": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Licht de reden &#x27;anders&#x27; kort toe." in page
    assert 'id="form-errors"' in page and " open>" in page      # the form stays open
    assert not Rejection.objects.exists()
    response = matchmaker_a_client.post(reverse("matchmaking:reject", args=[request.pk]),
                                        {"volunteer": people["jan"].pk, "reason": "no-such-reason"})
    assert response.status_code == 400 and not Rejection.objects.exists()


def test_the_queue_lists_open_requests_with_their_best_suggestion(matchmaker_a_client, scene, org_a):
    request, _people = scene
    HelpRequestFactory(organisation=org_a, reference="REQ-CLOSED", status="closed")
    page = matchmaker_a_client.get(reverse("matchmaking:queue"), follow=True).content.decode()
    assert "REQ-0042" in page and "Ayse Kaya" in page and "REQ-CLOSED" not in page
    assert "Geen klik" in page        # the rejection reasons, counted


# --- weights ---------------------------------------------------------------------------------

def test_changing_the_weights_changes_the_ranking_visibly(admin_a_client, volunteer, help_request):
    volunteer("speaker@example.nl", first_name="Spreker", last_name="Ver",
              languages={"tr": "native"}, location=ZEIST, max_distance_km=15)
    volunteer("neighbour@example.nl", first_name="Buur", last_name="Dichtbij",
              languages={"nl": "native"})
    request = help_request("REQ-0042", languages={"tr": "native", "nl": "B1"})
    page = admin_a_client.get(review_url(request)).content.decode()
    assert page.index("Spreker Ver") < page.index("Buur Dichtbij")
    values = {"motivation": 20, "language": 0, "culture": 10, "availability": 20, "distance": 60,
              "activity": 10, "capacity": 4, "fairness": 4}
    preview = admin_a_client.post(reverse("matchmaking:weights"),
                                  {**values, "bekijken": "1", "voorbeeld": request.pk})
    text = preview.content.decode()
    assert "Met deze gewichten" in text and not MatchingWeights.objects.exists()
    after = text[text.index("Met deze gewichten"):]
    assert after.index("Buur Dichtbij") < after.index("Spreker Ver")
    response = admin_a_client.post(reverse("matchmaking:weights"), {**values, "opslaan": "1"})
    assert response.status_code == 302
    page = admin_a_client.get(review_url(request)).content.decode()
    assert page.index("Buur Dichtbij") < page.index("Spreker Ver")
    assert "weegt 0%" in page


@pytest.mark.parametrize("change, message", [
    ({"language": 101}, "Kies een getal van 0 tot en met 100."),
    ({"language": "veel"}, "Kies een getal van 0 tot en met 100."),
    (dict.fromkeys(CRITERIA, 0), "Geef minstens één criterium een gewicht."),
])
def test_bad_weights_are_refused_with_a_message(admin_a_client, change, message):
    values = {"motivation": 20, "language": 20, "culture": 10, "availability": 20, "distance": 12,
              "activity": 10, "capacity": 4, "fairness": 4, **change, "opslaan": "1"}
    response = admin_a_client.post(reverse("matchmaking:weights"), values)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MatchingWeights.objects.exists()


# --- global pairing -------------------------------------------------------------------------

def test_global_pairing_previews_and_approves_pairing_by_pairing(matchmaker_a_client, volunteer,
                                                                 help_request):
    anna = volunteer("anna@example.nl", first_name="Anna", last_name="A", hours_per_week=2,
                     languages={"nl": "native", "tr": "native"})
    volunteer("bert@example.nl", first_name="Bert", last_name="B", hours_per_week=2)
    first = help_request("REQ-0001", languages={"nl": "native"})
    help_request("REQ-0002", languages={"tr": "native"})       # only Anna speaks Turkish
    page = matchmaker_a_client.get(reverse("matchmaking:pairing")).content.decode()
    assert "REQ-0001" in page and "REQ-0002" in page
    table = page[page.index("<tbody>"):]
    assert table.index("REQ-0001") < table.index("Bert B") < table.index("REQ-0002") < table.index("Anna A")
    response = matchmaker_a_client.post(reverse("matchmaking:pairing_approve"),
                                        {"request": first.pk, "volunteer": anna.pk})
    assert response.status_code == 302
    assert Match.objects.get().volunteer == anna
    page = matchmaker_a_client.get(reverse("matchmaking:pairing")).content.decode()
    assert "REQ-0001" not in page[page.index("<h1"):]      # it has a pending proposal now


def test_the_review_speaks_english_too(matchmaker_a_client, scene):
    request, _people = scene
    matchmaker_a_client.cookies["django_language"] = "en"
    page = matchmaker_a_client.get(review_url(request)).content.decode()
    assert "Speaks Turkish as a native speaker, like the family" in page
    assert "Shared language: Dutch (volunteer mother tongue, family A2)" in page
    assert "Available on Tuesday afternoon" in page


def test_a_volunteers_matches_for_staff_only(matchmaker_a_client, coordinator_b_client,
                                            volunteer_a_client, scene, matchmaker_a):
    from matchmaking import services

    request, people = scene
    services.match_propose(request=request, volunteer=people["ayse"], by=matchmaker_a)
    url = reverse("matchmaking:volunteer_matches", args=[people["ayse"].pk])
    page = matchmaker_a_client.get(url).content.decode()
    assert "REQ-0042" in page and "Voorgesteld" in page
    assert coordinator_b_client.get(url).status_code == 404
    assert volunteer_a_client.get(url).status_code == 403
