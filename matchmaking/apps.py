from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "matchmaking"
    verbose_name = _("Matching")

    def ready(self):
        from . import receivers  # noqa: F401 - connects to the volunteers app's signals
