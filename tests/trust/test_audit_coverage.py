"""Every page that shows a volunteer's, caregiver's or care recipient's personal data writes
an audit event (who, what, which object, when).

Driven by the permission matrix: every GET page staff may open is requested with the test
world; a page whose answer holds a person's name, e-mail address or phone number must have
written an AuditEvent for the signed-in staff member. A new page that shows personal data
without auditing fails here, unless it is an overview listed below with its reason.
"""

import pytest
from django.db import transaction

from core.models import AuditEvent

from .sweep import client_for, routes_for, url_for
from .test_permission_matrix import personas  # noqa: F401 (a fixture)
from .world import build_world

# Overviews show names to find someone, never the person's details; opening the person is
# audited. Exports and imports are audited per person (tested in the apps).
OVERVIEWS = {
    "dashboard:home", "volunteers:list", "caregivers:request_list",
    "matchmaking:pairing", "journey:my_actions", "journey:funnel", "core:team",
    "checkins:overview", "dashboard:queue",
}
# Pages that happen to show the world's made-up values without them being anyone's data.
NOT_PERSONAL = {"volunteers:import_example"}  # a fixed example file


def personal_values(world) -> dict[str, str]:
    """What would identify the world's people on a page."""
    values = {}
    for key in ("volunteer", "volunteer2"):
        volunteer = world[key]
        values[f"{key} name"] = volunteer.full_name
        values[f"{key} e-mail"] = volunteer.email
        if volunteer.phone:
            values[f"{key} phone"] = volunteer.phone
    for key in ("caregiver", "recipient"):
        person = world[key]
        values[f"{key} name"] = person.name
        for field in ("email", "phone"):
            if getattr(person, field, ""):
                values[f"{key} {field}"] = getattr(person, field)
    return {what: value for what, value in values.items() if value}


@pytest.mark.django_db
def test_every_page_showing_personal_data_is_audited(personas):  # noqa: F811
    users, world_args = personas
    shown, unaudited = {}, []
    for name in routes_for("admin_a", "get"):
        savepoint = transaction.savepoint()
        world = build_world(**world_args)
        before = set(AuditEvent.objects.values_list("pk", flat=True))
        response = client_for(users, "admin_a").get(url_for(name, world))
        body = response.content.decode(errors="replace")
        found = [what for what, value in personal_values(world).items() if value in body]
        events = AuditEvent.objects.exclude(pk__in=before).filter(actor=users["admin_a"])
        if found:
            shown[name] = found
            if name not in OVERVIEWS | NOT_PERSONAL and not events.exists():
                unaudited.append(f"{name}: shows {', '.join(found)} without an audit event")
        transaction.savepoint_rollback(savepoint)
    assert not unaudited, "\n".join(unaudited)
    # The sweep looked at real pages: the person pages are among those showing data.
    assert {"volunteers:detail", "caregivers:caregiver_detail",
            "caregivers:recipient_detail", "caregivers:request_detail"} <= set(shown)
    assert OVERVIEWS & set(routes_for("admin_a", "get")) == OVERVIEWS


@pytest.mark.django_db
def test_an_audit_event_says_who_what_which_and_when(personas):  # noqa: F811
    users, world_args = personas
    world = build_world(**world_args)
    client_for(users, "matchmaker_a").get(url_for("volunteers:detail", world))
    event = AuditEvent.objects.get(actor=users["matchmaker_a"])
    assert (event.action, event.subject_type, event.subject_id) == (
        "view", "volunteer", world["volunteer2"].pk)
    assert event.at is not None and "email" in event.fields
    assert event.organisation == world["volunteer2"].organisation
