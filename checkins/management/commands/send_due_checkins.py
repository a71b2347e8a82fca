"""Send the check-ins (and reminders, and call tasks) that are due, in this process.

The same scan as Celery beat's, for cron or by hand; running it twice, or beside beat,
sends nothing twice (rows are claimed first).

    python manage.py send_due_checkins [--now 2026-12-07T09:00] [--limit 500]
"""

from django.core.management.base import BaseCommand

from checkins.services import checkins_send_due_inline
from core.cli import parse_now


class Command(BaseCommand):
    help = "Send the check-ins that are due (also reminders and call tasks)."

    def add_arguments(self, parser):
        parser.add_argument("--now", help="Act as if it is this moment (ISO 8601).")
        parser.add_argument("--limit", type=int, default=500,
                            help="At most this many rows per run (default 500).")

    def handle(self, *args, now=None, limit=500, **options):
        counts = checkins_send_due_inline(now=parse_now(now), limit=limit)
        self.stdout.write(
            "Check-ins: {email} e-mailed, {call} call tasks, {reminder} reminders, "
            "{escalated} escalated, {skipped} skipped, {failed} failed.".format(**counts))
