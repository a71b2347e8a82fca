#!/usr/bin/env bash
# Prepare a checkout: virtualenv, pinned packages, compiled translations.
# Usage: scripts/setup.sh [dev]   ("dev" adds the test and benchmark tools)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "==> Creating .venv with $($PYTHON --version)"
  "$PYTHON" -m venv .venv
fi
requirements=requirements.txt
[ "${1:-}" = "dev" ] && requirements=requirements-dev.txt
echo "==> Installing $requirements"
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install -q --disable-pip-version-check -r "$requirements"

if ! command -v msgfmt >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> Installing gettext (for the translations)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null
  else
    echo "gettext is missing: install it (Debian/Ubuntu: sudo apt-get install gettext)" >&2
    exit 1
  fi
fi
echo "==> Compiling translations"
.venv/bin/python manage.py compilemessages --ignore=.venv -v0
