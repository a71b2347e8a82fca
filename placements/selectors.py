"""Reads of duo placements and working agreements."""

from django.db.models import Q, QuerySet

from matchmaking.models import Match
from volunteers.models import Volunteer

from .models import MatchSupporter, WorkingAgreement

# A supporting volunteer sees a match while it runs (proposed to active), not after.
VISIBLE_TO_SUPPORTER = (*Match.OPEN_STATUSES, Match.Status.ACTIVE)


def supporter_of(*, match: Match) -> MatchSupporter | None:
    return MatchSupporter.objects.select_related("volunteer__user").filter(match=match).first()


def agreement_of(*, match: Match) -> WorkingAgreement | None:
    return WorkingAgreement.objects.filter(match=match).first()


def supporter_candidates(*, match: Match) -> QuerySet[Volunteer]:
    """Experienced volunteers of the same organisation who could join: active, not the
    match's own volunteer."""
    return (Volunteer.objects.filter(organisation_id=match.organisation_id,
                                     status=Volunteer.Status.ACTIVE, anonymised_at=None)
            .exclude(pk=match.volunteer_id).order_by("first_name", "last_name", "pk"))


def supported_matches(*, volunteer: Volunteer) -> list[MatchSupporter]:
    """The matches this volunteer supports, running ones only, newest first."""
    return list(MatchSupporter.objects.filter(volunteer=volunteer,
                                              match__status__in=VISIBLE_TO_SUPPORTER)
                .select_related("match__volunteer", "match__request", "match__agreement",
                                "match__organisation")
                .order_by("-match__proposed_at"))


def own_placements(*, volunteer: Volunteer) -> list[Match]:
    """The volunteer's own running matches that have working agreements or a supporter."""
    return list(Match.objects.filter(volunteer=volunteer, status__in=VISIBLE_TO_SUPPORTER)
                .filter(Q(agreement__isnull=False) | Q(supporter__isnull=False))
                .select_related("agreement", "supporter__volunteer__user", "request")
                .order_by("-proposed_at"))


def has_placements(*, volunteer: Volunteer) -> bool:
    return (MatchSupporter.objects.filter(volunteer=volunteer,
                                          match__status__in=VISIBLE_TO_SUPPORTER).exists()
            or bool(own_placements(volunteer=volunteer)))


def volunteer_placements_data(*, volunteer: Volunteer) -> dict:
    def agreement_data(agreement):
        if agreement is None:
            return None
        return {name: getattr(agreement, name) for name in (
            *WorkingAgreement.TEXT_FIELDS, "reminders", "reminder_channel", "check_frequency")} \
            | {"agreed_on": agreement.agreed_on.isoformat()}

    def agreement_or_none(match):
        try:
            return match.agreement
        except WorkingAgreement.DoesNotExist:
            return None

    return {
        "supporting": [{"match": s.match_id, "until": s.until.isoformat()}
                       for s in MatchSupporter.objects.filter(volunteer=volunteer)],
        "agreements": [{"match": m.pk, **(agreement_data(agreement_or_none(m)) or {})}
                       for m in Match.objects.filter(volunteer=volunteer, agreement__isnull=False)
                       .select_related("agreement")],
    }
