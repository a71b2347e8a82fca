"""Staff pages of one match: the status, the timeline of every transition (who, when), the
answers, and the next step (record an answer after a call, plan the introduction, go
active, end or decline). Also the organisation's open tasks."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import ADMINS, MATCHMAKERS, get_for_staff, staff_required
from core.models import AuditEvent
from core.services import audit_record

from . import lifecycle_services as lifecycle
from . import selectors, services
from .lifecycle_forms import (
    DeclineForm,
    EndForm,
    IntroductionForm,
    MatchSettingsForm,
    StaffAnswerForm,
)
from .models import Match, MatchSettings, Task

MATCH_FIELDS = ["status", "volunteer", "request", "introduction_place"]


def _get_match(request, pk) -> Match:
    return get_for_staff(request, selectors.matches_for_staff(), roles=MATCHMAKERS, pk=pk)


def _introduction_initial(match: Match) -> dict:
    if match.introduction_at:
        local = timezone.localtime(match.introduction_at)
        return {"date": local.date(), "time": local.time().replace(second=0, microsecond=0),
                "place": match.introduction_place}
    recipient = match.request.recipient
    name = recipient.name if recipient else match.request.caregiver.name
    postcode = (recipient.postcode if recipient else "") or match.request.postcode
    return {"place": ", ".join(part for part in [f"Thuis bij {name}", postcode] if part)}


def _detail(request, match, *, status=200, **forms):
    if status == 400:
        # The form may not be on the page in the match's current status (another tab moved
        # it on): say it above the page, so a refused step never goes unexplained.
        messages.error(request, _("Niet opgeslagen. Kijk de velden na; is de koppeling "
                                  "intussen veranderd, dan staat hieronder wat nu kan."))
    audit_record(actor=request.user, organisation=request.organisation,
                 action=AuditEvent.Action.VIEW, subject=match, fields=MATCH_FIELDS)
    turn = {Match.Status.PROPOSED: Match.Party.VOLUNTEER,
            Match.Status.VOLUNTEER_ACCEPTED: Match.Party.CAREGIVER}.get(match.status)
    return render(request, "matchmaking/match_detail.html", {
        "match": match,
        "timeline": selectors.match_timeline(match=match),
        "rejection": match.rejections.first() if match.status == Match.Status.DECLINED else None,
        "tasks": match.tasks.select_related("assignee", "done_by").order_by("done_at", "due_at"),
        "turn": turn,
        "caregiver_by_email": lifecycle.caregiver_reachable_by_email(match.request.caregiver),
        "answer_form": forms.get("answer_form") or StaffAnswerForm(initial={"party": turn}),
        "introduction_form": forms.get("introduction_form")
        or IntroductionForm(initial=_introduction_initial(match)),
        "end_form": forms.get("end_form") or EndForm(),
        "decline_form": forms.get("decline_form") or DeclineForm(),
        "can_plan": match.status in (Match.Status.CAREGIVER_ACCEPTED,
                                     Match.Status.INTRODUCTION_PLANNED),
    }, status=status)


@staff_required(MATCHMAKERS)
def match_detail(request, pk):
    return _detail(request, _get_match(request, pk))


def _done(request, match, text):
    messages.success(request, text)
    return redirect("matchmaking:match_detail", pk=match.pk)


@require_POST
@staff_required(MATCHMAKERS)
def match_answer(request, pk):
    match = _get_match(request, pk)
    form = StaffAnswerForm(request.POST)
    if not form.is_valid():
        return _detail(request, match, answer_form=form, status=400)
    data, accept = form.cleaned_data, form.cleaned_data["answer"] == "yes"
    try:
        if data["party"] == Match.Party.VOLUNTEER:
            lifecycle.match_volunteer_answer(match=match, accept=accept, by=request.user,
                                             reason=data["reason"], text=data["text"],
                                             on_behalf=True)
        else:
            lifecycle.match_caregiver_answer(match=match, accept=accept, by=request.user,
                                             reason=data["reason"], text=data["text"])
    except services.MatchingError as error:
        form.add_error(None, str(error))
        return _detail(request, match, answer_form=form, status=400)
    return _done(request, match, _("Het antwoord is vastgelegd."))


@require_POST
@staff_required(MATCHMAKERS)
def match_decline(request, pk):
    match = _get_match(request, pk)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            services.match_decline(match=match, by=request.user, party=form.cleaned_data["party"],
                                   reason=form.cleaned_data["reason"],
                                   text=form.cleaned_data["text"])
        except services.MatchingError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, match, _("De koppeling gaat niet door. De reden telt mee in "
                                           "de cijfers."))
    return _detail(request, match, decline_form=form, status=400)


@require_POST
@staff_required(MATCHMAKERS)
def match_plan(request, pk):
    match = _get_match(request, pk)
    form = IntroductionForm(request.POST)
    if form.is_valid():
        try:
            lifecycle.match_plan_introduction(match=match, at=form.cleaned_data["at"],
                                              place=form.cleaned_data["place"], by=request.user)
        except services.MatchingError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, match, _("De kennismaking is gepland. De vrijwilliger krijgt "
                                           "een e-mail met een agenda-afspraak."))
    return _detail(request, match, introduction_form=form, status=400)


@require_POST
@staff_required(MATCHMAKERS)
def match_activate(request, pk):
    match = _get_match(request, pk)
    try:
        lifecycle.match_activate(match=match, by=request.user)
    except services.MatchingError as error:
        messages.error(request, str(error))
        return redirect("matchmaking:match_detail", pk=match.pk)
    return _done(request, match, _("De koppeling is gestart."))


@require_POST
@staff_required(MATCHMAKERS)
def match_end(request, pk):
    match = _get_match(request, pk)
    form = EndForm(request.POST)
    if form.is_valid():
        try:
            lifecycle.match_end(match=match, by=request.user, reason=form.cleaned_data["reason"],
                                text=form.cleaned_data["text"])
        except services.MatchingError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, match, _("De koppeling is beëindigd."))
    return _detail(request, match, end_form=form, status=400)


@staff_required(MATCHMAKERS)
def task_list(request):
    mine_only = request.GET.get("alle") != "1"
    tasks = selectors.open_tasks(organisation=request.organisation,
                                 assignee=request.user if mine_only else None)
    return render(request, "matchmaking/tasks.html", {
        "tasks": tasks, "mine_only": mine_only, "now": timezone.now()})


@require_POST
@staff_required(MATCHMAKERS)
def task_done(request, pk):
    task = get_for_staff(request, Task, roles=MATCHMAKERS, pk=pk)
    services.task_complete(task=task, by=request.user, note=request.POST.get("note", "")[:2000])
    messages.success(request, _("Taak afgerond."))
    # One click from a dashboard returns there; anything else goes to the task list.
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return redirect(target)
    return redirect("matchmaking:tasks")


@staff_required(ADMINS)
def match_settings(request):
    current = selectors.match_settings_for(organisation=request.organisation)
    # The form validates a copy; the service writes.
    form = MatchSettingsForm(request.POST or None, instance=MatchSettings(
        organisation=request.organisation, proposal_answer_days=current.proposal_answer_days,
        proposal_escalate_days=current.proposal_escalate_days,
        caregiver_link_days=current.caregiver_link_days))
    if request.method == "POST" and form.is_valid():
        lifecycle.match_settings_update(organisation=request.organisation,
                                        values=form.cleaned_data)
        messages.success(request, _("De termijnen zijn opgeslagen."))
        return redirect("matchmaking:match_settings")
    return render(request, "matchmaking/match_settings.html", {"form": form},
                  status=400 if form.errors else 200)
