"""Helpers for erasing a person everywhere (see core.signals.person_erasing)."""

import re
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from .signals import person_erasing

# Shorter strings (a first name like "Tom", a house number) would wipe unrelated text.
MIN_LENGTH = 5


def erasure_identifiers(*values) -> list[str]:
    """The strings that identify a person, without blanks and too-short fragments; a phone
    number also in its digits-only form."""
    found = []
    for value in values:
        value = " ".join(str(value or "").split())
        if len(value) >= MIN_LENGTH:
            found.append(value)
            digits = re.sub(r"\D", "", value)
            if len(digits) >= 8 and digits != value:
                found.append(digits)
    return list(dict.fromkeys(found))


def person_erasing_send(*, sender, person, organisation, identifiers, now) -> None:
    person_erasing.send(sender=sender, person=person, organisation=organisation,
                        identifiers=erasure_identifiers(*identifiers), now=now)


def mentioning(queryset: QuerySet, fields, identifiers) -> QuerySet:
    """The rows of `queryset` where any of `fields` mentions any identifier."""
    if not identifiers:
        return queryset.none()
    return queryset.filter(reduce(or_, (Q(**{f"{field}__icontains": identifier})
                                        for field in fields for identifier in identifiers)))


def scrub_texts(queryset: QuerySet, fields, identifiers, replacement="") -> int:
    """Empty the free-text `fields` of rows that mention the person. Whole texts go, not
    just the name: a note about someone describes them in more words than their name."""
    count = 0
    for field in fields:
        count += mentioning(queryset, [field], identifiers).update(**{field: replacement})
    return count


def mentions(data: bytes | str, identifiers) -> bool:
    """Whether an uploaded file (or any text) mentions the person."""
    if isinstance(data, (bytes, memoryview)):
        data = bytes(data).decode("utf-8", errors="replace")
    text = data.lower()
    return any(identifier.lower() in text for identifier in identifiers)
