"""The organisation admin reads the audit trail: filtered, paginated, only their own
organisation's events."""

from datetime import datetime

import pytest
from django.utils import timezone

from core.models import AuditEvent
from core.services import audit_record

from ..conftest import login

pytestmark = pytest.mark.django_db


def at(day: int, hour: int = 12):
    return datetime(2026, 11, day, hour, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def trail(org_a, org_b, coordinator_a, matchmaker_a, coordinator_b, volunteer_a, volunteer_a2,
          volunteer_b):
    audit_record(actor=coordinator_a, organisation=org_a, action="view", subject=volunteer_a,
                 fields=["email"], now=at(1))
    audit_record(actor=matchmaker_a, organisation=org_a, action="update", subject=volunteer_a2,
                 fields=["phone"], now=at(3))
    audit_record(actor=coordinator_a, organisation=org_a, action="export", subject=volunteer_a2,
                 fields=["email"], now=at(5))
    audit_record(actor=coordinator_b, organisation=org_b, action="view", subject=volunteer_b,
                 fields=["email"], now=at(3))


def rows(response) -> int:
    return response.content.decode().count("<tr>") - 1  # minus the header row


def test_admin_sees_own_organisation_only(admin_a, trail, volunteer_b):
    response = login(admin_a).get("/audit/")
    assert response.status_code == 200
    assert rows(response) == 3
    assert f"/vrijwilligers/{volunteer_b.pk}/" not in response.content.decode()
    assert "coordinator@b.example" not in response.content.decode()


def test_filter_by_person_actor_and_date(admin_a, trail, volunteer_a2, matchmaker_a):
    client = login(admin_a)
    by_person = client.get("/audit/", {"subject_type": "volunteer",
                                       "subject_id": volunteer_a2.pk})
    assert rows(by_person) == 2
    by_actor = client.get("/audit/", {"actor": matchmaker_a.pk})
    assert rows(by_actor) == 1 and "gewijzigd" in by_actor.content.decode()
    by_date = client.get("/audit/", {"since": "2026-11-02", "until": "2026-11-04"})
    assert rows(by_date) == 1
    wrong = client.get("/audit/", {"since": "2026-11-05", "until": "2026-11-01"})
    assert "Deze datum ligt voor de begindatum." in wrong.content.decode()


def test_someone_of_another_organisation_cannot_be_filtered_in(admin_a, trail, coordinator_b):
    response = login(admin_a).get("/audit/", {"actor": coordinator_b.pk})
    assert rows(response) == 3  # not a choice: the filter is ignored, nothing of B appears
    assert "coordinator@b.example" not in response.content.decode()


def test_paginated(admin_a, org_a, volunteer_a):
    AuditEvent.objects.bulk_create([
        AuditEvent(organisation=org_a, action="view", subject_type="volunteer",
                   subject_id=volunteer_a.pk, at=at(1)) for _ in range(120)])
    client = login(admin_a)
    first = client.get("/audit/")
    assert rows(first) == 50 and "Pagina 1 van 3" in first.content.decode()
    assert rows(client.get("/audit/", {"page": 3})) == 20


@pytest.mark.parametrize("persona", ["coordinator_a", "matchmaker_a"])
def test_other_staff_get_403(request, persona, trail):
    assert login(request.getfixturevalue(persona)).get("/audit/").status_code == 403
