"""Reads of the volunteers app: the coordinator's search, exports and "my data"."""

from dataclasses import dataclass, field
from math import cos, radians

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from core.csvio import write_table
from core.geo import distance_km
from core.languages import language_name
from core.models import AuditEvent, Organisation

from . import signals
from .models import Volunteer, VolunteerImport, VolunteerLanguage
from .rules import level_code
from .table import COLUMNS, volunteer_row

KM_PER_DEGREE_LATITUDE = 111.2


@dataclass
class VolunteerSearch:
    """What a coordinator filters on; empty values mean "no filter"."""

    q: str = ""
    language: str = ""
    min_level: int | None = None
    activity: str = ""
    slot: str = ""
    near: tuple[float, float] | None = None  # coordinates of the postcode searched from
    km: float | None = None
    commitment: str = ""
    status: str = ""
    distances: dict[int, float] = field(default_factory=dict)  # filled by volunteer_search


def volunteer_base_queryset(*, organisation: Organisation) -> QuerySet[Volunteer]:
    """The organisation's people; erased rows only count in statistics, never in lists."""
    return (Volunteer.objects.filter(organisation=organisation, anonymised_at=None)
            .select_related("user"))


def volunteer_search(*, organisation: Organisation, search: VolunteerSearch):
    """Volunteers matching every filter: a queryset, or (when searching by distance) a list
    sorted by distance, with `search.distances` {pk: km} filled in.

    Distance: a bounding box in SQL keeps the rows few, the exact great-circle distance is
    then computed in Python. Volunteers without known coordinates fall outside the filter.
    """
    queryset = volunteer_base_queryset(organisation=organisation)
    for term in search.q.split():
        queryset = queryset.filter(
            Q(first_name__icontains=term) | Q(last_name__icontains=term)
            | Q(user__email__icontains=term))
    if search.language:
        languages = VolunteerLanguage.objects.filter(volunteer=OuterRef("pk"),
                                                     language=search.language)
        if search.min_level:
            languages = languages.filter(level__gte=search.min_level)
        queryset = queryset.filter(Exists(languages))
    elif search.min_level:
        # A level without a language: "speaks some language at least this well".
        queryset = queryset.filter(Exists(VolunteerLanguage.objects.filter(
            volunteer=OuterRef("pk"), level__gte=search.min_level)))
    if search.activity:
        queryset = queryset.filter(activities__has=search.activity)
    if search.slot:
        queryset = queryset.filter(slots__has=search.slot)
    if search.commitment:
        queryset = queryset.filter(commitment=search.commitment)
    if search.status:
        queryset = queryset.filter(status=search.status)
    queryset = queryset.prefetch_related("languages").order_by("first_name", "last_name", "pk")

    if search.near is None or search.km is None:
        return queryset
    lat, lon = search.near
    dlat = search.km / KM_PER_DEGREE_LATITUDE
    dlon = search.km / (KM_PER_DEGREE_LATITUDE * max(cos(radians(lat)), 0.01))
    box = queryset.filter(latitude__range=(lat - dlat, lat + dlat),
                          longitude__range=(lon - dlon, lon + dlon))
    distances = {}
    for pk, v_lat, v_lon in box.values_list("pk", "latitude", "longitude"):
        km = distance_km(lat, lon, v_lat, v_lon)
        if km <= search.km:
            distances[pk] = km
    search.distances = distances
    volunteers = list(queryset.filter(pk__in=distances))
    volunteers.sort(key=lambda v: (distances[v.pk], v.first_name, v.pk))
    for volunteer in volunteers:
        volunteer.distance_km = distances[volunteer.pk]
    return volunteers


def volunteer_export_csv(*, volunteers) -> str:
    """The filtered list in the import format (Excel-friendly), so it can be imported again."""
    return write_table(COLUMNS, (volunteer_row(v) for v in volunteers))


def volunteer_languages_display(volunteer: Volunteer) -> list[dict]:
    return [
        {"code": lang.language, "name": language_name(lang.language),
         "level": level_code(lang.level), "level_label": lang.get_level_display()}
        for lang in sorted(volunteer.languages.all(), key=lambda lang: (-lang.level, lang.language))
    ]


def _iso(value):
    return value.isoformat() if value else None


def volunteer_personal_data(*, volunteer: Volunteer, now=None) -> dict:
    """Everything Koppel holds about a volunteer, for "download my data" (AVG art. 15/20).

    Codes are the stable codes of VOCABULARY.md; other apps add sections through the
    `volunteer_personal_data` signal (their journey, their matches).
    """
    user = volunteer.user
    events = AuditEvent.objects.filter(subject_type=Volunteer._meta.model_name,
                                       subject_id=volunteer.pk).order_by("at")
    data = {
        "exported_at": _iso(now or timezone.now()),
        "organisation": volunteer.organisation.name,
        "account": {
            "email": user.email if user else None,
            "language": user.language if user else None,
            "date_joined": _iso(user.date_joined) if user else None,
            "last_login": _iso(user.last_login) if user else None,
        },
        "profile": {
            "first_name": volunteer.first_name,
            "last_name": volunteer.last_name,
            "phone": volunteer.phone,
            "postcode": volunteer.postcode,
            "latitude": volunteer.latitude,
            "longitude": volunteer.longitude,
            "max_distance_km": volunteer.max_distance_km,
            "gender": volunteer.gender or None,
            "birth_year": volunteer.birth_year,
            "languages": [{"language": lang["code"], "name": lang["name"], "level": lang["level"]}
                          for lang in volunteer_languages_display(volunteer)],
            "availability": volunteer.slots,
            "hours_per_week": volunteer.hours_per_week,
            "commitment": volunteer.commitment or None,
            "activities": volunteer.activities,
            "motivations": volunteer.motivations,
            "interests": volunteer.interests,
            "background": volunteer.background or None,
            "intercultural_training": volunteer.intercultural_training,
            "contact_channel": volunteer.contact_channel,
            "reminders": volunteer.reminders,
        },
        "status": {
            "status": volunteer.status,
            "paused_until": _iso(volunteer.paused_until),
            "signed_up_at": _iso(volunteer.signed_up_at),
            "created_at": _iso(volunteer.created_at),
            "updated_at": _iso(volunteer.updated_at),
        },
        "consent": {
            "background_consent_at": _iso(volunteer.background_consent_at),
            "privacy_statement_accepted_at": _iso(volunteer.privacy_accepted_at),
        },
        # Who looked at or changed these data: the kind of action and the fields, never names.
        "access_log": [{"at": _iso(event.at), "action": event.action, "fields": event.fields}
                       for event in events],
    }
    for _receiver, section in signals.volunteer_personal_data.send(sender=Volunteer, volunteer=volunteer):
        if section:
            name, content = section
            data[name] = content
    return data


def volunteer_import_history(*, organisation: Organisation) -> QuerySet[VolunteerImport]:
    return (VolunteerImport.objects.filter(organisation=organisation)
            .exclude(committed_at=None).select_related("uploaded_by")
            .defer("data")[:10])
