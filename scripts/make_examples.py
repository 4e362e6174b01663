"""Write the bundled synthetic example resume as TXT, PDF, DOCX and JSON Resume.

All four files come from the one description of a fictional person below (Jordan Rivera, a
revenue analyst moving toward sales operations). Nothing here is a real person or employer.

Usage:
    python scripts/make_examples.py [--out data/examples]

The PDF needs a Unicode TrueType font (DejaVu Sans, Debian package fonts-dejavu-core) for the
en dashes and bullets; pass --font PATH to use another. Dates inside the files are fixed, so
running the script twice writes identical bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXED_TIME = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/Library/Fonts/DejaVuSans.ttf",
)


@dataclass(frozen=True)
class Role:
    title: str
    company: str
    location: str
    start: str  # ISO "YYYY-MM"
    end: str | None  # None = present
    bullets: tuple[str, ...]


@dataclass(frozen=True)
class Degree:
    study_type: str
    area: str
    institution: str
    start: str
    end: str


@dataclass(frozen=True)
class Certificate:
    name: str
    issuer: str
    date: str  # "YYYY"


NAME = "Jordan Rivera"
LABEL = "Revenue Analyst"
EMAIL = "jordan.rivera@example.com"
PHONE = "(555) 010-0147"
CITY, REGION, COUNTRY = "Denver", "CO", "US"

SUMMARY = (
    "Revenue analyst with 7 years of experience turning CRM, billing and order data into the reports "
    "and models that sales leaders use every week. Moving toward sales operations: I already run "
    "pipeline reporting, support the forecast and help with territory planning, and I want to own "
    "those processes end to end."
)

ROLES = (
    Role(
        "Revenue Analyst",
        "Harborline Software",
        "Denver, CO",
        "2023-04",
        None,
        (
            "Own the weekly pipeline report for a 45-rep sales team: coverage, stage conversion and "
            "slipped deals by segment, built from Salesforce reports and SQL.",
            "Built a quarterly bookings forecasting model in Excel that blends rep commit calls with "
            "historical stage conversion; forecast error fell from 14% to 6% over four quarters.",
            "Designed Tableau dashboards for win rate, sales cycle length and average deal size by "
            "region, used by the VP of Sales in the weekly forecast call.",
            "Supported the annual territory refresh: scored 3,800 accounts on size and past spend and "
            "documented the assignment rules for the regional sales managers.",
            "Present the monthly pipeline and attainment review to sales leaders.",
            "Wrote the data dictionary for opportunity fields and worked with the Salesforce "
            "administrator to merge duplicate accounts.",
        ),
    ),
    Role(
        "Business Analyst",
        "Crestmoor Logistics",
        "Boulder, CO",
        "2021-01",
        "2023-03",
        (
            "Wrote SQL queries against the order and shipment warehouse for weekly operations and "
            "account reporting.",
            "Built Excel models for carrier cost and pricing scenarios and presented the results to "
            "the finance and operations leads.",
            "Gathered requirements and wrote the process documentation for moving weekly reporting "
            "from spreadsheets to Tableau.",
            "Produced monthly account health reports for the account management team from "
            "Salesforce data.",
        ),
    ),
    Role(
        "Data Analyst",
        "Pinecrest Outfitters",
        "Denver, CO",
        "2019-06",
        "2021-02",
        (
            "Maintained the daily sales and inventory reports for 40 stores in Excel and SQL.",
            "Automated the weekly regional sales summary, replacing four hours of manual "
            "copy-and-paste.",
            "Answered ad hoc data requests from merchandising and store operations managers.",
        ),
    ),
)

EDUCATION = (Degree("B.A.", "Economics", "University of Colorado Denver", "2015-08", "2019-05"),)

CERTIFICATES = (
    Certificate("Tableau Desktop Specialist", "Tableau", "2022"),
    Certificate("Google Data Analytics Certificate", "Coursera", "2020"),
)

SKILLS = (
    ("Data", ("SQL (PostgreSQL, Snowflake)", "Excel (models, pivot tables, Power Query)")),
    ("Reporting", ("Tableau dashboards", "Salesforce reports and dashboards")),
    ("Sales analytics", ("pipeline reporting", "bookings forecasting", "territory analysis")),
    ("Communication", ("process documentation", "presenting to sales leaders")),
)


# ------------------------------------------------------------------------------------- shared text


def month_year(iso: str | None) -> str:
    if iso is None:
        return "Present"
    year, month = iso.split("-")
    return f"{dt.date(int(year), int(month), 1):%b %Y}"


def dates(start: str, end: str | None) -> str:
    return f"{month_year(start)} – {month_year(end)}"


def contact_line() -> str:
    return f"{EMAIL} · {PHONE} · {CITY}, {REGION}"


def role_heading(role: Role) -> str:
    return f"{role.title} — {role.company}, {role.location}"


def degree_line(degree: Degree) -> str:
    return f"{degree.study_type} in {degree.area}, {degree.institution}"


def certificate_line(cert: Certificate) -> str:
    return f"{cert.name} — {cert.issuer} ({cert.date})"


def skill_line(group: str, items: tuple[str, ...]) -> str:
    return f"{group}: {', '.join(items)}"


# ------------------------------------------------------------------------------------------ writers


def render_txt() -> str:
    lines = [NAME, LABEL, contact_line(), "", "Summary", SUMMARY, "", "Experience"]
    for i, role in enumerate(ROLES):
        if i:
            lines.append("")
        lines += [role_heading(role), dates(role.start, role.end)]
        lines += [f"• {bullet}" for bullet in role.bullets]
    lines += ["", "Education"]
    for degree in EDUCATION:
        lines += [degree_line(degree), dates(degree.start, degree.end)]
    lines += ["", "Certifications"] + [certificate_line(c) for c in CERTIFICATES]
    lines += ["", "Skills"] + [skill_line(g, items) for g, items in SKILLS]
    return "\n".join(lines) + "\n"


def render_json() -> str:
    resume = {
        "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
        "basics": {
            "name": NAME,
            "label": LABEL,
            "email": EMAIL,
            "phone": PHONE,
            "summary": SUMMARY,
            "location": {"city": CITY, "region": REGION, "countryCode": COUNTRY},
        },
        "work": [
            {
                "name": role.company,
                "position": role.title,
                "location": role.location,
                "startDate": role.start,
                **({"endDate": role.end} if role.end else {}),
                "highlights": list(role.bullets),
            }
            for role in ROLES
        ],
        "education": [
            {
                "institution": d.institution,
                "area": d.area,
                "studyType": d.study_type,
                "startDate": d.start,
                "endDate": d.end,
            }
            for d in EDUCATION
        ],
        "certificates": [{"name": c.name, "issuer": c.issuer, "date": c.date} for c in CERTIFICATES],
        "skills": [{"name": group, "keywords": list(items)} for group, items in SKILLS],
        "meta": {"version": "v1.0.0", "note": "Synthetic example generated by scripts/make_examples.py"},
    }
    return json.dumps(resume, indent=2, ensure_ascii=False) + "\n"


def render_pdf(font: Path) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="Letter")
    pdf.set_creation_date(FIXED_TIME)
    pdf.set_title(f"{NAME} - resume (synthetic example)")
    pdf.set_author("skillmatch scripts/make_examples.py")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_font("Body", "", str(font))
    pdf.add_font("Body", "B", str(font.with_name(font.stem + "-Bold.ttf")))

    def line(text: str, size: float = 10, style: str = "", height: float = 5.2) -> None:
        pdf.set_font("Body", style, size)
        pdf.multi_cell(0, height, text, align="L", new_x="LMARGIN", new_y="NEXT")

    def heading(text: str) -> None:
        pdf.ln(3)
        line(text, size=12, style="B", height=7)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(1.5)

    def bullet(text: str) -> None:
        pdf.set_x(pdf.l_margin + 3)
        pdf.set_font("Body", "", 10)
        pdf.multi_cell(0, 5.2, f"• {text}", align="L", new_x="LMARGIN", new_y="NEXT")

    pdf.add_page()
    line(NAME, size=18, style="B", height=9)
    line(LABEL, size=11)
    line(contact_line())
    heading("Summary")
    line(SUMMARY)
    heading("Experience")
    for i, role in enumerate(ROLES):
        if i:
            pdf.ln(2)
        line(role_heading(role), style="B")
        line(dates(role.start, role.end))
        for text in role.bullets:
            bullet(text)
    pdf.add_page()  # page 2: the rest, so the example exercises page numbers
    heading("Education")
    for degree in EDUCATION:
        line(degree_line(degree), style="B")
        line(dates(degree.start, degree.end))
    heading("Certifications")
    for cert in CERTIFICATES:
        line(certificate_line(cert))
    heading("Skills")
    for group, items in SKILLS:
        line(skill_line(group, items))
    return bytes(pdf.output())


def render_docx() -> bytes:
    import docx

    document = docx.Document()
    props = document.core_properties
    props.title = f"{NAME} - resume (synthetic example)"
    props.author = props.last_modified_by = "skillmatch scripts/make_examples.py"
    props.created = props.modified = FIXED_TIME.replace(tzinfo=None)
    props.revision = 1
    document.add_paragraph(NAME, style="Title")
    document.add_paragraph(LABEL)
    document.add_paragraph(contact_line())
    document.add_heading("Summary", level=1)
    document.add_paragraph(SUMMARY)
    document.add_heading("Experience", level=1)
    for role in ROLES:
        document.add_heading(role_heading(role), level=2)
        document.add_paragraph(dates(role.start, role.end)).runs[0].italic = True
        for text in role.bullets:
            document.add_paragraph(text, style="List Bullet")
    document.add_heading("Education", level=1)
    for degree in EDUCATION:
        document.add_paragraph(degree_line(degree))
        document.add_paragraph(dates(degree.start, degree.end))
    document.add_heading("Certifications", level=1)
    for cert in CERTIFICATES:
        document.add_paragraph(certificate_line(cert))
    document.add_heading("Skills", level=1)
    for group, items in SKILLS:
        document.add_paragraph(skill_line(group, items))
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip_times(buffer.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The same ZIP with every entry dated FIXED_TIME, so the output is reproducible."""
    out = io.BytesIO()
    stamp = FIXED_TIME.timetuple()[:6]
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info))
    return out.getvalue()


def find_font(explicit: str | None) -> Path:
    candidates = [explicit] if explicit else list(FONT_CANDIDATES)
    for candidate in candidates:
        path = Path(candidate) if candidate else None
        if path and path.is_file() and path.with_name(path.stem + "-Bold.ttf").is_file():
            return path
    raise SystemExit(
        "no DejaVuSans.ttf (+ DejaVuSans-Bold.ttf) found; install fonts-dejavu-core or pass --font PATH"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "examples", help="output directory")
    parser.add_argument("--font", help="a TrueType font with a -Bold.ttf sibling (default: DejaVu Sans)")
    args = parser.parse_args(argv)
    font = find_font(args.font)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    outputs = {
        "example_resume.txt": render_txt().encode("utf-8"),
        "example_resume.json": render_json().encode("utf-8"),
        "example_resume.pdf": render_pdf(font),
        "example_resume.docx": render_docx(),
    }
    for file_name, data in outputs.items():
        (out / file_name).write_bytes(data)
        print(f"wrote {out / file_name} ({len(data):,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
