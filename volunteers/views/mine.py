"""Mijn Koppel: the volunteer's own profile, pause, "download my data" and erasure."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..access import volunteer_required
from ..display import profile_sections
from ..forms import PasswordConfirmForm, PauseForm
from ..steps import PROFILE_STEPS, STEPS_BY_KEY
from .signup import POSTCODE_UNKNOWN


@volunteer_required
def mine(request):
    volunteer = request.volunteer
    sections = profile_sections(volunteer)
    for section in sections:
        section.url = reverse("volunteers:mine_edit", args=[section.key])
    return render(request, "volunteers/mine.html", {
        "volunteer": volunteer, "sections": sections, "pause_form": PauseForm(),
    })


@volunteer_required
def mine_edit(request, step):
    current = STEPS_BY_KEY.get(step)
    if current is None or current not in PROFILE_STEPS:
        raise Http404
    volunteer = request.volunteer
    data = request.POST if request.method == "POST" else None
    form = current.get_form(volunteer=volunteer, data=data)
    if data is not None and "add_language" not in data and current.is_valid(form):
        withdrawn = getattr(form, "withdrawn", False)
        current.save(form=form, volunteer=volunteer, request=request)
        if current.key == "about" and volunteer.latitude is None:
            messages.info(request, POSTCODE_UNKNOWN)
        if withdrawn:
            messages.success(request, _("Je toestemming is ingetrokken. We hebben je culturele "
                                        "achtergrond gewist."))
        else:
            messages.success(request, _("Opgeslagen."))
        return redirect(reverse("volunteers:mine") + f"#{current.key}")
    return render(request, "volunteers/mine_edit.html", {
        "step": current, "form": form, "volunteer": volunteer,
    })


@volunteer_required
def mine_pause(request):
    volunteer = request.volunteer
    form = PauseForm(request.POST or None, initial={"until": volunteer.paused_until})
    if request.method == "POST" and form.is_valid():
        services.volunteer_pause(volunteer=volunteer, until=form.cleaned_data["until"])
        messages.success(request, _("Je pauze staat erin. We vragen je tot en met %(date)s niet "
                                    "voor nieuwe koppelingen.")
                         % {"date": _date(form.cleaned_data["until"])})
        return redirect("volunteers:mine")
    return render(request, "volunteers/mine_pause.html", {"form": form, "volunteer": volunteer})


def _date(value) -> str:
    return date_format(value, "j F Y")


@require_POST
@volunteer_required
def mine_unpause(request):
    services.volunteer_unpause(volunteer=request.volunteer)
    messages.success(request, _("Fijn dat je er weer bent! Je pauze is gestopt."))
    return redirect("volunteers:mine")


@require_POST
@volunteer_required
def mine_withdraw_consent(request):
    services.volunteer_withdraw_consent(volunteer=request.volunteer)
    messages.success(request, _("Je toestemming is ingetrokken. We hebben je culturele "
                                "achtergrond gewist."))
    return redirect("volunteers:mine")


@volunteer_required
def mine_export(request):
    """Everything we hold about you, as JSON (AVG: right of access and data portability)."""
    data = selectors.volunteer_personal_data(volunteer=request.volunteer)
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2),
                            content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="mijn-koppel-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


@volunteer_required
def mine_erase(request):
    """Ask for your account to be deleted. The password confirms it is really you."""
    volunteer = request.volunteer
    form = PasswordConfirmForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.volunteer_erase(volunteer=volunteer, actor=None)
        logout(request)
        return redirect("volunteers:goodbye")
    return render(request, "volunteers/mine_erase.html", {"form": form, "volunteer": volunteer})


def goodbye(request):
    return render(request, "volunteers/goodbye.html")
