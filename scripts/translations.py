#!/usr/bin/env python
"""Helpers for Koppel's translation files (the Dutch text is the source; other languages
are translations of it).

  python scripts/translations.py todo [LANG]          untranslated or fuzzy entries, as JSON
  python scripts/translations.py fill FILE.json [LANG] apply {"msgid": "translation", ...}

Run `python manage.py makemessages -l LANG --ignore=.venv --no-obsolete` first, so the
files list every string of the code. Plural entries use a list: {"msgid": ["one", "many"]}.
"""

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "var", "staticfiles", "node_modules", ".git"}


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
    result = {}
    for path in po_files(lang):
        with path.open("rb") as handle:
            catalog = read_po(handle)
        for message in untranslated(catalog):
            key = message.id if isinstance(message.id, str) else message.id[0]
            result[key] = "" if isinstance(message.id, str) else ["", ""]
    return result


def fill(mapping: dict, lang: str) -> int:
    changed = 0
    for path in po_files(lang):
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
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
