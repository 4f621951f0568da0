"""Cutting a query worker off the network, below the query engine.

pyoxigraph evaluates ``SERVICE`` by fetching the URL it names and offers no switch to turn that
off. A query worker therefore moves itself into a network namespace of its own, where no
interface is up: any connection it tries, to another host or to 127.0.0.1, fails with
"Network is unreachable", whatever the query text looks like. Linux only; where the kernel
refuses both ways (no privilege, no user namespaces, another system), the worker says so and
the SPARQL guard (``govkg.api.sparql.guard``) is the only defence.
"""
from __future__ import annotations

import ctypes
import os
import sys

CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000


def _unshare(flags: int) -> str:
    """'' on success, else the reason the kernel gave."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.unshare(flags) == 0:
            return ""
        return os.strerror(ctypes.get_errno())
    except (OSError, AttributeError) as exc:       # no libc, or no unshare in it
        return str(exc)


def leave_network() -> str:
    """Move this process into an empty network namespace; '' when done, else why not.

    Root may unshare the network namespace alone; anyone else needs a user namespace with
    it (which leaves file access as it was: the process keeps its own uid on the host). Must
    run while the process has one thread (the kernel refuses a user namespace otherwise)."""
    if not sys.platform.startswith("linux"):
        return f"network namespaces need Linux, not {sys.platform}"
    reason = _unshare(CLONE_NEWNET)
    if not reason:
        return ""
    fallback = _unshare(CLONE_NEWUSER | CLONE_NEWNET)
    return "" if not fallback else f"unshare: {reason}; with a user namespace: {fallback}"
