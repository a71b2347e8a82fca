"""Small helpers for the volunteer tests: CSV files as a spreadsheet would write them, and
links out of e-mails."""

import re

from core.models import Postcode

HEADER = ["email", "first_name", "postcode", "languages", "availability"]
LINK = re.compile(r"https?://[^\s]+")


def csv_bytes(rows, header=HEADER, delimiter=",", bom=False) -> bytes:
    lines = [delimiter.join(header)]
    for row in rows:
        lines.append(delimiter.join(str(cell) for cell in row))
    text = "\r\n".join(lines) + "\r\n"
    return (("\ufeff" if bom else "") + text).encode("utf-8")


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def links_in(message) -> list[str]:
    return LINK.findall(message.body)


def load_postcodes():
    """A few Utrecht areas, as `import_postcodes` would load them."""
    Postcode.objects.bulk_create([
        Postcode(code="3511", latitude=52.0929, longitude=5.1145, name="Binnenstad"),
        Postcode(code="3581", latitude=52.0858, longitude=5.1326, name="Oost"),
        Postcode(code="3531", latitude=52.0925, longitude=5.0914, name="Lombok"),
        Postcode(code="3562", latitude=52.1090, longitude=5.1290, name="Overvecht"),
        Postcode(code="3431", latitude=52.0280, longitude=5.0850, name="Nieuwegein"),
    ], ignore_conflicts=True)
