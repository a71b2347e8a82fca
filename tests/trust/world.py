"""One small world with something of every kind in organisation A (and a little in B), for
tests that walk over every URL: the permission matrix, the bad-input sweep."""

from dataclasses import dataclass, field

from django.utils import timezone

from caregivers.models import Partner, PendingImport
from checkins.models import CheckIn
from checkins.services import answer_token
from core.models import Invitation, Membership
from journey.models import Journey
from journey.services import certificate_save
from matchmaking.links import caregiver_token
from matchmaking.models import Match, Task
from volunteers.models import VolunteerImport

from ..factories import HelpRequestFactory


@dataclass
class World:
    objects: dict = field(default_factory=dict)

    def __getitem__(self, key):
        return self.objects[key]


def build_world(*, org_a, org_b, admin_a, coordinator_a, matchmaker_a, coordinator_b,
                volunteer_a, volunteer_a2, volunteer_b) -> World:
    now = timezone.now()
    request = HelpRequestFactory(organisation=org_a, reference="WERELD-A")
    partner = Partner.objects.create(organisation=org_a, name="Partner Alfa",
                                     activities=["companionship"])
    journey = Journey.objects.filter(volunteer=volunteer_a).order_by("-number").first()
    step = journey.steps.filter(completed_at=None).first()
    certificate = certificate_save(journey=journey, role_title="maatje", tasks=["wandelen"],
                                   competences=[], signer=coordinator_a,
                                   signer_role="coördinator", now=now)
    invitation = Invitation.objects.create(organisation=org_a, email="nog-niet@a.example",
                                           role="coordinator", token_hash="x" * 64,
                                           expires_at=now + timezone.timedelta(days=3))
    # Volunteer A helps the family of WERELD-A (met them first); A2 said yes to WERELD-B,
    # whose caregiver has a link to answer.
    match = Match.objects.create(organisation=org_a, request=request, volunteer=volunteer_a,
                                 status=Match.Status.ACTIVE, score=0.8, active_at=now,
                                 proposed_by=matchmaker_a,
                                 introduction_at=now - timezone.timedelta(days=2),
                                 introduction_place="Thuis bij de zorgvrager")
    asked = Match.objects.create(organisation=org_a, volunteer=volunteer_a2, score=0.7,
                                 request=HelpRequestFactory(organisation=org_a,
                                                            reference="WERELD-B"),
                                 status="volunteer_accepted", caregiver_asked_at=now)
    task = Task.objects.create(organisation=org_a, kind="other", title="Bel even", match=match)
    checkin = CheckIn.objects.create(organisation=org_a, match=match, party="volunteer",
                                     moment="d14", due_at=now, status="sent", sent_at=now)
    return World(objects={
        "match": match, "checkin": checkin, "checkin_token": answer_token(checkin),
        "task": task, "caregiver_token": caregiver_token(asked, now=now),
        "request": request, "caregiver": request.caregiver, "recipient": request.recipient,
        "partner": partner, "journey": journey, "step": step, "certificate": certificate,
        "invitation": invitation,
        "membership_coordinator": Membership.objects.get(user=coordinator_a),
        "volunteer": volunteer_a, "volunteer2": volunteer_a2, "volunteer_b": volunteer_b,
        "volunteer_import": VolunteerImport.objects.create(
            organisation=org_a, uploaded_by=coordinator_a, filename="v.csv",
            data=b"email,first_name,postcode,languages,availability\n"),
        "request_import": PendingImport.objects.create(
            organisation=org_a, uploaded_by=coordinator_a, filename="r.csv",
            data=b"reference\n"),
    })
