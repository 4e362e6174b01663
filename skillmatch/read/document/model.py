"""A read resume: numbered :class:`Line` objects with their page and section, and the :class:`Document`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from skillmatch.read.employment import (
    EmploymentRange,
    years_of_experience,
)


@dataclass(frozen=True)
class Line:
    """One line of a document.

    Args:
        number: 1-based; line ``k`` is ``Document.text.splitlines()[k - 1]``.
        text: the line verbatim, trailing whitespace removed.
        page: the PDF page (1-based) the line is on; None for other kinds.
        section: the normalized section id ("experience", "skills", ...) the line is in, None
            before the first heading.
    """

    number: int
    text: str
    page: int | None
    section: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "text": self.text, "page": self.page, "section": self.section}


@dataclass(frozen=True)
class Document:
    """A resume read into numbered lines.

    Args:
        text: ``"\\n".join(line.text for line in lines)``.
        lines: every line, in reading order.
        kind: "pdf", "docx", "txt", "md" or "json_resume".
        name: the file name (no directories), if known.
        employment: the employment date ranges, in document order.
    """

    text: str
    lines: tuple[Line, ...]
    kind: str
    name: str | None
    employment: tuple[EmploymentRange, ...]

    @property
    def years_experience(self) -> float | None:
        """Years covered by the employment ranges (overlaps merged, present = today), or None."""
        return years_of_experience(self.employment)

    @property
    def sections(self) -> tuple[str, ...]:
        """The section ids that occur, in document order."""
        return tuple(s for s in dict.fromkeys(line.section for line in self.lines) if s is not None)

    def lines_in(self, section: str) -> tuple[Line, ...]:
        """The lines of one section (by id), in order."""
        return tuple(line for line in self.lines if line.section == section)

    def to_dict(self) -> dict[str, Any]:
        """A summary fit for reports and logs: no text from the document except the date texts."""
        return {
            "kind": self.kind,
            "name": self.name,
            "line_count": len(self.lines),
            "sections": list(self.sections),
            "employment": [r.to_dict() for r in self.employment],
            "years_experience": self.years_experience,
        }
