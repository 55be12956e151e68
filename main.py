"""The checkout's entry point for `make run` and `python main.py ...`: everything lives in
ui/cli.py, which the installed `reviewer-workstation` command and `python -m ui` run too."""

import sys

from ui.cli import EXIT_USAGE, build_parser, main  # noqa: F401  (tests and callers use these)

if __name__ == "__main__":
    sys.exit(main())
