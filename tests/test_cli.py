"""The command line: help, taxonomy commands, analyze from another directory, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_bad_input_documents import CASES

from skillmatch.cli import cli

ROOT = Path(__file__).resolve().parents[1]
EXE = Path(sys.executable).with_name("skillmatch")
OFFLINE = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(EXE), *args], capture_output=True, text=True, cwd=cwd, env=OFFLINE, timeout=300)


def test_every_command_has_help():
    runner = CliRunner()
    commands = ([], ["analyze"], ["taxonomy"], ["taxonomy", "show"], ["taxonomy", "validate"], ["jd"], ["jd", "draft"])
    for args in commands:
        result = runner.invoke(cli, [*args, "--help"], catch_exceptions=False)
        assert result.exit_code == 0 and "Usage:" in result.output


LIGHT = """
import sys
from skillmatch.cli import cli
try:
    cli(sys.argv[1:])
except SystemExit as e:
    code = e.code
heavy = sorted(m for m in ("torch", "spacy", "sentence_transformers") if m in sys.modules)
print("HEAVY:" + ",".join(heavy), code, file=sys.stderr)
"""


@pytest.mark.parametrize("args", [["--help"], ["taxonomy", "validate"], ["analyze", "missing.pdf"]])
def test_light_commands_do_not_import_models(args, tmp_path):
    r = subprocess.run([sys.executable, "-c", LIGHT, *args], capture_output=True, text=True, cwd=tmp_path)
    assert "HEAVY: " in r.stderr, r.stderr


def test_analyze_example_from_another_directory(tmp_path):
    example = ROOT / "data" / "examples" / "example_resume.pdf"
    r = run("analyze", str(example), "--format", "json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert Path(report["model"]).is_dir()
    assert report["taxonomy_version"]
    ids = {s["id"] for s in report["skills"]}
    assert {"sql", "bi_tools", "pipeline_reporting"} <= ids
    from skillmatch import read_document

    lines = read_document(example).text.splitlines()
    for skill in report["skills"]:
        assert {"id", "name", "tier", "evidence"} <= set(skill)
        for ev in skill["evidence"]:
            assert lines[ev["line"] - 1] == ev["text"]


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_analyze_formats(fmt, tmp_path):
    out = tmp_path / f"report.{fmt}"
    r = run("analyze", str(ROOT / "data" / "examples" / "example_resume.txt"), "--format", fmt, "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "Tableau" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_one_line_exit_2(case, tmp_path, make_pdf, make_docx):
    build, _ = CASES[case]
    path = build(tmp_path, make_pdf, make_docx)
    r = run("analyze", str(path), "--format", "json")
    assert r.returncode == 2
    assert r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1 and r.stderr.startswith("Error: ")
    assert "Traceback" not in r.stderr


def test_max_size_option(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_text("Built pipeline dashboards in Tableau.\n" * 2000, encoding="utf-8")
    r = run("analyze", str(path), "--max-size", "0.01")
    assert r.returncode == 2 and "limit" in r.stderr


def test_bad_taxonomy_file_is_one_line(tmp_path):
    bad = tmp_path / "tax.yaml"
    bad.write_text("version: 1\nskills:\n  - id: sql\n    tier: expert\n", encoding="utf-8")
    r = run("taxonomy", "validate", "--taxonomy", str(bad))
    assert r.returncode == 2 and str(bad) in r.stderr and "tier 'expert'" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_taxonomy_show_json():
    result = CliRunner().invoke(cli, ["taxonomy", "show", "--format", "json", "--tier", "strategic"])
    data = json.loads(result.output)
    assert data["attribution"] and all(s["tier"] == "strategic" for s in data["skills"])
