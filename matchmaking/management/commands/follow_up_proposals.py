from django.core.management.base import BaseCommand

from core.cli import parse_now
from matchmaking.lifecycle_services import proposals_follow_up


class Command(BaseCommand):
    help = ("Remind volunteers once about unanswered proposals, then give the matchmaker a "
            "task; a caregiver's expired, unanswered link becomes a call task. Safe to run "
            "twice: nothing is sent or made twice.")

    def add_arguments(self, parser):
        parser.add_argument("--now", metavar="ISO", help="Pretend it is this moment.")

    def handle(self, *args, now=None, **options):
        counts = proposals_follow_up(now=parse_now(now))
        self.stdout.write(f"Proposals: {counts['reminded']} reminded, {counts['escalated']} "
                          f"tasks for the matchmaker, {counts['caregiver_calls']} caregivers to "
                          f"call, {counts['failed']} failed")
