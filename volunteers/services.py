"""Writes of the volunteers app: signup, profile changes, pause, invitations and erasure.

Every function takes keyword arguments and `now=` where time matters. Views and commands
call these; nothing else writes a Volunteer.
"""

from datetime import date

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.emails import send_templated_email
from core.erasure import person_erasing_send
from core.i18n import email_language
from core.models import AuditEvent, Organisation, User
from core.postcodes import postcode_location
from core.services import audit_record

from .models import NewcomerProfile, Volunteer, VolunteerLanguage
from .signals import volunteer_erasing, volunteer_signed_up
from .tokens import activation_token, user_uid

# The wizard's steps in order; `signup_step` holds the first one not yet done. "newcomer" is
# only for volunteers who said they are new in the Netherlands (see step_applies).
SIGNUP_STEPS = ("about", "languages", "newcomer", "availability", "activities", "background",
                "contact", "confirm")
OPTIONAL_STEPS = {"newcomer": lambda volunteer: volunteer.is_newcomer}


def step_applies(volunteer: Volunteer | None, key: str) -> bool:
    test = OPTIONAL_STEPS.get(key)
    return test is None or (volunteer is not None and test(volunteer))


def next_signup_step(volunteer: Volunteer, after: str) -> str:
    """The first step after `after` that applies to this volunteer ("" after the last)."""
    for key in SIGNUP_STEPS[SIGNUP_STEPS.index(after) + 1:]:
        if step_applies(volunteer, key):
            return key
    return ""

# What erasure clears. The row itself stays (organisation, status, dates, what they liked
# to do) so that statistics still add up; nothing left identifies the person.
ERASED_FIELDS = {
    "first_name": "", "last_name": "", "phone": "", "postcode": "", "latitude": None,
    "longitude": None, "gender": "", "birth_year": None, "interests": [], "background": "",
    "background_consent_at": None, "intercultural_training": False, "paused_until": None,
    "status_before_pause": "", "signup_step": "",
}


def _save(volunteer: Volunteer, fields) -> Volunteer:
    volunteer.save(update_fields=sorted({*fields, "updated_at"}))
    return volunteer


def _location_for(postcode: str):
    location = postcode_location(postcode) if postcode else None
    return location if location else (None, None)


def volunteer_signup_start(*, user: User, organisation: Organisation, fields: dict,
                           now=None) -> Volunteer:
    """The first wizard step ("about you") creates the volunteer, in status intake."""
    now = now or timezone.now()
    existing = Volunteer.objects.filter(user=user).first()
    if existing is not None:
        return volunteer_update(volunteer=existing, fields=fields)
    latitude, longitude = _location_for(fields.get("postcode", ""))
    volunteer = Volunteer.objects.create(
        organisation=organisation, user=user, status=Volunteer.Status.INTAKE,
        signup_step=SIGNUP_STEPS[1], latitude=latitude, longitude=longitude,
        created_at=now, **fields,
    )
    _sync_user_name(volunteer)
    return volunteer


def _sync_user_name(volunteer: Volunteer) -> None:
    user = volunteer.user
    if user and (user.first_name, user.last_name) != (volunteer.first_name, volunteer.last_name):
        user.first_name, user.last_name = volunteer.first_name, volunteer.last_name[:150]
        user.save(update_fields=["first_name", "last_name"])


def volunteer_update(*, volunteer: Volunteer, fields: dict) -> Volunteer:
    """Change profile fields. A new postcode gets the coordinates of its area (or none when
    the area is unknown: the distance is then unknown, which is not an error). The names of
    the fields that really changed are left in `volunteer.changed_fields` (for the audit)."""
    changed = [name for name, value in fields.items() if getattr(volunteer, name) != value]
    for name in changed:
        setattr(volunteer, name, fields[name])
    if "postcode" in changed or ("postcode" in fields and volunteer.latitude is None):
        volunteer.latitude, volunteer.longitude = _location_for(volunteer.postcode)
        changed += ["latitude", "longitude"]
    if changed:
        _save(volunteer, changed)
    if {"first_name", "last_name"} & set(changed):
        _sync_user_name(volunteer)
    volunteer.changed_fields = changed
    return volunteer


def volunteer_set_languages(*, volunteer: Volunteer, languages: dict[str, int]) -> bool:
    """Replace the volunteer's languages ({code: level ordinal}); True when anything changed."""
    current = dict(volunteer.languages.values_list("language", "level"))
    if current == languages:
        return False
    with transaction.atomic():
        volunteer.languages.all().delete()
        VolunteerLanguage.objects.bulk_create([
            VolunteerLanguage(volunteer=volunteer, language=code, level=level)
            for code, level in languages.items()
        ])
        _save(volunteer, [])
    return True


def volunteer_set_background(*, volunteer: Volunteer, background: str, consent: bool,
                             now=None) -> Volunteer:
    """Cultural background is special-category data: stored only with explicit consent.
    Without consent (or when it is withdrawn) the background is erased, not hidden."""
    background = background.strip()
    if consent and background:
        consent_at = volunteer.background_consent_at or now or timezone.now()
    else:
        background, consent_at = "", None
    return volunteer_update(volunteer=volunteer, fields={
        "background": background, "background_consent_at": consent_at})


def volunteer_withdraw_consent(*, volunteer: Volunteer) -> Volunteer:
    return volunteer_set_background(volunteer=volunteer, background="", consent=False)


def volunteer_advance_signup(*, volunteer: Volunteer, completed: str) -> str:
    """Move the resume point past `completed` (never backwards); returns the next step."""
    next_step = next_signup_step(volunteer, completed)
    if volunteer.signup_step and (
        volunteer.signup_step not in SIGNUP_STEPS
        or SIGNUP_STEPS.index(volunteer.signup_step) <= SIGNUP_STEPS.index(completed)
    ):
        volunteer.signup_step = next_step
        _save(volunteer, ["signup_step"])
    return next_step


def volunteer_set_newcomer(*, volunteer: Volunteer, newcomer: bool) -> bool:
    """Opt in to the newcomer track, or out of it: opting out deletes what was recorded (it
    was shared for this track only). Returns True when anything changed."""
    if newcomer == volunteer.is_newcomer:
        return False
    if newcomer:
        volunteer.newcomer = NewcomerProfile.objects.create(volunteer=volunteer)
    else:
        NewcomerProfile.objects.filter(volunteer=volunteer).delete()
        volunteer.newcomer = None
        if volunteer.signup_step == "newcomer":  # the wizard skips the step it was at
            volunteer.signup_step = next_signup_step(volunteer, "newcomer")
            _save(volunteer, ["signup_step"])
    return True


NEWCOMER_FIELDS = ("route", "dutch_level_goal", "consulent_name", "consulent_contact",
                   "learning_goals", "practice_ways", "practice_notes", "future")


def newcomer_update(*, volunteer: Volunteer, fields: dict, consent: bool,
                    dutch_level: int | None = None, now=None) -> list[str]:
    """Write the newcomer track. Consent to share progress with the consulent keeps the time
    it was first given; without it the time is cleared. `dutch_level` (an ordinal) is the
    volunteer's Dutch in their languages, the one place matching reads it. Returns the names
    of the changed fields."""
    profile, _created = NewcomerProfile.objects.get_or_create(volunteer=volunteer)
    values = {name: fields[name] for name in NEWCOMER_FIELDS if name in fields}
    values["consulent_consent_at"] = (
        (profile.consulent_consent_at or now or timezone.now()) if consent else None)
    changed = [name for name, value in values.items() if getattr(profile, name) != value]
    for name in changed:
        setattr(profile, name, values[name])
    if changed:
        profile.save(update_fields=[*changed, "updated_at"])
    volunteer.newcomer = profile
    if dutch_level is not None:
        languages = dict(volunteer.languages.values_list("language", "level"))
        if languages.get("nl") != dutch_level:
            languages["nl"] = dutch_level
            volunteer_set_languages(volunteer=volunteer, languages=languages)
            changed.append("languages")
    return changed


def volunteer_confirm_signup(*, volunteer: Volunteer, now=None) -> Volunteer:
    """The last step: the volunteer read the privacy statement and confirms."""
    now = now or timezone.now()
    first_time = volunteer.signed_up_at is None
    volunteer.signup_step = ""
    volunteer.privacy_accepted_at = now
    fields = ["signup_step", "privacy_accepted_at"]
    if first_time:
        volunteer.signed_up_at = now
        fields.append("signed_up_at")
    _save(volunteer, fields)
    if first_time:
        volunteer_signed_up.send(sender=Volunteer, volunteer=volunteer, now=now)
        from .tasks import send_volunteer_welcome

        transaction.on_commit(lambda: send_volunteer_welcome.delay(volunteer.pk))
    return volunteer


def volunteer_send_welcome(*, volunteer_id: int) -> bool:
    """"Your signup is in; this is what happens now" (after the wizard's last step)."""
    volunteer = (Volunteer.objects.select_related("user", "organisation")
                 .filter(pk=volunteer_id, anonymised_at=None).first())
    if volunteer is None or volunteer.user is None:
        return False
    send_templated_email(
        to=volunteer.user.email, template="volunteers/email/welcome",
        context={"volunteer": volunteer, "organisation": volunteer.organisation,
                 "url": settings.KOPPEL_BASE_URL.rstrip("/") + reverse("volunteers:mine")},
        language=email_language(volunteer.user),
    )
    return True


def volunteer_pause(*, volunteer: Volunteer, until: date) -> Volunteer:
    """Not available until `until` (a holiday, illness). Matching skips paused volunteers."""
    if volunteer.status != Volunteer.Status.PAUSED:
        volunteer.status_before_pause = volunteer.status
    volunteer.status = Volunteer.Status.PAUSED
    volunteer.paused_until = until
    return _save(volunteer, ["status", "status_before_pause", "paused_until"])


def volunteer_unpause(*, volunteer: Volunteer) -> Volunteer:
    if volunteer.status != Volunteer.Status.PAUSED:
        return volunteer
    volunteer.status = volunteer.status_before_pause or Volunteer.Status.ACTIVE
    volunteer.status_before_pause = ""
    volunteer.paused_until = None
    return _save(volunteer, ["status", "status_before_pause", "paused_until"])


def volunteers_unpause_due(*, today: date) -> int:
    """Everyone whose pause ended comes back (run daily by Celery beat)."""
    count = 0
    due = Volunteer.objects.filter(status=Volunteer.Status.PAUSED, paused_until__lt=today,
                                   anonymised_at=None)
    for volunteer in due.iterator():
        volunteer_unpause(volunteer=volunteer)
        count += 1
    return count


def activation_url(user: User) -> str:
    path = reverse("volunteers:activate", args=[user_uid(user), activation_token.make_token(user)])
    return settings.KOPPEL_BASE_URL.rstrip("/") + path


def volunteer_send_invitation(*, volunteer_id: int, now=None) -> bool:
    """E-mail an imported volunteer the link to choose a password. Nothing is sent to someone
    who already has a password (they can simply log in) or was erased meanwhile."""
    volunteer = (Volunteer.objects.select_related("user", "organisation")
                 .filter(pk=volunteer_id, anonymised_at=None).first())
    if volunteer is None or volunteer.user is None or volunteer.user.has_usable_password():
        return False
    user = volunteer.user
    send_templated_email(
        to=user.email, template="volunteers/email/invitation",
        context={"volunteer": volunteer, "organisation": volunteer.organisation,
                 "url": activation_url(user), "days": settings.KOPPEL_INVITATION_DAYS},
        language=email_language(user),
    )
    Volunteer.objects.filter(pk=volunteer.pk).update(invited_at=now or timezone.now())
    return True


def volunteer_queue_invitation(*, volunteer_id: int) -> None:
    from .tasks import send_volunteer_invitation

    transaction.on_commit(lambda: send_volunteer_invitation.delay(volunteer_id))


@transaction.atomic
def volunteer_activate(*, user: User, password: str, now=None) -> User:
    """The volunteer followed the invitation link: that proves the address, so it counts as
    verified, and reading the privacy statement on that page counts as accepting it."""
    now = now or timezone.now()
    user.set_password(password)
    user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email__iexact=user.email,
        defaults={"email": user.email, "verified": True, "primary": True})
    Volunteer.objects.filter(user=user, privacy_accepted_at=None).update(privacy_accepted_at=now)
    return user


def _delete_sessions(user_id: int, now) -> None:
    """Log the person out everywhere. Sessions are not indexed by user, so look at the live
    ones; Django would refuse them anyway once the user is gone."""
    if settings.SESSION_ENGINE not in {"django.contrib.sessions.backends.db",
                                       "django.contrib.sessions.backends.cached_db"}:
        return
    doomed = []
    for session in Session.objects.filter(expire_date__gt=now).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user_id):
            doomed.append(session.session_key)
    Session.objects.filter(session_key__in=doomed).delete()


@transaction.atomic
def volunteer_erase(*, volunteer: Volunteer, actor=None, now=None) -> Volunteer:
    """Erase a volunteer (AVG art. 17): anonymise the row, delete the account, its e-mail
    addresses and sessions. The anonymous row stays so that counts and statistics still add
    up. Other apps anonymise their own data through `volunteer_erasing`."""
    now = now or timezone.now()
    if volunteer.anonymised_at is not None:
        return volunteer
    volunteer_erasing.send(sender=Volunteer, volunteer=volunteer, now=now)
    person_erasing_send(sender=Volunteer, person=volunteer, organisation=volunteer.organisation,
                        identifiers=[volunteer.full_name, volunteer.email, volunteer.phone],
                        now=now)
    user = volunteer.user
    VolunteerLanguage.objects.filter(volunteer=volunteer).delete()
    NewcomerProfile.objects.filter(volunteer=volunteer).delete()
    for name, value in ERASED_FIELDS.items():
        setattr(volunteer, name, value)
    if volunteer.status != Volunteer.Status.ALUMNI:
        volunteer.status = Volunteer.Status.ALUMNI
    volunteer.user = None
    volunteer.anonymised_at = now
    _save(volunteer, [*ERASED_FIELDS, "status", "user", "anonymised_at"])
    # A volunteer who is also staff keeps the account for that work, without this profile.
    if user is not None and not hasattr(user, "membership"):
        _delete_sessions(user.pk, now)
        EmailAddress.objects.filter(user=user).delete()
        user.delete()
    audit_record(actor=actor, organisation=volunteer.organisation, action=AuditEvent.Action.ERASE,
                 subject=volunteer, fields=[*ERASED_FIELDS, "languages", "newcomer", "user"],
                 now=now)
    return volunteer


def audit_many(*, actor, organisation, action: str, volunteer_ids, fields=(), now=None) -> None:
    """core.services.audit_record for many volunteers at once (imports and exports): one
    event per person, so everyone's own trail is complete, written in one query."""
    now = now or timezone.now()
    actor = actor if getattr(actor, "is_authenticated", False) else None
    AuditEvent.objects.bulk_create([
        AuditEvent(organisation=organisation, actor=actor, action=action,
                   subject_type=Volunteer._meta.model_name, subject_id=pk,
                   fields=sorted(fields), at=now)
        for pk in volunteer_ids
    ], batch_size=1000)
