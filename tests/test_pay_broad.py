"""Pay and years shapes found on the broad postings sample (issue 13), in synthetic wording.

Its not-pay money is in test_pay.NOT_PAY and its tool-then-general years in test_pay_shapes.MAIN_YEARS."""

from __future__ import annotations

import pytest

from skillmatch.read.pay import parse_pay, parse_years


def test_a_total_package_loses_to_the_base_pay_stated_beside_it() -> None:
    text = (
        "We offer a total compensation package range of $180,000 - $260,000, including a base pay "
        "range of $120,000 - $170,000 per year."
    )
    pay = parse_pay(text)
    assert pay is not None and (pay.min, pay.max, pay.period) == (120000, 170000, "year")


def test_a_total_package_alone_is_still_the_pay() -> None:
    pay = parse_pay("Total compensation range: $150,000 - $190,000")
    assert pay is not None and (pay.min, pay.max) == (150000, 190000)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The target base salary for this role ranges from $154,00 to $198,00, plus equity.", (154000, 198000)),
        ("Base salary: $96,00 - $121,00", (96000, 121000)),
    ],
)
def test_a_zero_lost_at_both_ends_of_a_dollar_range_is_thousands(text: str, expected: tuple[int, int]) -> None:
    pay = parse_pay(text)
    assert pay is not None and (pay.min, pay.max, pay.period) == (*expected, "year")


def test_comma_cents_in_a_euro_hourly_rate_stay_cents() -> None:
    pay = parse_pay("Rate: €54,00 - €61,00 per hour")
    assert pay is not None and (pay.min, pay.max, pay.period) == (54, 61, "hour")


# ------------------------------------------------------------------------------------------------
# Years (the tool-then-general cases are in test_pay_shapes.MAIN_YEARS).


def test_a_lone_tool_requirement_is_still_read() -> None:
    years = parse_years("Requirements:\n- 4+ years of Looker experience")
    assert years is not None and years.min == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("REQUIREMENTS\n- 6 years+ as a Data Engineer", 6),
        ("Qualifications: 3 years+ of experience in payroll.", 3),
        ("A degree in economics or related fields.7+ years of working experience in pricing.", 7),
        ("Strong SQL skills.4 years of analytics experience required.", 4),
    ],
)
def test_plus_after_years_and_a_glued_full_stop(text: str, expected: float) -> None:
    years = parse_years(text)
    assert years is not None and years.min == expected


def test_a_decimal_figure_is_not_cut_at_its_point() -> None:
    assert parse_years("Release 2.5 years old") is None
    years = parse_years("- 1.5 years of experience in sales support")
    assert years is not None and years.min == 1.5
