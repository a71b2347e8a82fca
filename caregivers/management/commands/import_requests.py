"""`python manage.py import_requests FILE [--organisation SLUG] [--dry-run]` (VOCABULARY.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from caregivers.services import help_requests_import
from core.cli import add_organisation_argument, resolve_organisation
from core.csvio import ImportFailed


class Command(BaseCommand):
    help = ("Import help requests from a CSV file, keyed by reference, all or nothing. "
            "New requests start in status 'matching'.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file (UTF-8, comma or semicolon)")
        add_organisation_argument(parser)
        parser.add_argument("--dry-run", action="store_true",
                            help="Check the file and report what would change; write nothing.")

    def handle(self, *args, file, organisation=None, dry_run=False, **options):
        org = resolve_organisation(organisation)
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}") from None
        try:
            plan = help_requests_import(organisation=org, data=data, dry_run=dry_run,
                                        filename=path.name)
        except ImportFailed as failed:
            for problem in failed.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{path.name}: {len(failed.problems)} problem(s); nothing was "
                               "imported.") from None
        for note in plan.notes:
            self.stdout.write(f"note: {note}")
        summary = plan.summary()
        if dry_run:
            summary += " (dry run: nothing written)"
        self.stdout.write(summary)
