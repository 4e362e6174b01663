"""``skillmatch jd``: draft (and lint) job descriptions from the command line.

A thin skin over :mod:`skillmatch.jd`; registered on the main group with ``cli.add_command(jd)``.
The library is imported inside the commands, so ``skillmatch --help`` stays fast.
"""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def jd() -> None:
    """Draft job descriptions that read as the level they name."""


@jd.command("draft")
@click.option("--level", required=True, metavar="LEVEL", help="analyst, manager, director or vp.")
@click.option("--title", help="Job title (default: the level's name on the ladder).")
@click.option("--company", help='Hiring organization (default: "Your company").')
@click.option("--location", help='Where the job is: "Austin, TX", "Toronto, ON, Canada".')
@click.option("--remote", is_flag=True, help="The job can be done remotely from anywhere in the U.S.")
@click.option("--pay", help='Pay to state instead of the level\'s band, e.g. "$100K-$120K".')
@click.option("--skill", "skills", multiple=True, metavar="ID",
              help="Extra skill id to require (repeatable; see `skillmatch taxonomy show`).")
@click.option("--date", "date_posted", metavar="YYYY-MM-DD", help="Date posted (default: today).")
@click.option("--format", "fmt", type=click.Choice(["md", "jsonld", "html"]), default="md", show_default=True,
              help="Markdown, the schema.org JobPosting as JSON-LD, or an HTML page with both.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
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
      skillmatch jd draft --level analyst --pay "$60K-$75K" --skill sql --format html -o jd.html
    """
    from .cli import CLIError
    from .errors import SkillmatchError
    from .jd import draft_jd, render_html
    from .taxonomy import load_ladder, load_taxonomy

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
    if output:
        output.write_text(rendered, encoding="utf-8")
    else:
        sys.stdout.write(rendered)


# `skillmatch jd lint` goes here (added by the lead): @jd.command("lint") over skillmatch.jd.lint_jd.
