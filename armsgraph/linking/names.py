"""Names the gazetteer does not know, matched across articles (pure).

The extractor keys an unknown name by its normalised text and type, so "Borisov Trading Company" in one
article and "Borisov Trading Co." in another would be two entities. When a document is written, each of
its unknown names is compared (rapidfuzz) with the unknown names already stored that share a block key
with it, and joins the closest one when:

- the types agree (a person never joins an organisation);
- the numbers agree ("Project 22350" is not "Project 22360", "Angara 1" not "Angara 2");
- the names, legal forms dropped (``data/name_forms.yaml``), are at least ``MATCH_SCORE`` similar;
- for people, both names have at least two words: a bare surname says too little.

Countries never take part (babel names them all), nor does type "other" (the extractor could not tell
what the thing is, so there is no type to agree on). A wrong join is undone with ``entities split``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from armsgraph.schema.ids import normalise_name

MATCH_SCORE = 90            # rapidfuzz ratio of the comparable forms; transliterations ("Viktor"/"Victor") pass
MATCHING_TYPES = frozenset({"person", "organization", "vessel", "location", "materiel", "commodity"})
BLOCK_PREFIX_LENGTH = 4      # candidates share the first letters of one word: a key lookup, not a scan
MAX_CANDIDATES = 100         # per document: a very common word cannot make a write slow
MAX_BLOCK_MEMBERS = 200      # a block this full ("organization:mini…") takes no more names: bounded writes
_DATA = Path(__file__).parent / "data" / "name_forms.yaml"
_WORD = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+")


@lru_cache(maxsize=1)
def _legal_forms() -> frozenset[str]:
    return frozenset(yaml.safe_load(_DATA.read_text(encoding="utf-8"))["legal_forms"])


def comparable(name: str) -> str:
    """The name as compared: normalised, dots dropped, punctuation out, legal forms dropped."""
    words = _WORD.findall(normalise_name(name).replace(".", ""))
    kept = [w for w in words if w not in _legal_forms()]
    return " ".join(kept or words)


def block_keys(entity_type: str, name: str) -> list[str]:
    """Lookup keys an unknown name is filed under: its type and the start of each word of 3+ letters."""
    if entity_type not in MATCHING_TYPES:
        return []
    words = {w[:BLOCK_PREFIX_LENGTH] for w in comparable(name).split() if len(w) >= 3 and not w.isdigit()}
    return sorted(f"{entity_type}:{w}" for w in words)


def similarity(entity_type: str, a: str, b: str) -> float:
    """0–100; 0 when the rules above say the two names cannot be the same thing."""
    ca, cb = comparable(a), comparable(b)
    if _DIGITS.findall(ca) != _DIGITS.findall(cb):
        return 0.0
    if entity_type == "person" and (len(ca.split()) < 2 or len(cb.split()) < 2):
        return 0.0
    if min(len(ca), len(cb)) < 5:  # "Kim" and "Kin": too short to tell a spelling from another name
        return 100.0 if ca == cb else 0.0
    return fuzz.ratio(ca, cb)


def best_match(entity_type: str, name: str, candidates: list[dict]) -> dict | None:
    """The stored unknown entity (``{id, name, type}``) the name denotes, if one is close enough."""
    scored = [(similarity(entity_type, name, c["name"]), c["id"], c) for c in candidates
              if c["type"] == entity_type]
    scored = [s for s in scored if s[0] >= MATCH_SCORE]
    if not scored:
        return None
    return min(scored, key=lambda s: (-s[0], s[1]))[2]  # the closest; among equals, the smallest id
