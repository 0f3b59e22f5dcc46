"""The README's screenshots are drawn by the app itself, and must still match it."""

from docs.screenshots import ROOT, stale


def test_readme_screenshots_match_the_app() -> None:
    outdated = [str(path.relative_to(ROOT)) for path in stale()]
    assert outdated == [], f"out of date: {outdated}; run: python docs/screenshots.py"
