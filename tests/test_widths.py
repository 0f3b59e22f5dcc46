"""Tables at 60, 80, 100 and 200 columns in both languages: no line wider than the terminal, no
word or id split across lines (every word a table shows is a word of the plain output, which is
never wrapped), and no column of one-word lines."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import Run

COMMANDS = [
    ["search", "sciatica"],
    ["search", "pain shooting down my leg"],
    ["list"],
    ["list", "--category", "inflammatory"],
    ["categories"],
    ["redflags"],
    ["treatments", "--for", "sciatica"],
    ["treatments"],
    ["show", "sacroiliac-joint-dysfunction"],
    ["sources"],
    [
        "assess", "--age", "45", "--sex", "male", "--began", "lifting-or-twisting", "--with", "none",
        "--duration", "days", "--recurrence", "first-time", "--where", "lower-back,buttock",
        "--worse", "bending", "--better", "rest", "--red-flags", "none",
    ],
]  # fmt: skip
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def words(text: str) -> set[str]:
    return set(WORD.findall(text))


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("width", [60, 80, 100, 200])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args[:2]))
def test_tables_fit_and_never_split_a_word(run: Run, args: list[str], width: int, lang: str) -> None:
    env = {"COLUMNS": str(width), "BACKPAIN_BIDI": "off"}
    lang_args = ["--lang", lang] if args[0] not in ("categories", "sources") else []
    table = run(*args, *lang_args, env=env)
    # the same table on a terminal so wide that nothing wraps: its words are all whole
    wide = run(*args, *lang_args, env={**env, "COLUMNS": "2000"})
    assert table.exit_code == wide.exit_code, table.stderr
    lines = table.stdout.splitlines()
    from rich.cells import cell_len

    assert max(cell_len(line.rstrip()) for line in lines) <= width
    # a web address longer than the terminal is the one thing that must fold
    urls = " ".join(re.findall(r"https?://\S+", wide.stdout))
    # ... and Chinese, which has no spaces and breaks between any two characters
    split = {
        word
        for word in words(table.stdout) - words(wide.stdout)
        if word not in urls and not re.search("[\u3000-\u9fff]", word)
    }
    assert not split, f"words split across lines: {sorted(split)[:10]}"


def test_a_search_fits_one_80_by_24_screen(run: Run) -> None:
    result = run("search", "pain", "shooting", "down", "my", "leg", env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) <= 24
    # the sentence that matched is cut to the words around the query, marked with "…"
    assert "…" in result.stdout
    full = run("search", "pain", "shooting", "down", "my", "leg", "--json")
    assert all("…" not in match["matched"] for match in json.loads(full.stdout)["results"])
