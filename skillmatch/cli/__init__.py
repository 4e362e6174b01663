"""The ``skillmatch`` command line: a thin skin over the library.

Heavy modules (spaCy, torch) are imported inside the commands that need them, so ``--help``,
``taxonomy validate`` and input errors stay fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from .. import __version__
from ..errors import SkillmatchError
from .common import analyze_for_cli, check_output, data_options, write_output
from .errors import CLIError, _fail

# The command groups in modules of their own, imported only when one is run (so ``--help`` stays quick):
# name -> (module, attribute, the first sentence of its help, which ``--help`` lists without importing it;
# tests/test_cli.py checks each against the command's own help).
LAZY_COMMANDS: dict[str, tuple[str, str, str]] = {
    "jd": ("jd", "jd",
           "Draft job descriptions that read as the level they name, and lint any JD line by line."),
    "listings": ("listings", "listings", "Keep job listings in a local database: what each level asks for and pays."),
    "plan": ("plan", "plan", "What to do next: a plan from a resume toward a target level."),
    "serve": ("serve", "serve",
              "Serve the web UI: upload a resume, draft and check job descriptions, browse listings."),
}


class _Group(click.Group):
    """The main group: a listings database SQLite cannot read is one line and exit code 2, never a traceback.

    The subcommand groups of :data:`LAZY_COMMANDS` are imported when they are first asked for.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in LAZY_COMMANDS:
            import importlib

            module, attr, _ = LAZY_COMMANDS[cmd_name]
            self.add_command(getattr(importlib.import_module(f"{__name__}.{module}"), attr), cmd_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(n) for n in names)
        rows = []
        for name in names:
            if name in self.commands:
                rows.append((name, self.commands[name].get_short_help_str(limit)))
            else:
                rows.append((name, click.Command(name, help=LAZY_COMMANDS[name][2]).get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        import sqlite3

        try:
            return super().invoke(ctx)
        except sqlite3.DatabaseError as e:
            from ..listings.store import damaged_message

            raise CLIError(damaged_message("given", e).replace("database given", "database")) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="skillmatch")
def cli() -> None:
    """Where a person stands on the sales-operations ladder (Analyst, Manager, Director, VP).

    \b
    Examples:
      skillmatch analyze resume.pdf                 skills, level, gaps and pay band
      skillmatch analyze resume.docx --format json  the same as JSON for other tools
      skillmatch jd draft --level manager           a job description that reads as its level
      skillmatch jd lint my_jd.md                   which level each line describes, what is off
      skillmatch listings import pages/             store saved job pages and ATS payloads
      skillmatch listings score                     level, skills and pay of every stored listing
      skillmatch analyze resume.pdf --db DB         ...compared with the stored listings
      skillmatch serve                              the web UI on http://127.0.0.1:8000
      skillmatch taxonomy show                      the skills skillmatch looks for
    """


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md", "html"]), default="text",
              show_default=True, help="Output format.")
@click.option("--max-size", type=click.FloatRange(min=0.001), default=10.0, show_default=True,
              help="Largest file to read, in MB.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write the report to this file instead of stdout.")
@click.option("--db", "db_path", type=click.Path(path_type=Path),
              help="A listings database (`skillmatch listings`): market pay, gap demand and matching listings.")
@click.option("--include-other", is_flag=True,
              help="With --db: also count listings outside sales ops (engineering, sales reps, ...) in market pay, "
                   "gap demand and matching listings.")
@data_options
def analyze(path: Path, fmt: str, max_size: float, output: Path | None, db_path: Path | None,
            taxonomy_path: str | None, ladder_path: str | None, backgrounds_path: str | None,
            include_other: bool = False) -> None:
    """Analyze a resume (PDF, DOCX, TXT, Markdown or JSON Resume).

    Prints the skills found, each with the resume line that shows it. The resume is read in
    memory and never stored.
    """
    from ..report.render import to_markdown, to_text

    check_output(output)
    report, _ = analyze_for_cli(path, max_size=max_size, db_path=db_path, taxonomy_path=taxonomy_path,
                                ladder_path=ladder_path, backgrounds_path=backgrounds_path, include_other=include_other)
    if fmt == "json":
        rendered = json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
    elif fmt == "md":
        rendered = to_markdown(report)
    elif fmt == "html":
        from ..report.render import to_html

        rendered = to_html(report)
    else:
        rendered = to_text(report)
    write_output(rendered, output)


@cli.group()
def taxonomy() -> None:
    """Show or validate the ladder, skill taxonomy and backgrounds."""


@taxonomy.command("show")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--tier", type=click.Choice(["foundational", "technical", "strategic"]),
              help="Only skills of this tier.")
@data_options
def taxonomy_show(fmt: str, tier: str | None, taxonomy_path: str | None, ladder_path: str | None,
                  backgrounds_path: str | None) -> None:
    """List the skills: id, name, tier, pillar, the level that expects them, and their core skill."""
    from ..taxonomy import load_ladder, load_taxonomy

    try:
        ladder = load_ladder(ladder_path)
        tax = load_taxonomy(taxonomy_path)
    except SkillmatchError as e:
        raise _fail(e) from None
    skills = [s for s in tax if tier is None or s.tier == tier]
    if fmt == "json":
        click.echo(json.dumps({"version": tax.version, "attribution": list(tax.attribution),
                               "skills": [s.to_dict() for s in skills]}, indent=2))
        return
    click.echo(f"taxonomy {tax.version}: {len(skills)} skills; ladder {ladder.version}: "
               + " → ".join(level.name for level in ladder.levels))
    for s in skills:
        parent = f"  (counts as {s.parent})" if s.parent else ""
        name = _clip(s.name, 44)
        click.echo(f"  {s.id:<32} {name:<44} {s.tier:<13} {s.pillar:<21} from {s.expected_from:<9}{parent}")


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


@taxonomy.command("validate")
@data_options
def taxonomy_validate(taxonomy_path: str | None, ladder_path: str | None, backgrounds_path: str | None) -> None:
    """Check the data files; exit 2 with the file, the entry and the problem when one is wrong."""
    from ..taxonomy import load_backgrounds, load_ladder, load_taxonomy

    try:
        ladder = load_ladder(ladder_path)
        tax = load_taxonomy(taxonomy_path)
        backgrounds = load_backgrounds(backgrounds_path, taxonomy_path)
    except SkillmatchError as e:
        raise _fail(e) from None
    click.echo(f"ok: ladder {ladder.version} ({len(ladder.levels)} levels), taxonomy {tax.version} "
               f"({len(tax)} skills, {len(tax.core())} core), backgrounds {backgrounds.version} "
               f"({len(backgrounds.items)})")
