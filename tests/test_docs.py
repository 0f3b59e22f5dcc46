"""The README and docs/*.md stay true: cog output, --help, links, size, screenshots, the set-up commands."""

import io
import re
from pathlib import Path

import pytest
from cogapp import Cog

from docs import cogging
from docs.screenshots import ROOT, stale
from tests.conftest import Run

README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
MARKDOWN = [README, *DOCS]
COGGED = [path for path in MARKDOWN if "[[[cog" in path.read_text(encoding="utf-8")]
COMMANDS = ROOT / "docs" / "commands.md"
REGENERATE = ".venv/bin/cog -r README.md docs/*.md"

FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
CODE_SPAN = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


def _outside_code_blocks(path: Path) -> str:
    return COMMENT.sub("", FENCE.sub("", path.read_text(encoding="utf-8")))


def _prose(path: Path) -> str:
    """The Markdown without its code blocks, code spans and comments (cog's code), where a link is only text."""
    return CODE_SPAN.sub("", _outside_code_blocks(path))


def _anchors(path: Path) -> set[str]:
    """The anchors GitHub gives the file's headings: lower case, punctuation dropped, spaces to hyphens."""
    seen: dict[str, int] = {}
    anchors = set()
    for heading in HEADING.findall(_outside_code_blocks(path)):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 else f"{slug}-{count}")
    return anchors


def test_readme_screenshots_match_the_app() -> None:
    outdated = [str(path.relative_to(ROOT)) for path in stale()]
    assert outdated == [], f"out of date: {outdated}; run: python docs/screenshots.py"


def test_the_docs_are_cogged() -> None:
    assert README in COGGED and COMMANDS in COGGED


@pytest.mark.parametrize("path", COGGED, ids=lambda path: str(path.relative_to(ROOT)))
def test_cog_output_matches_the_app(path: Path) -> None:
    """What `cog --check` runs in CI: every example, --help and table is what the app prints now."""
    out, err = io.StringIO(), io.StringIO()
    cog = Cog()
    cog.set_output(stdout=out, stderr=err)
    status = cog.main(["cog", "--check", "--diff", str(path)])
    assert status == 0, f"{path.relative_to(ROOT)} is out of date; run: {REGENERATE}\n{out.getvalue()}{err.getvalue()}"


def test_every_command_has_its_help_in_the_command_reference() -> None:
    reference = COMMANDS.read_text(encoding="utf-8")
    assert "$ backpain --help\n" in reference
    missing = [
        name
        for name in cogging.command_names()
        if f"\n## backpain {name}\n" not in reference or f"\n$ backpain {name} --help\n" not in reference
    ]
    assert missing == [], (
        f"docs/commands.md has no section for {missing}: add '## backpain NAME' with "
        f'cog.out(cogging.run("NAME", "--help")) and an example, then run: {REGENERATE}'
    )


def test_readme_is_a_front_page() -> None:
    size = len(README.read_bytes())
    assert size < 15_000, f"README.md is {size} bytes; move detail to docs/ (limit 15,000)"


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda path: str(path.relative_to(ROOT)))
def test_relative_links_point_to_files_that_exist(path: Path) -> None:
    broken = []
    for target in LINK.findall(_prose(path)):
        if re.match(r"[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):  # https:, mailto: ...
            continue
        file_part, _, anchor = target.partition("#")
        linked = (path.parent / file_part).resolve() if file_part else path
        if not linked.exists():
            broken.append(target)
        elif anchor and linked.suffix == ".md" and anchor not in _anchors(linked):
            broken.append(f"{target} (no such heading)")
    assert broken == [], f"{path.relative_to(ROOT)}: broken links {broken}"


def test_readme_set_up_commands_are_the_ones_ci_runs() -> None:
    """The README's two set-up commands: install and search (CI does both), and the tests (CI runs that line)."""
    readme = README.read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    install, tests = re.findall(r"^```sh\n(.*?)\n```$", readme, re.MULTILINE | re.DOTALL)[:2]
    assert install == (
        'python3 -m venv .venv && .venv/bin/pip install -e ".[test]" && .venv/bin/backpain search sciatica'
    )
    assert 'pip install --quiet -e ".[test]"' in "\n".join(ci) and ".venv/bin/backpain search sciatica" in ci
    assert tests == ".venv/bin/python -m pytest" and tests in ci


def test_the_red_flag_screenshot_shows_every_emergency_sign() -> None:
    from backpain_cli.knowledge_base import load_knowledge_base
    from docs.screenshots import _emergency_rows

    kb = load_knowledge_base(ROOT / "data" / "knowledge_base.json")
    shown = {flag.id for flag in _emergency_rows(kb)}
    assert {flag.id for flag in kb.red_flags if flag.urgency == "emergency"} <= shown


def test_plain_show_names_where_sources_disagree_once(run: Run) -> None:
    result = run("show", "herniated-disc", "--full", "--format", "plain")
    assert result.exit_code == 0
    assert result.stdout.count("Where sources disagree") == 1
    assert "Does traction help a herniated disc?" in result.stdout
