#!/usr/bin/env python
"""Benchmark of the matching service on PostgreSQL (see README, "Matching: benchmark").

    .venv/bin/python bench/matching.py [--rounds 40] [--reseed]

Uses a database of its own, `koppel_bench` on the server of DATABASE_URL (default
postgres://root@127.0.0.1:5432/), or BENCH_DATABASE_URL: created when missing, migrated,
and seeded once with COPY. Two organisations:
`bench-10k` (10,000 volunteers, 500 open requests) and `bench-100k` (100,000 volunteers,
100 open requests), spread over the Utrecht region like a real centre's people.

Prints, per size: p50 and p95 of ranking one request end to end (the request loaded from
the database, candidates fetched, scored, the top 10 explained in words), the same for
merely fetching the same candidate rows, and their ratio; then global pairing of the 500
open requests of `bench-10k` with its gain over greedy. Targets on a 2-core machine: p95
under 100 ms (10k) and 300 ms (100k), ranking at most twice the bare fetch, global pairing
under 5 s.
"""

import argparse
import io
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

def bench_database_url() -> str:
    """A database of its own on the server of DATABASE_URL (never the one you work in):
    BENCH_DATABASE_URL, else DATABASE_URL with the database name `koppel_bench`."""
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    server = os.environ.get("DATABASE_URL", "postgres://root@127.0.0.1:5432/koppel")
    return server.rsplit("/", 1)[0] + "/koppel_bench"


os.environ["DATABASE_URL"] = bench_database_url()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ["DEBUG"] = "0"   # no query log: measure what production does

SIZES = {"bench-10k": (10_000, 500), "bench-100k": (100_000, 100)}
REGION = ((51.95, 52.25), (4.90, 5.40))      # about 33 x 34 km around Utrecht
SEED = 2026


def ensure_database(url: str) -> None:
    import dj_database_url
    import psycopg2

    config = dj_database_url.parse(url)
    name = config["NAME"]
    connection = psycopg2.connect(dbname="postgres", user=config["USER"] or None,
                                  host=config["HOST"] or None, port=config["PORT"] or None,
                                  password=config["PASSWORD"] or None)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")
    connection.close()


# --- seeding -----------------------------------------------------------------------------

LANGUAGE_MIX = [  # (weight, languages of a volunteer), after core.demo_people
    (55, {"nl": "native"}), (10, {"nl": "native", "en": "C1"}),
    (8, {"ar": "native", "nl": "C1"}), (3, {"rif": "native", "ar": "B2", "nl": "B2"}),
    (7, {"tr": "native", "nl": "C1"}), (3, {"ti": "native", "nl": "A2", "en": "B1"}),
    (4, {"uk": "native", "ru": "C1", "nl": "A2", "en": "B2"}), (4, {"pl": "native", "nl": "B1"}),
    (2, {"so": "native", "nl": "B1"}), (4, {"nl": "native", "srn": "C1"}),
]
FAMILY_MIX = [
    (60, {"nl": "native"}), (10, {"ar": "native", "nl": "A2"}), (9, {"tr": "native", "nl": "A2"}),
    (4, {"ti": "native", "nl": "A1"}), (5, {"uk": "native", "ru": "C1", "nl": "A1"}),
    (5, {"pl": "native", "nl": "A2"}), (3, {"so": "native", "nl": "A2"}),
    (4, {"nl": "native", "srn": "native"}),
]
BACKGROUNDS = ["Marokkaans", "Turks", "Surinaams", "Pools", "Eritrees", "Oekraïens"]
INTERESTS = ["wandelen", "fietsen", "koken", "tuinieren", "computers", "muziek", "lezen",
             "museum", "voetbal", "handwerken", "spelletjes", "schaken"]


def _copy(cursor, model, columns: list[str], rows) -> None:
    """COPY rows into the model's table; columns the rows leave out get the model's default
    (fields added after this benchmark was written need no change here)."""
    import json

    rest = [f for f in model._meta.concrete_fields
            if f.column not in columns and not f.primary_key]
    tail = [json.dumps(f.get_default()) if isinstance(f.get_default(), (dict, list))
            else f.get_default() for f in rest]
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(_cell(v) for v in (*row, *tail)) + "\n")
    buffer.seek(0)
    all_columns = [*columns, *(f.column for f in rest)]
    cursor.copy_expert(f"COPY {model._meta.db_table} ({', '.join(all_columns)}) FROM STDIN",
                       buffer)


def _cell(value) -> str:
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


def _next_id(cursor, table: str) -> int:
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
    return cursor.fetchone()[0]


def _reset_sequence(cursor, table: str) -> None:
    cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                   f"(SELECT COALESCE(MAX(id), 1) FROM {table}))")


def seed(slug: str, volunteers: int, requests: int) -> None:
    import json

    from django.db import connection, transaction

    from core.models import Organisation, User
    from core.slots import ALL_SLOTS
    from core.vocabulary import LEVEL_ORDER, Activity, Motivation
    from matchmaking.scoring.codes import activity_mask, motivation_mask, slot_mask
    from volunteers.models import Volunteer, VolunteerLanguage

    rng = random.Random(f"{SEED}-{slug}")
    now = datetime.now(UTC)
    (lat0, lat1), (lon0, lon1) = REGION
    with transaction.atomic():
        organisation, _created = Organisation.objects.get_or_create(
            slug=slug, defaults={"name": f"Benchmark {slug}"})
        if Volunteer.objects.filter(organisation=organisation).count() >= volunteers:
            return
        print(f"seeding {slug}: {volunteers} volunteers, {requests} requests ...", flush=True)
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor = cursor.cursor   # the psycopg2 cursor, for COPY
            user_id = _next_id(cursor, User._meta.db_table)
            volunteer_id = _next_id(cursor, Volunteer._meta.db_table)
            users, people, languages = [], [], []
            for i in range(volunteers):
                mix = rng.choices([m for _w, m in LANGUAGE_MIX], [w for w, _m in LANGUAGE_MIX])[0]
                status = rng.choices(["active", "intake", "paused", "alumni"], [76, 12, 7, 5])[0]
                known = rng.random() > 0.05
                consent = rng.random() < 0.3
                signed_up = now - timedelta(days=rng.randint(5, 720))
                email = f"v{i:06d}.{slug}@bench.koppel.nl"
                users.append((user_id + i, "!", False, "Vrij", f"Williger {i}", email, False, True,
                              signed_up, "nl"))
                people.append((
                    volunteer_id + i, organisation.pk, user_id + i, "Vrij", f"Williger {i}", "",
                    "3511", rng.uniform(lat0, lat1) if known else None,
                    rng.uniform(lon0, lon1) if known else None,
                    rng.choice([2, 3, 5, 5, 8, 10, 10, 15, 20, 25]),
                    rng.choices(["female", "male", "other", ""], [60, 36, 2, 2])[0],
                    rng.randint(1948, 2006),
                    slot_mask(rng.sample(ALL_SLOTS, rng.randint(2, 7))),
                    rng.choice([2, 3, 4, 4, 6, 8]), rng.choice(["one_off", "short", "long", ""]),
                    activity_mask(rng.sample(Activity.values, rng.randint(2, 4))),
                    motivation_mask(rng.sample(Motivation.values, rng.randint(1, 3))),
                    json.dumps(rng.sample(INTERESTS, rng.randint(0, 3))),
                    rng.choice(BACKGROUNDS) if consent else "", signed_up if consent else None,
                    rng.random() < 0.2, "email", True, status, None, "", signed_up, None,
                    signed_up, now,
                ))
                for code, level in mix.items():
                    languages.append((volunteer_id + i, code, LEVEL_ORDER[level]))
            _copy(cursor, User,
                  ["id", "password", "is_superuser", "first_name", "last_name", "email",
                   "is_staff", "is_active", "date_joined", "language"], users)
            _copy(cursor, Volunteer,
                  ["id", "organisation_id", "user_id", "first_name", "last_name", "phone",
                   "postcode", "latitude", "longitude", "max_distance_km", "gender", "birth_year",
                   "slots", "hours_per_week", "commitment", "activities", "motivations",
                   "interests", "background", "background_consent_at", "intercultural_training",
                   "contact_channel", "reminders", "status", "paused_until", "signup_step",
                   "signed_up_at", "anonymised_at", "created_at", "updated_at"], people)
            _copy(cursor, VolunteerLanguage, ["volunteer_id", "language", "level"],
                  languages)
            for table in (User._meta.db_table, Volunteer._meta.db_table,
                          VolunteerLanguage._meta.db_table):
                _reset_sequence(cursor, table)
        seed_requests(organisation, requests, rng, now)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"  seeded in {time.perf_counter() - started:.1f} s", flush=True)


def seed_requests(organisation, count: int, rng, now) -> None:
    from caregivers.models import (
        Caregiver,
        CareRecipient,
        HelpRequest,
        HelpRequestLanguage,
    )
    from core.slots import ALL_SLOTS, DAY_PARTS
    from core.vocabulary import LEVEL_ORDER, Activity

    (lat0, lat1), (lon0, lon1) = REGION
    for i in range(count):
        family = rng.choices([m for _w, m in FAMILY_MIX], [w for w, _m in FAMILY_MIX])[0]
        lat, lon = rng.uniform(lat0, lat1), rng.uniform(lon0, lon1)
        background = rng.choice(BACKGROUNDS) if len(family) > 1 else ""
        same = bool(background) and rng.random() < 0.35
        caregiver = Caregiver.objects.create(organisation=organisation, name=f"Mantelzorger {i}",
                                             phone="0612345678")
        recipient = CareRecipient.objects.create(organisation=organisation, name=f"Zorgvrager {i}")
        part = rng.choice(DAY_PARTS)
        slots = rng.sample([s for s in ALL_SLOTS if s.endswith(part)], rng.randint(1, 3))
        received = now - timedelta(days=rng.randint(0, 120))
        request = HelpRequest.objects.create(
            organisation=organisation, reference=f"BENCH-{i:04d}", caregiver=caregiver,
            recipient=recipient, activities=rng.sample(Activity.values, rng.randint(1, 2)),
            interests=rng.sample(INTERESTS, rng.randint(0, 2)), slots=slots,
            frequency=rng.choice(["weekly", "weekly", "biweekly", "monthly"]),
            commitment=rng.choice(["short", "long", "long"]), latitude=lat, longitude=lon,
            culture_preference="same_background" if same else "open",
            background=background if same else "", background_consent_at=now if same else None,
            gender_preference=rng.choices(["any", "female", "male"], [78, 17, 5])[0],
            status="matching", received_at=received, status_changed_at=received,
        )
        HelpRequestLanguage.objects.bulk_create([
            HelpRequestLanguage(request=request, language=code, level=LEVEL_ORDER[level])
            for code, level in family.items()])


# --- measuring ---------------------------------------------------------------------------

def percentile(values, p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def measure_ranking(slug: str, rounds: int) -> dict:
    from django.utils import translation

    from caregivers.models import HelpRequest
    from matchmaking import selectors
    from matchmaking.explain import render_reason

    pks = list(HelpRequest.objects.filter(organisation__slug=slug).order_by("pk")
               .values_list("pk", flat=True))
    rng = random.Random(7)
    rank_ms, fetch_ms, rows = [], [], []
    with translation.override("nl"):
        for round_ in range(rounds + 3):
            pk = rng.choice(pks)
            t0 = time.perf_counter()
            request = selectors.requests_for_matching().get(pk=pk)
            ranking = selectors.request_ranking(request=request)
            top = ranking.top(10)
            for suggestion in top:
                [render_reason(r) for r in suggestion.reasons]
            t1 = time.perf_counter()
            # The same candidate rows, fetched and nothing else.
            facts = selectors.match_facts(organisation_id=request.organisation_id,
                                          request_ids=[request.pk], own_request=request.pk)
            profile = selectors.request_profile(request=request, facts=facts)
            query = selectors.candidate_query(request=request, profile=profile, facts=facts)
            t2 = time.perf_counter()
            fetched = selectors.fetch_rows(query) if query is not None else []
            t3 = time.perf_counter()
            if round_ >= 3:   # the first rounds warm the caches
                rank_ms.append((t1 - t0) * 1000)
                fetch_ms.append((t3 - t2) * 1000)
                rows.append(len(fetched))
    return {
        "rank_p50": percentile(rank_ms, 0.5), "rank_p95": percentile(rank_ms, 0.95),
        "fetch_p50": percentile(fetch_ms, 0.5), "fetch_p95": percentile(fetch_ms, 0.95),
        "rows": statistics.mean(rows), "rows_max": max(rows),
    }


def measure_pairing(slug: str) -> dict:
    from core.models import Organisation
    from matchmaking import selectors

    organisation = Organisation.objects.get(slug=slug)
    times, preview = [], None
    for _ in range(3):
        t0 = time.perf_counter()
        preview = selectors.global_pairing_preview(organisation=organisation)
        times.append(time.perf_counter() - t0)
    result = preview.result
    # Where global pairing matters: the same requests when volunteers are scarce (every
    # 20th active volunteer), so requests compete for the same people.
    scarce = selectors.global_pairing_preview(
        organisation=organisation, pool=preview.pool.take(slice(None, None, 20))).result
    return {"seconds": min(times), "seconds_max": max(times), "requests": len(preview.requests),
            "pool": len(preview.pool), "pairs": len(result.pairs), "total": result.total,
            "greedy": result.greedy_total, "greedy_pairs": len(result.greedy_pairs),
            "gain": result.gain, "gain_percent": result.gain_percent, "columns": result.columns,
            "scarce": scarce, "scarce_pool": len(preview.pool) // 20 + 1}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--reseed", action="store_true", help="Drop and reseed the database.")
    args = parser.parse_args()

    url = os.environ["DATABASE_URL"]
    if not url.startswith("postgres"):
        sys.exit("bench/matching.py measures PostgreSQL: set DATABASE_URL=postgres://...")
    if args.reseed:
        import dj_database_url
        import psycopg2
        name = dj_database_url.parse(url)["NAME"]
        config = dj_database_url.parse(url)
        connection = psycopg2.connect(dbname="postgres", user=config["USER"] or None,
                                      host=config["HOST"] or None, port=config["PORT"] or None,
                                      password=config["PASSWORD"] or None)
        connection.autocommit = True
        connection.cursor().execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.close()
    ensure_database(url)

    import django
    django.setup()
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    for slug, (volunteers, requests) in SIZES.items():
        seed(slug, volunteers, requests)

    print(f"\nMatching benchmark on {url.rsplit('/', 1)[-1]} "
          f"({os.cpu_count()} CPUs, {args.rounds} requests per size)\n")
    print(f"{'volunteers':>10}  {'rank p50':>9}  {'rank p95':>9}  {'fetch p50':>9}  "
          f"{'fetch p95':>9}  {'ratio p50':>9}  {'ratio p95':>9}  {'rows (mean/max)':>15}")
    targets = {"bench-10k": 100, "bench-100k": 300}
    verdicts = []
    for slug, (volunteers, _requests) in SIZES.items():
        m = measure_ranking(slug, args.rounds)
        ratio50, ratio95 = m["rank_p50"] / m["fetch_p50"], m["rank_p95"] / m["fetch_p95"]
        print(f"{volunteers:>10,}  {m['rank_p50']:>7.1f}ms  {m['rank_p95']:>7.1f}ms  "
              f"{m['fetch_p50']:>7.1f}ms  {m['fetch_p95']:>7.1f}ms  {ratio50:>9.2f}  "
              f"{ratio95:>9.2f}  {m['rows']:>8.0f}/{m['rows_max']:<6}")
        verdicts.append((f"p95 ranking at {volunteers:,} < {targets[slug]} ms",
                         m["rank_p95"] < targets[slug]))
        verdicts.append((f"ranking <= 2x bare fetch at {volunteers:,} (p50)", ratio50 <= 2.0))
    p = measure_pairing("bench-10k")
    print(f"\nGlobal pairing: {p['requests']} open requests x {p['pool']:,} active volunteers "
          f"({p['columns']:,} columns after shortlisting): {p['seconds']:.2f} s "
          f"(slowest of 3: {p['seconds_max']:.2f} s)")
    print(f"  global total {p['total']:.2f} in {p['pairs']} pairings; greedy {p['greedy']:.2f} "
          f"in {p['greedy_pairs']}; gain {p['gain']:+.2f} ({p['gain_percent']:+.1f}%)")
    scarce = p["scarce"]
    print(f"  with scarce volunteers (every 20th, {p['scarce_pool']}): global {scarce.total:.2f} in "
          f"{len(scarce.pairs)} pairings; greedy {scarce.greedy_total:.2f} in "
          f"{len(scarce.greedy_pairs)}; gain {scarce.gain:+.2f} ({scarce.gain_percent:+.1f}%)")
    verdicts.append(("global pairing < 5 s", p["seconds"] < 5.0))
    print()
    for label, ok in verdicts:
        print(f"  [{'ok' if ok else 'MISSED'}] {label}")
    sys.exit(0 if all(ok for _label, ok in verdicts) else 1)


if __name__ == "__main__":
    main()
