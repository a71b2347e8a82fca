"""Helpers for the lifecycle tests (the `proposal` fixture is in conftest.py)."""

import re

LINK = re.compile(r"https?://[^\s\"<]+/koppeling/antwoord/[^\s\"</]+/")


def link_in(message) -> str:
    return LINK.search(message.body).group(0)
