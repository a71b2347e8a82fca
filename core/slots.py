"""Availability slots (weekday x day part) as a 21-bit mask.

Pure Python, no Django: the scoring code and the benchmarks use it alone. A slot is written
`day:part` (`tue:afternoon`), see VOCABULARY.md. Bit i stands for WEEKDAYS[i // 3] and
DAY_PARTS[i % 3], so masks can be compared in SQL with a bitwise AND.
"""

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_PARTS = ("morning", "afternoon", "evening")
ALL_SLOTS = tuple(f"{day}:{part}" for day in WEEKDAYS for part in DAY_PARTS)
FULL_MASK = (1 << len(ALL_SLOTS)) - 1


def slot_bit(day: str, part: str) -> int:
    return 1 << (WEEKDAYS.index(day) * len(DAY_PARTS) + DAY_PARTS.index(part))


def parse_slot(text: str) -> int:
    """Return the bit of one slot; ValueError with a readable reason for anything else."""
    cleaned = text.strip().lower()
    day, sep, part = cleaned.partition(":")
    if not sep or day not in WEEKDAYS or part not in DAY_PARTS:
        raise ValueError(text)
    return slot_bit(day, part)


def mask_from_slots(slots) -> int:
    mask = 0
    for slot in slots:
        mask |= parse_slot(slot)
    return mask


def slots_from_mask(mask: int) -> list[str]:
    return [slot for i, slot in enumerate(ALL_SLOTS) if mask >> i & 1]


def slot_count(mask: int) -> int:
    return int(mask & FULL_MASK).bit_count()
