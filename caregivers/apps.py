from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaregiversConfig(AppConfig):
    name = "caregivers"
    verbose_name = _("Mantelzorgers en hulpvragen")

    def ready(self):
        from . import receivers  # noqa: F401 - joins the erasure of anyone (core.signals)
