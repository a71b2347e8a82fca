"""Reads of the core app."""

from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent, Invitation, Membership, Organisation, User


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("role", "user__first_name", "user__email")
    )


def invitation_open_list(*, organisation: Organisation) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        organisation=organisation, accepted_at=None, revoked_at=None
    ).select_related("invited_by")


def audit_event_list(*, organisation: Organisation) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(organisation=organisation).select_related("actor")


# How the audit viewer names the kinds of data and links to the person (URL names, not
# imports: core sits below the apps that define these models).
AUDIT_SUBJECTS = {
    "volunteer": (_("vrijwilliger"), "volunteers:detail"),
    "caregiver": (_("mantelzorger"), "caregivers:caregiver_detail"),
    "carerecipient": (_("zorgvrager"), "caregivers:recipient_detail"),
    "helprequest": (_("hulpvraag"), "caregivers:request_detail"),
}


def audit_subject_label(subject_type: str) -> str:
    known = AUDIT_SUBJECTS.get(subject_type)
    return str(known[0]) if known else subject_type


def audit_subject_url(subject_type: str, subject_id) -> str:
    known = AUDIT_SUBJECTS.get(subject_type)
    if known is None or subject_id is None:
        return ""
    try:
        return reverse(known[1], args=[subject_id])
    except NoReverseMatch:
        return ""


def audit_subject_types(*, organisation: Organisation) -> list[tuple[str, str]]:
    types = (AuditEvent.objects.filter(organisation=organisation)
             .order_by().values_list("subject_type", flat=True).distinct())
    return sorted((t, audit_subject_label(t)) for t in types)


def audit_actors(*, organisation: Organisation) -> list[tuple[int, str]]:
    """Everyone who appears in the organisation's trail (also people who left since)."""
    ids = (AuditEvent.objects.filter(organisation=organisation, actor__isnull=False)
           .order_by().values_list("actor_id", flat=True).distinct())
    users = User.objects.filter(pk__in=ids).order_by("first_name", "last_name", "email")
    return [(user.pk, user.get_full_name() or user.email) for user in users]


def audit_event_search(*, organisation: Organisation, subject_type: str = "",
                       subject_id: int | None = None, actor_id: int | None = None,
                       since: date | None = None, until: date | None = None
                       ) -> QuerySet[AuditEvent]:
    """The organisation's trail, newest first, filtered. Dates are whole local days."""
    events = audit_event_list(organisation=organisation)
    if subject_type:
        events = events.filter(subject_type=subject_type)
    if subject_id is not None:
        events = events.filter(subject_id=subject_id)
    if actor_id is not None:
        events = events.filter(actor_id=actor_id)
    zone = timezone.get_current_timezone()
    if since is not None:
        events = events.filter(at__gte=datetime.combine(since, time.min, tzinfo=zone))
    if until is not None:
        events = events.filter(at__lt=datetime.combine(until + timedelta(days=1), time.min,
                                                       tzinfo=zone))
    return events.order_by("-at", "-pk")
