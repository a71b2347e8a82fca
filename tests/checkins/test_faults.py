"""Delivery that survives faults, with real processes: Celery workers and beats started as
subprocesses on this test's PostgreSQL database and a Redis database (REDIS_URL, index 4 in
CI), writing their e-mails to a folder (Django's file backend). We count what really left.

    CI=true DATABASE_URL=postgres://root@127.0.0.1:5432/koppel_checkins \\
        REDIS_URL=redis://127.0.0.1:6379/4 .venv/bin/python -m pytest tests/checkins -m faults

The scan runs every 2 s here and a claim's lease is 5 s (60 s and 10 minutes in
production), so lost work comes back within seconds. Each test takes 20-60 s on a quiet
2-core machine (mostly starting workers); the timeouts leave room for a busy one.
"""

import json
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from checkins.models import CheckIn
from checkins.services import checkins_send_due
from tests.celery_support import (
    ROOT,
    broker_on,
    mail_dir,
    process_env,
    queue_on,
    read_mails,
    start_beat,
    start_worker,
    stop,
    wait_for,
)
from tests.factories import UserFactory, VolunteerFactory

from .conftest import make_match

pytestmark = [pytest.mark.services, pytest.mark.faults, pytest.mark.django_db(transaction=True)]

FAULT_REDIS_DB = 4
FAST = {"KOPPEL_CHECKIN_SCAN_SECONDS": "2", "KOPPEL_CHECKIN_LEASE_SECONDS": "5"}


@pytest.fixture
def env(postgres, redis_url, tmp_path, settings):
    import redis

    settings.KOPPEL_CHECKIN_LEASE_SECONDS = int(FAST["KOPPEL_CHECKIN_LEASE_SECONDS"])
    broker = broker_on(redis_url, FAULT_REDIS_DB)
    redis.Redis.from_url(broker).flushdb()
    return process_env(broker_url=broker, var_dir=tmp_path / "var", **FAST)


def due_checkins(org, count: int, *, due_at=None, spread=timedelta(0)) -> list[int]:
    """`count` check-ins that are due: 10 moments x 2 sides per match, every side reading
    e-mail. With `spread`, the due moments are spread over that period before `due_at`."""
    due_at = due_at or timezone.now() - timedelta(minutes=1)
    ids = []
    per_match = 20
    for m in range((count + per_match - 1) // per_match):
        volunteer = VolunteerFactory(organisation=org, first_name=f"Vrijwilliger{m}",
                                     user=UserFactory(email=f"v{m}@fault.example"))
        match = make_match(org, volunteer, caregiver_email=f"c{m}@fault.example")
        for i in range(min(per_match, count - len(ids))):
            moment_due = due_at - spread * (len(ids) / max(count - 1, 1))
            row = CheckIn.objects.create(
                organisation=org, match=match, party=("volunteer", "caregiver")[i % 2],
                moment=f"d{i // 2 + 1}", due_at=moment_due)
            ids.append(row.pk)
    return ids


def sink(env) -> Counter:
    """Message-ID -> how many copies arrived."""
    return Counter(message["Message-ID"] for message in read_mails(mail_dir(env)))


def sent_rows(ids) -> int:
    return CheckIn.objects.filter(pk__in=ids, status="sent").count()


def report(name, env, ids, started):
    copies = sink(env)
    total, distinct = sum(copies.values()), len(copies)
    print(f"\n[fault {name}] check-ins {len(ids)}, messages in the sink {total}, "
          f"distinct Message-IDs {distinct}, rows sent {sent_rows(ids)}, "
          f"{time.monotonic() - started:.1f} s")
    return copies, total, distinct


def expected_ids(ids) -> set[str]:
    return {row.message_id for row in CheckIn.objects.filter(pk__in=ids)}


def test_a_worker_killed_mid_batch_loses_nothing_and_doubles_nothing(env, org_a):
    started = time.monotonic()
    ids = due_checkins(org_a, 200)
    worker = start_worker(env, name="doomed", concurrency=2)
    beat = start_beat(env)
    try:
        wait_for(lambda: len(sink(env)) >= 40, timeout=120, what="the first 40 check-ins")
        stop(worker, signal.SIGKILL)          # the whole process group, mid-batch
        at_kill = sum(sink(env).values())
        assert at_kill < 200, "the batch finished before the kill; the test proves nothing"
        worker = start_worker(env, name="phoenix", concurrency=2)
        wait_for(lambda: sent_rows(ids) == 200, timeout=120, what="every check-in to be sent")
        time.sleep(3)                      # two more scans: nothing more may leave
    finally:
        stop(beat)
        stop(worker)
    copies, total, distinct = report("a: SIGKILL worker", env, ids, started)
    print(f"[fault a] messages in the sink at the kill: {at_kill}")
    assert set(copies) == expected_ids(ids) and distinct == 200
    # Every row was sent once. A second copy (same Message-ID, so mail programs show one)
    # can only come from a task killed between the mail leaving and its commit.
    assert total == 200, [mid for mid, n in copies.items() if n > 1]


def test_a_flushed_broker_loses_nothing(env, org_a):
    import redis

    started = time.monotonic()
    ids = due_checkins(org_a, 200)
    # The scan claims every row and queues 200 tasks on Redis, with no worker running ...
    with queue_on(env["CELERY_BROKER_URL"]):
        assert checkins_send_due()["queued"] == 200
    broker = redis.Redis.from_url(env["CELERY_BROKER_URL"])
    queued = [json.loads(raw)["headers"]["task"] for raw in broker.lrange("celery", 0, -1)]
    assert queued.count("checkins.send") == 200, Counter(queued)
    assert CheckIn.objects.filter(pk__in=ids, status="claimed").count() == 200
    # ... then Redis loses everything: the queued tasks are gone.
    broker.flushdb()
    assert sink(env) == Counter()
    worker = start_worker(env, name="after-flush")
    beat = start_beat(env)
    try:
        # Once the leases run out, the scan claims the rows again and queues new tasks;
        # flush once more mid-batch for good measure.
        wait_for(lambda: len(sink(env)) >= 30, timeout=120, what="sending to start again")
        redis.Redis.from_url(env["CELERY_BROKER_URL"]).flushdb()
        wait_for(lambda: sent_rows(ids) == 200, timeout=120, what="every check-in to be sent")
        time.sleep(3)
    finally:
        stop(beat)
        stop(worker)
    copies, total, distinct = report("b: FLUSHDB", env, ids, started)
    assert set(copies) == expected_ids(ids)
    assert total == distinct == 200


def test_two_beats_at_once_send_nothing_twice(env, org_a):
    started = time.monotonic()
    ids = due_checkins(org_a, 200)
    worker = start_worker(env, name="busy", concurrency=2)
    beats = [start_beat(env, name="beat-1"), start_beat(env, name="beat-2")]
    try:
        wait_for(lambda: sent_rows(ids) == 200, timeout=120, what="every check-in to be sent")
        time.sleep(3)
    finally:
        for beat in beats:
            stop(beat)
        stop(worker)
    copies, total, distinct = report("c1: two beats", env, ids, started)
    assert set(copies) == expected_ids(ids)
    assert total == distinct == 200


def test_the_command_twice_in_parallel_sends_nothing_twice(env, org_a):
    started = time.monotonic()
    ids = due_checkins(org_a, 200)
    # 100 each: when both run at once, each claims its own half (SKIP LOCKED, leases).
    command = [sys.executable, "manage.py", "send_due_checkins", "--limit", "100"]
    runs = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=150)[0] for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    print("\n[fault c2] " + " | ".join(o.strip().splitlines()[-1] for o in outputs))
    copies, total, distinct = report("c2: command twice in parallel", env, ids, started)
    assert set(copies) == expected_ids(ids)
    assert total == distinct == 200 == sent_rows(ids)


def test_two_hours_without_beat_the_backlog_goes_at_the_next_scan(env, org_a):
    started = time.monotonic()
    # One check-in fell due every minute of the two hours beat was down.
    ids = due_checkins(org_a, 120, due_at=timezone.now() - timedelta(minutes=1),
                       spread=timedelta(hours=2))
    oldest = CheckIn.objects.filter(pk__in=ids).order_by("due_at").first().due_at
    assert timezone.now() - oldest > timedelta(hours=2)
    worker = start_worker(env, name="backlog")
    back = time.monotonic()
    beat = start_beat(env)
    try:
        wait_for(lambda: sent_rows(ids) == 120, timeout=120, what="the backlog to go out")
        took = time.monotonic() - back
        time.sleep(3)
    finally:
        stop(beat)
        stop(worker)
    copies, total, distinct = report("d: beat down 2 h", env, ids, started)
    print(f"[fault d] backlog of 120 out {took:.1f} s after beat came back")
    assert set(copies) == expected_ids(ids)
    assert total == distinct == 120
