#!/usr/bin/env python
"""Benchmark of the dashboards under gunicorn (see README, "Dashboards").

    DATABASE_URL=postgres://root@127.0.0.1:5432/koppel_dashboard REDIS_URL=redis://127.0.0.1:6379/5 \\
        .venv/bin/python bench/dashboard.py [--duration 30] [--connections 10] [--port 8122]

1. Seeds the PostgreSQL database of DATABASE_URL (migrated first; created beforehand with
   `createdb koppel_dashboard`) once with an organisation of 10,000 volunteers (and their
   journeys), 3,000 help requests and 5,000 matches with their rejections
   (dashboard/synthetic.py, bulk_create), and a coordinator with an authenticator app;
   then stores every open request's best suggestion (the refresh Celery beat runs).
2. Starts Koppel under gunicorn with the production settings (DEBUG off, whitenoise,
   Redis cache), served over plain HTTP on localhost.
3. Signs the coordinator in by writing a session through Django's session engine (staff
   must have a second factor: the user has one, so the pages let them in) and drives the
   coordinator home and the matchmaker queue, each with wrk: --connections clients for
   --duration seconds. A response other than 200 counts as an error.

Prints requests per second, p50/p95/p99 latency and errors per page, the load average
before and after, and the time of one uncached render. Target on a 2-core machine:
p95 under 200 ms and no errors.
"""

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SLUG = "bench-dashboard"
COORDINATOR = "coordinator@bench-dashboard.koppel.nl"
SIZES = (10_000, 3_000, 5_000)
PAGES = [("coordinator home", "/dashboard/"), ("matchmaker queue", "/dashboard/koppelen/")]
WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) errors = 0 end
function response(status, headers, body) if status ~= 200 then errors = errors + 1 end end
function done(summary, latency, requests)
  local e = 0
  for _, t in ipairs(threads) do e = e + t:get("errors") end
  io.write(string.format("RESULT %d %.3f %.3f %.3f %.3f %d %d %d\\n", summary.requests,
    summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(95) / 1e3,
    latency:percentile(99) / 1e3, e, summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout, summary.errors.status))
end
"""


def environment(port: int) -> dict:
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": env.get("SECRET_KEY", "bench-only-" + "x" * 50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "no",         # plain HTTP on localhost
        "DATABASE_CONN_MAX_AGE": env.get("DATABASE_CONN_MAX_AGE", "60"),
        "LOG_LEVEL": "WARNING",
        "KOPPEL_BASE_URL": f"http://127.0.0.1:{port}",
    })
    if "DATABASE_URL" not in env or not env["DATABASE_URL"].startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database, e.g. "
                 "postgres://root@127.0.0.1:5432/koppel_dashboard")
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/5")
    return env


def seed() -> str:
    """Seed once; return a session key for the coordinator."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.core.management import call_command
    from django.db import connection

    from core.models import Membership, Organisation, Role, User
    from dashboard.services import top_suggestions_refresh
    from dashboard.synthetic import Sizes, build
    from volunteers.models import Volunteer

    call_command("migrate", verbosity=0)
    organisation, _ = Organisation.objects.get_or_create(
        slug=SLUG, defaults={"name": "Benchmark dashboard"})
    coordinator, _ = User.objects.get_or_create(email=COORDINATOR, defaults={
        "first_name": "Bench", "last_name": "Coördinator"})
    Membership.objects.get_or_create(user=coordinator, defaults={
        "organisation": organisation, "role": Role.COORDINATOR})
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=coordinator).exists():
        TOTP.activate(coordinator, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    if not Volunteer.objects.filter(organisation=organisation).exists():
        started = time.perf_counter()
        counts = build(organisation=organisation, sizes=Sizes(*SIZES), coordinator=coordinator,
                       tag="b")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"seeded in {time.perf_counter() - started:.1f} s: {counts}", flush=True)
    started = time.perf_counter()
    scored = top_suggestions_refresh(organisation=organisation)
    print(f"best suggestions of {scored} open requests stored in "
          f"{time.perf_counter() - started:.1f} s", flush=True)
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(coordinator.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = coordinator.get_session_auth_hash()
    store.create()
    return store.session_key


def wait_until_up(url: str, seconds: float = 120) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"gunicorn did not answer at {url}")


def timed_get(url: str, cookie: str) -> tuple[int, float]:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
        return response.status, time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--port", type=int, default=8122)
    parser.add_argument("--workers", type=int, default=3)   # as docker-compose.yml
    args = parser.parse_args()
    env = environment(args.port)
    os.environ.update(env)
    static_root = tempfile.mkdtemp(prefix="koppel-bench-static-")
    env["STATIC_ROOT"] = os.environ["STATIC_ROOT"] = static_root
    session_key = seed()
    from django.conf import settings
    from django.utils.crypto import get_random_string

    # A browser that has been here before also sends its CSRF cookie.
    cookie = (f"{settings.SESSION_COOKIE_NAME}={session_key}; "
              f"{settings.CSRF_COOKIE_NAME}={get_random_string(32)}")
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                   cwd=ROOT, env=env, check=True)
    base = f"http://127.0.0.1:{args.port}"
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", args.port)) == 0:
            sys.exit(f"Port {args.port} is in use; choose another with --port.")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind",
         f"127.0.0.1:{args.port}", "--workers", str(args.workers), "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True)
    script = Path(static_root) / "bench.lua"
    script.write_text(WRK_SCRIPT)
    try:
        wait_until_up(f"{base}/healthz")
        for label, path in PAGES:
            status, seconds = timed_get(base + path, cookie)
            if status != 200:
                sys.exit(f"{label}: HTTP {status} (not signed in?)")
        from django.core.cache import cache

        cache.clear()
        _status, cold = timed_get(base + PAGES[0][1], cookie)
        print(f"coordinator home, figures not cached: {cold * 1000:.0f} ms", flush=True)
        print(f"load average before: {os.getloadavg()[0]:.2f} (cores: {os.cpu_count()})")
        print(f"{'page':<18} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>6}")
        failed = False
        for label, path in PAGES:
            out = subprocess.run(
                ["wrk", "-t2", f"-c{args.connections}", f"-d{args.duration}s", "--timeout", "10s",
                 "-s", str(script), "-H", f"Cookie: {cookie}", base + path],
                capture_output=True, text=True, check=True).stdout
            line = next(x for x in out.splitlines() if x.startswith("RESULT"))
            n, secs, p50, p95, p99, bad, socket_errors, _non2xx = line.split()[1:]
            errors = int(bad) + int(socket_errors)
            failed |= errors > 0 or float(p95) >= 200
            print(f"{label:<18} {int(n) / float(secs):>7.1f} {float(p50):>7.0f} "
                  f"{float(p95):>7.0f} {float(p99):>7.0f} {errors:>6}", flush=True)
        print(f"load average after: {os.getloadavg()[0]:.2f}")
        print("target (p95 < 200 ms, 0 errors):", "missed" if failed else "met")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        shutil.rmtree(static_root, ignore_errors=True)


if __name__ == "__main__":
    main()
