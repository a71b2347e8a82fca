"""Retention (AVG): after uitstroom, a volunteer's personal data is anonymised once the
organisation's retention period has passed, unless they chose to stay in touch as alumni.

The row stays (without anything that identifies the person), so statistics keep counting
them. Safe to run twice: a volunteer is claimed by setting `anonymised_at` conditionally.

This module holds its own anonymisation (`volunteer_anonymise`); the volunteers app's erase
service may replace it once both have landed.
"""

import logging
from datetime import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from core.models import AuditEvent, Organisation, User
from core.services import audit_record
from volunteers.models import Volunteer, VolunteerLanguage

from .models import Certificate, Journey, JourneySettings, JourneyStep, TimelineEvent

log = logging.getLogger(__name__)

DEFAULT_RETENTION_MONTHS = 24
ANONYMISED_FIELDS = ["first_name", "last_name", "phone", "postcode", "latitude", "longitude",
                     "birth_year", "background", "interests", "languages", "user",
                     "journey_notes", "certificate"]


def months_before(moment: datetime, months: int) -> datetime:
    """The same wall-clock moment `months` earlier (the 31st becomes the month's last day)."""
    local = timezone.localtime(moment)
    index = local.year * 12 + (local.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    for day in range(local.day, 27, -1):
        try:
            return local.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return local.replace(year=year, month=month, day=min(local.day, 28))


def journey_forget_texts(*, volunteer_id: int) -> None:
    """Free text written about a person may name them or their situation: notes, exit
    feedback and the certificate go when the person is anonymised or erased."""
    TimelineEvent.objects.filter(volunteer_id=volunteer_id).exclude(note="", data={}) \
        .update(note="", data={})
    JourneyStep.objects.filter(journey__volunteer_id=volunteer_id).exclude(note="").update(note="")
    Journey.objects.filter(volunteer_id=volunteer_id).exclude(
        exit_feedback="", next_step_note="").update(exit_feedback="", next_step_note="")
    Certificate.objects.filter(journey__volunteer_id=volunteer_id).delete()


@transaction.atomic
def volunteer_anonymise(*, volunteer: Volunteer, now=None, actor=None) -> bool:
    """Remove everything that identifies the volunteer; keep the row for statistics.
    Returns False when someone else (or an earlier run) already did it."""
    now = now or timezone.now()
    user_id = Volunteer.objects.filter(pk=volunteer.pk).values_list("user_id", flat=True).first()
    claimed = Volunteer.objects.filter(pk=volunteer.pk, anonymised_at=None).update(
        anonymised_at=now, first_name="", last_name="", phone="", postcode="",
        latitude=None, longitude=None, birth_year=None, background="",
        background_consent_at=None, interests=[], user=None, updated_at=now,
    )
    if claimed != 1:
        return False
    VolunteerLanguage.objects.filter(volunteer_id=volunteer.pk).delete()
    journey_forget_texts(volunteer_id=volunteer.pk)
    if user_id is not None:
        User.objects.filter(pk=user_id).delete()
    latest = Journey.objects.filter(volunteer_id=volunteer.pk).order_by("-number").first()
    if latest is not None:
        TimelineEvent.objects.create(organisation_id=latest.organisation_id,
                                     volunteer_id=volunteer.pk, journey=latest,
                                     kind=TimelineEvent.Kind.ANONYMISED, at=now)
    audit_record(actor=actor, organisation=volunteer.organisation, action=AuditEvent.Action.ERASE,
                 subject_type="volunteer", subject_id=volunteer.pk, fields=ANONYMISED_FIELDS,
                 now=now)
    return True


def retention_due(*, organisation: Organisation, months: int, now) -> list[int]:
    """Ids of the organisation's volunteers whose retention period after uitstroom is over."""
    cutoff = months_before(now, months)
    later = Journey.objects.filter(volunteer=OuterRef("volunteer"), number__gt=OuterRef("number"))
    return list(
        Journey.objects.filter(
            organisation=organisation, exit_started_at__lte=cutoff, keep_in_touch=False,
            volunteer__anonymised_at=None, volunteer__status=Volunteer.Status.ALUMNI,
        ).filter(~Exists(later)).order_by("volunteer_id").values_list("volunteer_id", flat=True)
    )


def retention_apply(*, now=None) -> dict[str, int]:
    """Anonymise every volunteer past their organisation's retention period. Logs counts
    and ids, never names."""
    now = now or timezone.now()
    months_by_org = dict(JourneySettings.objects.values_list("organisation_id",
                                                              "retention_months"))
    total = {"anonymised": 0, "organisations": 0}
    for organisation in Organisation.objects.order_by("pk"):
        months = months_by_org.get(organisation.pk, DEFAULT_RETENTION_MONTHS)
        done = []
        for volunteer in Volunteer.objects.filter(
                pk__in=retention_due(organisation=organisation, months=months, now=now)):
            if volunteer_anonymise(volunteer=volunteer, now=now):
                done.append(volunteer.pk)
        if done:
            total["organisations"] += 1
            total["anonymised"] += len(done)
            log.info("retention: organisation %s (%s months): anonymised %s volunteers, ids %s",
                     organisation.pk, months, len(done), done)
    log.info("retention at %s: anonymised %s volunteers in %s organisations",
             now.isoformat(), total["anonymised"], total["organisations"])
    return total
