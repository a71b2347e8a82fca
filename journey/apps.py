from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JourneyConfig(AppConfig):
    name = "journey"
    verbose_name = _("Vrijwilligersreis")

    def ready(self):
        from . import receivers  # noqa: F401 - connects the post_save receiver
