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
    from ..analyze import analyze_resume
    from ..read.document import document_from_text

    started = time.perf_counter()
    analyze_resume(document_from_text(WARMUP_RESUME))
    return time.perf_counter() - started


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Keep the default (loopback) unless a proxy in front adds TLS.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on; 0 picks a free one (the address is printed).")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Listings database (SQLite) for the listings pages, market pay and best-fit listings. "
                   "It must exist (`skillmatch listings import --db PATH` makes one).")
@click.option("--threads", type=click.IntRange(1, 64), default=4, show_default=True,
              help="Requests handled at the same time.")
@click.option("--work-threads", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Analyses and JD checks run at the same time (the CPU-heavy part of a request).")
@click.option("--budget", type=click.FloatRange(min=1), default=20.0, show_default=True,
              help="Seconds one analysis may wait and work; over it the answer is a 503 that says so.")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="A Host name the server answers to (repeatable; '*' for any). Default: the --host "
                   "address, plus localhost when that is a loopback address.")
@click.option("--max-connections", type=click.IntRange(1, 10_000), default=100, show_default=True,
              help="Open connections in all; past it the longest-waiting unanswered one is closed.")
@click.option("--max-connections-per-client", type=click.IntRange(1, 10_000), default=32, show_default=True,
              help="Open connections from one client address.")
@click.option("--request-timeout", type=click.FloatRange(min=1), default=20.0, show_default=True,
              help="Seconds a client has to send a request, plus one per 64 KB of its body.")
@click.option("--no-warmup", is_flag=True, help="Do not load the models before serving (the first upload waits).")
def serve(host: str, port: int, db_path: Path | None, threads: int, work_threads: int, budget: float,
          allowed_hosts: tuple[str, ...], max_connections: int, max_connections_per_client: int,
          request_timeout: float, no_warmup: bool) -> None:
    """Serve the web UI: upload a resume, draft and check job descriptions, browse listings.

    Uploaded resumes are read in memory (never spooled to disk), never stored and never logged. The log
    has one line per request (method, path, status, time) and nothing else from the request. Only Host
    names given by --allowed-host are answered (DNS rebinding), posts from other sites' pages are refused,
    clients that send their request too slowly are cut off, and at most --work-threads analyses run at
    once, each within --budget seconds.

    \b
    Examples:
      skillmatch serve                          http://127.0.0.1:8000
      skillmatch serve --db listings.db --port 8080
      skillmatch serve --host 0.0.0.0 --allowed-host jobs.example.com   behind a TLS proxy
    """
    import logging

    from ..errors import SkillmatchError
    from .errors import CLIError

    if db_path is not None:
        from ..listings.store import open_store

        try:  # never a new empty database for a mistyped path; a damaged file is found now, not per page
            open_store(db_path, create=False, check=True).close()
        except SkillmatchError as e:
            raise CLIError(str(e).splitlines()[0]) from None
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s",
                        stream=sys.stderr)

    from ..web import MAX_UPLOAD, create_app
    from ..web.server import create_server

    hosts = default_allowed_hosts(host, allowed_hosts)
    app = create_app({"DATABASE": str(db_path) if db_path is not None else None, "ALLOWED_HOSTS": hosts,
                      "WORK_THREADS": work_threads, "WORK_BUDGET": budget})
    if not no_warmup:
        click.echo("loading the models ...", err=True)
        try:
            seconds = _warm_up()
        except SkillmatchError as e:
            raise CLIError(str(e).splitlines()[0] if str(e) else type(e).__name__) from None
        click.echo(f"models ready in {seconds:.1f} s", err=True)
        app.extensions["skillmatch_work"].warm = True  # from now on every request gets --budget seconds
    try:
        # waitress reads up to MAX_UPLOAD + 2 MB (form fields, multipart framing) in memory; Flask answers
        # a body over MAX_UPLOAD with its friendly 413
        server = create_server(app, host=host, port=port, threads=max(threads, work_threads + 1),
                               max_body=MAX_UPLOAD + 2 * 1024 * 1024, request_timeout=request_timeout,
                               connection_limit=max_connections, per_client=max_connections_per_client)
    except OSError as e:
        raise CLIError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    if "*" in hosts:
        click.echo("warning: any Host name is answered (--allowed-host '*' or a wildcard address); a page on "
                   "another site can then read this server through DNS rebinding", err=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"skillmatch serving on http://{shown}:{server.effective_port}/ (Ctrl+C to stop)", err=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


def default_allowed_hosts(host: str, given: tuple[str, ...]) -> tuple[str, ...]:
    """The Host names to answer: those given, else the bound address (with the loopback names for a
    loopback address; any name for a wildcard address, with a warning)."""
    import ipaddress

    if given:
        return tuple(given)
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return (host, "127.0.0.1", "localhost", "::1") if host == "localhost" else (host,)
    if ip.is_unspecified:
        return ("*",)
    if ip.is_loopback:
        return (str(ip), "127.0.0.1", "localhost", "::1")
    return (str(ip),)
