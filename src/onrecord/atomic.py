"""Atomic file output: write to a temporary file beside the target, rename on success.

A failure or an interrupt leaves no half-written file (and no temporary file) behind.
"""

from __future__ import annotations

import contextlib
import os
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
    parent = path.parent
    if make_parents:
        parent.mkdir(parents=True, exist_ok=True)
    elif not parent.is_dir():
        raise InputError(f"{path}: folder {parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=parent)
    try:
        kwargs = {} if mode == "wb" else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, mode, **kwargs) as f:
            yield f
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; outputs and artifacts are meant to be shared
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_text(path: Path | str, text: str) -> None:
    """Write UTF-8 ``text`` to ``path`` atomically."""
    with atomic_open(path, "w") as f:
        f.write(text)


def write_bytes(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_open(path, "wb") as f:
        f.write(data)


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
