"""The volunteer journey (vrijwilligersreis, seed 000 §1 and §3): instroom, doorstroom,
uitstroom and alumni, with the steps an organisation wants to take in each phase.

A volunteer gets a new Journey each time they (re)start, so the history of earlier
journeys stays intact; JourneyStep rows are the actions (what is due, when, and who does
it); TimelineEvent rows are what happened (automatic and manual).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Organisation
from volunteers.models import Volunteer

from .defaults import DEFAULT_LABELS


class Phase(models.TextChoices):
    INTAKE = "intake", _("instroom")
    ACTIVE = "active", _("doorstroom")
    EXIT = "exit", _("uitstroom")
    ALUMNI = "alumni", _("oud-vrijwilliger")


PHASE_ORDER = [Phase.INTAKE, Phase.ACTIVE, Phase.EXIT, Phase.ALUMNI]


class JourneySettings(models.Model):
    """Per-organisation settings of the journey (created on first use)."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE,
                                        related_name="journey_settings")
    retention_months = models.PositiveSmallIntegerField(
        _("bewaartermijn na uitstroom (maanden)"), default=24,
        help_text=_("Daarna worden de persoonsgegevens van oud-vrijwilligers geanonimiseerd, "
                    "behalve als ze contact willen houden."),
    )

    class Meta:
        verbose_name = _("instellingen vrijwilligersreis")
        verbose_name_plural = _("instellingen vrijwilligersreis")

    def __str__(self):
        return str(self.organisation)


class StepDefinition(models.Model):
    """One step an organisation takes with every volunteer in a phase. The defaults come
    from the seeds (journey/defaults.py); an organisation may rename, time, switch off or
    add steps."""

    class Anchor(models.TextChoices):
        PHASE = "phase", _("na het begin van de fase")
        FIRST_DEPLOYMENT = "first_deployment", _("na de eerste inzet")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="journey_steps")
    phase = models.CharField(_("fase"), max_length=10, choices=Phase.choices)
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("naam"), max_length=120, blank=True,
                            help_text=_("Leeg laten voor de standaardnaam."))
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    due_days = models.PositiveSmallIntegerField(
        _("termijn (dagen)"), null=True, blank=True,
        help_text=_("Na hoeveel dagen deze stap klaar moet zijn; leeg voor geen termijn."))
    anchor = models.CharField(_("gerekend vanaf"), max_length=20, choices=Anchor.choices,
                              default=Anchor.PHASE)
    repeat_days = models.PositiveSmallIntegerField(
        _("herhalen na (dagen)"), null=True, blank=True,
        help_text=_("Bijvoorbeeld 182 voor een begeleidingsgesprek elk half jaar."))
    required = models.BooleanField(_("verplicht om de fase af te ronden"), default=False)
    active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        verbose_name = _("stap in de vrijwilligersreis")
        verbose_name_plural = _("stappen in de vrijwilligersreis")
        ordering = ["organisation", "phase", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["organisation", "code"],
                                               name="journey_step_code_unique")]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        if self.name:
            return self.name
        default = DEFAULT_LABELS.get(self.code)
        return str(default) if default else self.code


class Journey(models.Model):
    """One journey of one volunteer, from (re)start to alumni."""

    class ExitReason(models.TextChoices):
        OWN_CHOICE = "own_choice", _("eigen keuze, andere bezigheden")
        TIME = "time", _("geen tijd meer")
        MOVED = "moved", _("verhuisd")
        HEALTH = "health", _("gezondheid")
        WORK = "work", _("betaald werk of opleiding gevonden")
        TERM_ENDED = "term_ended", _("afgesproken periode is voorbij")
        ORGANISATION = "organisation", _("besluit van de organisatie")
        OTHER = "other", _("anders")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="journeys")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="journeys")
    number = models.PositiveSmallIntegerField(_("reis nummer"), default=1)
    phase = models.CharField(_("fase"), max_length=10, choices=Phase.choices,
                             default=Phase.INTAKE, db_index=True)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("coördinator"))
    started_at = models.DateTimeField(_("begonnen op"), default=timezone.now)
    phase_started_at = models.DateTimeField(default=timezone.now)
    intake_completed_at = models.DateTimeField(_("instroom afgerond op"), null=True, blank=True)
    first_deployment_at = models.DateTimeField(_("eerste inzet op"), null=True, blank=True)
    exit_started_at = models.DateTimeField(_("uitstroom begonnen op"), null=True, blank=True)
    ended_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    imported = models.BooleanField(default=False)

    exit_reason = models.CharField(_("reden van stoppen"), max_length=20,
                                   choices=ExitReason.choices, blank=True)
    exit_feedback = models.TextField(_("wat we leren van dit afscheid"), blank=True)
    keep_in_touch = models.BooleanField(_("wil contact houden als oud-vrijwilliger"),
                                        default=False)
    ambassador = models.BooleanField(_("ambassadeur"), null=True, blank=True)
    next_step_partner = models.ForeignKey(
        "caregivers.Partner", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("doorverwezen naar partner"))
    next_step_note = models.CharField(_("volgende stap"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("vrijwilligersreis")
        verbose_name_plural = _("vrijwilligersreizen")
        ordering = ["volunteer", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "number"], name="journey_number_once"),
            # One open journey per volunteer: a re-activation closes the old one first.
            models.UniqueConstraint(fields=["volunteer"], condition=Q(ended_at=None),
                                    name="journey_one_open"),
        ]
        indexes = [models.Index(fields=["organisation", "phase"])]

    def __str__(self):
        return f"{self.volunteer_id}#{self.number} ({self.phase})"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None


class JourneyStep(models.Model):
    """An action in someone's journey: due on a date, owned by a staff member."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="steps")
    definition = models.ForeignKey(StepDefinition, on_delete=models.PROTECT,
                                   related_name="instances")
    phase = models.CharField(max_length=10, choices=Phase.choices)
    sequence = models.PositiveSmallIntegerField(default=1)  # 2, 3... for repeating steps
    opened_at = models.DateTimeField(default=timezone.now)
    due_date = models.DateField(_("uiterlijk op"), null=True, blank=True, db_index=True)
    original_due_date = models.DateField(null=True, blank=True)
    rescheduled_count = models.PositiveSmallIntegerField(default=0)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="journey_actions",
                              verbose_name=_("wie"))
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    # Closed without being done (the phase moved on, or an imported instroom).
    skipped = models.BooleanField(default=False)
    note = models.TextField(_("notitie"), blank=True)

    class Meta:
        verbose_name = _("actie in de vrijwilligersreis")
        verbose_name_plural = _("acties in de vrijwilligersreis")
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["owner", "completed_at", "due_date"]),
            models.Index(fields=["journey", "completed_at"]),
        ]

    def __str__(self):
        return f"{self.definition} ({self.journey_id})"

    @property
    def is_open(self) -> bool:
        return self.completed_at is None

    @property
    def label(self) -> str:
        return self.definition.label


class TimelineEvent(models.Model):
    """What happened in a volunteer's journey. Automatic events come from the services
    (and from the matching and check-in apps through `journey_record_event`), manual ones
    from a coordinator."""

    class Kind(models.TextChoices):
        SIGNED_UP = "signed_up", _("aangemeld")
        IMPORTED = "imported", _("geïmporteerd")
        STEP_DONE = "step_done", _("stap afgerond")
        STEP_RESCHEDULED = "step_rescheduled", _("stap verzet")
        INTAKE_COMPLETED = "intake_completed", _("instroom afgerond")
        MATCHED = "matched", _("gekoppeld")
        MATCH_STARTED = "match_started", _("koppeling gestart")
        CHECK_IN = "check_in", _("check-in beantwoord")
        MATCH_ENDED = "match_ended", _("koppeling beëindigd")
        NOTE = "note", _("notitie")
        TRAINING = "training", _("training gevolgd")
        EXIT_STARTED = "exit_started", _("uitstroom begonnen")
        EXIT_CONVERSATION = "exit_conversation", _("exitgesprek")
        ALUMNI = "alumni", _("oud-vrijwilliger geworden")
        REACTIVATED = "reactivated", _("opnieuw begonnen")
        CERTIFICATE = "certificate", _("getuigschrift gemaakt")
        CONSULENT_SUMMARY = "consulent_summary", _("samenvatting naar de consulent gestuurd")
        COME_BACK_INVITED = "come_back_invited", _("uitgenodigd om later terug te komen")
        DUO = "duo", _("duo-plaatsing")
        ANONYMISED = "anonymised", _("geanonimiseerd")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE,
                                  related_name="timeline")
    journey = models.ForeignKey(Journey, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="events")
    step = models.ForeignKey(JourneyStep, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    note = models.TextField(_("notitie"), blank=True)
    # Structured extras: a training's title, a match's reference and activity codes.
    data = models.JSONField(default=dict, blank=True)
    automatic = models.BooleanField(default=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("tijdlijn")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["volunteer", "-at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d} {self.kind}"


class Certificate(models.Model):
    """A testimonial (getuigschrift) after the example in seed 004. The PDF is generated on
    demand from these fields, in Dutch or English."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    journey = models.OneToOneField(Journey, on_delete=models.CASCADE,
                                   related_name="certificate")
    role_title = models.CharField(_("werkzaam als"), max_length=120,
                                  help_text=_("Bijvoorbeeld: maatje, taalmaatje, vrijwilliger."))
    tasks = models.JSONField(_("werkzaamheden"), default=list, blank=True)
    competences = models.JSONField(_("competenties (EVC-A)"), default=list, blank=True)
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    # Copied at signing: the certificate stays valid when the coordinator leaves.
    signer_name = models.CharField(_("ondertekend door"), max_length=200)
    signer_role = models.CharField(_("functie"), max_length=120)
    signer_email = models.EmailField(blank=True)
    signed_on = models.DateField(_("datum"))
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("getuigschrift")
        verbose_name_plural = _("getuigschriften")

    def __str__(self):
        return f"{self.journey}"


class DigestClaim(models.Model):
    """One row per coordinator and day: whoever inserts it sends that day's digest, so a
    second or parallel run sends nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    date = models.DateField()
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    actions = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "date"],
                                               name="journey_digest_once_a_day")]

    def __str__(self):
        return f"{self.user_id} {self.date}"
