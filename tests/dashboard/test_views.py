"""The coordinator home and the matchmaker's queue: who gets in, what they see, the
filters, the CSV files and the charts' text alternative."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import Postcode
from dashboard.models import TopSuggestion
from dashboard.services import top_suggestions_refresh
from journey.models import JourneyStep
from matchmaking.models import Match, Rejection
from tests.factories import HelpRequestFactory, UserFactory, VolunteerFactory

HOME = "dashboard:home"
QUEUE = "dashboard:queue"


@pytest.fixture
def areas(db):
    Postcode.objects.bulk_create([
        Postcode(code="3511", latitude=52.0929, longitude=5.1145, name="Binnenstad"),
        Postcode(code="3531", latitude=52.0900, longitude=5.0900, name="Lombok"),
    ])


@pytest.fixture
def scene(org_a, areas, coordinator_a):
    """Two open requests in two neighbourhoods, a volunteer who fits both, an active and an
    ended match, a declined proposal with its reason."""
    now = timezone.now()
    volunteer = VolunteerFactory(organisation=org_a, user=UserFactory(email="ayse@example.nl"),
                                 first_name="Ayse", last_name="Kaya")
    centre = HelpRequestFactory(organisation=org_a, reference="REQ-CENTRUM", postcode="3511 AB",
                                received_at=now - timedelta(days=40))
    lombok = HelpRequestFactory(organisation=org_a, reference="REQ-LOMBOK", postcode="3531 CD",
                                received_at=now - timedelta(days=3))
    other = VolunteerFactory(organisation=org_a, user=UserFactory(email="jan@example.nl"),
                             first_name="Jan", last_name="Smit")
    done = HelpRequestFactory(organisation=org_a, reference="REQ-KLAAR", status="matched",
                              postcode="3531 CD")
    Match.objects.create(organisation=org_a, request=done, volunteer=other, status="active",
                         score=0.8, active_at=now - timedelta(days=20),
                         durable_at=now - timedelta(days=1))
    Match.objects.create(organisation=org_a, request=done, volunteer=volunteer, status="ended",
                         score=0.7, active_at=now - timedelta(days=90),
                         ended_at=now - timedelta(days=30), end_reason_code="volunteer_stopped")
    declined = Match.objects.create(organisation=org_a, request=lombok, volunteer=other,
                                    status="declined", score=0.6, declined_at=now)
    Rejection.objects.create(organisation=org_a, request=lombok, volunteer=other, match=declined,
                             reason="distance", at=now)
    return {"volunteer": volunteer, "centre": centre, "lombok": lombok}


# --- who may see what ----------------------------------------------------------------------

@pytest.mark.parametrize("persona", ["coordinator_a_client", "matchmaker_a_client",
                                     "admin_a_client"])
def test_staff_of_the_organisation_see_both_dashboards(request, persona, scene):
    client = request.getfixturevalue(persona)
    assert client.get(reverse(HOME)).status_code == 200
    assert client.get(reverse(QUEUE)).status_code == 200
    assert client.get(reverse("dashboard:export", args=["wachtrij"])).status_code == 200


def test_volunteers_get_403_and_visitors_log_in(volunteer_a_client, anonymous_client, scene):
    for url in (reverse(HOME), reverse(QUEUE), reverse("dashboard:export", args=["cijfers"])):
        assert volunteer_a_client.get(url).status_code == 403
        response = anonymous_client.get(url)
        assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_another_organisation_sees_none_of_it(coordinator_b_client, scene):
    page = coordinator_b_client.get(reverse(QUEUE)).content.decode()
    assert "REQ-CENTRUM" not in page
    csv = coordinator_b_client.get(reverse("dashboard:export", args=["wachtrij"])).content.decode()
    assert "REQ-CENTRUM" not in csv
    assert coordinator_b_client.get(reverse("dashboard:export", args=["bestaat-niet"])).status_code == 404


def test_the_old_queue_address_leads_to_the_one_queue(matchmaker_a_client, scene):
    response = matchmaker_a_client.get(reverse("matchmaking:queue") + "?pagina=1")
    assert response.status_code == 302 and response["Location"] == reverse(QUEUE) + "?pagina=1"


# --- the coordinator home ------------------------------------------------------------------

def test_the_home_shows_cards_charts_and_my_worklist(coordinator_a_client, coordinator_a, scene):
    top_suggestions_refresh(organisation=scene["centre"].organisation)
    page = coordinator_a_client.get(reverse(HOME)).content.decode()
    for text in ("Open hulpvragen", "mediaan 22 dagen wachten", "Suggesties te beoordelen",
                 "Actieve koppelingen", "waarvan 1 duurzaam", "Instroom wacht te lang",
                 "Koppelingen gestart en beëindigd per maand", "Wachttijd van open hulpvragen",
                 "Waarom voorstellen niet doorgingen", "Waarom koppelingen stopten",
                 "Vrijwilliger stopt", "Afstand"):
        assert text in page, text


def test_every_chart_has_a_text_alternative(coordinator_a_client, scene):
    page = coordinator_a_client.get(reverse(HOME)).content.decode()
    assert page.count('<svg class="chart-svg"') >= 5
    assert page.count('role="img"') == page.count("<desc id=")
    # the numbers are in the <desc> and in a table, not only in the picture
    assert "<desc id=\"chart-waiting-desc\">" in page
    assert 'Afstand: 1' in page
    assert page.count("<summary>Als tabel</summary>") == page.count('<svg class="chart-svg"')


def test_the_worklist_lists_my_actions_overdue_first_with_one_click(coordinator_a_client,
                                                                    coordinator_a, org_a):
    late = VolunteerFactory(organisation=org_a, first_name="Laat", last_name="Eerst",
                            status="intake", user=UserFactory(email="laat@example.nl"))
    later = VolunteerFactory(organisation=org_a, first_name="Nog", last_name="Even",
                             status="intake", user=UserFactory(email="nog@example.nl"))
    today = timezone.localdate()
    JourneyStep.objects.filter(journey__volunteer=late).update(owner=coordinator_a,
                                                               due_date=today - timedelta(days=5))
    JourneyStep.objects.filter(journey__volunteer=later).update(owner=coordinator_a,
                                                                due_date=today + timedelta(days=5))
    page = coordinator_a_client.get(reverse(HOME)).content.decode()
    assert page.index("Laat Eerst") < page.index("Nog Even")
    assert "5 dagen te laat" in page
    step = JourneyStep.objects.filter(journey__volunteer=late, completed_at=None).first()
    assert reverse("journey:step_complete", args=[step.pk]) in page
    response = coordinator_a_client.post(reverse("journey:step_complete", args=[step.pk]),
                                         {"next": reverse(HOME)})
    assert response.status_code == 302 and response["Location"] == reverse(HOME)
    step.refresh_from_db()
    assert step.completed_at is not None


def test_a_matchmaker_sees_the_worklist_without_buttons_they_may_not_use(matchmaker_a_client,
                                                                       matchmaker_a, org_a):
    volunteer = VolunteerFactory(organisation=org_a, status="intake",
                                 user=UserFactory(email="x@example.nl"))
    JourneyStep.objects.filter(journey__volunteer=volunteer).update(owner=matchmaker_a)
    page = matchmaker_a_client.get(reverse(HOME)).content.decode()
    assert "step_complete" not in page and "/afronden/" not in page


def test_filtering_by_neighbourhood_narrows_cards_and_lists(matchmaker_a_client, scene):
    everything = matchmaker_a_client.get(reverse(QUEUE)).content.decode()
    assert "REQ-CENTRUM" in everything and "REQ-LOMBOK" in everything
    lombok = matchmaker_a_client.get(reverse(QUEUE) + "?wijk=Lombok").content.decode()
    assert "REQ-LOMBOK" in lombok and "REQ-CENTRUM" not in lombok
    by_code = matchmaker_a_client.get(reverse(QUEUE) + "?wijk=3511").content.decode()
    assert "REQ-CENTRUM" in by_code and "REQ-LOMBOK" not in by_code
    home = matchmaker_a_client.get(reverse(HOME) + "?wijk=Lombok").content.decode()
    assert 'value="Lombok" selected' in home
    assert "mediaan 3 dagen wachten" in home


def test_filters_update_in_place_with_htmx(coordinator_a_client, scene):
    response = coordinator_a_client.get(reverse(HOME) + "?wijk=Binnenstad&periode=3",
                                        HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body and "Open hulpvragen" in body
    assert "mediaan 40 dagen wachten" in body
    # an unknown neighbourhood or period shows everything instead of an error
    assert coordinator_a_client.get(reverse(HOME) + "?wijk=Atlantis&periode=99").status_code == 200


def test_the_period_limits_the_monthly_chart(coordinator_a_client, scene):
    three = coordinator_a_client.get(reverse(HOME) + "?periode=3").content.decode()
    twelve = coordinator_a_client.get(reverse(HOME) + "?periode=12").content.decode()
    assert twelve.count('class="chart-bar-b"') > three.count('class="chart-bar-b"')


# --- the queue -----------------------------------------------------------------------------

def test_the_queue_reads_stored_suggestions_and_scores_missing_ones_once(matchmaker_a_client,
                                                                          scene, org_a):
    assert not TopSuggestion.objects.exists()
    page = matchmaker_a_client.get(reverse(QUEUE)).content.decode()
    assert "Ayse Kaya" in page and "%" in page
    stored = TopSuggestion.objects.get(request=scene["centre"])
    assert stored.volunteer == scene["volunteer"] and stored.score > 0
    assert "REQ-KLAAR" not in page   # matched: not in the queue


def test_the_queue_shows_proposals_waiting_and_introductions_this_week(matchmaker_a_client, scene,
                                                                       org_a):
    now = timezone.now()
    Match.objects.create(organisation=org_a, request=scene["centre"], volunteer=scene["volunteer"],
                         status="proposed", score=0.9, proposed_at=now - timedelta(days=4))
    intro = HelpRequestFactory(organisation=org_a, reference="REQ-INTRO", status="matching")
    Match.objects.create(organisation=org_a, request=intro, volunteer=scene["volunteer"],
                         status="introduction_planned", score=0.8,
                         introduction_at=now + timedelta(hours=1), introduction_place="Thuis")
    page = matchmaker_a_client.get(reverse(QUEUE)).content.decode()
    waiting = page[page.index("Voorgesteld, wacht op antwoord"):]
    assert "REQ-CENTRUM" in waiting and "4\xa0dagen geleden" in waiting
    assert "REQ-INTRO" in page[page.index("Kennismakingen komende week"):]


def test_refreshing_stores_the_best_suggestion_and_drops_settled_requests(scene, org_a):
    assert top_suggestions_refresh(organisation=org_a) == 2
    assert TopSuggestion.objects.count() == 2
    scene["lombok"].status = "withdrawn"
    scene["lombok"].save()
    top_suggestions_refresh(organisation=org_a)
    assert list(TopSuggestion.objects.values_list("request__reference", flat=True)) == ["REQ-CENTRUM"]


def test_the_refresh_command_prints_what_it_did(scene, org_a):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("refresh_suggestions", "--organisation", org_a.slug, stdout=out)
    assert "2 open requests scored" in out.getvalue()


def test_a_matching_change_queues_a_refresh_of_that_request(scene, org_a,
                                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Match.objects.create(organisation=org_a, request=scene["centre"],
                             volunteer=scene["volunteer"], status="proposed", score=0.9)
    assert TopSuggestion.objects.filter(request=scene["centre"]).exists()
    assert not TopSuggestion.objects.filter(request=scene["lombok"]).exists()


# --- CSV -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name, header", [
    ("vandaag", "Wie;Actie;Uiterlijk;Dagen te laat"),
    ("signalen", "Kenmerk;Vrijwilliger;Antwoord van;Op;Toelichting"),
    ("instroom", "Vrijwilliger;Aangemeld;Oudste actie uiterlijk;Dagen te laat;Coördinator"),
    ("wachtrij", "Kenmerk;Binnengekomen;Wacht (dagen);Status;Soort hulp;Beste suggestie;"
                 "Score (%);Geschikte vrijwilligers;Voorstel loopt"),
    ("voorstellen", "Kenmerk;Vrijwilliger;Status;Voorgesteld op;Wacht (dagen);Voorgesteld door"),
    ("kennismakingen", "Kenmerk;Vrijwilliger;Kennismaking op;Plaats;Status"),
    ("cijfers", "Grafiek;Label;Waarde;Tweede waarde"),
])
def test_every_list_downloads_for_dutch_excel(coordinator_a_client, scene, name, header):
    response = coordinator_a_client.get(reverse("dashboard:export", args=[name]))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    data = response.content
    assert data.startswith(b"\xef\xbb\xbf")    # the BOM: Excel reads UTF-8
    assert data.decode("utf-8-sig").splitlines()[0] == header


def test_the_queue_csv_follows_the_filter(coordinator_a_client, scene):
    rows = coordinator_a_client.get(reverse("dashboard:export", args=["wachtrij"])
                                    + "?wijk=Lombok").content.decode("utf-8-sig").splitlines()
    assert len(rows) == 2 and rows[1].startswith("REQ-LOMBOK;")


def test_the_figures_csv_has_every_chart(coordinator_a_client, scene):
    text = coordinator_a_client.get(reverse("dashboard:export", args=["cijfers"])
                                    ).content.decode("utf-8-sig")
    assert "Waarom koppelingen stopten;Vrijwilliger stopt;1;" in text
    assert "Waarom voorstellen niet doorgingen;Afstand;1;" in text


def test_each_list_has_a_download_link(coordinator_a_client, scene):
    home = coordinator_a_client.get(reverse(HOME)).content.decode()
    queue = coordinator_a_client.get(reverse(QUEUE) + "?wijk=Lombok").content.decode()
    for name in ("vandaag", "instroom", "cijfers"):
        assert reverse("dashboard:export", args=[name]) in home
    for name in ("wachtrij", "voorstellen", "kennismakingen"):
        assert reverse("dashboard:export", args=[name]) + "?wijk=Lombok" in queue


# --- check-ins and tasks -------------------------------------------------------------------

@pytest.fixture
def followed_match(org_a, scene, matchmaker_a):
    """An active match with check-ins: one due in three days, one unanswered after the
    reminder, and a "niet goed" from the caregiver with its open task."""
    from checkins.models import CheckIn
    from matchmaking.models import Task

    now = timezone.now()
    match = Match.objects.filter(status="active").get()
    CheckIn.objects.create(organisation=org_a, match=match, party="volunteer", moment="d91",
                           due_at=now + timedelta(days=3))
    CheckIn.objects.create(organisation=org_a, match=match, party="volunteer", moment="d14",
                           due_at=now - timedelta(days=12), status="reminded",
                           sent_at=now - timedelta(days=12))
    CheckIn.objects.create(organisation=org_a, match=match, party="caregiver", moment="d14",
                           due_at=now - timedelta(days=12), status="answered", answer="niet_goed",
                           comment="Hij komt steeds te laat.", answered_at=now - timedelta(days=1),
                           flagged_at=now - timedelta(days=1))
    task = Task.objects.create(organisation=org_a, kind="checkin_flagged", match=match,
                               title="Check-in: mantelzorger antwoordt 'niet goed'",
                               assignee=matchmaker_a, due_at=now - timedelta(days=1))
    return match, task


def test_the_home_counts_checkins_due_overdue_and_flagged(coordinator_a_client, followed_match):
    page = coordinator_a_client.get(reverse(HOME)).content.decode()
    cards = page[:page.index('id="worklist-heading"')]
    for title in ("Check-ins deze week", "Check-ins zonder antwoord", "Check-ins ‘niet goed’"):
        number = cards[cards.index(title):].split('dashboard-card-number mb-1">')[1].split("<")[0]
        assert number == "1", title
    flagged = page[page.index('id="flagged-heading"'):]
    assert "REQ-KLAAR" in flagged and "Hij komt steeds te laat." in flagged


def test_a_flagged_checkin_is_handled_in_one_click(coordinator_a_client, followed_match):
    match, task = followed_match
    page = coordinator_a_client.get(reverse(HOME)).content.decode()   # the cards are cached now
    assert reverse("matchmaking:task_done", args=[task.pk]) in page
    assert reverse("matchmaking:match_detail", args=[match.pk]) in page
    response = coordinator_a_client.post(reverse("matchmaking:task_done", args=[task.pk]),
                                         {"next": reverse(HOME), "note": "Gebeld"})
    assert response.status_code == 302 and response["Location"] == reverse(HOME)
    task.refresh_from_db()
    assert task.done_at is not None and task.done_note == "Gebeld"
    page = coordinator_a_client.get(reverse(HOME)).content.decode()
    assert "Hij komt steeds te laat." not in page   # handled: off the list, the card says 0
    card = page[page.index("Check-ins ‘niet goed’"):]
    assert card.split('dashboard-card-number mb-1">')[1].split("<")[0] == "0"


def test_another_site_is_never_the_way_back(coordinator_a_client, followed_match):
    _match, task = followed_match
    response = coordinator_a_client.post(reverse("matchmaking:task_done", args=[task.pk]),
                                         {"next": "https://evil.example/"})
    assert response["Location"] == reverse("matchmaking:tasks")


def test_my_open_tasks_join_the_worklist_overdue_first(matchmaker_a_client, followed_match,
                                                       matchmaker_a, org_a):
    from matchmaking.models import Task

    Task.objects.create(organisation=org_a, kind="call_caregiver", title="Mantelzorger bellen",
                        assignee=matchmaker_a, due_at=timezone.now() + timedelta(days=2))
    page = matchmaker_a_client.get(reverse(HOME)).content.decode()
    worklist = page[page.index('id="worklist-heading"'):page.index('id="flagged-heading"')]
    assert worklist.index("niet goed") < worklist.index("Mantelzorger bellen")
    assert "1 dag te laat" in worklist
    csv = matchmaker_a_client.get(reverse("dashboard:export", args=["vandaag"])
                                  ).content.decode("utf-8-sig").splitlines()
    assert csv[1].startswith("REQ-KLAAR;Check-in") and "Mantelzorger bellen" in csv[2]


def test_the_answers_to_the_checkins_show_how_matches_are_going(coordinator_a_client,
                                                                 followed_match, org_a):
    from checkins.models import CheckIn

    match, _task = followed_match
    now = timezone.now()
    for moment, days_ago in (("intro14", 2), ("d182", 800)):   # the second: long before the period
        CheckIn.objects.create(organisation=org_a, match=match, party="volunteer", moment=moment,
                               due_at=now - timedelta(days=days_ago + 1), status="answered",
                               answer="goed", answered_at=now - timedelta(days=days_ago))
    page = coordinator_a_client.get(reverse(HOME)).content.decode()
    chart = page[page.index('id="chart-answers-desc"'):]
    assert chart.split("</desc>")[0].endswith("Goed: 1; Kan beter: 0; Niet goed: 1")
