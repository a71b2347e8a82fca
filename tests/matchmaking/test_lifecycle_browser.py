"""From proposal to active in a real browser: the matchmaker proposes on the review page,
the volunteer says yes in Mijn Koppel, the caregiver says yes through the link in the
e-mail they got (read from the test outbox), the matchmaker plans the introduction and
starts the match; `send_due_checkins --now` 15 days later sends both check-ins, and both
answers given through the links appear on the match. No WCAG 2.1 AA violations on the new
pages."""

import io
import re
from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from ..browser_support import axe_violations, describe, log_in, screenshot
from ..factories import HelpRequestFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def new_page(chromium, live_server):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL",
                                   base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def test_from_proposal_to_an_active_match(page, chromium, live_server, org_a, matchmaker_a,
                                          volunteer_a):
    request = HelpRequestFactory(organisation=org_a, reference="REQ-0777",
                                 received_at=timezone.now() - timedelta(days=3))
    caregiver = request.caregiver
    caregiver.contact_channel, caregiver.email = "email", "els@example.nl"
    caregiver.save()

    # The matchmaker proposes Sara on the existing review page.
    log_in(page, matchmaker_a.email, totp=True)
    page.goto(f"/koppelen/hulpvraag/{request.pk}/")
    card = page.locator("article").filter(has_text="Sara").first
    card.get_by_role("button", name="Voorstellen").click()
    page.wait_for_selector("text=is voorgesteld voor REQ-0777.")

    # Sara finds the proposal in Mijn Koppel and says yes.
    sara = new_page(chromium, live_server)
    log_in(sara, volunteer_a.user.email)
    sara.goto("/mijn-koppel/")
    sara.get_by_role("link", name="Mijn koppelingen").click()
    sara.get_by_role("link", name="Bekijk en geef antwoord").click()
    sara.wait_for_selector("h1:has-text('Wil je iemand helpen?')")
    assert "Namen en adres hoor je" in sara.inner_text("main")
    assert axe_violations(sara) == [], describe(axe_violations(sara))
    sara.get_by_role("button", name="Ja, ik wil helpen").click()
    sara.wait_for_selector("text=We vragen nu of het gezin het ook ziet zitten")

    # Els, the caregiver, opens the link in her e-mail (no account) and says yes.
    question = next(m for m in mail.outbox if m.to == ["els@example.nl"])
    link = re.search(r"https?://\S+/koppeling/antwoord/\S+/", question.body).group(0)
    els = new_page(chromium, live_server)
    els.goto(urlparse(link).path)
    els.wait_for_selector("text=Sara wil graag helpen.")
    assert axe_violations(els) == [], describe(axe_violations(els))
    els.get_by_role("button", name="Ja, graag").click()
    els.wait_for_selector("text=We nemen contact met u op om de kennismaking te plannen.")
    els.goto(urlparse(link).path)
    els.wait_for_selector("text=U heeft deze vraag al beantwoord.")

    # The matchmaker plans the introduction at the care recipient's home and starts the match.
    page.goto(f"/koppelen/hulpvraag/{request.pk}/")
    page.get_by_role("link", name="beide akkoord").click()
    page.wait_for_selector("h2:has-text('Kennismaking plannen')")
    assert page.locator("#id_place").input_value().startswith("Thuis bij")
    day = timezone.localdate() + timedelta(days=4)
    page.locator("#id_date").fill(day.isoformat())
    page.locator("#id_time").fill("14:30")
    page.get_by_role("button", name="Kennismaking opslaan").click()
    page.wait_for_selector("text=De kennismaking is gepland.")
    assert any(m.attachments and m.to == [volunteer_a.user.email] for m in mail.outbox)
    assert axe_violations(page) == [], describe(axe_violations(page))
    page.get_by_role("button", name="Koppeling starten").click()
    page.wait_for_selector("text=De koppeling is gestart.")
    assert "Actief" in page.locator("p.lead").inner_text()
    timeline = page.locator("section[aria-labelledby=timeline-heading]").inner_text()
    for step in ("Voorgesteld", "Vrijwilliger akkoord", "Beide akkoord", "Kennismaking gepland",
                 "Actief"):
        assert step in timeline
    screenshot(page, "match-active")

    # Sara sees the introduction and can put it in her calendar.
    sara.goto("/mijn-koppel/koppelingen/")
    sara.get_by_role("link", name="Bekijken").first.click()
    assert "Zet in mijn agenda (.ics)" in sara.inner_text("main")
    assert "14:30" in sara.inner_text("main")

    # 15 days later the command sends both check-ins; both answer through their links.
    mail.outbox.clear()
    later = timezone.now() + timedelta(days=15)
    call_command("send_due_checkins", "--now", later.isoformat(), stdout=io.StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == sorted([volunteer_a.user.email,
                                                           "els@example.nl"])
    for message, who, answer in ((_to(volunteer_a.user.email), sara, "Goed"),
                                 (_to("els@example.nl"), els, "Kan beter")):
        who.goto(urlparse(re.search(r"https?://\S+/check-in/\S+", message.body).group(0)).path)
        who.get_by_label(answer, exact=True).check()
        who.get_by_role("button", name="Antwoord versturen").click()
        who.wait_for_load_state()
    page.goto(f"/koppelen/hulpvraag/{request.pk}/")
    page.get_by_role("link", name="actief").first.click()
    page.get_by_role("link", name="Check-ins").first.click()
    rows = page.locator("tbody tr", has_text="(d14)")
    answers = sorted(rows.nth(i).inner_text() for i in range(rows.count()))
    assert len(answers) == 2
    assert "Kan beter" in answers[0] and "mantelzorger" in answers[0]
    assert "Goed" in answers[1] and "vrijwilliger" in answers[1]
    screenshot(page, "match-checkins-answered")


def _to(address):
    return next(m for m in mail.outbox if m.to == [address])
