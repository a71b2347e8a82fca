"""Whatever bytes or half-right CSV a coordinator uploads, the importer answers with counts or
with problems (ImportFailed), never with another exception; and a failed import writes
nothing."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.csvio import ImportFailed
from core.models import User
from volunteers.imports import volunteers_import
from volunteers.models import Volunteer
from volunteers.table import COLUMNS

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])

cell_values = st.one_of(
    st.text(max_size=30),
    st.sampled_from([
        "", "nl:B1", "ar:native|nl:A2", "nl:D1", "xx:B1", "nl", "mon:morning", "mon:night",
        "tue:afternoon|thu:evening", "3511 AB", "3511", "12345", "yes", "no", "maybe",
        "sara@example.nl", "SARA@example.nl", "not-an-email", "52.09", "5.12", "nan", "inf",
        "-1", "1985", "99999999999999999999", "long", "help_others|fame", "walking",
        "=1+1", "'=cmd", "active", "paused", "retired", "|||", "a" * 300, "\x00", "é",
    ]),
)
headers = st.lists(st.one_of(st.sampled_from(COLUMNS), st.text(max_size=12)), min_size=1,
                   max_size=len(COLUMNS) + 2)


@st.composite
def csv_files(draw):
    header = draw(headers)
    delimiter = draw(st.sampled_from([",", ";"]))
    rows = draw(st.lists(st.lists(cell_values, min_size=0, max_size=len(header) + 2),
                         max_size=6))

    def quote(cell):
        if any(ch in cell for ch in '",;\r\n'):
            return '"' + cell.replace('"', '""') + '"'
        return cell

    lines = [delimiter.join(quote(c) for c in header)]
    lines += [delimiter.join(quote(c) for c in row) for row in rows]
    text = "\r\n".join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "latin-1"]))
    return text.encode(encoding, errors="replace")


def attempt(org, data):
    volunteers_before = Volunteer.objects.count()
    users_before = User.objects.count()
    try:
        volunteers_import(organisation=org, data=data, invite=False)
    except ImportFailed as failed:
        assert failed.problems
        assert all(isinstance(p.row, int) and str(p) for p in failed.problems)
        assert Volunteer.objects.count() == volunteers_before
        assert User.objects.count() == users_before


@pytest.mark.django_db
@FUZZ
@given(data=st.binary(max_size=2000))
def test_random_bytes_never_crash_the_importer(org_a, data):
    attempt(org_a, data)


@pytest.mark.django_db
@FUZZ
@given(data=csv_files())
def test_random_csv_never_crashes_the_importer(org_a, data):
    attempt(org_a, data)


@pytest.mark.django_db
@FUZZ
@given(cells=st.fixed_dictionaries(dict.fromkeys(COLUMNS, cell_values)))
def test_random_cells_under_the_right_header_never_crash(org_a, cells):
    cells["email"] = "fuzz@example.nl"

    def quote(cell):
        return '"' + cell.replace('"', '""') + '"'

    data = (",".join(COLUMNS) + "\r\n" + ",".join(quote(cells[c]) for c in COLUMNS)).encode()
    attempt(org_a, data)
