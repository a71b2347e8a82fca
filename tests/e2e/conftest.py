"""The end-to-end run: Koppel's live server on PostgreSQL, with a real Celery worker and
beat (subprocesses, tests/celery_support.py) on a Redis database of their own. Tasks the
web process queues go over Redis to the worker; its e-mails land in a folder."""

import pytest

from ..celery_support import broker_on, process_env, queue_on, start_beat, start_worker, stop

E2E_REDIS_DB = 10


@pytest.fixture
def workers(postgres, redis_url, live_server, tmp_path, settings):
    import redis

    broker = broker_on(redis_url, E2E_REDIS_DB)
    redis.Redis.from_url(broker).flushdb()
    settings.KOPPEL_BASE_URL = live_server.url
    # Beat scans for due check-ins every 5 s instead of every minute, to keep the run short.
    env = process_env(broker_url=broker, var_dir=tmp_path / "var",
                      KOPPEL_CHECKIN_SCAN_SECONDS="5")
    # The web process queues on the real broker instead of running tasks in line.
    with queue_on(broker):
        worker = start_worker(env, name="e2e")
        beat = start_beat(env)
        try:
            yield env
        finally:
            stop(beat)
            stop(worker)
