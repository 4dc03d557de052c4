"""Writing a file so that a crash or an error never leaves it half-written."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A temporary path beside `target` to write to, by any means (SQLite, QPdfWriter, open()).

    When the block ends normally the file is flushed to disk and renamed over `target` in one step;
    when it raises, the temporary file is removed and `target` is left as it was.
    """
    target = Path(target)
    temp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    temp.unlink(missing_ok=True)
    try:
        yield temp
        with open(temp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
