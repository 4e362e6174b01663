#!/usr/bin/env python3
"""Benchmark the web UI: concurrent resume uploads through the real form of a ``skillmatch serve`` on loopback.

Each upload is what a browser does: GET ``/`` (a session cookie and the form's CSRF token), then POST the file
to ``/report``. All uploads are released at the same moment and each POST is timed until the whole report page
has arrived. An upload counts as an error unless it gets 200 and a page with a level on it.

With ``--distinct`` every upload is a different synthetic resume (its own name, employers, numbers and
sentences, drawn from a seeded generator), so no sentence of it is in the server's encoding cache: this is
the cost of real traffic, not of one cached file. It runs at each ``--levels`` concurrency (default 1, 8, 20),
through the form and the API, and reports p50 and p95, their ratio to concurrency 1, and the server's RSS
before and after. Each of its uploads comes from its own loopback address (127.0.0.2, 127.0.0.3, ...), as
from that many visitors: the server gives one address a share of its work pool, not all of it.

Examples:
    python scripts/bench_web.py                         # 20 concurrent uploads of the example resume
    python scripts/bench_web.py --distinct --uploads 60 # distinct resumes at concurrency 1, 8 and 20
    python scripts/bench_web.py --uploads 40 --json     # figures as JSON
    python scripts/bench_web.py --url http://127.0.0.1:8000   # against a server already running

Exit status 1 when any upload failed or the p95 latency is over ``--max-p95`` seconds (at the highest level).
"""

from __future__ import annotations

import argparse
import functools
import http.client
import http.cookiejar
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "examples" / "example_resume.pdf"
READY = re.compile(r"serving on (http://\S+?)/? ")
TOKEN = re.compile(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"')
LEVEL = re.compile(r'class="level" data-level="(\w+)"')
BOUNDARY = "----skillmatch-bench-5d0a"


class _FromAddress(urllib.request.HTTPHandler):
    """Connections from one local address: each simulated visitor is its own client to the server, which
    gives one client address a share of its work pool (``skillmatch.web.work``)."""

    def __init__(self, source: str) -> None:
        super().__init__()
        self.source = source

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        connect = functools.partial(http.client.HTTPConnection, source_address=(self.source, 0))
        return self.do_open(connect, req)  # type: ignore[arg-type]


def client_address(i: int) -> str:
    """The loopback address of visitor ``i`` (127.0.0.2 to 127.0.0.251: Linux answers all of 127/8)."""
    return f"127.0.0.{2 + i % 250}"


def _opener(source: str | None = None) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = [urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())]
    if source is not None:
        handlers.append(_FromAddress(source))
    return urllib.request.build_opener(*handlers)


def _body(token: str, name: str, data: bytes) -> bytes:
    return (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="resume"; filename="{name}"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{BOUNDARY}--\r\n".encode()


class Upload:
    """One browser: it fetches the form, waits for the start signal, then posts the resume."""

    def __init__(self, base: str, name: str, data: bytes, source: str | None = None) -> None:
        self.base, self.name, self.data = base, name, data
        self.opener = _opener(source if source is not None and _is_loopback(base) else None)
        self.token = ""

    def prepare(self) -> None:
        with self.opener.open(self.base + "/", timeout=60) as r:
            found = TOKEN.search(r.read().decode("utf-8"))
        if not found:
            raise RuntimeError("no CSRF token in the form")
        self.token = found.group(1)

    def post(self) -> tuple[float, int, str | None]:
        """(seconds, HTTP status, level shown) for one upload."""
        req = urllib.request.Request(self.base + "/report", data=_body(self.token, self.name, self.data),
                                     headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"})
        started = time.perf_counter()
        try:
            with self.opener.open(req, timeout=300) as r:
                page, status = r.read().decode("utf-8"), r.status
        except urllib.error.HTTPError as e:
            with e:
                page, status = e.read().decode("utf-8", "replace"), e.code
        seconds = time.perf_counter() - started
        found = LEVEL.search(page)
        return seconds, status, found.group(1) if found else None


FIRST = ("Avery", "Jordan", "Priya", "Mateo", "Noor", "Kenji", "Olena", "Tomasz", "Ifeoma", "Rafael", "Sunita")
LAST = ("Okafor", "Lindqvist", "Haddad", "Moreau", "Nakamura", "Castillo", "Brennan", "Petrova", "Adeyemi")
ROLES = ("Sales Operations Analyst", "Revenue Operations Manager", "Director of Sales Operations",
         "Sales Analyst", "Deal Desk Manager", "VP Revenue Operations", "Sales Strategy Manager")
VERBS = ("Built", "Designed", "Ran", "Rebuilt", "Automated", "Led", "Owned", "Launched", "Cut", "Reconciled")
THINGS = ("the weekly pipeline review", "territory and quota models", "the commission plan", "forecast roll-ups",
          "Salesforce dashboards", "deal desk approvals", "CPQ pricing rules", "renewal tracking",
          "capacity planning", "win-loss analysis", "lead routing in HubSpot", "SQL models in Snowflake")
FOR = ("for {n} account executives", "across {n} regions", "covering ${n}M in bookings", "for {n} sales managers",
       "saving {n} hours a week", "lifting forecast accuracy to {n}%", "with {n} partner teams")
TOOLS = ("Salesforce", "Excel", "SQL", "Tableau", "Looker", "Clari", "Gong", "HubSpot", "Python", "Anaplan")


def synthetic_resume(i: int) -> bytes:
    """Resume ``i`` of a seeded series: every one has its own name, companies, numbers and sentences."""
    import random

    rng = random.Random(9_000_000 + i)
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}-{i}"
    lines = [name, f"{name.split()[0].lower()}.{i}@example.test", "", "Experience"]
    year = 2024
    for job in range(rng.randint(2, 4)):
        start = year - rng.randint(1, 4)
        company = f"{rng.choice(LAST)} {rng.choice(('Labs', 'Systems', 'Foods', 'Logistics', 'Health'))} {i}-{job}"
        lines.append(f"{rng.choice(ROLES)}, {company}, Jan {start} - {'Present' if job == 0 else f'Dec {year}'}")
        for _ in range(rng.randint(3, 5)):
            lines.append(f"- {rng.choice(VERBS)} {rng.choice(THINGS)} "
                         f"{rng.choice(FOR).format(n=rng.randint(2, 400))} at {company}")
        year = start - 1
    lines += ["", "Skills", ", ".join(rng.sample(TOOLS, 5))]
    return ("\n".join(lines) + "\n").encode()


def server_rss_mb(pid: int | None) -> float | None:
    """The server process's resident memory (Linux /proc), in MB."""
    if pid is None:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


class ApiUpload(Upload):
    """A program: POSTs the raw file to ``/api/analyze`` (no form, no cookie)."""

    def prepare(self) -> None:
        pass

    def post(self) -> tuple[float, int, str | None]:
        req = urllib.request.Request(f"{self.base}/api/analyze?name={self.name}", data=self.data,
                                     headers={"Content-Type": "text/plain"})
        started = time.perf_counter()
        try:
            with self.opener.open(req, timeout=300) as r:
                body, status = r.read(), r.status
        except urllib.error.HTTPError as e:
            with e:
                body, status = e.read(), e.code
        seconds = time.perf_counter() - started
        try:
            level = json.loads(body).get("best_level") if status == 200 else None
        except ValueError:
            level = None
        return seconds, status, level or ("none" if status == 200 else None)


def run_distinct(base: str, uploads: int, levels: list[int], pid: int | None) -> dict[str, object]:
    """Distinct resumes at each concurrency of ``levels``, through the form and the API."""
    out: dict[str, object] = {"rss_before_mb": server_rss_mb(pid), "levels": {}}
    serial = 0
    for mode, cls in (("form", Upload), ("api", ApiUpload)):
        rows: dict[str, dict[str, object]] = {}
        for level in levels:
            n = max(uploads if level > 1 else min(uploads, 10), level)
            clients = [cls(base, f"resume-{serial + k}.txt", synthetic_resume(serial + k), client_address(k))
                       for k in range(n)]
            serial += n
            for c in clients:
                c.prepare()
            times, statuses, errors, wall = _release(clients, level)
            rows[str(level)] = {"uploads": n, "errors": errors, "statuses": sorted(set(statuses)),
                                "p50_s": round(statistics.median(times), 3), "p95_s": round(percentile(times, 95), 3),
                                "max_s": round(max(times), 3), "wall_s": round(wall, 2),
                                "uploads_per_s": round(n / wall, 2), "rss_mb": server_rss_mb(pid)}
        one = rows[str(levels[0])]
        for row in rows.values():
            row["p50_vs_c1"] = round(float(str(row["p50_s"])) / float(str(one["p50_s"])), 2)
            row["p95_vs_c1"] = round(float(str(row["p95_s"])) / float(str(one["p95_s"])), 2)
        out["levels"][mode] = rows  # type: ignore[index]
    out["rss_after_mb"] = server_rss_mb(pid)
    return out


def _release(clients: list[Upload], concurrency: int) -> tuple[list[float], list[int], int, float]:
    gate = threading.Barrier(min(concurrency, len(clients)))

    def go(c: Upload) -> tuple[float, int, str | None]:
        try:
            gate.wait(timeout=60)
        except threading.BrokenBarrierError:
            pass
        return c.post()

    wall = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(go, clients))
    wall = time.perf_counter() - wall
    errors = sum(1 for _, status, level in results if status != 200 or level is None)
    return [s for s, _, _ in results], [st for _, st, _ in results], errors, wall


def _is_loopback(base: str) -> bool:
    from urllib.parse import urlsplit

    return (urlsplit(base).hostname or "").startswith("127.")


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p95 of 20 values is the 19th smallest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def start_server(threads: int, log_dir: Path) -> tuple[subprocess.Popen[bytes], str, float, Path]:
    exe = Path(sys.executable).with_name("skillmatch")
    log = log_dir / "server.log"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PYTHONUNBUFFERED": "1"}
    started = time.perf_counter()
    with open(log, "wb") as out:
        proc = subprocess.Popen([str(exe), "serve", "--port", "0", "--threads", str(threads)], stdout=out,
                                stderr=subprocess.STDOUT, cwd=log_dir, env=env)
    deadline = time.monotonic() + 600
    while not (found := READY.search(log.read_text(errors="replace"))):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise SystemExit(f"skillmatch serve did not start:\n{log.read_text(errors='replace')}")
        time.sleep(0.2)
    return proc, found.group(1), time.perf_counter() - started, log


def run(base: str, resume: Path, uploads: int, concurrency: int) -> dict[str, object]:
    data = resume.read_bytes()
    first = Upload(base, resume.name, data)
    first.prepare()
    first_seconds, first_status, _ = first.post()

    clients = [Upload(base, resume.name, data, client_address(k)) for k in range(uploads)]
    for c in clients:
        c.prepare()
    gate = threading.Barrier(min(concurrency, uploads))

    def go(c: Upload) -> tuple[float, int, str | None]:
        try:
            gate.wait(timeout=60)
        except threading.BrokenBarrierError:
            pass
        return c.post()

    wall = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(go, clients))
    wall = time.perf_counter() - wall
    times = [s for s, _, _ in results]
    errors = sum(1 for _, status, level in results if status != 200 or level is None)
    levels = sorted({level for _, _, level in results if level})
    return {
        "uploads": uploads, "concurrency": concurrency, "resume": resume.name, "resume_bytes": len(data),
        "errors": errors, "statuses": sorted({status for _, status, _ in results}), "levels": levels,
        "p50_s": round(statistics.median(times), 3), "p95_s": round(percentile(times, 95), 3),
        "max_s": round(max(times), 3), "mean_s": round(statistics.fmean(times), 3),
        "wall_s": round(wall, 3), "uploads_per_s": round(uploads / wall, 2),
        "first_upload_s": round(first_seconds, 3), "first_upload_status": first_status,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n\n".join(__doc__.split("\n\n")[1:]))
    parser.add_argument("--resume", type=Path, default=EXAMPLE, help="file to upload (default: the example PDF)")
    parser.add_argument("--uploads", type=int, default=20, help="uploads to time (default: 20)")
    parser.add_argument("--concurrency", type=int, default=20, help="uploads in flight at once (default: 20)")
    parser.add_argument("--threads", type=int, default=4, help="waitress threads of the server started (default: 4)")
    parser.add_argument("--url", help="benchmark this running server instead of starting one")
    parser.add_argument("--max-p95", type=float, default=2.0, help="fail above this p95 in seconds (default: 2)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--distinct", action="store_true",
                        help="distinct synthetic resumes (none cached) at each --levels concurrency, form and API")
    parser.add_argument("--levels", default="1,8,20", help="with --distinct: concurrencies (default: 1,8,20)")
    args = parser.parse_args(argv)
    if args.uploads < 1 or args.concurrency < 1:
        parser.error("--uploads and --concurrency must be at least 1")

    proc = None
    with tempfile.TemporaryDirectory(prefix="bench_web_") as tmp:
        try:
            if args.url:
                base, startup = args.url.rstrip("/"), None
            else:
                proc, base, startup, _ = start_server(args.threads, Path(tmp))
            if args.distinct:
                levels = sorted({int(x) for x in args.levels.split(",") if x.strip()})
                return _report_distinct(run_distinct(base, args.uploads, levels, proc.pid if proc else None),
                                        args, startup)
            figures = run(base, args.resume, args.uploads, args.concurrency)
        finally:
            if proc is not None:
                proc.terminate()
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
    figures = {**figures, "server_threads": None if args.url else args.threads,
               "server_start_s": None if startup is None else round(startup, 1), "max_p95_s": args.max_p95,
               "cpus": os.cpu_count()}
    ok = figures["errors"] == 0 and float(str(figures["p95_s"])) <= args.max_p95
    figures["ok"] = ok
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"{figures['uploads']} uploads of {figures['resume']} ({figures['resume_bytes']:,} bytes), "
              f"{figures['concurrency']} at once, server threads {figures['server_threads']}, {figures['cpus']} CPUs")
        print(f"errors {figures['errors']}  statuses {figures['statuses']}  levels {figures['levels']}")
        print(f"latency  p50 {figures['p50_s']:.3f} s  p95 {figures['p95_s']:.3f} s  max {figures['max_s']:.3f} s  "
              f"mean {figures['mean_s']:.3f} s")
        print(f"wall {figures['wall_s']:.2f} s  ({figures['uploads_per_s']} uploads/s); first upload "
              f"{figures['first_upload_s']:.3f} s; server start (models loaded) {figures['server_start_s']} s")
        print("OK" if ok else f"FAIL: need 0 errors and p95 <= {args.max_p95} s")
    return 0 if ok else 1


def _report_distinct(figures: dict[str, object], args: argparse.Namespace, startup: float | None) -> int:
    figures = {**figures, "server_threads": None if args.url else args.threads,
               "server_start_s": None if startup is None else round(startup, 1), "cpus": os.cpu_count(),
               "max_p95_s": args.max_p95}
    levels: dict[str, dict[str, dict[str, object]]] = figures["levels"]  # type: ignore[assignment]
    top = {mode: rows[max(rows, key=int)] for mode, rows in levels.items()}
    ok = all(r["errors"] == 0 for rows in levels.values() for r in rows.values()) and all(
        float(str(r["p95_s"])) <= args.max_p95 for r in top.values())
    figures["ok"] = ok
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0 if ok else 1
    print(f"distinct synthetic resumes; server threads {figures['server_threads']}, {figures['cpus']} CPUs; "
          f"RSS {figures['rss_before_mb']} MB before, {figures['rss_after_mb']} MB after")
    for mode, rows in levels.items():
        for level, r in rows.items():
            print(f"{mode:4} c={level:>2} n={r['uploads']:>3} errors {r['errors']} {r['statuses']}  "
                  f"p50 {r['p50_s']:.2f} s ({r['p50_vs_c1']}x c1)  p95 {r['p95_s']:.2f} s ({r['p95_vs_c1']}x c1)  "
                  f"{r['uploads_per_s']}/s  RSS {r['rss_mb']} MB")
    print("OK" if ok else f"FAIL: need 0 errors and p95 <= {args.max_p95} s at the highest concurrency")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
