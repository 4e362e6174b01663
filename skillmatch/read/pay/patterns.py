"""The regular expressions of pay text: money tokens, range joins, pay and not-pay words, periods."""

from __future__ import annotations

import re

from .currency import _CODES

# --------------------------------------------------------------------------------------------------
# Money tokens

_NUM = (
    r"(?P<num>(?P<slip>\d{1,3}[,.]\d{4,}|\d{4,}[,.]\d{3})(?![\d,]|\.\d)"  # a slipped group: 120,0000  1200,000
    r"|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?"  # Indian grouping: 12,00,000
    r"|\d{1,3} ,\d{3}(?:,\d{3})*(?:\.\d{1,2})?"  # a stray space before the comma: 110 ,000.00
    r"|\d{1,3}, \d{3}(?:,\d{3})*(?:\.\d{1,2})?(?![\d,])"  # or after it: 97, 950
    r"|\d{1,3}(?P<sep>[,.\u00a0\u202f '’])\d{3}(?:(?P=sep)\d{3})*(?:[.,]\d{1,2})?"
    r"|\d+(?:[.,]\d{1,2})?)(?!\d)"
)
_PERIOD_WORD = (
    r"(?P<per>yearly|years?|yrs?|annum|annually|annual|p\.\s?a\.|"
    r"hourly|hours?|hrs?|monthly|months?|mos|mth|mo|pcm|weekly|weeks?|wk|daily|day|h)"
)
# pay on top of the base, named right after a period word ("annual bonus", "monthly commission")
_EXTRA_NOUN = re.compile(
    r"[ \t]+(?:[\w-]+[ \t]+)?(?:bonus(?:es)?|equity|stock|commissions?|incentives?|stipends?|allowances?|"
    r"budgets?|credits?|rsus?|options)\b",
    re.I,
)
_SHORT_PERIODS = {"mo", "mos", "wk", "hr", "hrs", "yr", "yrs", "mth", "h"}  # only after "/" or "per"
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
    r"(?:(?P<sym1>(?<![A-Za-z])(?:USD|CAD|US|CA|AU|NZ|SG|HK|MX|C|A|S|R)\$+|\$+|[€£¥₹₪₩₱₺₴]|\bRs\.?|\bRM(?=\s?\d)|\bP(?=\d{1,3}(?:,\d{3})+))\s?)?"
    r"(?:[~≈]\s?)?" + _NUM + r"(?:\s?(?P<mult>[kK]|thousand|(?i:lakhs?|lacs?))(?![a-zA-Z]))?"
    r"(?P<plus>\+)?"
    r"(?:\s?(?P<big>(?i:million|billion|trillion|bn|mm|mn|mio|mrd|bilh\w*|milh\w*|mill\w*|mil)|[mMbB])(?![a-zA-Z]))?"
    r"(?:\s?(?P<code2>" + _CODES + r")(?![a-z])|\s?(?P<sym2>[€£]|zł|Kč)(?!\s?\d))?"
)

# What may stand between the two ends of one range.
# "to" in the languages of our postings: "od 160 zł do 180 zł", "nuo 2000 EUR iki 2600 EUR", "von ... bis",
# "de ... à", "de ... a", "van ... tot", "hasta", "até"
_CONNECT = re.compile(r"^\.?\s*(?:-|–|—|~|to|through|until|till|do|iki|bis|à|a|tot|hasta|até)\s*$", re.I)
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
# "Pay Range - Start: $121,030.00 ... Pay Range - End: $224,770.00"
_RANGE_END_LABEL = r"\b(?:range|pay|salary|rate|band)[ \t]*[-–—:]?[ \t]*(?:{})[ \t]*[:=]?\s*$"
_MIN_LABEL = re.compile(r"\bmin" + _BOUND_LABEL + "|" + _RANGE_END_LABEL.format("start|low|bottom"), re.I)
_MAX_LABEL = re.compile(r"\bmax" + _BOUND_LABEL + "|" + _RANGE_END_LABEL.format("end|high|top"), re.I)

# Words that make an amount pay, or not pay.
_PAY_WORDS = re.compile(
    r"\b(salary|salaries|pay|paid(?![ \t]+(?:as|out[ \t]+as)\b)|compensation|comp|wages?|rate|earnings?|earns?|"
    r"remuneration|income|"
    r"base|ote|on[- ]target|hiring\s+range|range|package|gross|brutto|contract|b2b)\b",
    re.I,
)
_STRONG_PAY = re.compile(
    r"\b(salary|salaries|pay|compensation|comp|wages?|hourly\s+rate|day\s+rate|remuneration|ote|"
    r"on[- ]target|earnings|earns|earn(?=\s+between)|\w*gehalt|salario|sueldo|salário|wynagrodzenie|stawka|"
    r"salaire|rémunération|"
    r"remuneração|retribuzione|stipendio|loon|lön|lønn|palkka|užmokest\w*|atlyginim\w*)\b",
    re.I,
)
_NOT_PAY_BEFORE = re.compile(
    r"\b(raised|raising|funding|funded|funds?|valuation|valued|arr|mrr|assets|worth|stipends?|"
    r"allowances?|budgets?|credits?|reimburse\w*|bonus(?:es)?|match(?:ing)?|spend\w*|invest\w*|grants?|"
    r"relocation|mobility|transport\w*|commut\w*|referral|donat\w*|contribut\w*|savings|deals?|fees?|prizes?|awards?|gift\w*|"
    r"cost\w*|prices?|pricing|premiums?|loans?|debt|tuition|insurance|covered|coverage|hsa|fsa|401\s?\(?k\)?|perks?|vouchers?|"
    r"sav(?:e|es|ed|ing)|tax(?:es)?)\b",
    re.I,
)
# What the best paid earn or win, not the pay: "top tutors can earn $1,500+ per month", "top performers
# make", "several of our top participants have won over $300k MXN".
_TOP_EARNERS = re.compile(
    r"\btop[ \t-]+(?:\w+[ \t-]+){0,2}?(?:(?:can|could|may|might|will|often|regularly|have|has)[ \t]+)?"
    r"(?:earn|make|won|win)s?\b",
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
    r"^\W{0,3}(?:\w+[\s-]+){0,5}?(?:benefits?|funds?|towards?)\b"
    r"|^\W{0,3}(?:\w+[\s-]+){0,3}?(?:stipends?|allowances?|budgets?|credits?|reimburse\w*|bonus(?:es)?|"
    r"quarterly|acv|tcv|gmv|gtv|carr|deal\s+sizes?|hsa|fsa|hra|wsa|equity|rsus?|"
    r"benefits?|arr|mrr|revenue|funding|round|series|valuation|"
    r"(?<!b2b[ \t])(?<!on[ \t]a[ \t])contracts?|deals?|in\s+(?:sales|assets|"  # not "on a B2B contract"
    r"funding|revenue|annual)|of\s+(?:work|funding|revenue|sales)|market|company|business|grants?|"
    r"fees?|gift\w*|cards?|vouchers?|prizes?|awards?|donations?|contributions?|match(?:ing)?|"
    r"spend\w*|savings|investments?|in\s+tax(?:es)?|per\s+(?:employee|seat|user|month\s+towards))\b"
    # a piece rate, not a period: "$20-$30 per interview", "$5 per question"
    r"|^[ \t]*(?:/|per|a|an)[ \t]+(?:interview|question|task|word|article|call|lead|sale|review|ticket|item|"
    r"lesson|session|page|project|referral|hire)s?\b",
    re.I,
)
# A noun phrase right after the amount that names a perk, even across "and": "$25,000 Fertility and
# Family Building Benefit", "$200/mo Health and Wellness Stipend". At least one word stands before the
# "and" ("$120k and benefits" is pay plus benefits), and no pay word ("$120k base and a benefits ...")
# nor a word that joins more pay to it ("$120k plus equity and benefits", "$120k DOE and benefits").
_NOT_PAY_AND = re.compile(
    r"[ \t]*(?:(?!(?:plus|with|incl\w*|DOE|DOQ|negotiable|equity|stock|bonus|commissions?|options)\b)"
    r"[A-Za-z][\w'’-]*[ \t]+){1,3}(?:and|&)[ \t]+(?:[A-Za-z][\w'’-]*[ \t]+){0,3}"
    r"(?:benefits?|stipends?|allowances?|budgets?|credits?|reimburse\w*|perks?|subsid(?:y|ies))\b",
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
# a total package ("total compensation package range of $X - $Y, including a base pay range of ..."):
# it loses to a base pay statement
_TOTAL_WORDS = re.compile(
    r"\btotal\s+(?:target\s+|annual\s+|cash\s+)*(?:compensation|comp|package|rewards?|earnings|pay)\b", re.I
)
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
# a full stop glued to the next sentence ("... considerations.Remote USA $117,200") ends a clause too
_CLAUSE_END = re.compile(r"(?:[.!?;]\s|\.(?=[A-Z][a-z])|\n|•|\|)")
