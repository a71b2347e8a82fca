"""Check-ins: "Hoe gaat het?" to both sides of a match, planned as rows.

The database is the source of truth. A row is planned when a match goes active (or an
introduction is planned); the scan (services.checkins_send_due, every minute) claims rows
that are due with a lease and queues one task per id; the task sends under a row lock and
marks the row, so a redelivered task sends nothing and a lost one is re-claimed once its
lease has expired.

    planned -> claimed -> sent -> reminded -> escalated      (no answer: reminder, call task)
                               \\-> answered (from sent, reminded or escalated)
    planned/claimed -> cancelled (match closed, or the introduction led to an active match)
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Organisation
from matchmaking.models import Match

from .answers import Answer

DEFAULT_MOMENTS = [14, 91, 182]


def default_moments():
    return list(DEFAULT_MOMENTS)


class FollowUpSettings(models.Model):
    """How one organisation follows a match up. Without a row the defaults apply."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE,
                                        related_name="follow_up_settings")
    moments = models.JSONField(_("check-ins (dagen na de start)"), default=default_moments,
                               help_text=_("Bijvoorbeeld 14, 91, 182."))
    reminder_days = models.PositiveSmallIntegerField(
        _("dagen tot de herinnering"), default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)])
    call_days = models.PositiveSmallIntegerField(
        _("dagen na de herinnering tot een belactie"), default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)])
    link_days = models.PositiveSmallIntegerField(
        _("dagen dat een antwoordlink geldig is"), default=21,
        validators=[MinValueValidator(1), MaxValueValidator(90)])
    introduction_days = models.PositiveSmallIntegerField(
        _("dagen na de kennismaking tot de vraag of er een match is"), default=14,
        validators=[MinValueValidator(1), MaxValueValidator(60)])

    class Meta:
        verbose_name = _("instellingen check-ins")
        verbose_name_plural = _("instellingen check-ins")

    def __str__(self):
        return f"{self.organisation}"


class CheckIn(models.Model):
    class Party(models.TextChoices):
        VOLUNTEER = "volunteer", _("vrijwilliger")
        CAREGIVER = "caregiver", _("mantelzorger")
        # A newcomer's supporter in a duo placement (seed 004), during their weeks only.
        SUPPORTER = "supporter", _("begeleider")

    class Status(models.TextChoices):
        PLANNED = "planned", _("gepland")
        CLAIMED = "claimed", _("wordt verstuurd")
        SENT = "sent", _("verstuurd")
        REMINDED = "reminded", _("herinnerd")
        ESCALATED = "escalated", _("belactie")
        ANSWERED = "answered", _("beantwoord")
        CANCELLED = "cancelled", _("vervallen")

    class Channel(models.TextChoices):
        EMAIL = "email", _("e-mail")
        PHONE = "phone", _("telefoon")

    WAITING_STATUSES = (Status.SENT, Status.REMINDED, Status.ESCALATED)
    OPEN_STATUSES = (Status.PLANNED, Status.CLAIMED, *WAITING_STATUSES)
    INTRODUCTION = "intro14"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="checkins")
    party = models.CharField(_("aan"), max_length=20, choices=Party.choices)
    # "d14", "d91", "d182" (days after the start) or "intro14" (after the introduction).
    moment = models.CharField(_("moment"), max_length=12)
    due_at = models.DateTimeField(_("gepland op"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.PLANNED)
    # When the scan acts after the first e-mail (which goes at due_at): the reminder, then
    # the call task; empty when nothing follows.
    next_action_at = models.DateTimeField(null=True, blank=True)
    # The lease of whoever claimed the row's next step; after it, the scan may claim again.
    claimed_until = models.DateTimeField(null=True, blank=True)
    channel = models.CharField(_("via"), max_length=10, choices=Channel.choices, blank=True)
    language = models.CharField(max_length=10, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    message_id = models.CharField(max_length=200, blank=True)
    reminder_sent_at = models.DateTimeField(_("herinnering op"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("belactie op"), null=True, blank=True)
    answer = models.CharField(_("antwoord"), max_length=12, choices=Answer.choices, blank=True)
    comment = models.TextField(_("toelichting"), blank=True)
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    answered_by_staff = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name="+")
    flagged_at = models.DateTimeField(_("gesignaleerd op"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["due_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["match", "party", "moment"], name="checkin_once"),
            models.CheckConstraint(condition=~Q(status="answered") | Q(answered_at__isnull=False),
                                   name="checkin_answered_has_time"),
        ]
        indexes = [models.Index(fields=["status", "next_action_at"], name="checkin_scan"),
                   models.Index(fields=["status", "due_at"], name="checkin_status_due")]

    def __str__(self):
        return f"{self.match_id}/{self.party}/{self.moment} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_introduction(self) -> bool:
        return self.moment == self.INTRODUCTION
