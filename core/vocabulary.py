"""The stable codes of ../shared/VOCABULARY.md, with their Dutch labels (translated to English
in locale/en). Codes are never renamed: imports, exports and `suggest_matches` use them."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import slots


class Motivation(models.TextChoices):
    HELP_OTHERS = "help_others", _("iets voor een ander betekenen")
    SOCIAL_CONTACT = "social_contact", _("onder de mensen zijn")
    USEFUL = "useful", _("nuttig bezig zijn")
    USE_SKILLS = "use_skills", _("mijn kennis en vaardigheden inzetten")
    LEARN = "learn", _("iets leren, mezelf ontwikkelen")
    WORK_EXPERIENCE = "work_experience", _("werkervaring opdoen, opstap naar betaald werk")
    PRACTICE_DUTCH = "practice_dutch", _("Nederlands oefenen")
    BELONGING = "belonging", _("ergens bij horen")
    VARIETY = "variety", _("afwisseling")
    CIVIC_DUTY = "civic_duty", _("bijdragen aan de samenleving")


class Activity(models.TextChoices):
    COMPANIONSHIP = "companionship", _("gezelschap, bezoek, maatje")
    RESPITE = "respite", _("respijtzorg, overdag oppassen")
    GROCERIES = "groceries", _("boodschappen")
    TRANSPORT = "transport", _("vervoer, mee naar afspraken")
    ODD_JOBS = "odd_jobs", _("klussen in huis en tuin")
    ADMINISTRATION = "administration", _("administratie, post, geldzaken")
    WALKING = "walking", _("wandelen, fietsen (duofiets)")
    OUTINGS = "outings", _("uitstapjes: museum, winkelen, uit eten")
    DIGITAL_HELP = "digital_help", _("hulp met computer en telefoon")
    LANGUAGE_BUDDY = "language_buddy", _("taalmaatje")
    INTERPRETING = "interpreting", _("vertaalmaatje, mee als tolk")
    HOMEWORK = "homework", _("huiswerkbegeleiding")
    MEALS = "meals", _("koken, samen eten")


class Level(models.TextChoices):
    A1 = "A1", _("A1 (een paar woorden)")
    A2 = "A2", _("A2 (eenvoudige gesprekjes)")
    B1 = "B1", _("B1 (gewone gesprekken)")
    B2 = "B2", _("B2 (goed)")
    C1 = "C1", _("C1 (zeer goed)")
    C2 = "C2", _("C2 (uitstekend)")
    NATIVE = "native", _("moedertaal")


# Levels as ordinals, so "at least A2" is a comparison (in Python and in SQL).
LEVEL_ORDER = {code: rank for rank, code in enumerate(Level.values, start=1)}
USABLE_LEVEL = LEVEL_ORDER["A2"]


class Weekday(models.TextChoices):
    MON = "mon", _("maandag")
    TUE = "tue", _("dinsdag")
    WED = "wed", _("woensdag")
    THU = "thu", _("donderdag")
    FRI = "fri", _("vrijdag")
    SAT = "sat", _("zaterdag")
    SUN = "sun", _("zondag")


class DayPart(models.TextChoices):
    MORNING = "morning", _("ochtend")
    AFTERNOON = "afternoon", _("middag")
    EVENING = "evening", _("avond")


class Commitment(models.TextChoices):
    ONE_OFF = "one_off", _("eenmalig")
    SHORT = "short", _("korte tijd (tot zo'n zes maanden)")
    LONG = "long", _("langere tijd, als maatje (een jaar of meer)")


class Frequency(models.TextChoices):
    ONCE = "once", _("eenmalig")
    WEEKLY = "weekly", _("elke week")
    BIWEEKLY = "biweekly", _("om de week")
    MONTHLY = "monthly", _("eens per maand")


class Gender(models.TextChoices):
    FEMALE = "female", _("vrouw")
    MALE = "male", _("man")
    OTHER = "other", _("anders")


class GenderPreference(models.TextChoices):
    ANY = "any", _("geen voorkeur")
    FEMALE = "female", _("een vrouw")
    MALE = "male", _("een man")


class CulturePreference(models.TextChoices):
    OPEN = "open", _("open voor iedereen")
    SAME_BACKGROUND = "same_background", _("liefst iemand met dezelfde achtergrond")


class ContactChannel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    WHATSAPP = "whatsapp", _("WhatsApp")
    PHONE = "phone", _("telefoon")
    PAPER = "paper", _("post (op papier)")


def slot_label(slot: str) -> str:
    """`tue:afternoon` -> "dinsdagmiddag" (Dutch), "Tuesday afternoon" (English)."""
    day, _sep, part = slot.partition(":")
    return gettext("%(day)s%(part)s") % {
        "day": Weekday(day).label,
        "part": DayPart(part).label,
    }


def slot_choices():
    return [(slot, slot_label(slot)) for slot in slots.ALL_SLOTS]
