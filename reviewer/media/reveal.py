"""What the reviewer has asked to see of the media on screen right now.

A value object: the UI replaces it on every key, and the exposure meter reads from it how much
is revealed. Reveal is held (it ends on release), partial by default (a spotlight of about 15%
of the image), on one item of the case at a time (the one the reviewer points at or chose),
shows the reduced-detail stage first (real pixels are a second, deliberate key while held, and
end with the hold), colour is a separate step, and the panic key blanks everything.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reviewer.media.stages import Stage

SPOTLIGHT_FRACTION = 0.15
SPOT_STEP = 0.1  # how far an arrow key moves the spotlight, as a fraction of the image


@dataclass(frozen=True)
class RevealState:
    held: bool = False
    colour: bool = False
    widened: bool = False  # the spotlight widened to the whole image
    spot: tuple[float, float] = (0.5, 0.5)  # spotlight centre, as fractions of the image
    spot_fraction: float = SPOTLIGHT_FRACTION
    blanked: bool = False  # panic: nothing is shown at all
    item: int = 0  # the one media item of the case the reveal is on; the others stay concealed
    real: bool = False  # real pixels asked for, while held; else the reduced-detail stage

    @property
    def stage(self) -> Stage:
        """The stage asked for (a preset may stop it lower): held shows reduced detail first."""
        if not self.held or self.blanked:
            return Stage.BLURRED
        return Stage.REVEALED if self.real else Stage.REDUCED

    def hold(self, colour: bool = False, item: int = 0) -> "RevealState":
        return replace(self, held=True, colour=colour, item=item)

    def on_item(self, item: int) -> "RevealState":
        """The reveal moves to another item, starting again as a reduced-detail spotlight at its
        centre: what was widened or shown as real pixels on one picture is not on the next."""
        if item == self.item:
            return self
        return replace(self, item=item, widened=False, real=False, spot=(0.5, 0.5))

    def real_pixels(self) -> "RevealState":
        """Real pixels, only while the reveal is held: the deliberate step after reduced detail."""
        return replace(self, real=True) if self.held else self

    def release(self) -> "RevealState":
        """Concealed again; the spotlight returns to the centre, panic stays as it was."""
        return RevealState(blanked=self.blanked)

    def widen(self) -> "RevealState":
        return replace(self, widened=True) if self.held else self

    def point(self, x: float, y: float) -> "RevealState":
        return replace(self, spot=(_clamp(x), _clamp(y)))

    def move(self, dx: int, dy: int) -> "RevealState":
        return self.point(self.spot[0] + dx * SPOT_STEP, self.spot[1] + dy * SPOT_STEP)

    def toggle_blank(self) -> "RevealState":
        return RevealState(blanked=not self.blanked)


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))
