"""The test suite. SQLite unless DATABASE_URL points at PostgreSQL (as in CI)."""

from .base import *  # noqa: F403

SECRET_KEY = "tests-only-not-a-secret"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A real cache (allauth's rate limits must be active in tests too), private to the run.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
LANGUAGE_CODE = "nl"
KOPPEL_STAFF_MFA_REQUIRED = True
# A browser test types the current code; on a loaded CI machine the 30-second step can turn
# before the server checks it. One step of tolerance keeps those tests honest, not flaky.
MFA_TOTP_TOLERANCE = 1
