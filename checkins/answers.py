"""The three answers to "Hoe gaat het?". Its own module because the volunteers' pages show
these labels (they are translated into every portal language, scripts/translations.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Answer(models.TextChoices):
    GOOD = "goed", _("Goed")
    COULD_BE_BETTER = "kan_beter", _("Kan beter")
    NOT_GOOD = "niet_goed", _("Niet goed")
