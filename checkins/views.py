"""Staff pages of the check-ins: the history of one match (coordinators and matchmakers of
the organisation; another organisation's match is a 404), recording an answer after a
phone call, and the flagged and unanswered check-ins of the organisation."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import COORDINATORS, MATCHMAKERS, get_for_staff, staff_required
from core.models import AuditEvent
from core.services import audit_record
from matchmaking.models import Match

from . import selectors, services
from .forms import AnswerForm
from .models import CheckIn
from .staff_forms import FollowUpSettingsForm


def _history(request, match, forms=None, status=200):
    # The answers and comments are about the volunteer and the family: who read them is kept.
    audit_record(actor=request.user, organisation=request.organisation,
                 action=AuditEvent.Action.VIEW, subject=match, fields=["checkins"])
    checkins = selectors.match_checkins(match=match)
    forms = forms or {}
    rows = [(c, forms.get(c.pk) or (AnswerForm(prefix=f"c{c.pk}") if c.is_open else None))
            for c in checkins]
    return render(request, "checkins/match.html", {"match": match, "rows": rows}, status=status)


@staff_required(MATCHMAKERS)
def match_history(request, pk):
    match = get_for_staff(request, Match.objects.select_related("request", "volunteer"),
                          roles=MATCHMAKERS, pk=pk)
    return _history(request, match)


@staff_required(MATCHMAKERS)
@require_POST
def record_answer(request, pk):
    checkin = get_for_staff(request, CheckIn.objects.select_related("match"), roles=MATCHMAKERS,
                            pk=pk)
    form = AnswerForm(request.POST, prefix=f"c{checkin.pk}")
    if form.is_valid():
        try:
            services.checkin_answer(checkin=checkin, answer=form.cleaned_data["answer"],
                                    comment=form.cleaned_data["comment"], by=request.user)
        except services.CheckInError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Het antwoord is vastgelegd."))
        return redirect("checkins:match", checkin.match_id)
    match = Match.objects.select_related("request", "volunteer").get(pk=checkin.match_id)
    return _history(request, match, forms={checkin.pk: form}, status=400)


@staff_required(MATCHMAKERS)
def overview(request):
    return render(request, "checkins/overview.html", {
        "flagged": selectors.flagged_checkins(organisation=request.organisation),
        "waiting": selectors.unanswered_checkins(organisation=request.organisation),
    })


@staff_required(COORDINATORS)
def follow_up_settings(request):
    current = services.follow_up_settings_get(organisation=request.organisation)
    form = FollowUpSettingsForm(request.POST if request.method == "POST" else None,
                                instance=current)
    if request.method == "POST" and form.is_valid():
        services.follow_up_settings_update(organisation=request.organisation,
                                           **form.cleaned_data)
        messages.success(request, _("De instellingen van de check-ins zijn opgeslagen. Nieuwe "
                                    "koppelingen volgen het nieuwe schema."))
        return redirect("checkins:settings")
    return render(request, "checkins/settings.html", {"form": form},
                  status=400 if form.errors else 200)
