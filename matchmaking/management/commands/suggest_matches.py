"""`python manage.py suggest_matches REFERENCE [--organisation SLUG] [--limit N] [--json]
[--explain-excluded]`: rank the volunteers for one help request (see VOCABULARY.md)."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from core.cli import add_organisation_argument, resolve_organisation
from matchmaking import scoring, selectors
from matchmaking.explain import render_reason

SHORT = {"motivation": "mot", "language": "taal", "culture": "cult", "availability": "besch",
         "distance": "afst", "activity": "hulp", "capacity": "uren", "fairness": "wacht"}


class Command(BaseCommand):
    help = "Rank the volunteers for one help request, with scores and reasons."

    def add_arguments(self, parser):
        parser.add_argument("reference", help="The help request's reference, e.g. REQ-0042.")
        add_organisation_argument(parser)
        parser.add_argument("--limit", type=int, default=10, metavar="N",
                            help="How many candidates to show (default 10).")
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")
        parser.add_argument("--explain-excluded", action="store_true",
                            help="Also list the volunteers left out, with the reason.")

    def handle(self, *args, reference, organisation=None, limit=10, json=False,
               explain_excluded=False, **options):
        if limit < 1:
            raise CommandError("--limit must be 1 or more.")
        org = resolve_organisation(organisation)
        request = (selectors.requests_for_matching()
                   .filter(organisation=org, reference=reference.strip()).first())
        if request is None:
            raise CommandError(f"Unknown help request {reference!r} in organisation {org.slug!r}.")
        ranking = selectors.request_ranking(request=request, prefilter=not explain_excluded)
        with translation.override("nl"):
            payload = {
                "request": request.reference,
                "candidates": [
                    {"volunteer": s.email, "score": s.score, "breakdown": dict(s.breakdown),
                     "reasons": [render_reason(r) for r in s.reasons]}
                    for s in ranking.top(limit)
                ],
            }
        if explain_excluded:
            payload["excluded"] = [{"volunteer": e.email, "reason": e.reason}
                                   for e in ranking.exclusions()]
        if json:
            self.stdout.write(_dumps(payload))
        else:
            self._table(payload, ranking)

    def _table(self, payload, ranking):
        candidates = payload["candidates"]
        self.stdout.write(f"Hulpvraag {payload['request']}: {len(ranking.eligible)} geschikte "
                          f"vrijwilligers, {len(candidates)} getoond.")
        if not candidates:
            self.stdout.write("Geen geschikte vrijwilligers gevonden.")
        width = max([len(c["volunteer"]) for c in candidates] + [11])
        header = f"{'#':>3}  {'score':>5}  {'vrijwilliger':<{width}}  " + "  ".join(
            f"{SHORT[name]:>5}" for name in scoring.CRITERIA)
        if candidates:
            self.stdout.write(header)
            self.stdout.write("-" * len(header))
        for rank, c in enumerate(candidates, start=1):
            values = "  ".join(f"{c['breakdown'][name]:>5.2f}" for name in scoring.CRITERIA)
            self.stdout.write(f"{rank:>3}  {c['score']:>5.3f}  {c['volunteer']:<{width}}  {values}")
            for reason in c["reasons"]:
                self.stdout.write(f"{'':>12}- {reason}")
        if "excluded" in payload:
            self.stdout.write("")
            self.stdout.write(f"Uitgesloten: {len(payload['excluded'])}")
            for item in payload["excluded"]:
                self.stdout.write(f"  {item['volunteer']:<{width}}  {item['reason']}")


def _dumps(payload) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2)
