"""Shared pieces of Koppel's management commands."""

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .models import Organisation


def add_organisation_argument(parser) -> None:
    parser.add_argument(
        "--organisation", metavar="SLUG",
        help="Organisation to work in; may be left out when exactly one exists.",
    )


def resolve_organisation(slug: str | None) -> Organisation:
    """The organisation named on the command line, or the only one; a clear error otherwise."""
    if slug:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            known = ", ".join(Organisation.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f"Unknown organisation {slug!r} (known: {known}).")
        return organisation
    organisations = list(Organisation.objects.all()[:2])
    if not organisations:
        raise CommandError(
            "There is no organisation yet. Create one with "
            "`python manage.py create_organisation NAME`."
        )
    if len(organisations) > 1:
        known = ", ".join(Organisation.objects.values_list("slug", flat=True))
        raise CommandError(
            f"There are several organisations; choose one with --organisation ({known})."
        )
    return organisations[0]


def parse_now(value: str | None):
    """`--now 2026-12-07T09:00` (ISO 8601, local time when no offset is given)."""
    if not value:
        return timezone.now()
    parsed = parse_datetime(value)
    if parsed is None:
        raise CommandError(f"--now must be an ISO date and time such as 2026-12-07T09:00, not {value!r}")
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed
