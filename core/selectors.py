"""Reads of the core app."""

from django.db.models import QuerySet

from .models import AuditEvent, Invitation, Membership, Organisation


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
