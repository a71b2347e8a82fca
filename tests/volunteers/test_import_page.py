"""The coordinator's upload page: a preview with counts and problems before anything is
written, then commit or cancel."""

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import AuditEvent
from volunteers.models import Volunteer, VolunteerImport

from ..factories import VolunteerFactory
from .helpers import csv_bytes, load_postcodes

UPLOAD = "/vrijwilligers/importeren/"
ROWS = [["sara@example.nl", "Sara", "3511 AB", "nl:C1|ar:native", "mon:morning"],
        ["tom@example.nl", "Tom", "3581", "nl:native", "sat:morning"]]


def upload(client, data: bytes, name="vrijwilligers.csv"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data, "text/csv")})


def test_preview_then_commit(coordinator_a_client, org_a, django_capture_on_commit_callbacks):
    load_postcodes()
    VolunteerFactory(organisation=org_a, user__email="tom@example.nl", first_name="Thomas")
    response = upload(coordinator_a_client, csv_bytes(ROWS))
    assert response.status_code == 302
    preview = response["Location"]
    content = coordinator_a_client.get(preview).content.decode()
    assert 'id="count-created">1<' in content
    assert 'id="count-updated">1<' in content
    assert 'id="count-unchanged">0<' in content
    assert Volunteer.objects.count() == 1  # nothing written yet

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_a_client.post(preview, {"commit": "1"})
    assert response.status_code == 302
    assert Volunteer.objects.count() == 2
    assert Volunteer.objects.get(user__email="tom@example.nl").first_name == "Tom"
    assert [m.to for m in mail.outbox] == [["sara@example.nl"]]  # only the new one
    assert AuditEvent.objects.filter(action="import").count() == 2
    pending = VolunteerImport.objects.get()
    assert pending.committed_at and pending.data in (b"", memoryview(b""))
    assert (pending.created_count, pending.updated_count) == (1, 1)
    # A second click on "Inlezen" (or the back button) does not import twice.
    response = coordinator_a_client.post(preview, {"commit": "1"})
    assert response.status_code == 404
    # The same file again: nothing to do.
    response = upload(coordinator_a_client, csv_bytes(ROWS))
    content = coordinator_a_client.get(response["Location"]).content.decode()
    assert 'id="count-unchanged">2<' in content and 'name="commit"' not in content
    # History on the upload page.
    assert "vrijwilligers.csv" in coordinator_a_client.get(UPLOAD).content.decode()


def test_problems_are_listed_and_nothing_is_kept(coordinator_a_client, org_a):
    bad = [["sara@example.nl", "Sara", "3511 AB", "nl:D1", "mon:night"],
           ["sara@example.nl", "Sara", "nope", "nl:C1", "mon:morning"]]
    response = upload(coordinator_a_client, csv_bytes(bad))
    content = response.content.decode()
    assert response.status_code == 200
    for text in ("onbekend niveau", "mon:night", "Geen geldige postcode", "staat ook al in rij 2",
                 "Er is niets ingelezen"):
        assert text in content, text
    assert "<td>3</td><td>email</td>" in content
    assert not VolunteerImport.objects.exists() and not Volunteer.objects.exists()


def test_not_a_csv_and_empty_files(coordinator_a_client, org_a):
    content = upload(coordinator_a_client, b"PK\x03\x04" + b"\x00" * 64, "lijst.xlsx"
                     ).content.decode()
    assert "geen CSV-bestand" in content
    response = coordinator_a_client.post(UPLOAD, {"file": SimpleUploadedFile("leeg.csv", b"")})
    assert response.status_code == 200  # Django's own "the file is empty" message
    assert not Volunteer.objects.exists()
    response = coordinator_a_client.post(UPLOAD, {})
    assert response.status_code == 200


def test_a_50_mb_upload_is_refused_cleanly(coordinator_a_client, org_a):
    big = b"email,first_name,postcode,languages,availability\r\n" + b"x" * (50 * 1024 * 1024)
    response = upload(coordinator_a_client, big)
    assert response.status_code == 200
    assert "te groot" in response.content.decode()
    assert not VolunteerImport.objects.exists()


def test_cancel_drops_the_file(coordinator_a_client, org_a):
    response = upload(coordinator_a_client, csv_bytes(ROWS))
    pending = VolunteerImport.objects.get()
    response = coordinator_a_client.post(reverse("volunteers:import_cancel", args=[pending.pk]))
    assert response.status_code == 302
    assert not VolunteerImport.objects.exists() and not Volunteer.objects.exists()


def test_another_organisation_cannot_see_or_commit_a_preview(coordinator_a_client,
                                                             coordinator_b_client, org_a):
    upload(coordinator_a_client, csv_bytes(ROWS))
    pending = VolunteerImport.objects.get()
    url = reverse("volunteers:import_preview", args=[pending.pk])
    assert coordinator_b_client.get(url).status_code == 404
    assert coordinator_b_client.post(url, {"commit": "1"}).status_code == 404
    assert coordinator_b_client.post(reverse("volunteers:import_cancel", args=[pending.pk])
                                     ).status_code == 404
    assert not Volunteer.objects.exists()


def test_example_file_imports(coordinator_a_client, org_a):
    example = coordinator_a_client.get(reverse("volunteers:import_example")).content
    response = upload(coordinator_a_client, example)
    assert response.status_code == 302
    content = coordinator_a_client.get(response["Location"]).content.decode()
    assert 'id="count-created">2<' in content
