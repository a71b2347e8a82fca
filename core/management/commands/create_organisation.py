from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from core.models import Organisation, Role
from core.services import invitation_create, organisation_create


class Command(BaseCommand):
    help = "Create an organisation and invite its first admin by e-mail."

    def add_arguments(self, parser):
        parser.add_argument("name", help="The organisation's name, e.g. 'Vrijwilligerscentrale Utrecht'.")
        parser.add_argument("--slug", help="Short name for commands and URLs (made from NAME if left out).")
        parser.add_argument("--admin-email", help="E-mail address of the first admin; gets an invitation.")

    def handle(self, *args, name, slug=None, admin_email=None, **options):
        name = name.strip()
        if not name:
            raise CommandError("NAME may not be empty.")
        if admin_email:
            try:
                validate_email(admin_email)
            except ValidationError as exc:
                raise CommandError(f"{admin_email!r} is not a valid e-mail address.") from exc
        if slug and Organisation.objects.filter(slug=slug).exists():
            raise CommandError(f"An organisation with slug {slug!r} already exists.")
        with transaction.atomic():
            try:
                organisation = organisation_create(name=name, slug=slug)
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            url = None
            if admin_email:
                _invitation, url = invitation_create(
                    organisation=organisation, email=admin_email, role=Role.ADMIN
                )
        self.stdout.write(self.style.SUCCESS(
            f"Created organisation {organisation.name!r} (slug: {organisation.slug})."
        ))
        if url:
            self.stdout.write(f"Invited {admin_email.lower()} as admin; the invitation link is:\n{url}")
