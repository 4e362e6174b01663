"""Pay and years shapes from issue 13, in synthetic wording: each is a general rule, tried on several forms."""

from __future__ import annotations

import pytest

from skillmatch.read.pay import parse_all_pay, parse_pay, parse_years

# ------------------------------------------------------------------------------------------------
# A bonus, equity or commission line after the base range leaves the base range alone: a period word
# starting the next line ("Annual ...") is not the range's unit, and the next line's words are not
# the range's.

BASE_THEN_EXTRA_LINE = [
    "Pay\nBase pay: $104,000 - $131,000\nAnnual Incentive Target: 12%\nStock: RSUs",
    "Base compensation: $88,500 - $97,250\nYearly bonus potential of 10%",
    "Salary band: $140k - $175k USD\nAnnual bonus target: 20% of base",
    "Base salary range: $112,000 - $140,000\n\nMonthly commission paid on closed deals",
    "Base: $120,000 - $150,000\nEquity: 0.05% - 0.10%, vesting over four years",
    "Base salary: $104k–$131k | Yearly Incentive Target: 12% | Stock",
    "Base salary: $104k–$131k • Annual Bonus: 12% of base",
    "Salary band: $104,000 - $131,000 Annual Incentive Target: 12%",
]


@pytest.mark.parametrize("text", BASE_THEN_EXTRA_LINE)
def test_bonus_or_equity_line_after_the_base_keeps_the_base(text: str) -> None:
    pay = parse_pay(text)
    assert pay is not None and pay.kind == "base" and pay.period == "year"
    assert pay.min is not None and pay.max is not None and pay.min < pay.max
    assert pay.min >= 80000


def test_bonus_line_with_money_after_the_base_is_not_chosen() -> None:
    text = "Base salary: $101,000 - $119,000\nAnnual bonus target: $15,000"
    pay = parse_pay(text)
    assert pay is not None and (pay.min, pay.max) == (101000, 119000)
    assert [(p.min, p.max) for p in parse_all_pay(text)] == [(101000, 119000)]


def test_a_period_on_the_next_line_is_not_attached() -> None:
    pay = parse_pay("Salary: $96,000 - $118,000\nannually reviewed against the market")
    assert pay is not None and (pay.min, pay.max, pay.period) == (96000, 118000, "year")


# ------------------------------------------------------------------------------------------------
# A lone figure that carries its own unit is a pay even with no pay word around it.

LONE_WITH_UNIT = [
    ("What you get:\n- $41 per hour\n- a laptop", (41, 41, "USD", "hour")),
    ("- $29.50/hr", (29.5, 29.5, "USD", "hour")),
    ("* £2,900 per month, paid on the last working day", (2900, 2900, "GBP", "month")),
    ("The offer:\n  - CAD 33 per hour\n  - four-day weeks", (33, 33, "CAD", "hour")),
]


@pytest.mark.parametrize(("text", "expected"), LONE_WITH_UNIT)
def test_lone_figure_with_a_unit_is_pay(text: str, expected: tuple[float, float, str, str]) -> None:
    pay = parse_pay(text)
    assert pay is not None
    assert (pay.min, pay.max, pay.currency, pay.period) == expected


def test_period_word_before_extra_pay_belongs_to_it() -> None:
    for text in ("A $12,000 yearly incentive.", "$8,000 - $9,000 annual bonus", "$90 monthly home-office stipend"):
        assert parse_all_pay(text) == []


def test_lone_figure_after_a_period_label_is_pay() -> None:
    pay = parse_pay("- Hourly: $36")
    assert pay is not None and (pay.min, pay.max, pay.period) == (36, 36, "hour")


LONE_WITH_UNIT_NOT_PAY = [
    "- $45/month phone allowance",
    "- $60 per month toward your internet",
    "We have saved our customers over $14,000 annually in taxes.",
    "- $12 per month",  # too small to be a wage at any period
]


@pytest.mark.parametrize("text", LONE_WITH_UNIT_NOT_PAY)
def test_lone_figure_with_a_unit_still_needs_to_be_pay(text: str) -> None:
    assert parse_all_pay(text) == []


# ------------------------------------------------------------------------------------------------
# A qualifier in brackets between the label and the figures is skipped: its words (even "cost" or
# "bonus") and its full stops are not the statement's. A bracketed name says what the figure is.

QUALIFIED_LABEL = [
    "Pay band (set by the cost of living in the hire's region): $97,000 - $121,000",
    "Salary range (varies by region; excludes bonus and stock): $97,000 - $121,000",
    "Base salary (e.g. for a hire in Denver, before any equity): $97,000 - $121,000",
    "Pay band [which reflects the local labour market]:\n$97,000 - $121,000",
    "Compensation (final offer depends on level (L3 or L4) and location): $97,000 - $121,000 per year",
]


@pytest.mark.parametrize("text", QUALIFIED_LABEL)
def test_bracketed_qualifier_between_label_and_figures_is_skipped(text: str) -> None:
    pay = parse_pay(text)
    assert pay is not None and (pay.min, pay.max, pay.period, pay.kind) == (97000, 121000, "year", "base")


def test_bracketed_name_still_says_what_the_figure_is() -> None:
    text = "Base salary: $70,000 - $82,000\nExtra pay (Annual Discretionary Bonus): $4,000 - $6,000"
    assert [(p.min, p.max) for p in parse_all_pay(text)] == [(70000, 82000)]
    assert parse_all_pay("Learning (Stipend): $1,500") == []


# ------------------------------------------------------------------------------------------------
# A wrongly grouped end of a range is read at the other end's scale, or the statement is refused:
# it never becomes an hourly wage.

SLIPPED_GROUP = [
    ("Base pay: $131,00 - $158,000 CAD", (131000, 158000, "CAD")),
    ("Base pay: $131,000 - $158,00 per year", (131000, 158000, "USD")),
    ("Base pay: $131,0000 - $158,000", (131000, 158000, "USD")),
    ("Base pay: €64,000 - €79.00", (64000, 79000, "EUR")),
    ("The range is between $131,00 and $158,000.", (131000, 158000, "USD")),
]


@pytest.mark.parametrize(("text", "expected"), SLIPPED_GROUP)
def test_slipped_group_is_read_at_the_other_ends_scale(text: str, expected: tuple[float, float, str]) -> None:
    pay = parse_pay(text)
    assert pay is not None
    assert (pay.min, pay.max, pay.currency, pay.period) == (*expected, "year")
    assert [(p.min, p.max) for p in parse_all_pay(text)] == [expected[:2]]


SLIPPED_REFUSED = [
    "Base pay: $13,00 - $158,000",  # 13,000 is not the scale of 158,000
    "Base pay: $131,40 - $158,000",  # 131,400 or 131,040: cannot tell
    "Base pay: $1310,000 - $158,000",
    "Base pay: $131,0000",
]


@pytest.mark.parametrize("text", SLIPPED_REFUSED)
def test_slipped_group_that_cannot_be_read_is_refused(text: str) -> None:
    assert parse_all_pay(text) == []


def test_decimal_wages_are_not_slipped_groups() -> None:
    pay = parse_pay("Hourly pay: 14,50 € - 17,00 € per hour")
    assert pay is not None and (pay.min, pay.max, pay.currency, pay.period) == (14.5, 17.0, "EUR", "hour")
    pay = parse_pay("Rate: $38.00 - $44.00/hr")
    assert pay is not None and (pay.min, pay.max, pay.period) == (38.0, 44.0, "hour")


# ------------------------------------------------------------------------------------------------
# Where the pay starts, stated as one figure, is that figure (min == max); the top is open only when
# the text leaves it open.

ONE_STATED_FIGURE = [
    ("The monthly salary starts at 4,200 € per month.", (4200, 4200, "EUR", "month")),
    ("Our offer starts at 4.200 € per month, gross.", (4200, 4200, "EUR", "month")),
    ("Pay starts at $31/hour.", (31, 31, "USD", "hour")),
    ("Salary: starting from £47,000", (47000, 47000, "GBP", "year")),
    ("Salary: starting at: $86,000", (86000, 86000, "USD", "year")),
]


@pytest.mark.parametrize(("text", "expected"), ONE_STATED_FIGURE)
def test_where_the_pay_starts_is_one_figure(text: str, expected: tuple[float, float, str, str]) -> None:
    pay = parse_pay(text)
    assert pay is not None
    assert (pay.min, pay.max, pay.currency, pay.period) == expected


OPEN_TOP = [
    "Salary: at least $86,000 per year",
    "Minimum salary of $86,000",
    "Salary: $86,000 or more, by level",
    "Salary: starting at $86,000+",
    "Salary from $86,000 depending on experience",
]


@pytest.mark.parametrize("text", OPEN_TOP)
def test_open_top_only_when_the_text_leaves_it_open(text: str) -> None:
    pay = parse_pay(text)
    assert pay is not None and (pay.min, pay.max) == (86000, None)


def test_minimum_and_maximum_labels_with_more_words_form_a_range() -> None:
    text = "The role has a minimum annual salary of $97,400 and a maximum annual salary of $141,600."
    pay = parse_pay(text)
    assert pay is not None and (pay.min, pay.max) == (97400, 141600)


# ------------------------------------------------------------------------------------------------
# Years: a requirement on one tool listed first gives way to a general one that follows; otherwise
# the first requirement stays the main one.

MAIN_YEARS = [
    ("You bring:\n- 9+ years of Kotlin\n- 6+ years of professional experience", 6),
    ("Must have:\n* 7 years with HubSpot\n* 4 years of relevant experience in revenue teams", 4),
    ("- 6+ years of experience with Tableau\n- 3+ years of experience in marketing operations", 3),
    ("- 5 years with Looker.\n- 2 years' total work experience", 2),
    # the first one is not on a tool: it stays
    ("- 5+ years of experience in sales operations\n- 2+ years of professional experience in SQL", 5),
    ("- 4+ years of professional experience with Python\n- 2+ years of relevant experience", 4),
    ("- 3+ years in deal desk roles\n- 6+ years with Salesforce", 3),
    # a general one that is only an alternative ("or ...") does not take over
    ("A minimum of 6 years of experience with Oracle, or four (4) years of experience in a similar team", 6),
    # a tool-specific first with no general one after it stays
    ("- 5+ years with Salesforce\n- 2+ years of experience leading a team", 5),
    # found on the broad postings sample: "N years of <Tool> experience" is on a tool too
    ("8+ years of React experience. 5+ years of professional experience", 5),
    ("- 6+ years of Kotlin development experience\n- 4+ years of relevant work experience", 4),
    ("- 7 years of HubSpot and Salesforce experience\n- 5 years of experience in revenue operations", 5),
    ("Must have 9+ years of hands-on Terraform experience and 6+ years of industry experience.", 6),
    # a capitalised field ("SaaS Sales", "B2B") is not a tool: the first one stays
    ("- 5+ years of SaaS Sales experience\n- 3+ years of Salesforce experience", 5),
    ("- 6+ years of Software Engineering experience\n- 2+ years of Go experience", 6),
    ("- 4 years of B2B experience\n- 2 years of experience in forecasting", 4),
]


@pytest.mark.parametrize(("text", "expected"), MAIN_YEARS)
def test_main_years_requirement_is_the_general_one(text: str, expected: float) -> None:
    years = parse_years(text)
    assert years is not None and years.min == expected


TYPO_YEARS = [
    ("You have at least three of years experience in a RevOps team.", 3),
    ("- Minimum 4 of years of experience as an analyst", 4),
]


@pytest.mark.parametrize(("text", "expected"), TYPO_YEARS)
def test_stray_of_before_years_is_tolerated(text: str, expected: float) -> None:
    years = parse_years(text)
    assert years is not None and years.min == expected


def test_stray_of_only_before_experience() -> None:
    assert parse_years("Two of years past were our best.") is None


# ------------------------------------------------------------------------------------------------
# Shapes of the held-out misses (issue 13, second round), in invented wording.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pay band: $88,000- $97,500- $107,000", (88000, 107000)),
        ("Salary Range (minimum - midpoint - maximum): $62,400 - $70,200 - $78,000 per year", (62400, 78000)),
        ("Target pay: $41,000 – $46,000 – $51,000", (41000, 51000)),
    ],
)
def test_a_min_mid_max_chain_reads_min_and_max(text: str, expected: tuple[int, int]) -> None:
    pay = parse_pay(text)
    assert pay is not None and (pay.min, pay.max, pay.period) == (*expected, "year")


@pytest.mark.parametrize(
    "text",
    [
        "Salary: $90,000 - $80,000 - $95,000",  # not rising: not a min/mid/max
        "Pay steps: $70,000 - $75,000 - $80,000 - $85,000",  # a longer chain is a step table
        "Employer HSA deposit: $500-$750-$1,000 per year by coverage tier",
    ],
)
def test_other_chains_are_still_refused(text: str) -> None:
    assert parse_pay(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Compensation: $6,200/mos", (6200, "month")),
        ("Pay: $4,750 per mo, paid biweekly", (4750, "month")),
        ("Salary: 3,900 USD/mo", (3900, "month")),
    ],
)
def test_short_month_units(text: str, expected: tuple[int, str]) -> None:
    pay = parse_pay(text)
    assert pay is not None and (pay.min, pay.period) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Perks:\n- $150/mos Home Internet and Phone Stipend\n- Unlimited PTO",
        "Up to $18,000 Adoption and Surrogacy Benefit",
        "- $2,500 Learning & Development Allowance every year",
        "Includes $300/mo Commuter and Parking Reimbursement",
    ],
)
def test_a_perk_named_after_the_amount_is_not_pay_even_across_and(text: str) -> None:
    assert parse_pay(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Salary: $112,000 and benefits", (112000, 112000)),
        ("Base pay: $105k - $125k DOE and a full benefits package", (105000, 125000)),
        ("Compensation: $140,000 plus equity and benefits", (140000, 140000)),
        ("Salary $98,000 Base Salary and Benefits", (98000, 98000)),
    ],
)
def test_pay_followed_by_and_benefits_stays_pay(text: str, expected: tuple[int, int]) -> None:
    pay = parse_pay(text)
    assert pay is not None and (pay.min, pay.max) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a named area ("in Event Streaming") gives way to a later general requirement
        (
            "- 4+ years of hands-on experience in Event Streaming and Messaging\n- 11+ years of professional Java work",
            11,
        ),
        # "experience working with" lowercase tools is on the tools
        (
            "- 2+ years of experience working with observability and alerting tools\n"
            "- A degree in physics and six years of experience in network operations",
            6,
        ),
        # a field in capitals is not a named area: it stays
        ("- 5+ years of experience in Software Engineering\n- 3+ years of professional experience", 5),
        # a relaxed bar after a tool requirement does not take over
        (
            "- Minimum 4 years of experience in Drupal theming.\n"
            "- We also consider candidates with 2 to 4 years of experience.",
            4,
        ),
    ],
)
def test_a_specific_requirement_loses_to_a_later_general_one(text: str, expected: float) -> None:
    years = parse_years(text)
    assert years is not None and years.min == expected
