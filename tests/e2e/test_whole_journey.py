"""Koppel end to end, in a real browser (Debian's chromium), served on PostgreSQL with a
real Celery worker and beat: a volunteer signs up, a coordinator takes a request by phone,
the matchmaker proposes, both sides say yes, the match starts, 15 days later the check-ins
go out and both answer, and the dashboard shows the match going well.

Every step is saved as a screenshot in test-artifacts/e2e-*.png; the run prints its
duration. Run it alone with `scripts/test.sh tests/e2e -s` (with DATABASE_URL and
REDIS_URL set: see the README)."""

import re
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.db.models import F
from django.utils import timezone

from checkins.models import CheckIn
from core.models import Role
from matchmaking.models import Match
from volunteers.models import Volunteer

from ..browser_support import log_in, screenshot
from ..celery_support import mail_dir, read_mails, text_of, wait_for
from ..factories import MembershipFactory, UserFactory
from ..volunteers.helpers import load_postcodes, path_of

pytestmark = [pytest.mark.browser, pytest.mark.services, pytest.mark.django_db(transaction=True)]

LINK = re.compile(r"https?://[^\s\"<>]+")


def links(texts, containing: str) -> list[str]:
    found = [url for text in texts for url in LINK.findall(text) if containing in url]
    return found


class Run:
    """One browser per person, the e-mails they got, screenshots numbered in order."""

    def __init__(self, chromium, base_url, env):
        self.chromium, self.base_url, self.env, self.step = chromium, base_url, env, 0
        self.started = time.monotonic()

    def person(self, *, phone=False):
        size = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
        context = self.chromium.new_context(viewport=size, locale="nl-NL", base_url=self.base_url,
                                            is_mobile=phone, has_touch=phone)
        page = context.new_page()
        page.set_default_timeout(20_000)
        return page

    def shot(self, page, name):
        self.step += 1
        screenshot(page, f"e2e-{self.step:02d}-{name}")

    def mail_texts(self, to: str) -> list[str]:
        """Everything sent to `to`: by the web process (locmem) and by the worker (files)."""
        texts = [m.body for m in mail.outbox if to in m.to]
        texts += [text_of(m) for m in read_mails(mail_dir(self.env)) if to in m["To"]]
        return texts

    def wait_for_link(self, to: str, containing: str, *, timeout=90) -> str:
        url = wait_for(lambda: links(self.mail_texts(to), containing), timeout=timeout,
                       what=f"an e-mail to {to} with a link containing {containing!r}")[-1]
        return path_of(url)


def submit(page):
    page.click("main form button.btn-primary")
    page.wait_for_load_state()


def sign_up(run, page, email):
    page.goto("/vrijwilliger-worden/")
    run.shot(page, "welcome")
    page.click("text=Ik meld me aan")
    page.fill("input[name=email]", email)
    page.fill("input[name=password1]", "een-lang-wachtwoord")
    page.fill("input[name=password2]", "een-lang-wachtwoord")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    page.goto(run.wait_for_link(email, "confirm"))
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/aanmelden/about/$"))
    page.fill("#id_first_name", "Bo")
    page.fill("#id_last_name", "de Vries")
    page.fill("#id_postcode", "3511ab")
    submit(page)
    page.select_option("#id_languages-0-level", label="B2 (goed)")
    page.select_option("#id_languages-1-language", "tr")
    page.select_option("#id_languages-1-level", label="moedertaal")
    submit(page)
    page.get_by_label("dinsdagmiddag").check()
    page.get_by_label("donderdagmiddag").check()
    page.fill("#id_hours_per_week", "3")
    page.get_by_label("langere tijd, als maatje (een jaar of meer)").check()
    submit(page)
    page.get_by_label("gezelschap, bezoek, maatje").check()
    page.get_by_label("onder de mensen zijn").check()
    submit(page)
    submit(page)                                  # no cultural background: skipped
    page.get_by_label("e-mail").check()
    page.get_by_label("Ja, graag").check()
    submit(page)
    page.check("#id_privacy")
    submit(page)
    page.wait_for_url(re.compile(r"/mijn-koppel/$"))
    run.shot(page, "volunteer-signed-up")


def take_request_by_phone(run, page):
    page.goto("/hulpvragen/nieuw/")
    page.fill("#id_cg-name", "Samira Bouzid")
    page.fill("#id_cg-phone", "0612345678")
    page.fill("#id_cg-email", "samira@example.nl")
    page.select_option("#id_cg-contact_channel", "email")      # she reads her e-mail
    page.fill("#id_cg-languages_0_language", "Turks")
    page.keyboard.press("Tab")
    page.keyboard.type("m")
    page.check("#id_cg-consent_data")
    page.check("#id_rq-activities_0")             # gezelschap
    page.check("#id_rq-slots_tue_afternoon")
    page.fill("#id_rq-postcode", "3511AB")
    run.shot(page, "intake-by-phone")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/hulpvragen/(\d+)/$"))
    run.shot(page, "request-saved")
    return int(re.search(r"/hulpvragen/(\d+)/$", page.url).group(1))


def test_from_signup_to_a_match_going_well(chromium, live_server, workers, org_a):
    load_postcodes()
    run = Run(chromium, live_server.url, workers)
    coordinator = UserFactory(email="co@a.example", first_name="Carla")
    MembershipFactory(user=coordinator, organisation=org_a, role=Role.COORDINATOR)
    matchmaker = UserFactory(email="mm@a.example", first_name="Mo")
    MembershipFactory(user=matchmaker, organisation=org_a, role=Role.MATCHMAKER)

    # 1. A volunteer signs up on a phone and verifies the e-mail address.
    volunteer_page = run.person(phone=True)
    sign_up(run, volunteer_page, "bo@example.nl")
    volunteer = Volunteer.objects.get(user__email="bo@example.nl")

    # 2. The coordinator finishes Bo's intake and takes a request by phone.
    staff = run.person()
    log_in(staff, "co@a.example", totp=True)
    staff.goto(f"/reis/vrijwilliger/{volunteer.pk}/")
    for step in ("Eerste contact", "Intakegesprek"):   # called Bo, then met her
        staff.locator("tr", has_text=step).get_by_role("button", name="Afronden").click()
        staff.wait_for_load_state()
    staff.get_by_role("button", name="Instroom afronden").click()
    staff.wait_for_load_state()
    run.shot(staff, "intake-done")
    request_pk = take_request_by_phone(run, staff)

    # 3. The matchmaker reviews the suggestions and proposes Bo.
    matcher = run.person()
    log_in(matcher, "mm@a.example", totp=True)
    matcher.goto(f"/koppelen/hulpvraag/{request_pk}/")
    card = matcher.locator("article").filter(has_text="Bo de Vries").first
    run.shot(matcher, "suggestions")
    card.get_by_role("button", name="Voorstellen").click()
    matcher.wait_for_selector("text=Bo de Vries is voorgesteld")
    run.shot(matcher, "proposed")
    match = Match.objects.get(volunteer=volunteer, request_id=request_pk)

    # 4. Bo gets an e-mail (sent by the worker) and says yes in Mijn Koppel.
    volunteer_page.goto(run.wait_for_link("bo@example.nl", "/mijn-koppel/koppelingen/"))
    run.shot(volunteer_page, "volunteer-proposal")
    volunteer_page.get_by_role("button", name="Ja, ik wil helpen").click()
    volunteer_page.wait_for_load_state()
    run.shot(volunteer_page, "volunteer-accepted")

    # 5. Samira, who has no account, says yes through the link in her e-mail.
    caregiver_page = run.person(phone=True)
    caregiver_page.goto(run.wait_for_link("samira@example.nl", "/koppeling/antwoord/"))
    run.shot(caregiver_page, "caregiver-question")
    caregiver_page.get_by_role("button", name="Ja, graag").click()
    caregiver_page.wait_for_load_state()
    run.shot(caregiver_page, "caregiver-accepted")

    # 6. The matchmaker plans the introduction; after it, the match starts.
    matcher.goto(f"/koppelen/koppeling/{match.pk}/")
    introduction = timezone.localdate() + timedelta(days=3)
    matcher.fill("#id_date", introduction.isoformat())
    matcher.fill("#id_time", "14:30")
    matcher.get_by_role("button", name="Kennismaking opslaan").click()
    matcher.wait_for_load_state()
    run.shot(matcher, "introduction-planned")
    matcher.get_by_role("button", name="Koppeling starten").click()
    matcher.wait_for_selector("text=actief")
    run.shot(matcher, "match-active")
    match.refresh_from_db()
    assert match.status == Match.Status.ACTIVE
    planned = match.checkins.exclude(status=CheckIn.Status.CANCELLED)   # not intro14 now
    assert sorted(planned.values_list("party", "moment")) == [
        ("caregiver", "d14"), ("caregiver", "d182"), ("caregiver", "d91"),
        ("volunteer", "d14"), ("volunteer", "d182"), ("volunteer", "d91")]

    # 7. Fifteen days later (the match's dates move back; the clock of the processes does
    # not): beat's scan claims the two due check-ins and the worker e-mails both sides.
    fifteen_days = timedelta(days=15)
    Match.objects.filter(pk=match.pk).update(active_at=F("active_at") - fifteen_days)
    CheckIn.objects.filter(match=match).update(due_at=F("due_at") - fifteen_days,
                                               next_action_at=F("next_action_at") - fifteen_days)
    volunteer_link = run.wait_for_link("bo@example.nl", "/check-in/", timeout=120)
    caregiver_link = run.wait_for_link("samira@example.nl", "/check-in/", timeout=120)

    # 8. Both answer "goed" through their links.
    for page, link, name in ((volunteer_page, volunteer_link, "volunteer"),
                             (caregiver_page, caregiver_link, "caregiver")):
        page.goto(link)
        page.get_by_label("Goed", exact=True).check()
        run.shot(page, f"{name}-checkin")
        page.get_by_role("button", name="Antwoord versturen").click()
        page.wait_for_load_state()
        run.shot(page, f"{name}-checkin-answered")
    answers = dict(match.checkins.filter(moment="d14").values_list("party", "answer"))
    assert answers == {"volunteer": "goed", "caregiver": "goed"}
    sent = [m for m in read_mails(mail_dir(run.env)) if "/check-in/" in text_of(m)]
    assert len(sent) == 2                       # one each, never twice

    # 9. The answers are on the match for the matchmaker, and the dashboard shows it going well.
    matcher.goto(f"/check-ins/koppeling/{match.pk}/")
    run.shot(matcher, "checkin-history")
    answered = matcher.locator("tbody tr", has_text="(d14)")
    assert answered.count() == 2
    for row in range(2):
        assert "Goed" in answered.nth(row).inner_text()

    # The coordinator's dashboard: one active match, and both check-ins say it goes well.
    staff.goto("/dashboard/")
    run.shot(staff, "dashboard")
    cards = staff.locator(".dashboard-card", has_text="Actieve koppelingen")
    assert cards.locator(".dashboard-card-number").inner_text().strip() == "1"
    answers = staff.locator("#chart-answers-desc").text_content()
    assert answers == "Goed: 2; Kan beter: 0; Niet goed: 0", answers

    print(f"\ne2e run: {time.monotonic() - run.started:.1f} s")
