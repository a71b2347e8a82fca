"""The dashboards: the coordinator's home (cards, the worklist "vandaag", charts) and the
matchmaker's queue, each with filters that work with and without htmx, and every list as
CSV. Read-only: the one-click actions post to the app that owns the thing."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from core.access import COORDINATORS, MATCHMAKERS, STAFF, staff_required
from core.csvio import write_table
from core.models import AuditEvent
from core.services import audit_record
from journey.selectors import with_due_state
from matchmaking.selectors import rejection_reason_counts

from . import selectors, services
from .charts import home_charts
from .filters import FilterForm
from .lists import EXPORTS
from .models import TopSuggestion

WORKLIST_SHOWN = 10
FLAGGED_SHOWN = 5   # the rest in the CSV and on the check-ins overview
QUEUE_PAGE = 25
# The queue's lists are cached this long, or until a request or match changes.
QUEUE_CACHE_SECONDS = 60


def _version(request) -> int:
    """The organisation's figures' version, read from the cache once per request."""
    if not hasattr(request, "_dashboard_version"):
        request._dashboard_version = selectors.figures_version(request.organisation.pk)
    return request._dashboard_version


def _filters(request):
    form = FilterForm(request.GET or None, neighbourhoods=selectors.neighbourhoods(
        organisation=request.organisation, version=_version(request)))
    return form, form.filters()


@dataclass
class WorkItem:
    """A row of the worklist "vandaag": a journey action or a task, by its due date."""
    kind: str            # "step" or "task"
    item: object
    due: date | None
    due_state: str = "none"
    days_late: int = 0


def worklist(actions, tasks, *, today) -> list[WorkItem]:
    """My journey actions and my tasks in one list, overdue first, undated last (two
    queries, the first WORKLIST_SHOWN of each)."""
    items = [WorkItem("step", step, step.due_date, step.due_state, getattr(step, "days_late", 0))
             for step in with_due_state(list(actions[:WORKLIST_SHOWN]), today=today)]
    for task in tasks[:WORKLIST_SHOWN]:
        due = timezone.localdate(task.due_at)
        state = "overdue" if due < today else "today" if due == today else "later"
        items.append(WorkItem("task", task, due, state, max(0, (today - due).days)))
    items.sort(key=lambda w: (w.due is None, w.due or today))
    return items[:WORKLIST_SHOWN]


def _fragment_key(request, filters, *extra) -> list:
    """What a cached part of a page depends on ({% cache %} in the templates): the
    organisation and its figures' version (a change bumps it), the filters, the language
    and the day. The values behind it are lazy: computed only when the part is not cached."""
    return [request.organisation.pk, _version(request), filters.key, get_language(),
            timezone.localdate().isoformat(), *extra]


def _personal(request) -> tuple:
    """What the person's own part of the home depends on besides the organisation's data:
    who they are, their role, where its one-click forms return to, and their CSRF secret
    (the cached forms carry a token made from it, valid for this browser only)."""
    get_token(request)
    return (request.user.pk, request.membership.role, request.get_full_path(),
            request.META.get("CSRF_COOKIE", ""))


@staff_required(STAFF)
def home(request):
    now = timezone.now()
    today = timezone.localdate(now)
    organisation = request.organisation
    form, filters = _filters(request)
    figures = SimpleLazyObject(lambda: selectors.home_figures(
        organisation=organisation, filters=filters, now=now))
    actions = selectors.my_journey_actions(user=request.user, organisation=organisation)
    tasks = selectors.my_tasks(user=request.user, organisation=organisation)
    context = {
        "form": form, "filters": filters, "query": filters.query(), "figures": figures,
        "charts": SimpleLazyObject(lambda: home_charts(figures)),
        # The person's own part: computed only when its rendering is not cached.
        "worklist": SimpleLazyObject(lambda: worklist(actions, tasks, today=today)),
        "action_counts": SimpleLazyObject(lambda: selectors.worklist_counts(
            actions=actions, tasks=tasks, user=request.user, organisation=organisation,
            now=now)),
        "flagged": SimpleLazyObject(lambda: list(selectors.flagged_checkins(
            organisation=organisation, area=filters.area)[:FLAGGED_SHOWN])),
        "can_act_on_matches": request.membership.role in MATCHMAKERS,
        "can_act": request.membership.role in COORDINATORS,
        "intake_waiting": SimpleLazyObject(lambda: list(selectors.intake_waiting_too_long(
            organisation=organisation, area=filters.area, today=today)[:selectors.LIST_SHOWN])),
        "today": today, "fragment_key": _fragment_key(request, filters),
        "personal_key": _fragment_key(request, filters, *_personal(request)),
        # A first visit has no CSRF cookie yet: its key is used once, so it is not kept.
        "personal_seconds": selectors.CACHE_SECONDS if settings.CSRF_COOKIE_NAME in request.COOKIES
        else 0,
        "cache_seconds": selectors.CACHE_SECONDS,
    }
    template = "dashboard/_home_body.html" if request.htmx else "dashboard/home.html"
    return render(request, template, context)


@staff_required(MATCHMAKERS)
def queue(request):
    now = timezone.now()
    form, filters = _filters(request)
    organisation = request.organisation

    def page():
        result = Paginator(selectors.queue_requests(organisation=organisation, area=filters.area),
                           QUEUE_PAGE).get_page(request.GET.get("pagina"))
        _attach_suggestions(organisation, result.object_list, now=now)
        return result

    start, end = selectors.week_bounds(now)
    waiting = selectors.waiting_for_answer(organisation=organisation, area=filters.area)
    context = {
        "form": form, "filters": filters, "query": filters.query(),
        "page": SimpleLazyObject(page),
        "waiting": SimpleLazyObject(lambda: list(waiting[:selectors.LIST_SHOWN])),
        "waiting_count": SimpleLazyObject(waiting.count),
        "introductions": SimpleLazyObject(lambda: list(selectors.introductions_between(
            organisation=organisation, start=start, end=end, area=filters.area))),
        "reason_counts": SimpleLazyObject(lambda: rejection_reason_counts(
            organisation=organisation)),
        "last_refresh": SimpleLazyObject(lambda: selectors.last_refresh(
            organisation=organisation)),
        "now": now, "cache_seconds": QUEUE_CACHE_SECONDS,
        "fragment_key": _fragment_key(request, filters, request.GET.get("pagina", "1")),
    }
    template = "dashboard/_queue_body.html" if request.htmx else "dashboard/queue.html"
    return render(request, template, context)


def _attach_suggestions(organisation, requests, *, now):
    """Each request's stored best suggestion; a request not scored yet (new since the last
    refresh) is scored now, once, so the queue is never missing one."""
    for item in requests:
        item.top = getattr(item, "top_suggestion", None)
        item.days_waiting = max(0, (now - item.received_at).days)
    missing = [item.pk for item in requests if item.top is None]
    if missing:
        services.top_suggestions_refresh(organisation=organisation, request_ids=missing, now=now)
        stored = TopSuggestion.objects.select_related("volunteer").in_bulk(
            missing, field_name="request_id")
        for item in requests:
            if item.top is None:
                item.top = stored.get(item.pk)


@staff_required(STAFF)
def export(request, name):
    """One of the dashboard's lists as CSV for Dutch Excel (semicolons, BOM)."""
    spec = EXPORTS.get(name)
    if spec is None:
        raise Http404
    if request.membership.role not in spec.roles:
        raise PermissionDenied
    now = timezone.now()
    _form, filters = _filters(request)
    rows = list(spec.rows(request, filters, now))
    if spec.subject_type:
        audit_record(actor=request.user, organisation=request.organisation,
                     action=AuditEvent.Action.EXPORT, subject_type=spec.subject_type,
                     fields=[f"dashboard={name}", f"rows={len(rows)}"], now=now)
    response = HttpResponse(write_table(spec.columns(), rows), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime(now).strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="{spec.filename}-{stamp}.csv"'
    return response
