"""The interface's message catalogs (gettext): English in the code, translations in ``.po`` files.

Run:  python docs/messages.py            (adds new messages to every .po, drops removed ones, compiles .mo)
      python docs/messages.py --check    (exit 1 if a .po lacks a message or a translation, or a .mo is stale)

Every label of ``render.LABELS`` is a message whose context is its key (two labels may share
English words, "Causes", and differ in Arabic); every fixed value of ``render.TERMS`` (``less-common``)
is a message in the context ``term``. A translator edits ``backpain_cli/locale/<lang>/LC_MESSAGES/
backpain.po`` and runs this script; no code changes.
"""

import datetime
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from babel.messages.catalog import Catalog  # noqa: E402
from babel.messages.mofile import write_mo  # noqa: E402
from babel.messages.pofile import read_po, write_po  # noqa: E402

from backpain_cli import render  # noqa: E402

LOCALE = ROOT / "backpain_cli" / "locale"
FIXED_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
DOMAIN = "backpain"


def template() -> Catalog:
    """Every message the interface shows, from the code."""
    # a fixed date: the catalogs change when the messages do, not with the clock
    catalog = Catalog(project="backpain", domain=DOMAIN, creation_date=FIXED_DATE, revision_date=FIXED_DATE)
    for key, text in render.LABELS.items():
        catalog.add(text, context=key)
    for value in render.TERMS:
        catalog.add(value, context="term")
    return catalog


def _po(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, domain=DOMAIN)


def _mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, omit_header=False, sort_output=True, ignore_obsolete=True)
    return buffer.getvalue()


def problems() -> list[str]:
    """What is out of step: messages missing from or left over in a .po, untranslated ones, stale .mo files."""
    wanted = {(message.context, message.id) for message in template() if message.id}
    found: list[str] = []
    for po in sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        catalog = _po(po)
        have = {(message.context, message.id) for message in catalog if message.id}
        name = po.relative_to(ROOT)
        found += [f"{name}: no entry for {context}: {text!r}" for context, text in sorted(wanted - have)]
        found += [f"{name}: {context}: {text!r} is no longer used" for context, text in sorted(have - wanted)]
        found += [
            f"{name}: {message.context}: {message.id!r} has no translation"
            for message in catalog
            if message.id and not message.string
        ]
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != _mo_bytes(catalog):
            found.append(f"{mo.relative_to(ROOT)} is not compiled from its .po")
    return found


def update() -> None:
    for po in sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        catalog = _po(po)
        catalog.update(template(), no_fuzzy_matching=True)
        catalog.fuzzy = False  # the header is the project's, not a machine guess
        catalog.revision_date = FIXED_DATE
        po.write_bytes(_po_bytes(catalog))
        po.with_suffix(".mo").write_bytes(_mo_bytes(_po(po)))


def main() -> None:
    if "--check" in sys.argv[1:]:
        found = problems()
        for problem in found:
            print(problem, file=sys.stderr)
        if found:
            print("run: python docs/messages.py (and translate what it adds)", file=sys.stderr)
        sys.exit(1 if found else 0)
    update()


if __name__ == "__main__":
    main()
