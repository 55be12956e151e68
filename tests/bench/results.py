"""Benchmark figures: one shared `bench-results.json` in the repo root, and a printed table.

Each benchmark replaces only the entries it measured, so several benchmarks can share the file.
Every target is an upper bound (latency, time, memory): a figure passes when it is at or below.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

FRAME_MS = 1000 / 60  # one 60 Hz frame, the budget the latency targets are stated in
RESULTS_PATH = Path(__file__).resolve().parents[2] / "bench-results.json"


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    target: float | None = None
    per_frame: bool = False  # print the value as a multiple of one 60 Hz frame

    def to_json(self) -> dict:
        return {"name": self.name, "value": round(self.value, 3), "unit": self.unit,
                "target": None if self.target is None else round(self.target, 3)}

    def verdict(self) -> str:
        if self.target is None:
            return "—"
        return "PASS" if self.value <= self.target else "FAIL"


def save(figures: list[Figure], path: Path = RESULTS_PATH) -> None:
    """Replace entries of the same name, keep everything else other benchmarks wrote."""
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        kept = kept if isinstance(kept, list) else []
    except (OSError, ValueError):
        kept = []
    ours = {f.name for f in figures}
    merged = [e for e in kept if isinstance(e, dict) and e.get("name") not in ours]
    merged += [f.to_json() for f in figures]
    path.write_text(json.dumps(merged, indent=2) + "\n", encoding="utf-8")


def table(figures: list[Figure]) -> str:
    rows = [("name", "value", "unit", "target", "× 60 Hz frame", "result")]
    for f in figures:
        rows.append((
            f.name, f"{f.value:.2f}", f.unit, "—" if f.target is None else f"{f.target:.2f}",
            f"{f.value / FRAME_MS:.2f}" if f.per_frame else "", f.verdict(),
        ))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
