"""The caregivers' part of the demo: lively, consistent with the lifecycle, idempotent."""

import pytest

from caregivers import demo
from caregivers.models import Caregiver, HelpRequest, HelpRequestTransition, Partner, Referral
from core import demo as core_demo


def counts():
    return (HelpRequest.objects.count(), Caregiver.objects.count(), Partner.objects.count(),
            Referral.objects.count(), HelpRequestTransition.objects.count())


@pytest.mark.django_db
def test_demo_requests_follow_the_lifecycle_and_a_second_run_adds_nothing():
    organisation = core_demo.seed(log=lambda message: None)
    demo.seed(organisation=organisation, log=lambda message: None)
    first = counts()
    assert first[:4] == (60, 60, 6, 2)
    statuses = set(HelpRequest.objects.values_list("status", flat=True))
    assert {"new", "intake_done", "matching", "referred"} <= statuses
    for request in HelpRequest.objects.prefetch_related("transitions"):
        steps = list(request.transitions.all())
        assert steps[0].from_status == "" and steps[-1].to_status == request.status
        assert all(a.to_status == b.from_status for a, b in zip(steps, steps[1:], strict=False))
        assert request.status_changed_at == steps[-1].at
    assert Caregiver.objects.filter(languages__isnull=False).distinct().count() == 60
    assert all(r.partner.activities for r in Referral.objects.select_related("partner"))

    demo.seed(organisation=organisation, log=lambda message: None)
    assert counts() == first
