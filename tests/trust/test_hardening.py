"""Hardened settings, checked on real responses: a strict Content Security Policy on every
page of the permission matrix, production's cookies and HSTS, the rate-limited admin login,
uploads limited in size and type."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation

from ..core.test_settings import production_env_example, run_manage
from ..factories import PASSWORD
from .sweep import client_for, routes_for, url_for
from .test_permission_matrix import (
    PERSONAS,
    personas,  # noqa: F401 (a fixture)
)
from .world import build_world

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def script_sources(policy: str) -> str:
    for directive in policy.split(";"):
        name, _sep, value = directive.strip().partition(" ")
        if name == "script-src":
            return value
    for directive in policy.split(";"):
        name, _sep, value = directive.strip().partition(" ")
        if name == "default-src":
            return value
    return ""


@pytest.mark.django_db
def test_every_page_has_a_strict_content_security_policy(personas):  # noqa: F811
    users, world_args = personas
    checked, problems = 0, []
    for persona in PERSONAS:
        for name in routes_for(persona, "get"):
            savepoint = transaction.savepoint()
            world = build_world(**world_args)
            response = client_for(users, persona).get(url_for(name, world))
            transaction.savepoint_rollback(savepoint)
            checked += 1
            policy = response.headers.get("Content-Security-Policy", "")
            where = f"{name} as {persona}"
            if not policy:
                problems.append(f"{where}: no Content-Security-Policy")
                continue
            scripts = script_sources(policy)
            if "'unsafe-inline'" in scripts or "'unsafe-eval'" in scripts or not scripts:
                problems.append(f"{where}: script-src {scripts!r}")
            if "frame-ancestors 'none'" not in policy:
                problems.append(f"{where}: may be framed")
            if response.headers.get("X-Content-Type-Options") != "nosniff":
                problems.append(f"{where}: no nosniff")
            if "text/html" in response.headers.get("Content-Type", ""):
                body = response.content.decode(errors="replace")
                if INLINE_SCRIPT.search(body):
                    problems.append(f"{where}: an inline script (blocked by the policy)")
                if EVENT_HANDLER.search(body):
                    problems.append(f"{where}: an inline event handler (blocked by the policy)")
    assert not problems, "\n".join(problems)
    assert checked > 100


def production_settings() -> dict:
    env = {**production_env_example(), "DJANGO_SETTINGS_MODULE": "config.settings.production",
           "SECRET_KEY": "x7!" * 20 + "a-long-random-secret"}
    names = ["SESSION_COOKIE_NAME", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
             "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_NAME", "CSRF_COOKIE_SECURE",
             "CSRF_COOKIE_HTTPONLY", "CSRF_COOKIE_SAMESITE", "LANGUAGE_COOKIE_SECURE",
             "LANGUAGE_COOKIE_HTTPONLY", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
             "SECURE_HSTS_PRELOAD", "SECURE_SSL_REDIRECT"]
    code = ("import json; from django.conf import settings; "
            f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))")
    result = run_manage("shell", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def production():
    return production_settings()


def test_production_cookies_are_host_only_secure_and_httponly(production):
    assert production["SESSION_COOKIE_NAME"].startswith("__Host-")
    assert production["CSRF_COOKIE_NAME"].startswith("__Host-")
    for kind in ("SESSION", "CSRF"):
        assert production[f"{kind}_COOKIE_SECURE"] and production[f"{kind}_COOKIE_HTTPONLY"]
        assert production[f"{kind}_COOKIE_SAMESITE"] in {"Lax", "Strict"}
    assert production["LANGUAGE_COOKIE_SECURE"] and production["LANGUAGE_COOKIE_HTTPONLY"]
    assert production["SECURE_HSTS_SECONDS"] >= 31536000
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and production["SECURE_HSTS_PRELOAD"]


@pytest.mark.django_db
def test_with_production_settings_a_login_sets_host_cookies_and_hsts(settings, production,
                                                                    volunteer_a):
    """allauth works with the `__Host-` cookies: log in over HTTPS and look at the headers."""
    for name, value in production.items():
        if name != "SECURE_SSL_REDIRECT":
            setattr(settings, name, value)
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("account_login"), secure=True)
    assert "Strict-Transport-Security" in page.headers
    assert "includeSubDomains" in page.headers["Strict-Transport-Security"]
    csrf = page.cookies[production["CSRF_COOKIE_NAME"]]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    response = client.post(reverse("account_login"), {
        "login": volunteer_a.user.email, "password": PASSWORD, "csrfmiddlewaretoken": token,
    }, secure=True, HTTP_REFERER="https://testserver/account/login/")
    assert response.status_code == 302, response.content.decode()[:500]
    session = response.cookies[production["SESSION_COOKIE_NAME"]]
    for cookie in (csrf, session):
        assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"
        assert cookie["path"] == "/" and not cookie["domain"]


@pytest.mark.django_db
def test_admin_login_is_rate_limited(superuser):
    """The Django admin signs in through allauth (secure_admin_login): after five wrong
    passwords for an address even the right one is refused for a while, and one address
    (IP) trying too often gets 429 Too Many Requests."""
    client = Client()
    admin_login = client.get("/beheer/", follow=True)
    url = admin_login.redirect_chain[-1][0]
    assert url.startswith(reverse("account_login"))
    for _ in range(5):
        assert client.post(url, {"login": superuser.email, "password": "fout"}).status_code \
            == 200
    right = client.post(url, {"login": superuser.email, "password": PASSWORD})
    assert right.status_code == 200 and "_auth_user_id" not in client.session
    statuses = [client.post(url, {"login": f"iemand{n}@example.nl", "password": "fout"})
                .status_code for n in range(30)]
    assert statuses[-1] == 429, statuses
    assert client.get("/beheer/").status_code == 302  # still not in


def upload(name: str, data: bytes, content_type="text/csv"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["volunteers:import", "caregivers:request_import"])
def test_uploads_are_limited_in_size(settings, coordinator_a_client, url_name):
    settings.KOPPEL_MAX_UPLOAD_BYTES = 1024 * 1024
    big = b"email,first_name\n" + b"a@b.nl,Anna\n" * 200_000  # 2.4 MB
    response = coordinator_a_client.post(reverse(url_name), {"file": upload("groot.csv", big)})
    assert response.status_code in {200, 400}
    assert "Het bestand is te groot (2.3 MB); het maximum is 1.0 MB." in \
        response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["volunteers:import", "caregivers:request_import"])
@pytest.mark.parametrize("name, data", [
    ("lijst.xlsx", b"PK\x03\x04 not a csv"),
    ("foto.png", b"\x89PNG\r\n"),
    ("script.html", b"<script>alert(1)</script>"),
])
def test_uploads_are_limited_to_csv(coordinator_a_client, url_name, name, data):
    response = coordinator_a_client.post(reverse(url_name), {"file": upload(name, data)})
    assert response.status_code in {200, 400}
    assert "Dit is geen CSV-bestand: alleen CSV-bestanden (.csv)" in response.content.decode()


@pytest.mark.django_db
def test_the_upload_error_is_translated(coordinator_a_client):
    coordinator_a_client.cookies["django_language"] = "en"
    with translation.override("nl"):  # the request switches to English; switch back after
        response = coordinator_a_client.post(reverse("volunteers:import"),
                                             {"file": upload("lijst.xlsx", b"PK")})
    assert "This is not a CSV file: only CSV files (.csv) can be imported." in response.content.decode()
