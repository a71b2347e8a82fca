"""There is no Docker engine here, so the compose file is checked by reading it."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def settings_env_names() -> set[str]:
    names = set()
    for path in (ROOT / "config" / "settings").glob("*.py"):
        names |= set(re.findall(r'env_\w+\("([A-Z_]+)"', path.read_text()))
    return names


def test_all_services_are_there_with_health_checks():
    services = compose()["services"]
    assert set(services) == {"web", "worker", "beat", "postgres", "redis"}
    for name, service in services.items():
        assert "healthcheck" in service, name
        assert service.get("restart") == "unless-stopped", name


def test_commands_start_gunicorn_worker_and_beat():
    services = compose()["services"]
    assert "gunicorn config.wsgi:application" in services["web"]["command"]
    assert services["worker"]["command"].startswith("celery -A config worker")
    assert services["beat"]["command"].startswith("celery -A config beat")


def test_database_has_a_volume_and_app_waits_for_healthy_services():
    data = compose()
    assert any("/var/lib/postgresql/data" in v for v in data["services"]["postgres"]["volumes"])
    assert "postgres-data" in data["volumes"]
    for name in ("web", "worker", "beat"):
        depends = data["services"][name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"


def test_environment_names_are_the_ones_settings_read():
    read = settings_env_names()
    for name in ("web", "worker", "beat"):
        for variable in compose()["services"][name]["environment"]:
            assert variable == "DJANGO_SETTINGS_MODULE" or variable in read, variable
    example = (ROOT / "deploy" / "production.env.example").read_text()
    for line in example.splitlines():
        if line and not line.startswith("#"):
            variable = line.split("=", 1)[0]
            assert variable in read | {"DJANGO_SETTINGS_MODULE", "POSTGRES_PASSWORD"}, variable
