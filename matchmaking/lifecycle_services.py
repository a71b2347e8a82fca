"""Writes of the match lifecycle after the proposal (README "Matches: from proposal to
active"): the volunteer answers, then the caregiver is asked (an e-mail with a signed link,
or a call task for the matchmaker when they prefer the phone), the introduction is planned,
the match goes active and later ends. Unanswered proposals get one reminder and then a task.

E-mails go out after the transaction commits (thin Celery tasks in matchmaking/tasks.py
that take ids); tasks for staff are written in the same transaction as the step. Task
titles are short plain Dutch texts: staff read them, and they are data, not interface. They
name the request, never a person, so an erasure leaves nothing behind in them.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.emails import send_templated_email
from core.i18n import email_language
from core.vocabulary import ContactChannel
from journey.services import journey_record_event

from . import selectors, signals
from .ical import introduction_ics
from .links import caregiver_token
from .models import EndReason, Match, MatchSettings, MatchTransition, RejectionReason, Task
from .services import MatchingError, match_decline, match_transition
from .tasks_service import task_create

log = logging.getLogger(__name__)

# Who may get a link by e-mail: WhatsApp users read links on their phone too; someone who
# prefers the phone or paper is called by the matchmaker instead.
EMAIL_CHANNELS = (ContactChannel.EMAIL, ContactChannel.WHATSAPP)
PLAN_INTRODUCTION_DAYS = 3


class AlreadyAnswered(MatchingError):
    """This side answered before (a second click, a second link use, a colleague)."""


def _url(name: str, *args) -> str:
    return settings.KOPPEL_BASE_URL.rstrip("/") + reverse(name, args=args)


def _user(by):
    return by if getattr(by, "is_authenticated", False) else None


def volunteer_reachable_by_email(volunteer) -> bool:
    return bool(volunteer.user_id and volunteer.user.email and volunteer.anonymised_at is None
                and volunteer.contact_channel != ContactChannel.PHONE)


def caregiver_reachable_by_email(caregiver) -> bool:
    return bool(caregiver.email and caregiver.erased_at is None
                and caregiver.contact_channel in EMAIL_CHANNELS)


def _tell_journey(match: Match, kind: str, *, by, now) -> None:
    """The volunteer's journey hears about their matches: "matched" (both said yes),
    "match_started" (the first one completes "first deployment"), "match_ended"."""
    request = match.request
    journey_record_event(volunteer=match.volunteer, kind=kind, note=request.reference, at=now,
                         by=_user(by), data={"reference": request.reference,
                                             "activities": list(request.activities)})


def _close_tasks(match: Match, kinds, *, by, note: str, now) -> None:
    """The question a task was about is answered: it is done, whoever answered."""
    Task.objects.filter(match=match, kind__in=kinds, done_at__isnull=True).update(
        done_at=now, done_by=_user(by), done_note=note)


# The volunteer's turn ---------------------------------------------------------------------

def proposal_announce(*, match: Match, now) -> None:
    """Tell the volunteer about a new proposal: an e-mail pointing to Mijn Koppel, or a call
    task when they prefer the phone. Called inside match_propose's transaction."""
    volunteer = match.volunteer
    if volunteer_reachable_by_email(volunteer):
        from .tasks import send_proposal_email

        transaction.on_commit(lambda: send_proposal_email.delay(match.pk))
    else:
        task_create(organisation=match.organisation, kind=Task.Kind.CALL_VOLUNTEER, match=match,
                    title=f"Bel de vrijwilliger over het voorstel voor {match.request.reference}",
                    now=now)


def proposal_send_email(*, match_id: int, reminder: bool = False) -> bool:
    """The e-mail about a proposal (or the one reminder), while it is still unanswered."""
    match = (Match.objects.select_related("volunteer__user", "organisation", "request")
             .filter(pk=match_id, status=Match.Status.PROPOSED).first())
    if match is None or not volunteer_reachable_by_email(match.volunteer):
        return False
    days = selectors.match_settings_for(organisation=match.organisation).proposal_answer_days
    send_templated_email(
        to=match.volunteer.user.email, template="matchmaking/email/proposal",
        context={"match": match, "volunteer": match.volunteer, "organisation": match.organisation,
                 "reminder": reminder, "days": days,
                 "url": _url("matchmaking:my_match", match.pk)},
        language=email_language(match.volunteer.user))
    return True


def match_volunteer_answer(*, match: Match, accept: bool, by, reason: str = "", text: str = "",
                           on_behalf: bool = False, now=None) -> Match:
    """The volunteer says yes (then the caregiver is asked) or no (with a reason, which the
    rejection counts see). `on_behalf`: staff record it after a phone call."""
    now = now or timezone.now()
    if match.status != Match.Status.PROPOSED:
        raise AlreadyAnswered(_("Dit voorstel is al beantwoord."))
    note = text.strip()
    if on_behalf:
        note = " ".join([_("Namens de vrijwilliger vastgelegd na contact."), note]).strip()
    with transaction.atomic():
        if accept:
            match_transition(match=match, to_status=Match.Status.VOLUNTEER_ACCEPTED, by=by,
                             note=note, now=now)
            _caregiver_ask(match, now=now)
        else:
            match_decline(match=match, by=by, party=Match.Party.VOLUNTEER,
                          reason=reason or RejectionReason.VOLUNTEER_UNAVAILABLE, text=note,
                          now=now)
        _close_tasks(match, [Task.Kind.CALL_VOLUNTEER, Task.Kind.PROPOSAL_NO_ANSWER], by=by,
                     note=_("De vrijwilliger heeft geantwoord."), now=now)
    return match


# The caregiver's turn ---------------------------------------------------------------------

def _caregiver_ask(match: Match, *, now) -> None:
    Match.objects.filter(pk=match.pk).update(caregiver_asked_at=now)
    match.caregiver_asked_at = now
    caregiver = match.request.caregiver
    if caregiver_reachable_by_email(caregiver):
        from .tasks import send_caregiver_question

        transaction.on_commit(lambda: send_caregiver_question.delay(match.pk))
    else:
        task_create(organisation=match.organisation, kind=Task.Kind.CALL_CAREGIVER, match=match,
                    title=f"Bel de mantelzorger van {match.request.reference}: wil die deze "
                          f"vrijwilliger?", now=now)


def caregiver_question_send(*, match_id: int, now=None) -> str:
    """E-mail the caregiver a link to say yes or no to the volunteer. Returns the
    Message-ID, or "" when there is nothing (left) to ask."""
    now = now or timezone.now()
    match = (Match.objects.select_related("organisation", "volunteer", "request__caregiver",
                                          "request__recipient")
             .filter(pk=match_id, status=Match.Status.VOLUNTEER_ACCEPTED,
                     caregiver_answered_at__isnull=True).first())
    if match is None or not caregiver_reachable_by_email(match.request.caregiver):
        return ""
    caregiver = match.request.caregiver
    days = selectors.match_settings_for(organisation=match.organisation).caregiver_link_days
    return send_templated_email(
        to=caregiver.email, template="matchmaking/email/caregiver_question",
        context={"match": match, "caregiver": caregiver, "organisation": match.organisation,
                 "volunteer_first_name": match.volunteer.first_name,
                 "valid_until": now + timedelta(days=days),
                 "url": _url("matchmaking:caregiver_answer",
                             caregiver_token(match, now=now))},
        language=email_language(caregiver), reply_to=match.organisation.email)


def match_caregiver_answer(*, match: Match, accept: bool, by=None, text: str = "",
                           reason: str = "", via_link: bool = False, now=None) -> Match:
    """The caregiver says yes or no, through the link (`via_link`) or told to staff (`by`).
    Claimed with a conditional update: the first answer counts, a second one raises
    AlreadyAnswered."""
    now = now or timezone.now()
    text = text.strip()
    if via_link:
        note = " ".join([_("Antwoord van de mantelzorger via de link."), text]).strip()
    else:
        note = " ".join([_("Namens de mantelzorger vastgelegd na contact."), text]).strip()
    with transaction.atomic():
        claimed = Match.objects.filter(
            pk=match.pk, status=Match.Status.VOLUNTEER_ACCEPTED,
            caregiver_answered_at__isnull=True).update(caregiver_answered_at=now)
        if not claimed:
            raise AlreadyAnswered(_("De mantelzorger heeft al geantwoord."))
        match.caregiver_answered_at = now
        if accept:
            match_transition(match=match, to_status=Match.Status.CAREGIVER_ACCEPTED, by=by,
                             note=note, now=now)
            task_create(organisation=match.organisation, kind=Task.Kind.PLAN_INTRODUCTION,
                        match=match, due_at=now + timedelta(days=PLAN_INTRODUCTION_DAYS),
                        title=f"Plan de kennismaking voor {match.request.reference}", now=now)
            _tell_journey(match, "matched", by=by, now=now)
        else:
            match_decline(match=match, by=by, party=Match.Party.CAREGIVER,
                          reason=reason or RejectionReason.CAREGIVER_DECLINED, text=note, now=now)
        _close_tasks(match, [Task.Kind.CALL_CAREGIVER], by=by,
                     note=_("De mantelzorger heeft geantwoord."), now=now)
    return match


# The introduction, the start and the end ---------------------------------------------------

def match_plan_introduction(*, match: Match, at, place: str, by, now=None) -> Match:
    """Plan (or move) the first meeting. The volunteer gets an e-mail with an iCal invitation,
    the caregiver an e-mail when they read e-mail (otherwise the matchmaker calls)."""
    now = now or timezone.now()
    place = place.strip()
    if not place:
        raise MatchingError(_("Vul in waar de kennismaking is."))
    with transaction.atomic():
        if match.status == Match.Status.INTRODUCTION_PLANNED:
            current = Match.objects.select_for_update().get(pk=match.pk)
            current.introduction_at, current.introduction_place = at, place
            current.status_changed_at = now
            current.save(update_fields=["introduction_at", "introduction_place",
                                        "status_changed_at"])
            MatchTransition.objects.create(match=current, from_status=current.status,
                                           to_status=current.status, by=_user(by), at=now,
                                           note=_("Kennismaking verzet."))
            signals.introduction_planned.send(sender=Match, match=current, now=now)
            match.__dict__.update(current.__dict__)
        else:
            match_transition(match=match, to_status=Match.Status.INTRODUCTION_PLANNED, by=by,
                             now=now, introduction_at=at, introduction_place=place)
        _close_tasks(match, [Task.Kind.PLAN_INTRODUCTION], by=by,
                     note=_("Kennismaking gepland."), now=now)
        from .tasks import send_introduction_emails

        transaction.on_commit(lambda: send_introduction_emails.delay(match.pk))
        if not caregiver_reachable_by_email(match.request.caregiver):
            task_create(organisation=match.organisation, kind=Task.Kind.CALL_CAREGIVER,
                        match=match, now=now,
                        title=f"Geef de kennismaking voor {match.request.reference} door aan de "
                              f"mantelzorger")
    return match


def introduction_send_emails(*, match_id: int, now=None) -> int:
    """The introduction's date and place to the volunteer (with an .ics) and, when they read
    e-mail, to the caregiver. Returns how many e-mails went out."""
    now = now or timezone.now()
    match = (selectors.matches_for_staff()
             .filter(pk=match_id, status=Match.Status.INTRODUCTION_PLANNED).first())
    if match is None:
        return 0
    sent = 0
    context = {"match": match, "organisation": match.organisation}
    if volunteer_reachable_by_email(match.volunteer):
        language = email_language(match.volunteer.user)
        send_templated_email(
            to=match.volunteer.user.email, template="matchmaking/email/introduction",
            context={**context, "volunteer": match.volunteer,
                     "url": _url("matchmaking:my_match", match.pk)},
            language=language, reply_to=match.organisation.email,
            attachments=[("kennismaking.ics", introduction_ics(match, language=language, now=now),
                          "text/calendar")])
        sent += 1
    caregiver = match.request.caregiver
    if caregiver_reachable_by_email(caregiver):
        send_templated_email(
            to=caregiver.email, template="matchmaking/email/introduction_caregiver",
            context={**context, "caregiver": caregiver,
                     "volunteer_first_name": match.volunteer.first_name},
            language=email_language(caregiver), reply_to=match.organisation.email)
        sent += 1
    return sent


def match_activate(*, match: Match, by, now=None) -> Match:
    """Help has started (after the introduction): the check-ins are planned by listeners."""
    now = now or timezone.now()
    with transaction.atomic():
        match_transition(match=match, to_status=Match.Status.ACTIVE, by=by, now=now)
        _tell_journey(match, "match_started", by=by, now=now)
    return match


def match_end(*, match: Match, by, reason: str, text: str = "", now=None) -> Match:
    if reason not in EndReason.values:
        raise MatchingError(_("Kies een reden."))
    if reason == EndReason.OTHER and not text.strip():
        raise MatchingError(_("Licht de reden 'anders' kort toe."))
    now = now or timezone.now()
    with transaction.atomic():
        match_transition(match=match, to_status=Match.Status.ENDED, by=by, now=now,
                         note=text.strip(), end_reason_code=reason, end_reason=text.strip())
        _tell_journey(match, "match_ended", by=by, now=now)
    return match


# Deadlines -------------------------------------------------------------------------------

def match_settings_update(*, organisation, values: dict) -> MatchSettings:
    """The organisation's deadlines (validated by MatchSettingsForm)."""
    fields = {name: int(values[name]) for name in
              ("proposal_answer_days", "proposal_escalate_days", "caregiver_link_days")}
    found, _created = MatchSettings.objects.update_or_create(organisation=organisation,
                                                             defaults=fields)
    return found


def proposals_follow_up(*, now=None) -> dict:
    """Unanswered proposals: one reminder e-mail after the organisation's
    `proposal_answer_days`, a `proposal_no_answer` task `proposal_escalate_days` later; a
    caregiver's link that expired unanswered: a `call_caregiver` task. Each step claims its
    row with a conditional UPDATE (`... WHERE reminder_sent_at IS NULL`), so two runs at
    once, or a rerun, never send or make anything twice. A reminder that fails to send is
    released and tried at the next run."""
    now = now or timezone.now()
    counts = {"reminded": 0, "escalated": 0, "caregiver_calls": 0, "failed": 0}
    open_orgs = (Match.objects.filter(status__in=[Match.Status.PROPOSED,
                                                  Match.Status.VOLUNTEER_ACCEPTED])
                 .values_list("organisation", flat=True).distinct())
    from core.models import Organisation

    for organisation in Organisation.objects.filter(pk__in=list(open_orgs)):
        config = selectors.match_settings_for(organisation=organisation)
        proposed = Match.objects.filter(organisation=organisation, status=Match.Status.PROPOSED)
        due = proposed.filter(reminder_sent_at__isnull=True,
                              proposed_at__lte=now - timedelta(days=config.proposal_answer_days))
        for match_id in list(due.values_list("pk", flat=True)):
            result = _remind(match_id, now=now)
            if result in counts:
                counts[result] += 1
        late = proposed.filter(escalated_at__isnull=True, reminder_sent_at__isnull=False,
                               reminder_sent_at__lte=now - timedelta(
                                   days=config.proposal_escalate_days))
        for match_id in list(late.values_list("pk", flat=True)):
            counts["escalated"] += _escalate(match_id, now=now)
        silent = Match.objects.filter(
            organisation=organisation, status=Match.Status.VOLUNTEER_ACCEPTED,
            caregiver_answered_at__isnull=True, caregiver_escalated_at__isnull=True,
            caregiver_asked_at__lte=now - timedelta(days=config.caregiver_link_days))
        for match_id in list(silent.values_list("pk", flat=True)):
            counts["caregiver_calls"] += _caregiver_escalate(match_id, now=now)
    return counts


def _remind(match_id: int, *, now) -> str:
    claimed = Match.objects.filter(pk=match_id, status=Match.Status.PROPOSED,
                                   reminder_sent_at__isnull=True).update(reminder_sent_at=now)
    if not claimed:
        return "skipped"
    try:
        proposal_send_email(match_id=match_id, reminder=True)
    except Exception:
        log.exception("Reminder for match %s could not be sent; tried again next run", match_id)
        Match.objects.filter(pk=match_id, reminder_sent_at=now).update(reminder_sent_at=None)
        return "failed"
    return "reminded"


def _escalate(match_id: int, *, now) -> int:
    with transaction.atomic():
        claimed = Match.objects.filter(pk=match_id, status=Match.Status.PROPOSED,
                                       escalated_at__isnull=True).update(escalated_at=now)
        if not claimed:
            return 0
        match = Match.objects.select_related("volunteer", "request", "organisation").get(
            pk=match_id)
        task_create(organisation=match.organisation, kind=Task.Kind.PROPOSAL_NO_ANSWER,
                    match=match, now=now,
                    title=f"De vrijwilliger antwoordt niet op het voorstel voor "
                          f"{match.request.reference}")
    return 1


def _caregiver_escalate(match_id: int, *, now) -> int:
    with transaction.atomic():
        claimed = Match.objects.filter(
            pk=match_id, status=Match.Status.VOLUNTEER_ACCEPTED,
            caregiver_answered_at__isnull=True,
            caregiver_escalated_at__isnull=True).update(caregiver_escalated_at=now)
        if not claimed:
            return 0
        match = Match.objects.select_related("request__caregiver", "volunteer",
                                             "organisation").get(pk=match_id)
        task_create(organisation=match.organisation, kind=Task.Kind.CALL_CAREGIVER,
                    match=match, now=now,
                    title=f"Bel de mantelzorger van {match.request.reference}: geen antwoord op "
                          f"de link")
    return 1
