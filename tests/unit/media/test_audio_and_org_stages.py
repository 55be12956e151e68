"""Audio is off unless a category's preset needs it; the organisation's presets may say so, and
may carry the reduced-detail stage, through the central API and onto the workstation."""

from __future__ import annotations

import io
import wave

from reviewer.media.audio import MAX_VOLUME, capped, waveform
from reviewer.media.presets import MediaPreset, PresetBook
from reviewer.media.stages import Stage
from server.api.org_presets import load_org_presets


def test_audio_is_off_by_default_and_only_a_needing_category_has_it():
    book = PresetBook.load()
    assert not book.default.audio and not book.for_category("graphic_violence").audio
    assert book.for_category("hate_speech_audio").audio
    # A reviewer's own settings can turn it off, never on.
    assert not book.with_user(MediaPreset(audio=False)).for_category("hate_speech_audio").audio


def test_the_organisation_may_set_reduced_and_audio_per_category():
    org = load_org_presets({"category": {"nudity": {"reduced": False, "audio": True}}})
    served = org.model_dump(exclude_none=True)
    assert served["category"]["nudity"] == {"reduced": False, "audio": True}
    book = PresetBook.load().with_org(served)
    assert not book.for_category("nudity").allows(Stage.REDUCED)
    assert book.for_category("nudity").audio


def test_volume_is_capped_and_a_waveform_is_read_from_pcm_only():
    assert capped(1.0) == MAX_VOLUME and capped(-1) == 0 and capped(0.1) == 0.1
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(2)
        writer.setsampwidth(2)
        writer.setframerate(8000)
        writer.writeframes(b"\x00\x40\x00\x00" * 8000)  # left channel at half scale
    peaks = waveform(out.getvalue(), buckets=20)
    assert len(peaks) == 20 and all(abs(p - 0.5) < 0.01 for p in peaks)
    assert waveform(b"ID3 not a wav") == [] and waveform(None) == []
