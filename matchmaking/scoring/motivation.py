"""How a volunteer's motivations fit a request: the table the motivation score reads.

Seed 002 calls fitting the motivation "a critical success factor"; seed 003 lists the
motivations in the volunteers' own words. Each motivation fits some kinds of help well
(1.0), some reasonably (0.7) and the rest at a base value; some motivations also suit only
some commitments (a volunteer who wants variety is a poor fit for a year-long buddy role).
The README repeats this table; change both together.

motivation       fits well (1.0)                        fits (0.7)                  other  commitment
help_others      every kind of help (0.8)                                            0.8    any
social_contact   companionship outings walking meals    groceries language_buddy    0.4    long
                 respite
useful           groceries odd_jobs transport           meals respite digital_help  0.5    any
                 administration
use_skills       administration odd_jobs digital_help   language_buddy transport    0.4    any
                 homework interpreting
learn            digital_help language_buddy            respite administration      0.5    short long
                 interpreting homework                  companionship
work_experience  administration respite transport       groceries odd_jobs          0.4    short long
                 digital_help homework
practice_dutch   language_buddy companionship outings   walking groceries           0.3    short long
                 meals
belonging        companionship meals outings walking    respite groceries           0.5    long
variety          outings odd_jobs transport             groceries walking           0.5    one_off short
                                                        digital_help
civic_duty       every kind of help (0.8)                                            0.8    any

- `practice_dutch` only fits when the family speaks Dutch at A2 or better (a Dutch-speaking
  companion request); otherwise it scores 0.1, whatever the activity.
- A motivation whose suited commitments do not include the request's commitment counts
  for 70% (when the request states a commitment).
- A request with several activities: the mean of the motivation's fit over them.
- A volunteer with several motivations: the best-fitting one counts (the one to talk about).
- A volunteer who stated no motivation gets 0.5 (neutral: unknown, not bad).

Newcomers (the newcomer track, seed 004): for a volunteer on the track, `practice_dutch` and
`work_experience` are what the placement is for (their integration plan), so they read
their own, wider rows below; for anyone else these two count for 80% of the table above
(a wish beside the placement, not its purpose).

newcomer         fits well (1.0)                        fits (0.7)                  other  commitment
practice_dutch   language_buddy companionship outings   groceries odd_jobs respite  0.4    short long
                 meals walking                          transport digital_help
work_experience  administration odd_jobs groceries      respite homework outings    0.4    short long
                 transport digital_help meals           walking
"""

from .codes import ACTIVITIES, MOTIVATIONS

STRONG, GOOD = 1.0, 0.7
COMMITMENT_MISMATCH = 0.7
PRACTICE_DUTCH_WITHOUT_DUTCH = 0.1
NO_MOTIVATION = 0.5
# practice_dutch and work_experience of a volunteer who is not on the newcomer track.
SIDE_MOTIVATION = 0.8
NEWCOMER_MOTIVATIONS = ("practice_dutch", "work_experience")

# motivation: (fits well, fits, base for the other activities, suited commitments or None)
MOTIVATION_FIT = {
    "help_others": ((), (), 0.8, None),
    "social_contact": (("companionship", "outings", "walking", "meals", "respite"),
                       ("groceries", "language_buddy"), 0.4, ("long",)),
    "useful": (("groceries", "odd_jobs", "transport", "administration"),
               ("meals", "respite", "digital_help"), 0.5, None),
    "use_skills": (("administration", "odd_jobs", "digital_help", "homework", "interpreting"),
                   ("language_buddy", "transport"), 0.4, None),
    "learn": (("digital_help", "language_buddy", "interpreting", "homework"),
              ("respite", "administration", "companionship"), 0.5, ("short", "long")),
    "work_experience": (("administration", "respite", "transport", "digital_help", "homework"),
                        ("groceries", "odd_jobs"), 0.4, ("short", "long")),
    "practice_dutch": (("language_buddy", "companionship", "outings", "meals"),
                       ("walking", "groceries"), 0.3, ("short", "long")),
    "belonging": (("companionship", "meals", "outings", "walking"),
                  ("respite", "groceries"), 0.5, ("long",)),
    "variety": (("outings", "odd_jobs", "transport"),
                ("groceries", "walking", "digital_help"), 0.5, ("one_off", "short")),
    "civic_duty": ((), (), 0.8, None),
}
# The same motivations for a newcomer: practising Dutch fits every Dutch-speaking request
# where people talk while they do something; work experience fits concrete tasks (seed 004:
# "schets een werkdag").
NEWCOMER_FIT = {
    "practice_dutch": (("language_buddy", "companionship", "outings", "meals", "walking"),
                       ("groceries", "odd_jobs", "respite", "transport", "digital_help"),
                       0.4, ("short", "long")),
    "work_experience": (("administration", "odd_jobs", "groceries", "transport",
                         "digital_help", "meals"),
                        ("respite", "homework", "outings", "walking"), 0.4, ("short", "long")),
}
assert set(MOTIVATION_FIT) == set(MOTIVATIONS) and set(NEWCOMER_FIT) == set(NEWCOMER_MOTIVATIONS)
assert all(set(strong + good) <= set(ACTIVITIES)
           for table in (MOTIVATION_FIT, NEWCOMER_FIT) for strong, good, _b, _c in table.values())


def _row(motivation: str, newcomer: bool):
    if motivation in NEWCOMER_FIT and newcomer:
        return NEWCOMER_FIT[motivation]
    return MOTIVATION_FIT[motivation]


def activity_fit(motivation: str, activity: str, newcomer: bool = False) -> float:
    strong, good, base, _commitments = _row(motivation, newcomer)
    if activity in strong:
        return STRONG
    if activity in good:
        return GOOD
    return base


def motivation_fits(*, activities: list[str], commitment: str, speaks_dutch: bool,
                    newcomer: bool = False) -> tuple[list[float], list[str]]:
    """For one request: the fit of every motivation (in MOTIVATIONS order) and, per
    motivation, the requested activity it fits best (for the sentence that explains it),
    for a volunteer on the newcomer track or not."""
    fits, best_activity = [], []
    for motivation in MOTIVATIONS:
        _strong, _good, base, commitments = _row(motivation, newcomer)
        if activities:
            per_activity = [activity_fit(motivation, a, newcomer) for a in activities]
            fit = sum(per_activity) / len(per_activity)
            best_activity.append(activities[max(range(len(activities)),
                                                key=per_activity.__getitem__)])
        else:
            fit = base
            best_activity.append("")
        if commitments is not None and commitment and commitment not in commitments:
            fit *= COMMITMENT_MISMATCH
        if motivation == "practice_dutch" and not speaks_dutch:
            fit = PRACTICE_DUTCH_WITHOUT_DUTCH
        elif motivation in NEWCOMER_MOTIVATIONS and not newcomer:
            fit *= SIDE_MOTIVATION
        fits.append(fit)
    return fits, best_activity
