"""The exceptions skillmatch raises. Callers catch :class:`SkillmatchError`."""

from __future__ import annotations


class SkillmatchError(Exception):
    """Base of every error the library raises on bad input, bad data or a missing model."""


class InputError(SkillmatchError):
    """A document or listing that cannot be read: unsupported, empty, corrupt, too large."""


class DataError(SkillmatchError):
    """A taxonomy, ladder or backgrounds file that does not validate."""


class ModelError(SkillmatchError):
    """A model package that is not installed or cannot be loaded."""
