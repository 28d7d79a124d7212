"""Deterministic, citable ids: short hashes of normalised parts, never of the clock or randomness."""
from __future__ import annotations

import hashlib
import unicodedata


# Ids of things a large corpus holds by the million (claims, observations, unknown names) take 16 hex digits:
# with 10 (40 bits) two of the ~200,000 claims of 40,000 synthetic articles already shared an id, and the
# second article could not be stored. Propositions and corrections are few and keep 10.
MANY = 16


def _digest(*parts: object, length: int = 10) -> str:
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def source_id(text: str) -> str:
    """A document is identified by its content: the same text always gets the same id."""
    return "s-" + text_sha256(text)[:12]


def normalise_name(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(text.replace("\u2019", "'").split())


def unknown_entity_id(name: str, entity_type: str) -> str:
    """Entities the gazetteer lacks: keyed by their normalised name and type."""
    return "x-" + _digest(normalise_name(name), entity_type, length=MANY)


UNNAMED_PREFIX = "u-"


def unnamed_source_id(name: str) -> str:
    """A group of sources the text does not name ("Western officials"), keyed by its English name."""
    return UNNAMED_PREFIX + _digest(normalise_name(name), "unnamed", length=MANY)


def is_unnamed_source(entity_id: str | None) -> bool:
    return bool(entity_id) and entity_id.startswith(UNNAMED_PREFIX)


def claim_id(source: str, start: int, end: int, claim_type: str, subject: str | None,
             object_: str | None, claimant: str | None, modality: str) -> str:
    return "c-" + _digest(source, start, end, claim_type, subject, object_, claimant, modality, length=MANY)


def observation_id(source: str, start: int, end: int, kind: str, site: str | None) -> str:
    return "o-" + _digest(source, start, end, kind, site, length=MANY)


def proposition_id(claim_type: str, subject: str | None, object_: str | None, category: str | None = None) -> str:
    """What claims assert in common: a type and its (already ordered) participants, and for the narrower
    propositions a materiel category."""
    if category is None:
        return "p-" + _digest(claim_type, subject, object_)
    return "p-" + _digest(claim_type, subject, object_, category)


def correction_id(action: str, target: str, entities: list[str], names: list[str]) -> str:
    """The same correction recorded twice (or from a shared file) is one record."""
    return "k-" + _digest(action, target, *sorted(entities), "|", *sorted(normalise_name(n) for n in names))
