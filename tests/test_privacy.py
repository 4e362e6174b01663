"""Nothing of a resume outlives its analysis: not its sentences in the encoding cache, not its words
in spaCy's string stores, not its lines in the line-kind cache."""

from __future__ import annotations

from skillmatch import analyze_resume
from skillmatch.embed import get_embedder, text_key
from skillmatch.nlp import _line_kinds, get_nlp, get_parser

RESUME = """Jordan Quillfeather
quillfeather.j@zephyrmail.example
Experience
Sales Operations Analyst, Brightwater Tools, 2021 - Present
- Maintained the Xylocarp pipeline dashboards for 40 reps in Salesforce
- Cleaned duplicate accounts every week with SQL
Education
BA Economics, 2020
"""


def test_resume_words_and_sentences_leave_no_trace(tmp_path):
    path = tmp_path / "resume.txt"
    path.write_text(RESUME, encoding="utf-8")
    report = analyze_resume(path)
    assert report.skills  # it was read
    for nlp in (get_nlp(), get_parser()):
        assert "quillfeather.j@zephyrmail.example" not in nlp.vocab.strings
        assert "Xylocarp" not in nlp.vocab.strings
    cache = get_embedder()._cache
    assert text_key("Maintained the Xylocarp pipeline dashboards for 40 reps in Salesforce") not in cache
    assert _line_kinds.cache_info().currsize == 0
    # the control: outside a memory zone spaCy does keep a new word, so the checks above can fail
    get_nlp().make_doc("Zorblattique")
    assert "Zorblattique" in get_nlp().vocab.strings


def test_two_analyses_in_a_row_give_the_same_report(tmp_path):
    path = tmp_path / "resume.txt"
    path.write_text(RESUME, encoding="utf-8")
    first = analyze_resume(path).to_dict()
    second = analyze_resume(path).to_dict()
    assert first["best_level"] == second["best_level"]
    assert [s["id"] for s in first["skills"]] == [s["id"] for s in second["skills"]]


def test_concurrent_analyses_and_lints_share_the_memory_zone(tmp_path):
    # spaCy's memory zones cannot be nested across threads: one shared zone serves every request
    import threading

    from skillmatch import lint_jd

    jd = ("# Sales Operations Manager\n\n## Responsibilities\n\n- Own the quarterly territory and quota models.\n"
          "- Coach two analysts on forecast hygiene.\n- Run the weekly forecast call with sales leaders.\n")
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            if i % 2:
                path = tmp_path / f"r{i}.txt"
                path.write_text(RESUME.replace("Brightwater", f"Brightwater{i}"), encoding="utf-8")
                analyze_resume(path)
            else:
                lint_jd(jd.replace("quarterly", f"quarterly{i}"))
        except BaseException as e:  # noqa: BLE001 - collected and asserted below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors
    assert "Brightwater3" not in get_nlp().vocab.strings
