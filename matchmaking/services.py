"""Writes of the matching app: proposing a match, moving it through its lifecycle,
rejecting a volunteer for a request, and the organisation's weights."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from caregivers.models import HelpRequest
from caregivers.services import help_request_transition
from core.models import AuditEvent, Organisation
from core.services import audit_record
from volunteers.models import Volunteer

from . import scoring, selectors, signals
from .explain import EXCLUSION_LABELS, reason_snapshot
from .models import (
    EndReason,
    Match,
    MatchingWeights,
    MatchTransition,
    Rejection,
    RejectionReason,
)
from .tasks_service import task_complete, task_create  # noqa: F401 - the services' one door


class MatchingError(Exception):
    """A decision that cannot be made; the message is shown to the matchmaker."""


class AlreadyProposed(MatchingError):
    """The request already has a pending proposal (pass allow_parallel to add another)."""


PROPOSABLE_STATUSES = (HelpRequest.Status.INTAKE_DONE, HelpRequest.Status.MATCHING)


def _suggestion_for(*, request: HelpRequest, volunteer: Volunteer, now) -> scoring.Suggestion:
    """Score this one volunteer for the request now, or say why they cannot be proposed."""
    ranking = selectors.request_ranking(request=request, prefilter=False,
                                        volunteer_ids=[volunteer.pk], now=now)
    rows = [i for i, pk in enumerate(ranking.candidates.ids) if pk == volunteer.pk]
    if not rows:
        raise MatchingError(_("Deze vrijwilliger kan niet worden voorgesteld."))
    index = rows[0]
    code = int(ranking.excluded[index])
    if code:
        reason = scoring.EXCLUSION_REASONS[code - 1]
        raise MatchingError(_("Deze vrijwilliger valt af: %(reason)s.")
                            % {"reason": EXCLUSION_LABELS[reason]})
    return ranking.suggestion(index)


def match_propose(*, request: HelpRequest, volunteer: Volunteer, by, note: str = "",
                  allow_parallel: bool = False, now=None) -> Match:
    """Propose `volunteer` for `request`: the match starts as `proposed`, with the scores
    of this moment kept. The request stays open (it becomes `matched` when a match goes
    active); while a proposal is pending, another needs `allow_parallel`."""
    now = now or timezone.now()
    if volunteer.organisation_id != request.organisation_id:
        raise MatchingError(_("Deze vrijwilliger hoort niet bij deze organisatie."))
    if request.status not in PROPOSABLE_STATUSES:
        raise MatchingError(_("Deze hulpvraag staat niet open voor koppelen."))
    suggestion = _suggestion_for(request=request, volunteer=volunteer, now=now)
    with transaction.atomic():
        # Lock the request, so two matchmakers cannot both propose without seeing each other.
        HelpRequest.objects.select_for_update().filter(pk=request.pk).first()
        pending = Match.objects.filter(request=request, status__in=Match.RUNNING_STATUSES)
        if pending.filter(volunteer=volunteer).exists():
            raise MatchingError(_("Deze vrijwilliger is al voorgesteld voor deze hulpvraag."))
        if not allow_parallel and pending.exists():
            raise AlreadyProposed(_("Voor deze hulpvraag loopt al een voorstel."))
        try:
            with transaction.atomic():
                match = Match.objects.create(
                    organisation_id=request.organisation_id, request=request, volunteer=volunteer,
                    status=Match.Status.PROPOSED, status_changed_at=now,
                    score=suggestion.score, breakdown=dict(suggestion.breakdown),
                    reasons=reason_snapshot(suggestion.reasons),
                    weights=selectors.weights_for(organisation=request.organisation).as_dict(),
                    hours_per_week=scoring.hours_needed(request.frequency), note=note,
                    proposed_by=_user(by), proposed_at=now,
                )
        except IntegrityError as exc:   # a second click at the same moment
            raise MatchingError(_("Deze vrijwilliger is al voorgesteld voor deze hulpvraag.")) from exc
        MatchTransition.objects.create(match=match, from_status="", to_status=match.status,
                                       by=_user(by), at=now, note=note)
        if request.status == HelpRequest.Status.INTAKE_DONE:
            help_request_transition(request=request, to_status=HelpRequest.Status.MATCHING, by=by,
                                    note=_("Vrijwilliger voorgesteld"), now=now)
        audit_record(actor=by, organisation=request.organisation, action=AuditEvent.Action.CREATE,
                     subject=match, fields=["request", "volunteer", "score"], now=now)
        from .lifecycle_services import proposal_announce  # builds on this module

        proposal_announce(match=match, now=now)
    return match


TIMESTAMP_FIELD = {
    Match.Status.VOLUNTEER_ACCEPTED: "volunteer_accepted_at",
    Match.Status.CAREGIVER_ACCEPTED: "caregiver_accepted_at",
    Match.Status.ACTIVE: "active_at",
    Match.Status.ENDED: "ended_at",
    Match.Status.DECLINED: "declined_at",
}


def match_transition(*, match: Match, to_status: str, by, note: str = "", now=None,
                     **fields) -> Match:
    """Move a match one step along its lifecycle (Match.TRANSITIONS), recording who and
    when. `fields` are set with it (e.g. introduction_at, end_reason). Going active makes
    the help request `matched`."""
    now = now or timezone.now()
    with transaction.atomic():
        current = Match.objects.select_for_update().get(pk=match.pk)
        if not current.can_become(to_status):
            raise MatchingError(_("Deze stap kan niet vanuit de huidige status."))
        from_status = current.status
        current.status, current.status_changed_at = to_status, now
        if to_status in TIMESTAMP_FIELD:
            setattr(current, TIMESTAMP_FIELD[to_status], now)
        for name, value in fields.items():
            setattr(current, name, value)
        current.save()
        MatchTransition.objects.create(match=current, from_status=from_status,
                                       to_status=to_status, by=_user(by), at=now, note=note)
        if to_status == Match.Status.ACTIVE:
            _request_matched(current.request, by=by, now=now)
        _send_lifecycle_signal(current, to_status, now)
    match.__dict__.update(current.__dict__)
    return match


LIFECYCLE_SIGNALS = {
    Match.Status.ACTIVE: signals.match_activated,
    Match.Status.INTRODUCTION_PLANNED: signals.introduction_planned,
    Match.Status.ENDED: signals.match_closed,
    Match.Status.DECLINED: signals.match_closed,
}


def _send_lifecycle_signal(match: Match, to_status: str, now) -> None:
    """Inside the transition's transaction: receivers (the check-ins) write with it."""
    signal = LIFECYCLE_SIGNALS.get(to_status)
    if signal is not None:
        signal.send(sender=Match, match=match, now=now)


def _request_matched(request: HelpRequest, *, by, now) -> None:
    """A match started: the request is matched (through `matching` when it was sent back to
    intake meanwhile, as the request lifecycle only allows matching -> matched)."""
    path = {HelpRequest.Status.NEW: [HelpRequest.Status.INTAKE_DONE, HelpRequest.Status.MATCHING],
            HelpRequest.Status.INTAKE_DONE: [HelpRequest.Status.MATCHING],
            HelpRequest.Status.MATCHING: []}.get(request.status)
    if path is None:     # already matched, or closed, referred or withdrawn meanwhile
        return
    for status in [*path, HelpRequest.Status.MATCHED]:
        help_request_transition(request=request, to_status=status, by=by,
                                note=_("Koppeling gestart"), now=now)


def match_decline(*, match: Match, by, party: str, reason: str, text: str = "",
                  now=None) -> Rejection:
    """Someone said no before the match started: the match is declined and the volunteer
    is rejected for this request (so never suggested for it again, and counted)."""
    now = now or timezone.now()
    _check_reason(reason, text)
    with transaction.atomic():
        match_transition(match=match, to_status=Match.Status.DECLINED, by=by, note=text, now=now,
                         declined_by_party=party)
        rejection, _created = Rejection.objects.get_or_create(
            request_id=match.request_id, volunteer_id=match.volunteer_id,
            defaults={"organisation_id": match.organisation_id, "match": match, "reason": reason,
                      "text": text, "by": _user(by), "at": now},
        )
    return rejection


def rejection_create(*, request: HelpRequest, volunteer: Volunteer, reason: str, text: str = "",
                     by, now=None) -> Rejection:
    """The matchmaker rejects a suggested volunteer for this request, with a reason. A
    pending proposal of the same pair is declined with it."""
    now = now or timezone.now()
    if volunteer.organisation_id != request.organisation_id:
        raise MatchingError(_("Deze vrijwilliger hoort niet bij deze organisatie."))
    _check_reason(reason, text)
    with transaction.atomic():
        open_match = Match.objects.filter(request=request, volunteer=volunteer,
                                          status__in=Match.OPEN_STATUSES).first()
        if open_match is not None:
            return match_decline(match=open_match, by=by, party=Match.Party.MATCHMAKER,
                                 reason=reason, text=text, now=now)
        rejection, created = Rejection.objects.get_or_create(
            request=request, volunteer=volunteer,
            defaults={"organisation_id": request.organisation_id, "reason": reason, "text": text,
                      "by": _user(by), "at": now},
        )
        if not created:
            raise MatchingError(_("Deze vrijwilliger is al afgewezen voor deze hulpvraag."))
        audit_record(actor=by, organisation=request.organisation, action=AuditEvent.Action.CREATE,
                     subject=rejection, fields=["request", "volunteer", "reason", "text"], now=now)
    return rejection


def _check_reason(reason: str, text: str) -> None:
    if reason not in RejectionReason.values:
        raise MatchingError(_("Kies een reden."))
    if reason == RejectionReason.OTHER and not text.strip():
        raise MatchingError(_("Licht de reden 'anders' kort toe."))


def weights_update(*, organisation: Organisation, values: dict, by) -> MatchingWeights:
    """Set the organisation's weights (0-100 each, not all zero)."""
    cleaned = {}
    for name in scoring.CRITERIA:
        value = int(values[name])
        if not 0 <= value <= 100:
            raise MatchingError(_("Een gewicht ligt tussen 0 en 100."))
        cleaned[name] = value
    if not any(cleaned.values()):
        raise MatchingError(_("Geef minstens één criterium een gewicht."))
    weights, _created = MatchingWeights.objects.update_or_create(
        organisation=organisation, defaults={**cleaned, "updated_by": _user(by)})
    return weights


def _user(by):
    return by if getattr(by, "is_authenticated", False) else None


ERASED_END_REASON = "De vrijwilliger is gestopt en uit Koppel verwijderd."


@transaction.atomic
def volunteer_forget(*, volunteer: Volunteer, now=None) -> None:
    """The volunteer is being erased (AVG): open proposals are declined, a running match
    ends (and its request looks for someone else), and what was written about them goes:
    notes, the reasons kept with their matches, the texts of rejections. Scores and
    statuses stay, anonymous, for the statistics."""
    now = now or timezone.now()
    for match in Match.objects.filter(volunteer=volunteer, status__in=Match.OPEN_STATUSES):
        match_decline(match=match, by=None, party=Match.Party.VOLUNTEER,
                      reason=RejectionReason.VOLUNTEER_UNAVAILABLE, now=now)
    for match in Match.objects.filter(volunteer=volunteer, status=Match.Status.ACTIVE):
        match_transition(match=match, to_status=Match.Status.ENDED, by=None, now=now,
                         end_reason_code=EndReason.VOLUNTEER_STOPPED,
                         end_reason=ERASED_END_REASON)
        request = match.request
        still_running = Match.objects.filter(request=request, status__in=Match.RUNNING_STATUSES)
        if request.status == HelpRequest.Status.MATCHED and not still_running.exists():
            help_request_transition(request=request, to_status=HelpRequest.Status.MATCHING,
                                    by=None, note=ERASED_END_REASON, now=now)
    Match.objects.filter(volunteer=volunteer).update(note="", reasons=[])
    MatchTransition.objects.filter(match__volunteer=volunteer).update(note="")
    Rejection.objects.filter(volunteer=volunteer).update(text="")
