"""Errors users see: one clear line each, never a traceback."""

from __future__ import annotations


class OnrecordError(Exception):
    """Base class for every error onrecord reports to a user as one line."""


class InputError(OnrecordError, ValueError):
    """The input can't be read as an article (empty, binary, too large, unreachable …)."""


class FetchError(InputError):
    """A URL was refused or could not be fetched."""


class WorkerError(OnrecordError, RuntimeError):
    """A worker process of a parallel run died (killed, out of memory …); the run stops instead of waiting."""
