"""The twelve general volunteer competences of EVC-A (Erkenning Verworven Competenties -
Algemene vrijwilligerscompetenties, MOVISIE; seed 002 §5.3.1). A coordinator may name the
ones a volunteer showed on their certificate. Codes are stable; labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Competence(models.TextChoices):
    SYSTEMATIC = "systematic", _("Systematisch werken")
    RELIABILITY = "reliability", _("Betrouwbaarheid tonen")
    TIME_AND_PACE = "time_and_pace", _("Omgaan met tijd en tempo")
    PROBLEM_SOLVING = "problem_solving", _("Problemen oplossen")
    SAFE_AND_HEALTHY = "safe_and_healthy", _("Veilig en gezond te werk gaan")
    COMMUNICATING = "communicating", _("Communiceren")
    PRESENTING = "presenting", _("Presentatie")
    WORKING_RELATIONSHIPS = "working_relationships", _("Bijdragen aan goede werkrelaties")
    COOPERATING = "cooperating", _("Samenwerken")
    RESILIENCE = "resilience", _("Incasseren")
    LANGUAGE_AND_NUMERACY = "language_and_numeracy", _("Toepassen taal en rekenen")
    LEARNING_BY_DOING = "learning_by_doing", _("Al doende leren")
