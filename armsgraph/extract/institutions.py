"""State institutions named through their state: "il ministero della Difesa indiano", "Министерство обороны
Вьетнама", "Japan's defence ministry", "des slowenischen Verteidigungsministeriums", "l'armée du Mali".

The gazetteer cannot list every state's ministries and services in seven languages, and without them a
ministry that speaks ("Lo ha reso noto il ministero della Difesa indiano") is no claimant, or its capitalised
words are taken for an unknown name ("Ministerio de Defensa"). The lexicon's ``institutions`` give each
language's words for a kind of institution; the state's adjective before or after them, its possessive, its
genitive, or its name or seat after a link word says whose it is. The phrase and the state become one mention
of the state's institution of that kind: the gazetteer's entry tagged so, else the one made for every state
from data/institutions.yaml (``Gazetteer.institution_of``).
"""
from __future__ import annotations

from dataclasses import dataclass

from typing import TYPE_CHECKING

from armsgraph.extract.resources import Gazetteer

if TYPE_CHECKING:
    from armsgraph.extract.entities import EntityMention

WHOLE = "institution:"
HEAD = "institution_head:"
TAIL = "institution_tail:"
POSSESSIVE_MARKS = {"'s", "’s", "'", "’"}


@dataclass(frozen=True)
class _Phrase:
    start: int
    end: int
    kind: str
    state: EntityMention | None = None  # the adjective inside a split phrase ("ministère russe de la Défense")


def institution_spans(cues: list, texts: list[str], mentions: list[EntityMention], gazetteer: Gazetteer,
                      genitive_after: bool, name_before: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, entity id) of each institution phrase with its state: one mention of the state's
    institution, which the mentions inside it (the state's, a bare name of the institution) give way to."""
    phrases = _phrases(cues, mentions)
    if not phrases:
        return []
    states = StatesBeside(cues, texts, mentions, genitive_after, name_before)
    others = [m for m in mentions if m.type != "country"]
    composed: list[tuple[int, int, str]] = []
    for phrase in sorted(phrases, key=lambda p: (p.start - p.end, p.start)):  # longest first
        if any(s < phrase.end and phrase.start < e for s, e, _ in composed):
            continue
        if any(m.start < phrase.end and phrase.start < m.end and not _bare_institution(m, phrase, gazetteer)
               for m in others):
            continue  # the gazetteer knows the whole name ("Russian Navy", "Black Sea Fleet")
        state = phrase.state or states.of(phrase.start, phrase.end, seats=True)
        if state is None:
            continue
        entity = gazetteer.institution_of(state.entity, phrase.kind)
        if entity is not None:
            composed.append((min(phrase.start, state.start), max(phrase.end, state.end), entity))
    return composed


def _phrases(cues: list, mentions: list[EntityMention]) -> list[_Phrase]:
    phrases = [_Phrase(c.start, c.end, c.label[len(WHOLE):]) for c in cues if c.label.startswith(WHOLE)]
    heads = [c for c in cues if c.label.startswith(HEAD)]
    if heads:
        tails = {(c.start, c.label[len(TAIL):]): c.end for c in cues if c.label.startswith(TAIL)}
        adjectives = {m.start: m for m in mentions if m.form == "adjective"}
        for head in heads:
            kind = head.label[len(HEAD):]
            adjective = adjectives.get(head.end)
            tail_end = tails.get((adjective.end, kind)) if adjective else None
            if tail_end is not None:
                phrases.append(_Phrase(head.start, tail_end, kind, adjective))
    return phrases


def _bare_institution(mention: EntityMention, phrase: _Phrase, gazetteer: Gazetteer) -> bool:
    """A gazetteer name that is the institution's words alone, given to one state by convention (a bare
    "Минобороны" is Russia's): the state beside it says otherwise ("Минобороны Вьетнама")."""
    entry = gazetteer.get(mention.entity)
    return (mention.start, mention.end) == (phrase.start, phrase.end) and entry is not None \
        and entry.institution == phrase.kind


class StatesBeside:
    """The state a phrase belongs to, named beside it: its adjective before or after it, its possessive or
    genitive before it, its genitive after it (Russian, Ukrainian), or its name after a link word."""

    def __init__(self, cues: list, texts: list[str], mentions: list[EntityMention], genitive_after: bool,
                 name_before: bool = False):
        self.texts = texts
        self.genitive_after = genitive_after
        self.name_before = name_before
        self.links = {c.start for c in cues if c.label == "institution_links" and c.end == c.start + 1}
        self.seat_links = {c.start for c in cues if c.label == "institution_seat_links" and c.end == c.start + 1}
        self.determiners = {c.start for c in cues if c.label == "determiners" and c.end == c.start + 1}
        self.starting = {m.start: m for m in mentions if m.type == "country"}
        self.ending = {m.end: m for m in mentions if m.type == "country"}

    def of(self, start: int, end: int, seats: bool) -> EntityMention | None:
        """``seats``: a seat of government after a place link names the state too ("the ministry in Kyiv")."""
        after = self.starting.get(end)
        if after is not None and (after.form in ("adjective", "genitive")
                                  or self.genitive_after and after.form == "name"):
            return after  # "il ministero della Difesa indiano", "Министерство обороны Вьетнама"
        before = self.ending.get(start)
        if before is not None and (before.form in ("adjective", "genitive") or self.name_before and before.form == "name"):
            return before  # "the Indian Navy", "Sloweniens Verteidigungsministerium", "the Israel Ministry of Defense"
        if start > 0 and self.texts[start - 1] in POSSESSIVE_MARKS:
            owner = self.ending.get(start - 1)
            if owner is not None and owner.form in ("name", "seat"):
                return owner  # "Japan's defence ministry"
        # (an article may stand between: "les Forces armées de la République démocratique du Congo")
        named = self.starting.get(end + 2 if end + 1 in self.determiners and end in self.links else end + 1)
        if named is not None and (end in self.links and named.form in ("name", "seat")
                                  or seats and end in self.seat_links and named.form == "seat"):
            return named  # "the Ministry of Defence of India", "das Verteidigungsministerium in Berlin"
        return None
