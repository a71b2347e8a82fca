from django.core.management.base import BaseCommand

from core.cli import parse_now
from journey.retention import retention_apply


class Command(BaseCommand):
    help = ("Anonymise former volunteers whose organisation's retention period after "
            "uitstroom has passed (unless they chose to stay in touch). Safe to run twice.")

    def add_arguments(self, parser):
        parser.add_argument("--now", metavar="ISO", help="Pretend it is this moment.")

    def handle(self, *args, now=None, **options):
        result = retention_apply(now=parse_now(now))
        self.stdout.write(f"Retention: {result['anonymised']} volunteers anonymised in "
                          f"{result['organisations']} organisations")
