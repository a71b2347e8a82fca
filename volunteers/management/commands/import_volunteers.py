"""`python manage.py import_volunteers FILE [--organisation SLUG] [--dry-run]`

The format is ../shared/VOCABULARY.md "CSV imports". Prints one summary line, e.g.
"Volunteers: 12 created, 3 updated, 985 unchanged."; on any problem prints every one of them
(row, column, reason) on stderr, writes nothing and exits non-zero.
"""

import os

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.cli import add_organisation_argument, resolve_organisation
from core.csvio import MAX_IMPORT_BYTES, ImportFailed, Problem
from volunteers.imports import volunteers_import


class Command(BaseCommand):
    help = "Import volunteers from a CSV file (keyed by e-mail; all or nothing; idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="CSV file (UTF-8, comma or semicolon).")
        add_organisation_argument(parser)
        parser.add_argument("--dry-run", action="store_true",
                            help="Check the file and report what would change; write nothing.")
        parser.add_argument("--no-invitations", action="store_true",
                            help="Do not e-mail new volunteers an invitation to activate.")

    def handle(self, *args, file, organisation=None, dry_run=False, no_invitations=False,
               **options):
        organisation = resolve_organisation(organisation)
        limit = MAX_IMPORT_BYTES
        try:
            size = os.path.getsize(file)
            if size > limit:
                # Refuse before reading it all into memory; read_table says the same words.
                raise ImportFailed([_too_big(size, limit)])
            with open(file, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror or exc}") from None
        except ImportFailed as error:
            return self._fail(error)
        try:
            result = volunteers_import(organisation=organisation, data=data, dry_run=dry_run,
                                       invite=not no_invitations)
        except ImportFailed as error:
            return self._fail(error)
        for note in result.notes:
            self.stdout.write(f"Note: {note}")
        suffix = " (dry run: nothing was written)" if dry_run else ""
        self.stdout.write(result.summary() + suffix)

    def _fail(self, error: ImportFailed):
        for problem in error.problems:
            self.stderr.write(str(problem))
        raise CommandError(f"Import failed with {len(error.problems)} problem(s); nothing was "
                           f"written.")


def _too_big(size, limit) -> Problem:
    return Problem(0, "", _("Het bestand is te groot (%(size)s MB); het maximum is %(max)s MB.")
                   % {"size": round(size / 1024 / 1024, 1), "max": round(limit / 1024 / 1024, 1)})
