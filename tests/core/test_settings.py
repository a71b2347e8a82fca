"""Production settings refuse to start without secrets and pass Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def production_env_example() -> dict[str, str]:
    """The environment the README documents for production (deploy/production.env.example)."""
    env = {}
    for line in (ROOT / "deploy" / "production.env.example").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _sep, value = line.partition("=")
            env[key] = value
    return env


def run_manage(*args, env):
    base = {k: v for k, v in os.environ.items()
            if k not in {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE",
                         "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env},
                          capture_output=True, text=True, timeout=120)


def test_production_refuses_to_start_without_secret_key():
    env = production_env_example()
    env.pop("SECRET_KEY")
    result = run_manage("check", env={**env, "DJANGO_SETTINGS_MODULE": "config.settings.production"})
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_production_refuses_an_empty_secret_key():
    env = {**production_env_example(), "SECRET_KEY": "  "}
    result = run_manage("check", env={**env, "DJANGO_SETTINGS_MODULE": "config.settings.production"})
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_production_passes_deploy_checks_with_documented_environment():
    env = {**production_env_example(), "DJANGO_SETTINGS_MODULE": "config.settings.production"}
    # The example holds a placeholder; a real deployment generates a long random key.
    env["SECRET_KEY"] = "x7!" * 20 + "a-long-random-secret-of-a-real-deployment"
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_no_secret_key_is_committed():
    from django.conf import settings

    committed = (ROOT / "config" / "settings" / "base.py").read_text()
    assert "SECRET_KEY = env_str(\"SECRET_KEY\", \"\")" in committed
    assert settings.SECRET_KEY not in committed


def test_rate_limits_use_a_real_cache(settings):
    assert "DummyCache" not in settings.CACHES["default"]["BACKEND"]
    assert settings.ACCOUNT_RATE_LIMITS["login_failed"]
