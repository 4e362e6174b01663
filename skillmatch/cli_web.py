"""``skillmatch serve``: the web UI (:mod:`skillmatch.web`) served by waitress.

Registered on the main group by ``skillmatch.cli._register``. Flask, waitress and the models are imported
inside the command, so ``skillmatch --help`` stays fast.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

# A made-up resume used to load the models and encode the ladder before the first visitor arrives.
WARMUP_RESUME = """Sales Operations Analyst
Experience
Sales Operations Analyst, Example Co, Jan 2021 - Present
- Built pipeline dashboards in Salesforce and Tableau for the regional sales managers.
- Wrote SQL queries for the weekly forecast review.
Skills
Excel, SQL, Salesforce reports
"""


def _warm_up() -> float:
    from .analyze import analyze_resume
    from .documents import document_from_text

    started = time.perf_counter()
    analyze_resume(document_from_text(WARMUP_RESUME))
    return time.perf_counter() - started


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Keep the default (loopback) unless a proxy in front adds TLS.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on; 0 picks a free one (the address is printed).")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Listings database (SQLite) for the listings pages, market pay and best-fit listings.")
@click.option("--threads", type=click.IntRange(1, 64), default=4, show_default=True,
              help="Requests handled at the same time.")
@click.option("--no-warmup", is_flag=True, help="Do not load the models before serving (the first upload waits).")
def serve(host: str, port: int, db_path: Path | None, threads: int, no_warmup: bool) -> None:
    """Serve the web UI: upload a resume, draft and check job descriptions, browse listings.

    Uploaded resumes are read in memory, never stored and never logged. The log has one line per
    request (method, path, status, time) and nothing else from the request.

    \b
    Examples:
      skillmatch serve                          http://127.0.0.1:8000
      skillmatch serve --db listings.db --port 8080
    """
    import logging

    from .cli import CLIError
    from .errors import SkillmatchError

    if db_path is not None and db_path.exists() and not db_path.is_file():
        raise CLIError(f"--db {db_path} is not a file")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s",
                        stream=sys.stderr)

    from waitress import create_server

    from .web import create_app

    app = create_app({"DATABASE": str(db_path) if db_path is not None else None})
    if not no_warmup:
        click.echo("loading the models ...", err=True)
        try:
            seconds = _warm_up()
        except SkillmatchError as e:
            raise CLIError(str(e).splitlines()[0] if str(e) else type(e).__name__) from None
        click.echo(f"models ready in {seconds:.1f} s", err=True)
    try:
        server = create_server(app, host=host, port=port, threads=threads, ident="skillmatch",
                               max_request_body_size=64 * 1024 * 1024, clear_untrusted_proxy_headers=True)
    except OSError as e:
        raise CLIError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"skillmatch serving on http://{shown}:{server.effective_port}/ (Ctrl+C to stop)", err=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
