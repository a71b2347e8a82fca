"""Reads of the matching app: the candidates the scoring needs, rankings, the queue of open
requests, global pairing previews and the counts for the dashboard.

Loading candidates for one request is two steps (see README, "Matching"):
1. SQL does the hard constraints it can do cheaply: the organisation, status active, not
   anonymised, a shared slot (bitwise AND), a shared language at A2 or better (EXISTS on
   the (volunteer, language) index), the gender wish, a bounding box around the request
   sized by each volunteer's own maximum distance, and the volunteers rejected before or
   without capacity left;
2. numpy scores what is left (matchmaking.scoring), checks every hard constraint again
   exactly and explains the best ones.
Without the prefilter (for "who was left out, and why") every volunteer of the
organisation is loaded and the scoring says why each one is excluded.
"""

import json
import math
from dataclasses import dataclass, field
from datetime import timedelta

import numpy as np
from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Abs, Cast, Coalesce, Lower
from django.utils import timezone

from caregivers.models import HelpRequest
from core.models import Organisation
from volunteers.models import Volunteer, VolunteerLanguage

from . import scoring
from .db import EpochSeconds, raw_mask
from .models import Match, MatchingWeights, Rejection, RejectionReason
from .scoring import Candidates, RequestProfile, Weights
from .scoring.codes import (
    COMMITMENT_INDEX,
    GENDER_INDEX,
    LEVEL_ORDER,
    USABLE_LEVEL,
    normalise_background,
    normalise_interest,
)
from .scoring.criteria import usable_languages
from .scoring.model import VISIT_HOURS
from .scoring.pairing import PairingResult, global_pairing

DAY = 86400.0
KM_PER_DEGREE = 2 * math.pi * 6371.0 / 360   # on the sphere the scoring uses
BOX_MARGIN = 1.01                              # the box must contain the whole circle
BOX_MAX_KM = 100                               # beyond this, no box (the cosine bound below)
PACK_BITS = 3                                  # a level (1..7) fits in 3 bits
MAX_PACKED_LANGUAGES = 20                      # 20 x 3 bits in one BIGINT


# --- weights ----------------------------------------------------------------------------

def weights_for(*, organisation: Organisation) -> Weights:
    row = MatchingWeights.objects.filter(organisation=organisation).first()
    if row is None:
        return scoring.DEFAULT_WEIGHTS
    return Weights(**{name: getattr(row, name) for name in scoring.CRITERIA})


# --- one request -------------------------------------------------------------------------

def stated_background(request: HelpRequest) -> str:
    """The family's background as stated with consent: on the request, else the care
    recipient's, else the caregiver's. Never inferred from anything else."""
    for holder in (request, request.recipient, request.caregiver):
        if holder is not None and holder.background_consent_at and holder.background.strip():
            return normalise_background(holder.background)
    return ""


def excluded_for_request(*, request: HelpRequest) -> frozenset[int]:
    """Volunteers rejected for this request, or whose match with it was declined or ended."""
    rejected = Rejection.objects.filter(request=request).values_list("volunteer_id", flat=True)
    dissolved = Match.objects.filter(request=request, status__in=Match.CLOSED_FOR_REQUEST
                                     ).values_list("volunteer_id", flat=True)
    return frozenset(rejected) | frozenset(dissolved)


def request_profile(*, request: HelpRequest, now=None) -> RequestProfile:
    now = now or timezone.now()
    languages = dict(request.languages.values_list("language", "level"))
    return RequestProfile(
        reference=request.reference,
        slots=HelpRequest._meta.get_field("slots").get_prep_value(request.slots),
        activities=HelpRequest._meta.get_field("activities").get_prep_value(request.activities),
        languages=languages,
        frequency=request.frequency,
        commitment=request.commitment,
        interests=tuple(dict.fromkeys(normalise_interest(t) for t in request.interests or []
                                      if normalise_interest(t))),
        latitude=request.latitude,
        longitude=request.longitude if request.latitude is not None else None,
        gender_preference=request.gender_preference,
        culture_preference=request.culture_preference,
        background=stated_background(request),
        days_waiting=max(0.0, (now - request.received_at).total_seconds() / DAY),
        excluded_volunteers=excluded_for_request(request=request),
    )


def _running_hours(organisation) -> dict[int, float]:
    rows = (Match.objects.filter(organisation=organisation, status__in=Match.RUNNING_STATUSES)
            .values("volunteer_id").annotate(hours=Sum("hours_per_week"))
            .values_list("volunteer_id", "hours"))
    return {volunteer: float(hours or 0) for volunteer, hours in rows}


def _ever_matched(organisation) -> set[int]:
    return set(Match.objects.filter(organisation=organisation, active_at__isnull=False)
               .values_list("volunteer_id", flat=True).distinct())


def _lookup(ids: np.ndarray, table: dict[int, float], default=0.0) -> np.ndarray:
    """table[id] for every id, vectorised (the tables are small: running matches)."""
    out = np.full(len(ids), default, dtype=np.float64)
    if table and len(ids):
        keys = np.fromiter(table.keys(), np.int64, len(table))
        values = np.fromiter(table.values(), np.float64, len(table))
        order = np.argsort(keys)
        keys, values = keys[order], values[order]
        pos = np.clip(np.searchsorted(keys, ids), 0, len(keys) - 1)
        hit = keys[pos] == ids
        out[hit] = values[pos[hit]]
    return out


def _small_int_case(field_name: str, index: dict[str, int]) -> Case:
    return Case(*[When(**{field_name: code}, then=Value(i)) for code, i in index.items()],
                default=Value(0), output_field=IntegerField())


def _packed_levels(languages: list[str]) -> Subquery:
    """Per volunteer, their levels (A2 or better) in `languages`, packed 3 bits each."""
    packed = Sum(Case(
        *[When(language=code, then=F("level") * Value(1 << (PACK_BITS * i)))
          for i, code in enumerate(languages)],
        default=Value(0), output_field=BigIntegerField()))
    rows = (VolunteerLanguage.objects
            .filter(volunteer=OuterRef("pk"), language__in=languages, level__gte=USABLE_LEVEL)
            .values("volunteer").annotate(packed=packed).values("packed"))
    return Subquery(rows, output_field=BigIntegerField())


def _interest_flag(tag: str) -> Case:
    # Interests are a JSON list of free tags: look for the quoted tag in its text, as
    # stored by SQLite (ASCII escapes) and by PostgreSQL (UTF-8).
    variants = {json.dumps(tag), json.dumps(tag, ensure_ascii=False)}
    condition = Q()
    for variant in variants:
        condition |= Q(_interests_text__contains=variant)
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def _box(profile: RequestProfile) -> Q:
    """Volunteers whose own maximum distance could reach the request: a box around the
    request per row (cheap arithmetic in SQL; the scoring then measures exactly)."""
    lat = profile.latitude
    # Longitude degrees shrink towards the poles: use the cosine at the box's far edge.
    cos_far = math.cos(math.radians(min(89.0, abs(lat) + BOX_MAX_KM / KM_PER_DEGREE)))
    per_km_lat = BOX_MARGIN / KM_PER_DEGREE
    per_km_lon = BOX_MARGIN / (KM_PER_DEGREE * cos_far)
    return (Q(latitude__isnull=True) | Q(longitude__isnull=True)
            | Q(max_distance_km__gte=BOX_MAX_KM)
            | (Q(_dlat__lte=F("max_distance_km") * Value(per_km_lat))
               & Q(_dlon__lte=F("max_distance_km") * Value(per_km_lon))))


@dataclass
class CandidateQuery:
    """The query behind one request's candidates, kept apart so the benchmark can time
    fetching the very same rows without scoring them."""

    queryset: object
    columns: list[str]
    languages: list[str]
    interests: list[str]
    with_background: bool
    with_status: bool


def candidate_query(*, request: HelpRequest, profile: RequestProfile, prefilter: bool = True,
                    volunteer_ids=None) -> CandidateQuery | None:
    """None when nobody can be a candidate (the family speaks no language at A2)."""
    languages = sorted(usable_languages(profile))[:MAX_PACKED_LANGUAGES]
    qs = Volunteer.objects.filter(organisation_id=request.organisation_id,
                                  anonymised_at__isnull=True, user__isnull=False)
    if volunteer_ids is not None:
        qs = qs.filter(pk__in=list(volunteer_ids))
    if prefilter:
        if not languages:
            return None
        qs = qs.filter(status=Volunteer.Status.ACTIVE)
        if profile.slots:
            qs = qs.filter(slots__overlaps=profile.slots)
        qs = qs.filter(Exists(VolunteerLanguage.objects.filter(
            volunteer=OuterRef("pk"), language__in=languages, level__gte=USABLE_LEVEL)))
        if profile.gender_preference in GENDER_INDEX:
            qs = qs.filter(gender=profile.gender_preference)
        if profile.has_location:
            qs = qs.alias(
                _dlat=Abs(F("latitude") - Value(profile.latitude), output_field=FloatField()),
                _dlon=Abs(F("longitude") - Value(profile.longitude), output_field=FloatField()),
            ).filter(_box(profile))
        leave_out = set(profile.excluded_volunteers) | _without_capacity(
            organisation_id=request.organisation_id, hours_needed=profile.hours_needed)
        if leave_out:
            qs = qs.exclude(pk__in=sorted(leave_out))
    annotations = {
        "_slots": raw_mask("slots"), "_activities": raw_mask("activities"),
        "_motivations": raw_mask("motivations"),
        "_commitment": _small_int_case("commitment", COMMITMENT_INDEX),
        "_gender": _small_int_case("gender", GENDER_INDEX),
        "_since": EpochSeconds(Coalesce("signed_up_at", "created_at")),
        "_languages": (_packed_levels(languages) if languages
                       else Value(0, output_field=BigIntegerField())),
    }
    columns = ["id", "user__email", "_slots", "_activities", "_motivations", "_commitment",
               "_gender", "latitude", "longitude", "max_distance_km", "hours_per_week",
               "intercultural_training", "_since", "_languages"]
    interests = list(profile.interests)
    if interests:
        qs = qs.alias(_interests_text=Lower(Cast("interests", TextField())))
        for i, tag in enumerate(interests):
            annotations[f"_interest_{i}"] = _interest_flag(tag)
            columns.append(f"_interest_{i}")
    with_background = profile.compares_background
    if with_background:
        annotations["_background"] = Case(
            When(background_consent_at__isnull=False, then=F("background")),
            default=Value(""), output_field=TextField())
        columns.append("_background")
    with_status = not prefilter
    if with_status:
        columns.append("status")
    qs = qs.annotate(**annotations).values_list(*columns).order_by()
    return CandidateQuery(qs, columns, languages, interests, with_background, with_status)


def _without_capacity(*, organisation_id, hours_needed: float) -> set[int]:
    """Volunteers whose running matches leave less than `hours_needed` (see
    scoring.criteria.no_capacity); few, because only volunteers with matches qualify."""
    running = _running_hours(organisation_id)
    if not running:
        return set()
    hours = dict(Volunteer.objects.filter(pk__in=running.keys())
                 .values_list("pk", "hours_per_week"))
    default = scoring.model.DEFAULT_VOLUNTEER_HOURS
    return {pk for pk, taken in running.items()
            if taken > 0 and (hours.get(pk) or default) - taken + 1e-9 < hours_needed}


def fetch_rows(query: CandidateQuery) -> list[tuple]:
    return list(query.queryset)


def candidates_from_rows(query: CandidateQuery | None, rows: list[tuple], *, organisation_id,
                         now) -> Candidates:
    n = len(rows)
    cols = list(zip(*rows, strict=True)) if rows else [()] * (len(query.columns) if query else 14)
    ids = np.fromiter(cols[0], np.int64, n)
    packed = np.fromiter((p or 0 for p in cols[13]), np.int64, n)
    since = np.fromiter(cols[12], np.float64, n)
    matched = _ever_matched(organisation_id)
    waiting = np.maximum(0.0, (now.timestamp() - since) / DAY)
    if matched:
        waiting[np.isin(ids, np.fromiter(matched, np.int64, len(matched)))] = 0.0
    languages = {}
    for i, code in enumerate(query.languages if query else []):
        languages[code] = ((packed >> (PACK_BITS * i)) & 7).astype(np.int8)
    extra = 14
    interests = {}
    for tag in query.interests if query else []:
        interests[tag] = np.fromiter(cols[extra], np.int8, n).astype(bool)
        extra += 1
    background = None
    if query is not None and query.with_background:
        background = np.array([normalise_background(b) for b in cols[extra]], dtype=object)
        extra += 1
    if query is not None and query.with_status:
        available = np.array(cols[extra], dtype=object) == Volunteer.Status.ACTIVE
    else:
        available = np.ones(n, bool)
    return Candidates(
        ids=ids,
        emails=np.array(cols[1], dtype=object),
        available=available,
        slots=np.fromiter(cols[2], np.int64, n),
        activities=np.fromiter(cols[3], np.int64, n),
        motivations=np.fromiter(cols[4], np.int64, n),
        commitment=np.fromiter(cols[5], np.int8, n),
        gender=np.fromiter(cols[6], np.int8, n),
        latitude=np.array(cols[7], dtype=np.float64),       # None -> nan
        longitude=np.array(cols[8], dtype=np.float64),
        max_distance_km=np.fromiter(cols[9], np.float64, n),
        hours_per_week=np.array(cols[10], dtype=np.float64),
        hours_committed=_lookup(ids, _running_hours(organisation_id)),
        days_waiting_first=waiting,
        intercultural_training=np.fromiter(cols[11], bool, n),
        languages=languages,
        interests=interests,
        background=background,
    )


def candidates_for_request(*, request: HelpRequest, profile: RequestProfile,
                           prefilter: bool = True, volunteer_ids=None, now=None) -> Candidates:
    now = now or timezone.now()
    query = candidate_query(request=request, profile=profile, prefilter=prefilter,
                            volunteer_ids=volunteer_ids)
    rows = fetch_rows(query) if query is not None else []
    return candidates_from_rows(query, rows, organisation_id=request.organisation_id, now=now)


def request_ranking(*, request: HelpRequest, weights: Weights | None = None,
                    prefilter: bool = True, volunteer_ids=None, now=None) -> scoring.Ranking:
    """Rank the organisation's volunteers for `request` (the scoring's raw result).
    Without `prefilter` every volunteer is loaded, so the ranking also says why each
    excluded one is excluded; `volunteer_ids` limits it to those volunteers."""
    now = now or timezone.now()
    profile = request_profile(request=request, now=now)
    candidates = candidates_for_request(request=request, profile=profile, prefilter=prefilter,
                                        volunteer_ids=volunteer_ids, now=now)
    weights = weights or weights_for(organisation=request.organisation)
    return scoring.rank(profile, candidates, weights)


# --- the whole organisation at once ------------------------------------------------------

def candidate_pool(*, organisation: Organisation, now=None) -> Candidates:
    """Every active volunteer of the organisation with all their languages, interests and
    stated backgrounds: scored against many requests in turn (queue, global pairing)."""
    now = now or timezone.now()
    qs = (Volunteer.objects.filter(organisation=organisation, status=Volunteer.Status.ACTIVE,
                                   anonymised_at__isnull=True, user__isnull=False)
          .annotate(_slots=raw_mask("slots"), _activities=raw_mask("activities"),
                    _motivations=raw_mask("motivations"),
                    _commitment=_small_int_case("commitment", COMMITMENT_INDEX),
                    _gender=_small_int_case("gender", GENDER_INDEX),
                    _since=EpochSeconds(Coalesce("signed_up_at", "created_at")),
                    _languages=Value(0, output_field=BigIntegerField()),
                    _interests_text=Cast("interests", TextField()),
                    _background=Case(When(background_consent_at__isnull=False,
                                          then=F("background")),
                                     default=Value(""), output_field=TextField()))
          .order_by("pk"))
    columns = ["id", "user__email", "_slots", "_activities", "_motivations", "_commitment",
               "_gender", "latitude", "longitude", "max_distance_km", "hours_per_week",
               "intercultural_training", "_since", "_languages", "_interests_text", "_background"]
    rows = list(qs.values_list(*columns))
    query = CandidateQuery(None, columns, [], [], True, False)
    pool = candidates_from_rows(query, [r[:14] + (r[15],) for r in rows],
                                organisation_id=organisation.pk, now=now)
    n = len(pool)
    position = {int(pk): i for i, pk in enumerate(pool.ids)}
    languages: dict[str, np.ndarray] = {}
    for volunteer_id, code, level in (VolunteerLanguage.objects
                                      .filter(volunteer__in=qs.values("pk"))
                                      .values_list("volunteer_id", "language", "level")):
        column = languages.setdefault(code, np.zeros(n, np.int8))
        column[position[volunteer_id]] = level
    interests: dict[str, np.ndarray] = {}
    for i, row in enumerate(rows):
        for tag in _parse_tags(row[14]):
            interests.setdefault(tag, np.zeros(n, bool))[i] = True
    pool.languages, pool.interests = languages, interests
    return pool


def _parse_tags(text) -> set[str]:
    try:
        value = json.loads(text) if isinstance(text, str) else (text or [])
    except ValueError:
        return set()
    return {normalise_interest(t) for t in value if isinstance(t, str) and normalise_interest(t)}


def open_requests(*, organisation: Organisation):
    """Requests a matchmaker can work on (intake done), longest waiting first."""
    pending = Match.objects.filter(request=OuterRef("pk"), status__in=Match.OPEN_STATUSES)
    return (HelpRequest.objects
            .filter(organisation=organisation,
                    status__in=[HelpRequest.Status.INTAKE_DONE, HelpRequest.Status.MATCHING])
            .select_related("caregiver", "recipient")
            .annotate(has_pending=Exists(pending))
            .order_by("received_at", "pk"))


def requests_profiles(requests, *, now) -> list[RequestProfile]:
    """Profiles of many requests with a few queries (not a few per request)."""
    requests = list(requests)
    ids = [r.pk for r in requests]
    languages: dict[int, dict[str, int]] = {pk: {} for pk in ids}
    from caregivers.models import HelpRequestLanguage
    for request_id, code, level in HelpRequestLanguage.objects.filter(
            request_id__in=ids).values_list("request_id", "language", "level"):
        languages[request_id][code] = level
    excluded: dict[int, set[int]] = {pk: set() for pk in ids}
    for request_id, volunteer_id in Rejection.objects.filter(request_id__in=ids).values_list(
            "request_id", "volunteer_id"):
        excluded[request_id].add(volunteer_id)
    for request_id, volunteer_id in Match.objects.filter(
            request_id__in=ids, status__in=Match.CLOSED_FOR_REQUEST).values_list(
            "request_id", "volunteer_id"):
        excluded[request_id].add(volunteer_id)
    slots_field = HelpRequest._meta.get_field("slots")
    activities_field = HelpRequest._meta.get_field("activities")
    return [RequestProfile(
        reference=r.reference,
        slots=slots_field.get_prep_value(r.slots),
        activities=activities_field.get_prep_value(r.activities),
        languages=languages[r.pk], frequency=r.frequency, commitment=r.commitment,
        interests=tuple(dict.fromkeys(normalise_interest(t) for t in r.interests or []
                                      if normalise_interest(t))),
        latitude=r.latitude, longitude=r.longitude if r.latitude is not None else None,
        gender_preference=r.gender_preference, culture_preference=r.culture_preference,
        background=stated_background(r),
        days_waiting=max(0.0, (now - r.received_at).total_seconds() / DAY),
        excluded_volunteers=frozenset(excluded[r.pk]),
    ) for r in requests]


@dataclass
class QueueRow:
    request: HelpRequest
    days_waiting: int
    top: scoring.Suggestion | None
    eligible: int


def queue(*, organisation: Organisation, requests, now=None) -> list[QueueRow]:
    """The given open requests, each with its best suggestion (scored against one pool)."""
    now = now or timezone.now()
    requests = list(requests)
    if not requests:
        return []
    pool = candidate_pool(organisation=organisation, now=now)
    weights = weights_for(organisation=organisation)
    rows = []
    for request, profile in zip(requests, requests_profiles(requests, now=now), strict=True):
        ranking = scoring.rank(profile, pool, weights)
        best = ranking.order(1)
        rows.append(QueueRow(request, int(profile.days_waiting),
                             ranking.suggestion(best[0]) if len(best) else None,
                             int((ranking.excluded == 0).sum())))
    return rows


# --- global pairing ----------------------------------------------------------------------

@dataclass
class PairingPreview:
    requests: list[HelpRequest]
    pool: Candidates
    result: PairingResult
    volunteers: dict[int, Volunteer] = field(default_factory=dict)
    seconds: float = 0.0

    def rows(self):
        for pair in self.result.pairs:
            request = self.requests[pair.request]
            volunteer_id = int(self.pool.ids[pair.volunteer])
            yield request, self.volunteers.get(volunteer_id), pair.score


def pool_capacity(pool: Candidates) -> np.ndarray:
    """New matches each volunteer can take now: a visit (VISIT_HOURS) per free slot of
    hours; a volunteer without running matches always has room for one."""
    hours, free = scoring.criteria.free_hours(pool)
    copies = np.floor(np.maximum(free, 0) / VISIT_HOURS + 1e-9).astype(np.int64)
    return np.where(pool.hours_committed <= 0, np.maximum(copies, 1), copies)


def global_pairing_preview(*, organisation: Organisation, now=None, shortlist: int = 20,
                           requests=None, pool: Candidates | None = None) -> PairingPreview:
    """Pairings for every open request without a pending proposal, maximising the total
    score (see scoring.pairing), with the greedy result to compare."""
    import time

    started = time.perf_counter()
    now = now or timezone.now()
    if requests is None:
        requests = [r for r in open_requests(organisation=organisation) if not r.has_pending]
    requests = list(requests)
    pool = pool if pool is not None else candidate_pool(organisation=organisation, now=now)
    weights = weights_for(organisation=organisation)
    capacity = pool_capacity(pool)
    # Greedy may have to look past candidates taken by earlier requests: never deeper than
    # the number of requests.
    depth = len(requests) + shortlist
    ranked = []
    for profile in requests_profiles(requests, now=now):
        ranking = scoring.rank(profile, pool, weights)
        order = ranking.order(depth)
        ranked.append((order, ranking.totals[order]))
    waiting_order = sorted(range(len(requests)),
                           key=lambda i: (requests[i].received_at, requests[i].pk))
    result = global_pairing(ranked, capacity, waiting_order, shortlist=shortlist)
    ids = {int(pool.ids[p.volunteer]) for p in result.pairs}
    volunteers = Volunteer.objects.select_related("user").in_bulk(ids)
    return PairingPreview(requests, pool, result, volunteers, time.perf_counter() - started)


# --- what the matchmaker has decided -----------------------------------------------------

def request_matches(*, request: HelpRequest):
    return (Match.objects.filter(request=request).select_related("volunteer", "proposed_by")
            .order_by("-proposed_at", "-pk"))


def request_rejections(*, request: HelpRequest):
    return Rejection.objects.filter(request=request).select_related("volunteer", "by")


def rejection_reason_counts(*, organisation: Organisation, since=None) -> list[tuple[str, str, int]]:
    """(code, label, count) for every rejection reason, most frequent first: for the
    dashboard. Declined matches count too (each declined match has a Rejection)."""
    qs = Rejection.objects.filter(organisation=organisation)
    if since is not None:
        qs = qs.filter(at__gte=since)
    counts = dict(qs.values("reason").annotate(n=Count("pk")).values_list("reason", "n"))
    rows = [(code, label, counts.get(code, 0)) for code, label in RejectionReason.choices]
    return sorted(rows, key=lambda row: -row[2])


def pending_proposal_count(*, organisation: Organisation) -> int:
    return Match.objects.filter(organisation=organisation, status__in=Match.OPEN_STATUSES).count()


def volunteer_waiting_days(volunteer: Volunteer, *, now=None) -> int:
    now = now or timezone.now()
    since = volunteer.signed_up_at or volunteer.created_at
    return max(0, (now - since) // timedelta(days=1))


LEVEL_CODES = {rank: code for code, rank in LEVEL_ORDER.items()}
