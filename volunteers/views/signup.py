"""The public front door: the welcome page, the signup wizard and account activation."""

from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import Organisation, User

from .. import services
from ..access import SIGNUP_ORGANISATION_KEY, own_volunteer, signup_user_required
from ..display import profile_sections
from ..forms import ActivationForm
from ..steps import STEPS, STEPS_BY_KEY, progress, step_index
from ..tokens import activation_token, user_pk_from_uid

POSTCODE_UNKNOWN = gettext_lazy("Deze postcode kennen we nog niet. Dat is niet erg: je coördinator "
                                "kijkt zelf waar je woont.")


def _the_only_organisation():
    organisations = list(Organisation.objects.all()[:2])
    return organisations[0] if len(organisations) == 1 else None


def welcome(request):
    """What volunteering here means. With several organisations the visitor picks one."""
    organisation = _the_only_organisation()
    if organisation is not None:
        return _welcome_page(request, organisation)
    return render(request, "volunteers/welcome.html", {
        "organisations": Organisation.objects.order_by("name"),
    })


def welcome_organisation(request, slug):
    return _welcome_page(request, get_object_or_404(Organisation, slug=slug))


def _welcome_page(request, organisation):
    return render(request, "volunteers/welcome.html", {
        "chosen": organisation,
        "volunteer": own_volunteer(request),
    })


def signup_start(request, slug):
    """"Ik meld me aan": remember the organisation, then make an account (or go on)."""
    organisation = get_object_or_404(Organisation, slug=slug)
    request.session[SIGNUP_ORGANISATION_KEY] = organisation.pk
    wizard = reverse("volunteers:signup")
    if request.user.is_authenticated:
        return redirect(wizard)
    return redirect(f"{reverse('account_signup')}?{urlencode({'next': wizard})}")


def _signup_organisation(request):
    pk = request.session.get(SIGNUP_ORGANISATION_KEY)
    organisation = Organisation.objects.filter(pk=pk).first() if pk else None
    return organisation or _the_only_organisation()


@signup_user_required
def signup(request):
    """Resume the wizard where the volunteer left off."""
    volunteer = request.volunteer
    if volunteer is None:
        return redirect("volunteers:signup_step", step=STEPS[0].key)
    if not volunteer.signup_step:
        return redirect("volunteers:mine")
    return redirect("volunteers:signup_step", step=volunteer.signup_step)


@signup_user_required
def signup_step(request, step):
    current = STEPS_BY_KEY.get(step)
    if current is None:
        raise Http404
    volunteer = request.volunteer
    organisation = volunteer.organisation if volunteer else _signup_organisation(request)
    if volunteer is None:
        if organisation is None:
            messages.info(request, _("Kies eerst bij welke organisatie je vrijwilliger wilt "
                                     "worden."))
            return redirect("volunteers:welcome")
        if current.key != STEPS[0].key:
            return redirect("volunteers:signup_step", step=STEPS[0].key)
    elif not volunteer.signup_step:
        # Signed up already: changes are made in Mijn Koppel.
        return redirect("volunteers:mine")
    elif step_index(current.key) > step_index(volunteer.signup_step):
        return redirect("volunteers:signup_step", step=volunteer.signup_step)

    data = request.POST if request.method == "POST" else None
    form = current.get_form(volunteer=volunteer, data=data)
    if data is not None and "add_language" not in data and current.is_valid(form):
        if volunteer is None:
            volunteer = services.volunteer_signup_start(
                user=request.user, organisation=organisation, fields=form.values())
            request.session.pop(SIGNUP_ORGANISATION_KEY, None)
        else:
            current.save(form=form, volunteer=volunteer, request=request)
        next_step = services.volunteer_advance_signup(volunteer=volunteer, completed=current.key)
        if current.key == "about" and volunteer.latitude is None:
            messages.info(request, POSTCODE_UNKNOWN)
        if current.key == STEPS[-1].key:
            messages.success(request, _("Welkom bij Koppel, %(name)s! Je aanmelding is binnen.")
                             % {"name": volunteer.first_name})
            return redirect("volunteers:mine")
        return redirect("volunteers:signup_step", step=next_step)

    index = step_index(current.key)
    return render(request, "volunteers/signup_step.html", {
        "step": current, "form": form, "volunteer": volunteer, "organisation": organisation,
        "progress": progress(current.key, volunteer),
        "number": index + 2, "total": len(STEPS) + 1,
        "previous": STEPS[index - 1] if index > 0 else None,
        "is_last": current.key == STEPS[-1].key,
        "postcode_unknown": _postcode_unknown(current, form, volunteer),
        "sections": _wizard_sections(volunteer) if current.key == STEPS[-1].key else [],
    })


def _wizard_sections(volunteer):
    sections = profile_sections(volunteer)
    for section in sections:
        section.url = reverse("volunteers:signup_step", args=[section.key])
    return sections


def _postcode_unknown(step, form, volunteer) -> bool:
    return bool(step.key == "about" and volunteer and volunteer.postcode
                and volunteer.latitude is None and not form.is_bound)


def activate(request, uidb36, token):
    """The link in the invitation of an imported volunteer: choose a password and come in."""
    pk = user_pk_from_uid(uidb36)
    user = User.objects.filter(pk=pk, is_active=True).first() if pk else None
    volunteer = (user.volunteer if user is not None and hasattr(user, "volunteer") else None)
    if user is None or volunteer is None or not activation_token.check_token(user, token):
        return render(request, "volunteers/activate_invalid.html", status=404)
    form = ActivationForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        services.volunteer_activate(user=user, password=form.cleaned_data["password1"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welkom bij Koppel, %(name)s! Je account is klaar.")
                         % {"name": volunteer.first_name})
        return redirect("volunteers:mine")
    return render(request, "volunteers/activate.html", {"form": form, "volunteer": volunteer})
