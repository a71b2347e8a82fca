"""Reads of the dashboard: counts and series over every app, a fixed number of queries each
whatever the size of the organisation (tests/dashboard/test_query_counts.py).

Every figure can be narrowed to a neighbourhood: requests and matches by the request's PC4,
volunteers and journeys by the volunteer's. A neighbourhood is a name in the postcode table
(all its PC4 areas) or a 4-digit code.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Substr, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from caregivers.models import HelpRequest
from checkins.answers import Answer
from checkins.models import CheckIn
from core.models import Organisation, Postcode
from journey.models import PHASE_ORDER, Journey, JourneyStep, Phase, StepDefinition
from matchmaking.models import EndReason, Match, Rejection, RejectionReason, Task

from .filters import DashboardFilters
from .models import TopSuggestion

WAITING_BUCKETS = [(0, 7), (8, 14), (15, 30), (31, 60), (61, 90), (91, None)]
# Volunteers whose instroom has an action overdue by more than this wait too long.
INTAKE_GRACE_DAYS = 0
# Matches waiting for an answer: nobody has said yes to both sides yet.
WAITING_FOR_ANSWER = (Match.Status.PROPOSED, Match.Status.VOLUNTEER_ACCEPTED)
CACHE_SECONDS = 120
LIST_SHOWN = 10


# --- neighbourhoods ----------------------------------------------------------------------

def neighbourhoods(*, organisation: Organisation, version: int | None = None) -> list[str]:
    """Names of the neighbourhoods where the organisation has help requests (cached until
    a request changes)."""
    def names():
        used = (HelpRequest.objects.filter(organisation=organisation)
                .annotate(pc4=Substr("postcode", 1, 4)).values("pc4"))
        return list(Postcode.objects.filter(code__in=Subquery(used)).exclude(name="")
                    .values_list("name", flat=True).distinct().order_by("name"))

    if version is None:
        version = figures_version(organisation.pk)
    key = f"dashboard:areas:{organisation.pk}:{version}"
    return cache.get_or_set(key, names, CACHE_SECONDS * 5)


def in_area(queryset: QuerySet, postcode_field: str, area: str) -> QuerySet:
    """Rows whose postcode (at `postcode_field`) lies in the neighbourhood `area`."""
    if not area:
        return queryset
    queryset = queryset.annotate(_pc4=Substr(postcode_field, 1, 4))
    if area[:4].isdigit():
        return queryset.filter(_pc4=area[:4])
    return queryset.filter(_pc4__in=Subquery(Postcode.objects.filter(name=area).values("code")))


def period_start(*, months: int, now) -> datetime:
    """The first moment of the month `months - 1` months before this one."""
    local = timezone.localtime(now)
    year, month = local.year, local.month - (months - 1)
    while month < 1:
        month += 12
        year -= 1
    return local.replace(year=year, month=month, day=1, hour=0, minute=0, second=0,
                         microsecond=0)


def month_starts(*, months: int, now) -> list[date]:
    start = period_start(months=months, now=now).date()
    result = []
    for _i in range(months):
        result.append(start)
        start = (start + timedelta(days=32)).replace(day=1)
    return result


# --- requests ----------------------------------------------------------------------------

def open_requests(*, organisation: Organisation, area: str = "") -> QuerySet[HelpRequest]:
    return in_area(HelpRequest.objects.filter(organisation=organisation,
                                              status__in=HelpRequest.OPEN_STATUSES),
                   "postcode", area)


@dataclass
class RequestFigures:
    open: int = 0
    median_days: float | None = None
    buckets: list[tuple[str, int]] = field(default_factory=list)


def _bucket_label(low, high) -> str:
    if high is None:
        return _("meer dan %(n)s dagen") % {"n": low - 1}
    return _("%(low)s-%(high)s dagen") % {"low": low, "high": high}


def request_figures(*, organisation: Organisation, area: str = "", now=None) -> RequestFigures:
    """Open requests, their median waiting days and how many wait how long. Two queries."""
    now = now or timezone.now()
    requests = open_requests(organisation=organisation, area=area)
    counts = {"total": Count("pk")}
    for i, (low, high) in enumerate(WAITING_BUCKETS):
        # waiting `low` days or more means received on or before now - low days
        condition = Q(received_at__lte=now - timedelta(days=low))
        if high is not None:
            condition &= Q(received_at__gt=now - timedelta(days=high + 1))
        counts[f"b{i}"] = Count("pk", filter=condition)
    row = requests.aggregate(**counts)
    figures = RequestFigures(open=row["total"], buckets=[
        (_bucket_label(low, high), row[f"b{i}"]) for i, (low, high) in enumerate(WAITING_BUCKETS)])
    if figures.open:
        n = figures.open
        middle = list(requests.order_by("received_at", "pk")
                      .values_list("received_at", flat=True)[(n - 1) // 2:n // 2 + 1])
        days = [max(0, (now - received).days) for received in middle]
        figures.median_days = sum(days) / len(days)
    return figures


# --- matches -----------------------------------------------------------------------------

def matches_in_area(*, organisation: Organisation, area: str = "") -> QuerySet[Match]:
    return in_area(Match.objects.filter(organisation=organisation), "request__postcode", area)


@dataclass
class MatchFigures:
    active: int = 0
    durable: int = 0
    waiting_answer: int = 0
    suggestions_to_review: int = 0


def match_figures(*, organisation: Organisation, area: str = "") -> MatchFigures:
    """Active and durable matches, proposals waiting for an answer (one query) and open
    requests whose stored best suggestion nobody has acted on yet (one query)."""
    row = matches_in_area(organisation=organisation, area=area).aggregate(
        active=Count("pk", filter=Q(status=Match.Status.ACTIVE)),
        durable=Count("pk", filter=Q(status=Match.Status.ACTIVE, durable_at__isnull=False)),
        waiting_answer=Count("pk", filter=Q(status__in=WAITING_FOR_ANSWER)),
    )
    pending = Match.objects.filter(request=OuterRef("request"), status__in=Match.OPEN_STATUSES)
    to_review = in_area(
        TopSuggestion.objects.filter(
            organisation=organisation, volunteer__isnull=False,
            request__status__in=[HelpRequest.Status.INTAKE_DONE, HelpRequest.Status.MATCHING])
        .exclude(Exists(pending)), "request__postcode", area).count()
    return MatchFigures(suggestions_to_review=to_review, **row)


def waiting_for_answer(*, organisation: Organisation, area: str = "") -> QuerySet[Match]:
    """Proposals nobody has said yes to on both sides, oldest first."""
    return (matches_in_area(organisation=organisation, area=area)
            .filter(status__in=WAITING_FOR_ANSWER)
            .select_related("request", "volunteer", "proposed_by")
            .order_by("proposed_at", "pk"))


def introductions_between(*, organisation: Organisation, start, end, area: str = ""):
    return (matches_in_area(organisation=organisation, area=area)
            .filter(introduction_at__gte=start, introduction_at__lt=end)
            .exclude(status=Match.Status.DECLINED)
            .select_related("request", "volunteer")
            .order_by("introduction_at", "pk"))


def week_bounds(now) -> tuple[datetime, datetime]:
    """The coming week: from the start of today to seven days later (on a Friday, the
    introductions of Monday matter more than those of last Monday)."""
    start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + timedelta(days=7)


def matches_per_month(*, organisation: Organisation, filters: DashboardFilters, now=None
                      ) -> list[tuple[date, int, int]]:
    """(month, started, ended) for each month of the period. Two queries."""
    now = now or timezone.now()
    start = period_start(months=filters.months, now=now)
    matches = matches_in_area(organisation=organisation, area=filters.area)

    def per_month(field_name):
        rows = (matches.filter(**{f"{field_name}__gte": start})
                .annotate(month=TruncMonth(field_name)).values("month")
                .annotate(n=Count("pk")).values_list("month", "n").order_by())
        result = {}
        for month, n in rows:
            key = month.date() if isinstance(month, datetime) else month
            result[key] = result.get(key, 0) + n
        return result

    started, ended = per_month("active_at"), per_month("ended_at")
    return [(month, started.get(month, 0), ended.get(month, 0))
            for month in month_starts(months=filters.months, now=now)]


def rejection_reasons(*, organisation: Organisation, filters: DashboardFilters, now=None
                      ) -> list[tuple[str, int]]:
    """(label, count) for every rejection reason in the period, most frequent first."""
    now = now or timezone.now()
    rejections = in_area(Rejection.objects.filter(
        organisation=organisation, at__gte=period_start(months=filters.months, now=now)),
        "request__postcode", filters.area)
    counts = dict(rejections.values("reason").annotate(n=Count("pk"))
                  .values_list("reason", "n").order_by())
    rows = [(str(label).capitalize(), counts.get(code, 0)) for code, label in RejectionReason.choices]
    return sorted(rows, key=lambda row: -row[1])


def ending_reasons(*, organisation: Organisation, filters: DashboardFilters, now=None
                   ) -> list[tuple[str, int]]:
    """(label, count) for every reason an active match ended in the period, most frequent
    first; matches ended without a code (before the lifecycle recorded one) as "unknown"."""
    now = now or timezone.now()
    counts = dict(matches_in_area(organisation=organisation, area=filters.area)
                  .filter(status=Match.Status.ENDED,
                          ended_at__gte=period_start(months=filters.months, now=now))
                  .values("end_reason_code").annotate(n=Count("pk"))
                  .values_list("end_reason_code", "n").order_by())
    rows = [(str(label).capitalize(), counts.get(code, 0)) for code, label in EndReason.choices]
    if counts.get(""):
        rows.append((_("geen reden opgegeven").capitalize(), counts[""]))
    return sorted(rows, key=lambda row: -row[1])


# --- check-ins and tasks -----------------------------------------------------------------

@dataclass
class CheckInFigures:
    due: int = 0        # planned, due in the coming week (or already due and not sent yet)
    overdue: int = 0    # asked, reminded, still no answer
    flagged: int = 0    # "niet goed", and nobody has acted on it yet


def _flag_open():
    return Exists(Task.objects.filter(match=OuterRef("match"), kind=Task.Kind.CHECKIN_FLAGGED,
                                      done_at__isnull=True))


def checkin_figures(*, organisation: Organisation, area: str = "", now=None) -> CheckInFigures:
    """One query."""
    now = now or timezone.now()
    row = in_area(CheckIn.objects.filter(organisation=organisation), "match__request__postcode",
                  area).aggregate(
        due=Count("pk", filter=Q(status__in=[CheckIn.Status.PLANNED, CheckIn.Status.CLAIMED],
                                 due_at__lt=now + timedelta(days=7))),
        overdue=Count("pk", filter=Q(status__in=[CheckIn.Status.REMINDED,
                                                 CheckIn.Status.ESCALATED])),
        flagged=Count("pk", filter=Q(flagged_at__isnull=False) & Q(_flag_open())),
    )
    return CheckInFigures(**row)


def checkin_answers(*, organisation: Organisation, filters: DashboardFilters, now=None
                    ) -> list[tuple[str, int]]:
    """(answer, count) of the check-ins answered in the period, in the order of the
    question (goed, kan beter, niet goed): how the matches are going, in one query."""
    now = now or timezone.now()
    counts = dict(in_area(CheckIn.objects.filter(
        organisation=organisation, status=CheckIn.Status.ANSWERED,
        answered_at__gte=period_start(months=filters.months, now=now)),
        "match__request__postcode", filters.area)
        .values("answer").annotate(n=Count("pk")).values_list("answer", "n").order_by())
    return [(str(label).capitalize(), counts.get(code, 0)) for code, label in Answer.choices]


def flagged_checkins(*, organisation: Organisation, area: str = "") -> QuerySet[CheckIn]:
    """"Niet goed" answers nobody has acted on yet, oldest first, each with its open task
    (the one click that says "handled")."""
    tasks = Task.objects.filter(match=OuterRef("match"), kind=Task.Kind.CHECKIN_FLAGGED,
                                done_at__isnull=True).order_by("pk")
    return (in_area(CheckIn.objects.filter(organisation=organisation, flagged_at__isnull=False),
                    "match__request__postcode", area)
            .annotate(open_task_id=Subquery(tasks.values("pk")[:1]))
            .filter(open_task_id__isnull=False)
            .select_related("match__request", "match__volunteer")
            .order_by("flagged_at", "pk"))


def my_tasks(*, user, organisation: Organisation) -> QuerySet[Task]:
    """Open tasks assigned to the user, overdue first."""
    return (Task.objects.filter(organisation=organisation, assignee=user, done_at__isnull=True)
            .select_related("match__request", "volunteer")
            .order_by("due_at", "pk"))


def task_counts(tasks: QuerySet, *, now) -> dict:
    today = timezone.localdate(now)
    start = timezone.make_aware(datetime.combine(today, datetime.min.time()))
    return tasks.aggregate(total=Count("pk"), overdue=Count("pk", filter=Q(due_at__lt=start)),
                           today=Count("pk", filter=Q(due_at__gte=start,
                                                      due_at__lt=start + timedelta(days=1))))


# --- journeys ----------------------------------------------------------------------------

def current_journeys(*, organisation: Organisation, area: str = "") -> QuerySet[Journey]:
    """Each volunteer's latest journey (an alumnus's closed one counts too)."""
    later = Journey.objects.filter(volunteer=OuterRef("volunteer"), number__gt=OuterRef("number"))
    return in_area(Journey.objects.filter(organisation=organisation,
                                          volunteer__anonymised_at__isnull=True)
                   .exclude(Exists(later)), "volunteer__postcode", area)


def phase_counts(*, organisation: Organisation, area: str = "") -> list[tuple[str, int]]:
    counts = dict(current_journeys(organisation=organisation, area=area)
                  .values("phase").annotate(n=Count("pk")).values_list("phase", "n").order_by())
    return [(str(phase.label).capitalize(), counts.get(phase, 0)) for phase in PHASE_ORDER]


def intake_funnel(*, organisation: Organisation, filters: DashboardFilters, now=None
                  ) -> list[tuple[str, int]]:
    """Of the volunteers who signed up in the period: how many got through each step of
    the instroom. Three queries."""
    now = now or timezone.now()
    started = in_area(Journey.objects.filter(
        organisation=organisation, started_at__gte=period_start(months=filters.months, now=now),
        imported=False), "volunteer__postcode", filters.area)
    total = started.count()
    done = dict(JourneyStep.objects.filter(journey__in=started.values("pk"), phase=Phase.INTAKE,
                                           completed_at__isnull=False, skipped=False)
                .values("definition_id").annotate(n=Count("journey_id", distinct=True))
                .values_list("definition_id", "n").order_by())
    definitions = StepDefinition.objects.filter(organisation=organisation, phase=Phase.INTAKE,
                                                active=True).order_by("order", "pk")
    rows = [(_("aangemeld"), total)]
    rows += [(d.label, done.get(d.pk, 0)) for d in definitions if d.code != "signed_up"]
    return rows


def intake_waiting_too_long(*, organisation: Organisation, area: str = "", today=None
                            ) -> QuerySet[Journey]:
    """Volunteers in instroom with an action past its date: the longest overdue first."""
    today = today or timezone.localdate()
    return (current_journeys(organisation=organisation, area=area)
            .filter(phase=Phase.INTAKE, ended_at=None)
            .annotate(oldest_due=Min("steps__due_date", filter=Q(steps__completed_at=None)))
            .filter(oldest_due__lt=today - timedelta(days=INTAKE_GRACE_DAYS))
            .select_related("volunteer", "coordinator")
            .order_by("oldest_due", "pk"))


# --- the worklist ------------------------------------------------------------------------

def my_journey_actions(*, user, organisation: Organisation) -> QuerySet[JourneyStep]:
    """The open journey actions the user owns: overdue first, undated last."""
    return (JourneyStep.objects.filter(owner=user, organisation=organisation, completed_at=None,
                                       journey__ended_at=None,
                                       journey__volunteer__anonymised_at=None)
            .select_related("definition", "journey__volunteer")
            .only("due_date", "rescheduled_count", "definition__code", "definition__name",
                  "journey__volunteer__first_name", "journey__volunteer__last_name")
            .order_by(F("due_date").asc(nulls_last=True), "pk"))


def action_counts(actions: QuerySet, *, today: date) -> dict:
    return actions.aggregate(total=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today)),
                             today=Count("pk", filter=Q(due_date=today)))


def worklist_counts(*, actions: QuerySet, tasks: QuerySet, user, organisation: Organisation,
                    now) -> dict:
    """Overdue, due today and open, journey actions and tasks together; kept until one of
    the organisation's journeys, steps or tasks changes."""
    today = timezone.localdate(now)

    def counts():
        steps, todo = action_counts(actions, today=today), task_counts(tasks, now=now)
        return {key: steps[key] + todo[key] for key in ("total", "overdue", "today")}

    key = f"dashboard:worklist:{organisation.pk}:{figures_version(organisation.pk)}:{user.pk}:{today}"
    return cache.get_or_set(key, counts, CACHE_SECONDS)


# --- the coordinator home, cached briefly -----------------------------------------------

@dataclass
class HomeFigures:
    requests: RequestFigures
    matches: MatchFigures
    intake_overdue: int
    phases: list
    funnel: list
    per_month: list
    rejections: list
    endings: list
    checkins: CheckInFigures
    answers: list


def figures_version(organisation_id: int) -> int:
    return cache.get_or_set(f"dashboard:v:{organisation_id}", 1, None)


def invalidate(organisation_id: int) -> None:
    """Something the figures count changed: the next view computes them again."""
    key = f"dashboard:v:{organisation_id}"
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 2, None)


def home_figures(*, organisation: Organisation, filters: DashboardFilters, now=None,
                 use_cache: bool = True) -> HomeFigures:
    """Every aggregate of the coordinator home for one organisation and filter: kept for
    CACHE_SECONDS, or until a request, match, rejection or journey of the organisation
    changes (dashboard/receivers.py)."""
    now = now or timezone.now()
    key = f"dashboard:home:{organisation.pk}:{figures_version(organisation.pk)}:{filters.key}:" \
          f"{timezone.localdate(now).isoformat()}"
    if use_cache:
        cached = cache.get(key)
        if cached is not None:
            return cached
    figures = HomeFigures(
        requests=request_figures(organisation=organisation, area=filters.area, now=now),
        matches=match_figures(organisation=organisation, area=filters.area),
        intake_overdue=intake_waiting_too_long(organisation=organisation, area=filters.area,
                                               today=timezone.localdate(now)).count(),
        phases=phase_counts(organisation=organisation, area=filters.area),
        funnel=intake_funnel(organisation=organisation, filters=filters, now=now),
        per_month=matches_per_month(organisation=organisation, filters=filters, now=now),
        rejections=rejection_reasons(organisation=organisation, filters=filters, now=now),
        endings=ending_reasons(organisation=organisation, filters=filters, now=now),
        checkins=checkin_figures(organisation=organisation, area=filters.area, now=now),
        answers=checkin_answers(organisation=organisation, filters=filters, now=now),
    )
    if use_cache:
        cache.set(key, figures, CACHE_SECONDS)
    return figures


# --- the matchmaker's queue --------------------------------------------------------------

def queue_requests(*, organisation: Organisation, area: str = "") -> QuerySet[HelpRequest]:
    """Requests a matchmaker can work on (intake done), longest waiting first, each with
    its stored best suggestion (one query, however many)."""
    pending = Match.objects.filter(request=OuterRef("pk"), status__in=Match.OPEN_STATUSES)
    return (in_area(HelpRequest.objects.filter(
        organisation=organisation,
        status__in=[HelpRequest.Status.INTAKE_DONE, HelpRequest.Status.MATCHING]),
        "postcode", area)
        .select_related("top_suggestion__volunteer")
        .annotate(has_pending=Exists(pending))
        .order_by("received_at", "pk"))


def last_refresh(*, organisation: Organisation):
    return (TopSuggestion.objects.filter(organisation=organisation)
            .order_by("-computed_at").values_list("computed_at", flat=True).first())
