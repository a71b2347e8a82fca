"""Store the best suggestion of every open request (what the matchmaker's queue reads).
Celery beat runs the same every few minutes; this is for cron, a deploy, or by hand."""

import time

from django.core.management.base import BaseCommand

from core.cli import add_organisation_argument, parse_now
from core.models import Organisation
from dashboard.services import top_suggestions_refresh


class Command(BaseCommand):
    help = "Score every open request and store its best suggestion for the matchmaker's queue."

    def add_arguments(self, parser):
        add_organisation_argument(parser)
        parser.add_argument("--now", help="ISO date and time to score at (default: now).")

    def handle(self, *args, organisation=None, now=None, **options):
        now = parse_now(now)
        organisations = Organisation.objects.order_by("slug")
        if organisation:
            organisations = organisations.filter(slug=organisation)
        for item in organisations:
            started = time.perf_counter()
            count = top_suggestions_refresh(organisation=item, now=now)
            self.stdout.write(f"{item.slug}: {count} open requests scored in "
                              f"{time.perf_counter() - started:.1f} s")
