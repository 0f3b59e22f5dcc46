"""The errors the core raises; the CLI turns each into ``Error: ...`` and an exit status."""

from __future__ import annotations

from collections.abc import Sequence


class BackpainError(Exception):
    """Base of every error the core raises on purpose; ``code`` names its kind in JSON output."""

    code = "error"


class KnowledgeBaseError(BackpainError):
    """A knowledge base file cannot be read or does not pass validation."""

    code = "invalid-knowledge-base"

    def __init__(self, path: str, problems: Sequence[str]) -> None:
        self.path = path
        self.problems = tuple(problems)
        super().__init__("\n".join(f"{path}: {problem}" for problem in self.problems))


class NotFoundError(BackpainError):
    """Nothing in the knowledge base matches what was asked for.

    ``suggestions`` are the ids to try instead; ``shown`` how the "did you mean" line names them
    (the ids themselves unless given); ``code`` says what was not found, for scripts.
    """

    code = "not-found"

    def __init__(
        self,
        message: str,
        suggestions: Sequence[str] = (),
        *,
        arabic: bool = False,
        shown: Sequence[str] | None = None,
        code: str | None = None,
    ) -> None:
        self.suggestions = tuple(suggestions)
        self.shown = tuple(shown) if shown is not None else self.suggestions
        self.arabic = arabic  # the message is in Arabic, and so should the hint beside it be
        if code is not None:
            self.code = code
        super().__init__(message)


class QueryError(BackpainError):
    """A query or an answers file that cannot be used (empty, unreadable, not valid JSON)."""

    code = "bad-input"


class UnsupportedError(BackpainError):
    """The knowledge base lacks a section or question the command needs."""

    code = "unsupported"


class CacheError(BackpainError):
    """Cached work turned out damaged after it was first read (it has been removed)."""

    code = "cache"
