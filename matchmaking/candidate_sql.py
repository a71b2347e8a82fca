"""The SQL that loads candidate volunteers, written out.

It is the hottest query of the matching service, run for every ranking. Built with the ORM
(annotations, subqueries, a box of expressions) it took Python longer to assemble than
PostgreSQL took to run it for a small organisation; written out it costs microseconds. It
returns plain numbers only (bitmasks, small integer codes, packed language levels, epoch
seconds), so rows go straight from the cursor into numpy. Column names come from the
models' metadata. Works on PostgreSQL and SQLite.

Only quoted identifiers from the models' metadata and integer constants are put into the
text; every value (codes, masks, ids, coordinates, tags) is a query parameter, hence the
`noqa: S608` on the f-strings.
"""

import json
from dataclasses import dataclass, field

from django.db import connection

from caregivers.models import HelpRequestLanguage
from core.models import User
from volunteers.models import NewcomerProfile, Volunteer, VolunteerLanguage

from .models import Match, Rejection
from .scoring.codes import COMMITMENT_INDEX, GENDER_INDEX, USABLE_LEVEL, motivation_mask
from .scoring.motivation import NEWCOMER_MOTIVATIONS

PACK_BITS = 3            # a level (1..7) fits in 3 bits; 20 languages fit in one BIGINT
FLOAT = "DOUBLE PRECISION"   # a typed float: an untyped one reaches PostgreSQL as NUMERIC


@dataclass
class Box:
    """Rows whose own maximum distance could reach (latitude, longitude)."""

    latitude: float
    longitude: float
    degrees_per_km_lat: float
    degrees_per_km_lon: float
    unbounded_km: int       # volunteers willing to travel this far are never boxed out


@dataclass
class Prefilter:
    """The hard constraints SQL checks before anything is fetched."""

    slots: int                              # 0: no times requested
    languages: list[str]                    # usable languages of the family (A2+)
    gender: str = ""                        # "" = any
    box: Box | None = None
    leave_out: list[int] = field(default_factory=list)


@dataclass
class CandidateQuery:
    sql: str
    params: list
    columns: list[str]
    languages: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _column(field_name: str, alias="v") -> str:
    return f"{alias}.{_quote(Volunteer._meta.get_field(field_name).column)}"


def _epoch(expression: str) -> str:
    if connection.vendor == "postgresql":
        return f"EXTRACT(EPOCH FROM {expression})::float8"
    return f"((julianday({expression}) - 2440587.5) * 86400.0)"


def _code_case(expression: str, index: dict[str, int], params: list) -> str:
    whens = []
    for code, number in index.items():
        whens.append(f"WHEN %s THEN {int(number)}")
        params.append(code)
    return f"CASE {expression} {' '.join(whens)} ELSE 0 END"


def _placeholders(values) -> str:
    return ", ".join(["%s"] * len(values))


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _newcomer_column(params: list) -> str:
    """1 for a volunteer on the newcomer track. Only the newcomer motivations read it, so
    the track is only looked up for volunteers who stated one of them."""
    track = _quote(NewcomerProfile._meta.db_table)
    track_volunteer = _quote(NewcomerProfile._meta.get_field("volunteer").column)
    params.append(motivation_mask(NEWCOMER_MOTIVATIONS))
    return (f"CASE WHEN ({_column('motivations')} & %s) <> 0 AND EXISTS "  # noqa: S608
            f"(SELECT 1 FROM {track} n WHERE n.{track_volunteer} = v.id) THEN 1 ELSE 0 END")


def candidate_query(*, organisation_id: int, languages=(), interests=(),
                    with_background: bool = False, with_status: bool = False,
                    with_email: bool = False, with_interests_text: bool = False,
                    only_active: bool = False, prefilter: Prefilter | None = None,
                    volunteer_ids=None) -> CandidateQuery:
    """SELECT the organisation's volunteers (never anonymised ones) with the columns the
    scoring reads; `prefilter` adds the hard constraints SQL can check (and implies
    `only_active`)."""
    languages, interests = list(languages), list(interests)
    volunteer = _quote(Volunteer._meta.db_table)
    language_table = _quote(VolunteerLanguage._meta.db_table)
    language_volunteer = _quote(VolunteerLanguage._meta.get_field("volunteer").column)
    language_code = _quote(VolunteerLanguage._meta.get_field("language").column)
    language_level = _quote(VolunteerLanguage._meta.get_field("level").column)

    select_params: list = []
    select = [
        ("id", _column("id")),
        ("_slots", _column("slots")),
        ("_activities", _column("activities")),
        ("_motivations", _column("motivations")),
        ("_commitment", _code_case(_column("commitment"), COMMITMENT_INDEX, select_params)),
        ("_gender", _code_case(_column("gender"), GENDER_INDEX, select_params)),
        ("_latitude", _column("latitude")),
        ("_longitude", _column("longitude")),
        ("_max_distance_km", _column("max_distance_km")),
        ("_hours_per_week", _column("hours_per_week")),
        ("_training", _column("intercultural_training")),
        ("_newcomer", _newcomer_column(select_params)),
        ("_since", _epoch(f"COALESCE({_column('signed_up_at')}, {_column('created_at')})")),
    ]
    if languages:
        # Per volunteer, their levels (A2 or better) in the family's languages, 3 bits each.
        whens = []
        for i, code in enumerate(languages):
            whens.append(f"WHEN %s THEN l.{language_level} * {1 << (PACK_BITS * i)}")
            select_params.append(code)
        select_params.extend(languages)
        select_params.append(USABLE_LEVEL)
        select.append(("_languages",
                       f"(SELECT SUM(CASE l.{language_code} {' '.join(whens)} ELSE 0 END) "  # noqa: S608
                       f"FROM {language_table} l WHERE l.{language_volunteer} = v.id "
                       f"AND l.{language_code} IN ({_placeholders(languages)}) "
                       f"AND l.{language_level} >= %s)"))
    else:
        select.append(("_languages", "0"))
    interests_text = f"lower(CAST({_column('interests')} AS TEXT))"
    for i, tag in enumerate(interests):
        # Interests are a JSON list of free tags: look for the quoted tag in its text, as
        # stored by SQLite (ASCII escapes) and by PostgreSQL (UTF-8).
        variants = sorted({json.dumps(tag), json.dumps(tag, ensure_ascii=False)})
        condition = " OR ".join([f"{interests_text} LIKE %s ESCAPE '\\'"] * len(variants))
        select_params.extend(_like(v) for v in variants)
        select.append((f"_interest_{i}", f"CASE WHEN {condition} THEN 1 ELSE 0 END"))
    if with_background:
        select.append(("_background", f"CASE WHEN {_column('background_consent_at')} IS NOT NULL "
                                      f"THEN {_column('background')} ELSE '' END"))
    if with_status:
        select.append(("_status", _column("status")))
    if with_email:
        user = _quote(User._meta.db_table)
        select.append(("_email", f"(SELECT u.{_quote(User._meta.get_field('email').column)} "  # noqa: S608
                                 f"FROM {user} u WHERE u.id = {_column('user')})"))
    if with_interests_text:
        select.append(("_interests_text", f"CAST({_column('interests')} AS TEXT)"))

    where = [f"{_column('organisation')} = %s", f"{_column('anonymised_at')} IS NULL",
             f"{_column('user')} IS NOT NULL"]
    where_params: list = [organisation_id]
    if volunteer_ids is not None:
        ids = [int(pk) for pk in volunteer_ids] or [0]
        where.append(f"v.id IN ({_placeholders(ids)})")
        where_params.extend(ids)
    if only_active or prefilter is not None:
        where.append(f"{_column('status')} = %s")
        where_params.append(Volunteer.Status.ACTIVE)
    if prefilter is not None:
        if prefilter.slots:
            where.append(f"({_column('slots')} & %s) <> 0")
            where_params.append(prefilter.slots)
        where.append(f"EXISTS (SELECT 1 FROM {language_table} e WHERE e.{language_volunteer} = v.id "  # noqa: S608
                     f"AND e.{language_code} IN ({_placeholders(prefilter.languages)}) "
                     f"AND e.{language_level} >= %s)")
        where_params.extend(prefilter.languages)
        where_params.append(USABLE_LEVEL)
        if prefilter.gender:
            where.append(f"{_column('gender')} = %s")
            where_params.append(prefilter.gender)
        if prefilter.box is not None:
            box = prefilter.box
            lat, lon, reach = _column("latitude"), _column("longitude"), _column("max_distance_km")
            where.append(
                f"({lat} IS NULL OR {lon} IS NULL OR {reach} >= %s OR "
                f"(ABS({lat} - CAST(%s AS {FLOAT})) <= {reach} * CAST(%s AS {FLOAT}) AND "
                f"ABS({lon} - CAST(%s AS {FLOAT})) <= {reach} * CAST(%s AS {FLOAT})))")
            where_params.extend([box.unbounded_km, box.latitude, box.degrees_per_km_lat,
                                 box.longitude, box.degrees_per_km_lon])
        if prefilter.leave_out:
            where.append(f"v.id NOT IN ({_placeholders(prefilter.leave_out)})")
            where_params.extend(int(pk) for pk in prefilter.leave_out)

    sql = (f"SELECT {', '.join(expression for _name, expression in select)} "  # noqa: S608
           f"FROM {volunteer} v WHERE {' AND '.join(where)}")
    return CandidateQuery(sql, select_params + where_params, [name for name, _e in select],
                          languages, interests)


def facts_query(*, organisation_id: int, request_ids, running_statuses, closed_statuses):
    """One query for what a ranking needs besides the volunteers: the organisation's
    running and ever-started matches, and for `request_ids` their closed matches,
    rejections and languages. Rows: (kind, volunteer, request, status or language code,
    hours or level, started, the volunteer's stated hours)."""
    def table(model):
        return _quote(model._meta.db_table)

    def column(model, name, alias):
        return f"{alias}.{_quote(model._meta.get_field(name).column)}"

    requests = [int(pk) for pk in request_ids] or [0]
    running, closed = list(running_statuses), list(closed_statuses)
    def m(name):
        return column(Match, name, "m")

    sql = (
        f"SELECT 'match', {m('volunteer')}, {m('request')}, {m('status')}, "  # noqa: S608
        f"{m('hours_per_week')}, CASE WHEN {m('active_at')} IS NULL THEN 0 ELSE 1 END, "
        f"{_column('hours_per_week')} "
        f"FROM {table(Match)} m JOIN {_quote(Volunteer._meta.db_table)} v ON v.id = {m('volunteer')} "
        f"WHERE {m('organisation')} = %s AND ({m('status')} IN ({_placeholders(running)}) "
        f"OR {m('active_at')} IS NOT NULL OR ({m('request')} IN ({_placeholders(requests)}) "
        f"AND {m('status')} IN ({_placeholders(closed)}))) "
        f"UNION ALL "
        f"SELECT 'rejection', {column(Rejection, 'volunteer', 'r')}, {column(Rejection, 'request', 'r')}, "
        f"'', CAST(0 AS {FLOAT}), 0, NULL FROM {table(Rejection)} r "
        f"WHERE {column(Rejection, 'request', 'r')} IN ({_placeholders(requests)}) "
        f"UNION ALL "
        f"SELECT 'language', NULL, {column(HelpRequestLanguage, 'request', 'l')}, "
        f"{column(HelpRequestLanguage, 'language', 'l')}, "
        f"CAST({column(HelpRequestLanguage, 'level', 'l')} AS {FLOAT}), 0, NULL "
        f"FROM {table(HelpRequestLanguage)} l "
        f"WHERE {column(HelpRequestLanguage, 'request', 'l')} IN ({_placeholders(requests)})"
    )
    params = [organisation_id, *running, *requests, *closed, *requests, *requests]
    return sql, params


def email_query(volunteer_ids) -> tuple[str, list]:
    """(volunteer id, e-mail) of the given volunteers."""
    ids = [int(pk) for pk in volunteer_ids] or [0]
    user, volunteer = _quote(User._meta.db_table), _quote(Volunteer._meta.db_table)
    email = _quote(User._meta.get_field("email").column)
    return (f"SELECT v.id, u.{email} FROM {volunteer} v JOIN {user} u "  # noqa: S608
            f"ON u.id = {_column('user')} WHERE v.id IN ({_placeholders(ids)})", ids)
