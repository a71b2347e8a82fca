"""Demo journeys: every demo volunteer gets a journey that fits their status, replayed
through the real services at past moments (steps done, a first deployment, guidance
conversations, trainings, a few exits and alumni), leaving some actions overdue for the
demo coordinators. Idempotent: a volunteer whose journey was seeded is skipped, and every
random value comes from a generator seeded with the volunteer's e-mail address.
"""

import random
from datetime import datetime, timedelta

from django.utils import timezone

from core.models import Organisation
from core.vocabulary import Activity
from volunteers.models import Volunteer

from . import services
from .competences import Competence
from .models import Journey, JourneyStep, Phase, TimelineEvent

TRAININGS = ["Cultuursensitief werken", "Omgaan met dementie", "Grenzen stellen als maatje",
             "EHBO voor vrijwilligers", "Gesprekstechnieken"]
NOTES = [
    "Belde na de eerste inzet: het gaat goed, ze wil ook graag op woensdag.",
    "Even bijgepraat; vindt het fijn om af en toe te horen hoe het met de familie gaat.",
    "Heeft een vraag over de onkostenvergoeding, doorgegeven aan de administratie.",
    "Was een paar weken ziek, pakt het nu rustig weer op.",
    "Wil graag een keer meedoen met de vrijwilligersraad.",
]
FEEDBACK = [
    "Het contact met de familie was warm; de begeleiding had vaker mogen zijn.",
    "Vond de training heel nuttig. Stopt omdat ze een baan heeft gevonden.",
    "Gaat verhuizen. Zou het zo weer doen.",
    "Had graag eerder geweten wat er van een maatje verwacht wordt.",
]
REASONS = ["own_choice", "time", "moved", "work", "health", "term_ended"]


def _replay(volunteer: Volunteer, *, now, rng: random.Random) -> None:
    """Rebuild the volunteer's journey from their signup to today."""
    status = volunteer.status
    signup = volunteer.signed_up_at or volunteer.created_at
    recent = rng.uniform(2, 45)
    if status == Volunteer.Status.INTAKE:
        # Nobody waits a year in instroom: these signed up in the last weeks.
        signup = max(signup, now - timedelta(days=recent))
    age = (now - signup).days
    # Short journeys are compressed so that everything happened before today.
    scale = min(1.0, max(age - 1, 1) / 60)
    # Every draw happens here, before anything is written.
    draws = {
        "contact": rng.uniform(1, 5), "intake": rng.uniform(5, 15), "vog": rng.uniform(7, 16),
        "vog_back": rng.uniform(10, 30), "intro": rng.uniform(20, 40),
        "ready": rng.uniform(42, 58), "deploy": rng.uniform(5, 30),
        "intake_progress": rng.randint(0, 4), "training": rng.random() < 0.45,
        "training_title": rng.choice(TRAININGS), "note": rng.random() < 0.35,
        "note_text": rng.choice(NOTES), "done_rolls": [rng.random() for _ in range(40)],
        "exit_frac": rng.uniform(0.55, 0.9), "reason": rng.choice(REASONS),
        "feedback": rng.choice(FEEDBACK), "keep": rng.random() < 0.5,
        "ambassador": rng.choice([True, False, None]), "farewell": rng.random() < 0.7,
        "certificate": rng.random() < 0.5, "exit_rest": rng.random() < 0.6,
        "next_step": rng.choice(["", "Doorverwezen naar het taalcafé in de wijk",
                                 "Gaat vrijwilligerswerk doen bij de voedselbank"]),
        "competences": rng.sample(Competence.values, 3),
    }
    Journey.objects.filter(volunteer=volunteer).delete()
    volunteer.status = Volunteer.Status.INTAKE  # replay from the signup (in memory only)
    volunteer.signed_up_at = signup
    journey = services.journey_start(volunteer=volunteer, now=signup)
    TimelineEvent.objects.filter(journey=journey, kind=TimelineEvent.Kind.SIGNED_UP).update(
        data={"demo": True})
    coordinator = journey.coordinator

    def moment(days):
        return signup + timedelta(days=days * scale)

    def complete(code, when, note=""):
        step = (JourneyStep.objects.filter(journey__volunteer=volunteer, completed_at=None,
                                           definition__code=code)
                .select_related("definition", "journey").first())
        if step is not None and when < now:
            services.journey_complete_step(step=step, by=coordinator, now=when, note=note)

    intake_steps = [("first_contact", draws["contact"]), ("intake_conversation", draws["intake"]),
                    ("vog_requested", draws["vog"]),
                    ("vog_received", draws["vog"] + draws["vog_back"]),
                    ("introduction", draws["intro"])]
    if status == Volunteer.Status.INTAKE:
        # Somewhere in their instroom: the first few steps done, the rest still open.
        for code, days in intake_steps[:draws["intake_progress"]]:
            complete(code, signup + timedelta(days=min(days, max(age - 1, 0))))
        return
    for code, days in intake_steps:
        complete(code, moment(days))
    intake_done = moment(draws["ready"])
    complete("ready_to_match", intake_done)

    active_days = (now - intake_done).days
    exit_at = intake_done + timedelta(days=active_days * draws["exit_frac"]) \
        if status == Volunteer.Status.ALUMNI else None
    horizon = exit_at or now
    deployed = intake_done + timedelta(days=draws["deploy"] * scale)
    if deployed < horizon:
        activities = list(volunteer.activities)[:2] or [Activity.COMPANIONSHIP]
        services.journey_record_event(
            volunteer=volunteer, kind="match_started", at=deployed, by=coordinator,
            data={"reference": f"REQ-{volunteer.pk:04d}", "activities": activities})
        complete("thank_you_call", deployed + timedelta(days=2))
    if draws["training"]:
        when = intake_done + (horizon - intake_done) / 3
        services.journey_add_note(volunteer=volunteer, note="", title=draws["training_title"],
                                  training=True, by=coordinator, now=when)
    if draws["note"]:
        services.journey_add_note(volunteer=volunteer, note=draws["note_text"], by=coordinator,
                                  now=intake_done + (horizon - intake_done) / 2)
    # Work through due actions: older ones were done around their date; of the last six
    # weeks' actions a few are still open (the demo coordinators' overdue work).
    rolls = iter(draws["done_rolls"])
    left_open = []
    while True:
        step = (JourneyStep.objects.filter(journey=journey, completed_at=None,
                                           due_date__lt=timezone.localdate(horizon))
                .exclude(pk__in=left_open)
                .select_related("definition", "journey").order_by("due_date", "pk").first())
        if step is None:
            break
        when = timezone.make_aware(datetime.combine(step.due_date, datetime.min.time())) \
            + timedelta(hours=11)
        if next(rolls, 0.0) > 0.9 and (horizon - when).days < 45 or when >= horizon:
            left_open.append(step.pk)
            continue
        services.journey_complete_step(step=step, by=coordinator, now=when)
    if exit_at is None:
        if status == Volunteer.Status.PAUSED:
            Volunteer.objects.filter(pk=volunteer.pk).update(status=Volunteer.Status.PAUSED)
        return
    services.journey_exit(volunteer=volunteer, reason=draws["reason"], feedback=draws["feedback"],
                          keep_in_touch=draws["keep"], ambassador=draws["ambassador"],
                          next_step_note=draws["next_step"], by=coordinator, now=exit_at)
    if draws["farewell"]:
        complete("farewell", exit_at + timedelta(days=5))
    if draws["exit_rest"]:
        for code in ("next_step", "ambassador"):
            complete(code, exit_at + timedelta(days=6))
    if draws["certificate"] and coordinator is not None:
        services.certificate_save(
            journey=journey, role_title="maatje" if "companionship" in volunteer.activities
            else "vrijwilliger", tasks=[str(Activity(a).label) for a in volunteer.activities],
            competences=draws["competences"], signer=coordinator,
            signer_role="vrijwilligerscoördinator", now=min(exit_at + timedelta(days=7), now))


def seed(*, organisation: Organisation, log, now=None) -> int:
    now = now or timezone.now()
    services.ensure_journeys(organisation=organisation)
    seeded = set(TimelineEvent.objects.filter(organisation=organisation, data__demo=True)
                 .values_list("volunteer_id", flat=True))
    volunteers = (Volunteer.objects.filter(organisation=organisation, anonymised_at=None)
                  .exclude(user=None).select_related("user", "organisation").order_by("pk"))
    done = 0
    for volunteer in volunteers:
        rng = random.Random(volunteer.user.email)  # noqa: S311 - demo data, not security
        if volunteer.pk in seeded:
            continue
        _replay(volunteer, now=now, rng=rng)
        done += 1
    _showcase(organisation=organisation, now=now)
    overdue = JourneyStep.objects.filter(organisation=organisation, completed_at=None,
                                         journey__ended_at=None,
                                         due_date__lt=timezone.localdate(now)).count()
    log(f"Journeys: {done} replayed, {len(seeded)} already there; {overdue} actions overdue")
    return done


def _showcase(*, organisation, now):
    """The demo volunteer who can log in gets a training and a certificate, so Mijn Koppel
    shows the whole journey page."""
    from volunteers.demo import DEMO_VOLUNTEER_EMAIL

    volunteer = Volunteer.objects.filter(organisation=organisation,
                                         user__email=DEMO_VOLUNTEER_EMAIL).first()
    journey = services.journey_current(volunteer=volunteer) if volunteer else None
    if journey is None or journey.phase != Phase.ACTIVE or hasattr(journey, "certificate"):
        return
    coordinator = journey.coordinator
    if coordinator is None:
        return
    if not TimelineEvent.objects.filter(volunteer=volunteer, kind=TimelineEvent.Kind.TRAINING).exists():
        services.journey_add_note(volunteer=volunteer, note="", title="Cultuursensitief werken",
                                  training=True, by=coordinator, now=now - timedelta(days=20))
    services.certificate_save(
        journey=journey, role_title="maatje",
        tasks=[str(Activity(a).label) for a in volunteer.activities],
        competences=["reliability", "communicating", "cooperating"], signer=coordinator,
        signer_role="vrijwilligerscoördinator", now=now - timedelta(days=3))
