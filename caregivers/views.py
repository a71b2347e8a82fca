"""Pages of the caregivers app. Staff of the organisation read; coordinators write."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import COORDINATORS, STAFF, get_for_staff, has_role, staff_required
from core.csvio import ImportFailed, write_table
from core.languages import language_choices, language_name
from core.models import AuditEvent
from core.services import audit_record
from core.vocabulary import Activity

from . import imports, selectors, services
from .forms import (
    CaregiverForm,
    ImportUploadForm,
    IntakeCaregiverForm,
    IntakeForm,
    IntakeRecipientForm,
    PartnerForm,
    RecipientForm,
    ReferralForm,
    RequestForm,
    TransitionForm,
)
from .lifecycle import InvalidTransition, button_actions
from .models import Caregiver, CareRecipient, HelpRequest, Partner, PendingImport
from .services import PersonInput

PAGE_SIZE = 25
WAITING_CHOICES = [(14, _("2 weken")), (28, _("4 weken")), (56, _("8 weken")),
                   (91, _("3 maanden"))]


def _get_request(request, pk, roles=STAFF) -> HelpRequest:
    return get_for_staff(request, HelpRequest.objects.select_related("caregiver", "recipient"),
                         roles=roles, pk=pk)


def _get_caregiver(request, pk, roles=STAFF) -> Caregiver:
    return get_for_staff(request, Caregiver, roles=roles, pk=pk)


def _get_recipient(request, pk, roles=STAFF) -> CareRecipient:
    return get_for_staff(request, CareRecipient, roles=roles, pk=pk)


def _get_partner(request, pk, roles=STAFF) -> Partner:
    return get_for_staff(request, Partner, roles=roles, pk=pk)


def _posted(request):
    """The submitted data for a bound form, or None on GET (an empty POST is still a POST)."""
    return request.POST if request.method == "POST" else None


def _language_context():
    return {"language_options": language_choices()}


def _audit_view(request, subject, fields):
    audit_record(actor=request.user, organisation=request.organisation,
                 action=AuditEvent.Action.VIEW, subject=subject, fields=fields)


def _shown_fields(person) -> list[str]:
    return [name for name in services.PERSON_FIELDS if getattr(person, name) not in ("", None)]


# --- request list and export --------------------------------------------------------------


def _filters_from(params) -> tuple[selectors.RequestFilters, dict]:
    """Filters from the query string; unknown values are ignored, never an error."""
    status = params.get("status", selectors.OPEN)
    if status not in {selectors.OPEN, selectors.ALL, *HelpRequest.Status.values}:
        status = selectors.OPEN
    waiting = params.get("waiting", "")
    min_days = int(waiting) if waiting.isdigit() and int(waiting) < 10000 else None
    activity = params.get("activity", "")
    activity = activity if activity in Activity.values else ""
    language = params.get("language", "").strip().lower()[:3]
    sort = params.get("sort", "waiting")
    filters = selectors.RequestFilters(
        status=status, min_waiting_days=min_days, activity=activity, language=language,
        area=params.get("area", "").strip()[:60], query=params.get("q", "").strip()[:100],
        sort=sort if sort in {"waiting", "urgency", "newest", "reference"} else "waiting")
    values = {"status": status, "waiting": str(min_days or ""), "activity": activity,
              "language": language, "area": filters.area, "q": filters.query,
              "sort": filters.sort}
    return filters, values


@staff_required(STAFF)
def request_list(request):
    now = timezone.now()
    filters, values = _filters_from(request.GET)
    requests = selectors.help_request_list(organisation=request.organisation, filters=filters,
                                           now=now)
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    for item in page:
        item.waiting = selectors.waiting_days(item, now)
    query = request.GET.copy()
    query.pop("page", None)
    languages = selectors.request_languages_in_use(organisation=request.organisation)
    return render(request, "caregivers/request_list.html", {
        "page": page,
        "values": values,
        "query": query.urlencode(),
        "status_choices": HelpRequest.Status.choices,
        "waiting_choices": WAITING_CHOICES,
        "activity_choices": Activity.choices,
        "language_choices": sorted(((code, language_name(code)) for code in languages),
                                   key=lambda item: item[1].lower()),
        "sort_choices": [("waiting", _("langst wachtend eerst")),
                         ("urgency", _("meest dringend eerst")),
                         ("newest", _("nieuwste eerst")), ("reference", _("kenmerk"))],
        "filtered": any(values[key] for key in ("waiting", "activity", "language", "area", "q"))
        or values["status"] != selectors.OPEN,
    })


@staff_required(COORDINATORS)
def request_export(request):
    """The filtered list as CSV in the import format (it can be imported again)."""
    filters, _values = _filters_from(request.GET)
    requests = selectors.help_request_list(organisation=request.organisation, filters=filters)
    rows = [imports.request_row(item) for item in requests]
    audit_record(actor=request.user, organisation=request.organisation,
                 action=AuditEvent.Action.EXPORT, subject_type="helprequest",
                 fields=[f"rows={len(rows)}"])
    response = HttpResponse(write_table(imports.COLUMNS, rows),
                            content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="hulpvragen-{stamp}.csv"'
    return response


# --- intake ---------------------------------------------------------------------------------


def _chosen_caregiver(request, pk):
    if not str(pk or "").isdigit():
        return None
    return Caregiver.objects.filter(organisation=request.organisation, erased_at=None,
                                    pk=int(pk)).prefetch_related("languages", "recipients").first()


def _unbound(bound):
    """The same form again, unbound but showing what was typed: for a search or a pick on
    the intake page, which must not show errors yet nor lose anything."""
    initial = {name: bound[name].data for name in bound.fields}
    kwargs = {"prefix": bound.prefix, "initial": initial}
    if hasattr(bound, "organisation"):
        kwargs["organisation"] = bound.organisation
    return type(bound)(**kwargs)


def _intake_forms(data, organisation):
    return (IntakeForm(data, organisation=organisation),
            IntakeCaregiverForm(data, prefix="cg", organisation=organisation),
            IntakeRecipientForm(data, prefix="rc"),
            RequestForm(data, prefix="rq", organisation=organisation))


@staff_required(COORDINATORS)
def intake(request):
    """One page for a new request: caregiver (search or new), recipient, request.

    Buttons other than "save" (search, pick a caregiver) post the whole form, so nothing
    typed is lost; the page then comes back without error messages."""
    organisation = request.organisation
    params = request.POST if request.method == "POST" else request.GET
    query = params.get("q", "").strip()[:100]
    results = selectors.caregiver_search(organisation=organisation, query=query) if query else []
    if request.htmx and request.method == "GET" and "q" in request.GET:
        return render(request, "caregivers/includes/caregiver_results.html",
                      {"results": results, "query": query})

    status = 200
    if request.method == "POST" and ("pick" in request.POST
                                     or request.POST.get("action") == "search"):
        chosen = _chosen_caregiver(request, request.POST.get("pick", request.POST.get("caregiver")))
        if "pick" in request.POST:
            query, results = "", []
        intake_form, caregiver_form, recipient_form, request_form = (
            _unbound(form) for form in _intake_forms(request.POST, organisation))
        intake_form.initial["caregiver"] = chosen.pk if chosen else None
        intake_form.initial["recipient"] = ""
    elif request.method == "POST":
        intake_form, caregiver_form, recipient_form, request_form = _intake_forms(
            request.POST, organisation)
        response, chosen = _intake_save(request, intake_form, caregiver_form, recipient_form,
                                        request_form)
        if response is not None:
            return response
        status = 400
    else:
        chosen = _chosen_caregiver(request, request.GET.get("caregiver"))
        intake_form = IntakeForm(initial={"caregiver": chosen.pk if chosen else None},
                                 organisation=organisation)
        caregiver_form = IntakeCaregiverForm(prefix="cg", organisation=organisation)
        recipient_form = IntakeRecipientForm(prefix="rc")
        request_form = RequestForm(prefix="rq", organisation=organisation)

    if chosen is not None:
        _audit_view(request, chosen, _shown_fields(chosen))
    # In the order of the page, so the error summary reads top to bottom.
    forms = ([] if chosen else [caregiver_form]) + [recipient_form, request_form, intake_form]
    return render(request, "caregivers/intake.html", {
        "intake_form": intake_form, "caregiver_form": caregiver_form,
        "recipient_form": recipient_form, "request_form": request_form,
        "chosen": chosen,
        "chosen_recipients": [r for r in chosen.recipients.all() if not r.erased_at]
        if chosen else [],
        "recipient_choice": str(intake_form["recipient"].value() or ""),
        "error_forms": [form for form in forms if form.is_bound and form.errors],
        "results": results, "query": query,
        **_language_context(),
    }, status=status)


def _intake_save(request, intake_form, caregiver_form, recipient_form, request_form):
    """Validate the three parts together; save and redirect, or return (None, caregiver)."""
    valid = intake_form.is_valid()
    chosen = intake_form.cleaned_data.get("caregiver") if valid else _chosen_caregiver(
        request, request.POST.get("caregiver"))
    valid = request_form.is_valid() and valid
    if chosen is None:
        valid = caregiver_form.is_valid() and valid
    recipient_form.is_valid()
    choice = (intake_form.cleaned_data.get("recipient") or "").strip()
    existing_recipient = intake_form.cleaned_data.get("existing_recipient")
    new_recipient = choice == "new" or (choice == "" and not recipient_form.is_empty())
    if new_recipient:
        if recipient_form.is_empty() and not recipient_form.has_error("name"):
            recipient_form.add_error("name", _("Vul de naam van de zorgvrager in, of kies "
                                               "'geen zorgvrager'."))
        valid = not recipient_form.errors and valid
    if valid:
        caregiver_languages = (services.person_languages(chosen) if chosen
                               else caregiver_form.cleaned_data["languages"])
        recipient_languages = (recipient_form.cleaned_data["languages"] if new_recipient
                               else services.person_languages(existing_recipient)
                               if existing_recipient else [])
        if not (request_form.cleaned_data["languages"] or caregiver_languages
                or recipient_languages):
            request_form.add_error("languages", _(
                "Vul minstens één taal in: bij de mantelzorger, de zorgvrager of hier."))
            valid = False
    if not valid:
        return None, chosen

    if chosen is not None:
        caregiver = chosen
    else:
        data = caregiver_form.cleaned_data
        caregiver = PersonInput(
            instance=caregiver_form.save(commit=False), languages=data["languages"],
            consent_data=data["consent_data"],
            consent_share_contact=data["consent_share_contact"])
    recipient = existing_recipient
    if new_recipient:
        recipient = PersonInput(instance=recipient_form.save(commit=False),
                                languages=recipient_form.cleaned_data["languages"],
                                consent_data=True, extra_fields=["birth_year", "situation"])
    help_request = request_form.save(commit=False)
    help_request.received_at = request_form.received_at()
    help_request = services.intake_submit(
        organisation=request.organisation, by=request.user, caregiver=caregiver,
        recipient=recipient,
        relationship=recipient_form.cleaned_data.get("relationship", "")
        if recipient is not None else "",
        request=help_request, request_languages=request_form.cleaned_data["languages"],
        background_consent=request_form.cleaned_data["background_consent"],
        next_status=intake_form.cleaned_data["next_status"])
    messages.success(request, _("Hulpvraag %(reference)s is opgeslagen (%(status)s).") % {
        "reference": help_request.reference, "status": help_request.get_status_display()})
    return redirect("caregivers:request_detail", pk=help_request.pk), chosen


# --- request detail, edit, transitions, referral --------------------------------------------


def _matching_review_url(help_request):
    try:
        return reverse("matchmaking:review", args=[help_request.pk])
    except NoReverseMatch:
        return None


@staff_required(STAFF)
def request_detail(request, pk):
    help_request = _get_request(request, pk)
    help_request = selectors.help_request_detail(organisation=request.organisation,
                                                 pk=help_request.pk).get()
    _audit_view(request, help_request.caregiver, _shown_fields(help_request.caregiver))
    if help_request.recipient:
        _audit_view(request, help_request.recipient, _shown_fields(help_request.recipient))
    personal = [name for name in services.REQUEST_PERSONAL_FIELDS if getattr(help_request, name)]
    if personal:
        _audit_view(request, help_request, personal)
    is_coordinator = has_role(request, COORDINATORS)
    return render(request, "caregivers/request_detail.html", {
        "help_request": help_request,
        "waiting": selectors.waiting_days(help_request),
        "transitions": selectors.help_request_transitions(request=help_request),
        "referrals": help_request.referrals.select_related("partner", "by"),
        "actions": button_actions(help_request.status) if is_coordinator else [],
        "can_refer": is_coordinator and help_request.is_open,
        "suggested_partners": selectors.partner_suggestions(request=help_request)
        if help_request.is_open else [],
        "matching_url": _matching_review_url(help_request),
        "transition_form": TransitionForm(),
    })


@staff_required(COORDINATORS)
def request_edit(request, pk):
    help_request = _get_request(request, pk, roles=COORDINATORS)
    form = RequestForm(_posted(request), instance=help_request, prefix="rq",
                       organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        help_request = form.save(commit=False)
        help_request.received_at = form.received_at()
        services.help_request_update(request=help_request, by=request.user,
                                     languages=form.cleaned_data["languages"],
                                     background_consent=form.cleaned_data["background_consent"])
        messages.success(request, _("De hulpvraag is bijgewerkt."))
        return redirect("caregivers:request_detail", pk=help_request.pk)
    return render(request, "caregivers/request_edit.html", {
        "form": form, "help_request": help_request, **_language_context()},
        status=400 if request.method == "POST" else 200)


@require_POST
@staff_required(COORDINATORS)
def request_transition(request, pk):
    help_request = _get_request(request, pk, roles=COORDINATORS)
    form = TransitionForm(request.POST)
    to_status = request.POST.get("to_status", "")
    if to_status in {HelpRequest.Status.REFERRED}:
        messages.error(request, _("Doorverwijzen gaat via 'Doorverwijzen naar een partner'."))
    elif not form.is_valid():
        messages.error(request, InvalidTransition(help_request.status, to_status).__str__())
    else:
        try:
            services.help_request_transition(request=help_request, to_status=to_status,
                                             by=request.user, note=form.cleaned_data["note"])
        except InvalidTransition as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Status van %(reference)s: %(status)s.") % {
                "reference": help_request.reference,
                "status": help_request.get_status_display()})
    return redirect("caregivers:request_detail", pk=help_request.pk)


@staff_required(COORDINATORS)
def request_refer(request, pk):
    help_request = _get_request(request, pk, roles=COORDINATORS)
    suggestions = selectors.partner_suggestions(request=help_request)
    partners = Partner.objects.filter(organisation=request.organisation, active=True)
    form = ReferralForm(_posted(request), partners=partners)
    if request.method == "POST" and form.is_valid():
        try:
            services.help_request_refer(request=help_request,
                                        partner=form.cleaned_data["partner"],
                                        reason=form.cleaned_data["reason"], by=request.user)
        except InvalidTransition as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("%(reference)s is doorverwezen naar %(partner)s.") % {
                "reference": help_request.reference,
                "partner": form.cleaned_data["partner"].name})
        return redirect("caregivers:request_detail", pk=help_request.pk)
    suggested_ids = {p.pk for p in suggestions}
    others = [p for p in partners.order_by("name") if p.pk not in suggested_ids]
    selected = str(form["partner"].value() or "")
    return render(request, "caregivers/request_refer.html", {
        "help_request": help_request, "form": form, "suggestions": suggestions,
        "others": others, "selected": selected,
    }, status=400 if request.method == "POST" else 200)


# --- caregivers and recipients ------------------------------------------------------------


@staff_required(STAFF)
def caregiver_detail(request, pk):
    caregiver = _get_caregiver(request, pk)
    _audit_view(request, caregiver, _shown_fields(caregiver))
    return render(request, "caregivers/caregiver_detail.html", {
        "person": caregiver, "kind": "caregiver",
        "relations": caregiver.carerelation_set.select_related("recipient"),
        "requests": caregiver.help_requests.order_by("-received_at"),
    })


@staff_required(STAFF)
def recipient_detail(request, pk):
    recipient = _get_recipient(request, pk)
    _audit_view(request, recipient, _shown_fields(recipient) + (
        ["situation"] if recipient.situation else []))
    return render(request, "caregivers/recipient_detail.html", {
        "person": recipient, "kind": "recipient",
        "relations": recipient.carerelation_set.select_related("caregiver"),
        "requests": recipient.help_requests.order_by("-received_at"),
    })


def _person_edit(request, person, form_class, detail_url, extra_fields=()):
    if person.erased_at:
        messages.error(request, _("Deze gegevens zijn gewist en kunnen niet meer worden "
                                  "gewijzigd."))
        return redirect(detail_url)
    form = form_class(_posted(request), instance=person)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.person_save(person=PersonInput(
            instance=form.save(commit=False), languages=data["languages"],
            consent_data=data["consent_data"],
            consent_share_contact=data.get("consent_share_contact", False),
            background_consent=data["background_consent"], extra_fields=list(extra_fields)),
            by=request.user)
        messages.success(request, _("De gegevens van %(name)s zijn bijgewerkt.") % {
            "name": person.name})
        return redirect(detail_url)
    if request.method == "GET":
        _audit_view(request, person, _shown_fields(person))
    return render(request, "caregivers/person_form.html", {
        "form": form, "person": person, "detail_url": detail_url, **_language_context()},
        status=400 if request.method == "POST" else 200)


@staff_required(COORDINATORS)
def caregiver_edit(request, pk):
    caregiver = _get_caregiver(request, pk, roles=COORDINATORS)
    return _person_edit(request, caregiver, CaregiverForm,
                        reverse("caregivers:caregiver_detail", args=[caregiver.pk]))


@staff_required(COORDINATORS)
def recipient_edit(request, pk):
    recipient = _get_recipient(request, pk, roles=COORDINATORS)
    return _person_edit(request, recipient, RecipientForm,
                        reverse("caregivers:recipient_detail", args=[recipient.pk]),
                        extra_fields=["birth_year", "situation"])


def _person_erase(request, person, erase, detail_url):
    if request.method == "POST":
        if person.erased_at:
            messages.info(request, _("Deze gegevens waren al gewist."))
        else:
            erase(person, by=request.user)
            messages.success(request, _("De persoonsgegevens zijn gewist. De hulpvragen blijven "
                                        "zonder persoonsgegevens bewaard voor de statistiek."))
        return redirect(detail_url)
    _audit_view(request, person, ["name"])
    return render(request, "caregivers/person_erase.html", {
        "person": person, "detail_url": detail_url,
        "open_requests": person.help_requests.filter(status__in=HelpRequest.OPEN_STATUSES),
    })


@staff_required(COORDINATORS)
def caregiver_erase(request, pk):
    caregiver = _get_caregiver(request, pk, roles=COORDINATORS)
    return _person_erase(
        request, caregiver,
        lambda person, by: services.caregiver_erase(caregiver=person, by=by),
        reverse("caregivers:caregiver_detail", args=[caregiver.pk]))


@staff_required(COORDINATORS)
def recipient_erase(request, pk):
    recipient = _get_recipient(request, pk, roles=COORDINATORS)
    return _person_erase(
        request, recipient,
        lambda person, by: services.recipient_erase(recipient=person, by=by),
        reverse("caregivers:recipient_detail", args=[recipient.pk]))


# --- partner directory ---------------------------------------------------------------------


@staff_required(STAFF)
def partner_list(request):
    activity = request.GET.get("activity", "")
    activity = activity if activity in Activity.values else ""
    query = request.GET.get("q", "").strip()[:100]
    show_inactive = request.GET.get("inactive") == "1"
    partners = selectors.partner_list(organisation=request.organisation, activity=activity,
                                      query=query, include_inactive=show_inactive)
    return render(request, "caregivers/partner_list.html", {
        "partners": partners, "activity": activity, "query": query,
        "show_inactive": show_inactive, "activity_choices": Activity.choices,
    })


@staff_required(STAFF)
def partner_detail(request, pk):
    partner = _get_partner(request, pk)
    return render(request, "caregivers/partner_detail.html", {
        "partner": partner,
        "referrals": partner.referrals.select_related("request", "by").order_by("-at")[:50],
    })


def _partner_form(request, partner):
    form = PartnerForm(_posted(request), instance=partner)
    if request.method == "POST" and form.is_valid():
        partner = services.partner_save(partner=form.save(commit=False),
                                        organisation=request.organisation)
        messages.success(request, _("%(name)s is opgeslagen in de sociale kaart.") % {
            "name": partner.name})
        return redirect("caregivers:partner_detail", pk=partner.pk)
    return render(request, "caregivers/partner_form.html", {"form": form, "partner": partner},
                  status=400 if request.method == "POST" else 200)


@staff_required(COORDINATORS)
def partner_create(request):
    return _partner_form(request, Partner(organisation=request.organisation))


@staff_required(COORDINATORS)
def partner_edit(request, pk):
    return _partner_form(request, _get_partner(request, pk, roles=COORDINATORS))


# --- import ----------------------------------------------------------------------------------


def _problem_rows(problems):
    return [{"row": p.row or "", "column": p.column, "message": p.message} for p in problems]


@staff_required(COORDINATORS)
def request_import(request):
    """Upload a file; a preview shows what would change before anything is written."""
    form = (ImportUploadForm(request.POST, request.FILES) if request.method == "POST"
            else ImportUploadForm())
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            plan = imports.plan_requests(imports.parse_requests(data),
                                         organisation=request.organisation)
        except ImportFailed as failed:
            return render(request, "caregivers/request_import.html", {
                "form": ImportUploadForm(), "problems": _problem_rows(failed.problems),
                "filename": upload.name, "columns": imports.COLUMNS}, status=400)
        pending = services.pending_import_create(organisation=request.organisation,
                                                 by=request.user, data=data,
                                                 filename=upload.name)
        return render(request, "caregivers/request_import.html", {
            "form": None, "plan": plan, "pending": pending, "counts": plan.counts,
            "notes": _problem_rows(plan.notes), "filename": upload.name,
            "columns": imports.COLUMNS})
    return render(request, "caregivers/request_import.html", {
        "form": form, "columns": imports.COLUMNS},
        status=400 if request.method == "POST" else 200)


@require_POST
@staff_required(COORDINATORS)
def request_import_confirm(request, pk):
    pending = get_object_or_404(PendingImport, pk=pk, organisation=request.organisation)
    if pending.uploaded_by_id != request.user.pk:
        raise Http404
    if request.POST.get("action") == "cancel":
        services.pending_import_discard(pending=pending)
        messages.info(request, _("Import geannuleerd; er is niets opgeslagen."))
        return redirect("caregivers:request_import")
    try:
        plan = services.help_requests_import(organisation=request.organisation,
                                             data=bytes(pending.data), by=request.user,
                                             filename=pending.filename)
    except ImportFailed as failed:
        # The requests changed since the preview in a way the file now conflicts with.
        services.pending_import_discard(pending=pending)
        return render(request, "caregivers/request_import.html", {
            "form": ImportUploadForm(), "problems": _problem_rows(failed.problems),
            "filename": pending.filename, "columns": imports.COLUMNS}, status=400)
    services.pending_import_discard(pending=pending)
    counts = plan.counts
    messages.success(request, _("Import klaar: %(created)s nieuw, %(updated)s bijgewerkt, "
                                "%(unchanged)s ongewijzigd.") % counts)
    return redirect("caregivers:request_list")
