"""Which room may import which: the rules that keep the house readable.

The core never imports Qt (it runs in the CLI, the sync worker and benchmarks too); media and
the store never reach for the network; the server shares only the wire contract with the
workstation; and no widget knows the window it sits in."""

import ast
import sys
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
        str(path.relative_to(CORE)): sorted(_imported_modules(path)
                                            & {"PySide6", "shiboken6", "PyQt6", "ui"})
        for path in CORE.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


ROOT = CORE.parent
CONTRACT = CORE / "contract"
SERVER = ROOT / "server"


def _imported_names(path: Path) -> set[str]:
    """Full dotted names of what a module imports (`from a.b import c` gives a.b and a.b.c);
    relative imports stay inside their own package and are left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _offenders(folder: Path, refused) -> dict[str, list[str]]:
    found = {str(path.relative_to(ROOT)): sorted(n for n in _imported_names(path) if refused(n))
             for path in folder.rglob("*.py")}
    return {module: names for module, names in found.items() if names}


def _under(name: str, *packages: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def test_the_wire_contract_imports_only_pydantic_and_the_standard_library():
    # Both sides share it: the server must not pull in the workstation, nor the workstation
    # the server's web and database stack, by importing the contract.
    assert len(list(CONTRACT.glob("*.py"))) >= 5

    def refused(name: str) -> bool:
        top = name.split(".")[0]
        return not (top in sys.stdlib_module_names or top == "pydantic"
                    or _under(name, "reviewer.contract"))

    assert _offenders(CONTRACT, refused) == {}


def test_the_server_reaches_the_workstation_only_through_the_contract():
    def refused(name: str) -> bool:
        return _under(name, "ui") or (_under(name, "reviewer")
                                      and not _under(name, "reviewer.contract"))

    assert _offenders(SERVER, refused) == {}
    assert any(_under(name, "reviewer.contract") for path in SERVER.rglob("*.py")
               for name in _imported_names(path))


def test_media_and_the_store_never_import_the_sync_worker():
    # Rendering and storage work offline and on any thread; the network is the sync room's.
    for room in ("media", "store"):
        assert _offenders(CORE / room, lambda name: _under(name, "reviewer.sync")) == {}, room


def test_only_the_app_imports_the_main_window():
    # Collaborators get what they need passed in and talk back through signals; a module that
    # imported the window would reach into it.
    found = _offenders(ROOT / "ui", lambda name: _under(name, "ui.main_window"))
    assert found == {"ui/app.py": ["ui.main_window", "ui.main_window.MainWindow"]}
