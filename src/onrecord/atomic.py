"""Atomic file output: write to a temporary file beside the target, rename on success.

A failure or an interrupt leaves no half-written file (and no temporary file) behind. A target that exists and
is not a regular file (``/dev/stdout``, ``/dev/null``, a named pipe) is written directly: replacing it would
put a plain file in its place. A folder that refuses the write is a one-line :class:`InputError`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import IO, Iterator

from .errors import InputError


@contextlib.contextmanager
def atomic_open(path: Path | str, mode: str = "w", *, make_parents: bool = True) -> Iterator[IO]:
    """Open ``path`` for writing through a temporary file that replaces it when the block succeeds.

    ``mode`` is "w" (UTF-8 text, "\\n" line endings untranslated) or "wb". With ``make_parents=False``
    a missing folder is a one-line :class:`InputError` (for paths a user typed).
    """
    if mode not in ("w", "wb"):
        raise ValueError("mode must be 'w' or 'wb'")
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a file name")
    kwargs = {} if mode == "wb" else {"encoding": "utf-8", "newline": ""}
    if path.exists() and not stat.S_ISREG(path.stat().st_mode):  # a device or a pipe: written, never replaced
        with cannot_write(path), open(path, mode, **kwargs) as f:
            yield f
        return
    parent = path.parent
    with cannot_write(path):
        if make_parents:
            parent.mkdir(parents=True, exist_ok=True)
        elif not parent.is_dir():
            raise InputError(f"{path}: folder {parent} does not exist")
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=parent)
    try:
        with os.fdopen(fd, mode, **kwargs) as f:
            yield f
        with cannot_write(path):
            os.chmod(tmp, 0o644)  # mkstemp creates 0600; outputs and artifacts are meant to be shared
            os.replace(tmp, path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(err, OSError) and err.errno in _DISK_ERRORS:
            raise InputError(f"{path}: cannot write ({err.strerror})") from None
        raise


_DISK_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG}


@contextlib.contextmanager
def cannot_write(path: Path) -> Iterator[None]:
    """OSErrors of creating, opening or renaming the output -> one line naming ``path``."""
    try:
        yield
    except OSError as err:
        raise InputError(f"{path}: cannot write ({err.strerror or err})") from None


def write_text(path: Path | str, text: str) -> None:
    """Write UTF-8 ``text`` to ``path`` atomically."""
    with atomic_open(path, "w") as f:
        f.write(text)


def write_bytes(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_open(path, "wb") as f:
        f.write(data)


def check_output_path(out: Path, option: str) -> None:
    """An output file name a user typed: not a folder, in a folder that exists and takes a new file (checked
    before any work, so that minutes of it are not lost to a typo or a read-only folder)."""
    if out.is_dir():
        raise InputError(f"{out}: is a directory, not a file name ({option})")
    if not out.parent.is_dir():
        raise InputError(f"{out}: folder {out.parent} does not exist ({option})")
    if out.exists() and not stat.S_ISREG(out.stat().st_mode):
        return  # a device or a pipe (/dev/null, /dev/stdout): written in place, as atomic_open does
    try:  # the output is written next to itself and renamed: the folder must take a new file
        with tempfile.TemporaryFile(dir=out.parent):
            pass
    except OSError as err:
        raise InputError(f"{out}: cannot write in folder {out.parent} ({err.strerror or err}) ({option})") from None


def refuse_input_as_output(out: Path | None, *others: Path | None, option: str = "--out") -> None:
    """A one-line error when ``out`` names the same file as one of ``others`` (an input, or another output of the
    same command): writing it would destroy that file."""
    if out is None:
        return
    for other in others:
        if other is None:
            continue
        same = (os.path.samefile(out, other) if out.exists() and other.exists()
                else out.resolve() == other.resolve())
        if same:
            raise InputError(f"{out}: is also an input or output here; choose another {option}")
