"""Caregivers (mantelzorgers), the people they care for, their help requests, and the
partner directory (sociale kaart) that requests can be referred to."""

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
    CulturePreference,
    Frequency,
    GenderPreference,
    Level,
    slot_choices,
)

LEVEL_CHOICES = [(LEVEL_ORDER[code], label) for code, label in Level.choices]


class Person(models.Model):
    """What caregivers and care recipients share. Most of them never get an account."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)
    background = models.CharField(_("culturele achtergrond"), max_length=100, blank=True)
    background_consent_at = models.DateTimeField(null=True, blank=True)
    contact_channel = models.CharField(_("liefst contact via"), max_length=10,
                                       choices=ContactChannel.choices,
                                       default=ContactChannel.PHONE)
    reminders = models.BooleanField(_("herinneringen ontvangen"), default=True)
    language = models.CharField(_("taal van berichten"), max_length=10, default="nl")
    consent_data_at = models.DateTimeField(_("toestemming gegevens bewaren"), null=True,
                                           blank=True)
    consent_share_contact_at = models.DateTimeField(
        _("toestemming contactgegevens delen met vrijwilliger"), null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name


class Caregiver(Person):
    class Meta:
        verbose_name = _("mantelzorger")
        verbose_name_plural = _("mantelzorgers")
        ordering = ["name"]


class CareRecipient(Person):
    caregivers = models.ManyToManyField(Caregiver, through="CareRelation",
                                        related_name="recipients")
    birth_year = models.PositiveSmallIntegerField(_("geboortejaar"), null=True, blank=True)
    situation = models.TextField(_("situatie"), blank=True,
                                 help_text=_("Alleen wat nodig is om goed te kunnen helpen."))

    class Meta:
        verbose_name = _("zorgvrager")
        verbose_name_plural = _("zorgvragers")
        ordering = ["name"]


class CareRelation(models.Model):
    caregiver = models.ForeignKey(Caregiver, on_delete=models.CASCADE)
    recipient = models.ForeignKey(CareRecipient, on_delete=models.CASCADE)
    relationship = models.CharField(_("relatie"), max_length=60, blank=True,
                                    help_text=_("Bijvoorbeeld: dochter, partner, buurman."))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["caregiver", "recipient"],
                                               name="care_relation_once")]

    def __str__(self):
        return f"{self.caregiver} → {self.recipient}"


class PersonLanguage(models.Model):
    language = models.CharField(_("taal"), max_length=3)
    level = models.PositiveSmallIntegerField(_("niveau"), choices=LEVEL_CHOICES)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.language}:{self.level_code}"

    @property
    def level_code(self) -> str:
        return Level.values[self.level - 1]


class CaregiverLanguage(PersonLanguage):
    caregiver = models.ForeignKey(Caregiver, on_delete=models.CASCADE, related_name="languages")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["caregiver", "language"],
                                               name="caregiver_language_once")]


class RecipientLanguage(PersonLanguage):
    recipient = models.ForeignKey(CareRecipient, on_delete=models.CASCADE,
                                  related_name="languages")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["recipient", "language"],
                                               name="recipient_language_once")]


class HelpRequest(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("nieuw")
        INTAKE_DONE = "intake_done", _("intake gedaan")
        MATCHING = "matching", _("zoekt vrijwilliger")
        MATCHED = "matched", _("gekoppeld")
        CLOSED = "closed", _("afgesloten")
        REFERRED = "referred", _("doorverwezen")
        WITHDRAWN = "withdrawn", _("ingetrokken")

    OPEN_STATUSES = (Status.NEW, Status.INTAKE_DONE, Status.MATCHING)

    class Source(models.TextChoices):
        NEIGHBOURHOOD_TEAM = "neighbourhood_team", _("wijkteam")
        DISTRICT_NURSE = "district_nurse", _("wijkverpleegkundige")
        GP = "gp", _("huisarts")
        CONSULENT = "consulent", _("consulent")
        SELF = "self", _("zelf")
        OTHER = "other", _("anders")

    class Urgency(models.TextChoices):
        LOW = "low", _("kan wachten")
        NORMAL = "normal", _("normaal")
        HIGH = "high", _("dringend")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="help_requests")
    reference = models.CharField(_("kenmerk"), max_length=40)
    caregiver = models.ForeignKey(Caregiver, on_delete=models.PROTECT,
                                  related_name="help_requests")
    recipient = models.ForeignKey(CareRecipient, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="help_requests")
    source = models.CharField(_("aangemeld door"), max_length=20, choices=Source.choices,
                              default=Source.SELF)
    referrer_contact = models.CharField(_("contact verwijzer"), max_length=200, blank=True)

    activities = CodeSetField(_("soort hulp"), codes=Activity.values,
                              choices_label=lambda: Activity.choices)
    interests = models.JSONField(_("interesses"), default=list, blank=True)
    slots = CodeSetField(_("wanneer"), codes=ALL_SLOTS, choices_label=slot_choices)
    frequency = models.CharField(_("hoe vaak"), max_length=10, choices=Frequency.choices,
                                 blank=True)
    commitment = models.CharField(_("hoe lang"), max_length=10, choices=Commitment.choices,
                                  blank=True)
    # Where the help takes place (usually the care recipient's home).
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)

    profile_sought = models.TextField(_("gezochte vrijwilliger"), blank=True)
    # Stated wishes only; never inferred.
    culture_preference = models.CharField(_("wens achtergrond"), max_length=20,
                                          choices=CulturePreference.choices,
                                          default=CulturePreference.OPEN)
    background = models.CharField(_("culturele achtergrond"), max_length=100, blank=True)
    background_consent_at = models.DateTimeField(null=True, blank=True)
    gender_preference = models.CharField(_("wens gender vrijwilliger"), max_length=10,
                                         choices=GenderPreference.choices,
                                         default=GenderPreference.ANY)
    practical_wishes = models.TextField(
        _("praktische wensen"), blank=True,
        help_text=_("Bijvoorbeeld handen schudden, eten, geloof, feestdagen."))
    boundaries = models.TextField(_("afspraken: wat wel en wat niet"), blank=True)
    urgency = models.CharField(_("urgentie"), max_length=10, choices=Urgency.choices,
                               default=Urgency.NORMAL)
    description = models.TextField(_("omschrijving"), blank=True)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.NEW, db_index=True)
    received_at = models.DateTimeField(_("binnengekomen op"), default=timezone.now)
    status_changed_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hulpvraag")
        verbose_name_plural = _("hulpvragen")
        ordering = ["received_at"]
        constraints = [models.UniqueConstraint(fields=["organisation", "reference"],
                                               name="request_reference_unique")]
        indexes = [models.Index(fields=["organisation", "status", "received_at"])]

    def __str__(self):
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class HelpRequestLanguage(PersonLanguage):
    """The languages spoken on the family's side: what the matching service compares."""

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="languages")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["request", "language"],
                                               name="request_language_once")]


class HelpRequestTransition(models.Model):
    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE,
                                related_name="transitions")
    from_status = models.CharField(max_length=20, choices=HelpRequest.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=HelpRequest.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.request}: {self.from_status or '-'} → {self.to_status}"


class Partner(models.Model):
    """An organisation in the partner directory (sociale kaart)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="partners")
    name = models.CharField(_("naam"), max_length=200)
    activities = CodeSetField(_("soort hulp"), codes=Activity.values,
                              choices_label=lambda: Activity.choices, blank=True)
    area = models.CharField(_("werkgebied"), max_length=200, blank=True)
    contact_person = models.CharField(_("contactpersoon"), max_length=150, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    how_to_refer = models.TextField(_("zo verwijs je door"), blank=True)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("partnerorganisatie")
        verbose_name_plural = _("sociale kaart")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Referral(models.Model):
    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="referrals")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="referrals")
    reason = models.TextField(_("reden"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.request} → {self.partner}"


class PendingImport(models.Model):
    """An uploaded request file between its preview and the coordinator's confirmation.

    The bytes are kept only until the import is committed or abandoned (deleted after a
    day), because the file holds personal data."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                    related_name="+")
    filename = models.CharField(max_length=200, blank=True)
    data = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.filename or f"import {self.pk}"
