"""The scoring, criterion by criterion, in the situations matchmakers describe (pure code:
no database)."""

from pathlib import Path

import pytest

from core import vocabulary
from matchmaking.scoring import CRITERIA, DEFAULT_WEIGHTS, Weights
from matchmaking.scoring.codes import ACTIVITIES, LEVELS, MOTIVATIONS

from .scoring_helpers import excluded, ranked_emails, ranking, request, suggestion, volunteer

AMERSFOORT = (52.1561, 5.3878)   # about 19 km from Utrecht
ZEIST = (52.0894, 5.2333)        # about 7.6 km


def test_the_scoring_codes_are_the_vocabulary_codes_in_bit_order():
    assert tuple(vocabulary.Motivation.values) == MOTIVATIONS
    assert tuple(vocabulary.Activity.values) == ACTIVITIES
    assert tuple(vocabulary.Level.values) == LEVELS


# --- language -----------------------------------------------------------------------------

def test_a_turkish_speaker_comes_first_for_a_turkish_recipient_with_little_dutch():
    req = request(languages={"tr": "native", "nl": "A2"})
    ayse = volunteer("ayse@example.nl", languages={"tr": "native", "nl": "C1"})
    jan = volunteer("jan@example.nl", languages={"nl": "native"})
    assert ranked_emails(req, [jan, ayse]) == ["ayse@example.nl", "jan@example.nl"]
    first, second = ranking(req, [ayse, jan]).top()
    assert first.breakdown["language"] == 1.0
    assert second.breakdown["language"] < 0.5       # Dutch at A2 works, but barely
    assert [r.params for r in first.reasons if r.criterion == "language"] == [
        {"language": "tr", "level": "native", "family_level": "native"}]


def test_turkish_at_a_low_level_counts_less_than_turkish_spoken_well():
    req = request(languages={"tr": "native", "nl": "A2"})
    fluent = volunteer("fluent@example.nl", languages={"tr": "C1", "nl": "native"})
    beginner = volunteer("beginner@example.nl", languages={"tr": "A2", "nl": "native"})
    scores = {s.email: s.breakdown["language"] for s in ranking(req, [fluent, beginner]).top()}
    assert scores["fluent@example.nl"] > scores["beginner@example.nl"]


def test_no_language_both_sides_speak_at_a2_excludes_the_volunteer():
    req = request(languages={"ti": "native", "nl": "A1"})
    dutch = volunteer("dutch@example.nl", languages={"nl": "native"})
    tigrinya = volunteer("tigrinya@example.nl", languages={"ti": "B1"})
    beginner = volunteer("beginner@example.nl", languages={"ti": "A1", "nl": "native"})
    assert excluded(req, [dutch, tigrinya, beginner]) == {
        "dutch@example.nl": "no_shared_language", "beginner@example.nl": "no_shared_language"}
    assert ranked_emails(req, [dutch, tigrinya, beginner]) == ["tigrinya@example.nl"]


# --- culture ------------------------------------------------------------------------------

def test_a_same_background_wish_puts_the_volunteer_of_that_background_first():
    req = request(culture_preference="same_background", background=" Turks ")
    same = volunteer("zeynep@example.nl", background="turks")
    trained = volunteer("anne@example.nl", background="Nederlands", intercultural_training=True)
    other = volunteer("kees@example.nl", background="Nederlands")
    unstated = volunteer("piet@example.nl")
    r = ranking(req, [other, unstated, trained, same])
    culture = {s.email: s.breakdown["culture"] for s in r.top()}
    assert r.top()[0].email == "zeynep@example.nl"
    assert culture["zeynep@example.nl"] > culture["anne@example.nl"] > culture["kees@example.nl"]
    # An unstated background is never guessed: it counts as "not the same".
    assert culture["piet@example.nl"] == culture["kees@example.nl"]


def test_an_open_wish_means_background_never_moves_the_ranking():
    req = request(culture_preference="open")
    people = [volunteer("a@example.nl", background="Turks", location=ZEIST),
              volunteer("b@example.nl", background="Marokkaans", intercultural_training=True),
              volunteer("c@example.nl", slots=["tue:afternoon"])]
    stripped = [volunteer(p.email, background="", intercultural_training=False, id=p.id,
                          slots=p.slots, location=(p.latitude, p.longitude)) for p in people]
    with_background = ranking(req, people).top()
    without = ranking(req, stripped).top()
    assert [(s.email, s.score) for s in with_background] == [(s.email, s.score) for s in without]
    assert len({s.breakdown["culture"] for s in with_background}) == 1


def test_a_same_background_wish_without_a_stated_background_treats_everyone_alike():
    req = request(culture_preference="same_background", background="")
    r = ranking(req, [volunteer("a@example.nl", background="Turks"),
                      volunteer("b@example.nl", intercultural_training=True)])
    assert len({s.breakdown["culture"] for s in r.top()}) == 1


# --- gender, distance, schedule, availability -------------------------------------------

def test_a_wish_for_a_woman_excludes_men_and_volunteers_who_did_not_say():
    req = request(gender_preference="female")
    people = [volunteer("fatima@example.nl", gender="female"),
              volunteer("mohamed@example.nl", gender="male"),
              volunteer("sam@example.nl", gender="")]
    assert excluded(req, people) == {"mohamed@example.nl": "gender_preference",
                                     "sam@example.nl": "gender_preference"}
    assert ranked_emails(req, people) == ["fatima@example.nl"]


def test_a_volunteer_beyond_their_own_maximum_distance_is_excluded():
    req = request()
    far = volunteer("far@example.nl", location=AMERSFOORT, max_distance_km=10)
    willing = volunteer("willing@example.nl", location=AMERSFOORT, max_distance_km=25)
    unknown = volunteer("unknown@example.nl", location=None, max_distance_km=1)
    assert excluded(req, [far, willing, unknown]) == {"far@example.nl": "too_far"}
    nearby = volunteer("near@example.nl")
    scores = {s.email: s.breakdown["distance"] for s in ranking(req, [willing, nearby, unknown]).top()}
    assert scores["near@example.nl"] > scores["willing@example.nl"]
    assert scores["unknown@example.nl"] == 0.5       # unknown: neither good nor bad


def test_a_schedule_with_no_overlap_excludes_and_partial_overlap_scores_lower():
    req = request(slots=["tue:afternoon", "thu:afternoon"])
    mornings = volunteer("mornings@example.nl", slots=["mon:morning", "tue:morning"])
    tuesday = volunteer("tuesday@example.nl", slots=["tue:afternoon"])
    both = volunteer("both@example.nl", slots=["tue:afternoon", "thu:afternoon"])
    assert excluded(req, [mornings, tuesday, both]) == {"mornings@example.nl": "no_slot_overlap"}
    scores = {s.email: s.breakdown["availability"] for s in ranking(req, [tuesday, both]).top()}
    assert scores["both@example.nl"] > scores["tuesday@example.nl"]
    reasons = [r.params for r in suggestion(req, [tuesday], "tuesday@example.nl").reasons
               if r.criterion == "availability"]
    assert reasons == [{"slots": ["tue:afternoon"], "covered": 1, "requested": 2}]


def test_a_volunteer_who_wants_a_one_off_job_fits_a_long_buddy_request_less():
    req = request(commitment="long")
    long_term = volunteer("long@example.nl", commitment="long")
    one_off = volunteer("once@example.nl", commitment="one_off")
    scores = {s.email: s.breakdown["availability"] for s in ranking(req, [long_term, one_off]).top()}
    assert scores["long@example.nl"] > scores["once@example.nl"]


def test_a_paused_or_not_yet_active_volunteer_is_not_available():
    req = request()
    assert excluded(req, [volunteer("paused@example.nl", available=False)]) == {
        "paused@example.nl": "not_available"}


def test_a_volunteer_rejected_for_this_request_is_never_ranked_again():
    rejected = volunteer("rejected@example.nl")
    req = request(excluded_volunteers=frozenset({rejected.id}))
    assert excluded(req, [rejected, volunteer("other@example.nl")]) == {
        "rejected@example.nl": "rejected_before"}


def test_a_volunteer_whose_hours_are_taken_has_no_capacity_left():
    req = request(frequency="weekly")            # a weekly visit takes about two hours
    full = volunteer("full@example.nl", hours_per_week=4, hours_committed=4)
    room = volunteer("room@example.nl", hours_per_week=6, hours_committed=2)
    first = volunteer("first@example.nl", hours_per_week=1, hours_committed=0)
    assert excluded(req, [full, room, first]) == {"full@example.nl": "no_capacity"}
    scores = {s.email: s.breakdown["capacity"] for s in ranking(req, [room, first]).top()}
    assert scores["first@example.nl"] == 1.0 and scores["room@example.nl"] == pytest.approx(2 / 3, abs=1e-3)


def test_the_first_failed_rule_is_the_reason_given():
    req = request(gender_preference="female", languages={"ar": "native"})
    person = volunteer("p@example.nl", gender="male", languages={"nl": "native"},
                       slots=["mon:morning"], available=False)
    assert excluded(req, [person]) == {"p@example.nl": "not_available"}


# --- motivation and activities ------------------------------------------------------------

def test_practising_dutch_fits_a_dutch_speaking_companion_request():
    practise = volunteer("amal@example.nl", motivations=["practice_dutch"], newcomer=True,
                         languages={"nl": "B1", "ar": "native"})
    companion = request(activities=["companionship"], languages={"nl": "native"})
    paperwork = request(activities=["administration"], languages={"nl": "native"})
    arabic_family = request(activities=["companionship"], languages={"ar": "native", "nl": "A1"})
    fit = {name: suggestion(req, [practise], "amal@example.nl").breakdown["motivation"]
           for name, req in [("companion", companion), ("paperwork", paperwork),
                             ("arabic", arabic_family)]}
    assert fit["companion"] == 1.0
    assert fit["companion"] > fit["paperwork"] > fit["arabic"]


def test_a_newcomer_practising_dutch_ranks_higher_for_a_dutch_speaking_companion_request():
    companion = request(activities=["companionship"], languages={"nl": "native"})
    on_track = volunteer("amal@example.nl", motivations=["practice_dutch"], newcomer=True,
                         languages={"nl": "A2", "ar": "native"})
    # The same profile off the track, with the e-mail that would win a tie.
    off_track = volunteer("aaron@example.nl", motivations=["practice_dutch"],
                          languages={"nl": "A2", "ar": "native"})
    assert ranked_emails(companion, [off_track, on_track]) == ["amal@example.nl", "aaron@example.nl"]
    on, off = (suggestion(companion, [person], person.email) for person in (on_track, off_track))
    assert on.breakdown["motivation"] == 1.0 and off.breakdown["motivation"] == 0.8
    assert on.score > off.score
    why = [r for r in on.reasons if r.criterion == "motivation"][0]
    assert "Nieuwkomer die Nederlands wil oefenen" in why.text
    assert "het gezin spreekt Nederlands" in why.text
    assert why.params["activity"] == "companionship"


def test_a_newcomer_practising_dutch_still_needs_a_family_that_speaks_dutch():
    arabic_family = request(activities=["companionship"], languages={"ar": "native", "nl": "A1"})
    on_track = volunteer("amal@example.nl", motivations=["practice_dutch"], newcomer=True,
                         languages={"nl": "A2", "ar": "native"})
    found = suggestion(arabic_family, [on_track], "amal@example.nl")
    assert found.breakdown["motivation"] == 0.1
    assert [r.text for r in found.reasons if r.criterion == "motivation"] == [
        "Wil Nederlands oefenen, maar het gezin spreekt weinig Nederlands"]


@pytest.mark.parametrize("activity", ["administration", "odd_jobs", "groceries", "transport"])
def test_work_experience_of_a_newcomer_fits_concrete_tasks(activity):
    task = request(activities=[activity], commitment="short")
    on_track = volunteer("yusuf@example.nl", motivations=["work_experience"], newcomer=True)
    off_track = volunteer("bram@example.nl", motivations=["work_experience"])
    on = suggestion(task, [on_track], "yusuf@example.nl")
    assert on.breakdown["motivation"] == 1.0
    assert suggestion(task, [off_track], "bram@example.nl").breakdown["motivation"] < 1.0
    assert ranked_emails(task, [off_track, on_track])[0] == "yusuf@example.nl"
    why = [r for r in on.reasons if r.criterion == "motivation"][0]
    assert why.text.startswith("Nieuwkomer die werkervaring wil opdoen")
    assert why.params["activity"] == activity


def test_work_experience_fits_a_newcomer_less_for_a_long_companion_role_than_for_tasks():
    on_track = volunteer("yusuf@example.nl", motivations=["work_experience"], newcomer=True)
    companion = request(activities=["companionship"], commitment="long")
    paperwork = request(activities=["administration"], commitment="long")
    assert (suggestion(companion, [on_track], "yusuf@example.nl").breakdown["motivation"]
            < suggestion(paperwork, [on_track], "yusuf@example.nl").breakdown["motivation"])


def test_other_motivations_do_not_change_on_the_newcomer_track():
    req = request(activities=["administration"])
    plain = volunteer("a@example.nl", motivations=["use_skills"])
    track = volunteer("b@example.nl", motivations=["use_skills"], newcomer=True)
    assert (suggestion(req, [plain], "a@example.nl").breakdown
            == suggestion(req, [track], "b@example.nl").breakdown)


def test_using_skills_fits_administration_and_social_contact_fits_long_companionship():
    skills = volunteer("henk@example.nl", motivations=["use_skills"])
    social = volunteer("els@example.nl", motivations=["social_contact"])
    paperwork = request(activities=["administration"])
    buddy = request(activities=["companionship"], commitment="long")
    assert ranked_emails(paperwork, [social, skills])[0] == "henk@example.nl"
    assert ranked_emails(buddy, [skills, social])[0] == "els@example.nl"
    reasons = [r for r in suggestion(buddy, [social], "els@example.nl").reasons
               if r.criterion == "motivation"]
    assert reasons[0].params == {"motivation": "social_contact", "activity": "companionship"}


def test_activities_and_shared_interests_count():
    req = request(activities=["walking"], interests=("wandelen",))
    walker = volunteer("walker@example.nl", activities=["walking"], interests=["Wandelen"])
    cook = volunteer("cook@example.nl", activities=["meals"], interests=["koken"])
    assert ranked_emails(req, [cook, walker]) == ["walker@example.nl", "cook@example.nl"]
    assert suggestion(req, [walker], "walker@example.nl").breakdown["activity"] == 1.0


# --- the whole -----------------------------------------------------------------------------

def test_every_score_lies_in_zero_to_one_and_every_criterion_is_explained():
    req = request(languages={"tr": "native", "nl": "A2"}, culture_preference="same_background",
                  background="Turks", days_waiting=40)
    people = [volunteer("a@example.nl", languages={"tr": "native"}, background="Turks",
                        days_waiting_first=200),
              volunteer("b@example.nl", languages={"nl": "C2"}, location=ZEIST, hours_per_week=None)]
    for s in ranking(req, people).top():
        assert 0 <= s.score <= 1
        assert set(s.breakdown) == set(CRITERIA)
        assert all(0 <= v <= 1 for v in s.breakdown.values())
        assert {r.criterion for r in s.reasons} == set(CRITERIA)


def test_ties_are_broken_by_email_whatever_the_input_order():
    req = request()
    people = [volunteer(f"{name}@example.nl") for name in ("zoe", "anna", "mila")]
    assert ranked_emails(req, people) == ["anna@example.nl", "mila@example.nl", "zoe@example.nl"]
    assert ranked_emails(req, people[::-1]) == ["anna@example.nl", "mila@example.nl", "zoe@example.nl"]


def test_weights_change_the_ranking():
    req = request(languages={"tr": "native", "nl": "B1"})
    speaker_far = volunteer("speaker@example.nl", languages={"tr": "native"}, location=ZEIST,
                            max_distance_km=15)
    neighbour = volunteer("neighbour@example.nl", languages={"nl": "native"})
    assert ranked_emails(req, [speaker_far, neighbour])[0] == "speaker@example.nl"
    distance_first = Weights(**{**DEFAULT_WEIGHTS.as_dict(), "language": 0, "distance": 60})
    assert ranked_emails(req, [speaker_far, neighbour], distance_first)[0] == "neighbour@example.nl"


def test_weights_must_not_all_be_zero():
    with pytest.raises(ValueError):
        Weights(**dict.fromkeys(CRITERIA, 0)).normalised()


def test_the_scoring_runs_without_django():
    import subprocess
    import sys

    code = ("import sys; import matchmaking.scoring, matchmaking.scoring.pairing, "
            "matchmaking.scoring.records; "
            "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'")
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60, cwd=root,
                   env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)})
