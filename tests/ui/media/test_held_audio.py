"""Audio stays off: it plays only while the listen key is held, for a category that needs it,
never above the volume cap, with a waveform instead of a picture, and it counts as exposure.
Checked through the real QMediaPlayer's state (there is no sound device here)."""

from __future__ import annotations

import io
import math
import struct
import wave

import pytest
from PySide6.QtCore import Qt
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtTest import QTest

from reviewer.domain import Case, Queue
from reviewer.media.audio import MAX_VOLUME
from reviewer.profile import Profile
from reviewer.store.case_cache import CaseCache
from reviewer.store.database import open_store
from tests.factories import case_dict, sha
from tests.qt_wait import pump, pump_until
from ui.app import build_workstation

PLAYING = QMediaPlayer.PlaybackState.PlayingState
# This machine has no sound device and no video acceleration: QtMultimedia says so, as it
# would on a reviewer's machine without speakers. Nothing else may warn.
pytestmark = pytest.mark.qt_log_ignore(
    r"Couldn't (load|resolve) va", r"PulseAudioService", r"No audio device detected")


def tones(seconds: float = 3.0, rate: int = 8000) -> bytes:
    """A synthetic WAV: two alternating tones, drawn by code (no recorded sound)."""
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(b"".join(
            struct.pack("<h", int(9000 * math.sin(2 * math.pi * (440 if i // rate % 2 else 660)
                                                 * i / rate)))
            for i in range(int(seconds * rate))))
    return out.getvalue()


VOICE_NOTE, OTHER_NOTE = tones(), tones(2.0)


def _audio_case(case_id: str, data: bytes, category: str, hours_left: float) -> Case:
    raw = case_dict(case_id, hours_left=hours_left, media=[data], category=category)
    raw["media"][0]["mime"] = "audio/wav"
    return Case.from_api(raw)


@pytest.fixture
def window(qtbot, tmp_path):
    profile = Profile(tmp_path / "profile").ensure()
    cache = CaseCache(open_store(profile.store_path))
    cache.save_queues([Queue("graphic_media", "Graphic media", 2, ("violent_graphic",),
                             "violent_graphic")])
    cache.save_cases([_audio_case("a1-needs-audio", VOICE_NOTE, "hate_speech_audio", 1),
                      _audio_case("a2-audio-off", OTHER_NOTE, "graphic_violence", 2)], None)
    cache.save_media(sha(VOICE_NOTE), "audio/wav", VOICE_NOTE)
    cache.save_media(sha(OTHER_NOTE), "audio/wav", OTHER_NOTE)
    win = build_workstation(profile, None, None, undo_grace_s=0)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    pump_until(lambda: win.media_grid.is_settled(), what="the audio tile painted")
    return win


def test_audio_plays_only_while_the_key_is_held_capped_and_counts_as_exposure(window):
    audio, tile = window.media_desk.audio, window.media_grid.tiles[0]
    assert audio.player.playbackState() != PLAYING and tile.listening is None
    assert tile.painted == ("audio",)  # a waveform or words, never a picture

    QTest.keyPress(window, Qt.Key.Key_L)
    pump_until(lambda: audio.player.playbackState() == PLAYING, what="playing while held")
    assert audio.output.volume() <= MAX_VOLUME + 1e-6  # stored as a 32-bit float
    assert tile.listening and max(tile.listening) > 0.1  # the waveform is on screen
    audio.output.setVolume(1.0)  # anything raising it is pulled back to the cap
    assert audio.output.volume() <= MAX_VOLUME + 1e-6  # stored as a 32-bit float
    pump(0.3)
    QTest.keyRelease(window, Qt.Key.Key_L)
    assert audio.output.isMuted() and tile.listening is None  # silent at once
    pump_until(lambda: audio.player.playbackState() != PLAYING, what="stopped after release")
    reading = window.meter.reading("a1-needs-audio")
    assert reading.case_s >= 0.25 and reading.case_real_s == reading.case_s


def test_a_case_change_silences_it_and_a_category_without_audio_never_plays(window):
    audio = window.media_desk.audio
    QTest.keyPress(window, Qt.Key.Key_L)
    pump_until(lambda: audio.player.playbackState() == PLAYING, what="playing while held")
    window.go_to_case("a2-audio-off")  # moved on with the key still down
    assert audio.output.isMuted()  # silent at once
    pump_until(lambda: audio.player.playbackState() != PLAYING, what="stopped on a case change")
    QTest.keyRelease(window, Qt.Key.Key_L)
    QTest.keyPress(window, Qt.Key.Key_L)
    pump(0.3)
    assert audio.player.playbackState() != PLAYING
    assert "Audio stays off for graphic_violence" in window.status_line.text()
    QTest.keyRelease(window, Qt.Key.Key_L)
    assert window.meter.reading("a2-audio-off").case_s == 0
