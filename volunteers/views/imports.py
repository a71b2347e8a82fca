"""The coordinator's import: upload, see what would happen, then commit (or cancel)."""

from datetime import timedelta

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import COORDINATORS, get_for_staff, staff_required
from core.csvio import ImportFailed, write_table

from .. import selectors
from ..forms import ImportUploadForm
from ..imports import volunteers_import
from ..models import VolunteerImport
from ..table import COLUMNS, REQUIRED

# Previews nobody committed are dropped after this long: they hold personal data.
PREVIEW_LIFETIME = timedelta(hours=24)
EXAMPLE_ROWS = [
    ["sara@example.nl", "Sara", "El Idrissi", "0612345678", "3511 AB", "", "", "5",
     "nl:C1|ar:native", "mon:morning|wed:evening", "help_others|social_contact",
     "companionship|walking", "long", "3", "female", "1985", "Marokkaans", "yes", "no",
     "wandelen|koken", "active"],
    ["tom@example.nl", "Tom", "de Vries", "", "3581", "52.0907", "5.1214", "", "nl:native",
     "sat:morning", "", "odd_jobs", "one_off", "", "", "", "", "no", "no", "", ""],
]


def _get_import(request, pk) -> VolunteerImport:
    return get_for_staff(request, VolunteerImport.objects.filter(committed_at=None),
                         roles=COORDINATORS, pk=pk)


def _columns_help():
    return [{"name": name, "required": name in REQUIRED} for name in COLUMNS]


@staff_required(COORDINATORS)
def import_upload(request):
    VolunteerImport.objects.filter(committed_at=None,
                                   created_at__lt=timezone.now() - PREVIEW_LIFETIME).delete()
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            volunteers_import(organisation=request.organisation, data=data, dry_run=True)
        except ImportFailed as error:
            problems = error.problems
        else:
            pending = VolunteerImport.objects.create(
                organisation=request.organisation, uploaded_by=request.user,
                filename=(upload.name or "")[:200], data=data)
            return redirect("volunteers:import_preview", pk=pending.pk)
    return render(request, "volunteers/staff/import_upload.html", {
        "form": form, "problems": problems, "columns": _columns_help(),
        "history": selectors.volunteer_import_history(organisation=request.organisation),
    }, status=200)


@staff_required(COORDINATORS)
def import_preview(request, pk):
    """What the file would do, computed again now (others may have changed things meanwhile);
    committing runs the same import for real, all or nothing."""
    pending = _get_import(request, pk)
    if request.method == "POST" and "commit" in request.POST:
        return _commit(request, pending)
    try:
        result = volunteers_import(organisation=request.organisation, data=bytes(pending.data),
                                   dry_run=True)
    except ImportFailed as error:
        return render(request, "volunteers/staff/import_preview.html", {
            "pending": pending, "problems": error.problems})
    return render(request, "volunteers/staff/import_preview.html", {
        "pending": pending, "result": result})


def _commit(request, pending):
    with transaction.atomic():
        # Locked, so a double click commits once; the second finds it committed.
        pending = (VolunteerImport.objects.select_for_update()
                   .filter(pk=pending.pk, committed_at=None).first())
        if pending is None:
            messages.info(request, _("Dit bestand is al ingelezen."))
            return redirect("volunteers:list")
        try:
            result = volunteers_import(organisation=request.organisation,
                                       data=bytes(pending.data), actor=request.user)
        except ImportFailed as error:
            return render(request, "volunteers/staff/import_preview.html", {
                "pending": pending, "problems": error.problems})
        pending.committed_at = timezone.now()
        pending.created_count, pending.updated_count = result.created, result.updated
        pending.unchanged_count = result.unchanged
        pending.data = b""  # the file held personal data; the counts are enough history
        pending.save()
    messages.success(request, _(
        "De vrijwilligers zijn ingelezen: %(created)s nieuw, %(updated)s bijgewerkt, "
        "%(unchanged)s ongewijzigd. Nieuwe vrijwilligers krijgen een uitnodiging per "
        "e-mail.") % {"created": result.created, "updated": result.updated,
                      "unchanged": result.unchanged})
    return redirect("volunteers:list")


@require_POST
@staff_required(COORDINATORS)
def import_cancel(request, pk):
    _get_import(request, pk).delete()
    messages.info(request, _("Het inlezen is geannuleerd; er is niets veranderd."))
    return redirect("volunteers:import")


@staff_required(COORDINATORS)
def import_example(request):
    response = HttpResponse(write_table(COLUMNS, EXAMPLE_ROWS),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="vrijwilligers-voorbeeld.csv"'
    return response
