"""The matching service reads the newcomer track from the database (issue 10): for a
volunteer on the track, practising Dutch and work experience are real motivations."""

import pytest

from matchmaking import selectors
from volunteers.models import NewcomerProfile

pytestmark = pytest.mark.django_db


def test_the_track_lifts_a_newcomer_who_wants_to_practise_dutch(volunteer, help_request):
    request = help_request(activities=["companionship"], languages={"nl": "native"})
    common = dict(languages={"nl": "A2", "ar": "native"}, motivations=["practice_dutch"],
                  activities=["companionship"])
    volunteer("aaron@example.nl", **common)
    amal = volunteer("amal@example.nl", **common)
    NewcomerProfile.objects.create(volunteer=amal, route="b1")

    for prefilter in (True, False):
        top = selectors.request_ranking(request=request, prefilter=prefilter).top()
        assert [s.email for s in top] == ["amal@example.nl", "aaron@example.nl"]
        assert [s.breakdown["motivation"] for s in top] == [1.0, 0.8]
        why = [r.text for r in top[0].reasons if r.criterion == "motivation"]
        assert why[0].startswith("Nieuwkomer die Nederlands wil oefenen")


def test_the_pool_for_global_pairing_knows_the_newcomers(volunteer, org_a):
    yusuf = volunteer("yusuf@example.nl", motivations=["work_experience"])
    volunteer("bram@example.nl", motivations=["work_experience"])
    volunteer("els@example.nl", motivations=["help_others"])
    NewcomerProfile.objects.create(volunteer=yusuf)
    facts = selectors.match_facts(organisation_id=org_a.pk)
    pool = selectors.candidate_pool(organisation=org_a, facts=facts)
    on_track = {str(email) for email, newcomer in zip(pool.emails, pool.newcomer, strict=True)
                if newcomer}
    assert on_track == {"yusuf@example.nl"}
