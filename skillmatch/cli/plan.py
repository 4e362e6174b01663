"""``skillmatch plan``: from gaps to a plan toward a target level, and resume lines read at that level.

A thin skin over :mod:`skillmatch.planning`; registered on the main group with ``cli.add_command(plan)``. The
library is imported inside the command, so ``skillmatch --help`` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

LEVELS = ("analyst", "manager", "director", "vp")


@click.command("plan")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--target", type=click.Choice(LEVELS, case_sensitive=False),
              help="The level to plan toward (default: the level above the one the resume reads as).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md"]), default="text", show_default=True,
              help="Output format: text for a terminal, json for other tools, md for a Markdown checklist.")
@click.option("--max-size", type=click.FloatRange(min=0.001), default=10.0, show_default=True,
              help="Largest file to read, in MB.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write the plan to this file instead of stdout.")
@click.option("--db", "db_path", type=click.Path(path_type=Path),
              help="A listings database (`skillmatch listings`): the share of its listings at the target level "
                   "asking for each gap.")
@click.option("--plans", "plans_path", type=click.Path(dir_okay=False),
              help="Plans YAML (steps per skill, wording per level, fit checks) instead of the bundled one.")
@click.option("--backgrounds", "backgrounds_path", type=click.Path(dir_okay=False),
              help="Backgrounds YAML to use instead of the bundled one.")
@click.option("--ladder", "ladder_path", type=click.Path(dir_okay=False),
              help="Ladder YAML to use instead of the bundled one.")
@click.option("--taxonomy", "taxonomy_path", type=click.Path(dir_okay=False),
              help="Taxonomy YAML to use instead of the bundled one.")
def plan(path: Path, target: str | None, fmt: str, max_size: float, output: Path | None, db_path: Path | None,
         plans_path: str | None, backgrounds_path: str | None, ladder_path: str | None,
         taxonomy_path: str | None) -> None:
    """What to do next: a plan from a resume toward a target level.

    For each gap (your background's typical gaps first): why the level needs it, steps with a rough
    effort, and example bullets at that level. Then the resume lines that read below the level, with the
    level's wording asked as a question, and fit checks for a career switcher. The resume is read in
    memory and never stored.

    \b
    Examples:
      skillmatch plan resume.pdf                       toward the next level
      skillmatch plan resume.pdf --target director     toward Director
      skillmatch plan resume.pdf --format md -o plan.md   a Markdown checklist
    """
    from ..errors import SkillmatchError
    from ..planning import load_plans, plan_career, plan_to_markdown, plan_to_text
    from ..taxonomy import load_ladder, load_taxonomy
    from .common import analyze_for_cli, check_output, write_output
    from .errors import _fail

    check_output(output)

    try:  # the data files first, in the order analyze checks them, then the plans
        load_ladder(ladder_path)
        load_taxonomy(taxonomy_path)
        load_plans(plans_path, taxonomy_path)
    except SkillmatchError as e:
        raise _fail(e) from None
    _, career = analyze_for_cli(
        path, max_size=max_size, db_path=db_path, taxonomy_path=taxonomy_path, ladder_path=ladder_path,
        backgrounds_path=backgrounds_path,
        then=lambda report, store: plan_career(report, target, store=store, plans_path=plans_path,
                                               taxonomy_path=taxonomy_path, ladder_path=ladder_path))
    assert career is not None
    if fmt == "json":
        rendered = json.dumps(career.to_dict(), indent=2, ensure_ascii=False) + "\n"
    elif fmt == "md":
        rendered = plan_to_markdown(career)
    else:
        rendered = plan_to_text(career)
    write_output(rendered, output)
