"""Writes of the check-ins: planning rows, the scan that claims due steps, delivering one
step exactly once, and recording answers.

Delivery, and why it survives faults:
- `checkins_send_due` (Celery beat every minute, or `manage.py send_due_checkins`) claims
  due rows with `SELECT ... FOR UPDATE SKIP LOCKED` and a lease (`claimed_until`), and queues
  one `checkins.send` task per id after the commit. Two scans at once claim different rows.
- `checkin_deliver` takes the row lock (skip when someone else holds it), acts only when the
  row is still claimed, marks the step done and sends in the same transaction. A redelivered
  task finds the lease cleared and does nothing. A task lost with its worker or broker
  leaves the lease, which expires; the next scan claims the row again.
- The Message-ID is made from the row and the step. The one window left is a crash between
  the mail server accepting the message and the commit: the row is then sent again with the
  same Message-ID, which mail programs show once.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.i18n import STAFF_LANGUAGES, email_language, supported
from core.vocabulary import ContactChannel
from matchmaking.models import Match
from matchmaking.services import task_create

from . import schedule
from .answers import Answer
from .models import CheckIn, FollowUpSettings

log = logging.getLogger(__name__)

Party = CheckIn.Party
Status = CheckIn.Status
PARTIES = (Party.VOLUNTEER, Party.CAREGIVER)
LINK_SALT = "checkins.answer"


class CheckInError(Exception):
    """An answer that cannot be recorded; the message is shown to the person."""


def _now(now):
    return now or timezone.now()


def follow_up_settings_get(*, organisation) -> FollowUpSettings:
    """The organisation's settings (the defaults, unsaved, when it has none)."""
    found = FollowUpSettings.objects.filter(organisation=organisation).first()
    return found or FollowUpSettings(organisation=organisation)


def follow_up_settings_update(*, organisation, moments: list[int], reminder_days: int,
                              call_days: int, link_days: int,
                              introduction_days: int = 14) -> FollowUpSettings:
    """Change the organisation's schedule. Rows already planned keep their moment; new
    matches follow the new schedule."""
    values = {"moments": sorted({int(m) for m in moments}), "reminder_days": reminder_days,
              "call_days": call_days, "link_days": link_days,
              "introduction_days": introduction_days}
    found, _created = FollowUpSettings.objects.update_or_create(organisation=organisation,
                                                                defaults=values)
    return found


# --- Planning (called inside the match transition's transaction) ---------------------------


def _plan(match: Match, moment: str, due_at, parties=PARTIES) -> int:
    created = 0
    for party in parties:
        _row, made = CheckIn.objects.get_or_create(
            match=match, party=party, moment=moment,
            defaults={"organisation_id": match.organisation_id, "due_at": due_at})
        created += made
    return created


def _wanted(match: Match, now) -> dict[tuple[str, str], object]:
    """(party, moment) -> due time of every check-in the match should have: the
    organisation's moments, more when the working agreements say so, and the supporter's
    during their weeks (checkins.schedule)."""
    config = follow_up_settings_get(organisation=match.organisation)
    start = match.active_at or now
    moments = schedule.moments_for(list(config.moments), schedule.agreed_frequency(match))
    wanted = {(party, f"d{days}"): start + timedelta(days=days)
              for days in moments for party in PARTIES}
    supporter = schedule.supporter_of(match)
    if supporter is not None:
        for days in schedule.supporter_moments(moments, start=start, until=supporter.until):
            wanted[(Party.SUPPORTER, f"d{days}")] = start + timedelta(days=days)
    return wanted


def checkins_plan(*, match: Match, now=None) -> int:
    """The match went active: plan the check-ins of both sides (14 days, 3 and 6 months by
    default, more when the working agreements say so, and the supporter's) and drop the
    "did a match come about?" question of the introduction. Safe to call twice (one row per
    match, party and moment)."""
    now = _now(now)
    created = sum(_plan(match, moment, due_at, parties=(party,))
                  for (party, moment), due_at in _wanted(match, now).items())
    # The match came about: the introduction's question is answered by that, even when it
    # was asked already (no reminder, no call about it).
    _cancel(match, Q(moment=CheckIn.INTRODUCTION), statuses=CheckIn.OPEN_STATUSES)
    return created


def checkins_replan(*, match: Match, now=None, forget: bool = False) -> int:
    """The working agreements or the supporter of an active match changed: plan what is now
    wanted from here on and drop planned rows that no longer are (the past stays as it was).
    Without a supporter, questions to them that are still open go; `forget` (the supporter
    is being erased) also empties what they wrote."""
    now = _now(now)
    if schedule.supporter_of(match) is None:
        supporter_rows = Q(party=Party.SUPPORTER)
        _cancel(match, supporter_rows, statuses=CheckIn.OPEN_STATUSES)
        if forget:
            CheckIn.objects.filter(supporter_rows, match=match).update(comment="")
    if match.status != Match.Status.ACTIVE:
        return 0
    wanted = _wanted(match, now)
    created = sum(_plan(match, moment, due_at, parties=(party,))
                  for (party, moment), due_at in wanted.items() if due_at > now)
    stale = [pk for pk, party, moment in CheckIn.objects.filter(
        match=match, status=Status.PLANNED, due_at__gt=now).exclude(
        moment=CheckIn.INTRODUCTION).values_list("pk", "party", "moment")
        if (party, moment) not in wanted]
    _cancel(match, Q(pk__in=stale))
    return created


def checkins_plan_introduction(*, match: Match, now=None) -> int:
    """The introduction is planned: two weeks after it, ask both sides whether a match came
    about (cancelled when the match goes active first). A new date moves the question along,
    as long as it has not been asked."""
    now = _now(now)
    config = follow_up_settings_get(organisation=match.organisation)
    due_at = (match.introduction_at or now) + timedelta(days=config.introduction_days)
    CheckIn.objects.filter(match=match, moment=CheckIn.INTRODUCTION, status=Status.PLANNED) \
        .update(due_at=due_at)
    return _plan(match, CheckIn.INTRODUCTION, due_at)


def checkins_cancel(*, match: Match, now=None) -> int:
    """The match closed (ended or declined): what is not sent yet will not be sent, and
    questions already asked get no reminder or call (they can still be answered)."""
    CheckIn.objects.filter(match=match, status__in=CheckIn.WAITING_STATUSES) \
        .update(next_action_at=None, claimed_until=None)
    return _cancel(match, Q())


def _cancel(match, condition, statuses=(Status.PLANNED, Status.CLAIMED)) -> int:
    return (CheckIn.objects.filter(condition, match=match, status__in=statuses)
            .update(status=Status.CANCELLED, next_action_at=None, claimed_until=None))


# --- The scan ----------------------------------------------------------------------------------


def lease_seconds() -> int:
    return int(getattr(settings, "KOPPEL_CHECKIN_LEASE_SECONDS", 600))


ACTIONABLE = (Status.PLANNED, Status.CLAIMED, Status.SENT, Status.REMINDED)
# The first e-mail is due at the planned moment (due_at); the steps after it when the
# previous step says (next_action_at). Each half has its index.
FIRST = (Status.PLANNED, Status.CLAIMED)
FOLLOW_UP = (Status.SENT, Status.REMINDED)


def _due(now) -> Q:
    return (Q(status__in=FIRST, due_at__lte=now)
            | Q(status__in=FOLLOW_UP, next_action_at__lte=now))


def checkins_claim_due(*, now=None, limit: int = 500) -> list[int]:
    """Claim up to `limit` rows whose next step is due and not claimed by anyone else
    (or whose claimer's lease ran out): they get a lease and planned rows become claimed."""
    now = _now(now)
    with transaction.atomic():
        ids = list(
            CheckIn.objects.select_for_update(skip_locked=True)
            .filter(_due(now))
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
            .order_by("pk").values_list("pk", flat=True)[:limit])
        if ids:
            until = now + timedelta(seconds=lease_seconds())
            CheckIn.objects.filter(pk__in=ids).update(claimed_until=until)
            CheckIn.objects.filter(pk__in=ids, status=Status.PLANNED).update(status=Status.CLAIMED)
    return ids


def checkins_send_due(*, now=None, limit: int = 500) -> dict[str, int]:
    """The every-minute scan: claim what is due and queue one task per row after the
    commit. The task carries only the id; the row says what to do."""
    from .tasks import send_checkin

    now = _now(now)
    with transaction.atomic():
        ids = checkins_claim_due(now=now, limit=limit)
        for pk in ids:
            transaction.on_commit(lambda pk=pk: send_checkin.delay(pk))
    if ids:
        log.info("check-ins: %s claimed and queued", len(ids))
    return {"queued": len(ids)}


def checkins_send_due_inline(*, now=None, limit: int = 500) -> dict[str, int]:
    """The same scan for cron or by hand: claim, then deliver each row in this process."""
    now = _now(now)
    counts = {"claimed": 0, "email": 0, "call": 0, "reminder": 0, "escalated": 0,
              "skipped": 0, "failed": 0}
    ids = checkins_claim_due(now=now, limit=limit)
    counts["claimed"] = len(ids)
    for pk in ids:
        try:
            done = checkin_deliver(checkin_id=pk, now=now)
        except Exception:
            log.exception("check-in %s could not be delivered; the lease will expire", pk)
            counts["failed"] += 1
            continue
        counts[done if done in counts else "skipped"] += 1
    return counts


# --- One step of one row -------------------------------------------------------------------------


@dataclass
class Recipient:
    email: str
    language: str
    channel: str
    name: str
    volunteer: object | None = None


def _recipient(checkin: CheckIn) -> Recipient:
    match = checkin.match
    if checkin.party == Party.SUPPORTER:
        return _supporter_recipient(match)
    if checkin.party == Party.VOLUNTEER:
        volunteer = match.volunteer
        user = volunteer.user
        return Recipient(email=user.email if user else "",
                         language=email_language(user) if user else settings.LANGUAGE_CODE,
                         channel=volunteer.contact_channel, name=volunteer.first_name,
                         volunteer=volunteer)
    caregiver = match.request.caregiver
    language = supported(caregiver.language)
    return Recipient(email=caregiver.email if not caregiver.erased_at else "",
                     language=language if language in STAFF_LANGUAGES else settings.LANGUAGE_CODE,
                     channel=caregiver.contact_channel, name=caregiver.name)


def _supporter_recipient(match: Match) -> Recipient:
    """A supporting volunteer in their own language; a key person from the community by
    e-mail in Dutch, or by a call when we only have their phone number."""
    supporter = schedule.supporter_of(match)
    if supporter is not None and supporter.volunteer_id:
        volunteer = supporter.volunteer
        user = volunteer.user if not volunteer.anonymised_at else None
        return Recipient(email=user.email if user else "",
                         language=email_language(user) if user else settings.LANGUAGE_CODE,
                         channel=volunteer.contact_channel, name=volunteer.first_name,
                         volunteer=volunteer)
    email = supporter.email if supporter is not None else ""
    return Recipient(email=email, language=settings.LANGUAGE_CODE,
                     channel=ContactChannel.EMAIL if email else ContactChannel.PHONE,
                     name=supporter.name if supporter is not None else "")


def _wants_email(recipient: Recipient) -> bool:
    # Someone who prefers the phone (or paper) is called by the matchmaker instead.
    return bool(recipient.email) and recipient.channel not in (ContactChannel.PHONE,
                                                               ContactChannel.PAPER)


def checkin_message_id(checkin: CheckIn, step: str) -> str:
    domain = urlsplit(settings.KOPPEL_BASE_URL).hostname or "koppel.local"
    return f"<checkin-{checkin.pk}-{step}.{checkin.match_id}@{domain}>"


def checkin_deliver(*, checkin_id: int, now=None) -> str:
    """Do the claimed row's next step exactly once: the first e-mail (or a call task for
    someone who prefers the phone), the reminder, or the call task when nobody answered.
    Returns what was done: "email", "call", "reminder", "escalated" or "skipped"."""
    now = _now(now)
    with transaction.atomic():
        checkin = (CheckIn.objects.select_for_update(skip_locked=True, of=("self",))
                   .select_related("match__volunteer__user", "match__request__caregiver",
                                   "match__organisation")
                   .filter(pk=checkin_id).first())
        # Locked by another worker (it finishes, or its lease expires), already done, or
        # cancelled meanwhile: nothing to do.
        if checkin is None or checkin.claimed_until is None or checkin.status not in ACTIONABLE:
            return "skipped"
        config = follow_up_settings_get(organisation=checkin.match.organisation)
        if checkin.status in (Status.PLANNED, Status.CLAIMED):
            return _first(checkin, config, now)
        if checkin.status == Status.SENT:
            return _reminder(checkin, config, now)
        return _escalate(checkin, now)


def _first(checkin, config, now) -> str:
    recipient = _recipient(checkin)
    checkin.sent_at, checkin.claimed_until = now, None
    checkin.status, checkin.language = Status.SENT, recipient.language
    if not _wants_email(recipient):
        # The call task is the check-in; the matchmaker records the answer after the call.
        checkin.channel, checkin.next_action_at = CheckIn.Channel.PHONE, None
        checkin.save()
        kind = {Party.VOLUNTEER: "call_volunteer",
                Party.CAREGIVER: "call_caregiver"}.get(checkin.party, "other")
        with translation.override(settings.LANGUAGE_CODE):
            title = _("Bel voor de check-in (%(moment)s)") % {"moment": moment_label(checkin)}
            if checkin.party == Party.SUPPORTER:
                title = schedule.supporter_call_title(moment_label(checkin))
        _task(kind=kind, checkin=checkin, due_at=now, title=title)
        return "call"
    checkin.channel = CheckIn.Channel.EMAIL
    checkin.message_id = checkin_message_id(checkin, "first")
    checkin.next_action_at = now + timedelta(days=config.reminder_days)
    checkin.save()
    _send(checkin, recipient, config, reminder=False)
    return "email"


def _reminder(checkin, config, now) -> str:
    recipient = _recipient(checkin)
    checkin.status, checkin.reminder_sent_at, checkin.claimed_until = Status.REMINDED, now, None
    checkin.next_action_at = now + timedelta(days=config.call_days)
    checkin.save()
    if _wants_email(recipient):
        _send(checkin, recipient, config, reminder=True)
    return "reminder"


def _escalate(checkin, now) -> str:
    checkin.status, checkin.escalated_at = Status.ESCALATED, now
    checkin.next_action_at = checkin.claimed_until = None
    checkin.save()
    with translation.override(settings.LANGUAGE_CODE):
        title = (_("Geen antwoord op de check-in (%(moment)s): bel %(party)s")
                 % {"moment": moment_label(checkin), "party": checkin.get_party_display()})
    _task(kind="checkin_no_answer", checkin=checkin, due_at=now, title=title)
    return "escalated"


def _send(checkin, recipient, config, *, reminder: bool) -> None:
    from core.emails import send_templated_email
    from core.words import volunteer_word

    message_id = checkin.message_id if not reminder else checkin_message_id(checkin, "reminder")
    base = settings.KOPPEL_BASE_URL.rstrip("/")
    token = answer_token(checkin)
    links = [(code, label, base + answer_path(token, code)) for code, label in Answer.choices]
    with translation.override(recipient.language):
        word = volunteer_word(checkin.match.organisation)
    send_templated_email(
        to=recipient.email, language=recipient.language, message_id=message_id,
        template=f"checkins/email/checkin_{checkin.party}",
        context={"checkin": checkin, "name": recipient.name, "links": links,
                 "page_url": base + answer_path(token), "reminder": reminder,
                 "organisation": checkin.match.organisation, "word": word,
                 "introduction": checkin.is_introduction,
                 "until": timezone.localtime(timezone.now() + timedelta(days=config.link_days))},
    )


def moment_label(checkin: CheckIn) -> str:
    if checkin.is_introduction:
        return _("na de kennismaking")
    days = int(checkin.moment.lstrip("d") or 0)
    if days < 60:
        return _("na %(n)s dagen") % {"n": days}
    return _("na %(n)s maanden") % {"n": round(days / 30.4)}


def _task(*, kind, checkin, title, due_at):
    """A task for the matchmaker, through matching's task service (one open task per kind
    and match there, so a rerun adds nothing). Titles are stored, so they are Dutch."""
    match = checkin.match
    return task_create(organisation=match.organisation, kind=kind, title=title, due_at=due_at,
                       match=match, volunteer=match.volunteer, request=match.request, now=due_at)


# --- Answer links ----------------------------------------------------------------------------


def answer_token(checkin: CheckIn) -> str:
    return signing.TimestampSigner(salt=LINK_SALT).sign(f"{checkin.pk}.{checkin.party}")


def answer_path(token: str, answer: str = "") -> str:
    path = reverse("checkins:answer", args=[token])
    return f"{path}?antwoord={answer}" if answer else path


class LinkInvalid(CheckInError):
    pass


class LinkExpired(CheckInError):
    pass


def checkin_from_token(token: str) -> CheckIn:
    """The check-in of an answer link; LinkInvalid (tampered or unknown) or LinkExpired."""
    signer = signing.TimestampSigner(salt=LINK_SALT)
    try:
        value = signer.unsign(token)
    except signing.BadSignature as exc:
        raise LinkInvalid(_("Deze link klopt niet. Kijk of u de hele link uit de e-mail "
                            "heeft gebruikt.")) from exc
    pk, _sep, party = value.partition(".")
    checkin = (CheckIn.objects.select_related("match__organisation", "match__volunteer",
                                              "match__request__caregiver")
               .filter(pk=int(pk) if pk.isdigit() else 0, party=party).first())
    if checkin is None:
        raise LinkInvalid(_("Deze link klopt niet. Kijk of u de hele link uit de e-mail "
                            "heeft gebruikt."))
    config = follow_up_settings_get(organisation=checkin.match.organisation)
    try:
        signer.unsign(token, max_age=timedelta(days=config.link_days))
    except signing.SignatureExpired as exc:
        raise LinkExpired(_("Deze link is verlopen.")) from exc
    return checkin


# --- Answers -----------------------------------------------------------------------------------


def checkin_answer(*, checkin: CheckIn, answer: str, comment: str = "", by=None,
                   now=None) -> CheckIn:
    """Record an answer (from the link, from Mijn Koppel, or by staff after a call; `by` is
    the staff member then). Once only. "Niet goed" flags the match for the matchmaker;
    "goed" from both sides at the first two moments makes the match durable."""
    now = _now(now)
    if answer not in Answer.values:
        raise CheckInError(_("Kies een antwoord."))
    with transaction.atomic():
        row = CheckIn.objects.select_for_update(of=("self",)).select_related(
            "match__organisation", "match__volunteer", "match__request").get(pk=checkin.pk)
        if row.status == Status.ANSWERED:
            raise CheckInError(_("Deze vraag is al beantwoord. Dank u wel!"))
        if row.status == Status.CANCELLED:
            raise CheckInError(_("Deze vraag is niet meer nodig."))
        if by is None and row.status not in CheckIn.WAITING_STATUSES:
            raise CheckInError(_("Deze vraag is nog niet gesteld."))
        row.answer, row.comment, row.answered_at = answer, comment.strip()[:2000], now
        row.answered_by_staff = by if getattr(by, "is_authenticated", False) else None
        row.status, row.next_action_at, row.claimed_until = Status.ANSWERED, None, None
        if answer == Answer.NOT_GOOD:
            row.flagged_at = now
        row.save()
        if answer == Answer.NOT_GOOD:
            with translation.override(settings.LANGUAGE_CODE):
                title = (_("Check-in %(moment)s: %(party)s antwoordt 'niet goed'")
                         % {"moment": moment_label(row), "party": row.get_party_display()})
            _task(kind="checkin_flagged", checkin=row, due_at=now, title=title)
        _maybe_durable(row.match, now)
        _tell_journey(row, now)
    checkin.__dict__.update(row.__dict__)
    return checkin


def _maybe_durable(match: Match, now) -> bool:
    """"Goed" from both sides at the first two moments (14 days and 3 months by default)."""
    if match.durable_at or match.status != Match.Status.ACTIVE:
        return False
    config = follow_up_settings_get(organisation=match.organisation)
    moments = [f"d{days}" for days in sorted(config.moments)[:2]]
    good = CheckIn.objects.filter(match=match, moment__in=moments, status=Status.ANSWERED,
                                  answer=Answer.GOOD, party__in=PARTIES).count()
    if good < len(moments) * len(PARTIES):
        return False
    return bool(Match.objects.filter(pk=match.pk, durable_at=None).update(durable_at=now))


def _tell_journey(checkin: CheckIn, now) -> None:
    from journey.services import journey_record_event

    match = checkin.match
    if match.volunteer.anonymised_at:
        return
    with translation.override(settings.LANGUAGE_CODE):   # stored text: in Dutch
        note = _("Check-in %(moment)s, %(party)s: %(answer)s") % {
            "moment": moment_label(checkin), "party": checkin.get_party_display(),
            "answer": checkin.get_answer_display()}
    journey_record_event(volunteer=match.volunteer, kind="check_in", note=note, at=now,
                         data={"reference": match.request.reference, "moment": checkin.moment,
                               "party": checkin.party, "answer": checkin.answer})


# --- Erasure (AVG) ---------------------------------------------------------------------------


def checkins_forget(*, person, organisation, identifiers, now=None) -> None:
    """A volunteer or caregiver is being erased: the comments they wrote, and any comment
    that mentions them, go; questions to them that are still open are cancelled. The
    answers themselves (goed / kan beter / niet goed) stay, without words, for the figures."""
    from caregivers.models import Caregiver
    from core.erasure import scrub_texts
    from volunteers.models import Volunteer

    scrub_texts(CheckIn.objects.filter(organisation=organisation), ["comment"], identifiers)
    if isinstance(person, Volunteer):
        theirs = CheckIn.objects.filter(match__volunteer=person, party=Party.VOLUNTEER)
    elif isinstance(person, Caregiver):
        theirs = CheckIn.objects.filter(match__request__caregiver=person, party=Party.CAREGIVER)
    else:
        return
    theirs.update(comment="")
    theirs.filter(status__in=CheckIn.OPEN_STATUSES).update(
        status=Status.CANCELLED, next_action_at=None, claimed_until=None)
