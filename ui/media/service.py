"""The decode pool: renders media off the UI thread and hands finished QImages back by signal.

Results are kept in a cache keyed by (media, box, style) and bounded by bytes, so the media of
the next few cases is ready before the reviewer gets there and a case change paints without
waiting.

Every view asks here and nowhere else, and never decides itself whether an item may be shown:
the style in the key carries the category and its preset, and the renderer refuses a
never-render one. The pool hands the renderer a loader, not bytes, so a refused item's bytes
are not even read from the store.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from reviewer.media.bytes_lru import BytesLru
from reviewer.store.case_cache import CaseCache
from reviewer.media.render import MediaRenderer, RenderedMedia, RenderStyle
from reviewer.media.small_copies import kept_small
from reviewer.store.database import open_store
from reviewer.store.small_media import SmallMedia
from ui.i18n.core_text import tr
from ui.media.qt_images import to_qimage


# Renders are held by their bytes, not counted: a blurred tile is grey, ~0.1-0.5 MB, while a
# revealed one at full screen is RGB32, several MB. 48 MB keeps the last ~150 tiles shown or
# rendered ahead, so cases coming back (the same picture reported again, a step back, another
# layout of the same media) paint without a decode.
CACHE_BYTES = 48 << 20


@dataclass(frozen=True)
class RenderKey:
    sha256: str
    box: tuple[int, int]  # in device pixels: what the renderer is asked for
    style: RenderStyle
    scale: float = 1.0  # the screen's device pixel ratio the render is for

    @classmethod
    def on_screen(cls, sha256: str, box: tuple[int, int], style: RenderStyle,
                  scale: float = 1.0) -> "RenderKey":
        """The render for a `box` of logical pixels on a screen of device pixel ratio `scale`:
        a 2× screen gets twice the pixels each way, so real pixels are not upscaled. The blur
        needs no scaling of its own: its radius is a fraction of the rendered size, so a
        blurred item is exactly as unreadable at any ratio."""
        scale = scale if scale > 0 else 1.0
        return cls(sha256, (max(1, round(box[0] * scale)), max(1, round(box[1] * scale))),
                   style, scale)


@dataclass(frozen=True)
class RenderResult:
    image: QImage | None
    reason: str = ""
    final: bool = True  # False: the bytes are not here yet; ask again when they arrive
    caption: str = ""  # storyboards say what they are ("Video: 12 frames · muted")
    never_rendered: bool = False  # the renderer refused: the category is never rendered

    @classmethod
    def of(cls, media: RenderedMedia, scale: float = 1.0) -> "RenderResult":
        """Pixels become a QImage here, in the pool, so the UI thread only paints. The image
        carries its device pixel ratio, so a painter draws it at its logical size."""
        image = to_qimage(media.image) if media.image is not None else None
        if image is not None:
            image.setDevicePixelRatio(scale)
        return cls(image, media.reason, final=not media.waiting, caption=media.caption,
                   never_rendered=media.never_rendered)


class MediaService(QObject):
    rendered = Signal(object, object)  # RenderKey, RenderResult — emitted on the UI thread

    _finished = Signal(object, object)  # from pool threads; queued onto the UI thread

    def __init__(self, store_path: Path, workers: int = 2, cache_bytes: int = CACHE_BYTES,
                 parent=None, policy_name: Callable[[str], str] | None = None):
        super().__init__(parent)
        self._store_path = store_path
        # What every tile it serves calls a policy, in what it knows of an item without
        # looking (earlier decisions on the same picture): the title of its policy document.
        self.policy_name = policy_name
        self._renderer = MediaRenderer()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="decode")
        self._local = threading.local()
        # Touched on the UI thread only, so it needs no lock.
        self._results: BytesLru[RenderKey, RenderResult] = BytesLru(_bytes_of, cache_bytes)
        self._in_flight: set[RenderKey] = set()  # submitted or queued ahead
        # Renders ahead (the next cases') wait here and go to the pool one at a time, so a
        # worker is always free for what is on screen: the pool takes jobs first come, and a
        # case shown before its renders ahead finished waited behind all of them.
        self._ahead: deque[RenderKey] = deque()
        self._ahead_running = 0
        self._closed = False
        self._finished.connect(self._store_result)

    def result(self, key: RenderKey) -> RenderResult | None:
        """A finished render, or None after queueing one (`rendered` fires when it is done).
        A refusal needs no bytes and no decode, so the renderer's answer comes back at once."""
        kept = self._results.get(key)
        if kept is not None:
            return kept
        refused = self._renderer.refusal(key.style)
        if refused is None:
            self.request(key)
            return None
        kept = RenderResult.of(refused)
        self._results.put(key, kept)
        return kept

    def request(self, key: RenderKey, ahead: bool = False) -> None:
        """`ahead`: for a case not on screen yet; it waits for a free worker."""
        if key in self._results or self._closed:
            return
        if key in self._in_flight:
            if not ahead and key in self._ahead:  # wanted on screen now: no more waiting
                self._ahead.remove(key)
                self._pool.submit(self._render, key, False)
            return
        self._in_flight.add(key)
        if ahead:
            self._ahead.append(key)
            self._feed_ahead()
        else:
            self._pool.submit(self._render, key, False)

    def _feed_ahead(self) -> None:
        while self._ahead and self._ahead_running < 1 and not self._closed:
            self._ahead_running += 1
            self._pool.submit(self._render, self._ahead.popleft(), True)

    def idle(self) -> bool:
        return not self._in_flight

    def shutdown(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=False, cancel_futures=True)

    # --- pool side ------------------------------------------------------------------------
    def _render(self, key: RenderKey, ahead: bool) -> None:
        load = lambda: self._cache().media_bytes(key.sha256)  # noqa: E731
        kept = lambda mode: kept_small(self._small(), key.sha256, mode)  # noqa: E731
        try:
            media = self._renderer.render_from(key.sha256, load, key.box, key.style, kept)
            result = RenderResult.of(media, key.scale)
        except Exception as exc:  # never let one bad file take the viewer down
            result = RenderResult(None, tr("Cannot be displayed: {error}").format(
                error=type(exc).__name__))
        self._finished.emit(key, (result, ahead))
        if result.image is not None and not self._closed:
            # The blurred and reduced stages decode small; with the reduced stage held, real
            # pixels are one key away, so their decode is made now, after this render is on
            # its way (the renderer does nothing for any other stage).
            try:
                self._renderer.prepare_real_pixels(key.sha256, load, key.box, key.style)
            except Exception:  # noqa: BLE001 -- a warm-up only: the render that asks reports
                pass

    def _cache(self) -> CaseCache:
        if not hasattr(self._local, "cache"):  # one store connection per pool thread
            self._local.cache = CaseCache(open_store(self._store_path))
        return self._local.cache

    def _small(self) -> SmallMedia:
        if not hasattr(self._local, "small"):  # the thread's store connection, as `_cache`'s
            self._local.small = SmallMedia(self._cache().db)
        return self._local.small

    # --- UI side --------------------------------------------------------------------------
    def _store_result(self, key: RenderKey, done: tuple[RenderResult, bool]) -> None:
        result, ahead = done
        self._in_flight.discard(key)
        if ahead:
            self._ahead_running -= 1
            self._feed_ahead()
        if result.final:
            self._results.put(key, result)
        self.rendered.emit(key, result)


def _bytes_of(result: RenderResult) -> int:
    return result.image.sizeInBytes() if result.image is not None else 0
