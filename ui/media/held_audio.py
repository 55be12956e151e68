"""Audio heard only while a key is held, at a capped volume, with a waveform instead of a picture.

The listen key (L by default) is handled like the reveal key, by the application-wide key
filter (ui/keys/key_filter.py) that sees press and release: sound starts on the press and stops on the release, on a
case change, on focus loss and whenever media is concealed. Only an audio item whose category's
preset allows audio plays (reviewer/media/audio.py); the volume is set to the cap before every
play and pulled back down if anything raises it. The time listened is fed to the exposure meter
as real-pixels exposure of the whole item.
"""

from __future__ import annotations

import time
from typing import Callable

import sqlite_utils
from PySide6.QtCore import (QBuffer, QByteArray, QEvent, QIODevice, QMetaObject, QObject, Qt,
                            QUrl, Signal)
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from reviewer.actions import ActionId
from reviewer.keymap import Keymap
from reviewer.media.audio import MAX_VOLUME, capped, is_audio, waveform
from reviewer.media.exposure import ExposureMeter
from reviewer.media.stages import Stage
from reviewer.store.case_cache import CaseCache
from ui.media.grid import MediaGrid
from ui.media.tile import MediaTile
from ui.keys.key_filter import KeyFilterHub
from ui.keys.typing import in_text_field

_KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)
_MODIFIERS = 0xFE000000


class HeldAudio(QObject):
    message = Signal(str)
    exposure_changed = Signal()

    def __init__(self, window: QWidget, grid: MediaGrid, keymap: Keymap, meter: ExposureMeter,
                 db: sqlite_utils.Database, shown_case_id: Callable[[], str]):
        super().__init__(window)
        self.window, self.grid, self.meter = window, grid, meter
        self.cache, self.shown_case_id = CaseCache(db), shown_case_id
        self._player = self._output = None  # made on first use (see `player`)
        self._buffer: QBuffer | None = None
        self._listening: tuple[str, MediaTile, float] | None = None  # case, tile, start
        self._keys = {QKeySequence(k)[0].toCombined()
                      for k in keymap.keys_for("case", ActionId.LISTEN) if k}
        KeyFilterHub.of(QApplication.instance()).add(self)

    @property
    def player(self):
        """The QMediaPlayer, made at the first listen: QtMultimedia loads FFmpeg and asks for a
        sound device, which a shift without audio never needs to pay for (or warn about)."""
        if self._player is None:
            from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
            self._output = QAudioOutput(self)
            self._output.setVolume(MAX_VOLUME)
            self._output.volumeChanged.connect(self._keep_capped)
            self._player = QMediaPlayer(self)
            self._player.setAudioOutput(self._output)
        return self._player

    @property
    def output(self):
        self.player  # noqa: B018 -- made together
        return self._output

    def press(self) -> None:
        tile = self._audio_tile()
        if tile is None:
            self.message.emit(self.tr("No audio in this case: nothing to listen to."))
            return
        if not tile.preset.audio:
            self.message.emit(self.tr("Audio stays off for {category}: its policy does not "
                                      "need hearing it.").format(category=tile.media.category))
            return
        data = self.cache.media_bytes(tile.media.sha256)
        if data is None:
            self.message.emit(self.tr("The audio has not been downloaded yet."))
            return
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.player.setSourceDevice(self._buffer, QUrl(f"held.{tile.media.mime.split('/')[-1]}"))
        self.output.setVolume(capped(self.output.volume()))
        self.output.setMuted(False)
        tile.set_listening(waveform(data))
        self._listening = (self.shown_case_id(), tile, time.monotonic())
        self.player.play()

    def release(self) -> None:
        """Silence at once; the time listened counts as exposure."""
        if self._player is not None:
            # Silent at once; stopped from the event loop, not from here. A stop() called from
            # Python holds the GIL while Qt's FFmpeg backend tears the player down, and its
            # thread needs the GIL to destroy its audio renderer (connected to our Python-made
            # QAudioOutput): both wait for ever. Queued, the stop runs where Qt has released it.
            self.output.setMuted(True)
            QMetaObject.invokeMethod(self._player, "stop", Qt.ConnectionType.QueuedConnection)
        if self._listening is None:
            return
        case_id, tile, started = self._listening
        self._listening = None
        tile.set_listening(None)
        self.meter.add(case_id, time.monotonic() - started, 1.0, Stage.REVEALED)
        self.meter.flush()
        self.exposure_changed.emit()

    def shutdown(self) -> None:
        self.release()
        KeyFilterHub.of(QApplication.instance()).remove(self)

    def _audio_tile(self) -> MediaTile | None:
        tiles = [t for t in self.grid.visible_tiles() if t.media and is_audio(t.media.mime)]
        current = [t for t in tiles if t.current]
        return (current or tiles or [None])[0]

    def _keep_capped(self, volume: float) -> None:
        if volume > MAX_VOLUME + 1e-6:  # Qt keeps volumes as 32-bit floats
            self.output.setVolume(MAX_VOLUME)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Key events only (ui/keys/key_filter.py); focus loss silences through the window's
        # concealment (MainWindow.conceal), as it re-blurs.
        if event.type() not in _KEY_EVENTS or not self._keys:
            return False
        assert isinstance(event, QKeyEvent)
        if not self._is_listen_key(event) or in_text_field() \
                or QApplication.activeWindow() not in (None, self.window):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # ours: no shortcut reacts to the listen key
        elif event.isAutoRepeat():
            pass  # a held key repeats; only the first press and the real release count
        elif event.type() == QEvent.Type.KeyPress and self._listening is None:
            self.press()
        elif event.type() == QEvent.Type.KeyRelease:
            self.release()
        return True

    def _is_listen_key(self, event: QKeyEvent) -> bool:
        """The exact key (Ctrl+Shift+L is another action); a release matches without its
        modifiers, which may come up before the key does."""
        combined = event.keyCombination().toCombined()
        if event.type() == QEvent.Type.KeyRelease and self._listening is not None:
            return any((combined & ~_MODIFIERS) == (k & ~_MODIFIERS) for k in self._keys)
        return combined in self._keys
