"""Staff need a second factor (TOTP); volunteers may opt in."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from core.models import Role

from ..conftest import login
from ..factories import PASSWORD, MembershipFactory, UserFactory, totp_code


@pytest.fixture
def staff_without_totp(org_a):
    user = UserFactory(email="nieuw-team@a.example")
    MembershipFactory(user=user, organisation=org_a, role=Role.COORDINATOR, with_totp=False)
    return user


def test_staff_without_authenticator_are_sent_to_set_it_up(staff_without_totp):
    response = login(staff_without_totp).get(reverse("dashboard:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_staff_with_authenticator_get_in(coordinator_a_client):
    assert coordinator_a_client.get(reverse("dashboard:home")).status_code == 200


def test_staff_login_asks_for_the_code(client, coordinator_a):
    response = client.post(reverse("account_login"), {"login": coordinator_a.email,
                                                      "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(coordinator_a.pk)


def test_staff_cannot_switch_their_second_factor_off(coordinator_a):
    from allauth.mfa.adapter import get_adapter

    authenticator = Authenticator.objects.get(user=coordinator_a)
    assert not get_adapter().can_delete_authenticator(authenticator)


def test_volunteer_needs_no_second_factor_but_may_opt_in(volunteer_a, volunteer_a_client):
    assert not Authenticator.objects.filter(user=volunteer_a.user).exists()
    page = volunteer_a_client.get(reverse("mfa_activate_totp"))
    assert page.status_code in {200, 302}  # allauth may ask to reauthenticate first

