"""The command line's one error: a single line on stderr and exit code 2 (bad input or data), never a
traceback. Every command group imports it from here (not from the group, which imports the groups)."""

from __future__ import annotations

from typing import Any

import click

from ..errors import SkillmatchError


class CLIError(click.ClickException):
    """A one-line error on stderr and exit code 2 (bad input or data)."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"Error: {self.format_message()}", err=True)


def _fail(e: SkillmatchError) -> CLIError:
    return CLIError(str(e).splitlines()[0] if str(e) else type(e).__name__)
