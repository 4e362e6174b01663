"""What a years requirement is on: a tool, leading people, or the work at large (:func:`_y_kind`)."""

from __future__ import annotations

import re

from .model import Years

# Capitalised words that name a field, an industry or a kind of experience, not a tool: "5+ years of
# SaaS Sales experience", "of Software Engineering experience", "of B2B experience".
_Y_FIELD_WORDS = (
    r"(?:Software|Engineering|Sales|Marketing|Product|Project|Program|Management|Business|Professional|"
    r"Industry|Relevant|Related|Work|Working|Technical|Leadership|Customer|Client|Account|Operations|"
    r"Revenue|Data|Finance|Financial|Consulting|SaaS|B2B|B2C|Enterprise|IT|Tech|Technology|Development|"
    r"Design|Quality|QA|Security|Research|Analytics|Experience|Hands|Full|Post|Prior|Previous|Progressive|"
    r"Total|Overall|Direct|People|Team|Agency|Startup|Field|Inside|Channel|Partner|Strategic|Senior|"
    r"Supervisory|Managerial|Clinical|Legal|HR|Recruiting|Healthcare|Fintech|Commercial|Industrial|"
    r"Corporate|Retail|Banking|Insurance|Media|Startups|Public|Accounting|Audit|Tax|Cyber|Cybersecurity|"
    r"Information|Network|Networking|Systems|Infrastructure)\b"
)
# "N years of React", "N years with Salesforce", "N years of experience with Java", "N years of React
# experience", "N years of Salesforce administration experience", "N years of experience in Data
# Ingestion": a requirement on one tool or named area (a capitalised name), not on the job. A field
# ("in sales operations", "of Software Engineering or related work experience", "of SaaS experience")
# or a role ("as an analyst") is not a tool.
_Y_TOOL = re.compile(
    r"['’]?[ \t]*(?:"
    r"(?:of|with|using)[ \t]+(?:the[ \t]+)?[A-Z][\w.#+/-]*(?:[ \t]+[A-Z][\w.#+/-]*){0,2}[ \t]*(?:[.;(\n]|$)"
    # "working with VueJS, PHP, ...": named tools, in capitals
    r"|(?:of[ \t]+)?(?:hands[- ]on[ \t]+)?(?:working|work)[ \t]+(?:with|using|in)[ \t]+(?!" + _Y_FIELD_WORDS + r")[A-Z]"
    # "experience (working) with/using ...": on the tools named after it, whatever their case ("3+ years
    # of experience working with relevant security tools")
    r"|(?:of[ \t]+)?(?:[\w-]+[ \t]+){0,2}?experience[ \t]+(?:in[ \t]+)?(?:working[ \t]+)?(?:with|using)[ \t]+"
    r"(?:(?!" + _Y_FIELD_WORDS + r")[A-Z0-9.]"
    r"|(?:the[ \t]+)?(?:[\w/-]+[ \t]+){0,5}?(?:tools?|frameworks?|platforms?|libraries|languages?|"
    r"databases?|stacks?|software|apis?|services|(?:using|with|on|in)[ \t]+\w*[A-Z])\b"
    r"|[^\n.;(]{0,80}\([ \t]*(?:e\.g\.,?[ \t]*)?[A-Z])"
    # "experience in" a named area ("of hands-on experience in Data Ingestion"), not a field ("in
    # Software Engineering", "in sales operations")
    r"|(?:of[ \t]+)?(?:[\w-]+[ \t]+){0,2}?experience[ \t]+(?:in|within|of)[ \t]+(?:the[ \t]+)?"
    r"(?:" + _Y_FIELD_WORDS + r"[ \t]+){0,2}(?!" + _Y_FIELD_WORDS + r")[A-Z][\w.#+/-]*"
    # "experience in developing code in high-level programming language (Java, C++, Go)"
    r"|(?:of[ \t]+)?(?:[\w-]+[ \t]+){0,2}?experience[ \t]+in[ \t]+(?:developing|writing)[ \t]+code[ \t]+in\b"
    # "experience in programming language Python and SQL": on the languages named
    r"|(?:of[ \t]+)?(?:[\w-]+[ \t]+){0,2}?experience[ \t]+(?:in|with)[ \t]+(?:the[ \t]+)?"
    r"(?:programming[ \t]+)?languages?\b"
    r"|(?:of[ \t]+)?(?:hands[- ]on[ \t]+)?(?!" + _Y_FIELD_WORDS + r")[A-Z][\w.#+-]*"
    r"(?:(?:[ \t]*(?:/|,|and|or)[ \t]*|[ \t]+)(?!" + _Y_FIELD_WORDS + r")[A-Z][\w.#+-]*){0,2}[ \t]+"
    r"(?:(?:development|programming|engineering|coding|administration|admin|scripting)[ \t]+)?"
    r"(?:work[ \t]+)?experience\b"
    # "2+ years of experience Autodesk APIs": a name right after "experience"
    r"|(?:of[ \t]+)?experience[ \t]+(?!" + _Y_FIELD_WORDS + r"|(?:OR|AND)\b)(?-i:[A-Z])[\w.#+-]*[ \t]+(?-i:[A-Z(])"
    # "experience developing React Native apps": building with a named tool
    r"|(?:of[ \t]+)?(?:[\w-]+[ \t]+){0,2}?experience[ \t]+(?:developing|building|programming)[ \t]+"
    r"(?!" + _Y_FIELD_WORDS + r")[A-Z][\w.#+-]*"
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
    # the work itself, named without "experience": "3 or more years of software development, to include ..."
    r"|(?:experience[ \t]+)?(?:software|application|web|back[- ]?end|front[- ]?end|full[- ]stack)[ \t]+"
    r"(?:product[ \t]+)?(?:development|engineering)\b"
    r"(?![ \t]+experience[ \t]+(?:working[ \t]+)?(?:with|using|in)[ \t]+(?-i:[A-Z]))(?![ \t]+(?:management|leadership))"
    r"|(?:work(?:ing)?[ \t]+)?experience[ \t]*(?:[.,;:!)\n]|$|(?:is[ \t]+)?(?:required|preferred|needed)\b)"
    # "N years working in an Agile software development environment", "... developing applications"
    r"|working[ \t]+(?:in|as)[ \t]+(?:an?|the)[ \t]+(?-i:[a-zA-Z])"
    r"|(?:of[ \t]+)?(?:[\w-]+[ \t]+)?experience[ \t]+(?:developing|building|writing|shipping)[ \t]+"
    r"(?:and[ \t]+\w+ing[ \t]+)?(?:software[ \t]+)?(?:software|applications|apps)\b"
    # "... experience in sales operations", not "... experience in building ..."
    r"|(?:work(?:ing)?[ \t]+)?experience[ \t]+(?:in|as|within)[ \t]+(?!" + _Y_DOING + r")"
    r"(?!(?:the[ \t]+)?(?:programming[ \t]+)?languages?\b)(?-i:[a-z]))",
    re.I,
)


# "N years of experience in Software Engineering": experience in a field named in capitals
_Y_IN_FIELD = re.compile(
    r"['’]?[ \t]*(?:of[ \t]+)?(?:work(?:ing)?[ \t]+)?experience[ \t]+(?:in|within)[ \t]+(?:the[ \t]+)?"
    r"(?:" + _Y_FIELD_WORDS + r"[ \t]*){1,3}(?:[.,;:)\n]|$|or\b|and\b)"
)
# "overall ... experience of N years"
_Y_GENERAL_OF = re.compile(
    r"\b(?:overall|total|professional|relevant|work|industry)\b[\w /&+.-]{0,40}experience\s+of\s*"
    r"(?:at\s+least|minimum|min\.?|over)?\s*$",
    re.I,
)


# "N years of experience as a technical lead", "N years leading engineering teams", "N years of
# organizational/leadership experience", "N years in a management role": a requirement on leading, which
# gives way to a general one that follows ("8+ years as a software engineer", "7+ years of engineering
# experience"), as the one on a tool does
_Y_LEADING = re.compile(
    r"['’]?[ \t]*(?:of[ \t]+)?(?:[\w/-]+[ \t]+){0,3}?(?:experience[ \t]+)?(?:"
    r"as[ \t]+an?[ \t]+(?:[\w-]+[ \t]+){0,2}?(?:lead|leader|manager|head|director)\b"
    r"|(?:leading|managing|supervising)[ \t]+(?:[\w-]+[ \t]+){0,2}?"
    r"(?:teams?|engineers|managers|people|groups?|organi[sz]ations?)\b"
    r"|in[ \t]+(?:an?[ \t]+)?(?:[\w-]+[ \t]+(?:or[ \t]+)?){0,3}?(?:leadership|management|managerial|supervisory)[ \t]+"
    r"(?:roles?|positions?|capacity|capacities)"
    r"|(?:[\w-]+/)?(?:leadership|people[ \t]+management|management|managerial|supervisory)[ \t]+experience\b)",
    re.I,
)


# "N years (of experience) as a(n) (established) technical leader": leading, though "experience as" is general
_Y_AS_LEADER = re.compile(
    r"['’]?[ \t]*(?:of[ \t]+)?(?:(?:[\w-]+[ \t]+){0,2}?experience[ \t]+)?as[ \t]+an?[ \t]+(?:[\w-]+[ \t]+){0,2}?"
    r"(?:lead|leader|manager|head|director)\b"
    r"|['’]?[ \t]*(?:of[ \t]+)?(?:[\w-]+[ \t]+){0,2}?experience[ \t]+in[ \t]+an?[ \t]+"
    r"(?:[\w-]+[ \t]+){0,3}?background[ \t]+"
    r"as[ \t]+(?:an?[ \t]+)?(?:[\w-]+[ \t]+){0,2}?(?:lead|leader|manager|head|director)\b"
    # "N years of experience holding a Senior Engineering title": a rank held, like a lead's
    r"|['’]?[ \t]*(?:of[ \t]+)?(?:[\w-]+[ \t]+){0,2}?experience[ \t]+holding[ \t]+(?:an?|the)[ \t]+"
    r"(?:[\w-]+[ \t]+){0,3}?title\b"
    # "N years of experience in a DevOps/SRE leadership role"
    r"|['’]?[ \t]*(?:of[ \t]+)?(?:[\w-]+[ \t]+){0,2}?experience[ \t]+in[ \t]+(?:an?[ \t]+)?(?:[\w/&-]+[ \t]+){0,3}?"
    r"(?:leadership|management|managerial|supervisory)[ \t]+(?:roles?|positions?|capacity)\b",
    re.I,
)


# words that say how much or how good the experience is, not what it is on
_Y_EXPERIENCE_ADJ = r"(?:Proven|Demonstrated|Strong|Solid|Extensive|Practical|Deep|Broad|Significant|Minimum|Some)\b"
# a tool named before the figure: "Verint experience (minimum 3 years)"
_Y_TOOL_BEFORE = re.compile(
    r"(?<![\w.])(?!" + _Y_FIELD_WORDS + r"|" + _Y_EXPERIENCE_ADJ + r")[A-Z][\w.#+/-]*"
    r"(?:[ \t]+(?!" + _Y_FIELD_WORDS + r")[A-Z][\w.#+/-]*)?"
    r"[ \t]+experience[ \t]*\([ \t]*(?:(?:minimum|min\.?|at[ \t]+least)[ \t]*)?$"
    # or named right before the figure inside brackets: "(min req Angular 4 years)"
    r"|\([^()\n]{0,24}?(?<![\w.])(?!" + _Y_FIELD_WORDS + r")[A-Z][\w.#+/-]*[ \t]+$"
)
# a figure whose sentence ends on one named tool: "4+ years of experience programming backend services, with Go."
_Y_TOOL_AT_END = re.compile(r"[^.\n;]{0,100}?,[ \t]*(?:with|using|in)[ \t]+[A-Z][\w.#+-]*[ \t]*(?:\.[ \t]*)?(?:\n|$)")


# "- Experience leading a team in the development for 1+ year": leading, named before the figure
_Y_LEADING_BEFORE = re.compile(
    r"\bexperience[ \t]+(?:in[ \t]+)?(?:leading|managing|supervising)\b[^.;\n]{0,60}?\bfor[ \t]+"
    r"(?:at[ \t]+least[ \t]+|over[ \t]+|more[ \t]+than[ \t]+)?$",
    re.I,
)


def _y_kind(text: str, start: int, years: Years) -> str:
    """ "tool" for a requirement on one tool, "leading" for one on leading people, "general" for one on
    experience at large, else ""."""
    end = start + len(years.text)
    if _Y_AS_LEADER.match(text, end, end + 120):
        return "leading"  # "N years of experience as an operations leader/people manager of ..."
    if _Y_GENERAL.match(text, end, end + 120) or _Y_IN_FIELD.match(text, end, end + 120):
        return "general"  # also "4+ years of professional experience with TypeScript"
    if _Y_GENERAL_OF.search(text, max(0, start - 80), start):
        return "general"
    if _Y_LEADING.match(text, end, end + 120) or _Y_LEADING_BEFORE.search(text, max(0, start - 100), start):
        return "leading"
    if _Y_TOOL_BEFORE.search(text, max(0, start - 60), start) or _Y_TOOL_AT_END.match(text, end, end + 160):
        return "tool"  # "Verint experience (minimum 3 years)", "... programming backend services, with Go."
    return "tool" if _Y_TOOL.match(text, end, end + 120) else ""
