"""Writing a post-incident review out: Markdown, or PDF with its chart (incident_pdf.py), from
the window's button or `reviewer-workstation report incident ID --out FILE.pdf|.md`.

The command reads the review from the central API the profile signs in to, or with `--db`
straight from the central API's database (for a lead on the server host). Bad input (an unknown
incident, a file type other than .md or .pdf, no sign-in) is one line and exit status 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from reviewer.context.incident_report import build_document, to_markdown
from reviewer.contract.incidents import IncidentReview

EXIT_USAGE = 2
FORMATS = (".md", ".pdf")


def export_review(review: IncidentReview, path: Path) -> Path:
    """Write `review` to `path` as its suffix says; ValueError for any other suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{path.name}: the review is written as .md or .pdf")
    document = build_document(review)
    if suffix == ".md":
        path.write_text(to_markdown(document), encoding="utf-8")
        return path
    _ensure_application()
    from ui.context.incident_pdf import write_pdf  # Qt widgets: only when a PDF is wanted

    write_pdf(document, path)
    return path


def add_report_command(sub, add_client_options: Callable[[argparse.ArgumentParser], None]) -> None:
    report = sub.add_parser("report", help="write a post-incident review as Markdown or PDF")
    add_client_options(report)
    report.add_argument("kind", choices=("incident",), help="what to report on")
    report.add_argument("id", help="the incident id (inc-...)")
    report.add_argument("--out", type=Path, required=True, help="FILE.md or FILE.pdf")
    report.add_argument("--db", default="",
                        help="read the central API's database (file or URL) instead of the API")


def run_report(args: argparse.Namespace, load: Callable[[], object]) -> int:
    """Load the review (a dict or an IncidentReview) and write it; one line either way."""
    if args.out.suffix.lower() not in FORMATS:
        print(f"error: {args.out.name}: write the review as .md or .pdf", file=sys.stderr)
        return EXIT_USAGE
    try:
        loaded = load()
        review = loaded if isinstance(loaded, IncidentReview) \
            else IncidentReview.model_validate(loaded)
        export_review(review, args.out)
    except Exception as exc:  # unknown incident, refused, unreachable: said in one line
        print(f"error: cannot write the review of {args.id}: {_reason(exc)}", file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote {args.out} (post-incident review of {args.id}, "
          f"{len(review.timeline)} timeline entries)")
    return 0


def _reason(exc: Exception) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict) and body.get("error"):
        return str(body["error"])
    return str(exc) or type(exc).__name__


def _ensure_application() -> None:
    """QtCharts draws with widgets: a QApplication, offscreen when there is no display."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        return
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY")
                                                 or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    QApplication(sys.argv[:1])
