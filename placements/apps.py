from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "placements"
    verbose_name = _("Duo's en werkafspraken")

    def ready(self):
        from . import receivers  # noqa: F401 - listens to the volunteers app's signals
