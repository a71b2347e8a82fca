#!/usr/bin/env bash
# Install, migrate, load the demo data and start Koppel: web on http://127.0.0.1:8000,
# a Celery worker and Celery beat. Ctrl-C stops all three.
#
# Without DATABASE_URL / REDIS_URL it needs no server: SQLite in var/koppel.sqlite3 and
# Celery's file broker in var/celery/. E-mails are written to var/mail/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

PY=.venv/bin/python
echo "==> Migrating the database (${DATABASE_URL:-SQLite: var/koppel.sqlite3})"
$PY manage.py migrate --noinput -v0
echo "==> Loading the demo data"
$PY manage.py seed_demo

pids=()
stop() {
  trap - INT TERM EXIT
  echo "==> Stopping Koppel"
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

.venv/bin/celery -A config worker --loglevel=INFO --concurrency=2 &
pids+=($!)
.venv/bin/celery -A config beat --loglevel=INFO &
pids+=($!)
echo "==> Koppel runs on http://127.0.0.1:8000 (e-mails: var/mail/)"
$PY manage.py runserver 127.0.0.1:8000 &
pids+=($!)
wait -n "${pids[@]}"
