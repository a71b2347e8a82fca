"""The digest through a real Celery worker process, on PostgreSQL and Redis: the task
queued on the broker is run by the worker, and its e-mail really leaves (file backend)."""

import pytest

from config.celery import app
from tests.celery_support import (
    broker_on,
    mail_dir,
    process_env,
    read_mails,
    start_worker,
    stop,
    text_of,
    wait_for,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_a_worker_sends_the_digest_once(postgres, redis_url, signup, tmp_path):
    import redis

    broker = broker_on(redis_url, 9)
    redis.Redis.from_url(broker).flushdb()
    env = process_env(broker_url=broker, var_dir=tmp_path)
    worker = start_worker(env, name="digest")
    try:
        with app.connection_for_write(broker) as conn:
            app.send_task("journey.send_digests", connection=conn)
            app.send_task("journey.send_digests", connection=conn)   # beat fired twice
        messages = wait_for(lambda: read_mails(mail_dir(env)), timeout=60,
                            what="the digest e-mail")
        log = tmp_path / "worker-digest.log"
        wait_for(lambda: log.read_text().count("succeeded") >= 2, timeout=60,
                 what="both tasks to finish")
    finally:
        stop(worker)
    messages = read_mails(mail_dir(env))
    assert len(messages) == 1
    assert messages[0]["To"] == "coordinator@a.example"
    assert "Ayşe Yılmaz" in text_of(messages[0])
