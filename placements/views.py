"""Duo placements and working agreements: the matchmaker's forms for one match, and the
volunteer's read-only page in Mijn Koppel (as the newcomer or as the supporter)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.access import MATCHMAKERS, get_for_staff, staff_required
from core.i18n import portal_page
from core.models import AuditEvent
from core.services import audit_record
from matchmaking.models import Match
from volunteers.access import volunteer_required

from . import selectors, services
from .forms import AgreementForm, SupporterForm
from .models import MatchSupporter


def _get_match(request, pk) -> Match:
    return get_for_staff(request, Match.objects.select_related("volunteer", "request"),
                         roles=MATCHMAKERS, pk=pk)


def _audit(request, match, supporter=None):
    """The page shows the match's volunteer (and a supporting volunteer) in detail; the
    list of possible supporters is names only, to choose from."""
    for volunteer in (match.volunteer, getattr(supporter, "volunteer", None)):
        if volunteer is not None:
            audit_record(actor=request.user, organisation=request.organisation,
                         action=AuditEvent.Action.VIEW, subject=volunteer,
                         fields=["duo", "working_agreements"])


def _back(match):
    return redirect("placements:supporter", pk=match.pk)


@staff_required(MATCHMAKERS)
def supporter(request, pk):
    """Who joins the newcomer in the first weeks (a duo placement), and the agreements."""
    match = _get_match(request, pk)
    current = selectors.supporter_of(match=match)
    if request.method == "POST" and "remove" in request.POST:
        services.supporter_remove(match=match, by=request.user)
        messages.success(request, _("De begeleider is weggehaald."))
        return _back(match)
    initial = {"kind": MatchSupporter.Kind.VOLUNTEER}
    if current is not None:
        initial = {"kind": current.kind, "volunteer": current.volunteer_id, "name": current.name,
                   "email": current.email, "phone": current.phone, "until": current.until,
                   "note": current.note}
    form = SupporterForm(request.POST or None, initial=initial,
                         candidates=selectors.supporter_candidates(match=match))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.supporter_set(match=match, kind=data["kind"], volunteer=data["volunteer"],
                               name=data["name"], email=data["email"], phone=data["phone"],
                               until=data["until"], note=data["note"], by=request.user)
        messages.success(request, _("De begeleider is vastgelegd."))
        return _back(match)
    _audit(request, match, current)
    return render(request, "placements/supporter.html", {
        "match": match, "form": form, "current": current,
        "agreement": selectors.agreement_of(match=match)})


@staff_required(MATCHMAKERS)
def agreement(request, pk):
    """The working agreements made at the introduction (seed 004's form)."""
    match = _get_match(request, pk)
    current = selectors.agreement_of(match=match)
    form = AgreementForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.agreement_save(match=match, values=form.cleaned_data, by=request.user)
        messages.success(request, _("De werkafspraken zijn vastgelegd."))
        return _back(match)
    _audit(request, match)
    return render(request, "placements/agreement_form.html", {"match": match, "form": form})


@portal_page
@volunteer_required
def mine(request):
    """The volunteer's own agreements (and supporter), and the matches they support."""
    volunteer = request.volunteer
    return render(request, "placements/mine.html", {
        "volunteer": volunteer,
        "own": selectors.own_placements(volunteer=volunteer),
        "supporting": selectors.supported_matches(volunteer=volunteer),
    })
