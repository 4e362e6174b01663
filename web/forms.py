"""The HTML forms (Flask-WTF): each carries a CSRF token; CSRFProtect checks it before any view runs."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from .present import level_ids, level_name, skills_by_tier

__all__ = ["JDDraftForm", "JDLintForm", "ResumeForm"]

MAX_JD_CHARS = 100_000


class ResumeForm(FlaskForm):
    """Upload a resume; its type is sniffed from the bytes, whatever the name says."""

    resume = FileField(
        "Your resume",
        validators=[FileRequired("Choose a resume file to upload.")],
        description="PDF, Word (.docx), plain text, Markdown or JSON Resume; up to 10 MB. "
                    "It is read in memory for this page only: never stored, never logged.",
    )


class _CheckboxList(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class JDDraftForm(FlaskForm):
    """What to draft a job description for."""

    level = SelectField("Level", validators=[DataRequired()])
    title = StringField("Job title", validators=[Optional(), Length(max=120)],
                        description="Leave empty to use the level's title on the ladder.")
    company = StringField("Company", validators=[Optional(), Length(max=120)])
    location = StringField("Location", validators=[Optional(), Length(max=120)],
                           description='"City, ST" or "City, Country".')
    remote = BooleanField("Can be done remotely from anywhere in the U.S.")
    pay = StringField("Pay to state", validators=[Optional(), Length(max=80)],
                      description='Leave empty for the level\'s band, or write e.g. "$100K-$120K".')
    skills = _CheckboxList("Extra required skills", validators=[Optional()])

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.level.choices = [(i, level_name(i)) for i in level_ids()]
        self.skills.choices = [(sid, name) for _, skills in skills_by_tier() for sid, name in skills]


class JDLintForm(FlaskForm):
    """A job description to check."""

    title = StringField("Job title", validators=[Optional(), Length(max=200)],
                        description="Optional: the title as posted, to check it against the text.")
    text = TextAreaField("Job description", validators=[DataRequired("Paste a job description to check."),
                                                          Length(max=MAX_JD_CHARS)],
                         description="Paste the whole description, one bullet or paragraph per line.")
