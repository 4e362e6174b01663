"""What the command groups share: the output file check and write, the data-file options, the
"models are loading" line, and reading plus analyzing a resume for a command."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..errors import SkillmatchError
from .errors import CLIError, _fail

if TYPE_CHECKING:
    from ..listings.store import Store
    from ..report.model import Report

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")
MB = 1024 * 1024


def check_output(output: Path | None) -> None:
    """Refuse an output path that cannot be written, before any work starts (one line, exit 2)."""
    if output is None:
        return
    import os

    folder = output.parent if str(output.parent) else Path(".")
    if output.is_dir():
        raise CLIError(f"-o {output}: is a folder; give a file name")
    if not folder.exists():
        raise CLIError(f"-o {output}: the folder {folder} does not exist; create it first")
    if not folder.is_dir():
        raise CLIError(f"-o {output}: {folder} is not a folder")
    if (output.exists() and not os.access(output, os.W_OK)) or (
            not output.exists() and not os.access(folder, os.W_OK | os.X_OK)):
        raise CLIError(f"-o {output}: not writable")
    if not output.exists():  # some folders refuse new files whatever their mode says (/proc, a full disk)
        try:
            output.open("x", encoding="utf-8").close()
            output.unlink()
        except OSError as e:
            raise CLIError(f"-o {output}: cannot write: {e.strerror or e}") from None


def loading_models() -> None:
    """Say on stderr that the models are loading (10-30 s on a cold start), as ``serve`` does."""
    click.echo("loading models…", err=True)


def data_options(f: F) -> F:
    """--taxonomy / --ladder / --backgrounds: use your own data files instead of the bundled ones."""
    f = click.option("--backgrounds", "backgrounds_path", type=click.Path(dir_okay=False),
                     help="Backgrounds YAML to use instead of the bundled one.")(f)
    f = click.option("--ladder", "ladder_path", type=click.Path(dir_okay=False),
                     help="Ladder YAML to use instead of the bundled one.")(f)
    f = click.option("--taxonomy", "taxonomy_path", type=click.Path(dir_okay=False),
                     help="Taxonomy YAML to use instead of the bundled one.")(f)
    return f


def analyze_for_cli(path: Path, *, max_size: float, db_path: Path | None, taxonomy_path: str | None,
                    ladder_path: str | None, backgrounds_path: str | None,
                    then: Callable[[Report, Store | None], T] | None = None,
                    include_other: bool = False) -> tuple[Report, T | None]:
    """Read and analyze a resume for a command (``then`` runs with the store still open); a problem
    is one line and exit code 2."""
    from ..analyze import analyze_resume
    from ..read.document import read_document
    from ..taxonomy import load_ladder, load_taxonomy

    if db_path is not None and not db_path.exists():  # before any work: one line, exit 2
        raise CLIError(f"--db {db_path}: no such database (`skillmatch listings import --db {db_path}` makes one)")
    if db_path is not None and db_path.is_dir():
        raise CLIError(f"--db {db_path}: is a folder, not a database file")
    try:
        load_ladder(ladder_path)
        load_taxonomy(taxonomy_path)
        document = read_document(path, max_size=int(max_size * MB))
        store = None
        if db_path is not None:
            from ..listings.store import open_store

            store = open_store(db_path, create=False, check=True, include_other=include_other)
        loading_models()
        try:
            report = analyze_resume(document, taxonomy_path=taxonomy_path, ladder_path=ladder_path,
                                    backgrounds_path=backgrounds_path, store=store)
            extra = then(report, store) if then is not None else None
        finally:
            if store is not None:
                store.close()
    except SkillmatchError as e:
        raise _fail(e) from None
    return report, extra


def write_output(rendered: str, output: Path | None) -> None:
    """Write to ``-o FILE`` (checked with :func:`check_output` before the work), or to stdout."""
    if output:
        try:
            output.write_text(rendered, encoding="utf-8")
        except OSError as e:  # the path changed while the work ran
            raise CLIError(f"-o {output}: cannot write: {e.strerror or e}") from None
    else:
        sys.stdout.write(rendered)
