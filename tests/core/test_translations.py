"""Every string of the interface is translated: the Dutch source and a complete English
catalogue; Arabic, Turkish and Ukrainian for every string of the pages volunteers see (the
files listed in scripts/translations.py PORTAL_FILES), including the strings of Django and
django-allauth those pages show (their own catalogues, or locale_overrides/)."""

import io
import shutil
import subprocess
import sys
from fnmatch import fnmatch
from pathlib import Path

import pytest
from babel.messages.extract import extract_python
from django.utils import translation
from django.utils.translation import template as template_i18n
from django.utils.translation import trans_real

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
try:
    import translations
finally:
    sys.path.pop(0)

LANGUAGES_COMPLETE = ["en"]
PORTAL_LANGUAGES = list(translations.PORTAL_LANGUAGES)
IGNORE = shutil.ignore_patterns(".venv", "var", "staticfiles", ".git", "__pycache__",
                                "node_modules", "test-artifacts", "*.mo", ".pytest_cache",
                                ".hypothesis", ".ruff_cache", "static")


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory):
    """Run makemessages on a copy of the code, so a string added without a translation
    shows up even if nobody ran makemessages."""
    if shutil.which("xgettext") is None:
        pytest.skip("gettext is not installed (apt-get install gettext)")
    copy = tmp_path_factory.mktemp("koppel") / "src"
    shutil.copytree(ROOT, copy, ignore=IGNORE)
    languages = [arg for lang in LANGUAGES_COMPLETE + PORTAL_LANGUAGES for arg in ("-l", lang)]
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", *languages, "--no-obsolete", "-v0"],
        cwd=copy, check=True, timeout=300,
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin",
             "KOPPEL_VAR_DIR": str(copy / "var")},
    )
    return copy


@pytest.fixture
def catalogues_of(fresh_catalogues, monkeypatch):
    monkeypatch.setattr(translations, "ROOT", fresh_catalogues)
    return translations


@pytest.mark.parametrize("lang", LANGUAGES_COMPLETE)
def test_every_string_is_translated(catalogues_of, lang):
    missing = catalogues_of.todo(lang)
    assert missing == {}, f"{len(missing)} untranslated in {lang}: {list(missing)[:20]}"


@pytest.mark.parametrize("lang", PORTAL_LANGUAGES)
def test_every_string_of_the_volunteers_pages_is_translated(catalogues_of, lang):
    missing = catalogues_of.todo(lang)
    assert missing == {}, f"{len(missing)} untranslated in {lang}: {list(missing)[:20]}"


def test_the_portal_list_names_files_that_exist():
    """A renamed template must not silently drop out of the check above."""
    sources = [str(path.relative_to(ROOT)) for pattern in ("**/*.py", "**/*.html", "**/*.txt")
               for path in ROOT.glob(pattern) if ".venv" not in path.parts]
    for pattern in translations.PORTAL_FILES:
        assert any(fnmatch(path, pattern) for path in sources), pattern


# --- Strings of Django and django-allauth on the volunteers' pages -------------------------

def _third_party_sources():
    import allauth
    import django

    allauth_dir, django_dir = Path(allauth.__file__).parent, Path(django.__file__).parent
    account = allauth_dir / "templates" / "account"
    templates = [account / name for name in (
        "signup.html", "login.html", "logout.html", "verification_sent.html",
        "email_confirm.html", "password_reset.html", "password_reset_done.html",
        "password_reset_from_key.html", "password_reset_from_key_done.html",
        "password_change.html", "base_entrance.html", "base_manage_password.html",
        "account_inactive.html")]
    templates += sorted((account / "email").glob("*.txt"))
    templates += sorted((account / "messages").glob("*.txt"))
    python = [allauth_dir / "account" / "forms.py", allauth_dir / "account" / "adapter.py",
              django_dir / "forms" / "fields.py", django_dir / "forms" / "forms.py",
              django_dir / "forms" / "formsets.py", django_dir / "core" / "validators.py",
              django_dir / "contrib" / "auth" / "password_validation.py"]
    return templates + python


KEYWORDS = {"gettext": None, "gettext_lazy": None, "_": None, "gettext_noop": None,
            "ngettext": (1, 2), "ngettext_lazy": (1, 2), "pgettext": ((1, "c"), 2),
            "pgettext_lazy": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3),
            "npgettext_lazy": ((1, "c"), 2, 3)}


def _msgids(path: Path):
    """(key in a compiled catalogue, msgid) for every translatable string of `path`."""
    text = path.read_text(encoding="utf-8")
    if path.suffix in {".html", ".txt"}:
        # Django's own template-to-gettext conversion, as makemessages does it.
        text = "\n".join(line.lstrip() for line in
                         template_i18n.templatize(text, str(path)).splitlines())
    for _line, function, args, _comments in extract_python(
            io.BytesIO(text.encode()), list(KEYWORDS), [], {}):
        args = (args,) if isinstance(args, str) else tuple(a for a in args if a)
        if not args:
            continue
        with_context = function.startswith(("pgettext", "npgettext"))
        key = f"{args[0]}\x04{args[1]}" if with_context else args[0]
        plural = function.startswith(("ngettext", "npgettext"))
        yield ((key, 0) if plural else key), key


@pytest.mark.parametrize("lang", PORTAL_LANGUAGES)
def test_django_and_allauth_strings_on_those_pages_are_translated(db, lang):
    with translation.override(lang):
        catalogue = trans_real.translation(lang)._catalog
        missing = set()
        for path in _third_party_sources():
            for key, msgid in _msgids(path):
                try:
                    found = bool(catalogue[key])
                except KeyError:
                    found = False
                if not found:
                    missing.add(f"{path.name}: {msgid}")
    assert not missing, (f"{len(missing)} of Django/allauth's strings lack {lang}; "
                         f"add them to locale_overrides/{lang}/: {sorted(missing)[:10]}")
