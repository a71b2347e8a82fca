from django.core.management.base import BaseCommand

from core.cli import parse_now
from journey.services import journey_send_digests


class Command(BaseCommand):
    help = ("E-mail each coordinator their overdue and due-today journey actions. "
            "Sends at most one digest per person per day, however often it runs.")

    def add_arguments(self, parser):
        parser.add_argument("--now", metavar="ISO", help="Pretend it is this moment.")

    def handle(self, *args, now=None, **options):
        result = journey_send_digests(now=parse_now(now))
        self.stdout.write(f"Journey digests: {result['sent']} sent, "
                          f"{result['already_sent']} already sent today, "
                          f"{result['failed']} failed")
