"""Demo data of the core app: one organisation, its staff, and Utrecht's postcode areas."""

from pathlib import Path

from allauth.account.models import EmailAddress

from .models import Membership, Organisation, Role, User
from .services import postcodes_import

DEMO_SLUG = "demo"
DEMO_PASSWORD = "koppel-demo-2026"
POSTCODES_FILE = Path(__file__).parent / "data" / "demo_postcodes_utrecht.csv"

STAFF = [
    ("beheer@demo.koppel.nl", "Marieke", "de Graaf", Role.ADMIN),
    ("coordinator@demo.koppel.nl", "Fatima", "El Amrani", Role.COORDINATOR),
    ("coordinator2@demo.koppel.nl", "Joris", "van Dam", Role.COORDINATOR),
    ("matchmaker@demo.koppel.nl", "Ayse", "Yildiz", Role.MATCHMAKER),
    ("matchmaker2@demo.koppel.nl", "Pieter", "Hoekstra", Role.MATCHMAKER),
]


def demo_user(email: str, first_name: str, last_name: str, *, password: str | None) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"first_name": first_name, "last_name": last_name}
    )
    if created:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(user=user, email=email,
                                           defaults={"verified": True, "primary": True})
    return user


def seed(*, log) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        slug=DEMO_SLUG,
        defaults={"name": "Vrijwilligerscentrale Utrecht (demo)", "email": "info@demo.koppel.nl",
                  "phone": "030 123 45 67"},
    )
    for email, first, last, role in STAFF:
        user = demo_user(email, first, last, password=DEMO_PASSWORD)
        Membership.objects.get_or_create(user=user, defaults={"organisation": organisation,
                                                              "role": role})
    result = postcodes_import(data=POSTCODES_FILE.read_bytes())
    log(f"Organisation {organisation.name!r}, {len(STAFF)} staff, postcodes: {result}")
    return organisation
