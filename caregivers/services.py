"""Writes of the caregivers app: people, help requests and their lifecycle, referrals,
erasure, and the request import.

For other apps (matchmaking calls this when a match is made or falls through):

    from caregivers.services import help_request_transition, InvalidTransition

    help_request_transition(request=help_request, to_status=HelpRequest.Status.MATCHED,
                            by=request.user, note="Sara El Idrissi", now=now)

It follows the map in `caregivers/lifecycle.py`, records who/when/why in
HelpRequestTransition, sets `status_changed_at`, and raises InvalidTransition (a ValueError
whose str() is a translated message for the user) for a step the map does not allow.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext as _

from core.erasure import person_erasing_send
from core.models import AuditEvent, Organisation
from core.postcodes import normalise_postcode, postcode_area, postcode_location
from core.services import audit_record
from core.vocabulary import LEVEL_ORDER

from .imports import ImportPlan, parse_requests, plan_requests
from .lifecycle import InvalidTransition, is_allowed
from .models import (
    Caregiver,
    CaregiverLanguage,
    CareRecipient,
    CareRelation,
    HelpRequest,
    HelpRequestLanguage,
    HelpRequestTransition,
    Partner,
    PendingImport,
    RecipientLanguage,
    Referral,
)

__all__ = ["InvalidTransition", "help_request_transition", "help_request_refer",
           "help_request_create", "caregiver_erase", "recipient_erase"]

Status = HelpRequest.Status
REFERENCE_PREFIX = "REQ-"
ERASED_NAME = "—"

# The personal fields of a person, as they appear in the audit trail.
PERSON_FIELDS = ("name", "email", "phone", "postcode", "latitude", "longitude", "background",
                 "contact_channel", "reminders", "language")
# Free text on a request that may describe the family; erased with the person.
REQUEST_PERSONAL_FIELDS = ("referrer_contact", "profile_sought", "background",
                           "practical_wishes", "boundaries", "description", "interests")


# --- references and locations ----------------------------------------------------------


def next_reference(*, organisation: Organisation) -> str:
    """REQ-0001, REQ-0002, ... per organisation, after the highest one in use."""
    last = (HelpRequest.objects.filter(organisation=organisation,
                                       reference__regex=r"^REQ-[0-9]+$")
            .order_by(Length("reference").desc(), "-reference")
            .values_list("reference", flat=True).first())
    number = int(last[len(REFERENCE_PREFIX):]) + 1 if last else 1
    return f"{REFERENCE_PREFIX}{number:04d}"


def locate(postcode: str) -> tuple[str, float | None, float | None]:
    """Normal form of a postcode and its coordinates from the Postcode table; an unknown
    area is fine (the distance is then unknown)."""
    normal = normalise_postcode(postcode) or ""
    location = postcode_location(normal) if normal else None
    return normal, *(location or (None, None))


# --- languages ---------------------------------------------------------------------------


def _set_languages(model, owner_field: str, owner, languages) -> bool:
    """Replace the owner's languages with `languages` [(code, level_code)]; True if changed."""
    wanted = {code: LEVEL_ORDER[level] for code, level in languages}
    current = dict(model.objects.filter(**{owner_field: owner})
                   .values_list("language", "level"))
    if current == wanted:
        return False
    model.objects.filter(**{owner_field: owner}).delete()
    model.objects.bulk_create([model(**{owner_field: owner}, language=code, level=level)
                               for code, level in wanted.items()])
    return True


def person_languages(person) -> list[tuple[str, str]]:
    return [(row.language, row.level_code) for row in person.languages.all()]


def merge_languages(*groups) -> list[tuple[str, str]]:
    """Languages of several people together, each at the best level anyone has."""
    best: dict[str, int] = {}
    for group in groups:
        for code, level in group:
            best[code] = max(best.get(code, 0), LEVEL_ORDER[level])
    by_rank = {rank: code for code, rank in LEVEL_ORDER.items()}
    return sorted(((code, by_rank[rank]) for code, rank in best.items()),
                  key=lambda item: (-LEVEL_ORDER[item[1]], item[0]))


# --- people ---------------------------------------------------------------------------


@dataclass
class PersonInput:
    """A caregiver or care recipient as a form produced it (unsaved or changed)."""

    instance: Caregiver | CareRecipient
    languages: list[tuple[str, str]] | None = None  # None: leave the languages alone
    consent_data: bool = True
    consent_share_contact: bool = False
    background_consent: bool = False
    extra_fields: list[str] = field(default_factory=list)


def _changed_fields(instance, names) -> list[str]:
    if instance.pk is None:
        return [name for name in names if getattr(instance, name) not in ("", None, [], False)]
    before = type(instance).objects.filter(pk=instance.pk).values(*names).first() or {}
    return [name for name in names if before.get(name) != getattr(instance, name)]


def _apply_consent(current, given: bool, now):
    """Keep the moment consent was first given; no consent means no timestamp."""
    if not given:
        return None
    return current or now


def person_save(*, person: PersonInput, by, now=None) -> Caregiver | CareRecipient:
    """Create or update a caregiver or care recipient with their languages and consents.

    The background is stored only with explicit consent; without it (or when consent is
    withdrawn) it is erased. Audited as CREATE or UPDATE with the changed field names."""
    now = now or timezone.now()
    obj = person.instance
    creating = obj.pk is None
    obj.postcode, lat, lon = locate(obj.postcode)
    obj.latitude, obj.longitude = lat, lon
    obj.background_consent_at = _apply_consent(obj.background_consent_at,
                                               person.background_consent and bool(obj.background),
                                               now)
    if obj.background_consent_at is None:
        obj.background = ""
    obj.consent_data_at = _apply_consent(obj.consent_data_at, person.consent_data, now)
    obj.consent_share_contact_at = _apply_consent(obj.consent_share_contact_at,
                                                  person.consent_share_contact, now)
    names = list(PERSON_FIELDS) + ["background_consent_at", "consent_data_at",
                                   "consent_share_contact_at"] + person.extra_fields
    changed = _changed_fields(obj, names)
    if creating:
        obj.created_at = now
    obj.save()
    if person.languages is not None:
        language_model, owner = ((CaregiverLanguage, "caregiver") if isinstance(obj, Caregiver)
                                 else (RecipientLanguage, "recipient"))
        if _set_languages(language_model, owner, obj, person.languages):
            changed.append("languages")
    if creating or changed:
        audit_record(actor=by, organisation=obj.organisation,
                     action=AuditEvent.Action.CREATE if creating else AuditEvent.Action.UPDATE,
                     subject=obj, fields=changed, now=now)
    return obj


def care_relation_ensure(*, caregiver: Caregiver, recipient: CareRecipient,
                         relationship: str = "") -> CareRelation:
    relation, created = CareRelation.objects.get_or_create(
        caregiver=caregiver, recipient=recipient, defaults={"relationship": relationship})
    if not created and relationship and relation.relationship != relationship:
        relation.relationship = relationship
        relation.save(update_fields=["relationship"])
    return relation


# --- help requests --------------------------------------------------------------------


def help_request_create(*, request: HelpRequest, languages, by=None, now=None,
                        background_consent: bool = False, status: str = Status.NEW,
                        note: str = "") -> HelpRequest:
    """Save a new help request (organisation, caregiver and fields set on `request`).

    The reference is generated (REQ-0001 per organisation) unless given; the postcode is
    normalised and located; the background is kept only with consent; the first transition
    ("" -> `status`) is recorded."""
    now = now or timezone.now()
    request.postcode, lat, lon = locate(request.postcode)
    if request.latitude is None or request.longitude is None:
        request.latitude, request.longitude = lat, lon
    if not (background_consent and request.background):
        request.background, request.background_consent_at = "", None
    elif request.background_consent_at is None:
        request.background_consent_at = now
    request.status = status
    request.received_at = request.received_at or now
    request.status_changed_at = now
    request.created_by = by if getattr(by, "is_authenticated", False) else None
    generated = not request.reference
    for _attempt in range(5):
        if generated:
            request.reference = next_reference(organisation=request.organisation)
        try:
            with transaction.atomic():
                request.save()
            break
        except IntegrityError:
            # Two coordinators saved at the same moment and took the same number.
            if not generated:
                raise
            request.pk = None
    else:  # pragma: no cover - five collisions in a row
        raise IntegrityError("could not find a free reference")
    _set_languages(HelpRequestLanguage, "request", request, languages)
    HelpRequestTransition.objects.create(request=request, from_status="", to_status=status,
                                         by=request.created_by, at=now, note=note)
    return request


def help_request_update(*, request: HelpRequest, languages=None, background_consent: bool,
                        by, now=None) -> list[str]:
    """Save changes to a request's content (not its status); returns the changed fields."""
    now = now or timezone.now()
    request.postcode, lat, lon = locate(request.postcode)
    before = HelpRequest.objects.get(pk=request.pk)
    if request.postcode != before.postcode or request.latitude is None:
        request.latitude, request.longitude = lat, lon
    if not (background_consent and request.background):
        request.background, request.background_consent_at = "", None
    elif request.background_consent_at is None:
        request.background_consent_at = now
    names = [f.name for f in HelpRequest._meta.concrete_fields
             if f.name not in {"id", "organisation", "status", "status_changed_at", "updated_at",
                               "created_by", "caregiver", "recipient"}]
    changed = [name for name in names if getattr(before, name) != getattr(request, name)]
    request.save()
    if languages is not None and _set_languages(HelpRequestLanguage, "request", request,
                                                languages):
        changed.append("languages")
    if changed:
        audit_record(actor=by, organisation=request.organisation,
                     action=AuditEvent.Action.UPDATE, subject=request, fields=changed, now=now)
    return changed


@transaction.atomic
def help_request_transition(*, request: HelpRequest, to_status: str, by, note: str = "",
                            now: datetime | None = None) -> HelpRequestTransition:
    """Move `request` to `to_status` if the lifecycle allows it from its current status.

    The row is locked and its status read again, so two people clicking at once cannot
    both move it. Records who (`by`, a user or None for the system), when (`now`) and why
    (`note`); updates `request.status` and `request.status_changed_at` in place.
    Raises InvalidTransition for a step the lifecycle does not allow."""
    now = now or timezone.now()
    current = (HelpRequest.objects.select_for_update().filter(pk=request.pk)
               .values_list("status", flat=True).first())
    if current is None:
        raise HelpRequest.DoesNotExist
    if to_status not in Status.values or not is_allowed(current, to_status):
        request.status = current
        raise InvalidTransition(current, to_status)
    HelpRequest.objects.filter(pk=request.pk).update(status=to_status, status_changed_at=now,
                                                     updated_at=now)
    request.status, request.status_changed_at = to_status, now
    return HelpRequestTransition.objects.create(
        request=request, from_status=current, to_status=to_status,
        by=by if getattr(by, "is_authenticated", False) else None, at=now, note=note.strip())


@transaction.atomic
def help_request_refer(*, request: HelpRequest, partner: Partner, reason: str, by,
                       now=None) -> Referral:
    """Refer the request to a partner of the directory and close it as referred."""
    now = now or timezone.now()
    if partner.organisation_id != request.organisation_id:
        raise ValueError("partner of another organisation")
    help_request_transition(request=request, to_status=Status.REFERRED, by=by,
                            note=_("Doorverwezen naar %(partner)s: %(reason)s") % {
                                "partner": partner.name, "reason": reason.strip()}, now=now)
    return Referral.objects.create(request=request, partner=partner, reason=reason.strip(),
                                   by=by if getattr(by, "is_authenticated", False) else None,
                                   at=now)


# --- intake -----------------------------------------------------------------------------


@transaction.atomic
def intake_submit(*, organisation: Organisation, by, caregiver: Caregiver | PersonInput,
                  recipient: CareRecipient | PersonInput | None, relationship: str,
                  request: HelpRequest, request_languages, background_consent: bool,
                  next_status: str, now=None) -> HelpRequest:
    """The coordinator's intake in one transaction: the caregiver (an existing one, or a
    new one as PersonInput), optionally the care recipient (existing or new), and the
    request. Request languages default to what the caregiver and recipient speak.
    `next_status` (new, intake_done or matching) walks the lifecycle from `new`."""
    now = now or timezone.now()
    if isinstance(caregiver, PersonInput):
        caregiver.instance.organisation = organisation
        caregiver = person_save(person=caregiver, by=by, now=now)
    if isinstance(recipient, PersonInput):
        recipient.instance.organisation = organisation
        recipient = person_save(person=recipient, by=by, now=now)
    if recipient is not None:
        care_relation_ensure(caregiver=caregiver, recipient=recipient,
                             relationship=relationship.strip())
    languages = list(request_languages) or merge_languages(
        person_languages(caregiver), person_languages(recipient) if recipient else [])
    request.organisation = organisation
    request.caregiver, request.recipient = caregiver, recipient
    help_request_create(request=request, languages=languages, by=by, now=now,
                        background_consent=background_consent, note=_("Intake"))
    audit_record(actor=by, organisation=organisation, action=AuditEvent.Action.CREATE,
                 subject=request, fields=[name for name in REQUEST_PERSONAL_FIELDS
                                          if getattr(request, name)], now=now)
    path = {Status.NEW: [], Status.INTAKE_DONE: [Status.INTAKE_DONE],
            Status.MATCHING: [Status.INTAKE_DONE, Status.MATCHING]}[next_status]
    for step in path:
        help_request_transition(request=request, to_status=step, by=by, now=now)
    return request


# --- erasure ------------------------------------------------------------------------------


def _erase_person(person, *, now) -> list[str]:
    erased = [name for name in PERSON_FIELDS if getattr(person, name) not in ("", None)]
    person.name = ERASED_NAME
    person.email = person.phone = person.background = ""
    person.postcode = postcode_area(person.postcode)
    person.latitude = person.longitude = None
    person.background_consent_at = person.consent_share_contact_at = None
    person.consent_data_at = None
    person.erased_at = now
    person.save()
    if person.languages.exists():
        person.languages.all().delete()
        erased.append("languages")
    return erased


def _announce_erasure(person, *, now) -> None:
    """Every app forgets what mentions the person (core.signals.person_erasing)."""
    person_erasing_send(sender=type(person), person=person, organisation=person.organisation,
                        identifiers=[person.name, getattr(person, "email", ""),
                                     getattr(person, "phone", "")], now=now)


def _erase_requests(requests, *, by, now, note) -> None:
    """Keep request rows for statistics (status, dates, activities, slots, area,
    languages asked); erase the free text that may describe the family; withdraw open ones."""
    for help_request in requests:
        # History notes and referral reasons are free text about the family.
        help_request.transitions.exclude(note="").update(note="")
        help_request.referrals.update(reason="")
        if help_request.status in HelpRequest.OPEN_STATUSES:
            help_request_transition(request=help_request, to_status=Status.WITHDRAWN, by=by,
                                    note=note, now=now)
        for name in REQUEST_PERSONAL_FIELDS:
            setattr(help_request, name, [] if name == "interests" else "")
        help_request.background_consent_at = None
        help_request.postcode = postcode_area(help_request.postcode)
        location = postcode_location(help_request.postcode)
        help_request.latitude, help_request.longitude = location or (None, None)
        help_request.save()


@transaction.atomic
def caregiver_erase(*, caregiver: Caregiver, by, now=None) -> Caregiver:
    """Erase a caregiver's personal data (AVG): name, contact data, background, languages.
    Their requests stay for statistics without personal text; open ones are withdrawn."""
    now = now or timezone.now()
    _announce_erasure(caregiver, now=now)
    erased = _erase_person(caregiver, now=now)
    CareRelation.objects.filter(caregiver=caregiver).update(relationship="")
    _erase_requests(caregiver.help_requests.all(), by=by, now=now,
                    note=_("Gegevens van de mantelzorger gewist."))
    audit_record(actor=by, organisation=caregiver.organisation, action=AuditEvent.Action.ERASE,
                 subject=caregiver, fields=erased, now=now)
    return caregiver


@transaction.atomic
def recipient_erase(*, recipient: CareRecipient, by, now=None) -> CareRecipient:
    """Erase a care recipient's personal data, like caregiver_erase; also birth year and
    situation. Requests for them stay for statistics; open ones are withdrawn."""
    now = now or timezone.now()
    _announce_erasure(recipient, now=now)
    erased = _erase_person(recipient, now=now)
    for name in ("birth_year", "situation"):
        if getattr(recipient, name):
            erased.append(name)
    recipient.birth_year, recipient.situation = None, ""
    recipient.save(update_fields=["birth_year", "situation"])
    CareRelation.objects.filter(recipient=recipient).update(relationship="")
    _erase_requests(recipient.help_requests.all(), by=by, now=now,
                    note=_("Gegevens van de zorgvrager gewist."))
    audit_record(actor=by, organisation=recipient.organisation, action=AuditEvent.Action.ERASE,
                 subject=recipient, fields=erased, now=now)
    return recipient


# --- partners -------------------------------------------------------------------------


def partner_save(*, partner: Partner, organisation: Organisation) -> Partner:
    partner.organisation = organisation
    partner.save()
    return partner


# --- import -------------------------------------------------------------------------------


def pending_import_create(*, organisation, by, data: bytes, filename: str,
                          now=None) -> PendingImport:
    """Keep an uploaded file until it is confirmed; older uploads are thrown away."""
    now = now or timezone.now()
    PendingImport.objects.filter(
        Q(created_at__lt=now - timedelta(days=1)) | Q(uploaded_by=by)).delete()
    return PendingImport.objects.create(organisation=organisation, uploaded_by=by, data=data,
                                        filename=filename[:200], created_at=now)


def pending_import_discard(*, pending: PendingImport) -> None:
    pending.delete()


def help_requests_import(*, organisation: Organisation, data: bytes, by=None, now=None,
                         dry_run: bool = False, filename: str = "") -> ImportPlan:
    """Import a request file (VOCABULARY.md), all or nothing; returns the plan with counts.

    Raises ImportFailed (nothing written) with every problem. New requests start in status
    `matching`: a file comes from a system where the request was already taken in. A second
    run of the same file changes nothing."""
    now = now or timezone.now()
    plan = plan_requests(parse_requests(data), organisation=organisation)
    if dry_run or not any(row.action != "unchanged" for row in plan.rows):
        return plan
    with transaction.atomic():
        _apply_import(plan, organisation=organisation, by=by, now=now, filename=filename)
        counts = plan.counts
        audit_record(actor=by, organisation=organisation, action=AuditEvent.Action.IMPORT,
                     subject_type="helprequest",
                     fields=[f"{key}={value}" for key, value in counts.items()], now=now)
    return plan


def _apply_import(plan, *, organisation, by, now, filename) -> None:
    """Write a plan: new people and requests in bulk (a file may hold thousands of rows),
    changes to existing ones row by row."""
    user = by if getattr(by, "is_authenticated", False) else None
    note = _("Geïmporteerd uit %(file)s") % {"file": filename} if filename else _("Geïmporteerd")
    rows = [planned for planned in plan.rows if planned.action != "unchanged"]

    # Caregivers: one new record per e-mail address (or phone) in the file.
    new_caregivers: dict[str, Caregiver] = {}
    for planned in rows:
        row = planned.data
        if planned.caregiver is None:
            key = row.caregiver_email or row.caregiver_phone
            new_caregivers.setdefault(key, Caregiver(
                organisation=organisation, name=row.caregiver_name, email=row.caregiver_email,
                phone=row.caregiver_phone, created_at=now,
                contact_channel="phone" if row.caregiver_phone else "email"))
            planned.caregiver = new_caregivers[key]
        else:
            changed = [attr for attr, value in (("name", row.caregiver_name),
                                                ("email", row.caregiver_email),
                                                ("phone", row.caregiver_phone))
                       if (attr == "name" or row.has(f"caregiver_{attr}"))
                       and getattr(planned.caregiver, attr) != value]
            for attr in changed:
                setattr(planned.caregiver, attr, getattr(row, f"caregiver_{attr}"))
            if changed:
                planned.caregiver.save(update_fields=[*changed, "updated_at"])
    Caregiver.objects.bulk_create(new_caregivers.values(), batch_size=500)

    # Care recipients: an existing one of the same caregiver with the same name is reused.
    known = {(relation.caregiver_id, relation.recipient.name.lower()): relation.recipient
             for relation in CareRelation.objects.filter(
                 caregiver__in=[p.caregiver for p in rows if p.caregiver.pk and p.data.recipient_name],
                 recipient__erased_at=None).select_related("recipient")}
    new_recipients: dict[tuple, CareRecipient] = {}
    new_relations = []
    for planned in rows:
        row = planned.data
        if not row.recipient_name:
            continue
        if planned.recipient is not None:
            if planned.recipient.name != row.recipient_name:
                planned.recipient.name = row.recipient_name
                planned.recipient.save(update_fields=["name", "updated_at"])
            continue
        key = (planned.caregiver.pk, row.recipient_name.lower())
        recipient = known.get(key) or new_recipients.get(key)
        if recipient is None:
            recipient = CareRecipient(organisation=organisation, name=row.recipient_name,
                                      created_at=now)
            new_recipients[key] = recipient
            new_relations.append((planned.caregiver, recipient))
        planned.recipient = recipient
    CareRecipient.objects.bulk_create(new_recipients.values(), batch_size=500)
    CareRelation.objects.bulk_create(
        [CareRelation(caregiver=caregiver, recipient=recipient)
         for caregiver, recipient in new_relations], batch_size=500)

    # Requests: new ones start in `matching`, with their first transition recorded.
    new_requests = []
    for planned in rows:
        desired = planned.desired
        if planned.action == "create":
            request = HelpRequest(
                organisation=organisation, reference=planned.data.reference,
                caregiver=planned.caregiver, recipient=planned.recipient,
                source=HelpRequest.Source.OTHER, status=Status.MATCHING, received_at=now,
                status_changed_at=now, created_by=user,
                background_consent_at=now if desired.get("background") else None, **desired)
            new_requests.append((request, planned.data.languages))
            continue
        request = planned.request
        for name, value in desired.items():
            setattr(request, name, value)
        request.recipient = planned.recipient or request.recipient
        if "background" in desired:
            if not desired["background"]:
                request.background_consent_at = None
            elif request.background_consent_at is None:
                request.background_consent_at = now
        request.save()
        _set_languages(HelpRequestLanguage, "request", request,
                       list(planned.data.languages.items()))
    HelpRequest.objects.bulk_create([request for request, _languages in new_requests],
                                    batch_size=500)
    HelpRequestLanguage.objects.bulk_create(
        [HelpRequestLanguage(request=request, language=code, level=LEVEL_ORDER[level])
         for request, languages in new_requests for code, level in languages.items()],
        batch_size=1000)
    HelpRequestTransition.objects.bulk_create(
        [HelpRequestTransition(request=request, from_status="", to_status=Status.MATCHING,
                               by=user, at=now, note=note)
         for request, _languages in new_requests], batch_size=1000)
