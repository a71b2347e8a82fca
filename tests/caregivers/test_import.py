"""`import_requests` and the upload page: keyed by reference, idempotent, all or nothing."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from caregivers.models import Caregiver, CareRecipient, HelpRequest, PendingImport
from core.models import AuditEvent

from ..factories import CaregiverFactory, HelpRequestFactory

HEADER = ("reference,caregiver_name,caregiver_email,caregiver_phone,recipient_name,postcode,"
          "languages,slots,activities,frequency,commitment,culture_preference,background,"
          "background_consent,gender_preference,interests,description")
ROWS = [
    "REQ-0042,Samira B.,samira@example.nl,,Fatma B.,3511AB,tr:native|nl:A2,"
    "tue:afternoon|thu:afternoon,companionship|groceries,weekly,long,same_background,Turks,yes,"
    "female,wandelen,Moeder wil gezelschap",
    "REQ-0043,Jan de Vries,,0612345678,,3531 CD,nl:native,mon:morning,odd_jobs,,,,,,,,",
    "REQ-0044,Oksana K.,oksana@example.nl,0687654321,Ivan K.,3512,uk:native|nl:A1,"
    "wed:evening,language_buddy,biweekly,short,open,Oekraïens,no,any,,",
]


def csv_bytes(*rows, header=HEADER, sep=",") -> bytes:
    text = "\n".join([header, *rows]) + "\n"
    return text.replace(",", sep).encode() if sep != "," else text.encode()


def run_import(tmp_path, data: bytes, *args):
    path = tmp_path / "requests.csv"
    path.write_bytes(data)
    out, err = StringIO(), StringIO()
    call_command("import_requests", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def snapshot():
    return (HelpRequest.objects.count(), Caregiver.objects.count(),
            CareRecipient.objects.count(),
            sorted(HelpRequest.objects.values_list("reference", "description", "status")))


def test_import_creates_then_changes_nothing_then_updates(tmp_path, org_a, utrecht):
    out, _err = run_import(tmp_path, csv_bytes(*ROWS))
    assert out.strip().endswith("Requests: 3 created, 0 updated, 0 unchanged.")

    samira = HelpRequest.objects.get(organisation=org_a, reference="REQ-0042")
    assert samira.status == HelpRequest.Status.MATCHING
    assert samira.caregiver.email == "samira@example.nl"
    assert samira.recipient.name == "Fatma B."
    assert samira.recipient in samira.caregiver.recipients.all()
    assert samira.postcode == "3511 AB" and samira.latitude == 52.0929
    assert {(lang.language, lang.level_code) for lang in samira.languages.all()} == {
        ("tr", "native"), ("nl", "A2")}
    assert samira.slots == ["tue:afternoon", "thu:afternoon"]
    assert samira.activities == ["companionship", "groceries"]
    assert samira.culture_preference == "same_background"
    assert samira.background == "Turks" and samira.background_consent_at is not None
    assert samira.interests == ["wandelen"]
    assert [(t.from_status, t.to_status) for t in samira.transitions.all()] == [("", "matching")]
    oksana = HelpRequest.objects.get(reference="REQ-0044")
    assert oksana.background == "" and oksana.background_consent_at is None  # no consent
    assert oksana.latitude is None  # 3512 is not in the postcode table: distance unknown
    jan = HelpRequest.objects.get(reference="REQ-0043")
    assert jan.caregiver.phone == "0612345678" and jan.recipient is None

    before = snapshot()
    out, _err = run_import(tmp_path, csv_bytes(*ROWS))
    assert out.strip().endswith("Requests: 0 created, 0 updated, 3 unchanged.")
    assert snapshot() == before

    changed = [ROWS[0].replace("Moeder wil gezelschap", "Moeder wil graag wandelen"), *ROWS[1:]]
    out, _err = run_import(tmp_path, csv_bytes(*changed))
    assert out.strip().endswith("Requests: 0 created, 1 updated, 2 unchanged.")
    samira.refresh_from_db()
    assert samira.description == "Moeder wil graag wandelen"
    assert samira.status == HelpRequest.Status.MATCHING  # an update never moves the status
    out, _err = run_import(tmp_path, csv_bytes(*changed))
    assert "0 created, 0 updated, 3 unchanged" in out


def test_withdrawn_consent_in_a_later_file_erases_the_background(tmp_path, org_a):
    run_import(tmp_path, csv_bytes(ROWS[0]))
    run_import(tmp_path, csv_bytes(ROWS[0].replace("Turks,yes", "Turks,no")))
    request = HelpRequest.objects.get(reference="REQ-0042")
    assert request.background == "" and request.background_consent_at is None


def test_columns_left_out_leave_fields_alone(tmp_path, org_a):
    run_import(tmp_path, csv_bytes(ROWS[0]))
    short = "reference,caregiver_name,caregiver_email,postcode,languages,slots,activities"
    out, _ = run_import(tmp_path, csv_bytes(
        "REQ-0042,Samira B.,samira@example.nl,3511AB,tr:native|nl:A2,"
        "tue:afternoon|thu:afternoon,companionship|groceries", header=short))
    assert "0 updated, 1 unchanged" in out
    assert HelpRequest.objects.get(reference="REQ-0042").description == "Moeder wil gezelschap"


def test_semicolons_bom_and_coordinates_that_win_over_the_postcode(tmp_path, org_a, utrecht):
    header = HEADER.replace("postcode,", "postcode,latitude,longitude,").upper()
    row = ROWS[1].replace("3531 CD,", "3511 AB,52.1;5.2,".replace(";", ","))
    data = b"\xef\xbb\xbf" + csv_bytes(row, header=header).replace(b",", b";")
    out, _ = run_import(tmp_path, data)
    assert "1 created" in out
    request = HelpRequest.objects.get(reference="REQ-0043")
    assert (request.latitude, request.longitude) == (52.1, 5.2)


def test_a_known_caregiver_is_found_by_email_not_duplicated(tmp_path, org_a):
    known = CaregiverFactory(organisation=org_a, name="Samira B.", email="samira@example.nl")
    run_import(tmp_path, csv_bytes(ROWS[0]))
    assert HelpRequest.objects.get(reference="REQ-0042").caregiver == known
    assert Caregiver.objects.filter(organisation=org_a).count() == 1


def test_two_new_requests_of_one_caregiver_share_the_record(tmp_path, org_a):
    second = ROWS[0].replace("REQ-0042", "REQ-0045")
    run_import(tmp_path, csv_bytes(ROWS[0], second))
    assert Caregiver.objects.count() == 1 and CareRecipient.objects.count() == 1


def test_dry_run_writes_nothing(tmp_path, org_a):
    out, _ = run_import(tmp_path, csv_bytes(*ROWS), "--dry-run")
    assert "Requests: 3 created, 0 updated, 0 unchanged." in out and "dry run" in out
    assert not HelpRequest.objects.exists() and not Caregiver.objects.exists()


def test_the_organisation_is_chosen_by_slug(tmp_path, org_a, org_b):
    with pytest.raises(CommandError, match="several organisations"):
        run_import(tmp_path, csv_bytes(ROWS[0]))
    run_import(tmp_path, csv_bytes(ROWS[0]), "--organisation", "org-b")
    assert HelpRequest.objects.get().organisation == org_b
    # The same reference in another organisation is another request.
    run_import(tmp_path, csv_bytes(ROWS[0]), "--organisation", "org-a")
    assert HelpRequest.objects.filter(reference="REQ-0042").count() == 2


def test_an_existing_request_keeps_its_reference_row_in_another_org(tmp_path, org_a, org_b):
    HelpRequestFactory(organisation=org_b, reference="REQ-0042", description="van B")
    run_import(tmp_path, csv_bytes(ROWS[0]), "--organisation", "org-a")
    assert HelpRequest.objects.get(organisation=org_b).description == "van B"


# --- bad input: a clear message, nothing written, never a crash ------------------------------


BAD = [
    ("no slots", ROWS[1].replace("mon:morning", ""), "rij 3, kolom slots"),
    ("no activities", ROWS[1].replace("odd_jobs", ""), "rij 3, kolom activities"),
    ("unknown activity", ROWS[1].replace("odd_jobs", "odd_jobs|karate"), "'karate'"),
    ("unknown language", ROWS[1].replace("nl:native", "xx:native"), "'xx'"),
    ("bad level", ROWS[1].replace("nl:native", "nl:C9"), "'C9'"),
    ("no level", ROWS[1].replace("nl:native", "nl"), "taal:niveau"),
    ("bad slot", ROWS[1].replace("mon:morning", "mon:night"), "'mon:night'"),
    ("unreachable", ROWS[1].replace("0612345678", ""), "niet bereikbaar"),
    ("bad email", ROWS[1].replace(",,0612345678", ",geen-adres,0612345678"), "caregiver_email"),
    ("culture", ROWS[0].replace("same_background", "mixed"), "kolom culture_preference"),
    ("gender", ROWS[0].replace(",female,", ",divers,"), "kolom gender_preference"),
    ("consent", ROWS[0].replace("Turks,yes", "Turks,misschien"), "kolom background_consent"),
    ("frequency", ROWS[0].replace(",weekly,", ",daily,"), "kolom frequency"),
    ("postcode", ROWS[1].replace("3531 CD", "ABCD"), "kolom postcode"),
    ("no name", ROWS[1].replace("Jan de Vries", ""), "kolom caregiver_name"),
    ("no reference", ROWS[1].replace("REQ-0043", ""), "kolom reference"),
]


@pytest.mark.parametrize("case, bad_row, expected", BAD, ids=[case for case, *_ in BAD])
def test_a_bad_row_is_reported_and_nothing_is_written(tmp_path, org_a, case, bad_row, expected):
    with pytest.raises(CommandError, match="nothing was imported"):
        _out, err = run_import(tmp_path, csv_bytes(ROWS[0], bad_row))
    assert not HelpRequest.objects.exists() and not Caregiver.objects.exists()


@pytest.mark.parametrize("case, bad_row, expected", BAD, ids=[case for case, *_ in BAD])
def test_every_problem_names_row_column_and_reason(org_a, case, bad_row, expected):
    from caregivers.imports import parse_requests
    from core.csvio import ImportFailed

    with pytest.raises(ImportFailed) as caught:
        parse_requests(csv_bytes(ROWS[0], bad_row))
    text = "\n".join(str(p) for p in caught.value.problems)
    assert expected in text
    assert all(p.row == 3 for p in caught.value.problems), text


def test_problems_go_to_stderr_with_a_nonzero_exit(tmp_path, org_a):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes(ROWS[0], ROWS[0].replace("Samira", "Samira"),
                               ROWS[1].replace("mon:morning", "mon:night")))
    err = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_requests", str(path), stdout=StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert "rij 3, kolom reference: het kenmerk REQ-0042 staat ook al in rij 2." in lines
    assert any(line.startswith("rij 4, kolom slots:") for line in lines)
    assert "2 problem(s)" in str(caught.value)


@pytest.mark.parametrize("data, expected", [
    (b"", "leeg"),
    (b"\xd0\xcf\x11\xe0\x00\x00binary excel", "geen CSV"),
    (b"\xff\xfe\x00r\x00e", "geen CSV"),
    ("reference;caregiver_name\n".encode("latin-1") + "Zoë".encode("latin-1"), "UTF-8"),
    (HEADER.encode() + b"\n", "geen rijen"),
    (b"reference,caregiver_name,caregiver_phone\nR1,A,0612345678\n", "verplichte kolom"),
    ((HEADER + ",shoe_size\n").encode(), "onbekende kolom"),
    ((HEADER.replace(",caregiver_email,caregiver_phone", "") + "\n"
      + ROWS[1].replace(",,0612345678", "") + "\n").encode(),
     "caregiver_email of caregiver_phone"),
])
def test_files_that_are_not_a_usable_table(tmp_path, org_a, data, expected):
    path = tmp_path / "file.csv"
    path.write_bytes(data)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_requests", str(path), stdout=StringIO(), stderr=err)
    assert expected in err.getvalue()
    assert not HelpRequest.objects.exists()


def test_a_file_that_is_too_big(tmp_path, org_a):
    big = csv_bytes(*ROWS) + b"#" * (5 * 1024 * 1024)
    err = StringIO()
    path = tmp_path / "big.csv"
    path.write_bytes(big)
    with pytest.raises(CommandError):
        call_command("import_requests", str(path), stdout=StringIO(), stderr=err)
    assert "te groot" in err.getvalue()


def test_a_missing_file_is_a_clear_error(org_a):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_requests", "/nonexistent/requests.csv")


def test_rows_that_disagree_about_one_caregiver(tmp_path, org_a):
    other_name = ROWS[0].replace("REQ-0042", "REQ-0050").replace("Samira B.", "Samira Bouzid")
    with pytest.raises(CommandError):
        run_import(tmp_path, csv_bytes(ROWS[0], other_name))
    assert not HelpRequest.objects.exists()


# --- the upload page -------------------------------------------------------------------------


URL = reverse("caregivers:request_import")


def upload(client, data: bytes, name="hulpvragen.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(URL, {"file": SimpleUploadedFile(name, data, "text/csv")})


def test_upload_shows_a_preview_then_imports_on_confirmation(coordinator_a_client, coordinator_a,
                                                             org_a):
    response = upload(coordinator_a_client, csv_bytes(*ROWS))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<strong>3</strong> nieuwe" in page and "REQ-0044" in page
    assert not HelpRequest.objects.exists()          # a preview writes nothing
    pending = PendingImport.objects.get()
    confirm = reverse("caregivers:request_import_confirm", args=[pending.pk])
    response = coordinator_a_client.post(confirm, {"action": "import"}, follow=True)
    assert "3 nieuw, 0 bijgewerkt, 0 ongewijzigd" in response.content.decode()
    assert HelpRequest.objects.filter(organisation=org_a).count() == 3
    assert not PendingImport.objects.exists()        # the uploaded file is not kept
    event = AuditEvent.objects.get(action="import")
    assert event.actor == coordinator_a and event.organisation == org_a
    assert HelpRequest.objects.get(reference="REQ-0042").created_by == coordinator_a

    again = upload(coordinator_a_client, csv_bytes(*ROWS)).content.decode()
    assert "Er verandert niets" in again and "<strong>3</strong> ongewijzigd" in again


def test_a_bad_upload_lists_every_problem_and_writes_nothing(coordinator_a_client, org_a):
    response = upload(coordinator_a_client, csv_bytes(
        ROWS[0], ROWS[1].replace("mon:morning", "mon:night"),
        ROWS[2].replace("open", "mixed")))
    page = response.content.decode()
    assert response.status_code == 400
    assert "2 problemen gevonden" in page and "Er is niets opgeslagen" in page
    assert "mon:night" in page and "mixed" in page
    assert not HelpRequest.objects.exists() and not PendingImport.objects.exists()


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02PK zip", b"just one line without columns"])
def test_unusable_uploads_are_a_message_never_a_500(coordinator_a_client, data):
    response = upload(coordinator_a_client, data)
    assert response.status_code == 400
    assert "Er is niets opgeslagen" in response.content.decode()


def test_no_file_chosen(coordinator_a_client):
    response = coordinator_a_client.post(URL, {})
    assert response.status_code == 400 and 'id="form-errors"' in response.content.decode()


def test_an_upload_over_the_limit(coordinator_a_client, settings):
    settings.KOPPEL_MAX_UPLOAD_BYTES = 100
    response = upload(coordinator_a_client, csv_bytes(*ROWS))
    assert response.status_code == 400 and "te groot" in response.content.decode()


def test_cancel_discards_the_upload(coordinator_a_client):
    upload(coordinator_a_client, csv_bytes(*ROWS))
    pending = PendingImport.objects.get()
    coordinator_a_client.post(reverse("caregivers:request_import_confirm", args=[pending.pk]),
                              {"action": "cancel"})
    assert not PendingImport.objects.exists() and not HelpRequest.objects.exists()


def test_another_persons_upload_cannot_be_confirmed(coordinator_a_client, admin_a_client,
                                                    coordinator_b_client):
    upload(coordinator_a_client, csv_bytes(*ROWS))
    confirm = reverse("caregivers:request_import_confirm", args=[PendingImport.objects.get().pk])
    assert admin_a_client.post(confirm, {"action": "import"}).status_code == 404
    assert coordinator_b_client.post(confirm, {"action": "import"}).status_code == 404
    assert not HelpRequest.objects.exists()


def test_export_then_import_changes_nothing(coordinator_a_client, tmp_path, org_a, utrecht):
    run_import(tmp_path, csv_bytes(*ROWS), "--organisation", "org-a")
    exported = coordinator_a_client.get(reverse("caregivers:request_export")).content
    out, _ = run_import(tmp_path, exported, "--organisation", "org-a")
    assert "Requests: 0 created, 0 updated, 3 unchanged." in out
