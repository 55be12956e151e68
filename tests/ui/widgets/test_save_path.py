"""Save dialogs start in the user's documents folder (or home), never the working directory."""

from __future__ import annotations

from pathlib import Path

from ui.widgets.save_path import suggested_path


def test_a_save_dialog_starts_in_documents_not_the_checkout(qapp, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # wherever the app was started from
    path = Path(suggested_path("incident-7.pdf"))
    assert path.is_absolute() and path.name == "incident-7.pdf"
    assert tmp_path not in path.parents
    assert Path.home() in path.parents or path.parent == Path.home()
