"""Dutch postcodes: validation, normal form, and coordinates from the table that
`import_postcodes` fills. Never an external geocoding service: an unknown postcode simply
means the distance is unknown."""

import re

from django.utils.translation import gettext_lazy as _

POSTCODE_RE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})?\s*$")
INVALID_POSTCODE = _("Geen geldige postcode: gebruik 4 cijfers, eventueel met 2 letters (3511 AB).")


def normalise_postcode(text: str) -> str | None:
    """'3511ab' -> '3511 AB', '3511' -> '3511'; None when it is not a Dutch postcode."""
    match = POSTCODE_RE.match(text or "")
    if not match:
        return None
    digits, letters = match.groups()
    return f"{digits} {letters.upper()}" if letters else digits


def postcode_area(postcode: str) -> str:
    """The 4-digit area (PC4), which Koppel uses as the neighbourhood."""
    return (postcode or "")[:4]


def postcode_location(postcode: str) -> tuple[float, float] | None:
    from .models import Postcode

    area = postcode_area(postcode)
    if not area:
        return None
    row = Postcode.objects.filter(code=area).values_list("latitude", "longitude").first()
    return tuple(row) if row else None
