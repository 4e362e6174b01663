"""Old import path of :mod:`skillmatch.read.pay` (pay ranges and years of experience)."""

# shim: removed when the layout lands (issue 17)
from .read.pay import PERIODS, Pay, Years, parse_all_pay, parse_pay, parse_years

__all__ = ["PERIODS", "Pay", "Years", "parse_all_pay", "parse_pay", "parse_years"]
