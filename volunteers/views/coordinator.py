"""The coordinator's volunteer pages: search, detail, edit, export, invitation, erasure.

Staff of the organisation may read; coordinators (and admins) may change and export.
Another organisation's volunteer is a 404 (core.access.get_for_staff).
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import COORDINATORS, STAFF, get_for_staff, has_role, staff_required
from core.models import AuditEvent
from core.services import audit_record

from .. import selectors, services
from ..display import profile_sections
from ..forms import ConfirmEraseForm, SearchForm
from ..models import Volunteer
from ..selectors import VolunteerSearch
from ..steps import PROFILE_STEPS, STEPS_BY_KEY
from ..table import COLUMNS

PAGE_SIZE = 25
# What the detail page shows; noted in the audit trail as viewed.
DETAIL_FIELDS = [
    "first_name", "last_name", "email", "phone", "postcode", "max_distance_km", "gender",
    "birth_year", "languages", "slots", "hours_per_week", "commitment", "activities",
    "motivations", "interests", "intercultural_training", "contact_channel", "reminders",
    "status", "paused_until",
]


def _get_volunteer(request, pk, roles=STAFF) -> Volunteer:
    queryset = selectors.volunteer_base_queryset(organisation=request.organisation)
    return get_for_staff(request, queryset.select_related("organisation"), roles=roles, pk=pk)


def _search(request):
    form = SearchForm(request.GET or None)
    search = VolunteerSearch(**form.search_kwargs()) if form.is_bound else VolunteerSearch()
    volunteers = selectors.volunteer_search(organisation=request.organisation, search=search)
    return form, search, volunteers


@staff_required(STAFF)
def volunteer_list(request):
    form, search, volunteers = _search(request)
    page = Paginator(volunteers, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form, "page": page, "search": search, "query": query.urlencode(),
        "by_distance": search.near is not None,
        "can_change": has_role(request, COORDINATORS),
    }
    template = ("volunteers/staff/_results.html" if request.htmx and not request.htmx.boosted
                else "volunteers/staff/list.html")
    return render(request, template, context)


@staff_required(COORDINATORS)
def volunteer_export(request):
    """The filtered list as CSV in the import format (so it can be edited and imported)."""
    _form, _search_, volunteers = _search(request)
    volunteers = list(volunteers)
    services.audit_many(actor=request.user, organisation=request.organisation,
                        action=AuditEvent.Action.EXPORT,
                        volunteer_ids=[v.pk for v in volunteers], fields=COLUMNS)
    response = HttpResponse(selectors.volunteer_export_csv(volunteers=volunteers),
                            content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="vrijwilligers-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    return response


@staff_required(STAFF)
def volunteer_detail(request, pk):
    volunteer = _get_volunteer(request, pk)
    fields = list(DETAIL_FIELDS)
    if volunteer.has_background_consent:
        fields.append("background")
    if volunteer.is_newcomer:
        fields.append("newcomer")
    audit_record(actor=request.user, organisation=request.organisation,
                 action=AuditEvent.Action.VIEW, subject=volunteer, fields=fields)
    can_change = has_role(request, COORDINATORS)
    sections = profile_sections(volunteer, staff=True)
    for section in sections:
        if can_change and STEPS_BY_KEY[section.key].editable_by_staff:
            section.url = reverse("volunteers:edit", args=[volunteer.pk, section.key])
    return render(request, "volunteers/staff/detail.html", {
        "volunteer": volunteer, "sections": sections, "can_change": can_change,
        "awaiting_activation": bool(volunteer.user and not volunteer.user.has_usable_password()),
    })


@staff_required(COORDINATORS)
def volunteer_edit(request, pk, step):
    volunteer = _get_volunteer(request, pk, roles=COORDINATORS)
    current = STEPS_BY_KEY.get(step)
    if current is None or current not in PROFILE_STEPS or not current.editable_by_staff:
        raise Http404
    data = request.POST if request.method == "POST" else None
    form = current.get_form(volunteer=volunteer, data=data, staff=True)
    if data is not None and "add_language" not in data and current.is_valid(form):
        changed = current.save(form=form, volunteer=volunteer, request=request)
        if changed:
            audit_record(actor=request.user, organisation=request.organisation,
                         action=AuditEvent.Action.UPDATE, subject=volunteer, fields=changed)
        messages.success(request, _("De gegevens van %(name)s zijn opgeslagen.")
                         % {"name": volunteer.full_name})
        return redirect(reverse("volunteers:detail", args=[volunteer.pk]) + f"#{current.key}")
    audit_record(actor=request.user, organisation=request.organisation,
                 action=AuditEvent.Action.VIEW, subject=volunteer,
                 fields=["first_name", "last_name", *form.fields])
    return render(request, "volunteers/staff/edit.html", {
        "step": current, "form": form, "volunteer": volunteer,
    })


@require_POST
@staff_required(COORDINATORS)
def volunteer_invite(request, pk):
    volunteer = _get_volunteer(request, pk, roles=COORDINATORS)
    if volunteer.user is None or volunteer.user.has_usable_password():
        messages.info(request, _("%(name)s heeft al een account en kan gewoon inloggen.")
                      % {"name": volunteer.full_name})
    else:
        services.volunteer_queue_invitation(volunteer_id=volunteer.pk)
        messages.success(request, _("De uitnodiging is opnieuw verstuurd naar %(email)s.")
                         % {"email": volunteer.email})
    return redirect("volunteers:detail", pk=volunteer.pk)


@staff_required(COORDINATORS)
def volunteer_erase(request, pk):
    """When a volunteer asks by phone or letter to be forgotten."""
    volunteer = _get_volunteer(request, pk, roles=COORDINATORS)
    form = ConfirmEraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        name = volunteer.full_name
        services.volunteer_erase(volunteer=volunteer, actor=request.user)
        messages.success(request, _("De gegevens van %(name)s zijn gewist.") % {"name": name})
        return redirect("volunteers:list")
    audit_record(actor=request.user, organisation=request.organisation,
                 action=AuditEvent.Action.VIEW, subject=volunteer,
                 fields=["first_name", "last_name"])
    return render(request, "volunteers/staff/erase.html", {"form": form, "volunteer": volunteer})
