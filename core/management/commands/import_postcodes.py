from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.csvio import ImportFailed
from core.services import postcodes_import


class Command(BaseCommand):
    help = ("Load 4-digit postcode areas with coordinates from a CSV file "
            "(postcode,latitude,longitude[,name]). Never calls an external service.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to the CSV file.")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"File not found: {file}")
        try:
            result = postcodes_import(data=path.read_bytes())
        except ImportFailed as failed:
            for problem in failed.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"Nothing imported: {len(failed.problems)} problem(s) in {file}."
            ) from None
        self.stdout.write(self.style.SUCCESS(
            "Postcodes: {created} created, {updated} updated, {unchanged} unchanged.".format(**result)
        ))
