"""Rank N candidate volunteers for one request, and explain every score in sentences.

    ranking = rank(request, candidates, weights)
    ranking.top(10)        # Suggestions: score, breakdown, reasons
    ranking.exclusions()   # who was left out, and why

Deterministic: the total is rounded to SCORE_DECIMALS and candidates with the same total
are ordered by e-mail (then id), so the order never depends on the input order.
"""

from dataclasses import dataclass, field

import numpy as np

from . import criteria as cr
from .codes import ACTIVITIES, COMMITMENTS, EXCLUSION_REASONS, MOTIVATIONS, NATIVE, SLOTS, codes_of
from .model import CRITERIA, DEFAULT_WEIGHTS, Candidates, Exclusion, Reason, RequestProfile, Suggestion
from .motivation import PRACTICE_DUTCH_WITHOUT_DUTCH

SCORE_DECIMALS = 3


def gettext_noop(message: str) -> str:
    """Marks a sentence for translation (makemessages finds it); the Django layer
    translates it when it shows it. Scoring itself stays free of Django."""
    return message


@dataclass
class Ranking:
    request: RequestProfile
    candidates: Candidates
    weights: dict[str, float]
    totals: np.ndarray                    # rounded, in [0, 1]
    breakdown: dict[str, np.ndarray]      # per criterion, in [0, 1]
    excluded: np.ndarray                  # 0 = eligible, else 1 + index in EXCLUSION_REASONS
    aux: dict[str, np.ndarray]
    _emails: dict[int, str] = field(default_factory=dict)

    def emails(self, indices: np.ndarray) -> np.ndarray:
        """E-mails of the candidates at `indices` (fetched once through the lookup when the
        candidates came without them)."""
        c = self.candidates
        if c.emails is not None:
            return c.emails[indices]
        ids = c.ids[indices]
        missing = [int(pk) for pk in ids if int(pk) not in self._emails]
        if missing:
            if c.email_lookup is None:
                raise ValueError("candidates have neither emails nor an email_lookup")
            self._emails.update(c.email_lookup(missing))
        return np.array([self._emails.get(int(pk), "") for pk in ids], dtype=object)

    @property
    def eligible(self) -> np.ndarray:
        return np.flatnonzero(self.excluded == 0)

    def order(self, limit: int | None = None) -> np.ndarray:
        """Indices of the eligible candidates, best first (ties by e-mail, then id)."""
        eligible = self.eligible
        totals = self.totals[eligible]
        if limit is not None and 0 <= limit < len(eligible):
            if limit == 0:
                return eligible[:0]
            # Only the top `limit` (and everyone tied with the last of them) need sorting.
            threshold = np.partition(totals, len(totals) - limit)[len(totals) - limit]
            keep = totals >= threshold
            eligible, totals = eligible[keep], totals[keep]
        c = self.candidates
        ordered = eligible[np.lexsort((c.ids[eligible], self.emails(eligible), -totals))]
        return ordered if limit is None else ordered[:limit]

    def suggestion(self, index: int) -> Suggestion:
        c = self.candidates
        return Suggestion(
            index=int(index), volunteer_id=int(c.ids[index]),
            email=str(self.emails(np.array([index]))[0]),
            score=float(self.totals[index]),
            breakdown={name: round(float(self.breakdown[name][index]), SCORE_DECIMALS)
                       for name in CRITERIA},
            reasons=explain(self, int(index)),
        )

    def top(self, limit: int | None = None) -> list[Suggestion]:
        return [self.suggestion(i) for i in self.order(limit)]

    def exclusions(self) -> list[Exclusion]:
        c = self.candidates
        rows = np.flatnonzero(self.excluded != 0)
        emails = self.emails(rows)
        order = np.lexsort((c.ids[rows], emails))
        return [Exclusion(index=int(rows[k]), volunteer_id=int(c.ids[rows[k]]), email=str(emails[k]),
                          reason=EXCLUSION_REASONS[self.excluded[rows[k]] - 1]) for k in order]

    def exclusion_counts(self) -> dict[str, int]:
        counts = np.bincount(self.excluded, minlength=len(EXCLUSION_REASONS) + 1)
        return {code: int(counts[i + 1]) for i, code in enumerate(EXCLUSION_REASONS)}


def rank(request: RequestProfile, candidates: Candidates, weights=DEFAULT_WEIGHTS) -> Ranking:
    c = candidates
    language, language_index, language_level = cr.language_score(request, c)
    coverage, covered = cr.slot_coverage(request, c)
    availability, commitment_fit = cr.availability_score(request, c, coverage)
    motivation, motivation_index, motivation_table = cr.motivation_score(request, c)
    distance, km = cr.distance_score(request, c)
    breakdown = {
        "motivation": motivation,
        "language": language,
        "culture": cr.culture_score(request, c),
        "availability": availability,
        "distance": distance,
        "activity": cr.activity_score(request, c),
        "capacity": cr.capacity_score(c),
        "fairness": cr.fairness_score(request, c),
    }
    share = weights.normalised()
    total = np.zeros(len(c))
    for name in CRITERIA:
        total += share[name] * breakdown[name]
    totals = np.round(np.clip(total, 0.0, 1.0), SCORE_DECIMALS)
    excluded = cr.exclusions(request, c, language=language, covered=covered, km=km)
    aux = {"language_index": language_index, "language_level": language_level, "km": km,
           "motivation_index": motivation_index, "motivation_table": motivation_table,
           "commitment_fit": commitment_fit}
    return Ranking(request, c, share, totals, breakdown, excluded, aux)


def explain(ranking: Ranking, i: int) -> list[Reason]:
    """The sentences behind candidate i's scores, one or two per criterion."""
    request, c, aux = ranking.request, ranking.candidates, ranking.aux
    reasons = []
    reasons += _language_reasons(request, aux, i)
    reasons += _availability_reasons(request, c, aux, i)
    reasons += _motivation_reasons(request, c, aux, i)
    reasons += _culture_reasons(request, c, i)
    reasons += _distance_reasons(c, aux, i)
    reasons += _activity_reasons(request, c, i)
    reasons += _capacity_reasons(request, c, i)
    reasons += _fairness_reasons(c, i)
    return reasons


def _language_reasons(request, aux, i):
    index = int(aux["language_index"][i])
    if index < 0:
        return [Reason("language", gettext_noop("Geen gedeelde taal op een bruikbaar niveau"))]
    code = sorted(cr.usable_languages(request))[index]
    level = int(aux["language_level"][i])
    family = request.languages[code]
    params = {"language": code, "level": cr.level_code(level), "family_level": cr.level_code(family)}
    if family == NATIVE and level == NATIVE:
        text = gettext_noop("Spreekt %(language)s als moedertaal, net als het gezin")
    elif family == NATIVE and level >= cr.B2:
        text = gettext_noop("Spreekt %(language)s (%(level)s), de moedertaal van het gezin")
    else:
        text = gettext_noop("Gedeelde taal: %(language)s (vrijwilliger %(level)s, "
                            "gezin %(family_level)s)")
    return [Reason("language", text, params)]


def _availability_reasons(request, c, aux, i):
    reasons = []
    requested = codes_of(request.slots, SLOTS)
    shared = codes_of(int(c.slots[i]) & request.slots, SLOTS)
    if not requested:
        reasons.append(Reason("availability", gettext_noop("Geen tijden gevraagd")))
    elif len(shared) == len(requested):
        reasons.append(Reason("availability", gettext_noop("Beschikbaar op %(slots)s"),
                              {"slots": shared}))
    else:
        reasons.append(Reason(
            "availability",
            gettext_noop("Beschikbaar op %(slots)s (%(covered)s van de %(requested)s "
                         "gevraagde dagdelen)"),
            {"slots": shared, "covered": len(shared), "requested": len(requested)}))
    volunteer_commitment = int(c.commitment[i])
    if request.commitment and volunteer_commitment and aux["commitment_fit"][i] < 0.8:
        reasons.append(Reason(
            "availability",
            gettext_noop("Wil zich liever %(commitment)s inzetten; gevraagd: %(request_commitment)s"),
            {"commitment": COMMITMENTS[volunteer_commitment - 1],
             "request_commitment": request.commitment}))
    return reasons


def _motivation_reasons(request, c, aux, i):
    index = int(aux["motivation_index"][i])
    if index < 0:
        return [Reason("motivation", gettext_noop("Geen motivatie opgegeven"))]
    newcomer = c.newcomer is not None and bool(c.newcomer[i])
    fits, best_activity = aux["motivation_table"][int(newcomer)]
    motivation, fit = MOTIVATIONS[index], fits[index]
    params = {"motivation": motivation, "activity": best_activity[index]}
    if motivation == "practice_dutch" and fit == PRACTICE_DUTCH_WITHOUT_DUTCH:
        text = gettext_noop("Wil Nederlands oefenen, maar het gezin spreekt weinig Nederlands")
    elif newcomer and motivation == "practice_dutch" and fit >= 0.65:
        text = gettext_noop("Nieuwkomer die Nederlands wil oefenen: het gezin spreekt "
                            "Nederlands en %(activity)s geeft veel kans om te praten")
    elif newcomer and motivation == "work_experience" and fit >= 0.65:
        text = gettext_noop("Nieuwkomer die werkervaring wil opdoen: %(activity)s is een "
                            "concrete taak")
    elif fit >= 0.95 and best_activity[index]:
        text = gettext_noop("Motivatie (%(motivation)s) past goed bij %(activity)s")
    elif fit >= 0.65:
        text = gettext_noop("Motivatie past: %(motivation)s")
    else:
        text = gettext_noop("Motivatie sluit minder aan: %(motivation)s")
    return [Reason("motivation", text, params)]


def _culture_reasons(request, c, i):
    if request.culture_preference != "same_background":
        return [Reason("culture", gettext_noop("Geen wens over achtergrond: telt voor iedereen gelijk"))]
    if not request.background:
        return [Reason("culture", gettext_noop(
            "Wens: dezelfde achtergrond, maar die van het gezin is niet vastgelegd; "
            "telt voor iedereen gelijk"))]
    if c.background[i] == request.background:
        return [Reason("culture", gettext_noop("Heeft dezelfde achtergrond, zoals gewenst"))]
    if c.intercultural_training[i]:
        return [Reason("culture", gettext_noop(
            "Andere of onbekende achtergrond, wel getraind in cultuursensitief werken"))]
    return [Reason("culture", gettext_noop("Andere of onbekende achtergrond dan gewenst"))]


def _distance_reasons(c, aux, i):
    km = float(aux["km"][i])
    if np.isnan(km):
        return [Reason("distance", gettext_noop("Afstand onbekend"))]
    return [Reason("distance", gettext_noop("Woont op %(km)s km (wil tot %(max_km)s km reizen)"),
                   {"km": round(km, 1), "max_km": int(c.max_distance_km[i])})]


def _activity_reasons(request, c, i):
    reasons = []
    liked = codes_of(int(c.activities[i]) & request.activities, ACTIVITIES)
    if liked:
        reasons.append(Reason("activity", gettext_noop("Doet graag: %(activities)s"),
                              {"activities": liked}))
    elif not c.activities[i]:
        reasons.append(Reason("activity", gettext_noop("Heeft geen voorkeur voor soort hulp opgegeven")))
    else:
        reasons.append(Reason("activity", gettext_noop("Noemt deze soort hulp niet als voorkeur")))
    shared = [tag for tag in request.interests
              if tag in c.interests and bool(c.interests[tag][i])]
    if shared:
        reasons.append(Reason("activity", gettext_noop("Deelt interesse: %(interests)s"),
                              {"interests": shared}))
    return reasons


def _capacity_reasons(request, c, i):
    if np.isnan(c.hours_per_week[i]):
        return [Reason("capacity", gettext_noop("Heeft niet opgegeven hoeveel uur per week"))]
    hours = float(c.hours_per_week[i])
    free = max(0.0, hours - float(c.hours_committed[i]))
    params = {"free": _number(free), "hours": _number(hours)}
    if free + 1e-9 < request.hours_needed:
        return [Reason("capacity", gettext_noop(
            "Heeft maar %(free)s van %(hours)s uur per week vrij"), params)]
    return [Reason("capacity", gettext_noop("Heeft %(free)s van %(hours)s uur per week vrij"), params)]


def _fairness_reasons(c, i):
    days = int(c.days_waiting_first[i])
    if days >= 30:
        return [Reason("fairness", gettext_noop("Wacht al %(days)s dagen op een eerste koppeling"),
                       {"days": days})]
    return [Reason("fairness", gettext_noop("Wacht niet lang op een eerste koppeling"))]


def _number(value: float):
    return int(value) if float(value).is_integer() else round(value, 1)
