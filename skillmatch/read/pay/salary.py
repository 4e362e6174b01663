"""Pay statements: amounts joined into ranges, kept when the words around them say pay; the main base pay."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .clauses import _clause_before, _last, _words_after
from .currency import _HIGH_WAGE, _dollar_of_place, _dollar_stated, _period_by_size, _plausible
from .model import Pay
from .patterns import (
    _BASE_PAY,
    _BASE_WORDS,
    _BETWEEN_BEFORE,
    _BRACKETED,
    _CONNECT,
    _FLOOR,
    _FROM,
    _LOOSE,
    _LOOSE_AND,
    _MAX_LABEL,
    _MIN_LABEL,
    _NOT_PAY_AFTER,
    _NOT_PAY_AND,
    _NOT_PAY_BEFORE,
    _NOT_PAY_NEAR,
    _OPEN_AFTER,
    _OPEN_TOP,
    _OTE_WORDS,
    _PAY_WORDS,
    _PERIOD_BEFORE,
    _PERIOD_LABEL,
    _STRONG_PAY,
    _TOP_EARNERS,
    _TOTAL_WORDS,
    _UP_TO,
)
from .tokens import _period_name, _Token, _tokens


@dataclass(frozen=True)
class _Found:
    pay: Pay
    start: int
    end: int
    context: int  # 3 strong pay word in the clause or over its list, 2 pay word in the clause, 1 nearby, 0 none


def _list_label(text: str, start: int) -> str:
    """The label line over the list an amount's line sits in ("the salary range for this position is:"
    above "- Southern region: $X - $Y"), or "".

    Walks up over the list's other rows (lines with a figure, bare bullets) and at most one blank line;
    a line of prose ends the walk.
    """
    above = text[max(0, start - 600) : text.rfind("\n", 0, start) + 1].split("\n")[:-1]
    blanks = 0
    for line in reversed(above[-8:]):
        stripped = line.strip()
        if not stripped:
            blanks += 1
            if blanks > 1:
                break
            continue
        if stripped.endswith(":"):
            return stripped
        if not any(ch.isdigit() for ch in stripped) and stripped.strip("-–•*· ") != "":
            break
    return ""


def _partner(text: str, toks: list[_Token], i: int) -> tuple[int, bool] | None:
    """The index of the token that closes a range opened by toks[i], and whether the join is tight."""
    a = toks[i]
    if i + 1 < len(toks):
        b = toks[i + 1]
        between = text[a.period_end : b.start]
        if a.currency is not None and b.prefixed and between.count("\n") <= 1 and not between.strip():
            return i + 1, True  # "€68.000€100.000", a range whose dash was lost
        if _CONNECT.match(between) and between.strip(" ."):
            return i + 1, True
        if _BRACKETED.match(between) or _LOOSE.match(between):
            return i + 1, False
        if _BETWEEN_BEFORE.search(text[max(0, a.start - 25) : a.start]) and _LOOSE_AND.match(between):
            return i + 1, False
    # "Min: $91,800  Mid: $112,500  Max: $133,100", "Minimum Salary $X, Maximum Salary $Y"
    if _MIN_LABEL.search(text[max(0, a.start - 30) : a.start]):
        for j in range(i + 1, min(i + 4, len(toks))):
            b = toks[j]
            if b.start - a.end > 160:
                break
            if _MAX_LABEL.search(text[max(0, b.start - 30) : b.start]):
                return j, False
    return None


# currencies written with a comma between thousands: "$173,00" there is a lost zero, not cents
_COMMA_THOUSANDS = {"", "USD", "CAD", "AUD", "NZD", "GBP", "SGD", "HKD", "INR"}


def _lost_zero(text: str, t: _Token) -> bool:
    """Is t a "173,00"-like figure (comma, then only zeros) in a comma-thousands currency, with no unit?"""
    return (
        t.head is not None
        and not t.slip
        and t.period is None
        and (t.currency or "") in _COMMA_THOUSANDS
        and "," in text[t.start : t.end]
    )


def _min_mid_max(a: _Token, b: _Token, c: _Token) -> bool:
    """Are a, b, c three well-formed rising amounts of one scale (a minimum, a midpoint, a maximum)?"""
    plain = all(not (t.slip or t.big or t.has_mult or t.decimals) for t in (a, b, c))
    return plain and a.currency is not None and a.value < b.value < c.value <= 10 * a.value


def _statements(text: str) -> list[_Found]:
    toks = _tokens(text)
    found: list[_Found] = []
    i = 0
    while i < len(toks):
        a = toks[i]
        joined = _partner(text, toks, i)
        if joined is not None and (a.currency is not None or toks[joined[0]].currency is not None):
            j, tight = joined
            b = toks[j]
            # a chain of amounts ("$136,611- $151,437- $166,263"): three rising ones are a minimum, a
            # midpoint and a maximum, read as the range min - max; any other chain is refused
            # (an amount, not "6 month term" after "$40 - $45 per hour - ")
            if (
                tight
                and j + 1 < len(toks)
                and toks[j + 1].currency is not None
                and _CONNECT.match(text[b.period_end : toks[j + 1].start])
            ):
                k = j + 1  # the chain's last amount
                while k + 1 < len(toks) and _CONNECT.match(text[toks[k].period_end : toks[k + 1].start]):
                    k += 1
                if k == j + 1 and _min_mid_max(a, b, toks[k]):
                    f = _make(text, a, toks[k], a.value, toks[k].value)
                    if f is not None:
                        found.append(f)
                i = k + 1
                continue
            lo, hi = a.value, b.value
            # a wrongly grouped end ("$120,00 to $160,000", "$120,0000 - $160,000") is read at the scale
            # of the other, well-formed end, or the statement is refused; never "$120 an hour"
            odd_a = a.slip or (a.decimals and lo < 1000 and hi >= 10000)
            odd_b = b.slip or (b.decimals and hi < 1000 and lo >= 10000)
            if odd_a or odd_b:
                odd = a if odd_a else b
                scaled = None if odd_a and odd_b or odd.head is None else odd.head * 1000
                if scaled is not None and odd_a and scaled <= hi <= 10 * scaled:
                    lo = scaled
                elif scaled is not None and odd_b and lo <= scaled <= 10 * lo:
                    hi = scaled
                else:
                    i = j + 1
                    continue
            elif _lost_zero(text, a) and _lost_zero(text, b) and 10 <= lo <= hi < 1000:
                lo, hi = lo * 1000, hi * 1000  # "$173,00 to $213,00": a zero lost at both ends
            elif b.has_mult and not a.has_mult and lo < 1000:
                lo *= b.scale  # "£95-115k", "₹ 18-22 Lakhs"
            elif a.has_mult and not b.has_mult and hi < 1000:
                hi *= a.scale  # "$95k-135"
            elif not a.has_mult and not a.decimals and lo < 1000 and hi >= 10000 and lo * 1000 <= hi:
                lo *= 1000  # "$110-145,000"
            elif lo > hi and hi / 4 <= lo / 10 <= hi:
                lo /= 10  # "PHP 450,000.00 - 55,000.00": an extra zero on the low end
            if lo <= hi <= lo * 10 and not (a.big or b.big):
                f = _make(text, a, b, lo, hi)
                if f is not None:
                    found.append(f)
                i = j + 1
                continue
        if a.currency is not None and not a.big and not a.slip:
            f = _make(text, a, None, a.value, a.value)
            if f is not None:
                found.append(f)
        i += 1
    return _without_conversions(text, found)


_CONVERSION_GAP = re.compile(
    r"[^.;\n()$€£]{0,60}\([ \t]*(?:approx\w*\.?|about|around|ca\.|~|≈|i\.e\.,?|or)?[ \t]*$", re.I
)


def _without_conversions(text: str, found: list[_Found]) -> list[_Found]:
    """Drop a statement in brackets just after one of another currency, in the same clause: it restates it
    converted ("7000 up to 22.000 PLN/month +VAT on a B2B contract ( $1600 - $4900/month )"), it is not a
    second pay."""
    kept: list[_Found] = []
    for f in found:
        prev = kept[-1] if kept else None
        if (
            prev is not None
            and f.pay.currency != prev.pay.currency
            and _CONVERSION_GAP.fullmatch(text, prev.end, f.start)
            and text[f.end : f.end + 3].lstrip().startswith(")")
        ):
            continue
        kept.append(f)
    return kept


# a benefit sized as a multiple of salary ("employer paid 1x salary up to $250,000"): not pay
_SALARY_MULTIPLE = re.compile(r"\b\d+(?:\.\d+)?\s*[x×]\s+(?:(?:annual|base|your)\s+)*salary\b", re.I)
# the salary's own budget: "salary aligned with your experience, within the budget of €60-85k"
_PAY_BUDGET = re.compile(
    r"\b(?:salary|pay|compensation)\b[^.;\n]{0,80}\b(?:within|in)[ \t]+(?:the|a|our)[ \t]+budget[ \t]+of[ \t]*$"
    r"|\b(?:salary|pay|compensation)[ \t]+budget[ \t]+(?:of|is|:)?[ \t]*$",
    re.I,
)
# a perk named as a package is no pay word: "Sustainable Mobility Package up to €700"
_PERK_PACKAGE = re.compile(
    r"\b(?:mobility|transport\w*|commut\w*|relocation|benefits?|insurance|pension|wellness|perks?)[ \t]+package\b",
    re.I,
)
# "$175k Base" in a compensation breakdown: the base pay
_BASE_AFTER = re.compile(r"[ \t]*(?:base|basic)\b(?![ \t]*(?:on|upon))", re.I)


def _make(text: str, a: _Token, b: _Token | None, lo: float, hi: float) -> _Found | None:
    last = b or a
    start, end = a.start, last.period_end
    # currency: an ISO code anywhere in the statement, else a specific sign, else "$" -> USD
    # ("CA$160,000—$200,000 USD" after "San Francisco, CA" is USD: the code outweighs the glued sign)
    coded = [t.currency for t in (a, b) if t is not None and t.currency and t.coded]
    signs = coded or [t.currency for t in (a, b) if t is not None and t.currency]
    currency = signs[0] if signs else _dollar_stated(text, start, end) or _dollar_of_place(text, start, end)
    # what the statement is, from the words around it
    before = _clause_before(text, start)
    after = _words_after(text, end)
    pay_at = _last(_PAY_WORDS, _PERK_PACKAGE.sub(lambda m: " " * len(m.group(0)), before))
    # words after a range say what it is, unless the label before already names base pay: then they
    # begin the next statement ("Salary range: $130k - $160k Annual Bonus Target: 15%")
    named_base = b is not None and _last(_BASE_PAY, before) > _last(_NOT_PAY_BEFORE, before)
    if (_NOT_PAY_AFTER.match(after) or last.extra) and not named_base:
        return None
    perk = _NOT_PAY_AND.match(text, end, end + 80)
    if perk and not named_base and not _PAY_WORDS.search(perk.group(0)) and not _PERIOD_BEFORE.search(perk.group(0)):
        return None  # "$25,000 Fertility and Family Building Benefit"
    not_pay_at = -1 if _PAY_BUDGET.search(before) else _last(_NOT_PAY_BEFORE, before)
    if (not_pay_at > pay_at or _NOT_PAY_NEAR.search(before) or _SALARY_MULTIPLE.search(before)
            or _TOP_EARNERS.search(before)):
        return None
    strong_after = _STRONG_PAY.match(after.strip()) or _BASE_AFTER.match(text, end)
    if _STRONG_PAY.search(before) or strong_after or _STRONG_PAY.search(_list_label(text, start)):
        context = 3
    elif pay_at >= 0 or _PAY_WORDS.search(after):
        context = 2
    elif _PAY_WORDS.search(text[max(0, start - 250) : start]):
        context = 1
    else:
        context = 0
    if _last(_TOTAL_WORDS, before) > _last(_BASE_WORDS, before):
        context = max(context - 1, 0)  # a total package ranks below a base pay stated beside it
    # period: attached > named just before > by size
    period = last.period or a.period
    if period is None:
        named = list(_PERIOD_BEFORE.finditer(before[-60:]))
        if named:
            pm = named[-1]
            period = "day" if pm.group("w").lower() == "day rate" else _period_name(pm.group("w"))
    by_size = period is None
    if period is None:
        period = _period_by_size(hi, currency)
        if period is None:
            return None
    floor = 8000 if currency in _HIGH_WAGE and context < 3 else 2500
    if not _plausible(lo, hi, currency, period, floor):
        return None
    own_unit = a.period is not None or bool(_PERIOD_LABEL.fullmatch(before))
    if b is None and context == 0 and not own_unit and (by_size and period != "year" or not by_size):
        # a lone amount with no pay words is a pay when it carries its own unit ("- $38 per hour"),
        # else it must at least look like a yearly salary
        return None
    if by_size and period == "month" and b is None and context < 2:
        return None
    ote_at = _last(_OTE_WORDS, before)
    ote = (ote_at >= 0 and ote_at > _last(_BASE_WORDS, before)) or bool(_OTE_WORDS.match(after.strip()))
    pre = text[max(0, start - 25) : start]
    p_min: float | None = lo
    p_max: float | None = hi
    if b is None:
        if _UP_TO.search(pre):
            p_min = None
        elif (
            last.plus
            or _FLOOR.search(pre)
            or _OPEN_TOP.match(text[end : end + 40])
            or (_FROM.search(pre) and _OPEN_AFTER.match(text[end : end + 60]))
        ):
            p_max = None  # "$75k+", "at least $X", "$X or more", "from $X depending on experience"
    pay = Pay(p_min, p_max, currency, period, "ote" if ote else "base", text[start:end].strip())
    return _Found(pay, start, end, context)


def parse_all_pay(text: str) -> list[Pay]:
    """Every pay statement in a posting, in the order they appear.

    Args:
        text: the posting as plain text.

    Returns:
        One :class:`Pay` per salary, wage or OTE statement; money that is not pay ("$2M ARR",
        "raised $50M", "$1,000 learning stipend", "401k") is left out.
    """
    return [f.pay for f in _statements(text)]


def parse_pay(text: str) -> Pay | None:
    """The main base pay of a posting.

    Args:
        text: the posting as plain text.

    Returns:
        The base pay statement with the strongest pay wording around it (the first on a tie); an OTE
        statement only when the posting states no base pay; None when no pay is stated.
    """
    found = _statements(text)
    if not found:
        return None
    base = [f for f in found if f.pay.kind == "base"]
    pool = base or found
    best = max(f.context for f in pool)
    main = next(i for i, f in enumerate(found) if f in pool and f.context == best)
    return _tier_span(text, found, main)


_SENTENCE_END = re.compile(r"[.!?;]\s")
_MONEY = re.compile(r"[$€£¥₹]\s?\d")  # other money between two rates (a bonus, an equity line): no tier list


def _tier_span(text: str, found: list[_Found], main: int) -> Pay:
    """The main statement, widened to the tier list it heads: rates of one currency, period and kind in
    a row (one block, under 150 characters apart), at least one of them a single rate ("Freshman:
    $30.00/hour ... PhD: $40.00/hour", "$18/hour (undergraduate) / $23-25/hour (masters)") read lowest -
    highest. A table of ranges only (a zone table) is read at its first row; a new sentence ends the list
    ("$145,000/year. Total compensation includes $15,000/year of equity")."""
    pay = found[main].pay

    def same(f: _Found) -> bool:
        return (f.pay.currency, f.pay.period, f.pay.kind) == (pay.currency, pay.period, pay.kind)

    run = [found[main]]
    for f in found[main + 1 :]:
        gap = text[run[-1].end : f.start]
        blank_line = "\n\n" in gap.replace(" ", "").replace("\t", "")
        if not same(f) or len(gap) > 150 or blank_line or _SENTENCE_END.search(gap) or _MONEY.search(gap):
            break
        run.append(f)
    if len(run) < 2 or all(f.pay.min != f.pay.max for f in run):
        return pay
    lows = [v for f in run for v in (f.pay.min, f.pay.max) if v is not None]
    return Pay(min(lows), max(lows), pay.currency, pay.period, pay.kind, text[run[0].start : run[-1].end].strip())
