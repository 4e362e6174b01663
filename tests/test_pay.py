"""Pay and years-of-experience parsing: synthetic strings, plus the figures on the real dev postings."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from skillmatch.read.pay import Pay, Years, parse_all_pay, parse_pay, parse_years

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "postings" / "dev_postings.jsonl"

# ------------------------------------------------------------------------------------------------
# Pay formats: text -> (min, max, currency, period, kind)

PAY_CASES = [
    ("Salary range: $95K–$135K plus equity.", (95000, 135000, "USD", "year", "base")),
    ("Compensation: $95k - $135k depending on experience.", (95000, 135000, "USD", "year", "base")),
    ("The role pays 95,000 - 135,000 USD per year.", (95000, 135000, "USD", "year", "base")),
    ("Pay: $45/hr, paid every two weeks.", (45, 45, "USD", "hour", "base")),
    ("Hourly rate: $45 - $55 per hour.", (45, 55, "USD", "hour", "base")),
    ("Annual salary: €60.000", (60000, 60000, "EUR", "year", "base")),
    ("Salary: €60.000 - €75.000 per year", (60000, 75000, "EUR", "year", "base")),
    ("Salary range: 60.000,00 € - 70.000,00 € brutto", (60000, 70000, "EUR", "year", "base")),
    ("We offer £50,000 to £60,000 depending on experience.", (50000, 60000, "GBP", "year", "base")),
    ("Compensation: up to $120k + bonus.", (None, 120000, "USD", "year", "base")),
    ("Salary: CAD $80,000 - $100,000.", (80000, 100000, "CAD", "year", "base")),
    ("Salary: CA$80,000 - CA$100,000", (80000, 100000, "CAD", "year", "base")),
    ("Contract of employment: PLN 15 000 - 20 000 monthly.", (15000, 20000, "PLN", "month", "base")),
    ("Salary: 13 600 - 16 000 PLN gross/monthly", (13600, 16000, "PLN", "month", "base")),
    ("Salary: $65,000 - $80,000 per year.", (65000, 80000, "USD", "year", "base")),
    (
        "The base salary for this role is $120,000 -\n$150,000 depending on location.",
        (120000, 150000, "USD", "year", "base"),
    ),
    ("Salary Range:\n\n  - $140,000/year - $185,000/year", (140000, 185000, "USD", "year", "base")),
    ("Compensation: £95-115k", (95000, 115000, "GBP", "year", "base")),
    ("Base salary: $110-145,000", (110000, 145000, "USD", "year", "base")),
    ("Base salary: $175 - 190K, depending on experience.", (175000, 190000, "USD", "year", "base")),
    (
        "Targeted base salary: $100,200 - 120,000 + bonus eligibility.",
        (100200, 120000, "USD", "year", "base"),
    ),
    ("Starting salary is $75,000+ based on experience.", (75000, None, "USD", "year", "base")),
    ("The salary is starting at $150,000 + equity.", (150000, None, "USD", "year", "base")),
    (
        "The salary range is between $114,300 USD and $165,700 USD + bonus.",
        (114300, 165700, "USD", "year", "base"),
    ),
    (
        "Pay ranges from USD $90,000 in our lowest market and up to $120,000 per year in our highest.",
        (90000, 120000, "USD", "year", "base"),
    ),
    (
        "The starting salary is $90,000 and can increase to $110,000 with tenure.",
        (90000, 110000, "USD", "year", "base"),
    ),
    ("Pay range: Min: $91,000\nMid: $100,000\nMax: $120,000", (91000, 120000, "USD", "year", "base")),
    ("Salary: USD $114,300~$165,700", (114300, 165700, "USD", "year", "base")),
    ("Salary: 358,000 zł - 458,000 zł per year", (358000, 458000, "PLN", "year", "base")),
    ("Salary: MXN 836,400 - MXN 1,100,000", (836400, 1100000, "MXN", "year", "base")),
    ("Gross salary from 4100 EUR/month (depending on experience).", (4100, None, "EUR", "month", "base")),
    ("Salary: CAD ~$90,000 - $110,000 / month", (90000, 110000, "CAD", "month", "base")),
    ("Pay: $1,500 - $1,800 per week", (1500, 1800, "USD", "week", "base")),
    ("Day rate: £500 - £600", (500, 600, "GBP", "day", "base")),
    ("Salary: ₹12,00,000 - ₹15,00,000 per annum", (1200000, 1500000, "INR", "year", "base")),
    ("Salary: $187,200.00 - $215,280.00 per annum", (187200, 215280, "USD", "year", "base")),
    ("Compensation: $23.85 per hour", (23.85, 23.85, "USD", "hour", "base")),
    ("Salary: $100,000. - $120,000. per year", (100000, 120000, "USD", "year", "base")),
    ("Hiring range: €68.000€100.000 EUR", (68000, 100000, "EUR", "year", "base")),
    ("Salary Range$90,500—$110,900 USD\nBenefits", (90500, 110900, "USD", "year", "base")),
    ("Compensation: $75k-$100k OTE + equity.", (75000, 100000, "USD", "year", "ote")),
]


@pytest.mark.parametrize(("text", "expected"), PAY_CASES)
def test_parse_pay_formats(text: str, expected: tuple[float | None, float | None, str, str, str]) -> None:
    pay = parse_pay(text)
    assert pay is not None
    assert (pay.min, pay.max, pay.currency, pay.period, pay.kind) == expected
    assert pay.text in text


def test_base_beside_ote_picks_base() -> None:
    text = "Base $90k, OTE $180k."
    pay = parse_pay(text)
    assert pay is not None and (pay.min, pay.max, pay.kind) == (90000, 90000, "base")
    found = parse_all_pay(text)
    assert [(p.min, p.kind) for p in found] == [(90000, "base"), (180000, "ote")]


def test_ote_first_then_base_still_picks_base() -> None:
    pay = parse_pay("On-target earnings of $150,000 - $170,000 (50/50 split); base salary $75,000 - $85,000.")
    assert pay is not None and (pay.min, pay.max, pay.kind) == (75000, 85000, "base")


def test_parse_all_pay_keeps_order_and_each_statement() -> None:
    text = "Employment contract (13 600 - 16 000 PLN gross/monthly) OR B2B (115 - 135 PLN net/hourly)"
    found = parse_all_pay(text)
    assert [(p.min, p.max, p.period) for p in found] == [(13600, 16000, "month"), (115, 135, "hour")]
    assert parse_pay(text) == found[0]


def test_pay_words_win_over_earlier_plain_amount() -> None:
    text = (
        "Join a team of 40 people.\n$85,000 - $95,000 USD\n\nCompensation: base salary $100,000 - $120,000."
    )
    pay = parse_pay(text)
    assert pay is not None and (pay.min, pay.max) == (100000, 120000)


# ------------------------------------------------------------------------------------------------
# Money that is not pay

NOT_PAY = [
    "We crossed $2M ARR last quarter.",
    "You will negotiate $100K+ vendor contracts with carriers.",
    "We have raised $50M from top investors.",
    "We offer a 401k plan with a 4% match.",
    "Every employee gets a $1,000 learning stipend.",
    "A $1,500 annual learning and development stipend.",
    "We are a $10+ billion company.",
    "Internet reimbursement - $50/month",
    "$500/month ($6,000/year) bonus for coming to the office",
    "A $20,000 signing bonus.",
    "Remote setup allowance of $400",
    "Monthly credits for any event ($1,200/yr)",
    "Company HSA contribution: $100-$150-$200 per month based on tier",
    "Our clients spend $28 billion annually on freight.",
    "The platform processed revenue of $300,000 last month.",
    "Founded in 2012, we serve 500 customers in 30 countries.",
    # found on the broad postings sample: a deal size, a fund, money paid towards something, a quarterly perk
    "You will prospect accounts with deals of $40-60k+ ACV across the mid-market.",
    "Typical contract value: our reps close $25k TCV deals every month.",
    "- Learning fund - $300 quarterly\n- Laptop",
    "- Phone plan: $40 quarterly",
    "- Home office: $1,800 paid by the company towards your chair and desk",
    "Perks: $900 contributed by us toward a standing desk",
    "- Wellness funds: $120 per month",
]


@pytest.mark.parametrize("text", NOT_PAY)
def test_non_pay_money_is_ignored(text: str) -> None:
    assert parse_all_pay(text) == []
    assert parse_pay(text) is None


def test_non_pay_money_beside_a_salary_leaves_the_salary() -> None:
    text = (
        "We hit $2M ARR and raised $50M in our Series B. Perks: $1,000 learning stipend, 401k.\n"
        "Salary: $110,000 - $130,000 per year."
    )
    assert [(p.min, p.max) for p in parse_all_pay(text)] == [(110000, 130000)]


def test_revenue_as_a_title_word_does_not_hide_the_salary() -> None:
    pay = parse_pay("The salary for the Revenue Operations Manager is $95,000 - $110,000.")
    assert pay is not None and (pay.min, pay.max) == (95000, 110000)


# ------------------------------------------------------------------------------------------------
# Annual figures


@pytest.mark.parametrize(
    ("period", "factor"), [("year", 1), ("month", 12), ("week", 52), ("day", 260), ("hour", 2080)]
)
def test_annual_figures_follow_the_period(period: str, factor: int) -> None:
    pay = Pay(10.0, 20.0, "USD", period, "base", "x")
    assert pay.annual_min == 10.0 * factor and pay.annual_max == 20.0 * factor
    assert Pay(None, 20.0, "USD", period, "base", "x").annual_min is None


@pytest.mark.parametrize("text", [t for t, _ in PAY_CASES])
def test_annual_figures_are_consistent(text: str) -> None:
    pay = parse_pay(text)
    assert pay is not None
    lo, hi = pay.annual_min, pay.annual_max
    if lo is not None and hi is not None:
        assert lo <= hi
    for value, annual in ((pay.min, lo), (pay.max, hi)):
        assert (value is None) == (annual is None)
        if value is not None and annual is not None:
            assert annual >= value
    d = pay.to_dict()
    assert d["annual_min"] == lo and d["annual_max"] == hi and d["text"] == pay.text
    json.dumps(d)


def test_hourly_and_yearly_forms_of_one_wage_agree() -> None:
    hourly = parse_pay("Pay: $50 per hour")
    yearly = parse_pay("Salary: $104,000 per year")
    assert hourly is not None and yearly is not None
    assert hourly.annual_min == yearly.annual_min == 104000


# ------------------------------------------------------------------------------------------------
# Years of experience: text -> (min, max)

YEARS_CASES = [
    ("Requirements:\n- 5+ years of experience in sales operations", (5, None)),
    ("3-5 years of experience with Salesforce.", (3, 5)),
    ("You have at least 4 years in revenue operations.", (4, None)),
    ("A minimum of two years managing a CRM.", (2, None)),
    ("Five or more years of experience in RevOps.", (5, None)),
    ("2–4+ years of experience in Salesforce administration.", (2, 4)),
    ("- 7+ yrs in B2B SaaS", (7, None)),
    ("10+ years' experience leading sales teams.", (10, None)),
    ("Between 3 and 5 years of experience in forecasting.", (3, 5)),
    ("Minimum five (5) years of professional experience in nonprofit finance.", (5, None)),
    ("- 5 years or more in the CRO/pharmaceutical industry", (5, None)),
    ("Demonstrated experience (5 years) in content development.", (5, None)),
    ("• 6+years of backend development", (6, None)),
    ("Bachelor's degree plus 3 years of professional experience as an analyst.", (3, None)),
]


@pytest.mark.parametrize(("text", "expected"), YEARS_CASES)
def test_parse_years(text: str, expected: tuple[float, float | None]) -> None:
    years = parse_years(text)
    assert years is not None
    assert (years.min, years.max) == expected
    assert years.text in text
    assert years.to_dict() == {"min": years.min, "max": years.max, "text": years.text}


NOT_YEARS = [
    "Founded 10 years ago, we now serve 2,000 customers.",
    "We have seen 10 years of growth.",
    "Our team has 20 years of experience in the industry.",
    "Acme has been the leader in logistics for over 12 years.",
    "Named a Best Place to Work three years in a row.",
    "Options come with a 10-year exercise window.",
    "Paid sabbatical after 6 years of service.",
    "Over the past five years our revenue grew 40% each year.",
    "In just two years, we've reached 1M users.",
    "We match 401k contributions; applicants must be 18 years old.",
    "Salary: $150,000 per year, 25 days of leave per year.",
    "Parental leave applies once you've been employed for at least 1 year at Acme.",
    "- Paid sabbatical leave after 4 years with the company",
]


@pytest.mark.parametrize("text", NOT_YEARS)
def test_time_spans_are_not_requirements(text: str) -> None:
    assert parse_years(text) is None


def test_main_requirement_is_the_first_and_skips_company_age() -> None:
    text = (
        "Acme has pushed the boundaries of payments for over 12 years; as our analyst you own forecasts.\n"
        "Requirements:\n- 4+ years of experience in sales operations\n- 2+ years with Salesforce"
    )
    years = parse_years(text)
    assert years == Years(4.0, None, "4+ years")


# ------------------------------------------------------------------------------------------------
# Real postings (read at run time, never committed)


def _load_eval() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_pay", ROOT / "scripts" / "eval_pay.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not DEV.exists(), reason="../shared/data/postings/dev_postings.jsonl is not here")
def test_dev_postings_accuracy_does_not_drop() -> None:
    ev = _load_eval()
    rows = ev.load(DEV)
    ours, _ = ev.evaluate(rows, ev.ours_pay, ev.ours_years)
    base, _ = ev.evaluate(rows, ev.baseline_pay, ev.baseline_years)
    # figures reached on the dev split (167 postings, 97 with years_min); one posting's label is a
    # perk ("$1,200/yr" of event credits), which the parser rightly refuses to call pay; two labels
    # say USD for a bare "$" under "CAN base pay range per year:", which the parser reads as CAD
    assert ours["min_exact_pct"] >= 99.4
    assert ours["max_exact_pct"] >= 99.4
    assert ours["currency_exact_pct"] >= 98.2
    assert ours["period_exact_pct"] >= 99.4
    assert ours["years_exact_pct"] >= 100.0
    for key in ("both_exact_pct", "years_exact_pct"):
        assert ours[key] > base[key]


# The floors per split (both = min and max exact), as the README and evals/README record them after each
# round's fixes; a split not listed keeps the default.
_BROAD_FLOORS = {"both": 98.6, "period": 99.0, "currency": 100.0, "years": 98.6}
_BROAD_SPLIT_FLOORS = {
    "tune": {"both": 100.0, "years": 100.0},
    "held_out_2": {"both": 100.0, "years": 100.0},
    "held_out_6": {"both": 100.0},
    "held_out_7": {"years": 100.0},
    "held_out_8": {"both": 100.0, "years": 100.0},
    "held_out_9": {"both": 100.0, "years": 99.0},
    "held_out_10": {"both": 99.0, "period": 99.0, "currency": 99.0, "years": 100.0},  # its ARS typo
    "held_out_11": {"both": 99.0, "years": 97.0},
    "held_out_12": {"both": 98.0, "years": 100.0},
    "held_out_13": {"both": 100.0, "period": 100.0, "years": 100.0},
    "held_out_14": {"both": 99.0, "period": 99.0, "currency": 99.0, "years": 99.0},
    "held_out_15": {"both": 99.0, "period": 100.0, "years": 100.0},
    "held_out_16": {"both": 98.0, "currency": 99.0, "years": 99.0},
    "held_out_17": {"both": 98.0, "period": 98.0, "currency": 98.0, "years": 95.0},
    "held_out_18": {"both": 100.0, "period": 100.0, "years": 98.5},
    "held_out_19": {"both": 99.4, "period": 100.0, "years": 98.0},
    "held_out_20": {"years": 99.5},
    "held_out_21": {"years": 97.5},
    "held_out_22": {"years": 98.0},
}


@pytest.mark.skipif(not DEV.exists(), reason="../shared/data/postings is not here")
def test_broad_hand_labels_do_not_drop() -> None:
    """The per-split figures of evals/pay_broad_labels.jsonl the README records (after each round's fixes)."""
    ev = _load_eval()
    labels, texts = ev.load_broad(DEV.parent)
    ours = ev.evaluate_broad(labels, texts, ev.ours_pay, ev.ours_years)
    for split, fig in ours.items():
        floors = {**_BROAD_FLOORS, **_BROAD_SPLIT_FLOORS.get(split, {})}
        if fig["pay_postings"]:
            assert fig["both_exact_pct"] >= floors["both"], split
            assert fig["period_exact_pct"] >= floors["period"], split
            assert fig["currency_exact_pct"] >= floors["currency"], split
        assert fig["years_exact_pct"] >= floors["years"], split


def test_empty_text() -> None:
    assert parse_pay("") is None and parse_all_pay("") == [] and parse_years("") is None
