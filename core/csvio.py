"""Reading and writing the CSV files of VOCABULARY.md, the same way for every import.

Rules: UTF-8 with or without BOM; comma or semicolon; a header row; column names are
case-insensitive; unknown columns are an error; lists in a cell are separated by `|`.
Problems are collected with the row number as a spreadsheet shows it (header = row 1) and
the column, so an import can report all of them at once and write nothing.
"""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_IMPORT_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Problem:
    row: int  # as the spreadsheet shows it; the header is row 1, 0 for the file as a whole
    column: str
    message: str

    def __str__(self):
        if self.row == 0:
            return self.message
        if self.column:
            return _("rij %(row)s, kolom %(column)s: %(message)s") % {
                "row": self.row, "column": self.column, "message": self.message}
        return _("rij %(row)s: %(message)s") % {"row": self.row, "message": self.message}


class ImportFailed(Exception):
    """Raised with every problem found; nothing has been written."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class Table:
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (spreadsheet row number, cells by lower-case column)


def read_table(data: bytes, *, known: set[str], required: set[str],
               max_bytes: int = MAX_IMPORT_BYTES) -> Table:
    """Decode and split a CSV file; raise ImportFailed for anything that is not a usable table."""
    if len(data) > max_bytes:
        raise ImportFailed([Problem(0, "", _(
            "Het bestand is te groot (%(size)s MB); het maximum is %(max)s MB.") % {
            "size": round(len(data) / 1024 / 1024, 1), "max": round(max_bytes / 1024 / 1024, 1)})])
    if not data.strip():
        raise ImportFailed([Problem(0, "", _("Het bestand is leeg."))])
    if b"\x00" in data[:4096]:
        raise ImportFailed([Problem(0, "", _("Dit is geen CSV-bestand (maar bijvoorbeeld een "
                                              "Excel-bestand). Sla het op als CSV (UTF-8)."))])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed([Problem(0, "", _("Het bestand is geen UTF-8-tekst. Sla het op als "
                                              "'CSV UTF-8'."))]) from None
    lines = text.splitlines()
    header_line = lines[0] if lines else ""
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as exc:
        raise ImportFailed([Problem(0, "", _("Dit is geen leesbaar CSV-bestand (%(error)s).")
                                    % {"error": exc})]) from None
    if not records or not any(cell.strip() for cell in records[0]):
        raise ImportFailed([Problem(0, "", _("Het bestand is leeg."))])

    columns = [cell.strip().lower() for cell in records[0]]
    problems = []
    for name in columns:
        if not name:
            problems.append(Problem(1, "", _("Een kolom heeft geen naam.")))
        elif name not in known:
            problems.append(Problem(1, name, _("onbekende kolom. Toegestaan zijn: %(known)s.")
                                    % {"known": ", ".join(sorted(known))}))
    seen = set()
    for name in columns:
        if name and name in seen:
            problems.append(Problem(1, name, _("deze kolom staat er twee keer in.")))
        seen.add(name)
    for name in sorted(required - set(columns)):
        problems.append(Problem(1, name, _("verplichte kolom ontbreekt.")))
    if problems:
        raise ImportFailed(problems)

    rows = []
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # blank lines at the end of Excel exports
        if len(record) > len(columns):
            problems.append(Problem(number, "", _("deze rij heeft meer cellen (%(n)s) dan de "
                                                  "kop kolommen (%(m)s).")
                                    % {"n": len(record), "m": len(columns)}))
            continue
        cells = {name: (record[i].strip() if i < len(record) else "")
                 for i, name in enumerate(columns)}
        rows.append((number, cells))
    if problems:
        raise ImportFailed(problems)
    if not rows:
        raise ImportFailed([Problem(0, "", _("Het bestand heeft een kopregel maar geen rijen."))])
    return Table(columns=columns, rows=rows)


def split_list(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def parse_bool(cell: str) -> bool | None:
    """yes/no in English or Dutch; None when the text means neither."""
    value = cell.strip().lower()
    if value in {"yes", "ja", "y", "j", "true", "1"}:
        return True
    if value in {"no", "nee", "n", "false", "0", ""}:
        return False
    return None


def _safe_cell(value) -> str:
    """Keep spreadsheet programs from running a cell typed by a user as a formula."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = "|".join(str(v) for v in value)
    text = str(value)
    if text[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        try:
            float(text)
        except ValueError:
            return "'" + text
    return text


def write_table(columns: list[str], rows, *, excel: bool = True) -> str:
    """CSV text that opens correctly in Dutch Excel: BOM and semicolons (default)."""
    out = io.StringIO()
    if excel:
        out.write("\ufeff")
    writer = csv.writer(out, delimiter=";" if excel else ",", lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_safe_cell(value) for value in row])
    return out.getvalue()
