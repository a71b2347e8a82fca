from datetime import date

from django.contrib import messages
from django.contrib.auth import login
from django.core.paginator import Paginator
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views import i18n as i18n_views
from django.views.decorators.http import require_POST

from . import i18n, selectors, services
from .access import ADMINS, get_for_staff, staff_required
from .forms import (
    AcceptInvitationForm,
    AuditFilterForm,
    InvitationForm,
    OrganisationSettingsForm,
    RoleForm,
)
from .i18n import portal_page
from .models import Invitation, Membership, Organisation, User
from .words import volunteer_word


def _first_url(*names):
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


@portal_page
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
    """Django's language switch (a cookie), and for signed-in people also the language of their
    e-mails. Staff keep Dutch or English for their e-mails, whatever they pick on a volunteer
    page (core.i18n)."""
    response = i18n_views.set_language(request)
    language = request.POST.get("language", "")
    if (request.method == "POST" and request.user.is_authenticated
            and i18n.may_save_language(request.user, language)):
        User.objects.filter(pk=request.user.pk).update(language=language)
    return response


@portal_page
def privacy(request):
    return render(request, "core/privacy.html")


# The day the accessibility statement was last checked against the tests it describes.
ACCESSIBILITY_STATEMENT_DATE = date(2026, 11, 22)


@portal_page
def accessibility(request):
    return render(request, "core/accessibility.html",
                  {"statement_date": ACCESSIBILITY_STATEMENT_DATE})


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


@staff_required(ADMINS)
def organisation_settings(request):
    """The organisation's own settings: the word for volunteers towards families (core.words)
    and how volunteers reach the organisation."""
    organisation = request.organisation
    # The form validates a copy (a ModelForm writes onto its instance); the service changes
    # the organisation itself.
    form = OrganisationSettingsForm(request.POST or None,
                                    instance=Organisation.objects.get(pk=organisation.pk))
    if request.method == "POST" and form.is_valid():
        services.organisation_update_settings(organisation=organisation,
                                              fields=form.cleaned_data)
        messages.success(request, _("De instellingen zijn opgeslagen."))
        return redirect("core:organisation_settings")
    return render(request, "core/organisation_settings.html", {
        "form": form, "examples": _word_examples(organisation)})


def _word_examples(organisation):
    """How a family reads the chosen word, for the preview on the settings page."""
    return {"singular": volunteer_word(organisation),
            "plural": volunteer_word(organisation, plural=True)}


AUDIT_PAGE_SIZE = 50


@staff_required(ADMINS)
def audit_trail(request):
    """Who viewed or changed whose personal data: for the organisation admin only."""
    organisation = request.organisation
    form = AuditFilterForm(request.GET or None,
                           subject_types=selectors.audit_subject_types(organisation=organisation),
                           actors=selectors.audit_actors(organisation=organisation))
    filters = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = {"subject_type": data["subject_type"], "subject_id": data["subject_id"],
                   "actor_id": data["actor"], "since": data["since"], "until": data["until"]}
    events = selectors.audit_event_search(organisation=organisation, **filters)
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    for event in page:
        event.subject_label = selectors.audit_subject_label(event.subject_type)
        event.subject_url = selectors.audit_subject_url(event.subject_type, event.subject_id)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "core/audit.html", {
        "form": form, "page": page, "query": query.urlencode(),
        "filtered": any(value not in (None, "") for value in filters.values())})
