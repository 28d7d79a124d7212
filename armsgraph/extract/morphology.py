"""Grammatical case from pymorphy3 (Russian, Ukrainian): where case, not a preposition, gives a name its role."""
from __future__ import annotations

from functools import lru_cache

MORPHOLOGY_LANGUAGES = ("ru", "uk")


@lru_cache(maxsize=None)
def analyzer(language: str):
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=language)


def _parses(word: str, language: str) -> list:
    """pymorphy3's readings of a word; none for a word it cannot read (a character without a Unicode name makes
    its word-shape check raise)."""
    try:
        return analyzer(language).parse(word.lower())
    except (KeyError, ValueError):
        return []


@lru_cache(maxsize=8192)
def cases(word: str, language: str) -> frozenset[str]:
    """Every case pymorphy3 reads the word in (its tags: nomn, gent, datv, accs, ablt, loct, …); empty for a
    word without case or a language without the analyser."""
    if language not in MORPHOLOGY_LANGUAGES:
        return frozenset()
    return frozenset(p.tag.case for p in _parses(word, language) if p.tag.case)


@lru_cache(maxsize=None)
def place_case_forms(name: str, language: str) -> tuple[str, ...]:
    """A one-word place name in every singular case pymorphy3 knows it in ("Астана": "Астану", "Астаной", ...),
    written with its capital; none for a word its dictionary lacks (a guess from the ending could be wrong)."""
    if language not in MORPHOLOGY_LANGUAGES or " " in name or "-" in name:
        return ()
    if not analyzer(language).word_is_known(name.lower()):
        return ()
    place = next((p for p in _parses(name, language) if p.tag.POS == "NOUN" and p.tag.case == "nomn"
                  and p.tag.number != "plur"), None)
    if place is None:
        return ()
    forms = {f.word for f in place.lexeme if f.tag.number != "plur"} - {name.lower()}
    return tuple(sorted(f[:1].upper() + f[1:] for f in forms))


@lru_cache(maxsize=8192)
def is_preposition(word: str, language: str) -> bool:
    return language in MORPHOLOGY_LANGUAGES and any("PREP" in p.tag for p in _parses(word, language))


@lru_cache(maxsize=8192)
def is_passive(word: str, language: str) -> bool:
    """A passive participle ("переданы", "закупленные", "передані") or an impersonal passive ("передано")."""
    return language in MORPHOLOGY_LANGUAGES and any(
        "pssv" in p.tag or "Impe" in p.tag for p in _parses(word, language))


# Cases only a preposition governs: a name with no preposition before it is in none of them.
GOVERNED_ONLY = frozenset({"loct", "loc2", "voct"})


def case_of_name(words: list[str], language: str) -> str | None:
    """The one case every word of a name, with no preposition before it, can be read in ("Северной Кореей":
    instrumental; "Москве": dative, as a locative needs a preposition), or None when the name could be in
    several (an indeclinable "КНДР"; "России": genitive or dative)."""
    common: frozenset[str] | None = None
    for word in words:
        found = cases(word, language)
        if not found:
            continue  # a number or a foreign word says nothing
        common = found if common is None else common & found
    if common is not None:
        common -= GOVERNED_ONLY
    return next(iter(common)) if common is not None and len(common) == 1 else None
