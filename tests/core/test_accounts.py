"""Sign-in with allauth: e-mail login, mandatory verification, password reset, rate limits,
and staff invitations."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from core.models import Invitation, Membership, Role, User
from core.services import invitation_create

from ..factories import PASSWORD

LINK = re.compile(r"https?://[^\s]+")


def links_in(message) -> list[str]:
    return LINK.findall(message.body)


@pytest.mark.django_db
def test_signup_requires_email_verification(client):
    response = client.post(reverse("account_signup"), {
        "email": "nieuw@example.nl", "password1": "een-lang-wachtwoord", "password2":
        "een-lang-wachtwoord"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    user = User.objects.get(email="nieuw@example.nl")
    # Not verified yet: logging in leads to the "verify your e-mail" page, not inside.
    client.logout()
    response = client.post(reverse("account_login"), {
        "login": "nieuw@example.nl", "password": "een-lang-wachtwoord"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    confirm_url = next(link for link in links_in(mail.outbox[0]) if "confirm-email" in link)
    path = confirm_url.split("://", 1)[1].split("/", 1)[1]
    response = client.post("/" + path)
    assert response.status_code == 302
    assert user.emailaddress_set.get().verified
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_signup_rejects_a_short_password_and_keeps_the_email(client):
    response = client.post(reverse("account_signup"), {
        "email": "kort@example.nl", "password1": "kort", "password2": "kort"})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="kort@example.nl"' in content
    assert "te kort" in content  # Django's Dutch message
    assert not User.objects.filter(email="kort@example.nl").exists()


def test_login_is_rate_limited_after_failed_attempts(client, coordinator_a):
    for _attempt in range(5):
        response = client.post(reverse("account_login"), {
            "login": coordinator_a.email, "password": "wrong-password"})
        assert response.status_code == 200
    # Now even the right password is refused, with a clear Dutch message.
    response = client.post(reverse("account_login"), {
        "login": coordinator_a.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "Te veel inlogpogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_works_before_the_limit(client, volunteer_a):
    response = client.post(reverse("account_login"), {
        "login": volunteer_a.user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(volunteer_a.user.pk)


def test_admin_login_is_behind_the_rate_limited_login(client, superuser):
    response = client.get("/beheer/login/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_password_reset_sends_a_link(client, coordinator_a):
    response = client.post(reverse("account_reset_password"), {"email": coordinator_a.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert coordinator_a.email in mail.outbox[0].to


def test_staff_invitation_creates_account_and_membership(client, org_a, admin_a):
    invitation, url = invitation_create(organisation=org_a, email="Nieuw@Example.nl",
                                        role=Role.MATCHMAKER, invited_by=admin_a)
    assert len(mail.outbox) == 1
    assert url in mail.outbox[0].body
    assert mail.outbox[0].alternatives  # an HTML part too
    path = "/" + url.split("://", 1)[1].split("/", 1)[1]
    response = client.post(path, {"first_name": "Noor", "last_name": "Bakker",
                                  "password1": "een-lang-wachtwoord",
                                  "password2": "een-lang-wachtwoord"})
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="nieuw@example.nl")
    assert membership.organisation == org_a and membership.role == Role.MATCHMAKER
    # Single use: the same link does not work twice.
    client.logout()
    assert client.get(path).status_code == 404


def test_invitation_form_errors_keep_what_was_typed(client, org_a):
    _invitation, url = invitation_create(organisation=org_a, email="x@example.nl",
                                         role=Role.COORDINATOR, send=False)
    path = "/" + url.split("://", 1)[1].split("/", 1)[1]
    response = client.post(path, {"first_name": "Fatima", "password1": "een-lang-wachtwoord",
                                  "password2": "iets-anders-123"})
    assert response.status_code == 200
    assert 'value="Fatima"' in response.content.decode()
    assert "niet gelijk" in response.content.decode()
    assert Invitation.objects.get().accepted_at is None


def test_admin_invites_through_the_team_page(admin_a_client, org_a):
    response = admin_a_client.post(reverse("core:team"), {"email": "nieuw@a.example",
                                                          "role": "coordinator"})
    assert response.status_code == 302
    assert Invitation.objects.filter(organisation=org_a, email="nieuw@a.example").exists()
    assert len(mail.outbox) == 1


def test_staff_cannot_sign_up_into_an_organisation(client, db):
    client.post(reverse("account_signup"), {
        "email": "zelf@example.nl", "password1": "een-lang-wachtwoord",
        "password2": "een-lang-wachtwoord"})
    assert not Membership.objects.filter(user__email="zelf@example.nl").exists()
