"""The stages reported media passes through on screen, least realistic first.

A reviewer should see as little, and as unrealistic a rendering, as a decision needs: blurred by
default, then a reduced-detail rendering that keeps shapes and layout but drops photographic
texture, and real pixels only as a separate, deliberate step. Presets say which stages a
category allows; the renderer, the reveal, the exposure meter and `main.py render` all speak in
these values, so "which stage was shown" means the same everywhere.
"""

from __future__ import annotations

from enum import Enum

from reviewer.words import translate


class Stage(str, Enum):
    BLURRED = "blurred"
    REDUCED = "reduced"  # shapes and layout, no photographic detail (reviewer/media/reduced.py)
    REVEALED = "revealed"  # real pixels

    @property
    def words(self) -> str:
        """How the status bar and the exposure reading name the stage."""
        return {"blurred": translate("core", "blurred"),
                "reduced": translate("core", "reduced detail"),
                "revealed": translate("core", "real pixels")}[self.value]


ORDER = (Stage.BLURRED, Stage.REDUCED, Stage.REVEALED)
