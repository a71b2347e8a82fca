"""The journey's pages: the coordinator's timeline per volunteer and action list, the
settings and figures, and the volunteer's own journey in Mijn Koppel."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import COORDINATORS, MATCHMAKERS, get_for_staff, staff_required
from core.i18n import portal_page
from core.models import AuditEvent
from core.services import audit_record
from volunteers.models import Volunteer

from . import selectors, services
from .certificate import certificate_filename, certificate_pdf
from .forms import (
    SUMMARY_QUEUED,
    CertificateForm,
    ExitForm,
    JourneySettingsForm,
    NoteForm,
    RescheduleForm,
    StepCompleteForm,
    StepDefinitionFormSet,
)
from .models import Certificate, Journey, JourneyStep, Phase, StepDefinition
from .services import JourneyError


def _get_volunteer(request, pk, roles) -> Volunteer:
    return get_for_staff(request, Volunteer.objects.select_related("organisation", "user"),
                         roles=roles, pk=pk)


def _get_step(request, pk, roles) -> JourneyStep:
    return get_for_staff(
        request, JourneyStep.objects.select_related("definition", "journey__volunteer", "owner"),
        roles=roles, pk=pk)


def _get_certificate(request, pk, roles) -> Certificate:
    return get_for_staff(
        request, Certificate.objects.select_related("journey__volunteer", "journey__organisation"),
        roles=roles, pk=pk)


def _back(request, volunteer) -> str:
    """Where one-click actions return to: the page they came from, or the timeline."""
    target = request.POST.get("next") or request.GET.get("next")
    # Only a path of this site: anything else ("0", a view name) would be taken for a URL name.
    if target and target.startswith("/") and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}):
        return target
    return reverse("journey:timeline", args=[volunteer.pk])


def _audit_view(request, volunteer, fields) -> None:
    audit_record(actor=request.user, organisation=request.organisation,
                 action=AuditEvent.Action.VIEW, subject=volunteer, fields=fields)


def _timeline_context(request, volunteer, **forms):
    history = selectors.journey_history(volunteer=volunteer)
    current = history[0] if history else None
    today = timezone.localdate()
    open_steps = selectors.with_due_state(
        selectors.journey_open_steps(journey=current) if current else [], today=today)
    return {
        "volunteer": volunteer, "history": history, "current": current,
        "open_steps": open_steps, "today": today, "Phase": Phase,
        "note_form": forms.get("note_form") or NoteForm(),
        "can_change": request.membership.role in COORDINATORS,
        "can_reactivate": current is not None and current.phase in (Phase.EXIT, Phase.ALUMNI)
        and volunteer.anonymised_at is None,
    }


@staff_required(MATCHMAKERS)
def timeline(request, pk):
    volunteer = _get_volunteer(request, pk, MATCHMAKERS)
    if not volunteer.journeys.exists() and volunteer.anonymised_at is None \
            and not volunteer.signup_step:
        services.journey_start(volunteer=volunteer)
    audit_record(actor=request.user, organisation=request.organisation,
                 action=AuditEvent.Action.VIEW, subject=volunteer,
                 fields=["journey", "timeline"])
    return render(request, "journey/timeline.html", _timeline_context(request, volunteer))


@require_POST
@staff_required(COORDINATORS)
def step_complete(request, pk):
    step = _get_step(request, pk, COORDINATORS)
    volunteer = step.journey.volunteer
    form = StepCompleteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.journey_complete_step(step=step, by=request.user, note=note)
    except JourneyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Afgerond: %(step)s.") % {"step": step.label})
    return redirect(_back(request, volunteer))


@staff_required(COORDINATORS)
def step_reschedule(request, pk):
    step = _get_step(request, pk, COORDINATORS)
    volunteer = step.journey.volunteer
    form = RescheduleForm(request.POST or None, organisation=request.organisation,
                          initial={"due_date": step.due_date})
    if request.method == "POST" and form.is_valid():
        try:
            services.journey_reschedule_step(
                step=step, due_date=form.cleaned_data["due_date"], by=request.user,
                owner=form.cleaned_data["owner"], note=form.cleaned_data["note"])
        except JourneyError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Verzet: %(step)s.") % {"step": step.label})
        return redirect(_back(request, volunteer))
    _audit_view(request, volunteer, ["first_name", "last_name", "journey"])
    return render(request, "journey/reschedule.html", {
        "step": step, "volunteer": volunteer, "form": form,
        "next": request.GET.get("next") or request.POST.get("next", "")})


@require_POST
@staff_required(COORDINATORS)
def note_add(request, pk):
    volunteer = _get_volunteer(request, pk, COORDINATORS)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return render(request, "journey/timeline.html",
                      _timeline_context(request, volunteer, note_form=form))
    training = form.cleaned_data["kind"] == "training"
    services.journey_add_note(volunteer=volunteer, note=form.cleaned_data["note"],
                              title=form.cleaned_data["title"], training=training,
                              by=request.user)
    messages.success(request, _("De training is toegevoegd.") if training
                     else _("De notitie is toegevoegd."))
    return redirect("journey:timeline", pk=volunteer.pk)


@require_POST
@staff_required(COORDINATORS)
def intake_complete(request, pk):
    volunteer = _get_volunteer(request, pk, COORDINATORS)
    journey = services.journey_current(volunteer=volunteer)
    try:
        if journey is None:
            raise JourneyError(_("Deze vrijwilliger heeft nog geen reis."))
        services.journey_complete_intake(journey=journey, by=request.user)
    except JourneyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("De instroom is afgerond: %(name)s kan nu gekoppeld "
                                    "worden.") % {"name": volunteer.full_name})
    return redirect("journey:timeline", pk=volunteer.pk)


@staff_required(COORDINATORS)
def exit_conversation(request, pk):
    volunteer = _get_volunteer(request, pk, COORDINATORS)
    journey = services.journey_current(volunteer=volunteer)
    if journey is None or volunteer.anonymised_at is not None:
        raise Http404
    initial = {}
    if journey.phase in (Phase.EXIT, Phase.ALUMNI):
        initial = {"reason": journey.exit_reason, "feedback": journey.exit_feedback,
                   "keep_in_touch": journey.keep_in_touch,
                   "ambassador": {True: "yes", False: "no"}.get(journey.ambassador, ""),
                   "next_step_partner": journey.next_step_partner_id,
                   "next_step_note": journey.next_step_note}
    form = ExitForm(request.POST or None, organisation=request.organisation, initial=initial,
                    volunteer=volunteer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.journey_exit(
                volunteer=volunteer, reason=data["reason"], feedback=data["feedback"],
                keep_in_touch=data["keep_in_touch"], ambassador=form.ambassador_value,
                next_step_partner=data["next_step_partner"],
                next_step_note=data["next_step_note"],
                consulent_summary=form.consulent_summary_value, by=request.user)
        except JourneyError as error:
            messages.error(request, str(error))
        else:
            audit_record(actor=request.user, organisation=request.organisation,
                         action=AuditEvent.Action.UPDATE, subject=volunteer,
                         fields=["status", "exit_feedback", "keep_in_touch"])
            messages.success(request, _("Het exitgesprek is vastgelegd."))
            if form.consulent_summary_value:
                messages.success(request, SUMMARY_QUEUED)
        return redirect("journey:timeline", pk=volunteer.pk)
    _audit_view(request, volunteer, ["first_name", "last_name", "journey", "exit_feedback"])
    return render(request, "journey/exit.html",
                  {"volunteer": volunteer, "journey": journey, "form": form})


@require_POST
@staff_required(COORDINATORS)
def reactivate(request, pk):
    volunteer = _get_volunteer(request, pk, COORDINATORS)
    try:
        services.journey_reactivate(volunteer=volunteer, by=request.user)
    except JourneyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(name)s begint opnieuw: de instroom staat klaar.")
                         % {"name": volunteer.full_name})
    return redirect("journey:timeline", pk=volunteer.pk)


def _default_role_title(volunteer) -> str:
    return _("maatje") if "companionship" in volunteer.activities else _("vrijwilliger")


@staff_required(COORDINATORS)
def certificate_edit(request, pk):
    volunteer = _get_volunteer(request, pk, COORDINATORS)
    journey = services.journey_current(volunteer=volunteer)
    if journey is None or volunteer.anonymised_at is not None:
        raise Http404
    existing = Certificate.objects.filter(journey=journey).first()
    if existing is not None:
        initial = {"role_title": existing.role_title, "tasks": "\n".join(existing.tasks),
                   "competences": existing.competences, "signer_role": existing.signer_role}
    else:
        initial = {"role_title": _default_role_title(volunteer),
                   "tasks": "\n".join(selectors.certificate_task_suggestions(journey=journey))}
    form = CertificateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.certificate_save(journey=journey, role_title=data["role_title"],
                                  tasks=data["tasks"], competences=data["competences"],
                                  signer=request.user, signer_role=data["signer_role"])
        messages.success(request, _("Het getuigschrift is klaar om te downloaden."))
        return redirect("journey:timeline", pk=volunteer.pk)
    _audit_view(request, volunteer, ["first_name", "last_name", "journey", "certificate"])
    return render(request, "journey/certificate_form.html", {
        "volunteer": volunteer, "journey": journey, "form": form, "certificate": existing})


CERTIFICATE_LANGUAGES = {"nl", "en"}


def _pdf_response(certificate, language) -> HttpResponse:
    response = HttpResponse(certificate_pdf(certificate=certificate, language=language),
                            content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{certificate_filename(certificate, language)}"')
    return response


@staff_required(COORDINATORS)
def certificate_download(request, pk, language):
    if language not in CERTIFICATE_LANGUAGES:
        raise Http404
    certificate = _get_certificate(request, pk, COORDINATORS)
    audit_record(actor=request.user, organisation=request.organisation,
                 action=AuditEvent.Action.EXPORT, subject=certificate.journey.volunteer,
                 fields=["certificate"])
    return _pdf_response(certificate, language)


@staff_required(COORDINATORS)
def my_actions(request):
    today = timezone.localdate()
    actions = selectors.with_due_state(
        selectors.journey_actions_for(user=request.user, organisation=request.organisation),
        today=today)
    return render(request, "journey/actions.html", {
        "actions": actions, "today": today,
        "overdue": sum(1 for a in actions if a.due_state == "overdue"),
        "due_today": sum(1 for a in actions if a.due_state == "today"),
    })


@staff_required(COORDINATORS)
def journey_settings(request):
    settings_obj = services.journey_settings_get(organisation=request.organisation)
    services.step_definitions_ensure(organisation=request.organisation)
    queryset = StepDefinition.objects.filter(organisation=request.organisation)
    form = JourneySettingsForm(request.POST or None, instance=settings_obj, prefix="settings")
    formset = StepDefinitionFormSet(request.POST or None, queryset=queryset, prefix="steps")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            form.save()
            formset.save()
        messages.success(request, _("De instellingen van de vrijwilligersreis zijn opgeslagen."))
        return redirect("journey:settings")
    return render(request, "journey/settings.html", {"form": form, "formset": formset,
                                                     "Phase": Phase})


@staff_required(MATCHMAKERS)
def funnel(request):
    return render(request, "journey/funnel.html", {
        "funnel": selectors.journey_funnel(organisation=request.organisation)})


# --- The volunteer's own journey -------------------------------------------------------------


def _own_volunteer(request) -> Volunteer:
    """The signed-in person's own volunteer profile (a small local check until
    volunteers/access.py lands); staff and strangers get a 404."""
    volunteer = Volunteer.objects.filter(user_id=request.user.pk, anonymised_at=None) \
        .select_related("organisation").first()
    if volunteer is None:
        raise Http404
    return volunteer


@portal_page
@login_required
def mine(request):
    volunteer = _own_volunteer(request)
    history = list(Journey.objects.filter(volunteer=volunteer)
                   .select_related("certificate").order_by("-number"))
    for journey in history:
        try:
            journey.cert = journey.certificate
        except Certificate.DoesNotExist:
            journey.cert = None
    current = history[0] if history else None
    done_steps = []
    next_step = None
    if current is not None:
        steps = list(current.steps.select_related("definition")
                     .order_by(F("due_date").asc(nulls_last=True), "pk"))
        done_steps = [s for s in steps if s.completed_at and not s.skipped]
        open_steps = [s for s in steps if s.completed_at is None]
        next_step = open_steps[0] if open_steps else None
    return render(request, "journey/mine.html", {
        "volunteer": volunteer, "current": current, "history": history[1:],
        "certificates": [j for j in history if j.cert], "done_steps": done_steps,
        "next_step": next_step, "Phase": Phase,
        "role_word": _default_role_title(volunteer),
        "trainings": selectors.volunteer_trainings(volunteer=volunteer),
    })


@portal_page
@login_required
def mine_certificate(request, pk, language):
    if language not in CERTIFICATE_LANGUAGES:
        raise Http404
    volunteer = _own_volunteer(request)
    certificate = get_object_or_404(
        Certificate.objects.select_related("journey__volunteer", "journey__organisation"),
        pk=pk, journey__volunteer=volunteer)
    return _pdf_response(certificate, language)
