"""Processes as /proc shows them (Linux), for the tests that start real servers and workers."""
from __future__ import annotations

from pathlib import Path


def _stat(pid: int | str) -> list[str]:
    """The fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses):
    [0] the state, [1] the parent's pid, ... [11] utime, [12] stime."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def children(parent: int, *, command: bytes = b"") -> list[int]:
    """The child processes of `parent` whose command line holds `command`, in pid order."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            ppid = int(_stat(proc.name)[1])
            cmdline = (proc / "cmdline").read_bytes() if command else b""
        except (OSError, IndexError):
            continue  # the process ended while we looked
        if ppid == parent and command in cmdline:
            found.append(int(proc.name))
    return sorted(found)


def alive(pid: int) -> bool:
    """Whether the process runs (a zombie, ended but not yet reaped, does not)."""
    try:
        return _stat(pid)[0] not in ("Z", "X")
    except (OSError, IndexError):
        return False


def cpu_ticks(pid: int) -> int:
    """The CPU time a process has used, in clock ticks (user + system)."""
    fields = _stat(pid)
    return int(fields[11]) + int(fields[12])
