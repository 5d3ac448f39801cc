"""The one shape every data problem takes: file, row, column, message."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """A fault in the data package.

    `row` is the CSV line number (header = 1, first data row = 2); None for the whole file."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        row = "" if self.row is None else str(self.row)
        column = self.column or ""
        return f"{self.file}:{row}:{column}: {self.message}"


class PackageError(Exception):
    """Raised when a data package does not load; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.row or 0, p.column or ""))
        lines = "\n".join(str(p) for p in self.problems[:50])
        more = len(self.problems) - 50
        tail = f"\n… and {more} more" if more > 0 else ""
        super().__init__(f"{len(self.problems)} problem(s) in the data package:\n{lines}{tail}")
