"""Bad input everywhere: every form of every POST route of the permission matrix gets random
text, unicode, huge, empty and malformed values (hypothesis), posted by a persona who may post
there; both CSV imports get random bytes, wrong encodings, missing columns and huge rows.
Nothing answers 500, and a rejection always says why (a form error or the import's message).

Forms are discovered, not listed: the fields come from the rendered pages of the persona
(a POST-only route's fields from the page whose form posts to it), so a form added by any app
is fuzzed once its matrix rows exist. Examples are few per form (the CI machine has 2 cores).
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .forms import forms_on
from .sweep import client_for, routes_for, url_for
from .test_permission_matrix import (
    PERSONAS,
    expected,
    personas,  # noqa: F401 (a fixture)
)
from .world import build_world

EXAMPLES = 25
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
POSTERS = ["coordinator_a", "admin_a", "matchmaker_a", "volunteer_a"]
REJECTION = re.compile(r'is-invalid|invalid-feedback|errorlist|role="alert"|class="alert|'
                       r'id="form-errors"')
RUNS = {"forms": 0, "examples": 0}

nasty = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
    st.sampled_from([
        "", " ", "0", "-1", "1e309", "99999999999999999999", "NaN", "2026-13-45", "31-02-2026",
        "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "%00", "\x00",
        "ضيف", "Ünïcödé 😀", "\u202e", "a" * 5000, "x" * 100_000, "null", "[]", "{}",
    ]),
)


def poster(name: str) -> str | None:
    statuses = expected()[(name, "post")]
    for persona in POSTERS:
        if statuses[PERSONAS.index(persona)] not in {403, 404}:
            return persona
    return None


def discover_forms(client, world, persona) -> dict[str, dict]:
    """action URL -> fields, from every page the persona may open."""
    found = {}
    for name in routes_for(persona, "get"):
        url = url_for(name, world)
        response = client.get(url)
        if "text/html" not in response.headers.get("Content-Type", ""):
            continue
        for form in forms_on(response.content.decode(errors="replace"), url):
            fields = found.setdefault(form.action.split("?")[0], {})
            fields.update(form.fields)
    return found


def values_for(data, fields) -> dict:
    posted = {}
    for name, spec in fields.items():
        choices = [o for o in spec.options if o is not None]
        strategy = st.one_of(st.sampled_from(choices), nasty) if choices else nasty
        if data.draw(st.booleans()):  # leave some fields out altogether
            posted[name] = data.draw(strategy)
    return posted


def fuzz_form(client, name, url, fields, silent) -> None:
    @FUZZ
    @given(data=st.data())
    def post_nonsense(data):
        RUNS["examples"] += 1
        posted = values_for(data, fields)
        savepoint = transaction.savepoint()
        try:
            response = client.post(url, posted)
        finally:
            transaction.savepoint_rollback(savepoint)
        assert response.status_code < 500, (name, posted)
        html = "text/html" in response.headers.get("Content-Type", "")
        if response.status_code == 400 and html and not REJECTION.search(
                response.content.decode(errors="replace")):
            silent.append((name, response.status_code, posted))

    post_nonsense()


@pytest.mark.django_db
def test_no_form_answers_500_and_every_rejection_says_why(personas):  # noqa: F811
    users, world_args = personas
    world = build_world(**world_args)
    forms_by_persona, silent = {}, []
    post_routes = sorted(name for name, method in expected() if method == "post")
    for name in post_routes:
        persona = poster(name)
        if persona is None:
            continue
        client = client_for(users, persona)
        if persona not in forms_by_persona:
            forms_by_persona[persona] = discover_forms(client, world, persona)
        url = url_for(name, world)
        fields = forms_by_persona[persona].get(url, {})
        RUNS["forms"] += 1

        fuzz_form(client, name, url, fields, silent)
    print(f"bad input: {RUNS['forms']} forms, {RUNS['examples']} examples")
    assert not silent, silent[:5]
    assert RUNS["forms"] > 40


csv_header = st.sampled_from([
    "email,first_name,postcode,languages,availability",
    "reference,caregiver_name,postcode,languages,slots,activities",
    "email;first_name;postcode;languages;availability", "", "naam,adres", "email",
])
csv_cell = st.one_of(nasty, st.sampled_from(["nl:B1", "mon:morning", "3511AB", "a@b.nl",
                                             "companionship", "REQ-1"]))


@st.composite
def uploads(draw):
    kind = draw(st.sampled_from(["bytes", "latin1", "utf16", "rows", "huge"]))
    header = draw(csv_header)
    rows = draw(st.lists(st.lists(csv_cell, max_size=8), max_size=5))
    text = header + "\n" + "\n".join(",".join(c.replace(",", " ").replace("\n", " ")
                                              for c in row) for row in rows)
    if kind == "bytes":
        return draw(st.binary(max_size=2000))
    if kind == "latin1":
        return (text + "\nJosé,Müller").encode("latin-1", errors="replace")
    if kind == "utf16":
        return text.encode("utf-16")
    if kind == "huge":
        return (header + "\n" + "x" * 200_000 + "," * 50).encode()
    return text.encode("utf-8", errors="replace")


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["volunteers:import", "caregivers:request_import"])
def test_imports_never_fail_and_always_say_why(coordinator_a_client, url_name):
    from django.urls import reverse

    url = reverse(url_name)

    @FUZZ
    @given(data=uploads(), name=st.sampled_from(["lijst.csv", "LIJST.CSV", "export.txt"]))
    def upload(data, name):
        savepoint = transaction.savepoint()
        try:
            response = coordinator_a_client.post(
                url, {"file": SimpleUploadedFile(name, data, content_type="text/csv")})
        finally:
            transaction.savepoint_rollback(savepoint)
        assert response.status_code < 500
        if response.status_code in {200, 400}:
            body = response.content.decode(errors="replace")
            assert REJECTION.search(body) or "preview" in body.lower() or \
                "voorbeeld" in body.lower(), body[:300]

    upload()


@pytest.mark.django_db
def test_found_by_the_sweep_a_next_that_is_no_path(personas):  # noqa: F811
    """`next=0` on a journey action was taken for a URL name (500); now it is ignored."""
    users, world_args = personas
    world = build_world(**world_args)
    response = client_for(users, "coordinator_a").post(
        url_for("journey:step_complete", world), {"next": "0"})
    assert response.status_code == 302
    assert response.url == url_for("journey:timeline", world)
