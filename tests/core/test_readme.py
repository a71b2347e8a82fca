"""The README is a newcomer's first page: every picture and file it links to exists."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_local_link_and_picture_in_the_readme_exists():
    text = (ROOT / "README.md").read_text()
    targets = re.findall(r"\]\(([^)\s]+)\)", text)
    local = [t.split("#")[0] for t in targets if not t.startswith(("http", "#", "mailto:"))]
    assert local, "the README links no local file at all"
    missing = [t for t in local if not (ROOT / t).exists()]
    assert missing == []
