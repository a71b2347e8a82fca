"""Organisations, the people who work in them, and the audit trail of personal data."""

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """Everyone who signs in: staff of an organisation, volunteers and superusers.

    E-mail is the login. Whether someone is staff follows from their membership, whether
    they are a volunteer from their volunteer profile; `is_staff` only opens Django's admin.
    """

    username = None
    email = models.EmailField(_("e-mailadres"), unique=True)
    language = models.CharField(
        _("taal"), max_length=10, default="nl",
        help_text=_("De taal van e-mails aan deze persoon."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self):
        return self.get_full_name() or self.email


class VolunteerWord(models.TextChoices):
    """The word an organisation uses for its volunteers when it speaks to families."""

    VOLUNTEER = "volunteer", _("vrijwilliger")
    BUDDY = "buddy", _("maatje")
    GOOD_NEIGHBOUR = "good_neighbour", _("goede buur")
    OWN = "own", _("een eigen woord")


class Organisation(models.Model):
    class Kind(models.TextChoices):
        VOLUNTEER_CENTRE = "volunteer_centre", _("vrijwilligerscentrale")
        CARE_ORGANISATION = "care_organisation", _("zorg- of welzijnsorganisatie")
        INFORMAL_CARE = "informal_care", _("steunpunt mantelzorg")

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam"), max_length=60, unique=True)
    kind = models.CharField(
        _("soort"), max_length=30, choices=Kind.choices, default=Kind.VOLUNTEER_CENTRE
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    # How volunteers are named towards caregivers and the people they care for (seed 000: for
    # some families "vrijwilliger" feels like being fobbed off). core.words reads these.
    volunteer_word = models.CharField(
        _("woord voor vrijwilligers"), max_length=20, choices=VolunteerWord.choices,
        default=VolunteerWord.VOLUNTEER)
    volunteer_word_own = models.CharField(_("eigen woord"), max_length=40, blank=True)
    volunteer_word_own_plural = models.CharField(_("eigen woord, meervoud"), max_length=40,
                                                 blank=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", _("beheerder")
    COORDINATOR = "coordinator", _("coördinator")
    MATCHMAKER = "matchmaker", _("matchmaker")


class Membership(models.Model):
    """A staff member's place in one organisation. One organisation per person keeps every
    page unambiguous about whose data it shows."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        indexes = [models.Index(fields=["organisation", "role"])]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.organisation})"


def token_digest(token: str) -> str:
    """Tokens sent by e-mail are stored only as a hash: a database leak opens no account."""
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """An organisation admin (or `create_organisation`) invites a staff member by e-mail."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mailadres"))
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > now


class AuditEvent(models.Model):
    """Who saw or changed whose personal data, and when.

    Stores references (type and id) and field names, never values or names, so that
    erasing a person leaves nothing of them here.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("bekeken")
        CREATE = "create", _("aangemaakt")
        UPDATE = "update", _("gewijzigd")
        DELETE = "delete", _("verwijderd")
        EXPORT = "export", _("geëxporteerd")
        IMPORT = "import", _("geïmporteerd")
        ERASE = "erase", _("gewist (AVG)")

    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("actie"), max_length=10, choices=Action.choices)
    subject_type = models.CharField(_("soort gegevens"), max_length=40)
    subject_id = models.BigIntegerField(_("nummer"), null=True, blank=True)
    fields = models.JSONField(_("velden"), default=list, blank=True)
    at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("audittrail")
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["organisation", "-at"]),
            models.Index(fields=["subject_type", "subject_id"]),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_id} {self.action} {self.subject_type}"


class Postcode(models.Model):
    """4-digit postcode areas with a central coordinate, loaded by `import_postcodes`."""

    code = models.CharField(_("postcode"), max_length=4, primary_key=True)
    latitude = models.FloatField(_("breedtegraad"))
    longitude = models.FloatField(_("lengtegraad"))
    name = models.CharField(_("wijk of plaats"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("postcodegebied")
        verbose_name_plural = _("postcodegebieden")

    def __str__(self):
        return f"{self.code} {self.name}".strip()
