"""Shared pytest fixtures: builders for real PDF and DOCX files (fpdf2, python-docx), no mocks."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

UNICODE_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

PdfMaker = Callable[..., Path]
DocxMaker = Callable[..., Path]


@pytest.fixture(scope="session", autouse=True)
def _session_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Statement-vector caches go to a temp dir for the session, never to ``~/.cache/skillmatch``
    (a test that sets ``SKILLMATCH_CACHE_DIR`` itself still wins; so does one set before pytest)."""
    if os.environ.get("SKILLMATCH_CACHE_DIR"):
        yield
        return
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SKILLMATCH_CACHE_DIR", str(tmp_path_factory.mktemp("skillmatch-cache")))
        yield


def _is_latin1(text: str) -> bool:
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


@pytest.fixture
def make_pdf(tmp_path: Path) -> PdfMaker:
    """Build a PDF with a real text layer: ``make_pdf(page1_lines, page2_lines, ..., name=...)``.

    Each positional argument is one page, a sequence of lines written top to bottom. Latin-1 text
    uses the built-in Helvetica; other characters need DejaVu Sans and skip the test without it.
    Returns the path of the file written in ``tmp_path``.
    """

    def make(*pages: Sequence[str], name: str = "document.pdf", font_size: float = 10) -> Path:
        from fpdf import FPDF

        pdf = FPDF(format="Letter")
        pdf.set_auto_page_break(False)
        family = "Helvetica"
        if not all(_is_latin1(line) for page in pages for line in page):
            if not UNICODE_FONT.is_file():
                pytest.skip(f"needs the DejaVu Sans font at {UNICODE_FONT}")
            pdf.add_font("DejaVu", "", str(UNICODE_FONT))
            family = "DejaVu"
        for lines in pages:
            pdf.add_page()
            pdf.set_font(family, size=font_size)
            for line in lines:
                pdf.cell(0, font_size * 0.5, line, new_x="LMARGIN", new_y="NEXT")
        path = tmp_path / name
        path.write_bytes(bytes(pdf.output()))
        return path

    return make


@pytest.fixture
def make_docx(tmp_path: Path) -> DocxMaker:
    """Build a DOCX: ``make_docx(["plain paragraph", ("Experience", "Heading 1"), ...], name=...)``.

    Each item is a paragraph: a string (Normal style) or a ``(text, style name)`` pair.
    Returns the path of the file written in ``tmp_path``.
    """

    def make(paragraphs: Sequence[str | tuple[str, str]], name: str = "document.docx") -> Path:
        import docx

        document = docx.Document()
        for item in paragraphs:
            text, style = (item, None) if isinstance(item, str) else item
            document.add_paragraph(text, style=style)
        path = tmp_path / name
        document.save(str(path))
        return path

    return make


SERVING = re.compile(r"serving on (http://\S+?)/? ")
OFFLINE_ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PYTHONUNBUFFERED": "1"}


@contextlib.contextmanager
def running_server(db: Path, log: Path, *args: str) -> Iterator[str]:
    """A real ``skillmatch serve --port 0`` over ``db``, its output in ``log``; yields its base URL."""
    with server_process(db, log, *args) as (url, _proc):
        yield url


@contextlib.contextmanager
def server_process(db: Path | None, log: Path, *args: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """:func:`running_server` that also yields the process (to read its open files); ``args`` go to serve."""
    exe = Path(sys.executable).with_name("skillmatch")
    command = [str(exe), "serve", "--host", "127.0.0.1", "--port", "0", *(["--db", str(db)] if db else []), *args]
    with open(log, "wb") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=log.parent, env=OFFLINE_ENV)
    try:
        deadline = time.monotonic() + 300
        while not (found := SERVING.search(log.read_text(errors="replace"))):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"skillmatch serve did not start (exit {proc.poll()}):\n{log.read_text()}")
            time.sleep(0.2)
        yield found.group(1), proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
