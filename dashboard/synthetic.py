"""A synthetic organisation of any size, written with bulk_create: for the benchmark
(bench/dashboard.py: 10,000 volunteers, 3,000 requests, 5,000 matches and their check-ins) and for the tests
that check the dashboard's query count does not grow with the data. Not the demo: nobody
has a name worth reading, and no service runs (so no e-mails, audits or Celery tasks).
"""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from caregivers.models import Caregiver, CareRecipient, HelpRequest, HelpRequestLanguage
from checkins.models import CheckIn
from core.models import Organisation, Postcode, User
from core.slots import ALL_SLOTS
from core.vocabulary import LEVEL_ORDER, Activity, Motivation
from journey.models import Journey, JourneyStep, Phase
from journey.services import step_definitions_ensure
from matchmaking.models import EndReason, Match, Rejection, RejectionReason, Task
from volunteers.models import Volunteer, VolunteerLanguage

LANGUAGES = [{"nl": "native"}, {"nl": "native", "en": "C1"}, {"ar": "native", "nl": "B2"},
             {"tr": "native", "nl": "C1"}, {"uk": "native", "nl": "A2", "en": "B2"}]
BATCH = 1000


@dataclass
class Sizes:
    volunteers: int
    requests: int
    matches: int


def _areas():
    areas = list(Postcode.objects.order_by("code")[:40])
    return areas or [Postcode(code="3511", latitude=52.0929, longitude=5.1145, name="")]


def build(*, organisation: Organisation, sizes: Sizes, coordinator: User | None = None,
          seed: int = 8, now=None, tag: str = "syn") -> dict:
    """Add `sizes` of people, requests, matches (with rejections and journeys) to the
    organisation. Matches are spread over the last year, a third of them still running."""
    now = now or timezone.now()
    rng = random.Random(seed)  # noqa: S311 - test data
    areas = _areas()
    definitions = step_definitions_ensure(organisation=organisation)
    intake_codes = [c for c in ("first_contact", "intake_conversation", "vog_requested",
                                "vog_received", "introduction", "ready_to_match")
                    if c in definitions]
    with transaction.atomic():
        users = User.objects.bulk_create([
            User(email=f"{tag}{i:06d}.{organisation.slug}@synthetic.koppel.nl", first_name="Vrij",
                 last_name=f"Williger {i}", password="!") for i in range(sizes.volunteers)],
            batch_size=BATCH)
        if users and users[0].pk is None:   # SQLite before 3.35 gives no ids back
            users = list(User.objects.filter(email__endswith=f".{organisation.slug}@synthetic."
                                             "koppel.nl", email__startswith=tag).order_by("pk"))
        statuses = rng.choices(["active", "intake", "paused", "alumni"], [72, 14, 7, 7],
                               k=sizes.volunteers)
        volunteers = []
        for i, user in enumerate(users):
            area = rng.choice(areas)
            volunteers.append(Volunteer(
                organisation=organisation, user=user, first_name="Vrij", last_name=f"Williger {i}",
                postcode=f"{area.code} AB", latitude=area.latitude + rng.uniform(-.01, .01),
                longitude=area.longitude + rng.uniform(-.01, .01),
                max_distance_km=rng.choice([3, 5, 10, 15]),
                gender=rng.choice(["female", "male", "female"]),
                slots=rng.sample(ALL_SLOTS, rng.randint(2, 7)), hours_per_week=rng.choice([2, 4, 6]),
                commitment=rng.choice(["short", "long"]),
                activities=rng.sample(Activity.values, rng.randint(2, 4)),
                motivations=rng.sample(Motivation.values, rng.randint(1, 3)),
                status=statuses[i], signed_up_at=now - timedelta(days=rng.randint(1, 700))))
        volunteers = Volunteer.objects.bulk_create(volunteers, batch_size=BATCH)
        VolunteerLanguage.objects.bulk_create([
            VolunteerLanguage(volunteer=v, language=code, level=LEVEL_ORDER[level])
            for v in volunteers for code, level in rng.choice(LANGUAGES).items()],
            batch_size=BATCH)

        journeys, steps = [], []
        for v in volunteers:
            phase = {"intake": Phase.INTAKE, "alumni": Phase.ALUMNI}.get(v.status, Phase.ACTIVE)
            started = v.signed_up_at
            journeys.append(Journey(
                organisation=organisation, volunteer=v, phase=phase, coordinator=coordinator,
                started_at=started, phase_started_at=started,
                intake_completed_at=None if phase == Phase.INTAKE else started + timedelta(days=40),
                ended_at=now - timedelta(days=rng.randint(1, 60)) if phase == Phase.ALUMNI else None))
        journeys = Journey.objects.bulk_create(journeys, batch_size=BATCH)
        for journey in journeys:
            if journey.phase != Phase.INTAKE:
                continue
            done = rng.randint(0, len(intake_codes))
            for k, code in enumerate(intake_codes):
                due = (journey.started_at + timedelta(days=definitions[code].due_days or 14)).date()
                steps.append(JourneyStep(
                    organisation=organisation, journey=journey, definition=definitions[code],
                    phase=Phase.INTAKE, opened_at=journey.started_at, due_date=due,
                    owner=coordinator,
                    completed_at=journey.started_at + timedelta(days=k + 1) if k < done else None))
        JourneyStep.objects.bulk_create(steps, batch_size=BATCH)

        caregivers = Caregiver.objects.bulk_create([
            Caregiver(organisation=organisation, name=f"Mantel Zorger {i}", phone="0612345678",
                      consent_data_at=now) for i in range(sizes.requests)], batch_size=BATCH)
        recipients = CareRecipient.objects.bulk_create([
            CareRecipient(organisation=organisation, name=f"Zorg Vrager {i}", consent_data_at=now)
            for i in range(sizes.requests)], batch_size=BATCH)
        requests = []
        for i in range(sizes.requests):
            area = rng.choice(areas)
            received = now - timedelta(days=rng.randint(0, 365), hours=rng.randint(0, 20))
            requests.append(HelpRequest(
                organisation=organisation, reference=f"{tag.upper()}-{i:05d}",
                caregiver=caregivers[i], recipient=recipients[i],
                activities=rng.sample(Activity.values, rng.randint(1, 2)),
                slots=rng.sample(ALL_SLOTS, rng.randint(1, 4)), frequency="weekly",
                commitment=rng.choice(["short", "long"]), postcode=f"{area.code}",
                latitude=area.latitude, longitude=area.longitude,
                status=rng.choices(["matching", "intake_done", "new", "matched", "closed"],
                                   [45, 10, 5, 30, 10])[0],
                received_at=received, status_changed_at=received))
        requests = HelpRequest.objects.bulk_create(requests, batch_size=BATCH)
        HelpRequestLanguage.objects.bulk_create([
            HelpRequestLanguage(request=r, language=code, level=LEVEL_ORDER[level])
            for r in requests for code, level in rng.choice(LANGUAGES).items()],
            batch_size=BATCH)

        matches, rejections = [], []
        statuses = [Match.Status.ACTIVE, Match.Status.ENDED, Match.Status.DECLINED,
                    Match.Status.PROPOSED, Match.Status.VOLUNTEER_ACCEPTED,
                    Match.Status.INTRODUCTION_PLANNED]
        for k in range(sizes.matches if requests and volunteers else 0):
            request = requests[k % len(requests)]
            volunteer = volunteers[(k * 7919 + k // len(requests)) % len(volunteers)]
            status = rng.choices(statuses, [35, 25, 20, 10, 5, 5])[0]
            proposed = now - timedelta(days=rng.randint(1, 360))
            active = proposed + timedelta(days=rng.randint(5, 20)) \
                if status in (Match.Status.ACTIVE, Match.Status.ENDED) else None
            if active and active > now:
                active = now
            ended = min(now, active + timedelta(days=rng.randint(10, 200))) \
                if status == Match.Status.ENDED else None
            intro = now + timedelta(days=rng.randint(0, 6), hours=rng.randint(9, 17)) \
                if status == Match.Status.INTRODUCTION_PLANNED else None
            matches.append(Match(
                organisation=organisation, request=request, volunteer=volunteer, status=status,
                status_changed_at=ended or active or proposed, score=round(rng.uniform(.5, .95), 3),
                proposed_by=coordinator, proposed_at=proposed, active_at=active, ended_at=ended,
                end_reason_code=rng.choice(EndReason.values) if ended else "",
                durable_at=active + timedelta(days=90) if active and status == Match.Status.ACTIVE
                and (now - active).days > 100 else None,
                introduction_at=intro, introduction_place="Bij de zorgvrager thuis" if intro else "",
                declined_at=proposed + timedelta(days=3) if status == Match.Status.DECLINED else None,
                declined_by_party=rng.choice(["volunteer", "caregiver"])
                if status == Match.Status.DECLINED else ""))
        seen = set()
        unique = []
        for match in matches:   # one running match per pair (match_open_once)
            if (match.request_id, match.volunteer_id) not in seen:
                seen.add((match.request_id, match.volunteer_id))
                unique.append(match)
        matches = Match.objects.bulk_create(unique, batch_size=BATCH)
        reasons = RejectionReason.values
        for match in matches:
            if match.status == Match.Status.DECLINED:
                rejections.append(Rejection(
                    organisation=organisation, request_id=match.request_id,
                    volunteer_id=match.volunteer_id, match=match, reason=rng.choice(reasons),
                    by=coordinator, at=match.declined_at))
        Rejection.objects.bulk_create(rejections, batch_size=BATCH, ignore_conflicts=True)
        checkins, tasks = _checkins(organisation, matches, coordinator, rng, now)
    return {"volunteers": len(volunteers), "requests": len(requests), "matches": len(matches),
            "rejections": len(rejections), "journeys": len(journeys), "steps": len(steps),
            "checkins": checkins, "tasks": tasks}


def _checkins(organisation, matches, coordinator, rng, now) -> tuple[int, int]:
    """Both sides' check-ins at 14, 91 and 182 days of every match that started: answered
    when long past (one in twenty "niet goed", with its task), asked or planned otherwise."""
    rows, flagged = [], []
    for match in matches:
        if match.active_at is None:
            continue
        horizon = match.ended_at or now
        for days in (14, 91, 182):
            due = match.active_at + timedelta(days=days)
            for party in ("volunteer", "caregiver"):
                row = CheckIn(organisation=organisation, match=match, party=party,
                              moment=f"d{days}", due_at=due)
                if due < horizon - timedelta(days=10):
                    row.status, row.sent_at, row.answered_at = "answered", due, due
                    row.answer = rng.choices(["goed", "kan_beter", "niet_goed"], [80, 15, 5])[0]
                    if row.answer == "niet_goed":
                        row.flagged_at = due
                        flagged.append(row)
                elif match.status == Match.Status.ACTIVE and due < now:
                    row.status, row.sent_at = rng.choice(["sent", "reminded", "escalated"]), due
                elif match.status == Match.Status.ACTIVE:
                    row.next_action_at = due
                else:
                    continue
                rows.append(row)
    CheckIn.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
    tasks, seen = [], set()
    for row in flagged:
        if row.match_id not in seen:
            seen.add(row.match_id)
            tasks.append(Task(organisation=organisation, kind=Task.Kind.CHECKIN_FLAGGED,
                              title="Check-in: 'niet goed'", match=row.match,
                              volunteer_id=row.match.volunteer_id,
                              request_id=row.match.request_id, assignee=coordinator,
                              due_at=row.flagged_at, done_at=None if rng.random() < 0.3 else now))
    Task.objects.bulk_create(tasks, batch_size=BATCH)
    return len(rows), len(tasks)
