"""What an import did or would do: counts, a sample of the changes, and its problems and
warnings, each with its row and column.

However bad the file, the report stays small: each kind of problem keeps its first
`EXAMPLES` examples and a count; a report shows at most `SHOWN` problems in all, grouped by
kind, then "and N more like this". A message is built only for a problem that is kept
(`add` takes a function for it), so the costly part of a message, such as the closest force
names, is never worked out for the forty-thousandth copy of a mistake.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

SHOWN = 100
EXAMPLES = 100


@dataclass
class Problem:
    row: int
    column: str
    message: str

    @property
    def where(self) -> str:
        return f"row {self.row}" + (f", {self.column}" if self.column else "")


@dataclass
class ProblemGroup:
    kind: str
    count: int = 0
    examples: list[Problem] = field(default_factory=list)


class ProblemLog:
    """Problems (or warnings) by kind, capped: see the module's docstring."""

    def __init__(self):
        self.groups: dict[str, ProblemGroup] = {}
        self.total = 0

    def __bool__(self):
        return self.total > 0

    def __len__(self):
        return self.total

    def add(self, kind: str, row: int, column: str, message: str | Callable[[], str]):
        group = self.groups.setdefault(kind, ProblemGroup(kind))
        group.count += 1
        self.total += 1
        if len(group.examples) < EXAMPLES:
            text = message() if callable(message) else message
            group.examples.append(Problem(row, column, text))

    def examples(self) -> list[Problem]:
        """Every problem kept, in row order."""
        return sorted((p for g in self.groups.values() for p in g.examples), key=lambda p: p.row)

    def shown(self, limit: int = SHOWN) -> list[tuple[ProblemGroup, list[Problem], int]]:
        """(group, problems shown, how many more of that kind) with `limit` problems in all."""
        left = limit
        result = []
        for group in self.groups.values():
            examples = group.examples[: max(left, 0)]
            left -= len(examples)
            result.append((group, examples, group.count - len(examples)))
        return result

    def lines(self, prefix: str = "") -> list[str]:
        """The report as text lines: a heading per kind, its problems, "and N more"."""
        out = []
        for group, examples, more in self.shown():
            out.append(f"{group.kind.capitalize()} ({group.count:,}):")
            out += [f"  {prefix}{p.where}: {p.message}" for p in examples]
            if more:
                out.append(f"  … and {more:,} more like this.")
        return out

    def as_list(self) -> list[dict]:
        return [
            {
                "kind": g.kind,
                "count": g.count,
                "examples": [[p.row, p.column, p.message] for p in g.examples],
            }
            for g in self.groups.values()
        ]

    @classmethod
    def from_list(cls, data) -> "ProblemLog":
        log = cls()
        for item in data or []:
            group = ProblemGroup(
                item["kind"], item["count"], [Problem(*p) for p in item["examples"]]
            )
            log.groups[group.kind] = group
            log.total += group.count
        return log


@dataclass
class ImportReport:
    """Counts, a sample of the changes, the problems that stop the import and warnings."""

    dry_run: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rows: int = 0
    file_type: str = ""
    sheet: str = ""
    layout: str = ""
    problems: ProblemLog = field(default_factory=ProblemLog)
    warnings: ProblemLog = field(default_factory=ProblemLog)
    changes: list[str] = field(default_factory=list)

    MAX_CHANGES_LISTED = 100

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def summary(self) -> str:
        if self.problems:
            count = len(self.problems)
            return (
                f"Nothing was imported: {count:,} problem{'s' if count != 1 else ''} "
                "to fix in the file."
            )
        if not self.created and not self.updated:
            if not self.unchanged:
                return "Nothing to import: the file has no figures."
            return f"Nothing to change: all {self.unchanged:,} figures are already up to date."
        verb = "would be" if self.dry_run else "were"
        return (
            f"{self.created:,} figures {verb} created, {self.updated:,} updated "
            f"and {self.unchanged:,} left unchanged."
        )

    def as_dict(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rows": self.rows,
            "file_type": self.file_type,
            "sheet": self.sheet,
            "layout": self.layout,
            "problems": self.problems.as_list(),
            "warnings": self.warnings.as_list(),
        }

    @classmethod
    def from_dict(cls, data) -> "ImportReport":
        data = dict(data)
        problems = ProblemLog.from_list(data.pop("problems", []))
        warnings = ProblemLog.from_list(data.pop("warnings", []))
        return cls(**data, problems=problems, warnings=warnings)
