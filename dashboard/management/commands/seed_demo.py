"""Fill Koppel with a living demo organisation. Safe to run again: nothing is duplicated.

Each app seeds its own part (its `demo.py`); this command, at the top of the house plan,
calls them in order from the bottom up.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from caregivers import demo as caregivers_demo
from core import demo as core_demo
from dashboard import demo as dashboard_demo
from journey import demo as journey_demo
from matchmaking import demo as matchmaking_demo
from placements import demo as placements_demo
from volunteers import demo as volunteers_demo


class Command(BaseCommand):
    help = "Create (or complete) the demo organisation with staff, volunteers and help requests."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true",
                            help="Run even when DEBUG is off (never on a real installation).")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo only runs with DEBUG on (or --force): it adds "
                               "fictional people and known passwords.")

        def log(message):
            self.stdout.write(f"  {message}")

        with transaction.atomic():
            organisation = core_demo.seed(log=log)
            volunteers_demo.seed(organisation=organisation, log=log)
            journey_demo.seed(organisation=organisation, log=log)
            caregivers_demo.seed(organisation=organisation, log=log)
            matchmaking_demo.seed(organisation=organisation, log=log)
            placements_demo.seed(organisation=organisation, log=log)
            dashboard_demo.seed(organisation=organisation, log=log)

        self.stdout.write(self.style.SUCCESS("Demo ready. Log in at /account/login/ with:"))
        for email, _first, _last, role in core_demo.STAFF:
            self.stdout.write(f"  {role.label:<12} {email:<32} {core_demo.DEMO_PASSWORD}")
        self.stdout.write(f"  {'vrijwilliger':<12} {volunteers_demo.DEMO_VOLUNTEER_EMAIL:<32} "
                          f"{core_demo.DEMO_PASSWORD}")
