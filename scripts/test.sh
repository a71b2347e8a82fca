#!/usr/bin/env bash
# Install everything the tests need, lint, check migrations, and run the whole suite.
# Extra arguments go to pytest (scripts/test.sh -k matching -x).
#
# With DATABASE_URL=postgres://... and REDIS_URL=redis://... the suite runs against them;
# without, on SQLite, and the tests that need the real services are skipped with a message
# (with CI set they fail instead: .ci/run sets everything up).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh dev

echo "==> ruff"
.venv/bin/ruff check .
echo "==> makemigrations --check"
.venv/bin/python manage.py makemigrations --check --dry-run
echo "==> pytest (database: ${DATABASE_URL:-SQLite})"
.venv/bin/python -m pytest "$@"
