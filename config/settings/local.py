"""A developer's machine: the default of manage.py. Needs no server and no secret."""

import secrets

from .base import *  # noqa: F403
from .base import VAR_DIR
from .env import env_bool

DEBUG = env_bool("DEBUG", True)
# On a developer's machine the demo staff can look around without an authenticator app;
# production (and the test suite) require MFA for every staff member.
KOPPEL_STAFF_MFA_REQUIRED = env_bool("KOPPEL_STAFF_MFA_REQUIRED", False)

VAR_DIR.mkdir(parents=True, exist_ok=True)
if not SECRET_KEY:  # noqa: F405
    # A key of this machine only, made on first use and never committed.
    _key_file = VAR_DIR / "secret_key"
    if not _key_file.exists():
        _key_file.write_text(secrets.token_urlsafe(50))
        _key_file.chmod(0o600)
    SECRET_KEY = _key_file.read_text().strip()
