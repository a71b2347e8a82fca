"""How a match is set up for a newcomer (issue 10, seed 004 "Samenwerken met en voor
nieuwkomers"): a supporter who joins the first weeks (a duo placement) and the working
agreements made at the introduction.

- MatchSupporter: an experienced volunteer of the same organisation, or a key person from
  the newcomer's own community (name, e-mail, phone: no account). They join until `until`;
  a supporting volunteer sees the match in Mijn Koppel, read-only, and the supporter gets
  the match's check-ins during those weeks.
- WorkingAgreement: the seed's "formulier kennis maken": days and times, calling in sick,
  lunch and diet, breaks and smoking, holidays, greeting customs, reminders and their
  channel, and how often both sides check whether expectations still match. That frequency
  drives the match's check-ins (checkins.planning).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Organisation
from core.vocabulary import ContactChannel
from matchmaking.models import Match
from volunteers.models import Volunteer


class MatchSupporter(models.Model):
    class Kind(models.TextChoices):
        VOLUNTEER = "volunteer", _("ervaren vrijwilliger van onze organisatie")
        COMMUNITY = "community", _("sleutelpersoon uit de eigen gemeenschap")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    match = models.OneToOneField(Match, on_delete=models.CASCADE, related_name="supporter")
    kind = models.CharField(_("soort begeleider"), max_length=20, choices=Kind.choices)
    volunteer = models.ForeignKey(Volunteer, null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="supporting", verbose_name=_("vrijwilliger"))
    name = models.CharField(_("naam"), max_length=150, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    until = models.DateField(_("gaat mee tot en met"))
    note = models.TextField(_("notitie"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("begeleider in een duo")
        verbose_name_plural = _("begeleiders in een duo")
        constraints = [
            models.CheckConstraint(
                name="supporter_volunteer_or_person",
                condition=(models.Q(kind="volunteer", volunteer__isnull=False)
                           | models.Q(kind="community", volunteer__isnull=True)
                           & ~models.Q(name="")),
            ),
        ]

    def __str__(self):
        return f"{self.display_name} ({self.match_id})"

    @property
    def display_name(self) -> str:
        return self.volunteer.full_name if self.volunteer_id else self.name

    @property
    def contact_email(self) -> str:
        return self.volunteer.email if self.volunteer_id else self.email

    def clean(self):
        if self.volunteer_id and self.volunteer_id == self.match.volunteer_id:
            raise ValidationError(_("De begeleider is iemand anders dan de vrijwilliger."))


class WorkingAgreement(models.Model):
    class CheckFrequency(models.TextChoices):
        WORKDAY = "workday", _("elke werkdag")
        BIWEEKLY = "biweekly", _("elke twee weken")
        MONTHLY = "monthly", _("elke maand")
        USUAL = "usual", _("anders: de gewone check-ins van de organisatie")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    match = models.OneToOneField(Match, on_delete=models.CASCADE, related_name="agreement")
    agreed_on = models.DateField(_("afgesproken op"), default=timezone.localdate)
    days_and_times = models.TextField(_("dagen en tijden"), blank=True)
    sick_leave = models.TextField(_("ziek melden: hoe en wanneer"), blank=True)
    lunch_and_diet = models.TextField(_("lunch en dieet"), blank=True)
    breaks_and_smoking = models.TextField(_("pauzes en roken"), blank=True)
    holidays = models.TextField(_("vakantie en feestdagen"), blank=True)
    greeting = models.TextField(_("omgangsvormen en begroeten (man/vrouw)"), blank=True)
    reminders = models.BooleanField(_("wil herinneringen krijgen"), default=False)
    reminder_channel = models.CharField(_("herinneringen via"), max_length=20,
                                        choices=ContactChannel.choices, blank=True)
    check_frequency = models.CharField(_("hoe vaak bespreken we of de verwachtingen kloppen"),
                                       max_length=20, choices=CheckFrequency.choices,
                                       default=CheckFrequency.USUAL)
    other = models.TextField(_("andere afspraken"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    TEXT_FIELDS = ("days_and_times", "sick_leave", "lunch_and_diet", "breaks_and_smoking",
                   "holidays", "greeting", "other")

    class Meta:
        verbose_name = _("werkafspraken")
        verbose_name_plural = _("werkafspraken")

    def __str__(self):
        return f"{self.match_id} ({self.check_frequency})"
