"""``skillmatch jd``: draft and lint job descriptions from the command line.

A thin skin over :mod:`skillmatch.jd.draft` and :mod:`skillmatch.jd.lint`; registered on the main group with
``cli.add_command(jd)``. The library is imported inside the commands, so ``skillmatch --help`` stays fast.
"""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def jd() -> None:
    """Draft job descriptions that read as the level they name, and lint any JD line by line."""


@jd.command("draft")
@click.option("--level", required=True, metavar="LEVEL", help="analyst, manager, director or vp.")
@click.option("--title", help="Job title (default: the level's name on the ladder).")
@click.option("--company", help='Hiring organization (required with --format jsonld; else "Your company").')
@click.option("--location", help='Where the job is: "Austin, TX", "Toronto, ON, Canada".')
@click.option("--remote", is_flag=True, help="The job can be done remotely from anywhere in the U.S.")
@click.option("--pay", help="Pay to state instead of the level's band, e.g. '$100K-$120K' (single quotes: the "
                            "shell expands $1 in double quotes).")
@click.option("--skill", "skills", multiple=True, metavar="ID",
              help="Extra skill id to require (repeatable; see `skillmatch taxonomy show`).")
@click.option("--date", "date_posted", metavar="YYYY-MM-DD", help="Date posted (default: today).")
@click.option("--format", "fmt", type=click.Choice(["md", "jsonld", "html"]), default="md", show_default=True,
              help="Markdown, the schema.org JobPosting as JSON-LD, or an HTML page with both.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write to this file instead of stdout.")
@click.option("--ladder", "ladder_path", type=click.Path(dir_okay=False),
              help="Ladder YAML to use instead of the bundled one.")
@click.option("--taxonomy", "taxonomy_path", type=click.Path(dir_okay=False),
              help="Taxonomy YAML to use instead of the bundled one.")
def draft(level: str, title: str | None, company: str | None, location: str | None, remote: bool,
          pay: str | None, skills: tuple[str, ...], date_posted: str | None, fmt: str, output: Path | None,
          ladder_path: str | None, taxonomy_path: str | None) -> None:
    """Draft a job description for one level of the ladder.

    The scope, responsibilities, what the role does not own yet, years, skills and pay band all come
    from the ladder and taxonomy, so the draft reads as the level it names.

    \b
    Examples:
      skillmatch jd draft --level manager
      skillmatch jd draft --level director --company Acme --remote --format jsonld
      skillmatch jd draft --level analyst --pay '$60K-$75K' --skill sql --format html -o jd.html
    """
    from ..errors import SkillmatchError
    from ..jd.draft import draft_jd, render_html
    from ..taxonomy import load_ladder, load_taxonomy
    from .common import check_output, write_output
    from .errors import CLIError

    check_output(output)
    if fmt == "jsonld" and not (company and company.strip()):
        # a JobPosting names its employer: never publish the placeholder "Your company" as one
        raise CLIError("--format jsonld needs --company: a JobPosting names its hiring organization")
    posted = None
    if date_posted is not None:
        try:
            posted = datetime.date.fromisoformat(date_posted)
        except ValueError:
            raise CLIError(f"--date must be YYYY-MM-DD, got {date_posted!r}") from None
    try:
        result = draft_jd(level, title=title, company=company, location=location, remote=remote, pay=pay,
                          skills=skills, date_posted=posted, ladder=load_ladder(ladder_path),
                          taxonomy=load_taxonomy(taxonomy_path))
    except SkillmatchError as e:
        message = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise CLIError(message) from None
    if fmt == "jsonld":
        rendered = json.dumps(result.jsonld, indent=2, ensure_ascii=False) + "\n"
    elif fmt == "html":
        rendered = render_html(result)
    else:
        rendered = result.markdown
    write_output(rendered, output)


MAX_LINT_BYTES = 1024 * 1024
_PACKAGES = (b"%PDF", b"PK\x03\x04")  # a PDF or a DOCX: read with the resume readers


def _read_packaged(raw: bytes, name: str) -> str:
    """The text of a PDF or DOCX JD, read as a resume is (its wrapped lines rebuilt into sentences)."""
    from ..errors import InputError
    from ..read.document import DEFAULT_MAX_SIZE, read_document
    from .errors import CLIError

    try:
        return read_document(raw, name=Path(name).name, max_size=DEFAULT_MAX_SIZE).text
    except InputError as e:
        raise CLIError(f"{name}: {str(e).splitlines()[0]}") from None


def _read_jd(path: str) -> str:
    """The JD text of FILE or stdin ("-"): text, or a PDF or DOCX; bad input raises CLIError (one line, exit 2)."""
    from ..read.document import DEFAULT_MAX_SIZE
    from .errors import CLIError

    if path == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # pragma: no cover - stdin replaced by a text-only stream
            raw = sys.stdin.read(MAX_LINT_BYTES + 1).encode("utf-8")
        else:
            raw = stream.read(MAX_LINT_BYTES + 1)
            if raw.startswith(_PACKAGES):
                raw += stream.read(DEFAULT_MAX_SIZE - len(raw) + 1)
        name = "stdin"
    else:
        file = Path(path)
        if not file.exists():
            raise CLIError(f"{path}: no such file")
        if not file.is_file():
            raise CLIError(f"{path}: not a file")
        try:
            with file.open("rb") as f:
                raw = f.read(MAX_LINT_BYTES + 1)
                if raw.startswith(_PACKAGES):
                    raw += f.read(DEFAULT_MAX_SIZE - len(raw) + 1)
        except OSError as e:
            raise CLIError(f"{path}: cannot read: {e.strerror or e}") from None
        name = path
    if raw.startswith(_PACKAGES) or Path(name).suffix.lower() in (".pdf", ".docx"):
        return _read_packaged(raw, name)  # a .pdf or .docx that is not one gets the reader's own message
    if len(raw) > MAX_LINT_BYTES:
        raise CLIError(f"{name}: larger than {MAX_LINT_BYTES // 1024} KB; a job description is a few KB of text")
    if b"\x00" in raw:
        raise CLIError(f"{name}: a binary file, not text; save the job description as .md or .txt")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CLIError(f"{name}: not UTF-8 text; save the job description as UTF-8 .md or .txt") from None
    if not text.strip():
        raise CLIError(f"{name}: empty; nothing to lint")
    return text


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _lint_text(result: object, source: str) -> str:
    """A readable listing: each line read with its level, findings beside their lines, a summary."""
    from ..jd.lint import JDLint

    assert isinstance(result, JDLint)
    est = result.level
    probs = "  ".join(f"{k} {v:.0%}" for k, v in est.probabilities.items())
    out = [f"{source}: {result.title or '(no title)'}"]
    out.append(f"  title level:   {result.title_level or '-'}")
    out.append(f"  content level: {est.level} ({est.confidence:.0%})   [{probs}]")
    out.append(f"  held to:       {result.reference_level}")
    if result.years is not None:
        out.append(f"  years asked:   {result.years.text}")
    if result.pay is not None:
        out.append(f"  pay stated:    {result.pay.text}")
    out.append("")
    by_line: dict[int, list[object]] = {}
    for f in result.findings:
        if f.line is not None:
            by_line.setdefault(f.line, [])
    read = {line.line: line for line in result.lines}
    numbers = sorted(set(read) | set(by_line))
    width = max([len(str(n)) for n in numbers] + [2])
    for n in numbers:
        if n in read:
            line = read[n]
            out.append(f"{n:>{width}}  {line.level:<8} {line.confidence:>4.0%}  {line.text.strip()}")
        else:
            text = next((f.text for f in result.findings if f.line == n and f.text), "")
            out.append(f"{n:>{width}}  {'':<8} {'':>4}  {(text or '').strip()}")
        for f in result.findings:
            if f.line == n:
                out.append(f"{'':>{width}}  ^ {f.severity}: {f.code}: {f.message}")
    document = [f for f in result.findings if f.line is None]
    if document:
        out += ["", "Whole document:"]
        for f in document:
            out.append(f"  {f.severity}: {f.code}: {f.message}")
    counts = result.counts()
    read_levels = ", ".join(f"{lvl} {sum(1 for x in result.lines if x.level == lvl)}"
                            for lvl in est.probabilities)
    summary = ", ".join(_plural(counts[s], s) for s in ("error", "warning")) + f", {counts['info']} info"
    out += ["", f"{summary}; {_plural(len(result.lines), 'line')} read ({read_levels})"]
    return "\n".join(out) + "\n"


@jd.command("lint")
@click.argument("file", metavar="FILE|-")
@click.option("--title", help="Job title (default: the first line, when it is a heading or a short line).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="A readable listing, or the lint as JSON.")
@click.option("--ladder", "ladder_path", type=click.Path(dir_okay=False),
              help="Ladder YAML to use instead of the bundled one.")
@click.option("--taxonomy", "taxonomy_path", type=click.Path(dir_okay=False),
              help="Taxonomy YAML to use instead of the bundled one.")
@click.pass_context
def lint(ctx: click.Context, file: str, title: str | None, fmt: str, ladder_path: str | None,
         taxonomy_path: str | None) -> None:
    """Lint a job description: the level each line describes, and what disagrees.

    Reads FILE (Markdown or plain text in UTF-8, a PDF or a DOCX) or stdin with "-". Flags a title whose level the
    content does not support, duties above or below the level, what the level does not own yet,
    years and pay outside the level's range, and the skills of the level it never asks for.

    Exit status: 0 with no error findings, 1 with errors, 2 on bad input.

    \b
    Examples:
      skillmatch jd lint job.md
      skillmatch jd lint job.txt --title "Sales Operations Manager" --format json
      skillmatch jd draft --level analyst | skillmatch jd lint -
    """
    from ..errors import SkillmatchError
    from ..jd.lint import lint_jd
    from ..taxonomy import load_ladder, load_taxonomy
    from .common import loading_models
    from .errors import CLIError

    text = _read_jd(file)
    if title is not None and not title.strip():
        raise CLIError("--title is empty")
    loading_models()
    try:
        result = lint_jd(text, title=title, ladder=load_ladder(ladder_path), taxonomy=load_taxonomy(taxonomy_path))
    except SkillmatchError as e:
        message = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise CLIError(message) from None
    if fmt == "json":
        sys.stdout.write(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(_lint_text(result, "stdin" if file == "-" else file))
    if result.errors:
        ctx.exit(1)
