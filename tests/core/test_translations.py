"""Every string of the interface is translated: the Dutch source and a complete English
catalogue (other languages of issue 10 are added to LANGUAGES_COMPLETE as they land)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES_COMPLETE = ["en"]
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
    for lang in LANGUAGES_COMPLETE:
        subprocess.run(
            [sys.executable, "manage.py", "makemessages", "-l", lang, "--no-obsolete", "-v0"],
            cwd=copy, check=True, timeout=300,
            env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin",
                 "KOPPEL_VAR_DIR": str(copy / "var")},
        )
    return copy


@pytest.mark.parametrize("lang", LANGUAGES_COMPLETE)
def test_every_string_is_translated(fresh_catalogues, lang):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import translations
    finally:
        sys.path.pop(0)
    translations.ROOT = fresh_catalogues
    missing = translations.todo(lang)
    assert missing == {}, f"{len(missing)} untranslated in {lang}: {list(missing)[:20]}"
