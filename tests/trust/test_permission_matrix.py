"""The permission matrix (after pretix): every URL x every persona x the status they get.

Read a row as: what does this person get when they ask for this page of organisation A?
A URL without a row fails `test_every_url_has_a_row`, so no new view slips through.
Policy checks on the table itself: another organisation's objects are 404 (never data),
visitors go to the login page or see a public page, nothing answers 500.

Regenerate the table after a deliberate change with
    KOPPEL_MATRIX_PRINT=1 scripts/test.sh tests/trust/test_permission_matrix.py -s
and review every changed cell before you paste it.
"""

import os

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ..conftest import login
from .routes import ROUTES
from .world import build_world

PERSONAS = ["anonymous", "volunteer_a", "volunteer_b", "matchmaker_a", "coordinator_a",
            "admin_a", "coordinator_b", "superuser"]
THIRD_PARTY = ("beheer/", "account/")  # Django's admin and allauth: tested in tests/core

#                                              anon vol-A vol-B mm-A co-A adm-A co-B super
MATRIX = """
set_language                             post  302  302  302  302  302  302  302  302
dashboard:home                           get   302  403  403  200  200  200  200  403
dashboard:queue                          get   302  403  403  200  200  200  200  403
dashboard:export                         get   302  403  403  200  200  200  200  403
core:home                                get   200  302  302  302  302  302  302  302
core:healthz                             get   200  200  200  200  200  200  200  200
core:privacy                             get   200  200  200  200  200  200  200  200
core:accessibility                       get   200  200  200  200  200  200  200  200
core:invitation_accept                   get   404  404  404  404  404  404  404  404
core:invitation_accept                   post  404  404  404  404  404  404  404  404
core:team                                get   302  403  403  403  403  200  403  403
core:team                                post  302  403  403  403  403  200  403  403
core:organisation_settings               get   302  403  403  403  403  200  403  403
core:organisation_settings               post  302  403  403  403  403  200  403  403
core:audit                               get   302  403  403  403  403  200  403  403
core:member_role                         post  302  403  403  403  403  302  403  403
core:member_remove                       post  302  403  403  403  403  302  403  403
core:invitation_revoke                   post  302  403  403  403  403  302  403  403
journey:my_actions                       get   302  403  403  403  200  200  200  403
journey:funnel                           get   302  403  403  200  200  200  200  403
journey:settings                         get   302  403  403  403  200  200  200  403
journey:settings                         post  302  403  403  403  200  200  200  403
journey:timeline                         get   302  403  403  200  200  200  404  403
journey:note_add                         post  302  403  403  403  200  200  404  403
journey:intake_complete                  post  302  403  403  403  302  302  404  403
journey:exit                             get   302  403  403  403  200  200  404  403
journey:exit                             post  302  403  403  403  200  200  404  403
journey:reactivate                       post  302  403  403  403  302  302  404  403
journey:certificate_edit                 get   302  403  403  403  200  200  404  403
journey:certificate_edit                 post  302  403  403  403  200  200  404  403
journey:certificate_pdf                  get   302  403  403  403  200  200  404  403
journey:step_complete                    post  302  403  403  403  302  302  404  403
journey:step_reschedule                  get   302  403  403  403  200  200  404  403
journey:step_reschedule                  post  302  403  403  403  200  200  404  403
journey:mine                             get   302  200  200  404  404  404  404  404
journey:mine_certificate                 get   302  200  404  404  404  404  404  404
checkins:answer                          get   200  200  200  200  200  200  200  200
checkins:answer                          post  200  200  200  200  200  200  200  200
checkins:mine                            get   302  200  200  404  404  404  404  404
checkins:mine_answer                     post  302  400  404  404  404  404  404  404
checkins:overview                        get   302  403  403  200  200  200  200  403
checkins:settings                        get   302  403  403  403  200  200  200  403
checkins:settings                        post  302  403  403  403  400  400  400  403
checkins:match                           get   302  403  403  200  200  200  404  403
checkins:record_answer                   post  302  403  403  400  400  400  404  403
caregivers:request_list                  get   302  403  403  200  200  200  200  403
caregivers:request_export                get   302  403  403  403  200  200  200  403
caregivers:intake                        get   302  403  403  403  200  200  200  403
caregivers:intake                        post  302  403  403  403  400  400  400  403
caregivers:request_import                get   302  403  403  403  200  200  200  403
caregivers:request_import                post  302  403  403  403  400  400  400  403
caregivers:request_import_confirm        post  302  403  403  403  400  404  404  403
caregivers:request_detail                get   302  403  403  200  200  200  404  403
caregivers:request_edit                  get   302  403  403  403  200  200  404  403
caregivers:request_edit                  post  302  403  403  403  400  400  404  403
caregivers:request_transition            post  302  403  403  403  302  302  404  403
caregivers:request_refer                 get   302  403  403  403  200  200  404  403
caregivers:request_refer                 post  302  403  403  403  400  400  404  403
caregivers:caregiver_detail              get   302  403  403  200  200  200  404  403
caregivers:caregiver_edit                get   302  403  403  403  200  200  404  403
caregivers:caregiver_edit                post  302  403  403  403  400  400  404  403
caregivers:caregiver_erase               get   302  403  403  403  200  200  404  403
caregivers:caregiver_erase               post  302  403  403  403  302  302  404  403
caregivers:recipient_detail              get   302  403  403  200  200  200  404  403
caregivers:recipient_edit                get   302  403  403  403  200  200  404  403
caregivers:recipient_edit                post  302  403  403  403  400  400  404  403
caregivers:recipient_erase               get   302  403  403  403  200  200  404  403
caregivers:recipient_erase               post  302  403  403  403  302  302  404  403
caregivers:partner_list                  get   302  403  403  200  200  200  200  403
caregivers:partner_create                get   302  403  403  403  200  200  200  403
caregivers:partner_create                post  302  403  403  403  400  400  400  403
caregivers:partner_detail                get   302  403  403  200  200  200  404  403
caregivers:partner_edit                  get   302  403  403  403  200  200  404  403
caregivers:partner_edit                  post  302  403  403  403  400  400  404  403
volunteers:welcome                       get   200  200  200  200  200  200  200  200
volunteers:signup                        get   302  302  302  403  403  403  403  302
volunteers:signup_step                   get   302  302  302  403  403  403  403  302
volunteers:signup_step                   post  302  302  302  403  403  403  403  302
volunteers:activate                      get   404  404  404  404  404  404  404  404
volunteers:activate                      post  404  404  404  404  404  404  404  404
volunteers:goodbye                       get   200  200  200  200  200  200  200  200
volunteers:welcome_organisation          get   200  200  200  200  200  200  200  200
volunteers:signup_start                  get   302  302  302  302  302  302  302  302
volunteers:signup_start                  post  302  302  302  302  302  302  302  302
volunteers:mine                          get   302  200  200  403  403  403  403  302
volunteers:mine_edit                     get   302  200  200  403  403  403  403  302
volunteers:mine_edit                     post  302  200  200  403  403  403  403  302
volunteers:mine_pause                    get   302  200  200  403  403  403  403  302
volunteers:mine_pause                    post  302  200  200  403  403  403  403  302
volunteers:mine_unpause                  post  302  302  302  403  403  403  403  302
volunteers:mine_withdraw_consent         post  302  302  302  403  403  403  403  302
volunteers:mine_export                   get   302  200  200  403  403  403  403  302
volunteers:mine_erase                    get   302  200  200  403  403  403  403  302
volunteers:mine_erase                    post  302  200  200  403  403  403  403  302
volunteers:list                          get   302  403  403  200  200  200  200  403
volunteers:export                        get   302  403  403  403  200  200  200  403
volunteers:detail                        get   302  403  403  200  200  200  404  403
volunteers:edit                          get   302  403  403  403  200  200  404  403
volunteers:edit                          post  302  403  403  403  200  200  404  403
volunteers:invite                        post  302  403  403  403  302  302  404  403
volunteers:erase                         get   302  403  403  403  200  200  404  403
volunteers:erase                         post  302  403  403  403  200  200  404  403
volunteers:import                        get   302  403  403  403  200  200  200  403
volunteers:import                        post  302  403  403  403  200  200  200  403
volunteers:import_example                get   302  403  403  403  200  200  200  403
volunteers:import_preview                get   302  403  403  403  200  200  404  403
volunteers:import_preview                post  302  403  403  403  200  200  404  403
volunteers:import_cancel                 post  302  403  403  403  302  302  404  403
matchmaking:queue                        get   302  403  403  302  302  302  302  403
matchmaking:review                       get   302  403  403  200  200  200  404  403
matchmaking:propose                      post  302  403  403  302  302  302  404  403
matchmaking:reject                       post  302  403  403  302  302  302  404  403
matchmaking:pairing                      get   302  403  403  200  200  200  200  403
matchmaking:pairing_approve              post  302  403  403  302  302  302  302  403
matchmaking:weights                      get   302  403  403  403  403  200  403  403
matchmaking:weights                      post  302  403  403  403  403  200  403  403
matchmaking:volunteer_matches            get   302  403  403  200  200  200  404  403
matchmaking:match_detail                 get   302  403  403  200  200  200  404  403
matchmaking:match_answer                 post  302  403  403  400  400  400  404  403
matchmaking:match_decline                post  302  403  403  400  400  400  404  403
matchmaking:match_plan                   post  302  403  403  400  400  400  404  403
matchmaking:match_activate               post  302  403  403  302  302  302  404  403
matchmaking:match_end                    post  302  403  403  400  400  400  404  403
matchmaking:match_settings               get   302  403  403  403  403  200  403  403
matchmaking:match_settings               post  302  403  403  403  403  200  403  403
matchmaking:tasks                        get   302  403  403  200  200  200  200  403
matchmaking:task_done                    post  302  403  403  302  302  302  404  403
matchmaking:my_matches                   get   302  200  200  403  403  403  403  302
matchmaking:my_match                     get   302  200  404  403  403  403  403  302
matchmaking:my_match_answer              post  302  400  404  403  403  403  403  302
matchmaking:my_match_ics                 get   302  200  404  403  403  403  403  302
matchmaking:caregiver_answer             get   200  200  200  200  200  200  200  200
matchmaking:caregiver_answer             post  200  200  200  200  200  200  200  200
placements:supporter                     get   302  403  403  200  200  200  404  403
placements:supporter                     post  302  403  403  200  200  200  404  403
placements:agreement                     get   302  403  403  200  200  200  404  403
placements:agreement                     post  302  403  403  200  200  200  404  403
placements:mine                          get   302  200  200  403  403  403  403  302
"""


def expected() -> dict[tuple[str, str], list[int]]:
    table = {}
    for line in MATRIX.strip().splitlines():
        name, method, *statuses = line.split()
        table[(name, method)] = [int(s) for s in statuses]
    return table


def walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern),
                            pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, prefix + str(pattern.pattern)


def test_every_url_has_a_row():
    ours = {name for name, route in walk(get_resolver().url_patterns)
            if not route.startswith(THIRD_PARTY)}
    rows = {name for name, _method in expected()}
    assert ours - rows == set(), "add these URLs to the matrix (and tests/trust/routes.py)"
    assert rows - ours == set(), "these rows name URLs that no longer exist"
    assert set(ROUTES) == rows


def object_routes() -> set[str]:
    """Rows whose URL names an object of organisation A (its public organisation page aside)."""
    import inspect

    named = {name for name, (args, _methods) in ROUTES.items()
             if 'w["' in inspect.getsource(args)}
    # Public pages: an organisation's welcome page, and the answer pages of check-ins and of
    # the caregiver's consent, where the signed link is the permission (valid: 200 for
    # anyone; a bad token: 404).
    return named - {"volunteers:welcome_organisation", "volunteers:signup_start",
                    "checkins:answer", "matchmaking:caregiver_answer"}


def test_the_table_keeps_the_rules():
    objects = object_routes()
    for (name, method), statuses in expected().items():
        by = dict(zip(PERSONAS, statuses, strict=True))
        assert 500 not in statuses, name
        assert by["anonymous"] in {200, 302, 404}, (name, method)
        if name in objects:
            # Another organisation's object is a 404 -- unless the role is too small for this
            # page anyway, which is a 403 for every object, existing or not.
            too_small = by["coordinator_a"] == 403
            assert by["coordinator_b"] == (403 if too_small else 404), name
            assert by["volunteer_b"] in {403, 404}, name


@pytest.fixture
def personas(org_a, org_b, admin_a, coordinator_a, matchmaker_a, coordinator_b, volunteer_a,
             volunteer_a2, volunteer_b, superuser):
    users = {"anonymous": None, "volunteer_a": volunteer_a.user, "volunteer_b": volunteer_b.user,
             "matchmaker_a": matchmaker_a, "coordinator_a": coordinator_a, "admin_a": admin_a,
             "coordinator_b": coordinator_b, "superuser": superuser}
    world_args = dict(org_a=org_a, org_b=org_b, admin_a=admin_a, coordinator_a=coordinator_a,
                      matchmaker_a=matchmaker_a, coordinator_b=coordinator_b,
                      volunteer_a=volunteer_a, volunteer_a2=volunteer_a2,
                      volunteer_b=volunteer_b)
    return users, world_args


@pytest.mark.django_db
@pytest.mark.parametrize("name, method", sorted(expected()))
def test_permission_matrix(personas, name, method):
    users, world_args = personas
    wanted = expected()[(name, method)]
    got = []
    for persona in PERSONAS:
        # A fresh world per person: one person's POST (an erase, a revoke) cannot change
        # what the next one meets.
        savepoint = transaction.savepoint()
        world = build_world(**world_args)
        client = login(users[persona]) if users[persona] else Client()
        url = reverse(name, args=ROUTES[name][0](world))
        got.append(getattr(client, method)(url, {}).status_code)
        transaction.savepoint_rollback(savepoint)
    if os.environ.get("KOPPEL_MATRIX_PRINT"):
        print(f"{name:40} {method:4} " + " ".join(f"{s:>4}" for s in got))
    assert dict(zip(PERSONAS, got, strict=True)) == dict(zip(PERSONAS, wanted, strict=True))
