"""Writing a file the user names, so that a crash or an error never leaves it half-written, and what the
name points at is respected: a symlink keeps pointing at its (rewritten) target, a device or a FIFO is
written in place (never replaced by a regular file), and `-` is standard output."""
from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

STDOUT = "-"
_TEMP_MARK = ".tmp-"


def temp_name(target: Path, pid: int) -> Path:
    return target.with_name(f".{target.name}{_TEMP_MARK}{pid}")


@contextmanager
def replacing(target: Path | str) -> Iterator[Path]:
    """A temporary path to write to, by any means (SQLite, open(), a Qt writer), then delivered to `target`.

    A regular file (or a new one) is replaced in one step: the temporary file sits beside it and is
    fsynced, then renamed over it. A symlink is followed, so its target is what gets replaced. A device
    or FIFO (/dev/null, a named pipe) is written in place, and `-` means standard output: the
    temporary file then lives in the system's temp folder and is copied out once complete. When the
    block raises, the temporary file (and a SQLite journal beside it) is removed and `target` is left
    as it was.
    """
    destination = None if str(target) == STDOUT else Path(os.path.realpath(target))
    in_place = destination is None or _is_special(destination)
    if in_place:
        handle, name = tempfile.mkstemp(prefix=".drugref-", suffix=_TEMP_MARK + str(os.getpid()))
        os.close(handle)
        temp = Path(name)
    else:
        remove_stale_temps(destination)
        temp = temp_name(destination, os.getpid())
        _remove(temp)
    try:
        yield temp
        if in_place:
            _copy_out(temp, destination)
        else:
            with open(temp, "rb") as written:
                os.fsync(written.fileno())
            os.replace(temp, destination)
    finally:
        _remove(temp)


def write_bytes(target: Path | str, data: bytes) -> None:
    with replacing(target) as temp:
        temp.write_bytes(data)


def remove_stale_temps(target: Path) -> list[Path]:
    """Remove the temporary files a killed writer left beside `target` (`.NAME.tmp-PID`, and SQLite's
    `-journal` of one) whose process is gone; a live writer's are left alone. Returns what was removed."""
    removed = []
    prefix = f".{target.name}{_TEMP_MARK}"
    try:
        siblings = list(target.parent.iterdir())
    except OSError:
        return removed
    for path in siblings:
        pid = path.name[len(prefix):].removesuffix("-journal") if path.name.startswith(prefix) else ""
        if pid.isdigit() and not _alive(int(pid)):
            _remove(path)
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def _is_special(path: Path) -> bool:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _copy_out(temp: Path, destination: Path | None) -> None:
    with open(temp, "rb") as source:
        if destination is None:
            sys.stdout.flush()
            shutil.copyfileobj(source, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            with open(destination, "wb") as device:
                shutil.copyfileobj(source, device)


def _remove(temp: Path) -> None:
    for path in (temp, temp.with_name(temp.name + "-journal")):
        path.unlink(missing_ok=True)
