"""After erasure no table holds the person's name, e-mail address or phone number.

A volunteer deletes their own account; a coordinator erases a caregiver and the person
they care for. Before that, the people went through what leaves traces: a login (session),
staff viewing and editing them (audit trail), journey notes, a match proposal with a note,
a help request's history, an upload waiting for confirmation, the Django admin's log. Then
every column of every table of the database is searched (raw SQL, so tables of apps added
later are searched too), sessions decoded.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from caregivers.services import help_request_transition
from checkins.models import CheckIn
from matchmaking.services import match_propose

from ..conftest import login
from ..factories import PASSWORD, HelpRequestFactory, UserFactory, VolunteerFactory

pytestmark = pytest.mark.django_db(transaction=True)

VOLUNTEER = {"first": "Zebulon", "last": "Quirrelfax", "email": "zebulon.q@wissen.example",
             "phone": "06 8765 1234"}
CAREGIVER = {"name": "Philomena Brackwater", "email": "philo.brack@wissen.example",
             "phone": "020 555 7788"}
RECIPIENT = {"name": "Ignatius Wolvenkamp"}


def needles(*people) -> list[str]:
    found = []
    for person in people:
        for key, value in person.items():
            found.append(value.lower())
            if key == "phone":
                found.append(re.sub(r"\D", "", value))
            if key == "name":
                found.extend(part.lower() for part in value.split())
    return found


def database_text() -> dict[str, list[str]]:
    """Every row of every table as lower-case text, by table (sessions decoded)."""
    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 (names from introspection)
            rows = []
            for row in cursor.fetchall():
                cells = []
                for value in row:
                    if isinstance(value, (bytes, memoryview)):
                        value = bytes(value).decode("utf-8", errors="replace")
                    cells.append(str(value))
                rows.append(" | ".join(cells).lower())
            tables[table] = rows
    tables["django_session (decoded)"] = [str(s.get_decoded()).lower()
                                          for s in Session.objects.all()]
    return tables


def leaks(words) -> list[str]:
    found = []
    for table, rows in database_text().items():
        for row in rows:
            digits = re.sub(r"\D", "", row)
            for word in words:
                if word in row or (word.isdigit() and word in digits):
                    found.append(f"{table}: {word!r} in {row[:200]}")
    return found


@pytest.fixture
def people(org_a, coordinator_a, matchmaker_a, superuser):
    user = UserFactory(email=VOLUNTEER["email"], first_name=VOLUNTEER["first"],
                       last_name=VOLUNTEER["last"])
    EmailAddress.objects.update_or_create(user=user, email=VOLUNTEER["email"],
                                          defaults={"verified": True, "primary": True})
    volunteer = VolunteerFactory(organisation=org_a, user=user, first_name=VOLUNTEER["first"],
                                 last_name=VOLUNTEER["last"],
                                 phone=VOLUNTEER["phone"])
    request = HelpRequestFactory(
        organisation=org_a, caregiver__name=CAREGIVER["name"],
        caregiver__email=CAREGIVER["email"], caregiver__phone=CAREGIVER["phone"],
        recipient__name=RECIPIENT["name"],
        description=f"{CAREGIVER['name']} zorgt voor {RECIPIENT['name']}.")
    return volunteer, request


def leave_traces(client_of, volunteer, request, coordinator, matchmaker, superuser):
    volunteer_client = client_of(volunteer.user)
    assert volunteer_client.get(reverse("volunteers:mine")).status_code == 200
    assert volunteer_client.get(reverse("volunteers:mine_export")).status_code in {200, 404}
    coordinator_client = client_of(coordinator)
    assert coordinator_client.get(reverse("volunteers:detail", args=[volunteer.pk])).status_code == 200
    coordinator_client.post(reverse("journey:note_add", args=[volunteer.pk]),
                            {"kind": "note", "note": f"Gebeld met {VOLUNTEER['first']}."})
    assert coordinator_client.get(reverse("caregivers:caregiver_detail",
                                          args=[request.caregiver.pk])).status_code == 200
    help_request_transition(request=request, to_status="intake_done", by=coordinator,
                            note=f"{CAREGIVER['name']} gebeld op {CAREGIVER['phone']}.")
    help_request_transition(request=request, to_status="matching", by=coordinator)
    match = match_propose(request=request, volunteer=volunteer, by=matchmaker,
                          allow_parallel=True,
                          note=f"{VOLUNTEER['first']} past goed bij {RECIPIENT['name']}.")
    # The caregiver answered a check-in about them (an app that joined person_erasing later).
    CheckIn.objects.create(organisation=match.organisation, match=match, party="caregiver",
                           moment="d14", due_at=timezone.now(), status="answered",
                           answered_at=timezone.now(), answer="goed",
                           comment=f"{VOLUNTEER['first']} {VOLUNTEER['last']} komt elke "
                                   f"week bij {RECIPIENT['name']}.")
    # Uploads waiting for confirmation that name them.
    coordinator_client.post(reverse("volunteers:import"), {"file": _csv(
        "email,first_name,postcode,languages,availability\n"
        f"{VOLUNTEER['email']},{VOLUNTEER['first']},3511AB,nl:C2,mon:morning\n")})
    coordinator_client.post(reverse("caregivers:request_import"), {"file": _csv(
        "reference,caregiver_name,caregiver_phone,postcode,languages,slots,activities\n"
        f"REQ-9999,{CAREGIVER['name']},{CAREGIVER['phone']},3511AB,nl:native,mon:morning,"
        "companionship\n")})
    # A superuser looked after them in the Django admin.
    for obj in (volunteer, request.caregiver, request.recipient):
        LogEntry.objects.log_action(
            user_id=superuser.pk, content_type_id=ContentType.objects.get_for_model(obj).pk,
            object_id=obj.pk, object_repr=str(obj), action_flag=ADDITION,
            change_message=f"{obj}")
    return volunteer_client, coordinator_client


def _csv(text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("mensen.csv", text.encode(), content_type="text/csv")


def test_erased_people_leave_no_trace(people, coordinator_a, matchmaker_a, superuser):
    volunteer, request = people
    volunteer_client, coordinator_client = leave_traces(
        login, volunteer, request, coordinator_a, matchmaker_a, superuser)
    # The volunteer logs in with their password too (a real session through allauth).
    from django.test import Client

    own = Client()
    assert own.login(email=VOLUNTEER["email"], password=PASSWORD)
    everyone = needles(VOLUNTEER, CAREGIVER, RECIPIENT)
    traced = {leak.split(":")[0] for leak in leaks(everyone)}
    assert {"core_user", "account_emailaddress",
            "volunteers_volunteer", "volunteers_volunteerimport", "caregivers_caregiver",
            "caregivers_carerecipient", "caregivers_helprequest",
            "caregivers_helprequesttransition", "caregivers_pendingimport", "matchmaking_match",
            "checkins_checkin",
            "journey_timelineevent", "django_admin_log"} <= traced, traced

    response = volunteer_client.post(reverse("volunteers:mine_erase"), {"password": PASSWORD})
    assert response.status_code == 302
    for name, person in (("caregivers:caregiver_erase", request.caregiver),
                         ("caregivers:recipient_erase", request.recipient)):
        assert coordinator_client.post(reverse(name, args=[person.pk])).status_code == 302
    mail.outbox.clear()  # the test's outbox is memory, not the database

    assert leaks(everyone) == [], "\n".join(leaks(everyone))


def test_retention_leaves_no_trace_either(people, coordinator_a, matchmaker_a, superuser):
    """The AVG retention run (journey/retention.py) erases through the same service."""
    from datetime import timedelta

    from journey.retention import retention_apply
    from journey.services import journey_exit

    volunteer, request = people
    leave_traces(login, volunteer, request, coordinator_a, matchmaker_a, superuser)
    left = timezone.now() - timedelta(days=800)
    journey_exit(volunteer=volunteer, reason="moved",
                 feedback=f"{VOLUNTEER['first']} {VOLUNTEER['last']} verhuist.",
                 keep_in_touch=False, by=coordinator_a, now=left)
    assert retention_apply()["anonymised"] == 1
    assert leaks(needles(VOLUNTEER)) == [], "\n".join(leaks(needles(VOLUNTEER)))
