"""The built wheel carries the knowledge base, its schema, the JSON output's schemas and the entry point."""

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_wheel_contains_the_knowledge_base(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = tmp_path.glob("backpain-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        shipped = archive.read("backpain_cli/data/knowledge_base.json")
        entry_points = next(name for name in names if name.endswith("entry_points.txt"))
        scripts = archive.read(entry_points).decode()
    assert shipped == (ROOT / "data" / "knowledge_base.json").read_bytes()
    assert "backpain_cli/data/knowledge_base.schema.json" in names
    output_schemas = sorted(path.name for path in (ROOT / "backpain_cli" / "schemas").glob("*.json"))
    assert len(output_schemas) > 10
    assert {f"backpain_cli/schemas/{name}" for name in output_schemas} <= names
    assert "backpain = backpain_cli.entry:main" in scripts
    assert not any(name.startswith("tests/") for name in names)
    # the compiled Arabic catalog of the interface's words
    assert "backpain_cli/locale/ar/LC_MESSAGES/backpain.mo" in names
    # the man pages, where an installer puts them under <prefix>/share/man/man1
    pages = {name.rsplit("/", 1)[1] for name in names if "/data/share/man/man1/" in name}
    assert {"backpain.1", "backpain-search.1", "backpain-assess.1"} <= pages


def test_man_pages_are_generated_from_the_app_and_current() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "manpages.py"), "--check"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    page = (ROOT / "man" / "backpain-assess.1").read_text(encoding="utf-8")
    assert page.startswith('.TH "BACKPAIN ASSESS" "1"')
    assert "\\-\\-red\\-flags" in page or "--red-flags" in page


def test_only_the_console_entry_point_turns_the_garbage_collector_off() -> None:
    probe = (
        "import gc, sys; import backpain_cli.cli; print(gc.isenabled());"
        "sys.argv = ['backpain', '--version']; from backpain_cli.entry import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\nprint(gc.isenabled(), gc.get_freeze_count() > 0)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
    lines = result.stdout.split()
    assert lines[0] == "True"  # a library import leaves the process as it was
    assert lines[-2:] == ["False", "True"]  # no collection passes, and shutdown's last one skips our objects
    assert "backpain" in result.stdout


def test_message_catalogs_hold_every_label_translated_and_compiled() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "messages.py"), "--check"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_a_label_comes_from_the_catalog() -> None:
    from backpain_cli import render

    assert render.label("reminder", "en").startswith("This is information, not a diagnosis")
    assert render.label("reminder", "ar").startswith("هذه معلومات وليست تشخيصًا")
    # two labels with the same English words keep their own Arabic (the key is the message context)
    assert render.label("causes", "en") == render.label("count", "en") == "Causes"
    assert render.label("causes", "ar") != render.label("count", "ar")
    assert render.term("less-common", "ar") == "أقل شيوعًا" and render.term("less-common", "en") == "less common"
