"""Issue 15, against a real ``skillmatch serve`` on loopback: work over its budget stops and frees its worker,
a CPU-heavy PDF is refused within its budget while a normal upload is answered in 2 s, and one client
cannot fill the pool (429 with Retry-After).

Clients are told apart by their address: each test client binds its own loopback address (127.0.0.N).
"""

from __future__ import annotations

import http.client
import io
import json
import random
import string
import threading
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from conftest import server_process
from synthetic_resumes import heavy_resume
from test_reader_budgets import text_show_pdf

BUDGET = 2.0
SIGNS = string.ascii_letters + string.digits + "#%&@"
NORMAL = (b"Pat Example\nExperience\nSales Operations Analyst, Example Co, Jan 2021 - Present\n"
          b"- Built pipeline dashboards in Salesforce for 40 account executives.\n"
          b"- Wrote SQL to reconcile bookings with finance every month.\n")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("budget")
    with server_process(None, tmp / "server.log", "--budget", str(BUDGET), "--work-threads", "2",
                        "--threads", "8") as (url, _proc):
        yield url


@pytest.fixture(scope="module")
def served_roomy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same server with a budget no report page here comes near: for tests of what concurrent work
    shares (spaCy's memory zone), which a shared machine's speed must not turn into 503s."""
    tmp = tmp_path_factory.mktemp("roomy")
    with server_process(None, tmp / "server.log", "--budget", "30", "--work-threads", "2",
                        "--threads", "8") as (url, _proc):
        yield url


class Reply:
    def __init__(self, status: int, body: bytes, headers: http.client.HTTPMessage, seconds: float) -> None:
        self.status, self.body, self.headers, self.seconds = status, body, headers, seconds

    def __repr__(self) -> str:
        return f"Reply({self.status}, {self.seconds:.2f} s, {self.body[:160]!r})"


def post(url: str, path: str, body: bytes, client: int, content_type: str = "text/plain") -> Reply:
    """POST ``body`` from the loopback address 127.0.0.``client``."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(str(parts.hostname), parts.port, timeout=120,
                                      source_address=(f"127.0.0.{client}", 0))
    started = time.perf_counter()
    try:
        conn.request("POST", path, body=body, headers={"Content-Type": content_type, "Host": "127.0.0.1"})
        response = conn.getresponse()
        return Reply(response.status, response.read(), response.headers, time.perf_counter() - started)
    finally:
        conn.close()


def slow_resume(seed: int) -> bytes:
    """29,000 characters (under the 30,000 analyzed) of made-up words of letters, digits and signs: about
    one word piece a character, so about 3 s of analysis on this machine (1.5 x the test server's budget;
    lower-case words alone took 2.3 s once encoding batched by length)."""
    rng = random.Random(seed)
    lines = ["Pat Example", "Experience", "Sales Operations Manager, Acme, Jan 2019 - Present"]
    while sum(len(x) + 1 for x in lines) < 29_000:
        lines.append("- " + " ".join("".join(rng.choice(SIGNS) for _ in range(rng.randint(3, 9)))
                                     for _ in range(30)))
    return "\n".join(lines)[:29_000].encode()


def in_threads(*calls: tuple) -> list[Reply]:
    """Run ``post(*args)`` for each ``args`` at once; the replies in the same order."""
    replies: list[Reply | None] = [None] * len(calls)

    def one(i: int, args: tuple) -> None:
        replies[i] = post(*args)

    threads = [threading.Thread(target=one, args=(i, args)) for i, args in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(180)
    assert all(r is not None for r in replies)
    return replies  # type: ignore[return-value]


def normal_upload(url: str, client: int) -> Reply:
    return post(url, "/api/analyze?name=cv.txt", NORMAL, client)


def test_a_cpu_heavy_pdf_is_refused_within_its_budget_while_a_normal_upload_is_answered(served: str) -> None:
    assert normal_upload(served, 9).status == 200  # warm
    crafted = text_show_pdf(1, 99_000)  # the PDF: one text-show array of 99,000 strings
    many = text_show_pdf(8, 9_000)  # arrays under the per-array cap, over the items budget
    results: list[Reply] = []
    heavy = threading.Thread(target=lambda: results.extend(in_threads(
        (served, "/api/analyze?name=a.pdf", crafted, 2, "application/pdf"),
        (served, "/api/analyze?name=b.pdf", many, 2, "application/pdf"))))
    heavy.start()
    time.sleep(0.3)
    meanwhile = normal_upload(served, 3)
    heavy.join(120)
    assert meanwhile.status == 200 and meanwhile.seconds <= 2.0, meanwhile
    assert len(results) == 2
    for reply in results:
        assert reply.status == 422 and reply.seconds <= BUDGET, reply
        assert b"pieces" in reply.body and b"Traceback" not in reply.body


def test_work_over_budget_stops_and_frees_its_worker(served: str) -> None:
    """A valid resume that needs more than the budget gets a 503 at the budget, and its worker is free at
    once: two normal uploads right after it (two workers) are both answered in 2 s."""
    assert normal_upload(served, 9).status == 200
    long = post(served, "/api/analyze?name=long.txt", slow_resume(15), 4)
    assert long.status == 503 and BUDGET - 0.5 <= long.seconds <= BUDGET + 1.5, long
    assert b"was stopped" in long.body
    after = in_threads((served, "/api/analyze?name=cv.txt", NORMAL, 5), (served, "/api/analyze?name=cv.txt",
                                                                        NORMAL, 6))
    for reply in after:
        assert reply.status == 200 and reply.seconds <= 2.0, after


def test_one_client_cannot_fill_the_pool(served: str) -> None:
    """Four heavy uploads at once from one address: two are taken (one runs), two get 429 at once with a
    Retry-After; another address's upload meanwhile finds a worker and is answered in 2 s."""
    assert normal_upload(served, 9).status == 200
    results: list[Reply] = []
    burst = threading.Thread(target=lambda: results.extend(in_threads(
        *((served, f"/api/analyze?name=h{i}.txt", heavy_resume(12_000, 100 + i), 7) for i in range(4)))))
    burst.start()
    time.sleep(0.5)
    other = normal_upload(served, 8)
    burst.join(180)
    assert other.status == 200 and other.seconds <= 2.0, other
    refused = [r for r in results if r.status == 429]
    assert len(refused) == 2, results
    for reply in refused:
        assert reply.seconds <= 1.0, reply
        assert int(reply.headers["Retry-After"]) >= 1
        assert json.loads(reply.body)["error"].startswith("You already have 2 analyses")
    assert all(r.status in (200, 503) for r in results if r.status != 429), results


def test_the_error_page_keeps_the_upload_form() -> None:
    from bs4 import BeautifulSoup
    from skillmatch.web import create_app

    client = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False}).test_client()
    r = client.post("/report", data={"resume": (io.BytesIO(text_show_pdf(1, 99_000)), "cv.pdf")},
                    content_type="multipart/form-data")
    assert r.status_code == 422
    page = BeautifulSoup(r.data, "html.parser")
    form = page.find("form", id="upload-again")
    assert form is not None and form["action"] == "/report" and form.find("input", type="file") is not None
    assert "pieces" in page.find(id="problem-detail").get_text()


def form_upload(url: str, body: bytes, name: str, client: int) -> Reply:
    """What a browser does from 127.0.0.``client``: GET the form (cookie and token), POST the file to /report."""
    import re

    parts = urlsplit(url)
    conn = http.client.HTTPConnection(str(parts.hostname), parts.port, timeout=120,
                                      source_address=(f"127.0.0.{client}", 0))
    try:
        conn.request("GET", "/", headers={"Host": "127.0.0.1"})
        form = conn.getresponse()
        page = form.read().decode()
        cookie = (form.headers.get("Set-Cookie") or "").split(";")[0]
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
        assert token and cookie
        boundary = "----budget-test"
        data = (f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token.group(1)}\r\n'
                f'--{boundary}\r\nContent-Disposition: form-data; name="resume"; filename="{name}"\r\n'
                f"Content-Type: text/plain\r\n\r\n").encode() + body + f"\r\n--{boundary}--\r\n".encode()
        started = time.perf_counter()
        conn.request("POST", "/report", body=data, headers={
            "Host": "127.0.0.1", "Cookie": cookie, "Content-Type": f"multipart/form-data; boundary={boundary}"})
        response = conn.getresponse()
        return Reply(response.status, response.read(), response.headers, time.perf_counter() - started)
    finally:
        conn.close()


def test_concurrent_report_pages_are_all_made(served_roomy: str) -> None:
    """The report page plans and parses lines again: that runs in the pool, inside the shared spaCy memory
    zone, so one request's zone closing never evicts the strings another page is using (it gave 500s)."""
    replies: list[Reply | None] = [None] * 4

    def one(i: int) -> None:
        replies[i] = form_upload(served_roomy, heavy_resume(1_500, 200 + i), f"r{i}.txt", 20 + i)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(180)
    assert all(r is not None and r.status == 200 and b'class="level"' in r.body for r in replies), replies
