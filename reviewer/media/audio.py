"""Audio stays off: what may be heard, how loud at most, and the waveform shown instead.

Nothing makes a sound by default. Videos and animations are silent storyboards (storyboard.py
decodes frames only). An audio item is heard only when its category's preset allows audio (a
policy that cannot be judged without hearing, such as hate speech in a voice note), only while
the listen key is held, never louder than MAX_VOLUME, and with a waveform on screen instead of
any picture. Listening counts as exposure, at the real-pixels stage over the whole item: it is
the real thing, not a filtered rendering.

The waveform is read from the bytes with the standard library (PCM WAV); other formats play
but show a flat line, which says "sound" without showing anything of it.
"""

from __future__ import annotations

import array
import io
import wave

AUDIO_MIMES = frozenset({"audio/wav", "audio/x-wav", "audio/wave", "audio/mpeg", "audio/ogg",
                         "audio/mp4", "audio/webm"})
# A fraction of the system volume: loud enough to make out words, never startling.
MAX_VOLUME = 0.3


def is_audio(mime: str) -> bool:
    return mime in AUDIO_MIMES


def capped(volume: float) -> float:
    """A volume the player may use: never above MAX_VOLUME, never negative."""
    return min(MAX_VOLUME, max(0.0, volume))


def waveform(data: bytes | None, buckets: int = 160) -> list[float]:
    """Peak levels 0..1 of `buckets` equal slices of a PCM WAV; [] when it is not one."""
    try:
        with wave.open(io.BytesIO(data or b"")) as reader:
            width, channels = reader.getsampwidth(), reader.getnchannels()
            frames = reader.readframes(min(reader.getnframes(), 10 * 60 * reader.getframerate()))
    except (wave.Error, EOFError, ValueError):
        return []
    if width not in (1, 2) or not frames:
        return []
    samples = array.array("h" if width == 2 else "B", frames)
    if width == 1:  # 8-bit WAV is unsigned around 128
        samples = array.array("h", (s - 128 << 8 for s in samples))
    samples = samples[::channels]  # the first channel is enough to show there is sound
    step = max(1, len(samples) // buckets)
    return [max(map(abs, samples[i:i + step])) / 32768 for i in range(0, len(samples), step)
            ][:buckets]
