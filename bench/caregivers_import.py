"""How fast is `import_requests`, and the request list over the result?

    .venv/bin/python bench/caregivers_import.py [ROWS]          # a throw-away SQLite file
    DATABASE_URL=postgres://... .venv/bin/python bench/caregivers_import.py 5000

Creates its own organisation (slug bench-caregivers-<pid>) and removes it afterwards, so it
is safe on a development database. Prints one line per figure.
"""

import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from caregivers.models import Caregiver, CareRecipient, HelpRequest, Partner  # noqa: E402
from caregivers.selectors import RequestFilters, help_request_list  # noqa: E402
from caregivers.services import help_requests_import  # noqa: E402
from core.models import Organisation  # noqa: E402
from core.slots import ALL_SLOTS  # noqa: E402
from core.vocabulary import Activity  # noqa: E402

HEADER = ("reference,caregiver_name,caregiver_email,caregiver_phone,recipient_name,postcode,"
          "languages,slots,activities,frequency,commitment,culture_preference,background,"
          "background_consent,gender_preference,interests,description")


def make_file(rows: int, seed: int = 7) -> bytes:
    rng = random.Random(seed)  # noqa: S311 - benchmark data
    lines = [HEADER]
    for i in range(1, rows + 1):
        slots = "|".join(rng.sample(ALL_SLOTS, rng.randint(1, 4)))
        activities = "|".join(rng.sample(Activity.values, rng.randint(1, 3)))
        lang = rng.choice(["tr:native|nl:A2", "ar:native|rif:native|nl:A1", "nl:native",
                           "uk:native|ru:C1"])
        consent = rng.choice(["yes", "no"])
        lines.append(f"B-{i:05d},Mantelzorger {i},mz{i}@example.nl,06{rng.randint(10**7, 10**8 - 1)},"
                     f"Zorgvrager {i},35{rng.randint(10, 85)} AB,{lang},{slots},{activities},"
                     f"weekly,long,open,Turks,{consent},any,wandelen,Rij {i}")
    return ("\n".join(lines) + "\n").encode()


def timed(label, func):
    start = time.perf_counter()
    result = func()
    print(f"{label}: {time.perf_counter() - start:.2f} s")
    return result


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    call_command("migrate", verbosity=0)
    call_command("import_postcodes", "core/data/demo_postcodes_utrecht.csv", verbosity=0)
    organisation = Organisation.objects.create(name="Bench", slug=f"bench-caregivers-{os.getpid()}")
    data = make_file(rows)
    print(f"database: {connection.vendor}; file: {rows} rows, {len(data) / 1024:.0f} KB")
    try:
        plan = timed(f"first import ({rows} created)",
                     lambda: help_requests_import(organisation=organisation, data=data))
        assert plan.counts["created"] == rows, plan.counts
        plan = timed("second import (nothing changes)",
                     lambda: help_requests_import(organisation=organisation, data=data))
        assert plan.counts["unchanged"] == rows, plan.counts
        changed = data.replace(b",Rij 1\n", b",Rij een\n")
        plan = timed("third import (1 row changed)",
                     lambda: help_requests_import(organisation=organisation, data=changed))
        assert plan.counts["updated"] == 1, plan.counts

        filters = RequestFilters(activity="walking", language="tr")
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            page = list(help_request_list(organisation=organisation, filters=filters)[:25])
            elapsed = time.perf_counter() - start
        print(f"request list, filtered, first page of 25: {elapsed * 1000:.0f} ms, "
              f"{len(queries)} queries ({len(page)} rows)")
    finally:
        HelpRequest.objects.filter(organisation=organisation).delete()
        CareRecipient.objects.filter(organisation=organisation).delete()
        Caregiver.objects.filter(organisation=organisation).delete()
        Partner.objects.filter(organisation=organisation).delete()
        organisation.delete()


if __name__ == "__main__":
    main()
