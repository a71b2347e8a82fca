"""Role and organisation checks: 404 for another organisation's objects, 403 for a role
that is too small, login for visitors."""

import pytest
from django.urls import reverse

from core.models import Membership


@pytest.fixture
def member_of_a(coordinator_a):
    return Membership.objects.get(user=coordinator_a)


def test_visitor_is_sent_to_login(anonymous_client, db):
    response = anonymous_client.get(reverse("core:team"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_admin_sees_the_team_page(admin_a_client, coordinator_a):
    response = admin_a_client.get(reverse("core:team"))
    assert response.status_code == 200
    assert b"coordinator@a.example" in response.content


@pytest.mark.parametrize("persona", ["coordinator_a_client", "matchmaker_a_client",
                                     "volunteer_a_client", "superuser_client"])
def test_roles_below_admin_get_403_on_team_page(request, persona):
    client = request.getfixturevalue(persona)
    assert client.get(reverse("core:team")).status_code == 403


def test_other_organisation_gets_404_on_a_member_of_a(coordinator_b, member_of_a):
    from core.models import Role

    from ..conftest import login

    Membership.objects.filter(user=coordinator_b).update(role=Role.ADMIN)
    client = login(coordinator_b)
    response = client.post(reverse("core:member_role", args=[member_of_a.pk]), {"role": "admin"})
    assert response.status_code == 404
    member_of_a.refresh_from_db()
    assert member_of_a.role == "coordinator"


def test_admin_changes_a_role_in_own_organisation(admin_a_client, member_of_a):
    response = admin_a_client.post(reverse("core:member_role", args=[member_of_a.pk]),
                                   {"role": "matchmaker"})
    assert response.status_code == 302
    member_of_a.refresh_from_db()
    assert member_of_a.role == "matchmaker"


def test_nonexistent_object_is_404_like_a_foreign_one(admin_a_client):
    assert admin_a_client.post(reverse("core:member_role", args=[999999]),
                               {"role": "admin"}).status_code == 404


def test_staff_navigation_follows_role(coordinator_a_client, admin_a_client):
    assert "Team" not in coordinator_a_client.get(reverse("dashboard:home")).content.decode()
    assert "Team" in admin_a_client.get(reverse("dashboard:home")).content.decode()
