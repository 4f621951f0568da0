"""Running one of the offline commands (``python -m govkg.ingest.calibrate`` and the like)."""
from __future__ import annotations

import os
import sys
from collections.abc import Callable


def run(main: Callable[[], None]) -> None:
    """Run ``main``; a reader that stops early (``| head``) ends the command quietly, not with a
    traceback: Python's own advice is to point stdout at devnull so that the flush at exit is silent."""
    try:
        main()
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
