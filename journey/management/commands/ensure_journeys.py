from django.core.management.base import BaseCommand

from core.cli import resolve_organisation
from journey.services import ensure_journeys


class Command(BaseCommand):
    help = ("Start a journey for every volunteer who has none yet (volunteers from before "
            "the journey existed). Safe to run again: nobody gets a second journey.")

    def add_arguments(self, parser):
        parser.add_argument("--organisation", metavar="SLUG",
                            help="Only this organisation (default: every organisation).")

    def handle(self, *args, organisation=None, **options):
        target = resolve_organisation(organisation) if organisation else None
        started = ensure_journeys(organisation=target)
        self.stdout.write(f"Journeys started: {started}")
