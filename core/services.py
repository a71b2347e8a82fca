"""Writes of the core app: organisations, staff invitations, memberships, the audit trail."""

import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .emails import send_templated_email
from .models import AuditEvent, Invitation, Membership, Organisation, Role, User, token_digest


class InvitationError(Exception):
    """An invitation that cannot be used; the message is shown to the person."""


def organisation_create(*, name: str, slug: str | None = None, **fields) -> Organisation:
    base = slugify(slug or name)[:50] or "organisatie"
    if slug and Organisation.objects.filter(slug=base).exists():
        raise ValueError(f"An organisation with slug {base!r} already exists")
    candidate, n = base, 2
    while Organisation.objects.filter(slug=candidate).exists():
        candidate, n = f"{base}-{n}", n + 1
    return Organisation.objects.create(name=name, slug=candidate, **fields)


ORGANISATION_SETTINGS = ("volunteer_word", "volunteer_word_own", "volunteer_word_own_plural",
                         "email", "phone")


def organisation_update_settings(*, organisation: Organisation, fields: dict) -> list[str]:
    """Change what an organisation admin may change; returns the names of changed fields.
    An own word is only kept while it is the chosen one, so a later switch back to a preset
    leaves nothing stale behind."""
    fields = {name: value for name, value in fields.items() if name in ORGANISATION_SETTINGS}
    if fields.get("volunteer_word", organisation.volunteer_word) != "own":
        fields.update(volunteer_word_own="", volunteer_word_own_plural="")
    changed = [name for name, value in fields.items() if getattr(organisation, name) != value]
    for name in changed:
        setattr(organisation, name, fields[name])
    if changed:
        organisation.save(update_fields=changed)
    return changed


def invitation_url(token: str) -> str:
    return settings.KOPPEL_BASE_URL.rstrip("/") + reverse("core:invitation_accept", args=[token])


def invitation_create(
    *, organisation: Organisation, email: str, role: str, invited_by: User | None = None,
    now=None, send: bool = True,
) -> tuple[Invitation, str]:
    """Invite a staff member. Earlier open invitations for the same address are revoked, so
    only the newest link works. Returns the invitation and the link (with the raw token)."""
    now = now or timezone.now()
    email = email.strip().lower()
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        Invitation.objects.filter(
            organisation=organisation, email=email, accepted_at=None, revoked_at=None
        ).update(revoked_at=now)
        invitation = Invitation.objects.create(
            organisation=organisation,
            email=email,
            role=role,
            token_hash=token_digest(token),
            invited_by=invited_by,
            created_at=now,
            expires_at=now + timedelta(days=settings.KOPPEL_INVITATION_DAYS),
        )
    url = invitation_url(token)
    if send:
        send_templated_email(
            to=email,
            template="core/email/invitation",
            context={"invitation": invitation, "url": url, "inviter": invited_by},
            language=getattr(invited_by, "language", None) or settings.LANGUAGE_CODE,
        )
    return invitation, url


def invitation_for_token(token: str, *, now=None) -> Invitation:
    invitation = (
        Invitation.objects.select_related("organisation")
        .filter(token_hash=token_digest(token))
        .first()
    )
    if invitation is None or not invitation.is_open(now):
        raise InvitationError
    return invitation


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, user: User | None = None, first_name: str = "",
    last_name: str = "", password: str = "", now=None,
) -> User:
    """Turn an invitation into a membership: for a new account (password given) or for the
    signed-in `user` whose address was invited."""
    now = now or timezone.now()
    claimed = Invitation.objects.filter(
        pk=invitation.pk, accepted_at=None, revoked_at=None, expires_at__gt=now
    ).update(accepted_at=now)
    if claimed != 1:  # used in another tab a moment ago, or expired meanwhile
        raise InvitationError
    if user is None:
        user = User.objects.create_user(
            email=invitation.email, password=password,
            first_name=first_name, last_name=last_name,
        )
    if Membership.objects.filter(user=user).exists():
        raise InvitationError
    EmailAddress.objects.update_or_create(
        user=user, email=invitation.email, defaults={"verified": True, "primary": True}
    )
    Membership.objects.create(
        user=user, organisation=invitation.organisation, role=invitation.role, created_at=now
    )
    return user


def invitation_revoke(*, invitation: Invitation, now=None) -> None:
    Invitation.objects.filter(pk=invitation.pk, revoked_at=None).update(
        revoked_at=now or timezone.now()
    )


def membership_set_role(*, membership: Membership, role: str) -> Membership:
    if role not in Role.values:
        raise ValueError(role)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


def membership_remove(*, membership: Membership) -> None:
    membership.delete()


def audit_record(
    *, actor, organisation, action: str, subject=None, subject_type: str = "",
    subject_id: int | None = None, fields=(), now=None,
) -> AuditEvent:
    """Note that `actor` saw or changed personal data. Only references are stored."""
    if subject is not None:
        subject_type = subject._meta.model_name
        subject_id = subject.pk
    return AuditEvent.objects.create(
        organisation=organisation,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        fields=sorted(fields),
        at=now or timezone.now(),
    )


def postcodes_import(*, data: bytes) -> dict[str, int]:
    """Load 4-digit postcode areas (`postcode,latitude,longitude[,name]`), all or nothing."""
    from .csvio import ImportFailed, Problem, read_table
    from .models import Postcode

    table = read_table(data, known={"postcode", "latitude", "longitude", "name"},
                       required={"postcode", "latitude", "longitude"})
    problems, parsed, seen = [], {}, {}
    for number, cells in table.rows:
        code = cells["postcode"].replace(" ", "")
        if not (len(code) == 4 and code.isdigit() and code[0] != "0"):
            problems.append(Problem(number, "postcode", _("gebruik 4 cijfers, zoals 3511.")))
            continue
        if code in seen:
            problems.append(Problem(number, "postcode", _("staat ook al in rij %(row)s.")
                                    % {"row": seen[code]}))
            continue
        seen[code] = number
        coords = []
        for column, limit in (("latitude", 90), ("longitude", 180)):
            try:
                value = float(cells[column].replace(",", "."))
                if not -limit <= value <= limit:
                    raise ValueError
                coords.append(value)
            except ValueError:
                problems.append(Problem(number, column, _("geen geldige coördinaat.")))
        if len(coords) == 2:
            parsed[code] = (coords[0], coords[1], cells.get("name", "")[:100])
    if problems:
        raise ImportFailed(problems)

    existing = {p.code: p for p in Postcode.objects.filter(code__in=parsed)}
    created, updated = [], []
    for code, (lat, lon, name) in parsed.items():
        row = existing.get(code)
        if row is None:
            created.append(Postcode(code=code, latitude=lat, longitude=lon, name=name))
        elif (row.latitude, row.longitude, row.name) != (lat, lon, name):
            row.latitude, row.longitude, row.name = lat, lon, name
            updated.append(row)
    with transaction.atomic():
        Postcode.objects.bulk_create(created, batch_size=1000)
        Postcode.objects.bulk_update(updated, ["latitude", "longitude", "name"], batch_size=1000)
    return {"created": len(created), "updated": len(updated),
            "unchanged": len(parsed) - len(created) - len(updated)}
