"""The exceptions skillmatch raises. Callers catch :class:`SkillmatchError`."""

from __future__ import annotations


class SkillmatchError(Exception):
    """Base of every error the library raises on bad input, bad data or a missing model."""


class InputError(SkillmatchError):
    """A document or listing that cannot be read: unsupported, empty, corrupt, too large."""


class TooLargeError(InputError):
    """A document with more than a resume holds: pages, characters, paragraphs (the web's 413)."""


class TooComplexError(InputError):
    """A document that would take more work to read than its budget: content-stream operators, text-show
    items or reading time (the web's 422). Checked while reading, so it is refused within the budget."""


class DeadlineExceeded(SkillmatchError):
    """Work that ran past the deadline its caller set (:func:`skillmatch.budget.deadline`) and stopped.

    Not an :class:`InputError`: the same file may finish on a less busy server (the web's 503)."""


class DataError(SkillmatchError):
    """A taxonomy, ladder or backgrounds file that does not validate."""


class ModelError(SkillmatchError):
    """A model package that is not installed or cannot be loaded."""
