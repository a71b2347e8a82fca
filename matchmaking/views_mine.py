"""Mijn Koppel: the volunteer's own proposals and matches. A proposal shows what the help is
about (matchmaking.display says what may be shown when); the volunteer answers yes, or no
with a reason. A planned introduction can be downloaded for the calendar."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.i18n import portal_page
from volunteers.access import volunteer_required

from . import selectors
from .answer_forms import VolunteerAnswerForm
from .display import request_summary_for_volunteer
from .ical import introduction_ics
from .lifecycle_services import AlreadyAnswered, match_volunteer_answer
from .models import Match
from .services import MatchingError


def _own_match(request, pk) -> Match:
    return get_object_or_404(selectors.volunteer_own_matches(volunteer=request.volunteer), pk=pk)


@portal_page
@volunteer_required
def my_matches(request):
    matches = list(selectors.volunteer_own_matches(volunteer=request.volunteer))
    return render(request, "matchmaking/mine/list.html", {
        "volunteer": request.volunteer,
        "waiting": [m for m in matches if m.status == Match.Status.PROPOSED],
        "others": [m for m in matches if m.status != Match.Status.PROPOSED],
    })


def _detail(request, match, form=None, status=200):
    if status == 400:
        messages.error(request, _("Je antwoord is niet opgeslagen. Kies ja of nee. Staat er "
                                  "geen vraag meer? Dan is de koppeling al verder."))
    return render(request, "matchmaking/mine/detail.html", {
        "match": match, "volunteer": request.volunteer,
        "summary": request_summary_for_volunteer(match),
        "form": form or VolunteerAnswerForm(),
        "answer_days": selectors.match_settings_for(
            organisation=match.organisation).proposal_answer_days,
    }, status=status)


@portal_page
@volunteer_required
def my_match(request, pk):
    return _detail(request, _own_match(request, pk))


@portal_page
@require_POST
@volunteer_required
def my_match_answer(request, pk):
    match = _own_match(request, pk)
    form = VolunteerAnswerForm(request.POST)
    if not form.is_valid():
        return _detail(request, match, form, status=400)
    accept = form.cleaned_data["answer"] == "yes"
    try:
        match_volunteer_answer(match=match, accept=accept, by=request.user,
                               reason=form.cleaned_data["reason"],
                               text=form.cleaned_data["text"])
    except AlreadyAnswered:
        messages.info(request, _("Je hebt dit voorstel al beantwoord."))
    except MatchingError:
        messages.info(request, _("Dit voorstel is niet meer open."))
    else:
        if accept:
            messages.success(request, _("Dank je wel! We vragen nu of het gezin het ook ziet "
                                        "zitten. Je hoort van ons."))
        else:
            messages.success(request, _("Dank je wel voor je antwoord. We zoeken iemand anders "
                                        "voor deze hulpvraag."))
    return redirect("matchmaking:my_match", pk=match.pk)


@portal_page
@volunteer_required
def my_match_ics(request, pk):
    match = _own_match(request, pk)
    if match.introduction_at is None or match.status not in (Match.Status.INTRODUCTION_PLANNED,
                                                             Match.Status.ACTIVE):
        raise Http404
    response = HttpResponse(introduction_ics(match, language=request.LANGUAGE_CODE,
                                             now=timezone.now()),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kennismaking.ics"'
    response["Cache-Control"] = "no-store"
    return response
