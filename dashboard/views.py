"""The dashboards: the coordinator's home (cards, the worklist "vandaag", charts) and the
matchmaker's queue, each with filters that work with and without htmx, and every list as
CSV. Read-only: the one-click actions post to the app that owns the thing."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

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

WORKLIST_SHOWN = 12
QUEUE_PAGE = 25


def _filters(request):
    form = FilterForm(request.GET or None,
                      neighbourhoods=selectors.neighbourhoods(organisation=request.organisation))
    return form, form.filters()


@staff_required(STAFF)
def home(request):
    now = timezone.now()
    today = timezone.localdate(now)
    form, filters = _filters(request)
    figures = selectors.home_figures(organisation=request.organisation, filters=filters, now=now)
    actions = selectors.my_journey_actions(user=request.user, organisation=request.organisation)
    context = {
        "form": form, "filters": filters, "query": filters.query(), "figures": figures,
        "charts": home_charts(figures),
        "actions": with_due_state(list(actions[:WORKLIST_SHOWN]), today=today),
        "action_counts": selectors.action_counts(actions, today=today),
        "can_act": request.membership.role in COORDINATORS,
        "intake_waiting": list(selectors.intake_waiting_too_long(
            organisation=request.organisation, area=filters.area, today=today)[:selectors.LIST_SHOWN]),
        "today": today,
    }
    template = "dashboard/_home_body.html" if request.htmx else "dashboard/home.html"
    return render(request, template, context)


@staff_required(MATCHMAKERS)
def queue(request):
    now = timezone.now()
    form, filters = _filters(request)
    organisation = request.organisation
    page = Paginator(selectors.queue_requests(organisation=organisation, area=filters.area),
                     QUEUE_PAGE).get_page(request.GET.get("pagina"))
    _attach_suggestions(organisation, page.object_list, now=now)
    start, end = selectors.week_bounds(now)
    waiting = selectors.waiting_for_answer(organisation=organisation, area=filters.area)
    context = {
        "form": form, "filters": filters, "query": filters.query(), "page": page,
        "waiting": list(waiting[:selectors.LIST_SHOWN]), "waiting_count": waiting.count(),
        "introductions": list(selectors.introductions_between(
            organisation=organisation, start=start, end=end, area=filters.area)),
        "week_start": start, "week_end": end,
        "reason_counts": rejection_reason_counts(organisation=organisation),
        "last_refresh": selectors.last_refresh(organisation=organisation),
        "now": now,
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
