"""Years-of-experience requirements ("5+ years", "3-5 years", "at least four years"), not company age or time spans."""

from __future__ import annotations

import re

from .clauses import _clause_before
from .model import Years
from .years_kinds import _Y_TOOL, _y_kind

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
# a list item's mark: a bullet sign ("-", "•", "*") or a number ("1.", "2)")
_LIST_MARK = r"(?:[^\w\s]{1,2}|\d{1,2}[.)])"
# a bar stated before the figure: "at least", "(a) minimum (of)", "min."
_AT_LEAST = r"(?:at\s+least|(?:a\s+)?minimum(?:\s+of)?|min\.?)"
_YEARS = re.compile(
    # not inside a word, a figure or an amount, unless glued to "and" / "or" ("... related area and7 years'
    # experience"); a full stop glued to a word before is a sentence end ("... related fields.10+ years of ...")
    r"(?:(?<![\w$€£,/-])|(?<=\band)|(?<=\bor)|(?<=\n-)|(?<=\n[ \t]-))(?<![\d$€£,]\.)(?P<lead>\+\s?)?"
    r"(?P<lo>" + _YN + r")(?:\s*\(\d{1,2}\))?(?P<plus1>\s*\+)?"
    r"(?:[ \t]*(?:-|–|—|~|to|or|/)[ \t]*(?P<hi>" + _YN + r")(?:\s*\(\d{1,2}\))?(?P<plus2>\s*\+)?)?"
    r"(?P<more>\s+or\s+more|\s+plus)?"
    # a stray "of" before "years" when experience follows: "at least two of years experience"
    r"(?:\s+of(?=\s+(?:years?|yrs)\s+(?:of\s+)?(?:[\w-]+\s+){0,2}?experience))?"
    r"(?:\s+(?:overall|total|combined))?"  # "15+ overall years of experience"
    r"\s*(?:years?|yrs\.?|yr\.?)(?![\w-])['’]?(?P<plus3>\+)?"  # "5 years+ as ..."
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
    r"(?:and\s+)?counting|in\s+(?:active\s+)?(?:business|operation|development|production|use)"
    r"(?=[ \t]*(?:[.,;:!)\n]|$))|"
    r"of\s+(?:continuous\s+)?(?:growth|progress|history|operations?|business|success|service|employment|innovation|profitab\w*|existence|trust|"
    r"excellence)|warranty|vesting|cliff|window|to\s+exercise|term|contract|plan|roadmap|"
    # school, not work: "4 year college degree", "3+ years of college"
    r"(?:college|university|bachelor['’]?s?|undergraduate)?[ \t]*degree|"
    r"in[ \t]+(?:an?[ \t]+)?(?:[\w-]+[ \t]+){0,5}?degree|"
    r"of\s+(?:college|university|undergraduate\s+study|study))\b",
    re.I,
)
# right before "N years": a span of time ("over the past", "for", "within", "after")
_Y_NOT_BEFORE = re.compile(
    r"\b(?:past|last|next|first|for|in|in\s+just|in\s+only|within|after|during|every|each|per|consecutive|"
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
# a sentence that says what something is, then what it has: "OneTeam, based in Dubai, is a spinoff of
# VNGRS with 15 years of domain expertise" (said of the candidate, the candidate pattern decides first)
_Y_IS_A_WITH = re.compile(
    r"(?-i:\b[A-Z][\w.&'-]+)(?:,[^,\n]{1,40},)?[ \t]+is[ \t]+(?:a|an|the)[ \t]+[^.;\n]{0,80}?\bwith[ \t]*"
    r"(?:over|more[ \t]+than|nearly|almost)?[ \t]*$",
    re.I,
)
# in the clause before: tenure, benefits, retention
_Y_TENURE = re.compile(
    r"\b(employed|employment|tenure|(?<!customer\s)service|sabbatical|vest\w*|anniversary|accru\w*|holidays?|"
    r"leave|pto|vacation|retention|stored|retain\w*|warranty|guarantee)\b",
    re.I,
)
_Y_NEXT_OK = re.compile(
    r"^[ \t]*(?:\(|\)|of\b|in\b|within\b|as\b|with\b|at\b|on\b|working|work\b|experience|experienced|exp\b|"
    r"professional|industry|hands[- ]on|relevant|related|prior|previous|proven|demonstrated|practical|"
    r"commercial|full[- ]time|post|total|combined|direct|progressive|recent|solid|strong|minimum|"
    r"focused|spent|dedicated|[a-z]+ing\b|[A-Z0-9]|"
    r"(?:software|application|web|back[- ]?end|front[- ]?end|full[- ]stack)[ \t]+(?:development|engineering)\b"
    r"(?![ \t]+(?:management|leadership)))",
)
_Y_EXPERIENCE_NEXT = re.compile(
    r"^[ \t]*(?:\(s\)\s*)?(?:of\s+)?(?:[\w/&-]+\s+){0,3}?(?:work(?:ing)?\s+)?(?:experience|xp\b)", re.I
)
# a label that names what the figure is: "Experience: 3 to 5 years only", "Work experience - min. 2 years"
_Y_LABEL = re.compile(
    r"\b(?:experience|exp\.?)(?:[ \t]+(?:required|needed|level))?[ \t]*[:–—-][ \t]*(?:min(?:imum|\.)?[ \t]*)?$", re.I
)
# a line that opens with an experience label naming its field: "- Experience in the gaming industry: +3 years"
_Y_FIELD_LABEL = re.compile(r"^[ \t]*(?:[^\w\s]{1,2}[ \t]*)?experience(?:[ \t]+[\w/&.-]+){1,6}[ \t]*:[ \t]*$", re.I)
# earlier on the line: a vesting schedule ("vesting - 1 year cliff; 4 years total")
_Y_VESTING = re.compile(r"\b(?:vest\w*|cliff)\b", re.I)
_Y_BULLET = re.compile(
    r"[ \t]*(?:[^\w\s]{1,2}|\d{1,2}[.)]|[oa-z][.)]?)?[ \t]*(?:(?:" + _AT_LEAST + r"|over|more\s+than|have|has)[ \t]*)?",
    re.I,
)
_Y_QUALIFIER = re.compile(
    r"\b(?:" + _AT_LEAST + r"|no\s+less\s+than|upwards\s+of)\s*$", re.I
)


# "Minimum 3, ideally 5+ years", "at least 2 (preferably 4) years": a bar stated before a wish
_Y_BAR_THEN_WISH = re.compile(
    r"\b" + _AT_LEAST + r"[ \t]+(?P<bar>" + _YN + r")[ \t]*\+?[ \t]*[,(][ \t]*"
    r"(?:but[ \t]+)?(?:ideally|preferabl[ey]|preferred)[ \t]*$",
    re.I,
)


_Y_UP_TO = re.compile(r"\bup[ \t]+to[ \t]*$", re.I)
# asked outright right before the figure: "- Required 10+ years' enterprise scale Azure ..."
_Y_ASKED = re.compile(
    r"\b(?:required|requires|requiring|must[ \t]+have|needs?)[ \t]*:?[ \t]*"
    r"(?:" + _AT_LEAST + r"[ \t]*)?$",
    re.I,
)
# a heading above a bare "- 6 years" bullet that says what it is: "Minimum Required Experiences"
_Y_ASKED_HEADING = re.compile(
    r"\b(?:experiences?|requirements?|required|qualifications?)\b[^\n]*\n(?:[ \t]*\n)*[ \t]*(?:[^\w\s]{1,2}[ \t]*)?"
    r"(?:[\w.#+/-]+[ \t]+){0,3}$",
    re.I,
)
# a list item that names a skill before its figure: "Required\n  - Java 2+ years"
_Y_LIST_NAME = re.compile(r"[ \t]*[^\w\s]{1,2}[ \t]+(?:[\w.#+/-]+[ \t]+){1,3}")
# a list item said of the candidate: "- You've been building ... for 12+ years."
_Y_YOU_BULLET = re.compile(r"[ \t]*" + _LIST_MARK + r"[ \t]+you\b", re.I)
# the candidate's own span: "- You have been building applications and tooling for 5+ years and ..."
_Y_YOU_BEEN = re.compile(
    r"\byou(?:['’]ve|[ \t]+have)[ \t]+been[ \t]+\w+ing\b[^.;\n]{0,80}?\bfor[ \t]+"
    r"(?:over[ \t]+|more[ \t]+than[ \t]+|at[ \t]+least[ \t]+)?$",
    re.I,
)
# "- Experience in the product development team for at least 5 years": experience, then its length
_Y_EXPERIENCE_FOR = re.compile(
    r"^[ \t]*(?:" + _LIST_MARK + r"[ \t]*)?experience\b[^.;\n]{0,80}?\bfor[ \t]+"
    r"(?:at[ \t]+least[ \t]+|over[ \t]+|more[ \t]+than[ \t]+|a[ \t]+minimum[ \t]+of[ \t]+)?$",
    re.I,
)
# a span of time, not experience: "scaled from five to 20+ engineers in less than three years"
_Y_SPAN_BEFORE = re.compile(r"\b(?:in|within|less\s+than|after|during|over\s+the)[ \t]*$", re.I)
# the figure ends a line that names the experience it is: "- Development experience for Go 2+ years"
_Y_LINE_END = re.compile(r"[ \t]*[.)]?[ \t]*(?:\n|$)")


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
        bar = _Y_BAR_THEN_WISH.search(text, max(0, m.start() - 40), m.start())
        if bar:  # "Minimum 3, ideally 5+ years of ...": the bar is the requirement, the wish is not
            said = text[bar.start("bar") : m.end()].strip()
            out.append((bar.start("bar"), Years(_ynum(bar.group("bar")), None, said)))
            continue
        if hi is None and _Y_UP_TO.search(text, max(0, m.start() - 12), m.start()):
            out.append((m.start(), Years(0.0, lo, m.group(0).strip())))  # "Up to 2 years of experience": 0..2
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
    if _Y_WINDOW.search(text, max(0, start - 40), start):
        return False  # "a degree ... within the last 7 years": a window of time
    if _Y_AVERAGE.search(text, max(0, start - 30), start):
        return False  # "a team ... with an average of 15 years of experience": said of a group
    if _Y_WITH_INTRO.search(text, max(0, start - 300), start) and _company_subject(after):
        return False  # "With over 20 years of experience, PCF sets out ..."
    if _in_pay_aside(text, start, end):
        return False  # "The starting salary for mid-career analyst (3-5 years of experience) is $147,150"
    before = _clause_before(text, start, 200)
    lead = text[text.rfind("\n", max(0, start - 300), start) + 1 : start]
    if _Y_TENURE.search(before) or _Y_VESTING.search(lead):
        return False
    if _Y_EXPERIENCE_OF.search(before) or _Y_EXPERIENCE_SPANS.search(before):
        return True  # "overall interface development experience of 6-8 years", "experience ... spans over 6 years"
    candidate = _Y_CANDIDATE.search(before)
    bullet = _Y_BULLET.fullmatch(lead) is not None  # "- 5+ years ...", "• Minimum 3 years ..."
    if not bullet and not candidate and (_Y_COMPANY.search(before) or _Y_IS_A_WITH.search(before)):
        return False  # "our team has 20 years of experience", "X is a spinoff of Y with 15 years of ..."
    if _Y_EXPERIENCE_NEXT.match(after):
        return True  # "N years of (relevant work) experience", "N years' experience"
    if _Y_ASKED.search(lead):
        return True  # "Required 10+ years' enterprise scale Azure ..."
    if _Y_LINE_END.match(after) and (
        re.search(r"\bexperience\b", lead, re.I)
        or ((bullet or _Y_LIST_NAME.fullmatch(lead)) and _Y_ASKED_HEADING.search(text, max(0, start - 160), start))
        or (_Y_YOU_BULLET.match(lead) and not _Y_SPAN_BEFORE.search(lead))
    ):
        # "- Development experience for Go 2+ years"; "Minimum Required Experiences\n  - 6 years"; "- You've
        # been building ... back end systems for 12+ years."
        return True
    if _Y_YOU_BEEN.search(lead) or _Y_EXPERIENCE_FOR.search(lead):
        return True  # "You have been building applications and tooling for 5+ years and know ..."
    immediate = before[-30:]
    if not bullet and not _Y_QUALIFIER.search(immediate) and _Y_NOT_BEFORE.search(immediate) and not candidate:
        return False
    if _Y_NEXT_OK.match(after):
        return True
    if bullet and _Y_DASH_FIELD.match(after):
        return True  # "- 3+ Years – Information Technology, (Software) Engineering, or related"
    sentence_after = re.split(r"[.;\n]\s", after, maxsplit=1)[0]
    return bool(
        re.search(r"\bexperien", sentence_after, re.I)
        or re.search(r"experience\s*\($", before)
        or _Y_LABEL.search(lead) is not None  # the line's own label ("Work experience - min. 3 years")
        or _Y_FIELD_LABEL.match(lead) is not None  # "- Experience in the gaming industry: +3 years"
    )


# "an average of 15 years", "on average 10 years": said of a group, not asked of one candidate
_Y_AVERAGE = re.compile(r"\b(?:average(?:[ \t]+of)?|on[ \t]+average)[ \t]*(?:over[ \t]+|more[ \t]+than[ \t]+)?$", re.I)
# after a bullet's figure: a dash and the field it is in
_Y_DASH_FIELD = re.compile(r"^[ \t]*[–—:-][ \t]*[A-Z(]")
# "within the last 7 years", "in the past five years": a window of time, whoever it is said of
_Y_WINDOW = re.compile(r"\b(?:within|in|over|during|for)\s+the\s+(?:last|past|previous|prior|next|first)\s*$", re.I)
# a sentence that opens "With (over) N years of ...": said of whoever the sentence is about after its comma
_Y_WITH_INTRO = re.compile(
    r"(?:^|[.!?]\s+|\n[ \t]*(?:[^\w\s]{1,2}[ \t]*)?)(?:With|(?:Building|Drawing)\s+on|Bringing)\s+(?:[\w,-]+\s+){0,10}?"
    r"(?:over|more\s+than|nearly|almost|about|some|close\s+to)?\s*$"
)
# the sentence's subject after a comma: "we", or a name that a verb or an apposition follows ("...,
# PCF sets out", "..., Zscaler serves", "..., OpenTable, part of ..."), not the candidate nor a list of
# tools ("With a minimum of 5 years in Java, Python and AWS, you ...")
_Y_COMPANY_SUBJECT = re.compile(
    r",[ \t]*(?:we\b|our\b|the[ \t]+(?:[\w-]+[ \t]+){0,3}?[A-Z][\w.&'-]*[ \t]+(?:[\w-]+[ \t]+){0,4}?[a-z]+s\b"
    r"|(?!You\b|Your\b|The\b|This\b|Ideally\b)[A-Z][\w.&'-]*(?:[ \t]+[A-Z][\w.&'-]*)*"
    r"(?:[ \t]+(?:is|are|has|have|was|[a-z]+s)\b|,[ \t]+(?:part|a|an|the|one)\b))"
)


def _company_subject(after: str) -> bool:
    """After "With N years of ...": is the sentence's subject, after a comma, the company?"""
    sentence = re.split(r"[.;\n]\s", after, maxsplit=1)[0]
    if _Y_COMPANY_SUBJECT.search(sentence) is not None:
        return True
    # or the clause after the comma speaks of "us", not of "you": "..., top customers choose us"
    rest = sentence.split(",", 1)[1] if "," in sentence else ""
    return bool(re.search(r"\b(?:we|us|our)\b", rest, re.I)) and not re.search(r"\byou", rest, re.I)


_Y_MONEY = re.compile(r"[$€£¥₹]\s?\d|\d\s?(?:USD|EUR|GBP|CAD|PLN|k\b)")


def _in_pay_aside(text: str, start: int, end: int) -> bool:
    """Is the figure in brackets within a sentence that states pay (a level band's description)?"""
    open_at = text.rfind("(", max(0, start - 20), start)
    if open_at < 0 or ")" in text[open_at:start] or ")" not in text[end : end + 60]:
        return False
    lo = max(text.rfind("\n", 0, start), max(text.rfind(". ", 0, start), text.rfind("; ", 0, start)))
    hi_candidates = [i for i in (text.find("\n", end), text.find(". ", end)) if i >= 0]
    sentence = text[lo + 1 : min(hi_candidates) if hi_candidates else len(text)]
    return bool(_Y_MONEY.search(sentence))


# "Your professional experience with OOP spans over 6 years"
_Y_EXPERIENCE_SPANS = re.compile(r"\bexperience\b[^.\n]{0,60}\bspans?\s+(?:over|more\s+than|at\s+least)?\s*$", re.I)
# "... experience of 6-8 years", "experience of at least 3 years"
_Y_EXPERIENCE_OF = re.compile(r"\bexperience\s+of\s*(?:at\s+least|minimum|min\.?|over)?\s*$", re.I)

# a line that offers years in place of a degree ("... or equivalent experience (4+ years)", "4 years of
# experience may substitute for the degree", "10 years ... without degree"): its years are the degree's
# alternative, not the posting's main requirement when another line states one. A degree and years
# together ("a Bachelor degree and at least 5 years of ...") are the requirement.
_Y_DEGREE = re.compile(
    r"\b(?:(?i:degrees?|bachelor\w*|master['’]?s|diploma)|B\.?S\.?c?|B\.?A\.?|BTech|B\.?Eng|M\.?S\.?c?|MBA|Ph\.?D|GED)\b"
)
_Y_IN_PLACE = re.compile(r"\b(?:substitut\w*|in\s+lieu|without\s+(?:a\s+)?degree|equivalent)\b", re.I)


# "and" / "or" right before the figure: "... degree -OR- 4+ years", "... degree and at least 3 years"
_Y_CONJ = re.compile(
    r"\b(?P<conj>and|or)\b[ \t-]*(?:" + _AT_LEAST + r"[ \t]*)?$",
    re.I,
)


_SENTENCE_STOP = re.compile(r"[.;]\s")


def _degree_link(text: str, start: int) -> str:
    """How the years at ``start`` stand to a degree: "or" when offered in place of one (joined to a degree
    of their sentence by "or", "a Bachelor's degree ... OR 5 years' experience", or on a line that says
    so: "in lieu", "substitute", "equivalent", "without degree"), "and" when asked beside one ("a
    Bachelor's degree ..., and 3 years' experience"), else ""."""
    if _Y_EQUIVALENT_BEFORE.search(text, max(0, start - 30), start):
        return "or"  # "- Equivalent 4 years hands-on development experience": a degree's stand-in
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    sentence_start = max(line_start, text.rfind(". ", line_start, start) + 1, text.rfind("; ", line_start, start) + 1)
    conj = _Y_CONJ.search(text, max(sentence_start, start - 40), start)
    if conj and _Y_DEGREE.search(text, sentence_start, conj.start()):
        return conj.group("conj").lower()
    degrees = list(_Y_DEGREE.finditer(text, sentence_start, start))
    if degrees and not _Y_OFFERED.match(text, sentence_start, degrees[-1].start()):
        # "in Computer Science or related discipline with at least ", "or U.S. equivalent in ... plus "
        between = _Y_DEGREE_EQUIVALENT.sub("", text[degrees[-1].end() : start])
        beside = list(_Y_BESIDE.finditer(between))
        if beside and not _Y_IN_PLACE.search(between) and not re.search(r"\bor\b", between[beside[-1].end() :], re.I):
            return "and"  # "Bachelor's degree in ... with at least ten (10) years of ..., or equivalent ..."
    # the figure's sentence, to the end of its line: "..., or equivalent experience. 6+ years of ..." is not
    sentence_end = _SENTENCE_STOP.search(line, start - line_start)
    sentence = line[sentence_start - line_start : sentence_end.start() if sentence_end else len(line)]
    sentence = _Y_FOREIGN_EQUIVALENT.sub("", sentence)
    return "or" if _Y_DEGREE.search(sentence) and _Y_IN_PLACE.search(sentence) else ""



# right before the figure: it stands in for a degree ("Bachelor's Degree - OR - Equivalent 4 years ...")
_Y_EQUIVALENT_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:[^\w\s]{1,2}[ \t]*)?(?:or[ \t]+)?equivalent[ \t]*$", re.I)
# a degree that is itself one path of several: "...; or a PhD with 3 years", "Alternatively, ... a bachelor's"
_Y_OFFERED = re.compile(r"[^\w]*(?:or|alternatively)\b", re.I)
# the degree's own equivalent ("a Bachelor's degree or U.S. equivalent in ...", "..., or its equivalent plus")
_Y_DEGREE_EQUIVALENT = re.compile(r"\bor[ \t]+(?:(?:its|an?|the|U\.?S\.?|foreign)[ \t]+)*equivalent\b", re.I)
# "(willing to accept foreign education equivalent)": the degree's own equivalent, not years in its place
_Y_FOREIGN_EQUIVALENT = re.compile(r"\bforeign[ \t]+(?:education|degree)[ \t]+equivalent\b", re.I)
# between a degree and the figure: asked beside it ("with", "and", "plus", "+"), or in its place
_Y_BESIDE = re.compile(r"\b(?:with|and|plus)\b|\+", re.I)


# a wish beyond the bar: "..., preferably 7+ years in a similar role"
_Y_PREFERABLY = re.compile(r"\b(?:preferabl[ey]|ideally)[ \t]*(?:(?:at[ \t]+least|over)[ \t]*)?$", re.I)
_Y_ALTERNATIVE = re.compile(r"\bor[ \t]+(?:[\w-]+[ \t]+)?$", re.I)  # "... or 4 to 8 years of ..."
# a relaxed bar after the requirement: "We also consider candidates with 1.5 to 3 years of experience"
_Y_RELAXED = re.compile(r"\bconsider\w*\b", re.I)


# the line that introduces a list as wishes: "Nice to have:", "Preferred qualifications", "we don't expect you
# to have everything below, but it would be great if ..."
_Y_WISH_INTRO = re.compile(
    r"\b(?:nice[ \t-]to[ \t-]haves?|would[ \t]+be[ \t]+(?:great|nice|a[ \t]+(?:plus|bonus))|bonus[ \t]+points|"
    r"(?:is|are)[ \t]+a[ \t]+(?:plus|bonus)|pluses|preferred|desired|desirable|don['’]t[ \t]+expect|"
    r"not[ \t]+(?:required|necessary|mandatory))\b",
    re.I,
)
_Y_LIST_LINE = re.compile(r"[ \t]*(?:" + _LIST_MARK + r"[ \t]+\S.*)?")


def _wish_sentence(text: str, start: int) -> bool:
    """Does the figure's own sentence end by calling it a wish ("... experience is preferred.")?"""
    sentence = re.split(r"[.;\n]", text[start : start + 200], maxsplit=1)[0]
    wish = _Y_WISH_END.search(sentence)
    # the wish is the figure's own, not an aside's ("... in Golang (smart contract experience is a plus)")
    return wish is not None and not re.search(r"[,(]", sentence[: wish.start()])


# how a sentence ends that states a wish, not a requirement
_Y_WISH_END = re.compile(r"\b(?:is|are)[ \t]+(?:(?:strongly|highly)[ \t]+)?(?:preferred|desired|a[ \t]+plus)\W*$", re.I)


def _in_wish_block(text: str, start: int) -> bool:
    """Is the figure at ``start`` in a list item (or right under a line) that a wish line introduces? The
    intro is the first line above that is neither blank nor a list item (looked for up to 3,000 characters up)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    if not _Y_LIST_LINE.fullmatch(text, line_start, line_end if line_end >= 0 else len(text)):
        return False  # a figure in running text is said on its own line, not under an intro
    end = line_start - 1
    while end > 0 and start - end < 3000:
        begin = text.rfind("\n", 0, end) + 1
        line = text[begin:end]
        if line.strip() and not _Y_LIST_LINE.fullmatch(line):
            return _Y_WISH_INTRO.search(line) is not None
        end = begin - 1
    return False


def parse_years(text: str) -> Years | None:
    """The main years-of-experience requirement of a posting.

    Args:
        text: the posting as plain text.

    Returns:
        The main requirement on the candidate ("5+ years of ...", "at least four years in ...",
        "3-5 years as ..."): the first one, unless it is on a single tool ("8+ years of React",
        "3+ years of experience with Salesforce", "8+ years of React experience") and a general one
        follows ("5+ years of professional experience", "6+ years of experience in sales
        operations"): then the first such one; or on leading people ("3+ years of leadership
        experience", "7+ years leading engineering teams") and one on the work follows ("7+ years of
        engineering experience"): then that one.
        Figures in a list a wish introduces ("Nice to have:", "it would be great if ...") count only
        when nothing else is asked.
        None when there is none. Company age and time spans ("founded 10 years ago", "for over 12
        years", "after 3 years") are not requirements.
    """
    found = _years_candidates(text)
    if not found:
        return None
    # figures under a wish ("Nice to have:", "... it would be great if ...") give way to those asked
    found = [f for f in found if not _in_wish_block(text, f[0]) and not _wish_sentence(text, f[0])] or found
    if _degree_link(text, found[0][0]) == "or":
        # a degree's alternative gives way to the first later requirement of its own (not one on a
        # single tool or on leading, nor another degree alternative; years asked beside a degree are one)
        own = (
            (start, y)
            for start, y in found[1:]
            if _degree_link(text, start) != "or" and _y_kind(text, start, y) not in ("tool", "leading")
        )
        found = [next(own, found[0])]
    if _y_kind(text, *found[0]) == "tool":
        # a requirement on one tool gives way to the first later general one (and not to an
        # alternative, "... or 4 to 8 years of ...", nor to a relaxed bar, "we also consider ...");
        # an activity ("leading a team") does not win
        others = (
            y
            for start, y in found[1:]
            if _y_kind(text, start, y) == "general"
            and not _Y_ALTERNATIVE.search(text, max(0, start - 20), start)
            and not _Y_RELAXED.search(_clause_before(text, start, 200))
        )
        return next(others, found[0][1])
    if _y_kind(text, *found[0]) == "leading":
        # a requirement on leading gives way to the first later one on the work itself (not on a tool,
        # on leading, a degree's alternative, an alternative or a relaxed bar)
        work = (
            y
            for start, y in found[1:]
            if _y_kind(text, start, y) in ("general", "")
            and not _Y_TOOL.match(text, start + len(y.text), start + len(y.text) + 120)
            and _degree_link(text, start) != "or"
            and not _Y_ALTERNATIVE.search(text, max(0, start - 20), start)
            and not _Y_PREFERABLY.search(text, max(0, start - 20), start)
            and not _Y_RELAXED.search(_clause_before(text, start, 200))
        )
        return next(work, found[0][1])
    return found[0][1]
