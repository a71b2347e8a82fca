"""Retention (AVG): after uitstroom, a volunteer's personal data is anonymised once the
organisation's retention period has passed, unless they chose to stay in touch as alumni.

The row stays (without anything that identifies the person), so statistics keep counting
them. Safe to run twice: a volunteer is claimed by setting `anonymised_at` conditionally.

The anonymisation is the volunteers app's erase service, so retention and a volunteer's own
"delete my account" leave exactly the same trace.
"""

import logging
from datetime import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from core.models import Organisation
from volunteers.models import Volunteer
from volunteers.services import volunteer_erase

from .models import Certificate, Journey, JourneySettings, JourneyStep, TimelineEvent

log = logging.getLogger(__name__)

DEFAULT_RETENTION_MONTHS = 24


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
    Returns False when someone else (or an earlier run) already did it.

    The erasing itself is the volunteers app's `volunteer_erase` (the same as a volunteer's
    own "delete my account"); the row lock makes parallel retention runs claim each person
    once. The journey's own free texts go through its post_save receiver."""
    now = now or timezone.now()
    locked = (Volunteer.objects.select_for_update()
              .filter(pk=volunteer.pk, anonymised_at=None).first())
    if locked is None:
        return False
    volunteer_erase(volunteer=locked, actor=actor, now=now)
    latest = Journey.objects.filter(volunteer_id=volunteer.pk).order_by("-number").first()
    if latest is not None:
        TimelineEvent.objects.create(organisation_id=latest.organisation_id,
                                     volunteer_id=volunteer.pk, journey=latest,
                                     kind=TimelineEvent.Kind.ANONYMISED, at=now)
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
