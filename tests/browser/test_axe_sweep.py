"""axe-core sweep: every page of the permission matrix that a persona may open, for every
role, in its states, has 0 violations of WCAG 2.1 A and AA.

Driven by the matrix (tests/trust/test_permission_matrix.py): every GET route with a 200 for
a persona is opened in Debian's chromium as that persona, so pages added by any app are swept
once they have their matrix rows. States:
- filled: organisation A with the test world (tests/trust/world.py) in it;
- empty: organisation B's coordinator sees B's lists and forms, where nothing exists yet;
- with form errors: every page with a form that posts is submitted with its text fields
  emptied (and the browser's own checks off), so the server's errors are shown;
- error pages: a 404 and a 403.
One browser; one logged-in context per persona. A summary per page goes to
test-artifacts/axe-sweep.md (and is printed).
"""

import time

import pytest
from django.test import Client
from django.urls import reverse

from ..browser_support import ARTIFACTS, axe_violations, describe
from ..trust.sweep import routes_for, url_for
from ..trust.test_permission_matrix import (
    expected,
    personas,  # noqa: F401 (a fixture)
)
from ..trust.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SWEPT = ["anonymous", "volunteer_a", "matchmaker_a", "coordinator_a", "admin_a",
         "coordinator_b"]
# The admin sees the coordinator's pages with one more menu item: only the admin's own pages
# are swept for them, which keeps the sweep at a few minutes on two cores.
SAME_PAGES_AS = {"admin_a": "coordinator_a"}
# allauth's pages (outside the matrix) in Koppel's templates.
ACCOUNT_PAGES = {
    "anonymous": ["account_login", "account_signup", "account_reset_password"],
    "volunteer_a": ["account_change_password", "mfa_index"],
    "coordinator_a": ["account_change_password", "mfa_index"],
}
# Empty text fields, no browser validation, submit the form with the most fields in <main>.
HAS_FORM = """() => [...document.querySelectorAll('main form')].some(
  f => (f.getAttribute('method') || '').toLowerCase() === 'post'
       && f.querySelector('input:not([type=hidden]), select, textarea'))"""
SUBMIT_WITH_ERRORS = """() => {
  const forms = [...document.querySelectorAll('main form')].filter(
    f => (f.getAttribute('method') || '').toLowerCase() === 'post'
         && f.querySelector('input:not([type=hidden]), select, textarea'));
  if (!forms.length) return false;
  forms.sort((a, b) => b.elements.length - a.elements.length);
  const form = forms[0];
  form.noValidate = true;
  for (const el of form.querySelectorAll('input, textarea')) {
    el.removeAttribute('required');
    if (el.tagName === 'TEXTAREA' || ['text', 'email', 'tel', 'number', 'password', 'date',
        'search', 'url'].includes(el.type)) el.value = '';
  }
  const button = form.querySelector('button[type=submit], input[type=submit], button:not([type])');
  if (button) { button.click(); } else { form.requestSubmit(); }
  return true;
}"""


def _session_cookie(user, base_url):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    from django.conf import settings

    return {"name": settings.SESSION_COOKIE_NAME,
            "value": client.cookies[settings.SESSION_COOKIE_NAME].value, "url": base_url}


def _is_html(response) -> bool:
    return response is not None and "text/html" in (response.headers.get("content-type") or "")


def _write_summary(results) -> str:
    lines = ["# axe-core sweep (WCAG 2.1 A and AA)", "",
             f"{len(results)} page states checked; "
             f"{sum(1 for r in results if r['violations'])} with violations.", "",
             "| persona | page | state | violations |", "|---|---|---|---|"]
    for r in results:
        found = ", ".join(f"{v['id']} ({len(v['nodes'])})" for v in r["violations"]) or "0"
        lines.append(f"| {r['persona']} | {r['page']} | {r['state']} | {found} |")
    text = "\n".join(lines) + "\n"
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "axe-sweep.md").write_text(text)
    return text


def test_every_page_of_the_matrix_passes_axe(chromium, live_server, personas):  # noqa: F811
    users, world_args = personas
    world = build_world(**world_args)
    posts = {name for name, method in expected() if method == "post"}
    results, started = [], time.monotonic()
    for persona in SWEPT:
        context = chromium.new_context(viewport={"width": 1280, "height": 900},
                                       locale="nl-NL", base_url=live_server.url)
        if users[persona] is not None:
            context.add_cookies([_session_cookie(users[persona], live_server.url)])
        page = context.new_page()
        page.set_default_timeout(15_000)
        names = routes_for(persona, "get")
        if persona in SAME_PAGES_AS:
            names = sorted(set(names) - set(routes_for(SAME_PAGES_AS[persona], "get")))
        # Pages that erase or revoke come last, so that what they change cannot matter.
        names.sort(key=lambda name: ("erase" in name or "remove" in name, name))
        for name in names:
            url = url_for(name, world)
            # Downloads (CSV, PDF, JSON) are no pages: ask first, without the browser.
            if not _is_html(context.request.get(url, max_redirects=0)):
                continue
            page.goto(url)
            state = "empty" if persona == "coordinator_b" else "filled"
            results.append({"persona": persona, "page": name, "state": state,
                            "violations": axe_violations(page)})
            if name in posts and page.evaluate(HAS_FORM):
                with page.expect_navigation():
                    page.evaluate(SUBMIT_WITH_ERRORS)
                shows_errors = page.locator(
                    ".is-invalid, .invalid-feedback, .alert-danger, .errorlist").count() > 0
                if shows_errors and page.url.split("?")[0].endswith(url.split("?")[0]):
                    results.append({"persona": persona, "page": name, "state": "form errors",
                                    "violations": axe_violations(page)})
        for account_page in ACCOUNT_PAGES.get(persona, []):
            page.goto(reverse(account_page))
            results.append({"persona": persona, "page": account_page, "state": "filled",
                            "violations": axe_violations(page)})
        for state, path in (("404", "/bestaat-niet/"),
                            ("403", "/dashboard/" if persona.startswith("volunteer") else None)):
            if path:
                page.goto(path)
                results.append({"persona": persona, "page": path, "state": state,
                                "violations": axe_violations(page)})
        context.close()
    summary = _write_summary(results)
    print(summary)
    print(f"axe sweep: {len(results)} page states in {time.monotonic() - started:.0f} s")
    failing = [f"{r['persona']} {r['page']} ({r['state']}):\n{describe(r['violations'])}"
               for r in results if r["violations"]]
    assert not failing, "\n\n".join(failing)
    assert {r["state"] for r in results} >= {"filled", "empty", "form errors", "404", "403"}
