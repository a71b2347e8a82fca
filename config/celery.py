"""The Celery app. Tasks are thin: they take ids and call a service (see each app's tasks.py)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("koppel")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

if app.conf.broker_url == "filesystem://":
    # The file broker needs its folders before the first message.
    from pathlib import Path

    for folder in app.conf.broker_transport_options.values():
        if isinstance(folder, str):
            Path(folder).mkdir(parents=True, exist_ok=True)
