import pytest

from core.csvio import ImportFailed, read_table, write_table

KNOWN = {"email", "first_name", "languages"}


def problems(data: bytes):
    with pytest.raises(ImportFailed) as info:
        read_table(data, known=KNOWN, required={"email"})
    return [str(p) for p in info.value.problems]


def test_semicolons_bom_and_case_insensitive_headers():
    table = read_table("\ufeffEmail;First_Name\nsara@example.nl;Sara\n".encode(),
                       known=KNOWN, required={"email"})
    assert table.rows == [(2, {"email": "sara@example.nl", "first_name": "Sara"})]


def test_unknown_and_missing_columns_are_reported_on_row_one():
    found = problems(b"mail,first_name\nx,y\n")
    assert any("rij 1, kolom mail: onbekende kolom" in p for p in found)
    assert any("rij 1, kolom email: verplichte kolom ontbreekt" in p for p in found)


@pytest.mark.parametrize("data, message", [
    (b"", "leeg"),
    (b"   \n", "leeg"),
    (b"email\n", "geen rijen"),
    (b"PK\x03\x04\x00\x00binary", "geen CSV-bestand"),
    ("email\nsé@example.nl\n".encode("latin-1"), "UTF-8"),
])
def test_unusable_files_get_a_clear_message(data, message):
    assert any(message in p for p in problems(data))


def test_too_big_file_is_refused_before_parsing():
    with pytest.raises(ImportFailed, match="te groot"):
        read_table(b"email\n" + b"a@b.nl\n" * 10, known=KNOWN, required=set(), max_bytes=20)


def test_export_is_excel_friendly_and_neutralises_formulas():
    text = write_table(["name", "languages"], [["=HYPERLINK(1)", ["nl:C1", "ar:native"]],
                                               ["-3", []]])
    assert text.startswith("\ufeffname;languages\r\n")
    assert "'=HYPERLINK(1);nl:C1|ar:native" in text
    assert "\r\n-3;\r\n" in text
