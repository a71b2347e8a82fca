"""The pages the people in a match see: the public answer page of an e-mailed link (most
caregivers have no account) and the volunteer's check-ins in Mijn Koppel.

The answer link opens a page with the answer already chosen; only the POST records it, as
mail scanners open every link in a message."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.i18n import portal_page
from volunteers.models import Volunteer

from . import selectors, services
from .answers import Answer
from .forms import AnswerForm
from .models import CheckIn


@portal_page
def answer(request, token):
    try:
        checkin = services.checkin_from_token(token)
    except services.LinkExpired as exc:
        return render(request, "checkins/answer_invalid.html", {"message": str(exc),
                                                                "expired": True}, status=410)
    except services.LinkInvalid as exc:
        return render(request, "checkins/answer_invalid.html", {"message": str(exc)}, status=400)
    if (not request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) and checkin.language
            and not request.user.is_authenticated):
        # Someone without an account: the page speaks the language of the e-mail.
        translation.activate(checkin.language)
        request.LANGUAGE_CODE = checkin.language
    formal = checkin.party == CheckIn.Party.CAREGIVER
    if checkin.status == CheckIn.Status.ANSWERED:
        return render(request, "checkins/answer_done.html", {"checkin": checkin,
                                                             "formal": formal, "again": True})
    if checkin.status not in CheckIn.WAITING_STATUSES:
        return render(request, "checkins/answer_invalid.html", {
            "message": _("Deze vraag is niet meer nodig.")}, status=410)
    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                services.checkin_answer(checkin=checkin, answer=form.cleaned_data["answer"],
                                        comment=form.cleaned_data["comment"])
            except services.CheckInError as exc:
                form.add_error(None, str(exc))
            else:
                return render(request, "checkins/answer_done.html",
                              {"checkin": checkin, "formal": formal})
    else:
        chosen = request.GET.get("antwoord")
        form = AnswerForm(initial={"answer": chosen if chosen in Answer.values else None})
    return render(request, "checkins/answer.html", {"checkin": checkin, "form": form,
                                                    "formal": formal})


def _own_volunteer(request) -> Volunteer:
    volunteer = (Volunteer.objects.filter(user_id=request.user.pk, anonymised_at=None)
                 .select_related("organisation").first())
    if volunteer is None:
        raise Http404
    return volunteer


@portal_page
@login_required
def mine(request):
    volunteer = _own_volunteer(request)
    open_checkins = selectors.volunteer_open_checkins(volunteer=volunteer)
    return render(request, "checkins/mine.html", {
        "volunteer": volunteer,
        "open": [(c, AnswerForm(prefix=f"c{c.pk}")) for c in open_checkins],
        "answered": selectors.volunteer_answered_checkins(volunteer=volunteer),
    })


@portal_page
@login_required
@require_POST
def mine_answer(request, pk):
    volunteer = _own_volunteer(request)
    checkin = get_object_or_404(CheckIn, pk=pk, match__volunteer=volunteer,
                                party=CheckIn.Party.VOLUNTEER)
    form = AnswerForm(request.POST, prefix=f"c{checkin.pk}")
    if form.is_valid():
        try:
            services.checkin_answer(checkin=checkin, answer=form.cleaned_data["answer"],
                                    comment=form.cleaned_data["comment"])
        except services.CheckInError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Dank je wel voor je antwoord!"))
        return redirect("checkins:mine")
    open_checkins = selectors.volunteer_open_checkins(volunteer=volunteer)
    forms = [(c, form if c.pk == checkin.pk else AnswerForm(prefix=f"c{c.pk}"))
             for c in open_checkins]
    return render(request, "checkins/mine.html", {
        "volunteer": volunteer, "open": forms,
        "answered": selectors.volunteer_answered_checkins(volunteer=volunteer)}, status=400)
