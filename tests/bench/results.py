"""Benchmark figures: one shared `bench-results.json` in the repo root, and a printed table.

Each benchmark replaces only the entries it measured, so several benchmarks can share the file.
A target is an upper bound (latency, time, memory) unless the figure says `better="higher"`
(rates, ratios to a bare loop): then it passes at or above.

Nothing may get slower unnoticed: `bench-baseline.json` keeps the figures of the last landed
run (`python -m tests.bench --save-baseline` after a change that is meant to move them); every
run prints each figure beside its baseline and flags those more than 20% worse.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

FRAME_MS = 1000 / 60  # one 60 Hz frame, the budget the latency targets are stated in
RESULTS_PATH = Path(__file__).resolve().parents[2] / "bench-results.json"
BASELINE_PATH = RESULTS_PATH.with_name("bench-baseline.json")
WORSE_BY = 0.20  # more than this much worse than the baseline is flagged


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    target: float | None = None
    per_frame: bool = False  # print the value as a multiple of one 60 Hz frame
    better: str = "lower"  # "higher" for rates and speed-ups

    def to_json(self) -> dict:
        entry = {"name": self.name, "value": round(self.value, 3), "unit": self.unit,
                 "target": None if self.target is None else round(self.target, 3)}
        if self.better != "lower":
            entry["better"] = self.better
        return entry

    def verdict(self) -> str:
        if self.target is None:
            return "—"
        met = self.value >= self.target if self.better == "higher" else self.value <= self.target
        return "PASS" if met else "FAIL"

    def change(self, baseline: float | None) -> float | None:
        """How much worse than the baseline, as a share (0.25: 25% worse; negative: better)."""
        if baseline is None or baseline == 0:
            return None
        if self.better == "higher":
            return (baseline - self.value) / abs(baseline)
        return (self.value - baseline) / abs(baseline)


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


def load_baseline(path: Path = BASELINE_PATH) -> dict[str, float]:
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {e["name"]: float(e["value"]) for e in entries if isinstance(e, dict)
            and isinstance(e.get("name"), str) and isinstance(e.get("value"), (int, float))}


def worse_than_baseline(figures: list[Figure], baseline: dict[str, float]) -> list[Figure]:
    return [f for f in figures if (c := f.change(baseline.get(f.name))) is not None
            and c > WORSE_BY]


def _change_text(change: float | None) -> str:
    if change is None:
        return ""
    if change <= 0:
        return f"{-change:.0%} better"
    return f"{change:.0%} worse" + ("  ← WORSE" if change > WORSE_BY else "")


def table(figures: list[Figure], baseline: dict[str, float] | None = None) -> str:
    baseline = baseline or {}
    rows = [("name", "value", "unit", "target", "× 60 Hz frame", "result", "baseline",
             "change")]
    for f in figures:
        before, change = baseline.get(f.name), f.change(baseline.get(f.name))
        rows.append((
            f.name, f"{f.value:.2f}", f.unit,
            "—" if f.target is None else ("≥ " if f.better == "higher" else "") + f"{f.target:.2f}",
            f"{f.value / FRAME_MS:.2f}" if f.per_frame else "", f.verdict(),
            "—" if before is None else f"{before:.2f}", _change_text(change),
        ))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
