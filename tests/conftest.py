"""Ready personas (after healthchecks' hc/test.py) and access to the real services.

Personas: organisation A with an admin, a coordinator, a matchmaker and two volunteers;
organisation B with a coordinator and a volunteer; a superuser; and anonymous visitors.
Every persona has a logged-in client fixture: `coordinator_a_client`, and so on.
"""

import os

import pytest
from django.db import connection
from django.test import Client

from core.models import Role

from .factories import (
    PASSWORD,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    VolunteerFactory,
)

IN_CI = bool(os.environ.get("CI"))


def need_service(reason: str):
    """Skip on a laptop without the service; in CI, fail instead (never skip silently)."""
    if IN_CI:
        pytest.fail(f"{reason} (CI is set, so this must not be skipped)")
    pytest.skip(reason)


@pytest.fixture
def postgres(db):
    if connection.vendor != "postgresql":
        need_service("needs PostgreSQL: set DATABASE_URL=postgres://...")
    return connection


@pytest.fixture
def redis_url():
    import redis

    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError as exc:
        need_service(f"needs Redis at {url}: {exc}")
    return url


@pytest.fixture
def org_a(db):
    return OrganisationFactory(name="Vrijwilligerscentrale Aalst", slug="org-a")


@pytest.fixture
def org_b(db):
    return OrganisationFactory(name="Steunpunt Bergen", slug="org-b")


def _member(organisation, role, email):
    user = UserFactory(email=email)
    MembershipFactory(user=user, organisation=organisation, role=role)  # with TOTP, see factory
    return user


@pytest.fixture
def admin_a(org_a):
    return _member(org_a, Role.ADMIN, "admin@a.example")


@pytest.fixture
def coordinator_a(org_a):
    return _member(org_a, Role.COORDINATOR, "coordinator@a.example")


@pytest.fixture
def matchmaker_a(org_a):
    return _member(org_a, Role.MATCHMAKER, "matchmaker@a.example")


@pytest.fixture
def coordinator_b(org_b):
    return _member(org_b, Role.COORDINATOR, "coordinator@b.example")


@pytest.fixture
def volunteer_a(org_a):
    return VolunteerFactory(organisation=org_a, user=UserFactory(email="vrijwilliger@a.example"),
                            first_name="Sara", last_name="El Idrissi")


@pytest.fixture
def volunteer_a2(org_a):
    return VolunteerFactory(organisation=org_a, user=UserFactory(email="vrijwilliger2@a.example"),
                            first_name="Tom", last_name="de Vries")


@pytest.fixture
def volunteer_b(org_b):
    return VolunteerFactory(organisation=org_b, user=UserFactory(email="vrijwilliger@b.example"),
                            first_name="Oksana", last_name="Kovalenko")


@pytest.fixture
def superuser(db):
    from core.models import User

    return User.objects.create_superuser(email="root@example.nl", password=PASSWORD)


def login(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def anonymous_client():
    return Client()


@pytest.fixture
def admin_a_client(admin_a):
    return login(admin_a)


@pytest.fixture
def coordinator_a_client(coordinator_a):
    return login(coordinator_a)


@pytest.fixture
def matchmaker_a_client(matchmaker_a):
    return login(matchmaker_a)


@pytest.fixture
def coordinator_b_client(coordinator_b):
    return login(coordinator_b)


@pytest.fixture
def volunteer_a_client(volunteer_a):
    return login(volunteer_a.user)


@pytest.fixture
def volunteer_b_client(volunteer_b):
    return login(volunteer_b.user)


@pytest.fixture
def superuser_client(superuser):
    return login(superuser)


@pytest.fixture(autouse=True)
def _clear_cache():
    """allauth's rate limits live in the cache; each test starts with a clean slate."""
    from django.core.cache import cache

    cache.clear()
    yield


# Real-browser fixtures (chromium, page, phone) for every test folder.
from .browser_support import chromium, page, phone  # noqa: E402,F401
