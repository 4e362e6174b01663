"""The database file itself: a damaged one refused in one line, a scoring run's owner still alive or not."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import DataError, InputError

if TYPE_CHECKING:
    pass



def _pid_alive(pid: int | None) -> bool:
    """Whether process ``pid`` of this machine still runs (a zombie does not)."""
    if not pid:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            state = f.read().rsplit(b")", 1)[-1].split()[0]
        return state not in (b"Z", b"X")
    except (OSError, IndexError):
        return True


def damaged_message(path: str | os.PathLike[str], problem: object) -> str:
    """One line for a listings database SQLite cannot read."""
    return (f"the listings database {path} is damaged ({' '.join(str(problem).split())}): restore it from a "
            "backup, or import the listings again into a new file")


def _check_file(target: Path, *, create: bool) -> None:
    """Refuse what SQLite would silently turn into a new, empty database."""
    if target.is_dir():
        raise InputError(f"{target} is a folder; give the database file, e.g. {target / 'skillmatch.db'}")
    if not target.exists():
        if not create:
            raise DataError(f"no listings database at {target}: check the path, or create one with "
                            f"`skillmatch listings import ... --db {target}`")
        return
    wal = Path(str(target) + "-wal")
    if target.stat().st_size == 0 and not (wal.exists() and wal.stat().st_size > 0):
        raise DataError(f"{target} is an empty file (0 bytes), not a listings database: remove it, or give "
                        "another --db")
