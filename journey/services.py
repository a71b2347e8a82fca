"""Writes of the volunteer journey. Keyword-only, with `now=` for time (tests travel).

The public entry point for the apps above (matching, check-ins) is `journey_record_event`;
the volunteers app below cannot call in, so journey/receivers.py starts a journey when a
volunteer is created.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import Membership, Role
from volunteers.models import Volunteer

from . import defaults
from .defaults import DEFAULT_STEPS
from .models import (
    Certificate,
    DigestClaim,
    Journey,
    JourneySettings,
    JourneyStep,
    Phase,
    StepDefinition,
    TimelineEvent,
)

log = logging.getLogger(__name__)
Kind = TimelineEvent.Kind

# What the apps above may tell the journey.
PUBLIC_KINDS = frozenset({Kind.MATCHED, Kind.MATCH_STARTED, Kind.CHECK_IN, Kind.MATCH_ENDED,
                          Kind.NOTE, Kind.TRAINING, Kind.DUO})


class JourneyError(Exception):
    """A journey action that cannot be done now; the message is shown to the coordinator."""


def _now(now):
    return now or timezone.now()


# --- Settings and step definitions -----------------------------------------------------


def journey_settings_get(*, organisation) -> JourneySettings:
    settings, _created = JourneySettings.objects.get_or_create(organisation=organisation)
    return settings


def step_definitions_ensure(*, organisation) -> dict[str, StepDefinition]:
    """The organisation's step definitions by code, the seeds' defaults added when missing
    (an organisation switches a step off rather than deleting it)."""
    existing = {d.code: d for d in StepDefinition.objects.filter(organisation=organisation)}
    missing = [
        StepDefinition(organisation=organisation, phase=step.phase, code=step.code,
                       order=(index + 1) * 10, due_days=step.due_days, anchor=step.anchor,
                       repeat_days=step.repeat_days, required=step.required)
        for index, step in enumerate(DEFAULT_STEPS) if step.code not in existing
    ]
    if missing:
        StepDefinition.objects.bulk_create(missing, ignore_conflicts=True)
        existing = {d.code: d for d in StepDefinition.objects.filter(organisation=organisation)}
    return existing


# --- Internals ---------------------------------------------------------------------------


def _event(journey, kind, *, at, by=None, note="", step=None, data=None, automatic=True):
    return TimelineEvent.objects.create(
        organisation_id=journey.organisation_id, volunteer_id=journey.volunteer_id,
        journey=journey, step=step, kind=kind, note=note, data=data or {},
        automatic=automatic, by=by if getattr(by, "is_authenticated", False) else None, at=at,
    )


def _pick_coordinator(organisation):
    """The coordinator with the fewest open journeys (admins when there is none), so new
    volunteers are spread over the team and every action has an owner."""
    for roles in ([Role.COORDINATOR], [Role.ADMIN]):
        users = list(Membership.objects.filter(organisation=organisation, role__in=roles)
                     .order_by("pk").values_list("user_id", flat=True))
        if users:
            load = dict(Journey.objects.filter(organisation=organisation, ended_at=None,
                                               coordinator_id__in=users)
                        .values_list("coordinator_id").annotate(n=Count("id")))
            return min(users, key=lambda user_id: load.get(user_id, 0))
    return None


def _open_steps(journey, phase, *, start, definitions, anchor=StepDefinition.Anchor.PHASE):
    """Create the actions of `phase` that count from `start`."""
    day = timezone.localdate(start)
    steps = [
        JourneyStep(
            organisation_id=journey.organisation_id, journey=journey, definition=definition,
            phase=phase, opened_at=start, owner_id=journey.coordinator_id,
            due_date=None if definition.due_days is None
            else day + timedelta(days=definition.due_days),
        )
        for definition in sorted(definitions.values(), key=lambda d: (d.order, d.pk))
        if definition.phase == phase and definition.active and definition.anchor == anchor
    ]
    for step in steps:
        step.original_due_date = step.due_date
    return JourneyStep.objects.bulk_create(steps)


def _close_open_steps(journey, *, now):
    """Steps of a phase that is over are closed, not done: they leave the action lists."""
    JourneyStep.objects.filter(journey=journey, completed_at=None).update(
        completed_at=now, skipped=True)


def _set_status(volunteer, status):
    if volunteer.status != status:
        volunteer.status = status
        volunteer.save(update_fields=["status", "updated_at"])


def _mark_done(step, *, by, now, note=""):
    """Conditional update, so a double click completes a step (and its side effects) once."""
    done = JourneyStep.objects.filter(pk=step.pk, completed_at=None).update(
        completed_at=now, completed_by=by if getattr(by, "is_authenticated", False) else None,
        note=note or step.note)
    if done != 1:
        raise JourneyError(_("Deze stap is al afgerond."))
    step.completed_at = now
    step.completed_by = by if getattr(by, "is_authenticated", False) else None
    step.note = note or step.note
    _event(step.journey, Kind.STEP_DONE, at=now, by=by, note=note, step=step,
           data={"step": step.definition.code}, automatic=False)
    return step


def journey_current(*, volunteer) -> Journey | None:
    return (Journey.objects.filter(volunteer=volunteer).select_related("organisation")
            .order_by("-number").first())


def _require_current(volunteer) -> Journey:
    journey = journey_current(volunteer=volunteer)
    if journey is None:
        journey = journey_start(volunteer=volunteer)
    return journey


def _enter_active(journey, *, by, now, note="", definitions=None):
    definitions = definitions or step_definitions_ensure(organisation=journey.organisation)
    _close_open_steps(journey, now=now)
    journey.phase = Phase.ACTIVE
    journey.phase_started_at = now
    journey.intake_completed_at = now
    journey.save(update_fields=["phase", "phase_started_at", "intake_completed_at"])
    _open_steps(journey, Phase.ACTIVE, start=now, definitions=definitions)
    _set_status(journey.volunteer, Volunteer.Status.ACTIVE)
    _event(journey, Kind.INTAKE_COMPLETED, at=now, by=by, note=note)


def _become_alumni(journey, *, now, by=None):
    journey.phase = Phase.ALUMNI
    journey.phase_started_at = now
    journey.ended_at = journey.ended_at or now
    journey.save(update_fields=["phase", "phase_started_at", "ended_at"])
    _event(journey, Kind.ALUMNI, at=now, by=by)


# --- Starting a journey --------------------------------------------------------------------


@transaction.atomic
def journey_start(*, volunteer: Volunteer, now=None, by=None) -> Journey:
    """Start the volunteer's first journey (idempotent: an existing one is returned).

    A volunteer in `intake` (a signup) starts at "signed up"; an `active` or `paused` one
    (an import of people the organisation already knows) starts in doorstroom with the
    instroom marked done as imported; an imported `alumni` is an alumnus from today.
    """
    existing = journey_current(volunteer=volunteer)
    if existing is not None:
        return existing
    now = _now(now)
    known_since = volunteer.signed_up_at or volunteer.created_at or now
    start = min(now, known_since)
    definitions = step_definitions_ensure(organisation=volunteer.organisation)
    journey = Journey.objects.create(
        organisation_id=volunteer.organisation_id, volunteer=volunteer, number=1,
        phase=Phase.INTAKE, coordinator_id=_pick_coordinator(volunteer.organisation),
        started_at=start, phase_started_at=start,
    )
    journey.volunteer = volunteer
    if volunteer.status == Volunteer.Status.INTAKE:
        steps = _open_steps(journey, Phase.INTAKE, start=start, definitions=definitions)
        signed_up = next((s for s in steps if s.definition.code == defaults.SIGNED_UP), None)
        if signed_up is not None:
            JourneyStep.objects.filter(pk=signed_up.pk).update(completed_at=start)
        _event(journey, Kind.SIGNED_UP, at=start, step=signed_up)
        return journey

    journey.imported = True
    if volunteer.status == Volunteer.Status.ALUMNI:
        # We do not know when they left: the retention clock starts today.
        journey.phase = Phase.ALUMNI
        journey.exit_started_at = journey.ended_at = journey.phase_started_at = now
        journey.save()
        _event(journey, Kind.IMPORTED, at=now, note=_("Als oud-vrijwilliger overgenomen."))
        return journey
    journey.phase = Phase.ACTIVE
    journey.intake_completed_at = start
    journey.save()
    _open_steps(journey, Phase.ACTIVE, start=start, definitions=definitions)
    _event(journey, Kind.IMPORTED, at=start, note=_("Instroom afgerond: geïmporteerd."))
    return journey


def ensure_journeys(*, organisation=None, now=None) -> int:
    """Give every volunteer who has none a journey (idempotent). Returns how many started.
    Volunteers halfway through the signup wizard and anonymised ones are left alone."""
    volunteers = (Volunteer.objects.filter(journeys=None, anonymised_at=None, signup_step="")
                  .select_related("organisation").order_by("pk"))
    if organisation is not None:
        volunteers = volunteers.filter(organisation=organisation)
    started = 0
    for volunteer in volunteers:
        journey_start(volunteer=volunteer, now=now)
        started += 1
    return started


# --- Steps --------------------------------------------------------------------------------


@transaction.atomic
def journey_complete_step(*, step: JourneyStep, by, now=None, note="") -> JourneyStep:
    now = _now(now)
    journey = Journey.objects.select_for_update().get(pk=step.journey_id)
    if journey.ended_at is not None:
        raise JourneyError(_("Deze reis is al afgesloten."))
    code = step.definition.code
    if code == defaults.READY_TO_MATCH and journey.phase == Phase.INTAKE:
        journey_complete_intake(journey=journey, by=by, now=now, note=note)
        step.refresh_from_db()
        return step

    step = _mark_done(step, by=by, now=now, note=note)
    definition = step.definition
    definitions = None
    if code == defaults.FIRST_DEPLOYMENT and journey.first_deployment_at is None:
        journey.first_deployment_at = now
        journey.save(update_fields=["first_deployment_at"])
        definitions = step_definitions_ensure(organisation=journey.organisation)
        _open_steps(journey, Phase.ACTIVE, start=now, definitions=definitions,
                    anchor=StepDefinition.Anchor.FIRST_DEPLOYMENT)
    if definition.repeat_days and definition.active and journey.phase == step.phase:
        due = timezone.localdate(now) + timedelta(days=definition.repeat_days)
        JourneyStep.objects.create(
            organisation_id=journey.organisation_id, journey=journey, definition=definition,
            phase=step.phase, sequence=step.sequence + 1, opened_at=now, due_date=due,
            original_due_date=due, owner_id=step.owner_id or journey.coordinator_id,
        )
    if journey.phase == Phase.EXIT and not journey.steps.filter(completed_at=None).exists():
        _become_alumni(journey, now=now, by=by)
    return step


@transaction.atomic
def journey_reschedule_step(*, step: JourneyStep, due_date, by, owner=None, note="",
                            now=None) -> JourneyStep:
    now = _now(now)
    step = JourneyStep.objects.select_for_update().get(pk=step.pk)
    if step.completed_at is not None:
        raise JourneyError(_("Deze stap is al afgerond."))
    previous = step.due_date
    step.original_due_date = step.original_due_date or previous
    step.due_date = due_date
    step.rescheduled_count += 1
    fields = ["due_date", "original_due_date", "rescheduled_count"]
    if owner is not None and owner.pk != step.owner_id:
        step.owner = owner
        fields.append("owner")
    step.save(update_fields=fields)
    _event(step.journey, Kind.STEP_RESCHEDULED, at=now, by=by, note=note, step=step,
           automatic=False,
           data={"step": step.definition.code, "from": previous.isoformat() if previous else None,
                 "to": due_date.isoformat() if due_date else None, "owner": step.owner_id})
    return step


@transaction.atomic
def journey_add_note(*, volunteer: Volunteer, note: str, by, title: str = "",
                     training: bool = False, now=None) -> TimelineEvent:
    """A coordinator's note after a call, or a training the volunteer followed (which also
    completes an open "offer a training" action)."""
    now = _now(now)
    journey = _require_current(volunteer)
    if training:
        event = _event(journey, Kind.TRAINING, at=now, by=by, note=note,
                       data={"title": title}, automatic=False)
        open_training = journey.steps.filter(definition__code=defaults.TRAINING,
                                             completed_at=None).first()
        if open_training is not None and journey.ended_at is None:
            journey_complete_step(step=open_training, by=by, now=now, note=title)
        return event
    return _event(journey, Kind.NOTE, at=now, by=by, note=note, automatic=False)


# --- Phases --------------------------------------------------------------------------------


@transaction.atomic
def journey_complete_intake(*, journey: Journey, by, now=None, note="") -> Journey:
    """Instroom done: the volunteer becomes `active` and can be matched from now on."""
    now = _now(now)
    journey = Journey.objects.select_for_update(of=("self",)).select_related("volunteer").get(pk=journey.pk)
    if journey.phase != Phase.INTAKE or journey.ended_at is not None:
        raise JourneyError(_("De instroom is al afgerond."))
    missing = [
        step.label for step in journey.steps.filter(completed_at=None, phase=Phase.INTAKE,
                                                    definition__required=True)
        .exclude(definition__code=defaults.READY_TO_MATCH).select_related("definition")
    ]
    if missing:
        raise JourneyError(_("Eerst nog afronden: %(steps)s.") % {"steps": ", ".join(missing)})
    ready = journey.steps.filter(definition__code=defaults.READY_TO_MATCH,
                                 completed_at=None).select_related("definition").first()
    if ready is not None:
        _mark_done(ready, by=by, now=now, note=note)
    _enter_active(journey, by=by, now=now, note=note)
    return journey


def _start_exit(journey, *, reason, by, now, note=""):
    if journey.phase not in (Phase.INTAKE, Phase.ACTIVE) or journey.ended_at is not None:
        raise JourneyError(_("De uitstroom is al begonnen."))
    definitions = step_definitions_ensure(organisation=journey.organisation)
    _close_open_steps(journey, now=now)
    journey.phase = Phase.EXIT
    journey.phase_started_at = journey.exit_started_at = now
    journey.exit_reason = reason
    journey.save(update_fields=["phase", "phase_started_at", "exit_started_at", "exit_reason"])
    _open_steps(journey, Phase.EXIT, start=now, definitions=definitions)
    _set_status(journey.volunteer, Volunteer.Status.ALUMNI)
    _event(journey, Kind.EXIT_STARTED, at=now, by=by, note=note, automatic=False,
           data={"reason": reason})


@transaction.atomic
def journey_start_exit(*, volunteer: Volunteer, reason: str, by, now=None, note="") -> Journey:
    """Uitstroom begins: the volunteer is no longer matched (status `alumni`) and the
    farewell actions are due."""
    now = _now(now)
    journey = Journey.objects.select_for_update(of=("self",)).select_related("volunteer", "organisation") \
        .get(pk=_require_current(volunteer).pk)
    _start_exit(journey, reason=reason, by=by, now=now, note=note)
    return journey


@transaction.atomic
def journey_exit(*, volunteer: Volunteer, reason: str, feedback: str, keep_in_touch: bool,
                 ambassador: bool | None = None, next_step_partner=None,
                 next_step_note: str = "", consulent_summary: bool = False, by,
                 now=None) -> Journey:
    """The exit conversation: starts the uitstroom when needed, records reason, feedback,
    the keep-in-touch choice, ambassadorship and the next step, and completes those
    actions. Submitting it again later updates the choices.

    `consulent_summary`: a newcomer's consulent gets a short summary by e-mail, only with
    the volunteer's consent (else JourneyError says why). Someone who wants to keep in
    touch is invited, once, to come back later. Both e-mails go after the commit."""
    from .selectors import consulent_summary_blocker
    from .tasks import send_come_back_invitation, send_consulent_summary

    now = _now(now)
    if consulent_summary:
        blocker = consulent_summary_blocker(volunteer=volunteer)
        if blocker:
            raise JourneyError(blocker)
    journey = Journey.objects.select_for_update(of=("self",)).select_related("volunteer", "organisation") \
        .get(pk=_require_current(volunteer).pk)
    if journey.phase in (Phase.INTAKE, Phase.ACTIVE) and journey.ended_at is None:
        _start_exit(journey, reason=reason, by=by, now=now)
    elif journey.phase not in (Phase.EXIT, Phase.ALUMNI):
        raise JourneyError(_("Deze reis is al afgesloten."))
    journey.exit_reason = reason or journey.exit_reason
    journey.exit_feedback = feedback
    journey.keep_in_touch = keep_in_touch
    journey.ambassador = ambassador
    journey.next_step_partner = next_step_partner
    journey.next_step_note = next_step_note
    journey.save(update_fields=["exit_reason", "exit_feedback", "keep_in_touch", "ambassador",
                                "next_step_partner", "next_step_note"])
    _event(journey, Kind.EXIT_CONVERSATION, at=now, by=by, note=feedback, automatic=False,
           data={"reason": journey.exit_reason, "keep_in_touch": keep_in_touch,
                 "ambassador": ambassador,
                 "partner": next_step_partner.pk if next_step_partner else None})
    done = {defaults.EXIT_CONVERSATION}
    if next_step_partner is not None or next_step_note:
        done.add(defaults.NEXT_STEP)
    if ambassador is not None:
        done.add(defaults.AMBASSADOR)
    for step in (journey.steps.filter(completed_at=None, definition__code__in=done)
                 .select_related("definition", "journey")):
        journey_complete_step(step=step, by=by, now=now)
    journey.refresh_from_db()
    by_id = by.pk if getattr(by, "is_authenticated", False) else None
    if consulent_summary:
        transaction.on_commit(lambda: send_consulent_summary.delay(journey.pk, by_id))
    if keep_in_touch and not journey.events.filter(kind=Kind.COME_BACK_INVITED).exists():
        transaction.on_commit(lambda: send_come_back_invitation.delay(journey.pk))
    return journey


# --- Ending well: the consulent's summary and the invitation to come back -----------------------


@transaction.atomic
def journey_send_consulent_summary(*, journey: Journey, by=None, now=None) -> TimelineEvent | None:
    """E-mail the newcomer's consulent a short summary (period, tasks, trainings, Dutch,
    the certificate attached when there is one) and note it on the timeline. Checks the
    consent again at sending time: withdrawn in the meantime, nothing is sent (None)."""
    from core.emails import send_templated_email

    from .certificate import certificate_filename, certificate_pdf
    from .selectors import consulent_email, consulent_summary, consulent_summary_blocker

    now = _now(now)
    journey = Journey.objects.select_for_update(of=("self",)).select_related(
        "volunteer__newcomer", "volunteer__organisation", "coordinator").get(pk=journey.pk)
    volunteer = journey.volunteer
    if volunteer.anonymised_at is not None or consulent_summary_blocker(volunteer=volunteer):
        log.info("consulent summary for journey %s not sent: no consent or no address", journey.pk)
        return None
    to = consulent_email(volunteer=volunteer)
    summary = consulent_summary(journey=journey, today=timezone.localdate(now))
    attachments = []
    if summary.certificate is not None:
        attachments.append((certificate_filename(summary.certificate, "nl"),
                            certificate_pdf(certificate=summary.certificate, language="nl"),
                            "application/pdf"))
    sender = by or journey.coordinator
    message_id = send_templated_email(
        to=to, template="journey/email/consulent_summary", language="nl",
        reply_to=getattr(sender, "email", "") or volunteer.organisation.email,
        context={"summary": summary, "organisation": volunteer.organisation,
                 "sender": sender}, attachments=attachments)
    return _event(journey, Kind.CONSULENT_SUMMARY, at=now, by=by, automatic=by is None,
                  note=summary.consulent_name,
                  data={"to": to, "message_id": message_id,
                        "certificate": summary.certificate is not None})


@transaction.atomic
def journey_invite_back(*, journey: Journey, now=None) -> TimelineEvent | None:
    """Once per journey, someone who chose to keep in touch is told they are welcome back
    later, in their own language (alumni, seed 000: volunteers leave and come back)."""
    from core.emails import send_templated_email

    now = _now(now)
    journey = Journey.objects.select_for_update(of=("self",)).select_related(
        "volunteer__user", "volunteer__organisation").get(pk=journey.pk)
    volunteer = journey.volunteer
    if (not journey.keep_in_touch or volunteer.anonymised_at is not None
            or not volunteer.email
            or journey.events.filter(kind=Kind.COME_BACK_INVITED).exists()):
        return None
    message_id = send_templated_email(
        to=volunteer.email, template="journey/email/come_back",
        language=volunteer.user.language,
        context={"volunteer": volunteer, "organisation": volunteer.organisation})
    return _event(journey, Kind.COME_BACK_INVITED, at=now, data={"message_id": message_id})


@transaction.atomic
def journey_reactivate(*, volunteer: Volunteer, by, now=None, note="") -> Journey:
    """An alumnus comes back: a new journey starts at instroom; the old one stays as it was."""
    now = _now(now)
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    if volunteer.anonymised_at is not None:
        raise JourneyError(_("Deze oud-vrijwilliger is geanonimiseerd."))
    current = journey_current(volunteer=volunteer)
    if current is None or current.phase not in (Phase.EXIT, Phase.ALUMNI):
        raise JourneyError(_("Alleen oud-vrijwilligers kunnen opnieuw beginnen."))
    _close_open_steps(current, now=now)
    if current.ended_at is None:
        current.ended_at = now
    current.phase = Phase.ALUMNI
    current.save(update_fields=["ended_at", "phase"])
    number = (Journey.objects.filter(volunteer=volunteer).aggregate(n=Max("number"))["n"]
              or 0) + 1
    definitions = step_definitions_ensure(organisation=volunteer.organisation)
    journey = Journey.objects.create(
        organisation_id=volunteer.organisation_id, volunteer=volunteer, number=number,
        phase=Phase.INTAKE, coordinator_id=current.coordinator_id
        or _pick_coordinator(volunteer.organisation),
        started_at=now, phase_started_at=now,
    )
    steps = _open_steps(journey, Phase.INTAKE, start=now, definitions=definitions)
    for step in steps:
        if step.definition.code == defaults.SIGNED_UP:
            JourneyStep.objects.filter(pk=step.pk).update(completed_at=now)
    _set_status(volunteer, Volunteer.Status.INTAKE)
    _event(journey, Kind.REACTIVATED, at=now, by=by, note=note, automatic=False,
           data={"previous": current.number})
    return journey


# --- Events from other apps --------------------------------------------------------------------


@transaction.atomic
def journey_record_event(*, volunteer: Volunteer, kind: str, note: str = "", at=None, by=None,
                         data: dict | None = None) -> TimelineEvent:
    """Public entry point for the matching and check-in apps.

    kind: "matched", "match_started" (a match became active: the first one completes the
    "first deployment" action), "check_in" (a check-in was answered), "match_ended", "duo"
    (joins a match as a supporter, or gets one), or a "note"/"training". `data` may carry
    `reference` (the request's) and `activities` (activity codes: the certificate lists them
    as tasks done).
    """
    if kind not in PUBLIC_KINDS:
        raise ValueError(f"Unknown journey event kind {kind!r}")
    at = _now(at)
    journey = _require_current(volunteer)
    event = _event(journey, kind, at=at, by=by, note=note, data=data,
                   automatic=kind not in (Kind.NOTE, Kind.TRAINING))
    if kind == Kind.MATCH_STARTED and journey.ended_at is None:
        first = (journey.steps.filter(definition__code=defaults.FIRST_DEPLOYMENT,
                                      completed_at=None).select_related("definition").first())
        if first is not None:
            journey_complete_step(step=first, by=by, now=at,
                                  note=(data or {}).get("reference", ""))
    return event


# --- Certificate -----------------------------------------------------------------------------


@transaction.atomic
def certificate_save(*, journey: Journey, role_title: str, tasks: list[str],
                     competences: list[str], signer, signer_role: str, now=None) -> Certificate:
    """Write (or rewrite) the testimonial; the PDF is made from it on demand."""
    now = _now(now)
    certificate, _created = Certificate.objects.update_or_create(
        journey=journey,
        defaults={
            "organisation_id": journey.organisation_id, "role_title": role_title,
            "tasks": [t for t in tasks if t], "competences": list(competences),
            "signer": signer, "signer_name": signer.get_full_name() or signer.email,
            "signer_role": signer_role, "signer_email": signer.email,
            "signed_on": timezone.localdate(now),
        },
    )
    _event(journey, Kind.CERTIFICATE, at=now, by=signer, automatic=False)
    step = journey.steps.filter(definition__code=defaults.CERTIFICATE, completed_at=None) \
        .select_related("definition", "journey").first()
    if step is not None:
        journey_complete_step(step=step, by=signer, now=now)
    return certificate


# --- Daily digest ------------------------------------------------------------------------------


def journey_send_digests(*, now=None) -> dict[str, int]:
    """E-mail every staff member their overdue and due-today journey actions, once a day.

    The claim is a unique (user, date) row: whoever inserts it sends; a second or parallel
    run finds it and sends nothing. When sending fails the claim is removed, so a later
    run tries again.
    """
    from core.emails import send_templated_email

    from .selectors import journey_digest_actions

    now = _now(now)
    today = timezone.localdate(now)
    sent = skipped = failed = 0
    for user, actions in journey_digest_actions(today=today):
        # get_or_create inserts under the unique constraint: of two parallel runs, one
        # creates the row and the other gets it (created=False).
        claim, created = DigestClaim.objects.get_or_create(
            user=user, date=today, defaults={"claimed_at": now, "actions": len(actions)})
        if not created:
            skipped += 1
            continue
        try:
            send_templated_email(
                to=user.email, template="journey/email/digest", language=user.language,
                context={"user": user, "today": today,
                         "overdue": [a for a in actions if a.due_date < today],
                         "due_today": [a for a in actions if a.due_date == today]},
            )
        except Exception:
            log.exception("journey digest to user %s failed; claim released", user.pk)
            DigestClaim.objects.filter(pk=claim.pk).delete()
            failed += 1
            continue
        DigestClaim.objects.filter(pk=claim.pk).update(sent_at=timezone.now())
        sent += 1
    log.info("journey digests for %s: %s sent, %s already sent, %s failed",
             today, sent, skipped, failed)
    return {"sent": sent, "already_sent": skipped, "failed": failed}
