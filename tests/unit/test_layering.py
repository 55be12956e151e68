"""The core must never import Qt: it runs in the CLI, the sync worker and benchmarks too."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "reviewer"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_core_has_modules_to_check():
    assert len(list(CORE.rglob("*.py"))) >= 10


def test_no_module_under_reviewer_imports_qt():
    offenders = {
        str(path.relative_to(CORE)): sorted(_imported_modules(path) & {"PySide6", "shiboken6", "PyQt6", "ui"})
        for path in CORE.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}
