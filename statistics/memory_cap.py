"""A ceiling on the memory one import may take in the task worker.

A spreadsheet that passes the archive checks can still be costly to read (calamine reads a
whole .ods sheet before its first row), and a worker that grows past the machine's memory
is killed with every task it holds. While an import reads its file, the process's address
space may grow by at most `STATISTICS_IMPORT_MEMORY_BYTES` (`RLIMIT_AS`, Linux): past it
Python raises MemoryError, the import fails with a message, and the worker lives on.
"""

import contextlib
import os

try:
    import resource
except ImportError:  # not on Windows: no cap there
    resource = None

STATM = "/proc/self/statm"


def address_space() -> int | None:
    """This process's address space in bytes, or None where it cannot be read."""
    try:
        with open(STATM) as statm:
            pages = int(statm.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


@contextlib.contextmanager
def memory_cap(extra_bytes: int):
    """Within the block, the process may grow by at most `extra_bytes`."""
    current = address_space()
    if resource is None or current is None:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = current + extra_bytes
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
