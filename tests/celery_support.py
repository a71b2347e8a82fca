"""Real Celery processes for tests: a worker and a beat started as subprocesses against the
test's own PostgreSQL database and a Redis database of their own, writing their e-mails to
a folder (Django's file backend), so a test counts what really left.

The test must commit what the processes should see: use it from
`@pytest.mark.django_db(transaction=True)` tests, with the `postgres` and `redis_url`
fixtures (they skip on a laptop without the services and fail when CI is set).
"""

import email
import email.policy
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from email.message import EmailMessage
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def broker_on(redis_url: str, db: int) -> str:
    """The same Redis server, database `db` (kept apart from the app's own use)."""
    base = redis_url.rsplit("/", 1)[0] if redis_url.count("/") > 2 else redis_url
    return f"{base}/{db}"


def process_env(*, broker_url: str, var_dir: Path, **extra: str) -> dict:
    """The environment of a Koppel process that shares this test's database and secret
    (links signed by the worker must open in the test's live server)."""
    db = connection.settings_dict
    database_url = (f"postgres://{db['USER'] or 'root'}@{db['HOST'] or '127.0.0.1'}:"
                    f"{db['PORT'] or 5432}/{db['NAME']}")
    var_dir.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker_url,
        "SECRET_KEY": settings.SECRET_KEY,
        "KOPPEL_VAR_DIR": str(var_dir),
        "KOPPEL_BASE_URL": settings.KOPPEL_BASE_URL,
        "EMAIL_HOST": "",
        "DEBUG": "false",
        "PYTHONUNBUFFERED": "1",
    })
    env.update(extra)
    return env


@contextmanager
def queue_on(broker: str):
    """This process queues its tasks on the real broker instead of running them in line.

    Celery keeps a connection pool and a producer pool per app; both are dropped so that a
    broker set by an earlier test is never used again (tasks would wait where no worker
    listens)."""
    from config.celery import app

    saved = app.conf.task_always_eager, app.conf.broker_url

    def reset():
        app._pool = None
        app.amqp._producer_pool = None

    app.conf.task_always_eager, app.conf.broker_url = False, broker
    reset()
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.broker_url = saved
        reset()


def mail_dir(env: dict) -> Path:
    """Where the processes write their e-mails (config/settings/base.py: var/mail)."""
    return Path(env["KOPPEL_VAR_DIR"]) / "mail"


def _start(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    handle = log.open("ab")
    return subprocess.Popen([sys.executable, "-m", "celery", "-A", "config", *args], cwd=ROOT,
                            env=env, stdout=handle, stderr=subprocess.STDOUT,
                            start_new_session=True)


def start_worker(env: dict, *, name: str, concurrency: int = 2) -> subprocess.Popen:
    log = Path(env["KOPPEL_VAR_DIR"]) / f"worker-{name}.log"
    proc = _start(["worker", "-n", f"{name}@%h", "-c", str(concurrency), "-P", "prefork",
                   "--without-gossip", "--without-mingle", "-l", "INFO"], env, log)
    wait_for(lambda: "ready." in log.read_text(errors="replace") or proc.poll() is not None,
             timeout=60, what=f"worker {name} to start")
    assert proc.poll() is None, log.read_text(errors="replace")[-3000:]
    return proc


def start_beat(env: dict, *, name: str = "beat") -> subprocess.Popen:
    var = Path(env["KOPPEL_VAR_DIR"])
    log = var / f"{name}.log"
    return _start(["beat", "-s", str(var / f"{name}-schedule"), "-l", "INFO"], env, log)


def stop(proc: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 30) -> None:
    """Stop a process and everything it started (a prefork worker's children too)."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def read_mails(folder: Path) -> list[EmailMessage]:
    """Every message the file backend wrote (one file per connection, messages separated
    by a line of 79 dashes)."""
    messages = []
    for path in sorted(folder.glob("*.log")) if folder.exists() else []:
        for chunk in path.read_bytes().split(b"-" * 79 + b"\n"):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk, policy=email.policy.default))
    return messages


def text_of(message: EmailMessage) -> str:
    """The plain-text part, decoded."""
    return message.get_body(preferencelist=("plain",)).get_content()


def wait_for(condition, *, timeout: float, what: str, every: float = 0.25):
    """Poll until `condition()` is true; fail with what we waited for."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(every)
    raise AssertionError(f"waited {timeout:.0f} s for {what}")
