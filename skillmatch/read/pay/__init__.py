"""Pay ranges and years-of-experience requirements, read from the plain text of a job posting.

Rules only (regular expressions, a few word lists and price-parser for the numbers): cheap to import
and to run, no model.

Pay: every money amount is found with its currency symbol or code, its ``k`` multiplier and an
attached period (``/yr``, ``per hour``, ``gross/monthly`` ...). Two amounts joined by a dash, "to",
"~", "between ... and" or "... up to" form a range. A statement is kept only when its size is a
plausible salary for its period (per currency, roughly) and nothing beside it says it is something
else (a stipend, a bonus, funding, revenue, a credit ...). :func:`parse_pay` then picks the main base
pay: the statement with the strongest pay words around it, the first one on a tie.

Years: "5+ years", "3-5 years", "at least four years", "five or more years", "minimum of two (2)
years" ... are kept when they read as a requirement (followed by "of experience", "in", "as",
a skill, or said of the candidate) and dropped when they speak of the company or of time ("founded
10 years ago", "for over 12 years", "10 years of growth", "after 3 years", "a 10-year window").
"""

from __future__ import annotations

from .model import PERIODS, Pay, Years
from .salary import parse_all_pay, parse_pay
from .years import parse_years

__all__ = ["PERIODS", "Pay", "Years", "parse_all_pay", "parse_pay", "parse_years"]
