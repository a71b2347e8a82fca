"""Volunteers: their profile, languages and availability, shaped for fast matching.

Availability, activities and motivations are CodeSetFields (bitmasks in the database), so
"free on Tuesday afternoon and likes walking" is a bitwise AND in SQL; languages are rows
with an ordinal level, so "speaks Turkish at least at A2" is an indexed comparison.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import CodeSetField
from core.models import Organisation
from core.slots import ALL_SLOTS
from core.vocabulary import (
    LEVEL_ORDER,
    Activity,
    Commitment,
    ContactChannel,
    Gender,
    Level,
    Motivation,
    slot_choices,
)


class Volunteer(models.Model):
    class Status(models.TextChoices):
        INTAKE = "intake", _("in instroom")
        ACTIVE = "active", _("actief")
        PAUSED = "paused", _("gepauzeerd")
        ALUMNI = "alumni", _("oud-vrijwilliger")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="volunteers"
    )
    # Null once the person is erased or anonymised: the row then only counts in statistics.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="volunteer",
    )
    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=150, blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)
    max_distance_km = models.PositiveSmallIntegerField(_("maximale afstand (km)"), default=10)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("geboortejaar"), null=True, blank=True)

    slots = CodeSetField(_("beschikbaarheid"), codes=ALL_SLOTS, choices_label=slot_choices,
                         blank=True)
    hours_per_week = models.PositiveSmallIntegerField(_("uren per week"), null=True, blank=True)
    commitment = models.CharField(_("hoe lang"), max_length=10, choices=Commitment.choices,
                                  blank=True)
    activities = CodeSetField(_("wat ik graag doe"), codes=Activity.values,
                              choices_label=lambda: Activity.choices, blank=True)
    motivations = CodeSetField(_("waarom ik vrijwilliger ben"), codes=Motivation.values,
                               choices_label=lambda: Motivation.choices, blank=True)
    interests = models.JSONField(_("interesses"), default=list, blank=True,
                                 help_text=_("Vrije woorden, zoals wandelen of computers."))

    # Special-category data: stored only with explicit consent; withdrawing consent erases it.
    background = models.CharField(_("culturele achtergrond"), max_length=100, blank=True)
    background_consent_at = models.DateTimeField(null=True, blank=True)
    intercultural_training = models.BooleanField(_("training cultuursensitief werken"),
                                                 default=False)

    contact_channel = models.CharField(_("liefst contact via"), max_length=10,
                                       choices=ContactChannel.choices,
                                       default=ContactChannel.EMAIL)
    reminders = models.BooleanField(_("herinneringen ontvangen"), default=True)

    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.INTAKE, db_index=True)
    paused_until = models.DateField(_("gepauzeerd tot"), null=True, blank=True)
    # What the status was before the volunteer paused, so un-pausing restores it.
    status_before_pause = models.CharField(max_length=10, choices=Status.choices, blank=True)
    # The signup wizard's resume point; empty once the volunteer confirmed their signup.
    signup_step = models.CharField(max_length=30, blank=True)
    signed_up_at = models.DateTimeField(null=True, blank=True)
    # Imported volunteers get an e-mail to choose a password; when it last went out.
    invited_at = models.DateTimeField(_("uitgenodigd op"), null=True, blank=True)
    privacy_accepted_at = models.DateTimeField(_("privacyverklaring gelezen op"), null=True,
                                               blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("vrijwilliger")
        verbose_name_plural = _("vrijwilligers")
        ordering = ["first_name", "last_name"]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self):
        return f"{self.first_name} {self.last_name}".strip() or f"#{self.pk}"

    @property
    def email(self) -> str:
        return self.user.email if self.user_id else ""

    @property
    def full_name(self) -> str:
        return str(self)

    @property
    def has_background_consent(self) -> bool:
        return self.background_consent_at is not None


class VolunteerLanguage(models.Model):
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("taal"), max_length=3)
    level = models.PositiveSmallIntegerField(
        _("niveau"), choices=[(LEVEL_ORDER[code], label) for code, label in Level.choices]
    )

    class Meta:
        verbose_name = _("taal")
        verbose_name_plural = _("talen")
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "language"], name="volunteer_language_once"),
        ]
        indexes = [models.Index(fields=["language", "level"])]

    def __str__(self):
        return f"{self.language}:{self.level_code}"

    @property
    def level_code(self) -> str:
        return Level.values[self.level - 1]


class VolunteerImport(models.Model):
    """One uploaded volunteer file, between its preview and its commit.

    The coordinator sees what the file would do before anything is written; the bytes wait
    here (not in a session or on one web server's disk) and are dropped once the import is
    committed or cancelled, so personal data does not linger. The counts stay as history.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    filename = models.CharField(_("bestandsnaam"), max_length=200, blank=True)
    data = models.BinaryField(blank=True, default=b"")
    created_at = models.DateTimeField(_("geüpload op"), default=timezone.now)
    committed_at = models.DateTimeField(_("ingelezen op"), null=True, blank=True)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("vrijwilligersimport")
        verbose_name_plural = _("vrijwilligersimports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} ({self.created_at:%Y-%m-%d %H:%M})"
