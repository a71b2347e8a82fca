from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views import i18n as i18n_views
from django.views.decorators.http import require_POST

from . import selectors, services
from .access import ADMINS, get_for_staff, staff_required
from .forms import AcceptInvitationForm, InvitationForm, RoleForm
from .models import Invitation, Membership, User


def _first_url(*names):
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


def home(request):
    """The front door: staff go to their dashboard, volunteers to Mijn Koppel."""
    if request.membership is not None:
        target = _first_url("dashboard:home")
        if target:
            return redirect(target)
    elif request.user.is_authenticated:
        target = _first_url("volunteers:mine")
        if target:
            return redirect(target)
    return render(request, "core/home.html")


def healthz(request):
    """For load balancers and docker-compose: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def set_language(request):
    """Django's language switch, and for signed-in people also the language of their e-mails."""
    response = i18n_views.set_language(request)
    language = request.POST.get("language", "")
    if (request.method == "POST" and request.user.is_authenticated
            and language in dict(settings.LANGUAGES)):
        User.objects.filter(pk=request.user.pk).update(language=language)
    return response


def privacy(request):
    return render(request, "core/privacy.html")


def accessibility(request):
    return render(request, "core/accessibility.html")


def invitation_accept(request, token):
    try:
        invitation = services.invitation_for_token(token)
    except services.InvitationError:
        return render(request, "core/invitation_invalid.html", status=404)

    user = request.user if request.user.is_authenticated else None
    if user is not None and user.email.lower() != invitation.email:
        return render(request, "core/invitation_wrong_account.html",
                      {"invitation": invitation}, status=403)

    form = None
    if user is None:
        form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and (form is None or form.is_valid()):
        data = form.cleaned_data if form else {}
        try:
            user = services.invitation_accept(
                invitation=invitation, user=user,
                first_name=data.get("first_name", ""), last_name=data.get("last_name", ""),
                password=data.get("password1", ""),
            )
        except services.InvitationError:
            return render(request, "core/invitation_invalid.html", status=404)
        if not request.user.is_authenticated:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welkom bij %(organisation)s!") % {
            "organisation": invitation.organisation.name})
        return redirect("core:home")
    return render(request, "core/invitation_accept.html",
                  {"invitation": invitation, "form": form})


@staff_required(ADMINS)
def team(request):
    form = InvitationForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        services.invitation_create(
            organisation=request.organisation, email=form.cleaned_data["email"],
            role=form.cleaned_data["role"], invited_by=request.user,
        )
        messages.success(request, _("De uitnodiging is verstuurd naar %(email)s.") % {
            "email": form.cleaned_data["email"]})
        return redirect("core:team")
    return render(request, "core/team.html", {
        "form": form,
        "members": selectors.organisation_members(organisation=request.organisation),
        "invitations": selectors.invitation_open_list(organisation=request.organisation),
        "role_form": RoleForm(),
    })


@require_POST
@staff_required(ADMINS)
def member_role(request, pk):
    membership = get_for_staff(request, Membership, roles=ADMINS, pk=pk)
    form = RoleForm(request.POST)
    if membership == request.membership:
        messages.error(request, _("Je kunt je eigen rol niet wijzigen."))
    elif form.is_valid():
        services.membership_set_role(membership=membership, role=form.cleaned_data["role"])
        messages.success(request, _("De rol van %(name)s is gewijzigd.") % {
            "name": membership.user})
    return redirect("core:team")


@require_POST
@staff_required(ADMINS)
def member_remove(request, pk):
    membership = get_for_staff(request, Membership, roles=ADMINS, pk=pk)
    if membership == request.membership:
        messages.error(request, _("Je kunt jezelf niet uit het team halen."))
    else:
        services.membership_remove(membership=membership)
        messages.success(request, _("%(name)s is uit het team gehaald.") % {
            "name": membership.user})
    return redirect("core:team")


@require_POST
@staff_required(ADMINS)
def invitation_revoke(request, pk):
    invitation = get_for_staff(request, Invitation, roles=ADMINS, pk=pk)
    services.invitation_revoke(invitation=invitation)
    messages.success(request, _("De uitnodiging is ingetrokken."))
    return redirect("core:team")
