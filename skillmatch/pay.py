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

import re
from dataclasses import dataclass

from price_parser import Price

__all__ = ["Pay", "Years", "parse_all_pay", "parse_pay", "parse_years"]

PERIODS = ("year", "month", "week", "day", "hour")
_ANNUAL = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080}


@dataclass(frozen=True)
class Pay:
    """One pay statement.

    Args:
        min: lower bound in ``currency`` per ``period``; None for "up to X".
        max: upper bound; None for an open top ("X+", "at least X", "minimum salary of X", "X or
            more", "from X depending on experience"). A single figure gives ``min == max``, also
            where the pay is said to start ("starts at X", "starting from X").
        currency: ISO 4217 code ("USD" when only a bare "$" is seen).
        period: "year", "month", "week", "day" or "hour".
        kind: "base", or "ote" for on-target earnings.
        text: the verbatim span of the posting it was read from.
    """

    min: float | None
    max: float | None
    currency: str
    period: str
    kind: str
    text: str

    def _annual(self, value: float | None) -> float | None:
        return None if value is None else value * _ANNUAL[self.period]

    @property
    def annual_min(self) -> float | None:
        """The lower bound per year (hour x 2080, day x 260, week x 52, month x 12)."""
        return self._annual(self.min)

    @property
    def annual_max(self) -> float | None:
        """The upper bound per year."""
        return self._annual(self.max)

    def to_dict(self) -> dict[str, object]:
        return {
            "min": self.min,
            "max": self.max,
            "currency": self.currency,
            "period": self.period,
            "kind": self.kind,
            "annual_min": self.annual_min,
            "annual_max": self.annual_max,
            "text": self.text,
        }


@dataclass(frozen=True)
class Years:
    """A years-of-experience requirement.

    Args:
        min: the lower bound ("3-5 years" -> 3, "5+ years" -> 5).
        max: the upper bound of a range ("3-5 years" -> 5, "2-4+ years" -> 4); None for a lone
            figure ("5+ years", "at least 5 years", "5 years of ...").
        text: the verbatim span it was read from.
    """

    min: float
    max: float | None
    text: str

    def to_dict(self) -> dict[str, object]:
        return {"min": self.min, "max": self.max, "text": self.text}


# --------------------------------------------------------------------------------------------------
# Currencies

# Rough units of each currency per US dollar. Only used to judge whether an amount is a plausible
# salary (an order of magnitude is enough), never to convert anything the caller sees.
# fmt: off
_PER_USD: dict[str, float] = {
    "USD": 1, "CAD": 1.35, "AUD": 1.5, "NZD": 1.65, "EUR": 0.92, "GBP": 0.79, "CHF": 0.9,
    "SEK": 10.5, "NOK": 10.5, "DKK": 6.9, "PLN": 4.0, "CZK": 23, "HUF": 360, "RON": 4.6, "BGN": 1.8,
    "MXN": 17, "BRL": 5, "ARS": 900, "COP": 4000, "CLP": 900, "PEN": 3.7, "INR": 83, "PKR": 280,
    "JPY": 150, "CNY": 7.2, "KRW": 1300, "TWD": 32, "SGD": 1.35, "HKD": 7.8, "PHP": 56, "THB": 36,
    "IDR": 15500, "MYR": 4.7, "VND": 24500, "ILS": 3.7, "TRY": 32, "UAH": 40, "ZAR": 18,
    "NGN": 1500, "KES": 130, "EGP": 48, "AED": 3.67, "SAR": 3.75,
}
# fmt: on
_CODES = "|".join(sorted(_PER_USD, key=len, reverse=True))

# Currency signs -> ISO code. A bare "$" is "" here and becomes USD when nothing else says otherwise.
# fmt: off
_DOLLAR_PREFIX = {"US": "USD", "USD": "USD", "CA": "CAD", "CAD": "CAD", "C": "CAD", "AU": "AUD", "A": "AUD",
                  "NZ": "NZD", "S": "SGD", "SG": "SGD", "HK": "HKD", "MX": "MXN", "R": "BRL"}
_SIGNS = {"€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₪": "ILS", "₩": "KRW", "₱": "PHP", "₺": "TRY",
          "₴": "UAH", "zł": "PLN", "Kč": "CZK", "Rs": "INR", "Rs.": "INR"}
_HIGH_WAGE = {"USD", "CAD", "AUD", "NZD", "EUR", "GBP", "CHF", "SEK", "NOK", "DKK", "SGD", "HKD", "JPY",
              "ILS", "AED"}
# fmt: on


def _sign_code(sign: str) -> str:
    if "$" in sign:
        return _DOLLAR_PREFIX.get(sign.rstrip("$"), "")
    return _SIGNS.get(sign, "")


# --------------------------------------------------------------------------------------------------
# Money tokens

_NUM = (
    r"(?P<num>(?P<slip>\d{1,3}[,.]\d{4,}|\d{4,}[,.]\d{3})(?![\d,.])"  # a slipped group: 120,0000  1200,000
    r"|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?"  # Indian grouping: 12,00,000
    r"|\d{1,3}(?P<sep>[,.\u00a0\u202f '’])\d{3}(?:(?P=sep)\d{3})*(?:[.,]\d{1,2})?"
    r"|\d+(?:[.,]\d{1,2})?)(?!\d)"
)
_PERIOD_WORD = (
    r"(?P<per>yearly|years?|yrs?|annum|annually|annual|p\.\s?a\.|"
    r"hourly|hours?|hrs?|monthly|months?|mth|mo|pcm|weekly|weeks?|wk|daily|day)"
)
# pay on top of the base, named right after a period word ("annual bonus", "monthly commission")
_EXTRA_NOUN = re.compile(
    r"[ \t]+(?:[\w-]+[ \t]+)?(?:bonus(?:es)?|equity|stock|commissions?|incentives?|stipends?|allowances?|"
    r"budgets?|credits?|rsus?|options)\b",
    re.I,
)
_SHORT_PERIODS = {"mo", "wk", "hr", "hrs", "yr", "yrs", "mth"}
# An attached period: "/yr", "per hour", "a month", "gross/monthly", "net per month", " annually". It
# stays on the amount's line: an "Annual Bonus Target: 15%" line below a range is not the range's unit.
_PERIOD_AFTER = re.compile(
    r"(?:\.(?=[ \t]*(?:per\b|/)))?[ \t]*(?:\([ \t]*)?"
    r"(?:(?:gross|net|brutto|netto|pre-tax|before[ \t]+tax(?:es)?|base|b2b)[ \t]*)*"
    r"(?P<link>/[ \t]*|per[ \t]+|an?[ \t]+|each[ \t]+|p/|)" + _PERIOD_WORD + r"\b",
    re.I,
)
_TOKEN = re.compile(
    r"(?:(?<![\d.,$€£])|(?=[$€£¥₹]))"
    r"(?:\b(?P<code1>" + _CODES + r")\s?(?:~|≈|approx\.?\s*)?)?"
    r"(?:(?P<sym1>(?<![A-Za-z])(?:USD|CAD|US|CA|AU|NZ|SG|HK|MX|C|A|S|R)\$+|\$+|[€£¥₹₪₩₱₺₴]|\bRs\.?)\s?)?"
    r"(?:[~≈]\s?)?" + _NUM + r"(?:\s?(?P<mult>[kK]|thousand)(?![a-zA-Z]))?"
    r"(?P<plus>\+)?"
    r"(?:\s?(?P<big>(?i:million|billion|trillion|bn|mm|mn|mio|mrd|bilh\w*|milh\w*|mill\w*|mil)|[mMbB])(?![a-zA-Z]))?"
    r"(?:\s?(?P<code2>" + _CODES + r")(?![a-z])|\s?(?P<sym2>[€£]|zł|Kč)(?!\s?\d))?"
)

# What may stand between the two ends of one range.
_CONNECT = re.compile(r"^\.?\s*(?:-|–|—|~|to|through|until|till)\s*$", re.I)
_BRACKETED = re.compile(r"^\.?\s*[\[(][^\])\n]{0,160}[\])]\s*(?:-|–|—|to|and)\s*$", re.I)
_LOOSE = re.compile(
    r"^[^.\d;\n$€£]{0,90}?\b(?:up\s+to|increases?\s+to|increasing\s+to|ris(?:es|ing|e)\s+to|grows?\s+to|"
    r"go(?:es)?\s+up\s+to)\s*$",
    re.I,
)
_LOOSE_AND = re.compile(r"^[^.\d;\n$€£]{0,90}?\b(?:and|to)\s*$", re.I)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s*(?:\S+\s*)?$", re.I)
# "min", "minimum base salary of", "maximum annual salary is" ... right before an amount
_BOUND_LABEL = (
    r"(?:imum|\.)?(?:\s+(?:annual\s+|base\s+|starting\s+|yearly\s+|hourly\s+)*(?:salary|pay|rate|wage|compensation))?"
    r"(?:\s+(?:of|is|will\s+be))?\s*[:=]?\s*$"
)
_MIN_LABEL = re.compile(r"\bmin" + _BOUND_LABEL, re.I)
_MAX_LABEL = re.compile(r"\bmax" + _BOUND_LABEL, re.I)

# Words that make an amount pay, or not pay.
_PAY_WORDS = re.compile(
    r"\b(salary|salaries|pay|paid|compensation|comp|wages?|rate|earnings?|earn|remuneration|income|"
    r"base|ote|on[- ]target|hiring\s+range|range|package|gross|brutto|contract|b2b)\b",
    re.I,
)
_STRONG_PAY = re.compile(
    r"\b(salary|salaries|pay|compensation|comp|wages?|hourly\s+rate|day\s+rate|remuneration|ote|"
    r"on[- ]target|earnings|\w*gehalt|salario|sueldo|salário|wynagrodzenie|salaire|rémunération|"
    r"remuneração|retribuzione|stipendio|loon|lön|lønn|palkka)\b",
    re.I,
)
_NOT_PAY_BEFORE = re.compile(
    r"\b(raised|raising|funding|funded|valuation|valued|arr|mrr|assets|worth|stipends?|"
    r"allowances?|budgets?|credits?|reimburse\w*|bonus(?:es)?|match(?:ing)?|spend\w*|invest\w*|grants?|"
    r"relocation|referral|donat\w*|contribut\w*|savings|deals?|fees?|prizes?|awards?|gift\w*|"
    r"cost\w*|prices?|pricing|premiums?|loans?|debt|tuition|insurance|covered|coverage|hsa|fsa|401\s?\(?k\)?|perks?|"
    r"sav(?:e|es|ed|ing)|tax(?:es)?)\b",
    re.I,
)
# Words that are also job-title words ("Revenue Operations Manager", "Sales Engineer"): not pay only
# when they stand right before the amount ("revenue of $2M", "a market of $30B").
_NOT_PAY_NEAR = re.compile(
    r"\b(revenue|sales|market|turnover|gmv|bookings|pipeline|quota)\s*(?:of|at|over|above|near|exceeding|"
    r"reached|hit|:)?\s*(?:about|around|over|more\s+than|nearly|almost|~)?\s*$",
    re.I,
)
_NOT_PAY_AFTER = re.compile(
    r"^\W{0,3}(?:\w+[\s-]+){0,3}?(?:stipends?|allowances?|budgets?|credits?|reimburse\w*|bonus(?:es)?|"
    r"benefits?|arr|mrr|revenue|funding|round|series|valuation|contracts?|deals?|in\s+(?:sales|assets|"
    r"funding|revenue|annual)|of\s+(?:work|funding|revenue|sales)|market|company|business|grants?|"
    r"fees?|gift\w*|cards?|vouchers?|prizes?|awards?|donations?|contributions?|match(?:ing)?|"
    r"spend\w*|savings|investments?|in\s+tax(?:es)?|per\s+(?:employee|seat|user|month\s+towards))\b",
    re.I,
)
_BASE_PAY = re.compile(r"\b(salary|salaries|base|wages?|hourly\s+rate|day\s+rate)\b", re.I)
# a clause that is only a period label ("- Hourly: $38", "Monthly - 4 000 PLN")
_PERIOD_LABEL = re.compile(
    r"[\W_]*(?:hourly|monthly|weekly|daily|annual(?:ly)?|yearly|per\s+(?:hour|month|week|day|year|annum))[\W_]*",
    re.I,
)
_OTE_WORDS = re.compile(r"\b(ote|on[- ]target(?:\s+earnings)?|at[- ]plan)\b", re.I)
_BASE_WORDS = re.compile(r"\b(base|basic|fixed)\b", re.I)
_UP_TO = re.compile(r"\b(up\s+to|max(?:imum)?(?:\s+of)?|no\s+more\s+than|as\s+much\s+as)\s*$", re.I)
# A floor: the figure is the lowest pay, nothing above is stated ("at least $X", "minimum $X").
_FLOOR = re.compile(
    r"\b(?:at\s+least|no\s+less\s+than|upwards\s+of)\s*:?\s*$|\bmin" + _BOUND_LABEL,
    re.I,
)
# Where the pay starts ("from $X", "starts at $X"): one stated figure, unless something after it
# leaves the top open ("+", "or more", "depending on experience").
_FROM = re.compile(r"\b(from|starting\s+(?:at|from)|starts?\s+at)\s*:?\s*$", re.I)
_OPEN_AFTER = re.compile(
    r"^[ \t]*(?:\+|or\s+(?:more|above|higher)|and\s+(?:up|above|higher)\b|upwards|"
    r"[(,-]?[ \t]*(?:depending|dependent|based)\s+(?:on|upon)\s+(?:your\s+|the\s+candidate'?s\s+)?"
    r"(?:experience|seniority|skills|qualifications|level)|[(,-]?[ \t]*(?:DOE|commensurate)\b)",
    re.I,
)
_OPEN_TOP = re.compile(r"^[ \t]*(?:or\s+(?:more|above|higher)|and\s+(?:up|above|higher)\b|upwards)", re.I)
_PERIOD_BEFORE = re.compile(
    r"\b(?P<w>hourly|per\s+hour|an\s+hour|monthly|per\s+month|a\s+month|weekly|per\s+week|daily|"
    r"per\s+day|day\s+rate|annual(?:ly|ized)?|per\s+year|a\s+year|yearly|per\s+annum)\b",
    re.I,
)
_CLAUSE_END = re.compile(r"(?:[.!?;]\s|\n|•|\|)")


@dataclass(frozen=True)
class _Token:
    start: int
    end: int  # after the number, its multiplier and any currency code
    value: float
    has_mult: bool
    plus: bool
    big: bool
    decimals: bool
    slip: bool  # the digits are grouped wrongly ("120,0000"): only usable beside a well-formed end
    head: float | None  # the digits before the separator when all after it are zeros ("120,00" -> 120)
    currency: str | None  # ISO code, "" for a bare "$", None when no sign at all
    prefixed: bool  # a sign or code stands before the number
    period: str | None
    period_end: int  # after an attached period, else == end
    extra: bool = False  # a period word then pay on top of base follow ("$100 monthly stipend")


def _period_name(word: str) -> str:
    """Map "per year", "/yr", "annually", "hourly", "a month" ... -> one of PERIODS."""
    w = word.lower().split()[-1].lstrip("/")
    if w.startswith(("year", "yr", "annu", "p.", "pa")):
        return "year"
    if w.startswith(("hour", "hr")):
        return "hour"
    if w.startswith(("month", "mth", "mo", "pcm")):
        return "month"
    if w.startswith(("week", "wk")):
        return "week"
    return "day"


def _amount(number: str) -> float | None:
    """Read one number with price-parser (it settles "60.000" vs "60,00" vs "1,234.56").

    Args:
        number: the digits and separators of one amount, without sign or multiplier.
    """
    # price-parser knows the ASCII apostrophe of "120'000" but not the typographic one
    price = Price.fromstring(number.replace("’", "'"))
    if price.amount is None:
        return None
    return float(price.amount)


def _tokens(text: str) -> list[_Token]:
    out = []
    for m in _TOKEN.finditer(text):
        prefixed = bool(m.group("code1") or m.group("sym1"))
        if not prefixed and m.start() > 0 and text[m.start() - 1].isalpha():
            continue  # "B2B", "H1", "Q3"
        num = m.group("num")
        code = m.group("code1") or m.group("code2")
        sign = m.group("sym1") or m.group("sym2")
        currency: str | None = None
        if code:
            currency = code
        elif sign:
            currency = _sign_code(sign)
        slip = m.group("slip") is not None
        value = float(re.split(r"[,.]", num)[0]) if slip else _amount(num)
        if value is None:
            continue
        head = None
        if slip or (m.group("sep") is None and re.fullmatch(r"\d+[.,]0+", num)):
            head_s, tail = re.split(r"[,.]", num, maxsplit=1)
            head = float(head_s) if set(tail) == {"0"} else None
        if m.group("mult"):
            value *= 1000
        end = m.end()
        period = None
        period_end = end
        pm = _PERIOD_AFTER.match(text, end)
        extra = bool(pm and not pm.group("link").strip() and _EXTRA_NOUN.match(text, pm.end()))
        if extra:
            pm = None  # "$160,000 Annual Bonus Target: 15%", "$100 monthly home-office stipend"
        if pm and (pm.group("per").lower() not in _SHORT_PERIODS or pm.group("link").strip()):
            period = _period_name(pm.group("per"))
            period_end = pm.end()
        decimals = m.group("sep") is None and bool(re.search(r"[.,]\d{1,2}$", num))
        out.append(
            _Token(
                m.start(),
                end,
                value,
                bool(m.group("mult")),
                bool(m.group("plus")),
                bool(m.group("big")),
                decimals,
                slip,
                head,
                currency,
                prefixed,
                period,
                period_end,
                extra,
            )
        )
    return out


_BRACKETS = re.compile(r"\([^()\n]*\)|\[[^\[\]\n]*\]")
_NAME = re.compile(r"[\W\d_]*(?:[A-Z][\w'’&/.-]*[\W\d_]*){1,5}")


def _aside(m: re.Match[str]) -> str:
    # an aside that is a name ("(Annual Discretionary Bonus)", "(OTE)") says what the figure is: its
    # words are kept, its full stops do not end the clause ("(B. S.)")
    inner = m.group(0)[1:-1]
    return "\x00" + re.sub(r"[.!?;•|]", ",", inner) + "\x01" if _NAME.fullmatch(inner) else " "


def _unbracket(s: str) -> str:
    """s with every closed (...) or [...] aside on one line cut down to one space, innermost first.

    Only a qualifier is cut ("(depends on the cost of labor in your area)"); a name is kept.
    """
    while True:
        out = _BRACKETS.sub(_aside, s)
        if out == s:
            return out.replace("\x00", "(").replace("\x01", ")")
        s = out


def _clause_before(text: str, pos: int, limit: int = 160) -> str:
    """The text from the start of the clause (sentence, line, bullet) up to pos.

    A closed aside in brackets is skipped ("Salary range (depends on location; excl. bonus): $X"):
    its words and its full stops are not the clause's, and it does not count towards ``limit``.
    """
    window = _unbracket(text[max(0, pos - 3 * limit) : pos])[-limit:]
    cut = 0
    for m in _CLAUSE_END.finditer(window):
        cut = m.end()
    clause = window[cut:]
    if not clause.strip(" -–*()[]{}~:\t"):
        # a bare "- $90k" line: its label is the line above ("Salary Range:\n- $90k")
        prev = window[:cut].rstrip()
        line = prev[prev.rfind("\n") + 1 :]
        if line.rstrip().endswith(":"):
            clause = line + clause
    return clause


def _words_after(text: str, pos: int) -> str:
    window = text[pos : pos + 50]
    cut = re.search(r"[+&,;()\n|•·]|\.\s|\b(?:and|plus|with|depending|based|DOE|base)\b", window, re.I)
    return window[: cut.start()] if cut else window


def _last(pattern: re.Pattern[str], s: str) -> int:
    """End offset of the last match of pattern in s, or -1."""
    pos = -1
    for m in pattern.finditer(s):
        pos = m.end()
    return pos


def _plausible(lo: float, hi: float, currency: str, period: str, floor: float) -> bool:
    rate = _PER_USD.get(currency, 1.0)
    return lo / rate * _ANNUAL[period] >= floor and hi / rate * _ANNUAL[period] <= 2_500_000


def _period_by_size(value: float, currency: str) -> str | None:
    v = value / _PER_USD.get(currency, 1.0)
    if v < 4:
        return None
    if v <= 250:
        return "hour"
    if v < 12000:
        return "month"
    return "year"


@dataclass(frozen=True)
class _Found:
    pay: Pay
    start: int
    context: int  # 3 strong pay word in the clause, 2 pay word in the clause, 1 nearby, 0 none


def _partner(text: str, toks: list[_Token], i: int) -> tuple[int, bool] | None:
    """The index of the token that closes a range opened by toks[i], and whether the join is tight."""
    a = toks[i]
    if i + 1 < len(toks):
        b = toks[i + 1]
        between = text[a.period_end : b.start]
        if between.strip(" .") == "" and b.prefixed and between.count("\n") <= 1 and not between.strip():
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
            # a chain of three amounts ("$100-$150-$200") is a tier list, not a range
            if tight and j + 1 < len(toks) and _CONNECT.match(text[b.period_end : toks[j + 1].start]):
                i = j + 2
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
            elif b.has_mult and not a.has_mult and lo < 1000:
                lo *= 1000  # "£95-115k"
            elif a.has_mult and not b.has_mult and hi < 1000:
                hi *= 1000  # "$95k-135"
            elif not a.has_mult and not a.decimals and lo < 1000 and hi >= 10000 and lo * 1000 <= hi:
                lo *= 1000  # "$110-145,000"
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
    return found


def _make(text: str, a: _Token, b: _Token | None, lo: float, hi: float) -> _Found | None:
    last = b or a
    start, end = a.start, last.period_end
    # currency: an ISO code anywhere in the statement, else a specific sign, else "$" -> USD
    signs = [t.currency for t in (a, b) if t is not None and t.currency]
    currency = signs[0] if signs else "USD"
    # what the statement is, from the words around it
    before = _clause_before(text, start)
    after = _words_after(text, end)
    pay_at = _last(_PAY_WORDS, before)
    # words after a range say what it is, unless the label before already names base pay: then they
    # begin the next statement ("Salary range: $130k - $160k Annual Bonus Target: 15%")
    named_base = b is not None and _last(_BASE_PAY, before) > _last(_NOT_PAY_BEFORE, before)
    if (_NOT_PAY_AFTER.match(after) or last.extra) and not named_base:
        return None
    if _last(_NOT_PAY_BEFORE, before) > pay_at or _NOT_PAY_NEAR.search(before):
        return None
    if _STRONG_PAY.search(before) or _STRONG_PAY.match(after.strip()):
        context = 3
    elif pay_at >= 0 or _PAY_WORDS.search(after):
        context = 2
    elif _PAY_WORDS.search(text[max(0, start - 250) : start]):
        context = 1
    else:
        context = 0
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
    return _Found(pay, start, context)


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
    return next(f.pay for f in pool if f.context == best)


# --------------------------------------------------------------------------------------------------
# Years of experience

# fmt: off
_WORD_NUMS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}
# fmt: on
_YN = r"(?:\d{1,2}(?:\.\d)?|" + "|".join(_WORD_NUMS) + r")"
_YEARS = re.compile(
    r"(?<![\w$€£.,/-])(?P<lead>\+\s?)?(?P<lo>" + _YN + r")(?:\s*\(\d{1,2}\))?(?P<plus1>\s*\+)?"
    r"(?:\s*(?:-|–|—|to|or)\s*(?P<hi>" + _YN + r")(?:\s*\(\d{1,2}\))?(?P<plus2>\s*\+)?)?"
    r"(?P<more>\s+or\s+more|\s+plus)?"
    # a stray "of" before "years" when experience follows: "at least two of years experience"
    r"(?:\s+of(?=\s+(?:years?|yrs)\s+(?:of\s+)?(?:[\w-]+\s+){0,2}?experience))?"
    r"\s*(?:years?|yrs\.?|yr\.?)(?![\w-])['’]?"
    r"(?P<more2>\s+or\s+(?:more|longer|above|greater))?",
    re.I,
)
_YEARS_BETWEEN = re.compile(
    r"\bbetween\s+(?P<lo>" + _YN + r")\s+and\s+(?P<hi>" + _YN + r")\s+(?:years?|yrs\.?)(?![\w-])['’]?",
    re.I,
)
# right after "N years": this is time, age or tenure, not experience
_Y_NOT_AFTER = re.compile(
    r"^\s*(?:ago|old|of\s+age|running|in\s+a\s+row|later|from\s+now|back|prior\s+to|before|"
    r"(?:and\s+)?counting|in\s+(?:business|operation)(?=[ \t]*(?:[.,;:!)\n]|$))|"
    r"of\s+(?:continuous\s+)?(?:growth|progress|history|operations?|business|success|service|employment|innovation|profitab\w*|existence|trust|"
    r"excellence)|warranty|vesting|cliff|window|to\s+exercise|term|contract|plan|roadmap)\b",
    re.I,
)
# right before "N years": a span of time ("over the past", "for", "within", "after")
_Y_NOT_BEFORE = re.compile(
    r"\b(?:past|last|next|first|for|in|in\s+just|in\s+only|within|after|every|each|per|consecutive|"
    r"at|since|almost|nearly|over\s+the|for\s+over|for\s+more\s+than|for\s+nearly|for\s+almost|"
    r"for\s+the\s+(?:past|last)|by|around|about|some|than)\s*$",
    re.I,
)
# in the clause before: said of the candidate
_Y_CANDIDATE = re.compile(
    r"\b(you|your|candidate|someone|applicant|individual|person|requires?|required|requirements?|"
    r"must|minimum|min|at\s+least|ideal(?:ly)?|should|bring|need|looking\s+for|qualifications?|"
    r"experience|background|degree|preferred|equivalent|expect\w*|want|seek\w*|hire|hiring|look\s+for)\b",
    re.I,
)
# in the clause before: said of the company
_Y_COMPANY = re.compile(
    r"\b(we|we['’]ve|we['’]re|our|us|company|firm|founded|been|history|established|team\s+has|"
    r"business)\b",
    re.I,
)
# in the clause before: tenure, benefits, retention
_Y_TENURE = re.compile(
    r"\b(employed|employment|tenure|service|sabbatical|vest\w*|anniversary|accru\w*|holidays?|"
    r"leave|pto|vacation|retention|stored|retain\w*|warranty|guarantee)\b",
    re.I,
)
_Y_NEXT_OK = re.compile(
    r"^[ \t]*(?:\(|\)|of\b|in\b|as\b|with\b|at\b|on\b|working|work\b|experience|experienced|exp\b|"
    r"professional|industry|hands[- ]on|relevant|related|prior|previous|proven|demonstrated|practical|"
    r"commercial|full[- ]time|post|total|combined|direct|progressive|recent|solid|strong|minimum|"
    r"focused|spent|dedicated|[a-z]+ing\b|[A-Z0-9])",
)
_Y_EXPERIENCE_NEXT = re.compile(
    r"^[ \t]*(?:\(s\)\s*)?(?:of\s+)?(?:[\w/&-]+\s+){0,3}?(?:work(?:ing)?\s+)?experience", re.I
)
_Y_BULLET = re.compile(
    r"[ \t]*(?:[^\w\s]{1,2}|\d{1,2}[.)]|[oa-z][.)]?)?[ \t]*(?:(?:at\s+least|minimum(?:\s+of)?|min\.?|over|"
    r"more\s+than|a\s+minimum\s+of|have|has)[ \t]*)?",
    re.I,
)
_Y_QUALIFIER = re.compile(
    r"\b(?:at\s+least|minimum(?:\s+of)?|min\.?|a\s+minimum\s+of|no\s+less\s+than|upwards\s+of)\s*$", re.I
)


def _ynum(s: str) -> float:
    s = s.lower()
    return float(_WORD_NUMS[s]) if s in _WORD_NUMS else float(s)


def _years_candidates(text: str) -> list[tuple[int, Years]]:
    """Every years-of-experience requirement, with its offset, in order."""
    out: list[tuple[int, Years]] = []
    taken: list[tuple[int, int]] = []
    for m in _YEARS_BETWEEN.finditer(text):
        if _is_requirement(text, m.start(), m.end()):
            out.append((m.start(), Years(_ynum(m.group("lo")), _ynum(m.group("hi")), m.group(0).strip())))
        taken.append((m.start(), m.end()))
    for m in _YEARS.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        lo = _ynum(m.group("lo"))
        hi = _ynum(m.group("hi")) if m.group("hi") else None
        if hi is not None and hi <= lo:
            continue
        if not _is_requirement(text, m.start(), m.end()):
            continue
        # "3-5 years" -> 3..5 (also "3-5+ years"); "5+ years", "five or more years", "5 years" -> 5..None
        out.append((m.start(), Years(lo, hi, m.group(0).strip())))
    out.sort(key=lambda t: t[0])
    return out


def _is_requirement(text: str, start: int, end: int) -> bool:
    """Does the "N years" at text[start:end] ask the candidate for experience?"""
    after = text[end : end + 160]
    if _Y_NOT_AFTER.match(after):
        return False
    before = _clause_before(text, start, 200)
    if _Y_TENURE.search(before):
        return False
    candidate = _Y_CANDIDATE.search(before)
    lead = text[text.rfind("\n", max(0, start - 300), start) + 1 : start]
    bullet = _Y_BULLET.fullmatch(lead) is not None  # "- 5+ years ...", "• Minimum 3 years ..."
    if not bullet and not candidate and _Y_COMPANY.search(before):
        return False  # "our team has 20 years of experience"
    if _Y_EXPERIENCE_NEXT.match(after):
        return True  # "N years of (relevant work) experience", "N years' experience"
    immediate = before[-30:]
    if (
        not bullet
        and not _Y_QUALIFIER.search(immediate)
        and _Y_NOT_BEFORE.search(immediate)
        and not candidate
    ):
        return False
    if _Y_NEXT_OK.match(after):
        return True
    sentence_after = re.split(r"[.;\n]\s", after, maxsplit=1)[0]
    return bool(re.search(r"\bexperien", sentence_after, re.I) or re.search(r"experience\s*\($", before))


# "N years of React", "N years with Salesforce", "N years of experience with Java": a requirement on
# one tool (a capitalised name), not on the job. A field ("in sales operations", "of Software
# Engineering or related work experience") or a role ("as an analyst") is not a tool.
_Y_TOOL = re.compile(
    r"['’]?[ \t]*(?:"
    r"(?:of|with|using)[ \t]+(?:the[ \t]+)?[A-Z][\w.#+/-]*(?:[ \t]+[A-Z][\w.#+/-]*){0,2}[ \t]*(?:[.;(\n]|$)"
    r"|(?:of[ \t]+)?(?:[\w-]+[ \t]+){0,2}?experience[ \t]+(?:working[ \t]+)?(?:with|using)[ \t]+(?:the[ \t]+)?[A-Z]"
    r")"
)


# an activity, not a field: "experience in building/integrating ...", "in leading a team"
_Y_DOING = (
    r"(?:build|develop|design|lead|manag|writ|creat|implement|integrat|us|support|deliver|run|maintain|deploy|"
    r"work|ship|scal|own|driv|mentor|coach|architect)ing\b"
)
# "N years of professional experience", "N years' relevant work experience", "N years of experience."
_Y_GENERAL = re.compile(
    r"['’]?[ \t]*(?:of[ \t]+)?(?:"
    r"(?:professional|relevant|related|total|overall|industry|full[- ]time|commercial|"
    r"combined|cumulative|progressive|post[- ]?\w+|paid)\b"
    r"|(?:work(?:ing)?[ \t]+)?experience[ \t]*(?:[.,;:!)\n]|$|(?:is[ \t]+)?(?:required|preferred|needed)\b)"
    # "... experience in sales operations", not "... experience in building ..."
    r"|(?:work(?:ing)?[ \t]+)?experience[ \t]+(?:in|as|within)[ \t]+(?!" + _Y_DOING + r")(?-i:[a-z]))",
    re.I,
)


_Y_ALTERNATIVE = re.compile(r"\bor[ \t]+(?:[\w-]+[ \t]+)?$", re.I)  # "... or 4 to 8 years of ..."


def _y_kind(text: str, start: int, years: Years) -> str:
    """ "tool" for a requirement on one tool, "general" for one on experience at large, else ""."""
    end = start + len(years.text)
    if _Y_GENERAL.match(text, end, end + 120):
        return "general"  # also "4+ years of professional experience with TypeScript"
    return "tool" if _Y_TOOL.match(text, end, end + 120) else ""


def parse_years(text: str) -> Years | None:
    """The main years-of-experience requirement of a posting.

    Args:
        text: the posting as plain text.

    Returns:
        The main requirement on the candidate ("5+ years of ...", "at least four years in ...",
        "3-5 years as ..."): the first one, unless it is on a single tool ("8+ years of React",
        "3+ years of experience with Salesforce") and a general one follows ("5+ years of
        professional experience", "6+ years of experience in sales operations"): then that one.
        None when there is none. Company age and time spans ("founded 10 years ago", "for over 12
        years", "after 3 years") are not requirements.
    """
    found = _years_candidates(text)
    if not found:
        return None
    if _y_kind(text, *found[0]) == "tool":
        general = (
            y
            for start, y in found[1:]
            if _y_kind(text, start, y) == "general" and not _Y_ALTERNATIVE.search(text, max(0, start - 20), start)
        )
        return next(general, found[0][1])
    return found[0][1]
