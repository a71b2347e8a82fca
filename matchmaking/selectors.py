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
import time
from dataclasses import dataclass, field

import numpy as np
from django.db import connection, transaction
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
)
from django.utils import timezone

from caregivers.models import HelpRequest
from core.models import Organisation
from core.vocabulary import CulturePreference
from volunteers.models import Volunteer, VolunteerLanguage

from . import scoring
from .candidate_sql import PACK_BITS, Box, CandidateQuery, Prefilter, email_query, facts_query
from .candidate_sql import candidate_query as build_candidate_query
from .models import Match, MatchingWeights, MatchSettings, Rejection, RejectionReason, Task
from .scoring import Candidates, RequestProfile, Weights
from .scoring.codes import (
    GENDER_INDEX,
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
# Levels come packed, 3 bits per language (candidate_sql); families speak a handful.
MAX_PACKED_LANGUAGES = 20


# --- weights ----------------------------------------------------------------------------

def weights_for(*, organisation: Organisation) -> Weights:
    try:   # no query when loaded with select_related("organisation__matching_weights")
        row = organisation.matching_weights
    except MatchingWeights.DoesNotExist:
        row = None
    if row is None:
        return scoring.DEFAULT_WEIGHTS
    return Weights(**{name: getattr(row, name) for name in scoring.CRITERIA})


# --- one request -------------------------------------------------------------------------

def requests_for_matching():
    """Help requests with what ranking them reads, in the same query (the caregiver and
    care recipient are read only for a same-background wish without a background on the
    request itself)."""
    return HelpRequest.objects.select_related("organisation__matching_weights")


def stated_background(request: HelpRequest) -> str:
    """For a same-background wish: the family's background as stated with consent, on the
    request, else the care recipient's, else the caregiver's. Never inferred from anything
    else, and not read at all without the wish."""
    if request.culture_preference != CulturePreference.SAME_BACKGROUND:
        return ""

    def stated(person) -> str:
        if person is not None and person.background_consent_at and person.background.strip():
            return normalise_background(person.background)
        return ""

    # The recipient and caregiver are only loaded when the request states nothing.
    return stated(request) or stated(request.recipient) or stated(request.caregiver)


@dataclass
class MatchFacts:
    """Everything a ranking needs besides the volunteers themselves, from one query: what
    the organisation's matches and rejections say about its volunteers, and the
    languages of the requests being ranked."""

    running_hours: dict[int, float]         # volunteer -> hours/week of running matches
    volunteer_hours: dict[int, float | None]  # their stated hours (volunteers with running matches)
    ever_active: set[int]                   # volunteers who have had a match that started
    closed: dict[int, set[int]]             # request -> volunteers rejected, declined or ended
    languages: dict[int, dict[str, int]]    # request -> {language: level}


def match_facts(*, organisation_id, request_ids=(), own_request=None) -> MatchFacts:
    """`own_request`: scoring for this one request, its own matches do not take capacity
    (a volunteer proposed for it keeps the score they had when proposed)."""
    request_ids = list(request_ids)
    sql, params = facts_query(organisation_id=organisation_id, request_ids=request_ids,
                              running_statuses=Match.RUNNING_STATUSES,
                              closed_statuses=Match.CLOSED_FOR_REQUEST)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    facts = MatchFacts({}, {}, set(), {pk: set() for pk in request_ids},
                       {pk: {} for pk in request_ids})
    for kind, volunteer, request, code, hours, started, volunteer_hours in rows:
        if kind == "language":
            facts.languages[request][code] = int(hours)
        elif kind == "rejection":
            facts.closed[request].add(volunteer)
        else:
            if code in Match.RUNNING_STATUSES and request != own_request:
                facts.running_hours[volunteer] = facts.running_hours.get(volunteer, 0.0) + hours
                facts.volunteer_hours[volunteer] = volunteer_hours
            if started:
                facts.ever_active.add(volunteer)
            if code in Match.CLOSED_FOR_REQUEST and request in facts.closed:
                facts.closed[request].add(volunteer)
    return facts


def without_capacity(facts: MatchFacts, *, hours_needed: float) -> set[int]:
    """Volunteers whose running matches leave less than `hours_needed` (as
    scoring.criteria.no_capacity); few, because only volunteers with matches qualify."""
    default = scoring.model.DEFAULT_VOLUNTEER_HOURS
    return {pk for pk, taken in facts.running_hours.items()
            if taken > 0 and (facts.volunteer_hours.get(pk) or default) - taken + 1e-9 < hours_needed}


def request_profile(*, request: HelpRequest, facts: MatchFacts | None = None,
                    now=None) -> RequestProfile:
    now = now or timezone.now()
    if facts is None:
        facts = match_facts(organisation_id=request.organisation_id, request_ids=[request.pk])
    return requests_profiles([request], facts=facts, now=now)[0]


def requests_profiles(requests, *, facts: MatchFacts, now) -> list[RequestProfile]:
    """Profiles of many requests, from `facts` (loaded with these requests)."""
    requests = list(requests)
    ids = [r.pk for r in requests]
    languages = facts.languages
    missing = [pk for pk in ids if pk not in facts.closed]
    if missing:   # the rejections of these requests would silently be ignored
        raise ValueError(f"match_facts was loaded without requests {missing}")
    excluded = facts.closed
    return [RequestProfile(
        reference=r.reference,
        slots=SLOTS_FIELD.get_prep_value(r.slots),
        activities=ACTIVITIES_FIELD.get_prep_value(r.activities),
        languages=languages[r.pk], frequency=r.frequency, commitment=r.commitment,
        interests=tuple(dict.fromkeys(normalise_interest(t) for t in r.interests or []
                                      if normalise_interest(t))),
        latitude=r.latitude if r.longitude is not None else None,
        longitude=r.longitude if r.latitude is not None else None,
        gender_preference=r.gender_preference, culture_preference=r.culture_preference,
        background=stated_background(r),
        days_waiting=max(0.0, (now - r.received_at).total_seconds() / DAY),
        excluded_volunteers=frozenset(excluded[r.pk]),
    ) for r in requests]


SLOTS_FIELD = HelpRequest._meta.get_field("slots")
ACTIVITIES_FIELD = HelpRequest._meta.get_field("activities")


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


def _box(profile: RequestProfile) -> Box:
    """A box around the request per volunteer row, sized by their own maximum distance
    (cheap arithmetic in SQL; the scoring then measures exactly)."""
    lat = profile.latitude
    # Longitude degrees shrink towards the poles: use the cosine at the box's far edge.
    cos_far = math.cos(math.radians(min(89.0, abs(lat) + BOX_MAX_KM / KM_PER_DEGREE)))
    return Box(latitude=lat, longitude=profile.longitude,
               degrees_per_km_lat=BOX_MARGIN / KM_PER_DEGREE,
               degrees_per_km_lon=BOX_MARGIN / (KM_PER_DEGREE * cos_far),
               unbounded_km=BOX_MAX_KM)


def candidate_query(*, request: HelpRequest, profile: RequestProfile, facts: MatchFacts,
                    prefilter: bool = True, volunteer_ids=None) -> CandidateQuery | None:
    """The volunteers to score for `request`: with `prefilter` only those passing the
    hard constraints SQL can check (None when nobody can pass: the family speaks no
    language at A2); without it every volunteer of the organisation, with their status
    and e-mail, so the scoring can say why each one is left out."""
    languages = sorted(usable_languages(profile))[:MAX_PACKED_LANGUAGES]
    sql_prefilter = None
    if prefilter:
        if not languages:
            return None
        sql_prefilter = Prefilter(
            slots=profile.slots, languages=languages,
            gender=profile.gender_preference if profile.gender_preference in GENDER_INDEX else "",
            box=_box(profile) if profile.has_location else None,
            leave_out=sorted(set(profile.excluded_volunteers)
                             | without_capacity(facts, hours_needed=profile.hours_needed)))
    return build_candidate_query(
        organisation_id=request.organisation_id, languages=languages,
        interests=profile.interests, with_background=profile.compares_background,
        with_status=not prefilter, with_email=not prefilter, prefilter=sql_prefilter,
        volunteer_ids=volunteer_ids)


# Planner settings the candidate query needs on PostgreSQL (config/settings/base.py sets
# them for every connection). The per-row language subquery makes the estimate large
# enough to trigger JIT compilation, which then spends 100+ ms compiling a query that runs
# in tens of milliseconds; and with the default random_page_cost (4, for spinning disks)
# the planner hashes the whole language table (all organisations) instead of probing the
# index for the few hundred rows of a small organisation.
PLANNER_SETTINGS = {"jit": "off", "random_page_cost": "1.1"}


def _planner_settings_in_connection() -> bool:
    options = connection.settings_dict.get("OPTIONS", {}).get("options", "")
    return all(f"{name}={value}" in options for name, value in PLANNER_SETTINGS.items())


def fetch_rows(query: CandidateQuery) -> list[tuple]:
    """Run the candidate query and return its rows as tuples, in `query.columns` order
    (straight from the cursor: none of the columns needs a Django converter)."""
    sql, params = query.sql, query.params
    if connection.vendor != "postgresql" or _planner_settings_in_connection():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(   # local to this transaction
            f"set_config('{name}', '{value}', true)" for name, value in PLANNER_SETTINGS.items()))
        cursor.execute(sql, params)
        return cursor.fetchall()


def email_lookup(ids) -> dict[int, str]:
    sql, params = email_query(ids)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


def candidates_from_rows(columns: list[str], rows: list[tuple], *, facts: MatchFacts, now,
                         languages=(), interests=()) -> Candidates:
    """Arrays for the scoring from the rows of a candidate query."""
    n = len(rows)
    data = dict(zip(columns, zip(*rows, strict=True), strict=True)) if rows else dict.fromkeys(columns, ())
    ids = np.fromiter(data["id"], np.int64, n)
    since = np.fromiter(data["_since"], np.float64, n)
    waiting = np.maximum(0.0, (now.timestamp() - since) / DAY)
    if facts.ever_active:
        waiting[np.isin(ids, np.fromiter(facts.ever_active, np.int64, len(facts.ever_active)))] = 0.0
    packed = np.fromiter((p or 0 for p in data.get("_languages", ())), np.int64, n) \
        if "_languages" in data else np.zeros(n, np.int64)
    candidates = Candidates(
        ids=ids,
        emails=np.array(data["_email"], dtype=object) if "_email" in data else None,
        available=(np.array(data["_status"], dtype=object) == Volunteer.Status.ACTIVE
                   if "_status" in data else np.ones(n, bool)),
        slots=np.fromiter(data["_slots"], np.int64, n),
        activities=np.fromiter(data["_activities"], np.int64, n),
        motivations=np.fromiter(data["_motivations"], np.int64, n),
        commitment=np.fromiter(data["_commitment"], np.int8, n),
        gender=np.fromiter(data["_gender"], np.int8, n),
        latitude=np.array(data["_latitude"], dtype=np.float64).reshape(n),   # None -> nan
        longitude=np.array(data["_longitude"], dtype=np.float64).reshape(n),
        max_distance_km=np.fromiter(data["_max_distance_km"], np.float64, n),
        hours_per_week=np.array(data["_hours_per_week"], dtype=np.float64).reshape(n),
        hours_committed=_lookup(ids, facts.running_hours),
        days_waiting_first=waiting,
        intercultural_training=np.fromiter(data["_training"], bool, n),
        languages={code: ((packed >> (PACK_BITS * i)) & 7).astype(np.int8)
                   for i, code in enumerate(languages)},
        interests={tag: np.fromiter(data[f"_interest_{i}"], np.int8, n).astype(bool)
                   for i, tag in enumerate(interests)},
        background=(_normalised(data["_background"]) if "_background" in data else None),
        newcomer=np.fromiter(data["_newcomer"], np.int8, n).astype(bool),
        email_lookup=email_lookup,
    )
    return candidates


def _normalised(backgrounds) -> np.ndarray:
    """Backgrounds normalised for comparison; there are few distinct ones, so normalise
    each distinct value once."""
    values, inverse = np.unique(np.array(backgrounds, dtype=object).astype(str), return_inverse=True)
    return np.array([normalise_background(v) for v in values], dtype=object)[inverse.reshape(-1)] \
        if len(values) else np.array([], dtype=object)


def candidates_for_request(*, request: HelpRequest, profile: RequestProfile, facts: MatchFacts,
                           prefilter: bool = True, volunteer_ids=None, now=None) -> Candidates:
    now = now or timezone.now()
    query = candidate_query(request=request, profile=profile, facts=facts, prefilter=prefilter,
                            volunteer_ids=volunteer_ids)
    if query is None:
        return candidates_from_rows(EMPTY_COLUMNS, [], facts=facts, now=now)
    return candidates_from_rows(query.columns, fetch_rows(query), facts=facts, now=now,
                                languages=query.languages, interests=query.interests)


def request_ranking(*, request: HelpRequest, weights: Weights | None = None,
                    prefilter: bool = True, volunteer_ids=None, now=None) -> scoring.Ranking:
    """Rank the organisation's volunteers for `request` (the scoring's raw result).
    Without `prefilter` every volunteer is loaded, so the ranking also says why each
    excluded one is excluded; `volunteer_ids` limits it to those volunteers."""
    now = now or timezone.now()
    facts = match_facts(organisation_id=request.organisation_id, request_ids=[request.pk],
                        own_request=request.pk)
    profile = request_profile(request=request, facts=facts, now=now)
    candidates = candidates_for_request(request=request, profile=profile, facts=facts,
                                        prefilter=prefilter, volunteer_ids=volunteer_ids, now=now)
    weights = weights or weights_for(organisation=request.organisation)
    return scoring.rank(profile, candidates, weights)


# --- the whole organisation at once ------------------------------------------------------

def candidate_pool(*, organisation: Organisation, facts: MatchFacts, now=None) -> Candidates:
    """Every active volunteer of the organisation with all their languages, interests and
    stated backgrounds: scored against many requests in turn (queue, global pairing)."""
    now = now or timezone.now()
    query = build_candidate_query(organisation_id=organisation.pk, with_background=True,
                                  with_email=True, with_interests_text=True, only_active=True)
    rows = fetch_rows(query)
    pool = candidates_from_rows(query.columns, rows, facts=facts, now=now)
    n = len(pool)
    position = {int(pk): i for i, pk in enumerate(pool.ids)}
    languages: dict[str, np.ndarray] = {}
    for volunteer_id, code, level in (VolunteerLanguage.objects
                                      .filter(volunteer__organisation=organisation,
                                              volunteer__status=Volunteer.Status.ACTIVE,
                                              volunteer__anonymised_at__isnull=True,
                                              volunteer__user__isnull=False)
                                      .values_list("volunteer_id", "language", "level")
                                      .order_by()):
        column = languages.setdefault(code, np.zeros(n, np.int8))
        column[position[volunteer_id]] = level
    interests: dict[str, np.ndarray] = {}
    text_column = query.columns.index("_interests_text")
    for i, row in enumerate(rows):
        for tag in _parse_tags(row[text_column]):
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
    return (requests_for_matching().select_related("caregiver", "recipient")
            .filter(organisation=organisation,
                    status__in=[HelpRequest.Status.INTAKE_DONE, HelpRequest.Status.MATCHING])
            .annotate(has_pending=Exists(pending))
            .order_by("received_at", "pk"))


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
    facts = match_facts(organisation_id=organisation.pk, request_ids=[r.pk for r in requests])
    pool = candidate_pool(organisation=organisation, facts=facts, now=now)
    weights = weights_for(organisation=organisation)
    rows = []
    for request, profile in zip(requests, requests_profiles(requests, facts=facts, now=now),
                                strict=True):
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
    _hours, free = scoring.criteria.free_hours(pool)
    copies = np.floor(np.maximum(free, 0) / VISIT_HOURS + 1e-9).astype(np.int64)
    return np.where(pool.hours_committed <= 0, np.maximum(copies, 1), copies)


def global_pairing_preview(*, organisation: Organisation, now=None, shortlist: int = 20,
                           requests=None, pool: Candidates | None = None) -> PairingPreview:
    """Pairings for every open request without a pending proposal, maximising the total
    score (see scoring.pairing), with the greedy result to compare."""
    started = time.perf_counter()
    now = now or timezone.now()
    if requests is None:
        requests = [r for r in open_requests(organisation=organisation) if not r.has_pending]
    requests = list(requests)
    facts = match_facts(organisation_id=organisation.pk, request_ids=[r.pk for r in requests])
    pool = pool if pool is not None else candidate_pool(organisation=organisation, facts=facts,
                                                        now=now)
    weights = weights_for(organisation=organisation)
    capacity = pool_capacity(pool)
    # Greedy may have to look past candidates taken by earlier requests: never deeper than
    # the number of requests.
    depth = len(requests) + shortlist
    ranked = []
    for profile in requests_profiles(requests, facts=facts, now=now):
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


def volunteer_matches(*, volunteer: Volunteer):
    return (Match.objects.filter(volunteer=volunteer).select_related("request", "proposed_by")
            .order_by("-proposed_at", "-pk"))


def volunteer_rejections(*, volunteer: Volunteer):
    return (Rejection.objects.filter(volunteer=volunteer).select_related("request", "by")
            .order_by("-at", "-pk"))


def volunteer_matching_data(*, volunteer: Volunteer) -> dict:
    """The volunteer's own matching data for "download my data": their matches and the
    reasons they were not chosen. Nothing about the families (that is their data)."""
    def iso(value):
        return value.isoformat() if value else None

    return {
        "matches": [{
            "status": m.status, "proposed_at": iso(m.proposed_at),
            "volunteer_accepted_at": iso(m.volunteer_accepted_at),
            "caregiver_accepted_at": iso(m.caregiver_accepted_at),
            "introduction_at": iso(m.introduction_at), "active_at": iso(m.active_at),
            "durable_at": iso(m.durable_at), "ended_at": iso(m.ended_at),
            "declined_at": iso(m.declined_at), "declined_by": m.declined_by_party or None,
            "score": m.score, "breakdown": m.breakdown, "note": m.note,
        } for m in Match.objects.filter(volunteer=volunteer).order_by("proposed_at", "pk")],
        "not_chosen": [{"at": iso(r.at), "reason": r.reason, "text": r.text}
                       for r in Rejection.objects.filter(volunteer=volunteer).order_by("at", "pk")],
    }


def pending_proposal_count(*, organisation: Organisation) -> int:
    return Match.objects.filter(organisation=organisation, status__in=Match.OPEN_STATUSES).count()


EMPTY_COLUMNS = ["id", "_slots", "_activities", "_motivations", "_commitment", "_gender",
                 "_latitude", "_longitude", "_max_distance_km", "_hours_per_week", "_training",
                 "_newcomer", "_since", "_languages"]


def open_tasks(*, organisation: Organisation, assignee=None):
    """The organisation's tasks not done yet, the longest overdue first. With `assignee`:
    theirs plus the ones assigned to nobody."""
    tasks = Task.objects.filter(organisation=organisation, done_at__isnull=True)
    if assignee is not None:
        tasks = tasks.filter(Q(assignee=assignee) | Q(assignee__isnull=True))
    return tasks.select_related("match", "volunteer", "request", "assignee").order_by(
        "due_at", "pk")


def match_settings_for(*, organisation: Organisation) -> MatchSettings:
    """The organisation's lifecycle deadlines; an unsaved row with the defaults without one."""
    found = MatchSettings.objects.filter(organisation=organisation).first()
    return found or MatchSettings(organisation=organisation)


def matches_for_staff():
    """Matches with what the staff page of one match shows (filter by organisation with
    core.access.get_for_staff)."""
    return Match.objects.select_related(
        "organisation", "volunteer__user", "request__caregiver", "request__recipient",
        "proposed_by")


def match_timeline(*, match: Match):
    return match.transitions.select_related("by").order_by("at", "pk")


def volunteer_own_matches(*, volunteer: Volunteer):
    """What the volunteer sees in Mijn Koppel: their proposals and matches, newest first."""
    return (Match.objects.filter(volunteer=volunteer)
            .select_related("request__recipient", "request__caregiver", "organisation")
            .order_by("-proposed_at", "-pk"))
