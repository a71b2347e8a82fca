#!/usr/bin/env python
"""Helpers for Koppel's translation files (the Dutch text is the source; other languages
are translations of it).

  python scripts/translations.py todo [LANG]          untranslated or fuzzy entries, as JSON
  python scripts/translations.py fill FILE.json [LANG] apply {"msgid": "translation", ...}

Run `python manage.py makemessages -l LANG --ignore=.venv --no-obsolete` first, so the
files list every string of the code. Plural entries use a list: {"msgid": ["one", "many"]}
(as many forms as the language has: Arabic 6, Ukrainian 4, Turkish 2).

English covers every page. Arabic, Turkish and Ukrainian cover the volunteers' pages only
(core/i18n.py): for them `todo` lists the strings of PORTAL_FILES, the files those pages are
made of. A page added to the portal adds its files here; tests/core/test_translations.py
fails when any of their strings lacks a translation.
"""

import json
import sys
from fnmatch import fnmatch
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "var", "staticfiles", "node_modules", ".git"}

PORTAL_LANGUAGES = ("ar", "tr", "uk")
# The source files of the pages volunteers see (fnmatch patterns; "*" also matches "/").
PORTAL_FILES = (
    "templates/base.html", "templates/includes/*.html", "templates/allauth/*.html",
    "templates/email/base.html",
    "core/templates/core/home.html", "core/templates/core/privacy.html",
    "core/templates/core/accessibility.html", "templates/errors/*.html",
    "core/vocabulary.py", "core/postcodes.py", "core/words.py",
    "volunteers/templates/volunteers/welcome.html",
    "volunteers/templates/volunteers/signup_step.html",
    "volunteers/templates/volunteers/steps/*.html",
    "volunteers/templates/volunteers/mine*.html",
    "volunteers/templates/volunteers/activate*.html",
    "volunteers/templates/volunteers/goodbye.html",
    "volunteers/templates/volunteers/_*.html",
    "volunteers/templates/volunteers/email/*",
    "volunteers/forms.py", "volunteers/steps.py", "volunteers/display.py",
    "volunteers/rules.py", "volunteers/integration.py",
    "volunteers/views/signup.py", "volunteers/views/mine.py",
    "journey/templates/journey/mine.html", "journey/defaults.py", "journey/views.py",
    # Matches: the volunteer's proposals in Mijn Koppel, the caregiver's answer page, and the
    # e-mails to both.
    "matchmaking/templates/matchmaking/mine/*", "matchmaking/templates/matchmaking/answer/*",
    "matchmaking/templates/matchmaking/email/*", "matchmaking/views_mine.py",
    "matchmaking/views_answer.py", "matchmaking/answer_forms.py", "matchmaking/display.py",
    "matchmaking/ical.py",
    # Check-ins: the e-mails, the answer page of the link and Mijn Koppel's check-ins.
    "checkins/templates/checkins/email/*", "checkins/templates/checkins/answer*.html",
    "checkins/templates/checkins/_answer_fields.html", "checkins/templates/checkins/mine.html",
    "checkins/answers.py", "checkins/forms.py", "checkins/portal_views.py",
    "checkins/services.py",
    "journey/templates/journey/email/come_back*",
    "placements/models.py", "placements/templates/placements/mine.html",
    "placements/templates/placements/_agreement.html",
    "placements/templates/placements/_mine_match.html",
)


def is_portal_source(filename: str) -> bool:
    return any(fnmatch(filename, pattern) for pattern in PORTAL_FILES)


def po_files(lang: str):
    for path in sorted(ROOT.rglob(f"locale/{lang}/LC_MESSAGES/django.po")):
        if not SKIP & set(path.relative_to(ROOT).parts):
            yield path


def untranslated(catalog):
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            yield message


def todo(lang: str) -> dict:
    portal_only = lang in PORTAL_LANGUAGES
    result = {}
    for path in po_files(lang):
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        for message in untranslated(catalog):
            if portal_only and not any(is_portal_source(f) for f, _line in message.locations):
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            result[key] = "" if isinstance(message.id, str) else ["", ""]
    return result


def _django_plural_forms(lang: str) -> tuple[int, str]:
    """The plural rule of Django's own catalogue for `lang` (Arabic has six forms, Ukrainian
    four): every catalogue of a language must use the same rule as the msgstr[] it holds."""
    import django

    path = Path(django.__file__).parent / "conf" / "locale" / lang / "LC_MESSAGES" / "django.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return catalog.num_plurals, catalog.plural_expr


def _with_language(catalog, lang: str):
    """makemessages leaves "Language:" empty, and Babel would then write the file without its
    Language and Plural-Forms headers. Keep both, with Django's plural rule (the one
    makemessages puts in a new file; Babel's CLDR rule can differ, e.g. for Ukrainian)."""
    catalog.locale = lang
    catalog._num_plurals, catalog._plural_expr = _django_plural_forms(lang)
    return catalog


def fill(mapping: dict, lang: str) -> int:
    changed = 0
    for path in po_files(lang):
        with path.open("rb") as handle:
            catalog = _with_language(read_po(handle, locale=lang), lang)
        dirty = False
        for message in catalog:
            key = message.id if isinstance(message.id, str) else message.id[0]
            if key in mapping and mapping[key]:
                value = mapping[key]
                message.string = tuple(value) if isinstance(value, list) else value
                message.flags.discard("fuzzy")
                dirty = True
                changed += 1
        if dirty:
            with path.open("wb") as handle:
                write_po(handle, catalog, width=100, omit_header=False)
    return changed


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "todo"
    if command == "todo":
        print(json.dumps(todo(sys.argv[2] if len(sys.argv) > 2 else "en"), ensure_ascii=False,
                         indent=1))
    elif command == "fill":
        data = json.loads(Path(sys.argv[2]).read_text())
        print(f"filled {fill(data, sys.argv[3] if len(sys.argv) > 3 else 'en')} entries")
    else:
        sys.exit(__doc__)
