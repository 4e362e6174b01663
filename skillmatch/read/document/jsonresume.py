"""JSON Resume files: the schema checked, then work, education and skills as lines."""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Mapping
from typing import Any

from skillmatch.errors import InputError

from .model import Document
from .sections import _build_document, _Raw


def _load_json_resume(text: str) -> dict[str, Any]:
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}") from None
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply") from None
    return _check_json_resume(parsed)


def _check_json_resume(parsed: object) -> dict[str, Any]:
    if not isinstance(parsed, dict) or not ("basics" in parsed or "work" in parsed):
        raise InputError('JSON, but not a JSON Resume (no "basics" or "work" object)')
    for key in ("work", "volunteer", "education", "awards", "certificates", "publications", "skills",
                "languages", "interests", "projects"):
        if key in parsed and parsed[key] is not None and not isinstance(parsed[key], list):
            raise InputError(f'JSON Resume: "{key}" must be a list')
    if "basics" in parsed and parsed["basics"] is not None and not isinstance(parsed["basics"], dict):
        raise InputError('JSON Resume: "basics" must be an object')
    return parsed


def _s(value: object) -> str:
    """A scalar JSON value as text; anything else as ''."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _json_date(value: object) -> str:
    text = _s(value)
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-\d{2})?", text)
    if match and 1 <= int(match.group(2)) <= 12:
        return f"{calendar.month_abbr[int(match.group(2))]} {match.group(1)}"
    return text


def _json_dates(item: Mapping[str, Any], start_key: str = "startDate", end_key: str = "endDate") -> str:
    start, end = _json_date(item.get(start_key)), _json_date(item.get(end_key))
    if start:
        return f"{start} – {end or 'Present'}"
    return end


def _entries(resume: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    return [e for e in (resume.get(key) or []) if isinstance(e, dict)]


def _json_resume_document(resume: dict[str, Any], name: str | None) -> Document:
    raw: list[_Raw] = []
    section: str | None = None

    def add(text: str) -> None:
        raw.extend(_Raw(line, section=section, forced=True) for line in (text.splitlines() or [""]))

    def heading(title: str, section_id: str) -> None:
        nonlocal section
        if raw:
            add("")
        section = section_id
        add(title)

    def joined(*parts: str, sep: str = " — ") -> str:
        return sep.join(p for p in parts if p)

    basics: Mapping[str, Any] = resume.get("basics") or {}
    for key in ("name", "label"):
        if _s(basics.get(key)):
            add(_s(basics[key]))
    location: Mapping[str, Any] = basics["location"] if isinstance(basics.get("location"), dict) else {}
    place = joined(_s(location.get("city")), _s(location.get("region")), _s(location.get("countryCode")),
                   sep=", ")
    contact = joined(_s(basics.get("email")), _s(basics.get("phone")), _s(basics.get("url")), place,
                     sep=" · ")
    if contact:
        add(contact)
    if _s(basics.get("summary")):
        heading("Summary", "summary")
        add(_s(basics["summary"]))

    def dated_entries(key: str, title: str, section_id: str, role: str, org: str) -> None:
        entries = _entries(resume, key)
        if not entries:
            return
        heading(title, section_id)
        for i, entry in enumerate(entries):
            if i:
                add("")
            head = joined(_s(entry.get(role)), _s(entry.get(org)) or _s(entry.get("company")))
            add(joined(head, _s(entry.get("location")), sep=", "))
            if _json_dates(entry):
                add(_json_dates(entry))
            if _s(entry.get("summary")):
                add(_s(entry["summary"]))
            for highlight in entry.get("highlights") or []:
                if _s(highlight):
                    add(f"• {_s(highlight)}")

    dated_entries("work", "Experience", "experience", "position", "name")
    dated_entries("volunteer", "Volunteer", "volunteer", "position", "organization")
    if entries := _entries(resume, "education"):
        heading("Education", "education")
        for entry in entries:
            degree = joined(_s(entry.get("studyType")), _s(entry.get("area")), sep=" in ")
            add(joined(degree, _s(entry.get("institution")), sep=", "))
            if _json_dates(entry):
                add(_json_dates(entry))
            courses = [_s(c) for c in entry.get("courses") or [] if _s(c)]
            if courses:
                add("Courses: " + ", ".join(courses))
    if entries := _entries(resume, "certificates"):
        heading("Certifications", "certifications")
        for entry in entries:
            date = _json_date(entry.get("date"))
            add(joined(joined(_s(entry.get("name")), _s(entry.get("issuer"))), f"({date})" if date else "",
                       sep=" "))
    if entries := _entries(resume, "awards"):
        heading("Awards", "awards")
        for entry in entries:
            add(joined(_s(entry.get("title")), _s(entry.get("awarder")), _json_date(entry.get("date"))))
    if entries := _entries(resume, "publications"):
        heading("Publications", "publications")
        for entry in entries:
            add(joined(_s(entry.get("name")), _s(entry.get("publisher")),
                       _json_date(entry.get("releaseDate"))))
    if entries := _entries(resume, "skills"):
        heading("Skills", "skills")
        for entry in entries:
            keywords = ", ".join(_s(k) for k in entry.get("keywords") or [] if _s(k))
            add(joined(_s(entry.get("name")), keywords, sep=": "))
    if entries := _entries(resume, "projects"):
        heading("Projects", "projects")
        for entry in entries:
            add(joined(_s(entry.get("name")), _json_dates(entry), sep=", "))
            if _s(entry.get("description")):
                add(_s(entry["description"]))
            for highlight in entry.get("highlights") or []:
                if _s(highlight):
                    add(f"• {_s(highlight)}")
    if entries := _entries(resume, "languages"):
        heading("Languages", "languages")
        for entry in entries:
            fluency = _s(entry.get("fluency"))
            add(joined(_s(entry.get("language")), f"({fluency})" if fluency else "", sep=" "))
    if entries := _entries(resume, "interests"):
        heading("Interests", "interests")
        for entry in entries:
            keywords = ", ".join(_s(k) for k in entry.get("keywords") or [] if _s(k))
            add(joined(_s(entry.get("name")), keywords, sep=": "))

    if not any(r.text.strip() for r in raw):
        raise InputError("JSON Resume has no content")
    return _build_document(raw, "json_resume", name)
