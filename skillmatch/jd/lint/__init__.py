"""Lint a job description: the level each line really describes, and what disagrees with what.

:func:`lint_jd` reads a JD (Markdown or plain text) and returns a :class:`JDLint`:

* ``level``: the level of the whole text from its content (:func:`skillmatch.level.infer.infer_level`, with
  the title and every level word removed first, so the title never decides it);
* ``title_level``: the level the title names, if any;
* ``lines``: each responsibility or requirement line (the sections come from
  :func:`skillmatch.nlp.line_kinds`) with the level it describes: its sentences are compared with the
  ladder's per-level statements (what each level does and owns, and what the level below does not own
  yet), all lines in one encoding batch;
* ``findings``: what disagrees, each with a severity, the line and how to fix it.

The level a JD is held to (the *reference* level) is the title's when the title names one, else the
content's. Every threshold, severity and message is in ``data/jd_lint.yaml``."""

from __future__ import annotations

from .checks import expected_skills as expected_skills
from .lines import content_text, find_title
from .model import SEVERITIES, Finding, JDLint, LineLevel
from .run import lint_jd
from .settings import LintSettings, load_lint_settings

__all__ = ["SEVERITIES", "Finding", "JDLint", "LineLevel", "LintSettings", "content_text", "find_title",
           "lint_jd", "load_lint_settings"]
