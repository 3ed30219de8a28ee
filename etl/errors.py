"""The one error type the ETL shows to people: what went wrong, where, and what to do."""
from __future__ import annotations

from .paths import ERROR_EXCERPT


def excerpt(text, limit: int = ERROR_EXCERPT) -> str:
    """A field from a data file as it may appear in a message: one line, at most `limit` characters."""
    flat = " ".join(str(text).split())
    flat = "".join(c if c.isprintable() else "?" for c in flat)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class EtlError(Exception):
    """A fatal problem with a message fit for the person running the ETL."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 column: str | None = None, hint: str | None = None):
        self.message, self.file, self.line, self.column, self.hint = message, file, line, column, hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = excerpt(self.file, 200)
            if self.line is not None:
                where += f", line {self.line}"
            if self.column:
                where += f", column '{excerpt(self.column)}'"
            where += ": "
        text = where + self.message
        if self.hint:
            text += f"\n  What to do: {self.hint}"
        return text
