"""The volunteer import contract of VOCABULARY.md "CSV imports": keyed by e-mail, idempotent,
all or nothing, every problem with row, column and reason; and the command around it."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import CommandError, call_command

from core.csvio import ImportFailed
from core.models import AuditEvent, User
from core.vocabulary import LEVEL_ORDER
from volunteers.imports import volunteers_import
from volunteers.models import Volunteer
from volunteers.selectors import volunteer_base_queryset, volunteer_export_csv

from ..factories import OrganisationFactory, VolunteerFactory
from .helpers import HEADER, csv_bytes, links_in, load_postcodes, path_of

FULL_HEADER = [
    "email", "first_name", "last_name", "phone", "postcode", "latitude", "longitude",
    "max_distance_km", "languages", "availability", "motivations", "activities", "commitment",
    "hours_per_week", "gender", "birth_year", "background", "background_consent",
    "intercultural_training", "interests", "status",
]
SARA = ["sara@example.nl", "Sara", "El Idrissi", "0612345678", "3511 AB", "", "", "5",
        "nl:C1|ar:native", "mon:morning|wed:evening", "help_others|social_contact",
        "companionship|walking", "long", "3", "female", "1985", "Marokkaans", "yes", "no",
        "wandelen|koken", ""]
TOM = ["Tom@Example.nl", "Tom", "de Vries", "", "3581", "52.0907", "5.1214", "", "nl:native",
       "sat:morning", "", "odd_jobs", "one_off", "", "", "", "", "no", "yes", "", "intake"]


@pytest.fixture
def postcodes(db):
    load_postcodes()


def run(org, data, **kwargs):
    return volunteers_import(organisation=org, data=data, **kwargs)


def test_import_creates_volunteers_exactly_as_the_file_says(org_a, postcodes):
    result = run(org_a, csv_bytes([SARA, TOM], header=FULL_HEADER))
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)

    sara = Volunteer.objects.get(user__email="sara@example.nl")
    assert sara.organisation == org_a
    assert (sara.first_name, sara.last_name, sara.phone) == ("Sara", "El Idrissi", "0612345678")
    assert sara.postcode == "3511 AB"
    assert (sara.latitude, sara.longitude) == (52.0929, 5.1145)  # from the postcode table
    assert sara.max_distance_km == 5
    assert dict(sara.languages.values_list("language", "level")) == {
        "nl": LEVEL_ORDER["C1"], "ar": LEVEL_ORDER["native"]}
    assert sara.slots == ["mon:morning", "wed:evening"]
    assert sara.motivations == ["help_others", "social_contact"]
    assert sara.activities == ["companionship", "walking"]
    assert (sara.commitment, sara.hours_per_week, sara.gender, sara.birth_year) == (
        "long", 3, "female", 1985)
    assert sara.background == "Marokkaans" and sara.has_background_consent
    assert sara.interests == ["wandelen", "koken"]
    assert sara.status == "active"  # the default: the organisation already knows them
    assert sara.signup_step == ""

    tom = Volunteer.objects.get(user__email="tom@example.nl")  # e-mail is case-insensitive
    assert (tom.latitude, tom.longitude) == (52.0907, 5.1214)  # given coordinates win
    assert tom.max_distance_km == 10  # default
    assert tom.status == "intake" and tom.intercultural_training is True
    assert tom.background == "" and not tom.has_background_consent

    user = sara.user
    assert not user.has_usable_password()
    assert EmailAddress.objects.get(user=user).verified is False
    assert AuditEvent.objects.filter(action="import", subject_id=sara.pk).exists()


def test_second_run_changes_nothing_and_a_changed_row_updates(org_a, postcodes):
    data = csv_bytes([SARA, TOM], header=FULL_HEADER)
    run(org_a, data)
    again = run(org_a, data)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)

    changed = list(SARA)
    changed[8] = "nl:B2|ar:native|fr:A2"
    changed[3] = "0687654321"
    result = run(org_a, csv_bytes([changed, TOM], header=FULL_HEADER))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    sara = Volunteer.objects.get(user__email="sara@example.nl")
    assert sara.phone == "0687654321"
    assert dict(sara.languages.values_list("language", "level")) == {
        "nl": LEVEL_ORDER["B2"], "ar": LEVEL_ORDER["native"], "fr": LEVEL_ORDER["A2"]}
    assert User.objects.filter(email="sara@example.nl").count() == 1


def test_columns_left_out_are_left_alone(org_a, postcodes):
    run(org_a, csv_bytes([SARA], header=FULL_HEADER))
    # A minimal file with the same required values changes nothing else.
    result = run(org_a, csv_bytes([["sara@example.nl", "Sara", "3511 AB", "nl:C1|ar:native",
                                    "mon:morning|wed:evening"]]))
    assert (result.updated, result.unchanged) == (0, 1)
    sara = Volunteer.objects.get(user__email="sara@example.nl")
    assert sara.background == "Marokkaans" and sara.phone == "0612345678"


def test_semicolons_bom_and_header_case_are_accepted(org_a, postcodes):
    data = csv_bytes([["a@example.nl", "Anna", "3511", "nl:native", "tue:afternoon"]],
                     header=[h.upper() for h in HEADER], delimiter=";", bom=True)
    result = run(org_a, data)
    assert result.created == 1
    assert Volunteer.objects.get().slots == ["tue:afternoon"]


def test_background_is_not_stored_without_consent(org_a, postcodes):
    row = list(SARA)
    row[17] = "no"
    result = run(org_a, csv_bytes([row], header=FULL_HEADER))
    sara = Volunteer.objects.get()
    assert sara.background == "" and sara.background_consent_at is None
    assert any(note.column == "background" for note in result.notes)
    # Withdrawing consent in a later file erases a background stored earlier.
    run(org_a, csv_bytes([SARA], header=FULL_HEADER))
    assert Volunteer.objects.get().background == "Marokkaans"
    run(org_a, csv_bytes([row], header=FULL_HEADER))
    assert Volunteer.objects.get().background == ""


def test_unknown_postcode_is_not_an_error_the_distance_is_unknown(org_a, postcodes):
    run(org_a, csv_bytes([["a@example.nl", "Anna", "9999 ZZ", "nl:native", "tue:afternoon"]]))
    volunteer = Volunteer.objects.get()
    assert volunteer.postcode == "9999 ZZ" and volunteer.latitude is None


def test_dry_run_counts_but_writes_nothing(org_a, postcodes):
    result = run(org_a, csv_bytes([SARA, TOM], header=FULL_HEADER), dry_run=True)
    assert (result.created, result.updated) == (2, 0)
    assert not Volunteer.objects.exists() and not User.objects.exists()


def test_new_volunteers_are_invited_after_commit_and_activate(org_a, postcodes, client,
                                                                django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run(org_a, csv_bytes([SARA], header=FULL_HEADER))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sara@example.nl"]
    assert org_a.name in message.subject
    link = next(link for link in links_in(message) if "activeren" in link)
    sara = Volunteer.objects.get()
    assert sara.invited_at is not None

    response = client.get(path_of(link))
    assert response.status_code == 200
    assert "Sara" in response.content.decode()
    response = client.post(path_of(link), {"password1": "een-lang-wachtwoord",
                                           "password2": "een-lang-wachtwoord", "privacy": "on"})
    assert response.status_code == 302
    assert response["Location"] == "/mijn-koppel/"
    assert client.session["_auth_user_id"] == str(sara.user_id)
    assert EmailAddress.objects.get(user=sara.user).verified
    sara.refresh_from_db()
    assert sara.privacy_accepted_at is not None
    assert client.get("/mijn-koppel/").status_code == 200
    # The link works once.
    client.logout()
    assert client.get(path_of(link)).status_code == 404
    # And the volunteer can now log in with the password they chose.
    response = client.post("/account/login/", {"login": "sara@example.nl",
                                               "password": "een-lang-wachtwoord"})
    assert response.status_code == 302


def test_activation_form_errors_keep_the_page(org_a, postcodes, client,
                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run(org_a, csv_bytes([SARA], header=FULL_HEADER))
    link = path_of(next(x for x in links_in(mail.outbox[0]) if "activeren" in x))
    response = client.post(link, {"password1": "kort", "password2": "kort"})
    assert response.status_code == 200
    assert "te kort" in response.content.decode()
    assert not Volunteer.objects.get().user.has_usable_password()


def test_tampered_activation_link_is_refused(client, org_a, postcodes):
    run(org_a, csv_bytes([SARA], header=FULL_HEADER))
    user = User.objects.get(email="sara@example.nl")
    from volunteers.tokens import user_uid

    assert client.get(f"/vrijwilliger-worden/activeren/{user_uid(user)}/abc-def/").status_code == 404
    assert client.get("/vrijwilliger-worden/activeren/zzzzzzzzzzzzzzzzzzzzz/x-y/").status_code == 404


def test_export_reimports_without_changes(org_a, postcodes):
    VolunteerFactory(organisation=org_a, phone="+31 6 1234 5678", last_name="=cmd|x",
                     interests=["wandelen", "-min"], background="Turks",
                     background_consent_at="2026-01-01T00:00Z",
                     languages={"nl": "B1", "tr": "native"})
    VolunteerFactory(organisation=org_a, birth_year=1970, gender="male")
    volunteers = volunteer_base_queryset(organisation=org_a).prefetch_related("languages")
    exported = volunteer_export_csv(volunteers=volunteers).encode("utf-8")
    result = run(org_a, exported)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)


def test_an_address_taken_between_reading_and_writing_is_a_problem_not_a_crash(org_a, postcodes,
                                                                              monkeypatch):
    from volunteers import imports

    real_load = imports._load_people

    def load_then_someone_signs_up(emails, organisation):
        found = real_load(emails, organisation)
        User.objects.create_user(email="sara@example.nl", password="x" * 12)
        return found

    monkeypatch.setattr(imports, "_load_people", load_then_someone_signs_up)
    with pytest.raises(ImportFailed, match="tegelijk"):
        run(org_a, csv_bytes([SARA, TOM], header=FULL_HEADER))
    assert not Volunteer.objects.exists()


def test_other_organisations_are_untouched_and_their_addresses_refused(org_a, org_b, postcodes):
    VolunteerFactory(organisation=org_b, user__email="oksana@example.nl")
    with pytest.raises(ImportFailed) as failed:
        run(org_a, csv_bytes([["oksana@example.nl", "Oksana", "3511", "uk:native",
                               "mon:morning"]]))
    problem = failed.value.problems[0]
    assert (problem.row, problem.column) == (2, "email")
    assert Volunteer.objects.filter(organisation=org_a).count() == 0


def test_staff_address_cannot_become_a_volunteer(org_a, coordinator_a, postcodes):
    with pytest.raises(ImportFailed):
        run(org_a, csv_bytes([[coordinator_a.email, "Co", "3511", "nl:native", "mon:morning"]]))


GOOD = ["a@example.nl", "Anna", "3511", "nl:native", "tue:afternoon"]


def bad(index, value, email="a@example.nl"):
    row = list(GOOD)
    row[0], row[index] = email, value
    return row


def full_row(**cells):
    row = dict(zip(FULL_HEADER, SARA, strict=True))
    row.update(cells)
    return [row[name] for name in FULL_HEADER]


@pytest.mark.parametrize(("cells", "column", "words"), [
    ({"activities": "companionship|knitting"}, "activities", "knitting"),
    ({"motivations": "fame"}, "motivations", "fame"),
    ({"postcode": "12345"}, "postcode", "Geen geldige postcode"),
    ({"postcode": "ABCD"}, "postcode", "Geen geldige postcode"),
    ({"postcode": ""}, "postcode", "verplicht"),
    ({"languages": "nl:D1"}, "languages", "onbekend niveau 'D1'"),
    ({"languages": "nl:expert"}, "languages", "onbekend niveau"),
    ({"languages": "xx:B1"}, "languages", "onbekende taalcode 'xx'"),
    ({"languages": "nl"}, "languages", "taal:niveau"),
    ({"languages": "nl:B1|nl:C1"}, "languages", "twee keer"),
    ({"languages": ""}, "languages", "minstens één taal"),
    ({"availability": "mon:night"}, "availability", "'mon:night' is geen dagdeel"),
    ({"availability": "monday:morning"}, "availability", "geen dagdeel"),
    ({"availability": ""}, "availability", "minstens één dagdeel"),
    ({"email": "not-an-email"}, "email", "geen geldig e-mailadres"),
    ({"email": ""}, "email", "verplicht"),
    ({"first_name": ""}, "first_name", "verplicht"),
    ({"birth_year": "abc"}, "birth_year", "geboortejaar"),
    ({"birth_year": "1850"}, "birth_year", "geboortejaar"),
    ({"birth_year": "2030"}, "birth_year", "geboortejaar"),
    ({"max_distance_km": "-3"}, "max_distance_km", "afstand"),
    ({"hours_per_week": "100"}, "hours_per_week", "uren"),
    ({"commitment": "forever"}, "commitment", "forever"),
    ({"gender": "x"}, "gender", "onbekende waarde"),
    ({"status": "retired"}, "status", "retired"),
    ({"background_consent": "misschien"}, "background_consent", "yes of no"),
    ({"intercultural_training": "soms"}, "intercultural_training", "yes of no"),
    ({"latitude": "abc", "longitude": "5.1"}, "latitude", "coördinaat"),
    ({"latitude": "52.1", "longitude": ""}, "longitude", "allebei"),
    ({"latitude": "95", "longitude": "5.1"}, "latitude", "coördinaat"),
    ({"phone": "call me"}, "phone", "telefoonnummer"),
    ({"interests": "|".join(f"tag{i}" for i in range(25))}, "interests", "te veel"),
    ({"first_name": "x" * 101}, "first_name", "te lang"),
])
def test_bad_cells_are_reported_with_row_column_and_reason(org_a, postcodes, cells, column,
                                                           words):
    data = csv_bytes([full_row(email="ok@example.nl"), full_row(**cells)], header=FULL_HEADER)
    users_before = User.objects.count()
    with pytest.raises(ImportFailed) as failed:
        run(org_a, data)
    problems = failed.value.problems
    assert any(p.row == 3 and p.column == column and words in p.message for p in problems), problems
    # All or nothing: the good row 2 was not written either.
    assert not Volunteer.objects.exists()
    assert User.objects.count() == users_before


@pytest.mark.parametrize(("data", "words"), [
    (b"", "leeg"),
    (b"   \r\n", "leeg"),
    (b"email,first_name,postcode,languages,availability\r\n", "geen rijen"),
    (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + b"\x00" * 100, "geen CSV"),
    ("email,first_name\r\né".encode("latin-1"), "UTF-8"),
    (b"x" * (50 * 1024 * 1024), "te groot"),
])
def test_files_that_are_no_usable_table_are_refused(org_a, data, words):
    with pytest.raises(ImportFailed) as failed:
        run(org_a, data)
    assert words in str(failed.value)
    assert not Volunteer.objects.exists()


def test_a_null_character_deep_in_the_file_is_a_problem_not_a_crash(org_a, postcodes):
    rows = [[f"p{i}@example.nl", "Anna", "3511", "nl:native", "mon:morning"] for i in range(200)]
    rows.append(["z@example.nl", "Ann\x00a", "3511", "nl:native", "mon:morning"])
    data = csv_bytes(rows)
    assert data.index(b"\x00") > 4096
    with pytest.raises(ImportFailed) as failed:
        run(org_a, data)
    assert [(p.row, p.column) for p in failed.value.problems] == [(202, "first_name")]


def test_unknown_and_missing_columns_are_reported(org_a):
    data = csv_bytes([["a@example.nl", "Anna", "nl:native", "x"]],
                     header=["email", "first_name", "languages", "shoe_size"])
    with pytest.raises(ImportFailed) as failed:
        run(org_a, data)
    problems = {(p.row, p.column) for p in failed.value.problems}
    assert (1, "shoe_size") in problems
    assert (1, "postcode") in problems and (1, "availability") in problems


def test_an_email_twice_in_one_file_names_both_rows(org_a, postcodes):
    data = csv_bytes([GOOD, ["b@example.nl", "Bram", "3511", "nl:native", "mon:morning"],
                      ["A@example.nl", "Anna", "3511", "nl:native", "mon:morning"]])
    with pytest.raises(ImportFailed) as failed:
        run(org_a, data)
    [problem] = failed.value.problems
    assert (problem.row, problem.column) == (4, "email")
    assert "rij 2" in problem.message
    assert not Volunteer.objects.exists()


def test_every_problem_is_reported_at_once(org_a, postcodes):
    data = csv_bytes([bad(2, "nope"), bad(4, "mon:night", "b@example.nl"),
                      bad(3, "nl:Z9", "c@example.nl")])
    with pytest.raises(ImportFailed) as failed:
        run(org_a, data)
    assert [(p.row, p.column) for p in failed.value.problems] == [
        (2, "postcode"), (3, "availability"), (4, "languages")]


# The command.

def write(tmp_path, data: bytes):
    path = tmp_path / "vrijwilligers.csv"
    path.write_bytes(data)
    return str(path)


def test_command_prints_the_summary_and_is_idempotent(org_a, postcodes, tmp_path, capsys):
    path = write(tmp_path, csv_bytes([SARA, TOM], header=FULL_HEADER))
    call_command("import_volunteers", path)
    assert "Volunteers: 2 created, 0 updated, 0 unchanged." in capsys.readouterr().out
    call_command("import_volunteers", path, "--organisation", "org-a")
    assert "Volunteers: 0 created, 0 updated, 2 unchanged." in capsys.readouterr().out


def test_command_dry_run_writes_nothing(org_a, postcodes, tmp_path, capsys):
    call_command("import_volunteers", write(tmp_path, csv_bytes([SARA], header=FULL_HEADER)),
                 "--dry-run")
    out = capsys.readouterr().out
    assert "Volunteers: 1 created, 0 updated, 0 unchanged." in out and "dry run" in out
    assert not Volunteer.objects.exists()


def test_command_reports_every_problem_on_stderr_and_fails(org_a, postcodes, tmp_path, capsys):
    path = write(tmp_path, csv_bytes([bad(4, "mon:night"), bad(3, "nl:D1", "b@example.nl")]))
    with pytest.raises(CommandError, match="2 problem"):
        call_command("import_volunteers", path)
    err = capsys.readouterr().err
    assert "rij 2, kolom availability" in err and "mon:night" in err
    assert "rij 3, kolom languages" in err
    assert not Volunteer.objects.exists()


def test_command_refuses_a_50_mb_file_without_reading_it(org_a, tmp_path, capsys):
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(CommandError):
        call_command("import_volunteers", str(path))
    assert "te groot" in capsys.readouterr().err


def test_command_needs_an_organisation_when_there_are_several(org_a, org_b, tmp_path):
    with pytest.raises(CommandError, match="several organisations"):
        call_command("import_volunteers", write(tmp_path, csv_bytes([GOOD])))
    with pytest.raises(CommandError, match="Unknown organisation"):
        call_command("import_volunteers", write(tmp_path, csv_bytes([GOOD])),
                     "--organisation", "nope")


def test_command_missing_file_is_a_clear_error(org_a, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_volunteers", str(tmp_path / "missing.csv"))


def test_imports_of_two_organisations_stay_apart(postcodes):
    one, two = OrganisationFactory(slug="een"), OrganisationFactory(slug="twee")
    run(one, csv_bytes([GOOD]))
    run(two, csv_bytes([["b@example.nl", "Bram", "3511", "nl:native", "mon:morning"]]))
    assert Volunteer.objects.get(organisation=one).user.email == "a@example.nl"
    assert Volunteer.objects.get(organisation=two).user.email == "b@example.nl"
