"""``/jd/draft``: draft a job description for a level; ``/jd/lint``: check a pasted one line by line."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flask import Blueprint, render_template

from skillmatch.errors import InputError

from .errors import FriendlyError
from .forms import JDDraftForm, JDLintForm

if TYPE_CHECKING:
    from skillmatch.jd.lint import JDLint

bp = Blueprint("jd", __name__, url_prefix="/jd")


@bp.route("/draft", methods=["GET", "POST"])
def draft() -> tuple[str, int] | str:
    """The draft form; on POST, the draft as Markdown, copyable JSON-LD and a preview."""
    from skillmatch.jd.draft import draft_jd

    form = JDDraftForm()
    if not form.is_submitted():
        form.level.data = form.level.data or "manager"
        return render_template("jd/draft.html", form=form, result=None, error=None)
    if not form.validate():
        return render_template("jd/draft.html", form=form, result=None, error=None), 400
    try:
        result = draft_jd(form.level.data or "", title=form.title.data or None, company=form.company.data or None,
                          location=form.location.data or None, remote=bool(form.remote.data),
                          pay=form.pay.data or None, skills=form.skills.data or ())
    except InputError as e:
        return render_template("jd/draft.html", form=form, result=None, error=str(e)), 400
    jsonld = json.dumps(result.jsonld, indent=2, ensure_ascii=False)
    return render_template("jd/draft.html", form=form, result=result, jsonld=jsonld, error=None)


@dataclass(frozen=True)
class LintRow:
    """One line of the pasted JD with the level it describes and the findings about it."""

    number: int
    text: str
    kind: str | None
    level: str | None
    confidence: float | None
    findings: tuple[Any, ...]


def lint_rows(text: str, lint: JDLint) -> tuple[list[LintRow], list[Any]]:
    """Each non-empty line with its level and findings, and the findings about no line (the whole JD).

    Args:
        text: the JD as linted.
        lint: what :func:`skillmatch.jd.lint.lint_jd` returned for it.
    """
    by_number = {ll.line: ll for ll in lint.lines}
    findings: dict[int | None, list[Any]] = {}
    for f in lint.findings:
        findings.setdefault(f.line, []).append(f)
    rows = []
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        ll = by_number.get(number)
        if not line.strip() and ll is None and number not in findings:
            continue
        rows.append(LintRow(number, line, getattr(ll, "kind", None), getattr(ll, "level", None),
                            getattr(ll, "confidence", None), tuple(findings.get(number, ()))))
    general = list(findings.get(None, ()))
    # findings that point past the text (should not happen) are shown with the whole-JD ones
    general += [f for n, fs in findings.items() if n is not None and not 1 <= n <= len(lines) for f in fs]
    return rows, general


def run_lint(text: str, title: str | None) -> JDLint:
    """Lint a JD; a friendly 503 when this installation has no linter."""
    try:
        from skillmatch.jd.lint import lint_jd
    except ImportError:
        raise FriendlyError("Checking job descriptions is not available in this installation.", 503) from None
    return lint_jd(text, title=title)


@bp.route("/lint", methods=["GET", "POST"])
def lint() -> tuple[str, int] | str:
    """The lint form; on POST, each line marked with its level and every finding beside its line."""
    form = JDLintForm()
    if not form.is_submitted():
        return render_template("jd/lint.html", form=form, lint=None)
    if not form.validate():
        return render_template("jd/lint.html", form=form, lint=None), 400
    from . import work

    text = (form.text.data or "").replace("\r\n", "\n")
    result = work.run("Checking the job description", run_lint, text, form.title.data or None)
    rows, general = lint_rows(text, result)
    counts = {s: sum(1 for f in result.findings if f.severity == s) for s in ("error", "warning", "info")}
    return render_template("jd/lint.html", form=form, lint=result, rows=rows, general=general, counts=counts)
