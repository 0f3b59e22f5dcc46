"""The errors the core raises; the CLI turns each into ``Error: ...`` and an exit status."""

from __future__ import annotations

from collections.abc import Sequence


class BackpainError(Exception):
    """Base of every error the core raises on purpose."""


class KnowledgeBaseError(BackpainError):
    """A knowledge base file cannot be read or does not pass validation."""

    def __init__(self, path: str, problems: Sequence[str]) -> None:
        self.path = path
        self.problems = tuple(problems)
        super().__init__("\n".join(f"{path}: {problem}" for problem in self.problems))


class NotFoundError(BackpainError):
    """Nothing in the knowledge base matches what was asked for."""

    def __init__(self, message: str, suggestions: Sequence[str] = (), *, arabic: bool = False) -> None:
        self.suggestions = tuple(suggestions)
        self.arabic = arabic  # the message is in Arabic, and so should the hint beside it be
        super().__init__(message)


class QueryError(BackpainError):
    """A query that cannot be searched (empty, or nothing left once filler words go)."""


class CacheError(BackpainError):
    """Cached work turned out damaged after it was first read (it has been removed)."""
