"""Write ``tests/data/seed_shingles.txt``: the hashed 12-word runs of the five seed documents.

    python -m tests.update_seed_shingles          # rewrite the file from ../shared/seeds/
    python -m tests.update_seed_shingles --check  # exit 1 if the file is out of date

The seed documents live beside the repository (``../shared/seeds/``), not in it, so a clean clone
(and CI) does not have them. The own-words test (``test_no_run_of_twelve_words_is_copied_from_a_seed``
in ``tests/test_knowledge_base_content.py``) compares the knowledge base with this file instead:
every run of 12 consecutive words of every seed, normalised by ``words()`` and hashed by
``shingle_hashes()``, one hash a line. Hashes, not text, so the file carries nothing of the
documents themselves. Run it from the project's root after a seed document changes.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent.parent / "shared" / "seeds"
SHINGLES = HERE / "data" / "seed_shingles.txt"
RUN = 12  # words in a run; one this long found in a seed counts as copied
_WORD = re.compile(r"\w+")
_TATWEEL = "\u0640"


def words(text: str) -> list[str]:
    """The text's words, lower-cased, without accents or Arabic vowel marks, so spelling details do not hide a copy."""
    decomposed = unicodedata.normalize("NFKD", text.casefold()).replace(_TATWEEL, "")
    plain = "".join(char for char in decomposed if unicodedata.category(char) != "Mn")
    return _WORD.findall(plain)


def shingle_hashes(text: str) -> Iterator[tuple[str, str]]:
    """Each run of ``RUN`` consecutive words in the text, as (hash, the words joined by spaces)."""
    tokens = words(text)
    for start in range(len(tokens) - RUN + 1):
        run = " ".join(tokens[start : start + RUN])
        yield hashlib.blake2b(run.encode("utf-8"), digest_size=8).hexdigest(), run


def render_shingles(documents: Iterable[Path]) -> str:
    hashes = {digest for path in documents for digest, _ in shingle_hashes(path.read_text(encoding="utf-8"))}
    return "".join(f"{digest}\n" for digest in sorted(hashes))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the file is up to date")
    args = parser.parse_args(argv)
    documents = sorted(SEEDS.glob("*.txt"))
    if not documents:
        print(f"no seed documents in {SEEDS}", file=sys.stderr)
        return 1
    text = render_shingles(documents)
    if args.check:
        current = SHINGLES.read_text(encoding="utf-8") if SHINGLES.exists() else ""
        if current != text:
            print(f"{SHINGLES} is out of date: run python -m tests.update_seed_shingles", file=sys.stderr)
            return 1
        return 0
    SHINGLES.write_text(text, encoding="utf-8")
    print(f"wrote {len(text.splitlines())} hashes from {len(documents)} documents to {SHINGLES}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
