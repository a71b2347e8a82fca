"""Matches, the matchmaker's rejections, and each organisation's scoring weights.

A Match is one proposed pairing of a volunteer with a help request. Its lifecycle (issue 6
adds the behaviour; the statuses are all here already):

    proposed -> volunteer_accepted -> caregiver_accepted -> introduction_planned -> active -> ended
        \\______________\\____________________\\______________________\\-> declined

- `volunteer_accepted`: the volunteer said yes; the caregiver is asked next (so a family is
  never asked about a volunteer who might still say no).
- `caregiver_accepted`: both sides said yes.
- `introduction_planned`: the first meeting (kennismaking) has a date and place.
- `active`: help has started; the help request is then `matched`.
- `ended`: an active match stopped (with a reason); `declined`: someone said no before
  it started (who and why is a Rejection, which the dashboard counts).
- Durable is not a status: an active match gets `durable_at` once both sides said "goed"
  at the check-ins (issue 6), and stays active.

Every status change is a MatchTransition (who, when). A proposal is "pending" while the
match is in one of OPEN_STATUSES; a volunteer's running matches (open or active) take the
hours of their capacity.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caregivers.models import HelpRequest
from core.models import Organisation
from volunteers.models import Volunteer

from .scoring import DEFAULT_WEIGHTS


class RejectionReason(models.TextChoices):
    NO_CLICK = "no_click", _("geen klik")
    LANGUAGE = "language", _("taal")
    SCHEDULE = "schedule", _("tijden passen niet")
    DISTANCE = "distance", _("afstand")
    GENDER_OR_CULTURE = "gender_or_culture_preference", _("voorkeur voor gender of cultuur")
    VOLUNTEER_UNAVAILABLE = "volunteer_unavailable", _("vrijwilliger niet beschikbaar")
    CAREGIVER_DECLINED = "caregiver_declined", _("mantelzorger wil niet")
    OTHER = "other", _("anders")


class EndReason(models.TextChoices):
    """Why an active match stopped (a no before the start is a RejectionReason)."""

    HELP_DONE = "help_done", _("hulp is niet meer nodig")
    RECIPIENT_MOVED = "recipient_moved", _("zorgvrager verhuisd, opgenomen of overleden")
    VOLUNTEER_STOPPED = "volunteer_stopped", _("vrijwilliger stopt")
    CAREGIVER_STOPPED = "caregiver_stopped", _("mantelzorger wil stoppen")
    NO_CLICK = "no_click", _("geen klik")
    SCHEDULE = "schedule", _("tijden passen niet meer")
    OTHER = "other", _("anders")


class Match(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("voorgesteld")
        VOLUNTEER_ACCEPTED = "volunteer_accepted", _("vrijwilliger akkoord")
        CAREGIVER_ACCEPTED = "caregiver_accepted", _("beide akkoord")
        INTRODUCTION_PLANNED = "introduction_planned", _("kennismaking gepland")
        ACTIVE = "active", _("actief")
        ENDED = "ended", _("beëindigd")
        DECLINED = "declined", _("afgewezen")

    class Party(models.TextChoices):
        VOLUNTEER = "volunteer", _("vrijwilliger")
        CAREGIVER = "caregiver", _("mantelzorger")
        MATCHMAKER = "matchmaker", _("matchmaker")

    OPEN_STATUSES = (Status.PROPOSED, Status.VOLUNTEER_ACCEPTED, Status.CAREGIVER_ACCEPTED,
                     Status.INTRODUCTION_PLANNED)
    RUNNING_STATUSES = (*OPEN_STATUSES, Status.ACTIVE)
    # Rejected or dissolved: this volunteer is never suggested for this request again.
    CLOSED_FOR_REQUEST = (Status.DECLINED, Status.ENDED)
    TRANSITIONS = {
        Status.PROPOSED: (Status.VOLUNTEER_ACCEPTED, Status.DECLINED),
        Status.VOLUNTEER_ACCEPTED: (Status.CAREGIVER_ACCEPTED, Status.DECLINED),
        Status.CAREGIVER_ACCEPTED: (Status.INTRODUCTION_PLANNED, Status.DECLINED),
        Status.INTRODUCTION_PLANNED: (Status.ACTIVE, Status.DECLINED),
        Status.ACTIVE: (Status.ENDED,),
        Status.ENDED: (),
        Status.DECLINED: (),
    }

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="matches")
    request = models.ForeignKey(HelpRequest, on_delete=models.PROTECT, related_name="matches")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="matches")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.PROPOSED, db_index=True)
    status_changed_at = models.DateTimeField(default=timezone.now)

    # What the matchmaker saw when proposing: the scores at that moment, kept as they were.
    score = models.FloatField(_("score"))
    breakdown = models.JSONField(_("score per criterium"), default=dict)
    reasons = models.JSONField(_("redenen"), default=list,
                               help_text="[[Dutch msgid, params], ...], translated when shown")
    weights = models.JSONField(_("gewichten"), default=dict)
    hours_per_week = models.FloatField(_("uren per week"), default=2.0)
    note = models.TextField(_("notitie"), blank=True)

    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    proposed_at = models.DateTimeField(_("voorgesteld op"), default=timezone.now)
    volunteer_accepted_at = models.DateTimeField(null=True, blank=True)
    caregiver_accepted_at = models.DateTimeField(null=True, blank=True)
    introduction_at = models.DateTimeField(_("kennismaking op"), null=True, blank=True)
    introduction_place = models.CharField(_("plaats kennismaking"), max_length=200, blank=True)
    active_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    durable_at = models.DateTimeField(_("duurzaam sinds"), null=True, blank=True)
    ended_at = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    end_reason_code = models.CharField(_("reden van beëindigen"), max_length=30,
                                       choices=EndReason.choices, blank=True)
    end_reason = models.TextField(_("toelichting bij beëindigen"), blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    declined_by_party = models.CharField(_("afgewezen door"), max_length=20,
                                         choices=Party.choices, blank=True)
    # Follow-up of an unanswered proposal (proposals_follow_up claims these, once each).
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    # The caregiver's question: when it went out (e-mail with a link, or a call task), and
    # when it was answered (by the link or by staff after a call): a used link stays used.
    caregiver_asked_at = models.DateTimeField(null=True, blank=True)
    caregiver_answered_at = models.DateTimeField(null=True, blank=True)
    caregiver_escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("koppeling")
        verbose_name_plural = _("koppelingen")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "volunteer"], name="match_open_once",
                condition=Q(status__in=["proposed", "volunteer_accepted", "caregiver_accepted",
                                        "introduction_planned", "active"]),
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["volunteer", "status"]),
            models.Index(fields=["request", "status"]),
        ]

    def __str__(self):
        return f"{self.request} ↔ {self.volunteer} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def can_become(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, ())


class MatchSettings(models.Model):
    """Per-organisation deadlines of the match lifecycle (created on first save; without a
    row the defaults apply)."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE,
                                        related_name="match_settings")
    proposal_answer_days = models.PositiveSmallIntegerField(
        _("dagen om op een voorstel te antwoorden"), default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Daarna krijgt de vrijwilliger één herinnering."))
    proposal_escalate_days = models.PositiveSmallIntegerField(
        _("dagen na de herinnering tot een taak"), default=2,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Nog geen antwoord? Dan krijgt de matchmaker een taak."))
    caregiver_link_days = models.PositiveSmallIntegerField(
        _("dagen dat de link voor de mantelzorger geldig is"), default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)])
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("instellingen koppelingen")
        verbose_name_plural = _("instellingen koppelingen")

    def __str__(self):
        return f"{self.organisation}"


class MatchTransition(models.Model):
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=Match.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Match.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.match_id}: {self.from_status or '-'} → {self.to_status}"


class Rejection(models.Model):
    """This volunteer is not right for this request, and why. Written by the matchmaker
    in the review, or when a proposed match is declined. The volunteer is never suggested
    for this request again; the reasons are counted on the dashboard."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="rejections")
    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="rejections")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="rejections")
    match = models.ForeignKey(Match, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="rejections")
    reason = models.CharField(_("reden"), max_length=40, choices=RejectionReason.choices)
    text = models.TextField(_("toelichting"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("afwijzing")
        verbose_name_plural = _("afwijzingen")
        ordering = ["-at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["request", "volunteer"],
                                               name="rejection_once")]
        indexes = [models.Index(fields=["organisation", "reason"])]

    def __str__(self):
        return f"{self.request} ✗ {self.volunteer} ({self.reason})"


def _weight_field(label, default):
    return models.PositiveSmallIntegerField(label, default=int(default),
                                            validators=[MaxValueValidator(100)])


class MatchingWeights(models.Model):
    """How much each criterion counts for one organisation (0-100 each; only the
    proportions matter). Without a row, scoring.DEFAULT_WEIGHTS apply."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE,
                                        related_name="matching_weights")
    motivation = _weight_field(_("motivatie"), DEFAULT_WEIGHTS.motivation)
    language = _weight_field(_("taal"), DEFAULT_WEIGHTS.language)
    culture = _weight_field(_("cultuur"), DEFAULT_WEIGHTS.culture)
    availability = _weight_field(_("beschikbaarheid"), DEFAULT_WEIGHTS.availability)
    distance = _weight_field(_("afstand"), DEFAULT_WEIGHTS.distance)
    activity = _weight_field(_("soort hulp en interesses"), DEFAULT_WEIGHTS.activity)
    capacity = _weight_field(_("ruimte in uren"), DEFAULT_WEIGHTS.capacity)
    fairness = _weight_field(_("wachttijd"), DEFAULT_WEIGHTS.fairness)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("gewichten voor koppelen")
        verbose_name_plural = _("gewichten voor koppelen")

    def __str__(self):
        return f"{self.organisation}"


class Task(models.Model):
    """A to-do for staff: call someone, chase an unanswered proposal or check-in, look at a
    worrying answer. Made by the lifecycle and the check-ins; done by hand, with a note."""

    class Kind(models.TextChoices):
        CALL_VOLUNTEER = "call_volunteer", _("vrijwilliger bellen")
        CALL_CAREGIVER = "call_caregiver", _("mantelzorger bellen")
        PROPOSAL_NO_ANSWER = "proposal_no_answer", _("geen antwoord op voorstel")
        CHECKIN_NO_ANSWER = "checkin_no_answer", _("geen antwoord op check-in")
        CHECKIN_FLAGGED = "checkin_flagged", _("check-in: het gaat niet goed")
        PLAN_INTRODUCTION = "plan_introduction", _("kennismaking plannen")
        OTHER = "other", _("anders")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("taak"), max_length=200)
    match = models.ForeignKey(Match, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="tasks")
    volunteer = models.ForeignKey(Volunteer, null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="tasks")
    request = models.ForeignKey(HelpRequest, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="tasks")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="tasks")
    due_at = models.DateTimeField(_("uiterlijk op"), default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(_("gedaan op"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    done_note = models.TextField(_("notitie"), blank=True)

    class Meta:
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        ordering = ["due_at", "pk"]
        indexes = [models.Index(fields=["organisation", "done_at", "due_at"])]
        constraints = [
            # One open task per kind and match: a rerun of a scan never doubles a task.
            models.UniqueConstraint(fields=["kind", "match"], name="task_open_once_per_match",
                                    condition=Q(done_at__isnull=True, match__isnull=False)),
        ]

    def __str__(self):
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
