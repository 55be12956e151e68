"""`python -m ui`: the same command line as `reviewer-workstation` (see ui/cli.py)."""

import sys

from ui.cli import main

sys.exit(main())
