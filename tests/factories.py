"""factory_boy factories for Koppel's models. Later issues add theirs here."""

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from caregivers.models import Caregiver, CareRecipient, HelpRequest, HelpRequestLanguage
from core.models import Membership, Organisation, Role, User
from core.vocabulary import LEVEL_ORDER
from volunteers.models import Volunteer, VolunteerLanguage

PASSWORD = "koppel-test-wachtwoord"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Vrijwilligerscentrale {n}")
    slug = factory.Sequence(lambda n: f"centrale-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.nl")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save(update_fields=["password"])
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def activate_totp(user, secret: str = TOTP_SECRET):
    """Give a user an authenticator app (staff must have one)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, secret)


def totp_code(secret: str = TOTP_SECRET) -> str:
    """The code an authenticator app would show right now."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from allauth.mfa.totp.internal.auth import yield_hotp_counters_from_time as counters

    return format_hotp_value(hotp_value(secret, next(iter(counters()))))


class MembershipFactory(factory.django.DjangoModelFactory):
    """A staff member; with an authenticator app unless `with_totp=False`."""

    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.COORDINATOR

    @factory.post_generation
    def with_totp(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            activate_totp(obj.user)


class VolunteerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Volunteer
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    postcode = "3511 AB"
    latitude = 52.0929
    longitude = 5.1145
    slots = factory.LazyFunction(lambda: ["tue:afternoon", "thu:afternoon"])
    activities = factory.LazyFunction(lambda: ["companionship", "walking"])
    motivations = factory.LazyFunction(lambda: ["help_others", "social_contact"])
    hours_per_week = 4
    commitment = "long"
    status = Volunteer.Status.ACTIVE
    signed_up_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def languages(obj, create, extracted, **kwargs):
        """languages={"nl": "C1", "ar": "native"}; Dutch at C2 when not given."""
        if not create:
            return
        for code, level in (extracted or {"nl": "C2"}).items():
            VolunteerLanguage.objects.create(volunteer=obj, language=code,
                                             level=LEVEL_ORDER[level])


class CaregiverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Caregiver

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Faker("name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"mantelzorger{n}@example.nl")
    phone = "0612345678"
    postcode = "3511 AB"
    consent_data_at = factory.LazyFunction(timezone.now)


class CareRecipientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareRecipient

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Faker("name", locale="nl_NL")
    postcode = "3511 AB"
    consent_data_at = factory.LazyFunction(timezone.now)


class HelpRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HelpRequest
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    reference = factory.Sequence(lambda n: f"REQ-{n:04d}")
    caregiver = factory.SubFactory(
        CaregiverFactory, organisation=factory.SelfAttribute("..organisation"))
    recipient = factory.SubFactory(
        CareRecipientFactory, organisation=factory.SelfAttribute("..organisation"))
    activities = factory.LazyFunction(lambda: ["companionship"])
    slots = factory.LazyFunction(lambda: ["tue:afternoon"])
    frequency = "weekly"
    commitment = "long"
    postcode = "3511 AB"
    latitude = 52.0929
    longitude = 5.1145
    status = HelpRequest.Status.MATCHING

    @factory.post_generation
    def languages(obj, create, extracted, **kwargs):
        if not create:
            return
        for code, level in (extracted or {"nl": "native"}).items():
            HelpRequestLanguage.objects.create(request=obj, language=code,
                                               level=LEVEL_ORDER[level])
