"""`python -m ui`: the same command line as `reviewer-workstation` (see ui/cli.py). Also the
PyInstaller bundle's entry script (packaging/reviewer-workstation.spec)."""

import multiprocessing
import sys

from ui.cli import main

# In the bundle, `serve --workers N` starts its workers by running this program again; this
# lets such a child be a worker instead of parsing the worker's arguments as a command line.
# Outside a frozen program it does nothing.
multiprocessing.freeze_support()
sys.exit(main())
