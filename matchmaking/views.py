"""The matchmaker's pages: the queue of open requests, the review of one request (ranked
suggestions with bars and reasons; propose, reject, who was left out), suggested pairings
for all open requests at once, and the organisation's weights."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caregivers.models import HelpRequest
from core.access import ADMINS, MATCHMAKERS, get_for_staff, staff_required
from core.models import AuditEvent
from core.services import audit_record
from volunteers.models import Volunteer

from . import scoring, selectors, services
from .explain import CRITERION_LABELS, EXCLUSION_LABELS, render_reason
from .forms import PairingApproveForm, ProposeForm, RejectForm, WeightsForm
from .models import Match

SUGGESTIONS = 10
EXCLUDED_SHOWN = 200
VOLUNTEER_FIELDS = ["languages", "slots", "motivations", "activities", "interests", "location",
                    "hours_per_week", "gender"]
REQUEST_FIELDS = ["languages", "slots", "activities", "location", "culture_preference",
                  "background", "gender_preference"]


def _get_request(request, pk, roles=MATCHMAKERS) -> HelpRequest:
    return get_for_staff(request, selectors.requests_for_matching(), roles=roles, pk=pk)


def _get_volunteer(request, pk, roles=MATCHMAKERS) -> Volunteer:
    return get_for_staff(request, Volunteer.objects.select_related("user"), roles=roles, pk=pk)


@staff_required(MATCHMAKERS)
def queue(request):
    """The queue is the matchmaker's dashboard (/dashboard/koppelen/: stored suggestions,
    filters, exports); this address stays for bookmarks and links. One queue, not two."""
    query = request.GET.urlencode()
    return redirect(reverse("dashboard:queue") + (f"?{query}" if query else ""))


def _suggestion_rows(ranking, suggestions, volunteers, open_matches):
    rows = []
    for suggestion in suggestions:
        by_criterion = {}
        for reason in suggestion.reasons:
            by_criterion.setdefault(reason.criterion, []).append(render_reason(reason))
        rows.append({
            "suggestion": suggestion,
            "volunteer": volunteers.get(suggestion.volunteer_id),
            "criteria": [
                {"name": name, "label": CRITERION_LABELS[name],
                 "percent": round(100 * suggestion.breakdown[name]),
                 "weight": round(100 * ranking.weights[name]),
                 "reasons": by_criterion.get(name, [])}
                for name in scoring.CRITERIA
            ],
            "percent": round(100 * suggestion.score),
            "proposed": suggestion.volunteer_id in open_matches,
        })
    return rows


def _review_context(request, help_request, *, propose_form=None, reject_form=None,
                    form_volunteer=None):
    now = timezone.now()
    show_excluded = request.GET.get("uitgesloten") == "1"
    ranking = selectors.request_ranking(request=help_request, prefilter=not show_excluded, now=now)
    limit = SUGGESTIONS
    suggestions = ranking.top(limit)
    matches = list(selectors.request_matches(request=help_request))
    open_matches = {m.volunteer_id for m in matches if m.status in Match.RUNNING_STATUSES}
    volunteers = Volunteer.objects.select_related("user").in_bulk(
        [s.volunteer_id for s in suggestions])
    for volunteer in volunteers.values():
        audit_record(actor=request.user, organisation=request.organisation,
                     action=AuditEvent.Action.VIEW, subject=volunteer, fields=VOLUNTEER_FIELDS,
                     now=now)
    audit_record(actor=request.user, organisation=request.organisation,
                 action=AuditEvent.Action.VIEW, subject=help_request, fields=REQUEST_FIELDS,
                 now=now)
    context = {
        "help_request": help_request,
        "profile": ranking.request,
        "days_waiting": int(ranking.request.days_waiting),
        "rows": _suggestion_rows(ranking, suggestions, volunteers, open_matches),
        "eligible_count": len(ranking.eligible),
        "matches": matches,
        "has_pending": any(m.status in Match.OPEN_STATUSES for m in matches),
        "rejections": selectors.request_rejections(request=help_request),
        "proposable": help_request.status in services.PROPOSABLE_STATUSES,
        "show_excluded": show_excluded,
        "propose_form": propose_form,
        "reject_form": reject_form,
        "form_volunteer": form_volunteer,
        "reject_reasons": RejectForm.base_fields["reason"].choices,
        "criteria": [(name, CRITERION_LABELS[name]) for name in scoring.CRITERIA],
    }
    if show_excluded:
        context.update(_excluded_context(ranking))
    return context


def _excluded_context(ranking):
    exclusions = ranking.exclusions()
    shown = exclusions[:EXCLUDED_SHOWN]
    volunteers = Volunteer.objects.in_bulk([e.volunteer_id for e in shown])
    return {
        "excluded": [(volunteers.get(e.volunteer_id), e, EXCLUSION_LABELS[e.reason])
                     for e in shown],
        "excluded_total": len(exclusions),
        "excluded_counts": [(EXCLUSION_LABELS[code], count)
                            for code, count in ranking.exclusion_counts().items() if count],
    }


@staff_required(MATCHMAKERS)
def review(request, pk):
    help_request = _get_request(request, pk)
    template = "matchmaking/review.html"
    if request.htmx and request.GET.get("uitgesloten") == "1":
        template = "matchmaking/_excluded.html"
    return render(request, template, _review_context(request, help_request))


@require_POST
@staff_required(MATCHMAKERS)
def propose(request, pk):
    help_request = _get_request(request, pk)
    form = ProposeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een vrijwilliger om voor te stellen."))
        return redirect("matchmaking:review", pk=help_request.pk)
    volunteer = _get_volunteer(request, form.cleaned_data["volunteer"])
    try:
        services.match_propose(request=help_request, volunteer=volunteer, by=request.user,
                               note=form.cleaned_data["note"],
                               allow_parallel=form.cleaned_data["allow_parallel"])
    except services.MatchingError as error:
        messages.error(request, str(error))
        context = _review_context(request, help_request, propose_form=form,
                                  form_volunteer=volunteer.pk)
        return render(request, "matchmaking/review.html", context, status=400)
    messages.success(request, _("%(name)s is voorgesteld voor %(reference)s.") % {
        "name": volunteer, "reference": help_request.reference})
    return redirect("matchmaking:review", pk=help_request.pk)


@require_POST
@staff_required(MATCHMAKERS)
def reject(request, pk):
    help_request = _get_request(request, pk)
    form = RejectForm(request.POST)
    volunteer_id = form.data.get("volunteer")
    volunteer = _get_volunteer(request, volunteer_id) if str(volunteer_id).isdigit() else None
    if volunteer is None:
        messages.error(request, _("Kies een vrijwilliger om af te wijzen."))
        return redirect("matchmaking:review", pk=help_request.pk)
    if form.is_valid():
        try:
            services.rejection_create(request=help_request, volunteer=volunteer,
                                      reason=form.cleaned_data["reason"],
                                      text=form.cleaned_data["text"], by=request.user)
        except services.MatchingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(name)s is afgewezen voor %(reference)s en wordt "
                                        "niet meer voorgesteld.") % {
                "name": volunteer, "reference": help_request.reference})
            return redirect("matchmaking:review", pk=help_request.pk)
    context = _review_context(request, help_request, reject_form=form, form_volunteer=volunteer.pk)
    return render(request, "matchmaking/review.html", context, status=400)


@staff_required(ADMINS)
def weights(request):
    organisation = request.organisation
    current = selectors.weights_for(organisation=organisation)
    form = WeightsForm(request.POST or None,
                       initial={name: round(value) for name, value in current.as_dict().items()})
    preview = None
    requests = list(selectors.open_requests(organisation=organisation)[:50])
    chosen = next((r for r in requests if str(r.pk) == request.POST.get("voorbeeld")),
                  requests[0] if requests else None)
    if request.method == "POST" and form.is_valid():
        if "opslaan" in request.POST:
            services.weights_update(organisation=organisation, values=form.cleaned_data,
                                    by=request.user)
            messages.success(request, _("De gewichten zijn opgeslagen. Suggesties gebruiken ze "
                                        "vanaf nu."))
            return redirect("matchmaking:weights")
        if chosen is not None:
            preview = _weights_preview(chosen, current, form.weights())
    return render(request, "matchmaking/weights.html", {
        "form": form, "defaults": scoring.DEFAULT_WEIGHTS.as_dict(), "requests": requests,
        "chosen": chosen, "preview": preview,
    })


def _weights_preview(help_request, current, proposed, limit=5):
    """The top of one request's ranking with the saved and with the entered weights."""
    before = selectors.request_ranking(request=help_request, weights=current)
    after = scoring.rank(before.request, before.candidates, proposed)
    ids = [s.volunteer_id for s in before.top(limit) + after.top(limit)]
    volunteers = Volunteer.objects.in_bulk(ids)
    return {
        "before": [(volunteers.get(s.volunteer_id), round(100 * s.score)) for s in before.top(limit)],
        "after": [(volunteers.get(s.volunteer_id), round(100 * s.score)) for s in after.top(limit)],
    }


@staff_required(MATCHMAKERS)
def pairing(request):
    preview = selectors.global_pairing_preview(organisation=request.organisation)
    paired = {request_.pk for request_, _volunteer, _score in preview.rows()}
    return render(request, "matchmaking/pairing.html", {
        "preview": preview,
        "rows": [(r, v, round(100 * score)) for r, v, score in preview.rows()],
        "unpaired": [r for r in preview.requests if r.pk not in paired],
        "result": preview.result,
        "gain_percent": preview.result.gain_percent,
    })


@require_POST
@staff_required(MATCHMAKERS)
def pairing_approve(request):
    form = PairingApproveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Deze koppeling kon niet worden voorgesteld."))
        return redirect("matchmaking:pairing")
    help_request = _get_request(request, form.cleaned_data["request"])
    volunteer = _get_volunteer(request, form.cleaned_data["volunteer"])
    try:
        services.match_propose(request=help_request, volunteer=volunteer, by=request.user,
                               note=_("Voorgesteld vanuit de totaalberekening."))
    except services.MatchingError as error:
        messages.error(request, _("%(reference)s: %(error)s") % {
            "reference": help_request.reference, "error": error})
    else:
        messages.success(request, _("%(name)s is voorgesteld voor %(reference)s.") % {
            "name": volunteer, "reference": help_request.reference})
    return redirect(reverse("matchmaking:pairing"))


@staff_required(MATCHMAKERS)
def volunteer_matches(request, pk):
    """A volunteer's matches and the requests they were not chosen for."""
    volunteer = _get_volunteer(request, pk)
    audit_record(actor=request.user, organisation=request.organisation,
                 action=AuditEvent.Action.VIEW, subject=volunteer, fields=["matches", "rejections"])
    return render(request, "matchmaking/volunteer_matches.html", {
        "volunteer": volunteer,
        "matches": selectors.volunteer_matches(volunteer=volunteer),
        "rejections": selectors.volunteer_rejections(volunteer=volunteer),
    })
