"""Reads of the volunteer journey: timelines, action lists, the digest and funnel figures."""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from statistics import median

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import F, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.vocabulary import Activity
from volunteers.models import Volunteer
from volunteers.selectors import volunteer_languages_display

from .defaults import SIGNED_UP
from .models import (
    PHASE_ORDER,
    Certificate,
    Journey,
    JourneyStep,
    Phase,
    StepDefinition,
    TimelineEvent,
)


def journey_history(*, volunteer: Volunteer) -> list[Journey]:
    """Every journey of the volunteer, newest first, with its events and steps."""
    return list(
        Journey.objects.filter(volunteer=volunteer)
        .select_related("coordinator", "next_step_partner", "certificate")
        .prefetch_related(
            Prefetch("events", queryset=TimelineEvent.objects.select_related("by", "step__definition")),
            Prefetch("steps", queryset=JourneyStep.objects.select_related(
                "definition", "owner", "completed_by").order_by(
                    F("due_date").asc(nulls_last=True), "pk")),
        )
        .order_by("-number")
    )


def journey_open_steps(*, journey: Journey) -> list[JourneyStep]:
    return [step for step in journey.steps.all() if step.completed_at is None]


def _open_actions():
    return (JourneyStep.objects.filter(completed_at=None, journey__ended_at=None,
                                       journey__volunteer__anonymised_at=None)
            .select_related("definition", "journey__volunteer", "owner"))


def journey_actions_for(*, user, organisation) -> list[JourneyStep]:
    """The open actions a staff member owns: overdue first, then due today, later, and
    those without a date last."""
    return list(_open_actions().filter(owner=user, organisation=organisation)
                .order_by(F("due_date").asc(nulls_last=True), "pk"))


def journey_digest_actions(*, today: date):
    """(user, [actions]) for every staff member with actions overdue or due `today`, in
    their own organisation (someone who left the team gets nothing)."""
    steps = (_open_actions()
             .filter(due_date__lte=today, owner__membership__organisation=F("organisation"),
                     owner__is_active=True)
             .order_by("owner_id", "due_date", "pk"))
    grouped: dict[int, list[JourneyStep]] = defaultdict(list)
    users = {}
    for step in steps:
        grouped[step.owner_id].append(step)
        users[step.owner_id] = step.owner
    return [(users[user_id], actions) for user_id, actions in grouped.items()]


def with_due_state(steps, *, today: date):
    """Mark each action overdue, due today, soon (within a week), later or undated; the
    templates show it in words as well as colour."""
    for step in steps:
        if step.due_date is None:
            step.due_state = "none"
        elif step.due_date < today:
            step.due_state = "overdue"
            step.days_late = (today - step.due_date).days
        elif step.due_date == today:
            step.due_state = "today"
        elif (step.due_date - today).days <= 7:
            step.due_state = "soon"
        else:
            step.due_state = "later"
    return steps


def volunteer_trainings(*, volunteer: Volunteer) -> list[TimelineEvent]:
    return list(TimelineEvent.objects.filter(volunteer=volunteer, kind=TimelineEvent.Kind.TRAINING)
                .order_by("at"))


def certificate_task_suggestions(*, journey: Journey) -> list[str]:
    """Tasks done, for the certificate: the activities of the matches the matching app told
    us about, else the activities the volunteer chose."""
    codes: list[str] = []
    for data in (TimelineEvent.objects.filter(journey=journey, kind__in=[
            TimelineEvent.Kind.MATCHED, TimelineEvent.Kind.MATCH_STARTED])
            .values_list("data", flat=True)):
        for code in (data or {}).get("activities", []):
            if code not in codes and code in Activity.values:
                codes.append(code)
    if not codes:
        codes = list(journey.volunteer.activities)
    return [str(Activity(code).label) for code in codes]


# --- Funnel figures ---------------------------------------------------------------------------


@dataclass
class PhaseFigure:
    phase: str
    label: str
    count: int = 0
    # Median days the volunteers now in this phase have been in it so far.
    median_days_now: float | None = None
    # Median days journeys that went through this phase stayed in it.
    median_days_done: float | None = None


@dataclass
class StepFigure:
    definition: StepDefinition
    count: int = 0  # volunteers for whom this is the next open step
    median_days: float | None = None  # from opening to done, over completed steps


@dataclass
class Funnel:
    phases: list[PhaseFigure] = field(default_factory=list)
    steps: list[StepFigure] = field(default_factory=list)
    total: int = 0


def _days(start, end):
    return (end - start).total_seconds() / 86400


def _median(values):
    return round(median(values), 1) if values else None


def journey_funnel(*, organisation, now=None) -> Funnel:
    """How many volunteers are in each phase and at each step, and how long they stay there.
    Four queries whatever the number of volunteers."""
    now = now or timezone.now()
    rows = list(Journey.objects.filter(organisation=organisation).values(
        "id", "volunteer_id", "number", "phase", "imported", "started_at", "phase_started_at",
        "intake_completed_at", "exit_started_at", "ended_at"))
    latest: dict[int, dict] = {}
    for row in rows:
        if row["volunteer_id"] not in latest or row["number"] > latest[row["volunteer_id"]]["number"]:
            latest[row["volunteer_id"]] = row
    figures = {phase: PhaseFigure(phase=phase, label=str(phase.label)) for phase in PHASE_ORDER}
    now_days = defaultdict(list)
    for row in latest.values():
        figures[row["phase"]].count += 1
        now_days[row["phase"]].append(_days(row["phase_started_at"], now))
    done_days = defaultdict(list)
    for row in rows:
        if row["intake_completed_at"] and not row["imported"]:
            done_days[Phase.INTAKE].append(_days(row["started_at"], row["intake_completed_at"]))
        if row["intake_completed_at"] and row["exit_started_at"]:
            done_days[Phase.ACTIVE].append(_days(row["intake_completed_at"], row["exit_started_at"]))
        if row["exit_started_at"] and row["ended_at"] and row["exit_started_at"] != row["ended_at"]:
            done_days[Phase.EXIT].append(_days(row["exit_started_at"], row["ended_at"]))
    for phase, figure in figures.items():
        figure.median_days_now = _median(now_days[phase])
        figure.median_days_done = _median(done_days[phase])

    definitions = {d.pk: d for d in StepDefinition.objects.filter(organisation=organisation)}
    current_ids = {row["id"] for row in latest.values() if row["ended_at"] is None}
    next_step: dict[int, tuple] = {}
    for journey_id, definition_id in (JourneyStep.objects.filter(
            organisation=organisation, completed_at=None, journey_id__in=current_ids)
            .values_list("journey_id", "definition_id")):
        definition = definitions[definition_id]
        key = (PHASE_ORDER.index(definition.phase), definition.order, definition.pk)
        if journey_id not in next_step or key < next_step[journey_id]:
            next_step[journey_id] = key
    counts = defaultdict(int)
    for key in next_step.values():
        counts[key[2]] += 1
    durations = defaultdict(list)
    for definition_id, opened, completed in (JourneyStep.objects.filter(
            organisation=organisation, skipped=False, completed_at__isnull=False)
            .exclude(definition__code=SIGNED_UP)
            .values_list("definition_id", "opened_at", "completed_at")):
        durations[definition_id].append(_days(opened, completed))
    steps = [
        StepFigure(definition=d, count=counts[d.pk], median_days=_median(durations[d.pk]))
        for d in sorted(definitions.values(),
                        key=lambda d: (PHASE_ORDER.index(d.phase), d.order, d.pk))
        if d.active or counts[d.pk]
    ]
    return Funnel(phases=[figures[p] for p in PHASE_ORDER], steps=steps, total=len(latest))


# --- Ending well: the consulent's summary (newcomers, seed 004) --------------------------------

_EMAIL_TOKEN = re.compile(r"[^\s,;/()<>]+@[^\s,;/()<>]+")


def consulent_email(*, volunteer: Volunteer) -> str:
    """The consulent's e-mail address from the newcomer track ("phone or e-mail", as the
    volunteer wrote it), or ""."""
    if not volunteer.is_newcomer:
        return ""
    for token in _EMAIL_TOKEN.findall(volunteer.newcomer.consulent_contact or ""):
        try:
            validate_email(token)
        except ValidationError:
            continue
        return token
    return ""


def consulent_summary_blocker(*, volunteer: Volunteer) -> str:
    """Why no summary can go to the consulent, in a sentence; "" when it can. Only with the
    volunteer's own consent to share progress (they give or withdraw it in Mijn Koppel)."""
    if not volunteer.is_newcomer:
        return str(_("Alleen voor vrijwilligers op het nieuwkomerstraject."))
    if not volunteer.newcomer.has_consulent_consent:
        return str(_("%(name)s heeft geen toestemming gegeven om de voortgang met de "
                     "consulent te delen. Daarom sturen we niets. De vrijwilliger kan dit zelf "
                     "aanzetten in Mijn Koppel.") % {"name": volunteer.full_name})
    if not consulent_email(volunteer=volunteer):
        return str(_("Er is geen e-mailadres van de consulent bekend. Vraag het de "
                     "vrijwilliger; die vult het in bij Mijn Koppel."))
    return ""


@dataclass
class ConsulentSummary:
    volunteer: Volunteer
    consulent_name: str
    started: date
    ended: date
    tasks: list[str]
    trainings: list[str]
    dutch_now: str
    dutch_goal: str
    route: str
    certificate: object = None   # journey.models.Certificate or None


def consulent_summary(*, journey: Journey, today: date) -> ConsulentSummary:
    """What the consulent reads: the period, what the volunteer did, their trainings, their
    Dutch now and the aim, and the certificate when there is one."""
    volunteer = journey.volunteer
    profile = volunteer.newcomer
    certificate = Certificate.objects.filter(journey=journey).first()
    tasks = (list(certificate.tasks) if certificate and certificate.tasks
             else certificate_task_suggestions(journey=journey))
    dutch = next((lang for lang in volunteer_languages_display(volunteer)
                  if lang["code"] == "nl"), None)
    return ConsulentSummary(
        volunteer=volunteer, consulent_name=profile.consulent_name,
        started=timezone.localdate(journey.started_at),
        ended=timezone.localdate(journey.exit_started_at) if journey.exit_started_at else today,
        tasks=tasks,
        trainings=[(e.data or {}).get("title") or str(_("Training"))
                   for e in volunteer_trainings(volunteer=volunteer)],
        dutch_now=str(dutch["level_label"]) if dutch else "",
        dutch_goal=profile.get_dutch_level_goal_display() if profile.dutch_level_goal else "",
        route=profile.get_route_display() if profile.route else "",
        certificate=certificate,
    )
