"""The dashboard's lists, each as rows for a table and for its CSV export (the same
columns, Dutch headers, via core.csvio)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import MATCHMAKERS, STAFF
from core.vocabulary import Activity

from . import selectors
from .charts import home_charts
from .filters import DashboardFilters


@dataclass
class ListExport:
    name: str
    roles: frozenset
    filename: str
    columns: Callable[[], list[str]]
    rows: Callable  # (request, filters, now) -> iterable of tuples
    subject_type: str


def _date(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _activities(codes):
    return ", ".join(str(Activity(c).label) if c in Activity.values else c for c in codes or ())


def worklist_rows(request, filters: DashboardFilters, now):
    """My journey actions and my tasks, overdue first."""
    today = timezone.localdate(now)
    rows = []
    for step in selectors.my_journey_actions(user=request.user, organisation=request.organisation):
        rows.append((step.due_date, step.journey.volunteer.full_name, step.label))
    for task in selectors.my_tasks(user=request.user, organisation=request.organisation):
        who = task.match.request.reference if task.match_id else str(task.volunteer or "")
        rows.append((timezone.localdate(task.due_at), who, task.title))
    rows.sort(key=lambda row: (row[0] is None, row[0] or today))
    for due, who, what in rows:
        late = (today - due).days if due and due < today else 0
        yield (who, what, due.isoformat() if due else "", late)


def flagged_rows(request, filters: DashboardFilters, now):
    for checkin in selectors.flagged_checkins(organisation=request.organisation,
                                              area=filters.area):
        yield (checkin.match.request.reference, str(checkin.match.volunteer),
               checkin.get_party_display(), _date(checkin.flagged_at), checkin.comment)


def intake_rows(request, filters: DashboardFilters, now):
    today = timezone.localdate(now)
    for journey in selectors.intake_waiting_too_long(organisation=request.organisation,
                                                     area=filters.area, today=today):
        yield (journey.volunteer.full_name, _date(journey.started_at),
               journey.oldest_due.isoformat(), (today - journey.oldest_due).days,
               str(journey.coordinator or ""))


def queue_rows(request, filters: DashboardFilters, now):
    for item in selectors.queue_requests(organisation=request.organisation, area=filters.area):
        top = getattr(item, "top_suggestion", None)
        yield (item.reference, _date(item.received_at), max(0, (now - item.received_at).days),
               item.get_status_display(), _activities(item.activities),
               str(top.volunteer) if top and top.volunteer else "",
               round(100 * top.score) if top and top.score is not None else "",
               top.eligible if top else "", _("ja") if item.has_pending else _("nee"))


def proposals_rows(request, filters: DashboardFilters, now):
    for match in selectors.waiting_for_answer(organisation=request.organisation,
                                              area=filters.area):
        yield (match.request.reference, str(match.volunteer), match.get_status_display(),
               _date(match.proposed_at), max(0, (now - match.proposed_at).days),
               str(match.proposed_by or ""))


def introductions_rows(request, filters: DashboardFilters, now):
    start, end = selectors.week_bounds(now)
    for match in selectors.introductions_between(organisation=request.organisation,
                                                 start=start, end=end, area=filters.area):
        yield (match.request.reference, str(match.volunteer), _date(match.introduction_at),
               match.introduction_place, match.get_status_display())


def figures_rows(request, filters: DashboardFilters, now):
    figures = selectors.home_figures(organisation=request.organisation, filters=filters, now=now)
    for chart in home_charts(figures):
        for row in chart.rows:
            yield (chart.title, *row, *[""] * (3 - len(row)))


EXPORTS = {e.name: e for e in [
    ListExport("vandaag", STAFF, "vandaag",
               lambda: [_("Wie"), _("Actie"), _("Uiterlijk"), _("Dagen te laat")],
               worklist_rows, "journeystep"),
    ListExport("signalen", MATCHMAKERS, "check-ins-niet-goed",
               lambda: [_("Kenmerk"), _("Vrijwilliger"), _("Antwoord van"), _("Op"),
                        _("Toelichting")],
               flagged_rows, "checkin"),
    ListExport("instroom", MATCHMAKERS, "instroom-wacht-te-lang",
               lambda: [_("Vrijwilliger"), _("Aangemeld"), _("Oudste actie uiterlijk"),
                        _("Dagen te laat"), _("Coördinator")],
               intake_rows, "journey"),
    ListExport("wachtrij", MATCHMAKERS, "open-hulpvragen",
               lambda: [_("Kenmerk"), _("Binnengekomen"), _("Wacht (dagen)"), _("Status"),
                        _("Soort hulp"), _("Beste suggestie"), _("Score (%)"),
                        _("Geschikte vrijwilligers"), _("Voorstel loopt")],
               queue_rows, "helprequest"),
    ListExport("voorstellen", MATCHMAKERS, "voorstellen-wachten-op-antwoord",
               lambda: [_("Kenmerk"), _("Vrijwilliger"), _("Status"), _("Voorgesteld op"),
                        _("Wacht (dagen)"), _("Voorgesteld door")],
               proposals_rows, "match"),
    ListExport("kennismakingen", MATCHMAKERS, "kennismakingen-komende-week",
               lambda: [_("Kenmerk"), _("Vrijwilliger"), _("Kennismaking op"), _("Plaats"),
                        _("Status")],
               introductions_rows, "match"),
    ListExport("cijfers", STAFF, "cijfers",
               lambda: [_("Grafiek"), _("Label"), _("Waarde"), _("Tweede waarde")],
               figures_rows, ""),
]}
