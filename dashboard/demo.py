"""A year of history for the demo, so every chart of the dashboard says something: about
a hundred earlier help requests with their matches (started and ended month by month, a
few of them durable), proposals that did not go through with their reasons, the matches'
check-ins (two "niet goed" still to pick up) and two introductions in the coming days.
Then every open request's best suggestion is stored for the queue. Written with
bulk_create (fast, no e-mails); idempotent: the history is made once, recognised by its
references (HIST-0001, ...).
"""

import random
from datetime import timedelta

from django.utils import timezone

from caregivers.models import Caregiver, CareRecipient, HelpRequest
from checkins.models import CheckIn
from core.demo_people import COMMUNITIES, community_weights
from core.models import Organisation, Postcode, User
from matchmaking.models import EndReason, Match, Rejection, RejectionReason, Task
from volunteers.models import Volunteer

from .services import top_suggestions_refresh

HISTORY = 110
PREFIX = "HIST-"
MATCHMAKER_EMAIL = "matchmaker@demo.koppel.nl"
COORDINATOR_EMAIL = "coordinator@demo.koppel.nl"
END_REASONS = [
    (30, (EndReason.HELP_DONE, "Het gaat weer goed; de afgesproken periode is voorbij.")),
    (22, (EndReason.RECIPIENT_MOVED, "Opgenomen in een verpleeghuis.")),
    (16, (EndReason.VOLUNTEER_STOPPED, "Heeft een baan gevonden en geen tijd meer.")),
    (9, (EndReason.SCHEDULE, "Werkt nu op de dinsdagmiddag.")),
    (8, (EndReason.NO_CLICK, "Na een paar bezoeken klikte het toch niet.")),
    (6, (EndReason.CAREGIVER_STOPPED, "De familie regelt het nu zelf.")),
]
DECLINE_REASONS = [
    (30, RejectionReason.DISTANCE), (20, RejectionReason.SCHEDULE),
    (16, RejectionReason.NO_CLICK), (12, RejectionReason.VOLUNTEER_UNAVAILABLE),
    (10, RejectionReason.CAREGIVER_DECLINED), (7, RejectionReason.LANGUAGE),
    (5, RejectionReason.GENDER_OR_CULTURE), (4, RejectionReason.OTHER),
]


def _pick(rng, weighted):
    return rng.choices([v for _w, v in weighted], [w for w, _v in weighted])[0]


def seed(*, organisation: Organisation, log, now=None) -> int:
    now = now or timezone.now()
    rng = random.Random(88)  # noqa: S311 - demo data, not security
    made = 0
    if not HelpRequest.objects.filter(organisation=organisation,
                                      reference__startswith=PREFIX).exists():
        made = _history(organisation=organisation, rng=rng, now=now)
    _introductions(organisation=organisation, now=now)
    checkins = _checkins(organisation=organisation, rng=random.Random(89), now=now)  # noqa: S311
    scored = top_suggestions_refresh(organisation=organisation, now=now)
    log(f"Dashboard: {made} earlier requests with their matches (a year of history), "
        f"{checkins} check-ins, {scored} open requests scored for the queue")
    return made


def _history(*, organisation, rng, now) -> int:
    by = User.objects.filter(email=MATCHMAKER_EMAIL).first()
    areas = list(Postcode.objects.order_by("code"))
    volunteers = list(Volunteer.objects.filter(organisation=organisation, anonymised_at=None,
                                               status__in=["active", "alumni"]).order_by("pk"))
    if not volunteers or not areas:
        return 0
    families, plans = [], []
    for i in range(HISTORY):
        community = rng.choices(COMMUNITIES, weights=community_weights())[0]
        _bg, _w, _langs, female, male, names = community
        family = rng.choice(names)
        area = rng.choice(areas)
        # The month it came in: spread over the last twelve months, a little more recently.
        days_ago = int(365 * rng.random() ** 1.2) + 20
        received = now - timedelta(days=days_ago, hours=rng.randint(0, 8))
        started = received + timedelta(days=rng.randint(6, 30))
        outcome = rng.choices(["ended", "active", "durable"], [45, 30, 25])[0]
        ended = started + timedelta(days=rng.randint(30, 240))
        if outcome == "ended" and ended >= now:
            outcome = "active"
        if outcome == "durable" and (now - started).days < 100:
            outcome = "active"
        plans.append({
            "caregiver": f"{rng.choice(female + male)} {family}",
            "recipient": f"{rng.choice(female + male)} {family}", "area": area,
            "received": received, "started": started, "ended": ended, "outcome": outcome,
            "volunteer": rng.choice(volunteers), "end_reason": _pick(rng, END_REASONS),
            "declined": rng.random() < 0.45, "decline_reason": _pick(rng, DECLINE_REASONS),
            "decliner": rng.choice(volunteers), "party": rng.choice(["volunteer", "caregiver"]),
            "activities": rng.sample(["companionship", "groceries", "walking", "outings",
                                      "digital_help", "respite", "transport"], rng.randint(1, 2)),
        })
        families.append(i)
    caregivers = Caregiver.objects.bulk_create([
        Caregiver(organisation=organisation, name=p["caregiver"], postcode=p["area"].code,
                  latitude=p["area"].latitude, longitude=p["area"].longitude,
                  consent_data_at=p["received"], created_at=p["received"]) for p in plans])
    recipients = CareRecipient.objects.bulk_create([
        CareRecipient(organisation=organisation, name=p["recipient"], postcode=p["area"].code,
                      latitude=p["area"].latitude, longitude=p["area"].longitude,
                      consent_data_at=p["received"], created_at=p["received"]) for p in plans])
    requests = HelpRequest.objects.bulk_create([
        HelpRequest(organisation=organisation, reference=f"{PREFIX}{i + 1:04d}",
                    caregiver=caregivers[i], recipient=recipients[i], activities=p["activities"],
                    slots=["tue:afternoon"], postcode=p["area"].code,
                    latitude=p["area"].latitude, longitude=p["area"].longitude,
                    status="closed" if p["outcome"] == "ended" else "matched",
                    received_at=p["received"],
                    status_changed_at=p["ended"] if p["outcome"] == "ended" else p["started"])
        for i, p in enumerate(plans)])
    matches, declined = [], []
    for request, p in zip(requests, plans, strict=True):
        if p["declined"] and p["decliner"] != p["volunteer"]:
            when = p["received"] + timedelta(days=3)
            declined.append((Match(
                organisation=organisation, request=request, volunteer=p["decliner"],
                status=Match.Status.DECLINED, status_changed_at=when, score=0.71,
                proposed_by=by, proposed_at=p["received"] + timedelta(days=1), declined_at=when,
                declined_by_party=p["party"]), p["decline_reason"]))
        ended = p["outcome"] == "ended"
        matches.append(Match(
            organisation=organisation, request=request, volunteer=p["volunteer"],
            status=Match.Status.ENDED if ended else Match.Status.ACTIVE,
            status_changed_at=p["ended"] if ended else p["started"], score=0.82,
            proposed_by=by, proposed_at=p["started"] - timedelta(days=5),
            volunteer_accepted_at=p["started"] - timedelta(days=4),
            caregiver_accepted_at=p["started"] - timedelta(days=3),
            introduction_at=p["started"] - timedelta(days=1),
            introduction_place="Bij de zorgvrager thuis", active_at=p["started"],
            durable_at=p["started"] + timedelta(days=92) if p["outcome"] == "durable" else None,
            ended_at=p["ended"] if ended else None,
            end_reason_code=p["end_reason"][0] if ended else "",
            end_reason=p["end_reason"][1] if ended else ""))
    Match.objects.bulk_create(matches)
    made_declines = Match.objects.bulk_create([m for m, _r in declined])
    Rejection.objects.bulk_create([
        Rejection(organisation=organisation, request_id=m.request_id, volunteer_id=m.volunteer_id,
                  match=m, reason=reason, by=by, at=m.declined_at)
        for m, (_m, reason) in zip(made_declines, declined, strict=True)], ignore_conflicts=True)
    return len(requests)


def _checkins(*, organisation, rng, now) -> int:
    """The earlier matches' check-ins: mostly "goed" (the durable ones at 14 and 91 days),
    some "kan beter", two "niet goed" with the task nobody picked up yet; the next moment
    of running matches planned, a few asked and not answered after the reminder."""
    matches = list(Match.objects.filter(organisation=organisation,
                                        request__reference__startswith=PREFIX,
                                        active_at__isnull=False).order_by("pk"))
    if not matches or CheckIn.objects.filter(match__in=matches).exists():
        return 0
    coordinator = User.objects.filter(email=COORDINATOR_EMAIL).first()
    rows, flagged = [], []
    for match in matches:
        horizon = match.ended_at or now
        for days in (14, 91, 182):
            due = match.active_at + timedelta(days=days)
            for party in ("volunteer", "caregiver"):
                row = CheckIn(organisation=organisation, match=match, party=party,
                              moment=f"d{days}", due_at=due, channel="email", language="nl")
                if due < horizon - timedelta(days=10):
                    answer = "goed" if match.durable_at or rng.random() < 0.75 else "kan_beter"
                    row.status, row.sent_at, row.answer = "answered", due, answer
                    row.answered_at = due + timedelta(days=rng.randint(0, 4))
                elif match.status == Match.Status.ACTIVE and due < now:
                    row.status, row.sent_at = rng.choice([("sent", due), ("reminded", due)])
                    if row.status == "reminded":
                        row.reminder_sent_at = due + timedelta(days=5)
                elif match.status == Match.Status.ACTIVE:
                    row.next_action_at = due
                else:
                    continue
                rows.append(row)
    answered = [r for r in rows if r.status == "answered" and r.answered_at > now - timedelta(days=30)
                and not r.match.durable_at]
    for row in answered[:2]:
        row.answer, row.flagged_at = "niet_goed", row.answered_at
        row.comment = rng.choice(["Mijn moeder voelt zich niet op haar gemak bij hem.",
                                  "Ze is al twee keer niet gekomen zonder iets te zeggen."])
        flagged.append(row)
    CheckIn.objects.bulk_create(rows, ignore_conflicts=True)
    for i, row in enumerate(flagged):
        Task.objects.get_or_create(
            organisation=organisation, kind=Task.Kind.CHECKIN_FLAGGED, match=row.match,
            done_at=None, defaults={
                "title": f"Check-in: {row.get_party_display()} antwoordt 'niet goed'",
                "volunteer": row.match.volunteer, "request": row.match.request,
                "assignee": coordinator if i == 0 else None, "due_at": row.answered_at})
    if coordinator is not None and matches:
        Task.objects.get_or_create(
            organisation=organisation, kind=Task.Kind.CALL_CAREGIVER, match=matches[-1],
            done_at=None, defaults={"title": "Mantelzorger bellen: de check-in bleef onbeantwoord",
                                    "assignee": coordinator, "due_at": now - timedelta(days=2),
                                    "volunteer": matches[-1].volunteer,
                                    "request": matches[-1].request})
    return len(rows)


def _introductions(*, organisation, now) -> None:
    """Two proposals accepted by both sides get their introduction this week."""
    if Match.objects.filter(organisation=organisation,
                            status=Match.Status.INTRODUCTION_PLANNED).exists():
        return
    local = timezone.localtime(now)
    for days, match in enumerate(Match.objects.filter(
            organisation=organisation, status=Match.Status.PROPOSED).order_by("pk")[:2]):
        when = (local + timedelta(days=1 + days)).replace(hour=14 + days, minute=0, second=0,
                                                         microsecond=0)
        Match.objects.filter(pk=match.pk).update(
            status=Match.Status.INTRODUCTION_PLANNED, status_changed_at=now,
            volunteer_accepted_at=now - timedelta(days=3),
            caregiver_accepted_at=now - timedelta(days=2), introduction_at=when,
            introduction_place="Bij de zorgvrager thuis")
