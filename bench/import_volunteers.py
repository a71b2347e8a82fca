#!/usr/bin/env python
"""Benchmark of `manage.py import_volunteers` (see README, "Volunteers").

    .venv/bin/python bench/import_volunteers.py [--rows 1000]
    DATABASE_URL=postgres://root@127.0.0.1:5432/koppel bench/import_volunteers.py

Works in a throwaway database (Django's test database: in-memory SQLite, or test_<name> on
the PostgreSQL server of DATABASE_URL), so it never touches real data. Generates a file of
--rows volunteers (Utrecht postcodes, 1-3 languages, 2-7 slots, every optional column
filled) and times, through the real command:

1. the first import (every row created, accounts made, one invitation task queued per new
   volunteer after the commit, as in production: the worker sends them);
2. the same file again (must report 0 created, 0 updated);
3. the file with every tenth row changed (a new phone number and an extra language);
4. what the worker then does: render and send the queued invitations (locmem e-mail).

Prints wall time and database queries per step. Target: seconds, not minutes, for 1,000 rows.
"""

import argparse
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("LOG_LEVEL", "WARNING")

SEED = 2026
FIRST = ["Sara", "Fatima", "Noor", "Tom", "Kees", "Oksana", "Ayse", "Mohamed", "Lotte",
         "Yusuf", "Priya", "Jan", "Mila", "Daan", "Amina", "Ibrahim", "Eva", "Senna"]
LAST = ["El Idrissi", "de Vries", "Jansen", "Yilmaz", "Bakker", "Kovalenko", "Haddou",
        "van Dam", "Bennani", "Visser", "Smit", "Mulder", "de Boer", "Öztürk"]
LANGUAGES = ["nl", "en", "ar", "tr", "uk", "pl", "so", "ti", "fa", "rif", "fr", "de", "es"]
LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2", "native"]


def generate(rows: int, areas: list[str], *, changed_every: int = 0) -> bytes:
    from core.csvio import write_table
    from core.slots import ALL_SLOTS
    from core.vocabulary import Activity, Commitment, Motivation
    from volunteers.table import COLUMNS

    rng = random.Random(SEED)
    table = []
    for i in range(rows):
        languages = {"nl": rng.choice(LEVELS)}
        for code in rng.sample(LANGUAGES[1:], rng.randint(0, 2)):
            languages[code] = rng.choice(LEVELS)
        phone = f"06{rng.randint(10000000, 99999999)}"
        consent = rng.random() < 0.4
        row = {
            "email": f"vrijwilliger{i:05d}@bench.koppel.nl",
            "first_name": rng.choice(FIRST), "last_name": rng.choice(LAST), "phone": phone,
            "postcode": f"{rng.choice(areas)} {rng.choice('ABCDEGHJ')}{rng.choice('KLMNPRST')}",
            "latitude": "", "longitude": "", "max_distance_km": str(rng.choice([3, 5, 10])),
            "languages": "|".join(f"{c}:{lvl}" for c, lvl in languages.items()),
            "availability": "|".join(rng.sample(ALL_SLOTS, rng.randint(2, 7))),
            "motivations": "|".join(rng.sample(Motivation.values, rng.randint(1, 3))),
            "activities": "|".join(rng.sample(Activity.values, rng.randint(1, 4))),
            "commitment": rng.choice(Commitment.values),
            "hours_per_week": str(rng.randint(1, 8)), "gender": rng.choice(["female", "male", ""]),
            "birth_year": str(rng.randint(1950, 2005)),
            "background": rng.choice(["Marokkaans", "Turks", "Nederlands"]) if consent else "",
            "background_consent": "yes" if consent else "no",
            "intercultural_training": rng.choice(["yes", "no"]),
            "interests": "|".join(rng.sample(["wandelen", "koken", "schaken", "fietsen",
                                              "computers", "muziek"], rng.randint(0, 2))),
            "status": "",
        }
        if changed_every and i % changed_every == 0:
            row["phone"] = f"06{(int(phone[2:]) + 1) % 100000000:08d}"
            extra = next(c for c in LANGUAGES if c not in languages)
            row["languages"] += f"|{extra}:A2"
        table.append([row[c] for c in COLUMNS])
    return write_table(COLUMNS, table).encode("utf-8")


def timed_import(path: str, slug: str) -> tuple[float, int, str]:
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    out = io.StringIO()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        call_command("import_volunteers", path, "--organisation", slug, stdout=out)
        seconds = time.perf_counter() - started
    return seconds, len(queries), out.getvalue().strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1000)
    args = parser.parse_args()

    import django

    django.setup()
    import logging

    from django.core import mail

    from config.celery import app

    logging.disable(logging.WARNING)
    # Queue invitations in memory as a real broker would, instead of sending them inline.
    app.conf.task_always_eager = False
    app.conf.broker_url = "memory://"
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    from core.models import Organisation
    from core.services import postcodes_import
    from volunteers.models import Volunteer

    setup_test_environment()  # locmem e-mail: the invitations are rendered, not sent out
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        postcodes_import(data=(ROOT / "core/data/demo_postcodes_utrecht.csv").read_bytes())
        organisation = Organisation.objects.create(name="Bench", slug="bench")
        areas = list(dict.fromkeys(
            line.split(",")[0] for line in
            (ROOT / "core/data/demo_postcodes_utrecht.csv").read_text().splitlines()[1:]))
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "volunteers.csv"
            changed = Path(folder) / "volunteers-changed.csv"
            path.write_bytes(generate(args.rows, areas))
            changed.write_bytes(generate(args.rows, areas, changed_every=10))
            print(f"{args.rows} rows, {path.stat().st_size / 1024:.0f} KB, database: "
                  f"{connection.vendor}")
            results = [
                ("first import", *timed_import(str(path), "bench")),
                ("second import (same file)", *timed_import(str(path), "bench")),
                ("every 10th row changed", *timed_import(str(changed), "bench")),
            ]
            for label, seconds, queries, summary in results:
                print(f"{label:<28} {seconds:6.2f} s  {queries:5d} queries  {summary}")
            assert results[1][3].startswith("Volunteers: 0 created, 0 updated"), results[1][3]

            from django.test.utils import CaptureQueriesContext

            from volunteers.services import volunteer_send_invitation

            ids = list(Volunteer.objects.filter(organisation=organisation)
                       .values_list("pk", flat=True))
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                for pk in ids:
                    volunteer_send_invitation(volunteer_id=pk)
                seconds = time.perf_counter() - started
            print(f"{'worker: send invitations':<28} {seconds:6.2f} s  {len(queries):5d} queries  "
                  f"{len(mail.outbox)} e-mails rendered and sent")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
