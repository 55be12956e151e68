"""`main.py render` on malformed animated PNGs: exit 2 and exactly one line, as a user sees it."""

from __future__ import annotations

import pytest

from tests.e2e.test_main_cli import _run
from tests.malformed_apng import MALFORMED


@pytest.mark.parametrize("fault", sorted(MALFORMED))
def test_render_prints_one_line_for_a_malformed_apng(tmp_path, fault):
    source = tmp_path / "in.png"
    source.write_bytes(MALFORMED[fault]())
    result = _run("render", str(source), "--out", str(tmp_path / "out.png"))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: Cannot be displayed")
    assert not (tmp_path / "out.png").exists()
