"""The newcomer track's codes (seed 004, "Samenwerken met en voor nieuwkomers"): the three
integration routes of the Wet inburgering 2021 and the ways a newcomer can practise Dutch
while volunteering. Codes are stable (stored and exported); labels are B1 Dutch, translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.vocabulary import Level


class IntegrationRoute(models.TextChoices):
    B1 = "b1", _("B1-route: Nederlands leren en werken")
    EDUCATION = "education", _("Onderwijsroute: Nederlands leren en naar school")
    Z_ROUTE = "z_route", _("Z-route (zelfredzaamheidsroute): Nederlands leren en meedoen")
    NONE = "none", _("Geen route, of ik weet het niet")


class PracticeWay(models.TextChoices):
    TALK = "talk", _("praten met de mensen die ik help")
    COLLEAGUES = "colleagues", _("praten met andere vrijwilligers")
    WORK_WORDS = "work_words", _("de woorden leren die ik bij het werk nodig heb")
    LANGUAGE_BUDDY = "language_buddy", _("met een taalmaatje")
    READING_WRITING = "reading_writing", _("samen lezen en schrijven")
    PHONE = "phone", _("bellen en appen in het Nederlands")


# A1 .. C2: a level one can learn towards (not "native").
GOAL_LEVELS = [(code, label) for code, label in Level.choices if code != Level.NATIVE]

# The usual aim of each route (seed 004: A1 for the Z-route, B1 for the B1-route).
ROUTE_GOAL = {IntegrationRoute.B1: "B1", IntegrationRoute.Z_ROUTE: "A1"}
