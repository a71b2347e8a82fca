"""The house plan: imports between Koppel's apps only point down the layers (README,
"Architecture in ten lines"), so data walks one way and an app can be read without the
ones above it. Tests, migrations and the demo seeding command may look anywhere."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Top to bottom; an app may import the apps of its own layer's right and every lower layer.
LAYERS = [["dashboard"], ["checkins"], ["placements"], ["matchmaking"], ["journey"],
          ["volunteers", "caregivers"], ["core"]]
RANK = {app: depth for depth, apps in enumerate(LAYERS) for app in apps}


def imported_apps(path: Path) -> set[tuple[str, int]]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            top = name.split(".")[0]
            if top in RANK:
                found.add((top, node.lineno))
    return found


def test_imports_only_point_down_the_house_plan():
    upward = []
    for app, depth in RANK.items():
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for other, line in imported_apps(path):
                same_layer_sibling = RANK[other] == depth and other != app
                if RANK[other] < depth or same_layer_sibling:
                    upward.append(f"{path.relative_to(ROOT)}:{line} imports {other}")
    assert upward == [], "\n".join(upward)


def test_every_app_is_on_the_plan():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps == set(RANK)
