"""The coordinator's volunteer pages: finding people, reading them, exporting, and the walls
between organisations and roles."""

import pytest
from django.core import mail
from django.urls import reverse

from core.csvio import read_table
from core.models import AuditEvent
from volunteers.models import Volunteer
from volunteers.table import COLUMNS

from ..factories import UserFactory, VolunteerFactory
from .helpers import load_postcodes

LIST = "/vrijwilligers/"


@pytest.fixture
def people(org_a, org_b):
    load_postcodes()
    return {
        "fatima": VolunteerFactory(organisation=org_a, first_name="Fatima", last_name="Amrani",
                                   user=UserFactory(email="fatima@example.nl"),
                                   languages={"nl": "B1", "ar": "native"},
                                   slots=["tue:afternoon", "wed:morning"],
                                   activities=["groceries"], commitment="short",
                                   postcode="3511 AB", latitude=52.0929, longitude=5.1145),
        "kees": VolunteerFactory(organisation=org_a, first_name="Kees", last_name="Jansen",
                                 user=UserFactory(email="kees@example.nl"),
                                 languages={"nl": "native", "ar": "A1"},
                                 slots=["sat:morning"], activities=["odd_jobs", "walking"],
                                 commitment="long", status="paused",
                                 postcode="3431 AA", latitude=52.0280, longitude=5.0850),
        "mina": VolunteerFactory(organisation=org_a, first_name="Mina", last_name="Haddou",
                                 user=UserFactory(email="mina@example.nl"),
                                 languages={"ar": "C1", "nl": "A2"}, slots=["tue:afternoon"],
                                 activities=["companionship"], status="intake",
                                 postcode="9999 ZZ", latitude=None, longitude=None),
        "olena": VolunteerFactory(organisation=org_b, first_name="Olena", last_name="Shevchenko",
                                  user=UserFactory(email="olena@example.nl"),
                                  languages={"ar": "native"}, slots=["tue:afternoon"]),
    }


def names(response):
    page = response.context["page"]
    return [v.first_name for v in page.object_list]


def test_coordinator_finds_by_language_level_and_slot(coordinator_a_client, people):
    response = coordinator_a_client.get(LIST, {"language": "ar"})
    assert sorted(names(response)) == ["Fatima", "Kees", "Mina"]
    response = coordinator_a_client.get(LIST, {"language": "ar", "min_level": "2"})
    assert sorted(names(response)) == ["Fatima", "Mina"]
    response = coordinator_a_client.get(LIST, {"language": "ar", "min_level": "2",
                                               "slot": "tue:afternoon"})
    assert sorted(names(response)) == ["Fatima", "Mina"]
    response = coordinator_a_client.get(LIST, {"slot": "wed:morning"})
    assert names(response) == ["Fatima"]


@pytest.mark.parametrize(("params", "expected"), [
    ({"activity": "walking"}, ["Kees"]),
    ({"commitment": "short"}, ["Fatima"]),
    ({"status": "paused"}, ["Kees"]),
    ({"status": "intake"}, ["Mina"]),
    ({"q": "amrani"}, ["Fatima"]),
    ({"q": "kees@example"}, ["Kees"]),
    ({"q": "Mina Haddou"}, ["Mina"]),
    ({"min_level": "7"}, ["Fatima", "Kees"]),
    ({}, ["Fatima", "Kees", "Mina"]),
])
def test_filters(coordinator_a_client, people, params, expected):
    assert sorted(names(coordinator_a_client.get(LIST, params))) == expected


def test_distance_from_a_postcode(coordinator_a_client, people):
    response = coordinator_a_client.get(LIST, {"postcode": "3581", "km": "3"})
    assert names(response) == ["Fatima"]  # 1.5 km; Kees lives in Nieuwegein, Mina unknown
    content = response.content.decode()
    assert "1,5 km" in content or "1.5 km" in content
    response = coordinator_a_client.get(LIST, {"postcode": "3581", "km": "15"})
    assert names(response) == ["Fatima", "Kees"]  # nearest first


def test_bad_filters_get_a_message_not_an_error(coordinator_a_client, people):
    response = coordinator_a_client.get(LIST, {"postcode": "ABC", "km": "3"})
    assert response.status_code == 200
    assert "Geen geldige postcode" in response.content.decode()
    response = coordinator_a_client.get(LIST, {"postcode": "1234", "km": "3"})
    assert "kennen we niet" in response.content.decode()
    for params in ({"km": "abc"}, {"slot": "mon:night"}, {"language": "xx"}, {"page": "999"},
                   {"min_level": "9"}, {"status": "gone"}, {"q": "x" * 500}):
        assert coordinator_a_client.get(LIST, params).status_code == 200, params


def test_pagination_keeps_the_filters(coordinator_a_client, org_a):
    for i in range(30):
        VolunteerFactory(organisation=org_a, first_name=f"Vera{i:02d}",
                         activities=["walking"])
    response = coordinator_a_client.get(LIST, {"activity": "walking"})
    assert len(names(response)) == 25
    assert "activity=walking&amp;page=2" in response.content.decode()
    response = coordinator_a_client.get(LIST, {"activity": "walking", "page": "2"})
    assert len(names(response)) == 5


def test_htmx_gets_only_the_results(coordinator_a_client, people):
    response = coordinator_a_client.get(LIST, {"language": "ar"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert "<html" not in content and "Fatima" in content


def test_other_organisations_volunteers_are_invisible(coordinator_b_client, people):
    response = coordinator_b_client.get(LIST)
    assert names(response) == ["Olena"]
    for person in ("fatima", "kees", "mina"):
        url = reverse("volunteers:detail", args=[people[person].pk])
        assert coordinator_b_client.get(url).status_code == 404
        assert coordinator_b_client.get(
            reverse("volunteers:edit", args=[people[person].pk, "about"])).status_code == 404
        assert coordinator_b_client.get(
            reverse("volunteers:erase", args=[people[person].pk])).status_code == 404
    export = coordinator_b_client.get(reverse("volunteers:export")).content.decode()
    assert "olena@example.nl" in export
    assert "fatima@example.nl" not in export and "Kees" not in export


def test_detail_shows_the_person_and_is_audited(coordinator_a_client, coordinator_a, people):
    fatima = people["fatima"]
    response = coordinator_a_client.get(reverse("volunteers:detail", args=[fatima.pk]))
    content = response.content.decode()
    assert "Fatima Amrani" in content and "fatima@example.nl" in content
    assert "Arabisch" in content and "dinsdagmiddag" in content
    event = AuditEvent.objects.get(action="view", subject_id=fatima.pk)
    assert event.actor == coordinator_a and event.subject_type == "volunteer"
    assert "phone" in event.fields and "background" not in event.fields


def test_matchmaker_reads_but_cannot_change_import_or_export(matchmaker_a_client, people):
    fatima = people["fatima"]
    assert matchmaker_a_client.get(LIST).status_code == 200
    content = matchmaker_a_client.get(reverse("volunteers:detail", args=[fatima.pk])
                                      ).content.decode()
    assert "Fatima" in content and reverse("volunteers:edit", args=[fatima.pk, "about"]) \
        not in content
    assert matchmaker_a_client.get(reverse("volunteers:export")).status_code == 403
    assert matchmaker_a_client.get(reverse("volunteers:import")).status_code == 403
    assert matchmaker_a_client.post(reverse("volunteers:import")).status_code == 403
    assert matchmaker_a_client.get(
        reverse("volunteers:edit", args=[fatima.pk, "about"])).status_code == 403
    assert matchmaker_a_client.post(reverse("volunteers:erase", args=[fatima.pk]),
                                    {"confirm": "on"}).status_code == 403


def test_volunteers_and_visitors_have_no_access(volunteer_a_client, anonymous_client, people):
    assert volunteer_a_client.get(LIST).status_code == 403
    assert volunteer_a_client.get(reverse("volunteers:detail", args=[people["fatima"].pk])
                                  ).status_code == 403
    response = anonymous_client.get(LIST)
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_export_is_the_filtered_list_in_the_import_format(coordinator_a_client, people):
    response = coordinator_a_client.get(reverse("volunteers:export"), {"language": "ar",
                                                                      "min_level": "2"})
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    table = read_table(response.content, known=set(COLUMNS), required=set())
    assert table.columns == COLUMNS
    emails = sorted(cells["email"] for _n, cells in table.rows)
    assert emails == ["fatima@example.nl", "mina@example.nl"]
    fatima = next(cells for _n, cells in table.rows if cells["email"] == "fatima@example.nl")
    assert fatima["languages"] == "ar:native|nl:B1"
    assert fatima["availability"] == "tue:afternoon|wed:morning"
    assert AuditEvent.objects.filter(action="export").count() == 2


def test_coordinator_edits_a_profile_and_it_is_audited(coordinator_a_client, people):
    fatima = people["fatima"]
    response = coordinator_a_client.post(reverse("volunteers:edit", args=[fatima.pk,
                                                                          "availability"]),
                                         {"slots": ["fri:evening"], "hours_per_week": "2",
                                          "commitment": "one_off"})
    assert response.status_code == 302
    fatima.refresh_from_db()
    assert fatima.slots == ["fri:evening"]
    event = AuditEvent.objects.get(action="update")
    assert set(event.fields) == {"slots", "hours_per_week", "commitment"}
    # Cultural background is the volunteer's own to give: no staff edit page for it.
    assert coordinator_a_client.get(reverse("volunteers:edit", args=[fatima.pk, "background"])
                                    ).status_code == 404


def test_coordinator_erases_on_request(coordinator_a_client, people):
    fatima = people["fatima"]
    response = coordinator_a_client.post(reverse("volunteers:erase", args=[fatima.pk]), {})
    assert response.status_code == 200  # the confirmation box must be ticked
    response = coordinator_a_client.post(reverse("volunteers:erase", args=[fatima.pk]),
                                         {"confirm": "on"})
    assert response.status_code == 302
    fatima.refresh_from_db()
    assert fatima.anonymised_at and fatima.first_name == ""
    assert coordinator_a_client.get(reverse("volunteers:detail", args=[fatima.pk])
                                    ).status_code == 404
    assert AuditEvent.objects.get(action="erase").actor is not None


def test_resend_invitation_only_to_who_has_not_activated(coordinator_a_client, org_a, people,
                                                         django_capture_on_commit_callbacks):
    invited = VolunteerFactory(organisation=org_a, user=UserFactory(email="nog@example.nl"))
    invited.user.set_unusable_password()
    invited.user.save()
    content = coordinator_a_client.get(reverse("volunteers:detail", args=[invited.pk])
                                       ).content.decode()
    assert reverse("volunteers:invite", args=[invited.pk]) in content
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_a_client.post(reverse("volunteers:invite", args=[invited.pk]))
    assert [m.to for m in mail.outbox] == [["nog@example.nl"]]
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_a_client.post(reverse("volunteers:invite", args=[people["fatima"].pk]))
    assert len(mail.outbox) == 1
    assert coordinator_a_client.get(reverse("volunteers:invite", args=[invited.pk])
                                    ).status_code == 405


def test_erased_volunteers_are_not_listed(coordinator_a_client, people):
    from volunteers.services import volunteer_erase

    volunteer_erase(volunteer=people["kees"])
    assert "Kees" not in names(coordinator_a_client.get(LIST))
    assert Volunteer.objects.filter(pk=people["kees"].pk).exists()
