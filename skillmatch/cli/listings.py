"""``skillmatch listings``: import, scrape, score, export and count job listings in a local database.

A thin skin over :mod:`skillmatch.listings.store`, :mod:`skillmatch.listings.batch` and :mod:`skillmatch.fetch`;
registered on the main group with ``cli.add_command(listings)``. The library is imported inside the
commands, so ``skillmatch --help`` stays fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from ..listings.store import Store
    from ..read.listing import Listing

F = TypeVar("F", bound=Callable[..., Any])
SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".json", ".jsonld"})
IMPORT_BATCH = 200
LEVELS = ("analyst", "manager", "director", "vp")
CSV_FIELDS = (
    "id", "url", "source", "title", "company", "location", "remote", "pay_min", "pay_max", "currency", "period",
    "pay_kind", "annual_min", "annual_max", "years_min", "years_max", "title_level", "level", "level_confidence",
    "disagree", "pay_vs_band", "skills", "date_posted", "employment_type", "fetched_at", "family", "in_family",
    "ladder_level", "level_note",
)


def db_option(f: F) -> F:
    """--db PATH: the listings database (default: $SKILLMATCH_DB, else skillmatch.db in the user data folder)."""
    return click.option(
        "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), envvar="SKILLMATCH_DB",
        help="The listings database (default: $SKILLMATCH_DB, else skillmatch.db in your user data folder).",
    )(f)


def quiet_option(f: F) -> F:
    return click.option("-q", "--quiet", is_flag=True, help="No progress bar.")(f)


def include_other_option(f: F) -> F:
    """--include-other: count listings outside the sales-ops families too."""
    return click.option(
        "--include-other", is_flag=True,
        help="Also listings outside sales ops (engineering, sales reps, ...): they are never levelled, and are "
             "left out by default.",
    )(f)


def _open(db_path: Path | None, *, create: bool = True, include_other: bool = False) -> Store:
    """The listings database, read through once (a damaged file is refused here with one line).

    ``create=False`` for commands that only read or score what is stored: a missing file is then an error,
    never a new empty database. An empty (0-byte) file is refused either way.
    """
    from ..errors import SkillmatchError
    from ..listings.store import open_store
    from .errors import CLIError

    try:
        return open_store(db_path, create=create, check=True, include_other=include_other)
    except SkillmatchError as e:
        raise CLIError(str(e).splitlines()[0]) from None


def _bar(total: int | None, quiet: bool, unit: str, desc: str) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, unit=unit, desc=desc, file=sys.stderr, disable=quiet or not sys.stderr.isatty())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def listings() -> None:
    """Keep job listings in a local database: what each level asks for and pays.

    Imported and scraped listings are stored once each (by the id of their canonical URL); `score`
    reads the level, skills and pay of each; `analyze --db` then compares a resume with them.

    \b
    Examples:
      skillmatch listings import saved_pages/              every .html/.json file below the folder
      skillmatch listings scrape --greenhouse acme         a company's open jobs on Greenhouse
      skillmatch listings score                            score what is not scored yet
      skillmatch listings stats                            what the database holds
      skillmatch listings export --format csv -o jobs.csv
    """


@listings.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@quiet_option
def import_(paths: tuple[Path, ...], db_path: Path | None, quiet: bool) -> None:
    """Store the listings in saved pages and ATS payloads.

    PATH is a file or a folder (read recursively: .html, .htm, .json, .jsonld). A file can be a job
    page (schema.org JobPosting JSON-LD, or its visible HTML), one Greenhouse, Lever or Ashby job, or
    a whole board payload. A listing already stored is updated only when it changed; nothing stored is
    ever removed. A file that cannot be read is named on stderr and skipped; the exit code is then 1.
    Running the same import again (after a crash, say) finishes it without duplicating anything.

    \b
    Examples:
      skillmatch listings import job.html
      skillmatch listings import greenhouse_board.json lever_postings.json
      skillmatch listings import ~/saved_jobs/ --db jobs.db
    """
    from ..errors import SkillmatchError
    from ..read.listing import parse_listings

    files, missing = _collect(paths)
    if not files:  # nothing to read: no database is made for it
        from .errors import CLIError

        raise CLIError(f"no listing files found in {', '.join(str(p) for p in paths)} "
                       f"(files ending {', '.join(sorted(SUFFIXES))} are read)")
    failed = 0
    store = _open(db_path)
    run_id = store.start_run("import", args={"paths": [str(p) for p in paths]})
    found = new = 0
    batch: list[Listing] = []
    status = "failed"
    try:
        with _bar(len(files), quiet, "file", "importing") as bar:
            for path in files:
                try:
                    batch.extend(parse_listings(path.read_bytes()))
                except (SkillmatchError, OSError, ValueError) as e:
                    bar.clear()
                    click.echo(f"skipped {path}: {_one_line(e)}", err=True)
                    failed += 1
                except RecursionError:
                    bar.clear()
                    click.echo(f"skipped {path}: refused: nested too deeply to read", err=True)
                    failed += 1
                bar.update(1)
                if len(batch) >= IMPORT_BATCH:
                    found, new = found + len(batch), new + store.add_listings(batch, run_id=run_id)
                    batch = []
            if batch:
                found, new = found + len(batch), new + store.add_listings(batch, run_id=run_id)
        status = "done"
    finally:
        store.finish_run(run_id, status=status, counts={"files": len(files), "failed": failed + missing,
                                                         "listings": found, "new": new})
        store.close()
    skipped = failed + missing
    click.echo(f"{found} listings from {len(files) - failed} files: {new} new, {found - new} already stored"
               + (f"; {skipped} skipped" if skipped else "") + f" ({store.path})")
    if new:
        click.echo("next: skillmatch listings score" + (f" --db {db_path}" if db_path else ""))
    if skipped:
        sys.exit(1)


def _one_line(e: BaseException) -> str:
    text = str(e).strip().splitlines()
    return text[0] if text else type(e).__name__


def _collect(paths: Sequence[Path]) -> tuple[list[Path], int]:
    """The files to read (folders walked, sorted) and how many paths were missing."""
    files: list[Path] = []
    missing = 0
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                                and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        elif path.is_file():
            files.append(path)
        else:
            click.echo(f"skipped {path}: no such file or folder", err=True)
            missing += 1
    return list(dict.fromkeys(files)), missing


@listings.command("scrape")
@click.argument("urls", nargs=-1)
@click.option("--greenhouse", multiple=True, metavar="BOARD", help="A Greenhouse board name (repeatable).")
@click.option("--lever", multiple=True, metavar="BOARD", help="A Lever board name (repeatable).")
@click.option("--ashby", multiple=True, metavar="BOARD", help="An Ashby job board name (repeatable).")
@click.option("--allow-private", "allow_private", multiple=True, metavar="NETWORK",
              help="Allow this private, loopback or link-local network (repeatable), e.g. 127.0.0.0/8 or "
                   "10.1.2.3 for a server on your own network; every other one stays refused.")
@click.option("--rate", type=click.FloatRange(min=0.01), default=1.0, show_default=True,
              help="Requests per second to any one host.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds to wait for a response.")
@click.option("--user-agent", help="User-Agent header (default: skillmatch's own, with its version).")
@db_option
@quiet_option
def scrape(urls: tuple[str, ...], greenhouse: tuple[str, ...], lever: tuple[str, ...], ashby: tuple[str, ...],
           allow_private: tuple[str, ...], rate: float, timeout: float, user_agent: str | None, db_path: Path | None,
           quiet: bool) -> None:
    """Fetch job pages and ATS job boards politely and store their listings.

    robots.txt is obeyed, each host gets at most --rate requests a second, responses are cut off at
    5 MB and --timeout seconds, and private or loopback addresses are refused (after DNS and on
    redirects) except in the networks given with --allow-private. A URL that fails is named on stderr and skipped; the
    exit code is then 1.

    \b
    Examples:
      skillmatch listings scrape https://careers.example.com/jobs/123
      skillmatch listings scrape --greenhouse acme --lever globex --ashby initech
      skillmatch listings scrape http://localhost:8000/job.html --allow-private 127.0.0.0/8
    """
    from ..errors import SkillmatchError
    from ..fetch import fetch_listings
    from .errors import CLIError

    if not urls and not (greenhouse or lever or ashby):
        raise CLIError("give a URL, or a board with --greenhouse, --lever or --ashby")
    networks = _networks(allow_private)
    store = _open(db_path)
    run_id = store.start_run("scrape", args={"urls": list(urls), "greenhouse": list(greenhouse),
                                             "lever": list(lever), "ashby": list(ashby)})
    found = new = failed = 0
    status = "failed"
    try:
        results = fetch_listings(urls, greenhouse=greenhouse, lever=lever, ashby=ashby, allow_private=networks,
                                 user_agent=user_agent, rate=rate, timeout=timeout)
        with _bar(len(urls) + len(greenhouse) + len(lever) + len(ashby), quiet, "url", "fetching") as bar:
            for result in results:
                if result.error:
                    bar.clear()
                    click.echo(f"failed {result.url}: {result.error}", err=True)
                    failed += 1
                else:
                    found += len(result.listings)
                    new += store.add_listings(result.listings, run_id=run_id)
                bar.update(1)
        status = "done"
    except SkillmatchError as e:
        raise CLIError(_one_line(e)) from None
    finally:
        store.finish_run(run_id, status=status, counts={"listings": found, "new": new, "failed": failed})
        store.close()
    click.echo(f"{found} listings: {new} new, {found - new} already stored"
               + (f"; {failed} URLs failed" if failed else "") + f" ({store.path})")
    if failed:
        sys.exit(1)


def _networks(given: Sequence[str]) -> tuple[str, ...]:
    """The --allow-private networks, checked: one clear line for a value that is not a network."""
    import ipaddress

    from .errors import CLIError

    out = []
    for value in given:
        try:
            out.append(str(ipaddress.ip_network(value.strip(), strict=False)))
        except ValueError:
            raise CLIError(f"--allow-private {value!r} is not a network or address: give e.g. 127.0.0.0/8, "
                           "10.0.0.0/8 or 192.168.1.20") from None
    return tuple(out)


@listings.command("score")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Score in this process, or on a Dask cluster.")
@click.option("--scheduler", metavar="ADDR",
              help="With --engine dask: a running scheduler (tcp://host:8786); default: a local cluster.")
@click.option("--workers", type=click.IntRange(min=1), help="With a local Dask cluster: worker processes.")
@click.option("--rescore", is_flag=True, help="Score every listing again, not only new or changed ones.")
@click.option("--batch-size", type=click.IntRange(min=1), default=64, show_default=True,
              help="Listings per batch (one transaction, one Dask task).")
@db_option
@quiet_option
@include_other_option
def score(engine: str, scheduler: str | None, workers: int | None, rescore: bool, batch_size: int,
          db_path: Path | None, quiet: bool, include_other: bool) -> None:
    """Score the stored listings: level from the title and from the content, skills, pay vs band.

    Only listings without a score for the current taxonomy and model are scored (or all of them with
    --rescore). Each batch is written in one transaction, so an interrupted run is simply run again.
    Sentence encodings are cached in the database, so scoring the same text again is fast. Listings
    outside sales ops (their job family is set on import) are skipped unless --include-other; scored,
    they get their skills but no level.

    \b
    Examples:
      skillmatch listings score
      skillmatch listings score --engine dask                       a local Dask cluster
      skillmatch listings score --engine dask --scheduler tcp://10.0.0.5:8786
      skillmatch listings score --rescore --quiet
      skillmatch listings score --include-other                     also engineering, sales reps, ...
    """
    from ..errors import SkillmatchError
    from ..listings.batch import run_scoring
    from .errors import CLIError

    if scheduler and engine != "dask":
        raise CLIError("--scheduler needs --engine dask")
    store = _open(db_path, create=False, include_other=include_other)
    try:
        result = run_scoring(store, engine=engine, scheduler=scheduler, batch_size=batch_size, progress=not quiet,
                             rescore=rescore, workers=workers)
        outside = 0 if include_other else store.count_outside()
        total = store.count() - outside
        earlier = len(store.failures(taxonomy_version=result.taxonomy_version, model_id=result.model_id,
                                     in_family_only=not include_other)) - len(result.failed)
    except SkillmatchError as e:
        raise CLIError(_one_line(e)) from None
    finally:
        store.close()
    click.echo(f"scored {result.scored} listings in {result.seconds:.1f}s ({result.per_second:.1f}/s, "
               f"{result.engine}); {total - result.scored - len(result.failed) - earlier} of {total} already up to "
               "date" + (f"; {len(result.failed)} could not be scored" if result.failed else "")
               + (f"; {earlier} skipped, not scorable in an earlier run (see `listings stats`)" if earlier else "")
               + (f"; {outside} outside sales ops not scored (--include-other scores them)" if outside else ""))
    if result.failed:
        for listing_id, reason in result.failed:
            click.echo(f"not scored {listing_id}: {reason}", err=True)
        click.echo(f"{len(result.failed)} listings could not be scored and were skipped (they are tried again "
                   "when they change, or with --rescore); exit code 1", err=True)
        sys.exit(1)


@listings.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True,
              help="CSV (one row per listing, no text or HTML) or JSON (everything).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write to this file instead of stdout.")
@click.option("--level", "levels", multiple=True, type=click.Choice(LEVELS), help="Only this level (repeatable).")
@db_option
@include_other_option
def export(fmt: str, output: Path | None, levels: tuple[str, ...], db_path: Path | None, include_other: bool) -> None:
    """Write the stored sales-ops listings and their scores as CSV or JSON (with --include-other, every
    listing, each with its job family; the others have no level, and --level then picks the ladder's
    reading of them).

    \b
    Examples:
      skillmatch listings export --format csv -o listings.csv
      skillmatch listings export --format json --level director --level vp > senior.json
      skillmatch listings export --include-other --format csv -o everything.csv
    """
    from .common import check_output
    from .errors import CLIError

    check_output(output)  # a path that cannot be written: one line, exit 2, before the database is read
    store = _open(db_path, create=False, include_other=include_other)
    try:
        rows = _export_rows(store, levels)
        if output:
            try:
                with output.open("w", encoding="utf-8", newline="") as f:
                    n = _write(rows, fmt, f)
            except OSError as e:  # the path changed since it was checked
                raise CLIError(f"-o {output}: cannot write: {e.strerror or e}") from None
        else:
            n = _write(rows, fmt, sys.stdout)
    finally:
        store.close()
    if output:
        click.echo(f"{n} listings written to {output}", err=True)


def _family_name(family_id: str) -> str:
    from ..listings.relevance import default_rules

    return default_rules().name(family_id) if family_id != "unknown" else "not yet read"


def _export_rows(store: Store, levels: Sequence[str]) -> Iterator[dict[str, Any]]:
    for level in levels or (None,):
        for x in store.iter_listings(level=level):
            yield x.to_dict()


def _write(rows: Iterator[dict[str, Any]], fmt: str, f: Any) -> int:
    n = 0
    if fmt == "csv":
        import csv

        writer = csv.DictWriter(f, fieldnames=CSV_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            row["skills"] = " ".join(s["id"] for s in row["skills"])
            writer.writerow(row)
            n += 1
        return n
    f.write("[")
    for row in rows:
        f.write(("," if n else "") + "\n" + json.dumps(row, ensure_ascii=False))
        n += 1
    f.write("\n]\n")
    return n


@listings.command("stats")
@click.option("--json", "as_json", is_flag=True, help="As JSON.")
@db_option
@include_other_option
def stats(as_json: bool, db_path: Path | None, include_other: bool) -> None:
    """How many listings are stored, scored and still to score; by family, level and source; the most
    asked-for skills (by name); the last run. Listings outside sales ops are counted by family only,
    unless --include-other.

    \b
    Examples:
      skillmatch listings stats
      skillmatch listings stats --json --db jobs.db
      skillmatch listings stats --include-other
    """
    from ..embed import Embedder
    from ..errors import SkillmatchError
    from ..taxonomy import load_ladder, load_taxonomy
    from .errors import CLIError

    store = _open(db_path, create=False, include_other=include_other)
    names: dict[str, str] = {}
    try:
        versions: dict[str, str] = {}
        try:
            tax = load_taxonomy()
            names = {x.id: x.name for x in tax}
            versions = {"taxonomy_version": tax.version, "ladder_version": load_ladder().version,
                        "model_id": Embedder().model_id}
        except SkillmatchError:
            versions = {}
        s = store.stats(taxonomy_version=versions.get("taxonomy_version"),
                        ladder_version=versions.get("ladder_version"), model_id=versions.get("model_id"))
        store_failures = store.failures(taxonomy_version=versions.get("taxonomy_version"),
                                        model_id=versions.get("model_id"), limit=10)
    except SkillmatchError as e:
        raise CLIError(_one_line(e)) from None
    finally:
        store.close()
    if as_json:
        d = s.to_dict()
        d["top_skills_named"] = [{"id": k, "name": names.get(k, k), "listings": v} for k, v in s.top_skills.items()]
        click.echo(json.dumps(d, indent=2, ensure_ascii=False))
        return
    click.echo(f"{s.path} (schema {s.schema_version}, {s.size_bytes / 1e6:.1f} MB)")
    pending = "" if s.pending is None else f", {s.pending} to score"
    click.echo(f"listings: {s.listings} ({s.scored} scored{pending}; {s.with_pay} state pay; "
               f"{s.disagree} with a title that names another level)")
    if s.by_family:
        click.echo("by family: " + ", ".join(f"{_family_name(k)} {v}" for k, v in s.by_family.items()))
    if s.outside and not s.include_other:
        click.echo(f"outside sales ops: {s.outside} (not levelled; left out of scoring, pay and demand; "
                   "--include-other counts them)")
    if s.failed:
        click.echo(f"could not be scored: {s.failed} (tried again when they change, or with `score --rescore`)")
        for f in store_failures[:10]:
            click.echo(f"  {f['listing_id']}: {f['reason']}")
    if s.by_level:
        click.echo("by level: " + ", ".join(f"{k} {v}" for k, v in s.by_level.items()))
    if s.by_source:
        click.echo("by source: " + ", ".join(f"{k} {v}" for k, v in s.by_source.items()))
    if s.top_skills:
        click.echo("most asked: " + ", ".join(f"{names.get(k, k)} {v}" for k, v in s.top_skills.items()))
    click.echo(f"cached encodings: {s.embeddings}; runs: {s.runs}")
    if s.last_run:
        r = s.last_run
        counts = ", ".join(f"{k} {v}" for k, v in r["counts"].items())
        click.echo(f"last run: {r['kind']} #{r['id']} {r['status']}, started {r['started_at']}"
                   + (f" ({counts})" if counts else ""))
