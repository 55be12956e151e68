"""`make bench`: run every benchmark, print a table, update bench-results.json.

QT_QPA_PLATFORM=offscreen is set by the Makefile; it is defaulted here too so a bare
`python -m tests.bench` does not try to open a display.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Cache keys in a file keyring the benchmark's child processes share (this machine has no OS
# keyring): stores are built sealed and opened as a reviewer's would be, not sealed afresh.
_KEYRING_DIR = tempfile.mkdtemp(prefix="reviewer-bench-keyring-")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "tests.file_keyring.FileKeyring")
os.environ.setdefault("TEST_KEYRING_FILE", os.path.join(_KEYRING_DIR, "keyring.json"))

from PySide6.QtWidgets import QApplication  # noqa: E402 (after the platform is chosen)

from tests.bench import keystrokes, next_case_latency  # noqa: E402
from tests.bench.profiling import ProfiledDecisions  # noqa: E402
from tests.bench.results import (  # noqa: E402
    BASELINE_PATH, RESULTS_PATH, WORSE_BY, load_baseline, save, table, worse_than_baseline)
from ui.app import apply_stylesheet, set_mmap_threshold  # noqa: E402


BENCHMARKS = ("next_case", "keystrokes", "drain", "media", "list100k", "hash_lists",
              "api_load")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench")
    parser.add_argument("--profile", action="store_true",
                        help="cProfile the timed key presses; figures are not saved")
    parser.add_argument("--only", choices=BENCHMARKS, action="append",
                        help="run only this benchmark (repeatable); default: all")
    parser.add_argument("--save-baseline", action="store_true",
                        help="also record these figures as the baseline later runs compare to")
    args = parser.parse_args(argv)
    python_switch_interval = sys.getswitchinterval()
    app = QApplication.instance() or QApplication(["reviewer-bench"])
    apply_stylesheet(app)  # the shipped stylesheet: painting cost depends on it
    profiled = ProfiledDecisions() if args.profile else None
    wanted = args.only or BENCHMARKS
    figures = []
    with tempfile.TemporaryDirectory(prefix="reviewer-bench-") as tmp:
        if "next_case" in wanted:
            figures += next_case_latency.run(Path(tmp), profiled or next_case_latency.time_decision)
        if "keystrokes" in wanted:
            figures += keystrokes.run(Path(tmp) / "keys")
        # The workstation shortens the interpreter's switch interval for its UI thread (ui/app.py);
        # the benchmarks after this point are not the workstation and run at Python's default.
        sys.setswitchinterval(python_switch_interval)
        # Nor at its 128 KB mmap threshold (ui/app.py return_large_blocks): the server's numpy
        # temporaries were then mapped and faulted in anew on every call (hash-list match
        # 1.6 -> 9.5 ms alone). 32 MiB is where glibc's own moving threshold stops.
        set_mmap_threshold(32 * 1024 * 1024)
        # Imported and run only now: the server stack it loads (FastAPI, SQLAlchemy, uvicorn,
        # ~50 MB) must not count in the next-case benchmark's peak_rss.
        if "drain" in wanted:
            from tests.bench import outbox_drain
            figures += outbox_drain.run(Path(tmp) / "drain")
        if "media" in wanted:
            from tests.bench import media_render
            figures += media_render.run(Path(tmp) / "media")
        if "list100k" in wanted:
            from tests.bench import case_list_100k  # a child process: its own peak memory
            figures += case_list_100k.run(Path(tmp) / "list100k")
        if "hash_lists" in wanted:
            from tests.bench import hash_list_match
            figures += hash_list_match.run(Path(tmp) / "hash_lists")
        if "api_load" in wanted:  # the central API in its own processes, last: it loads both cores
            from tests.bench import central_api_load
            figures += central_api_load.run(Path(tmp) / "api_load")
    baseline = load_baseline()
    print(table(figures, baseline))
    worse = worse_than_baseline(figures, baseline)
    if worse:
        print(f"\n{len(worse)} figure(s) more than {WORSE_BY:.0%} worse than {BASELINE_PATH.name}: "
              + ", ".join(f.name for f in worse))
    # Other processes on a 2-core machine move p99 by several ms; say how busy it was.
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\nload average (1, 5, 15 min): {load} on {os.cpu_count()} CPUs")
    if profiled:
        print("\n(profiled run: figures include cProfile overhead and were not saved)\n")
        print(profiled.report())
    else:
        save(figures)
        print(f"\nwritten to {RESULTS_PATH}")
        if args.save_baseline:
            save(figures, BASELINE_PATH)
            print(f"baseline written to {BASELINE_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
