"""Unnamed sources: "Western officials said", "secondo fonti di governo", "по данным источников".

Articles often give a claim to people they do not name. Such a group is the claim's claimant: the article
does not say it in its own voice, and researchers asking "who says so?" need to see that it was
"Western officials" or "government sources". The group becomes an entity of its own (an organization with
no Wikidata id) named in English from the lexicon's ``unnamed_sources``: the group's word ("officials",
"sources", "media") after what qualifies it ("Western", "government", or a state's adjective: "Serbian
media"). Attribution only looks for one where a reporting cue names no one.
"""
from __future__ import annotations

from dataclasses import dataclass

from armsgraph.extract.sentence import Actor, SentenceView
from armsgraph.schema.ids import unnamed_source_id

GROUP = "unnamed_sources:group:"
QUALIFIER = "unnamed_sources:qualifier:"
ENTITY_TYPE = "organization"
# Groups that speak for the state whose adjective qualifies them: "US officials said" is the United States
# speaking (the state stays the claimant, as before); "Serbian media" and "Indian analysts" are not their state.
STATE_VOICES = frozenset({"officials", "sources", "diplomats", "intelligence"})
REACH_AFTER_CUE = 3  # words between a reporting verb and the group it puts after it: "ont indiqué des responsables"


@dataclass(frozen=True)
class UnnamedSource:
    name: str  # English: "Western officials", "Serbian media", "sources"
    group: str  # the lexicon's English word for the group: "officials"
    state: str | None  # the entity id of the state whose adjective qualifies it
    start: int  # tokens of the whole phrase, qualifier included
    end: int

    @property
    def id(self) -> str:
        return unnamed_source_id(self.name)

    @property
    def speaks_for_state(self) -> bool:
        return self.state is not None and self.group in STATE_VOICES


def sources_in(view: SentenceView, start: int, end: int) -> list[UnnamedSource]:
    """The unnamed sources whose group word starts in [start, end), in text order."""
    found = []
    for k in range(max(start, view.start), min(end, view.end)):
        groups = [(label, stop) for label, stop in view.cues.starts_at(k).items() if label.startswith(GROUP)]
        if groups:
            label, stop = max(groups, key=lambda g: g[1])
            found.append(_qualified(view, label[len(GROUP):], k, stop))
    return found


def _qualified(view: SentenceView, group: str, start: int, end: int) -> UnnamedSource:
    """The group with the qualifier or state adjective right before or after it."""
    adjective = next((a for a in view.actors if a.adjective and (a.end == start or a.start == end)), None)
    if adjective is not None:
        info = view.entity_info[adjective.entity]
        return UnnamedSource(f"{info.adjective or info.name} {group}", group, adjective.entity,
                             min(start, adjective.start), max(end, adjective.end))
    for k in range(max(view.start, start - 3), start):  # a qualifier ending where the group starts
        for label, stop in view.cues.starts_at(k).items():
            if label.startswith(QUALIFIER) and stop == start:
                return UnnamedSource(f"{label[len(QUALIFIER):]} {group}", group, None, k, end)
    for label, stop in view.cues.starts_at(end).items() if end < view.end else ():
        if label.startswith(QUALIFIER):
            return UnnamedSource(f"{label[len(QUALIFIER):]} {group}", group, None, start, stop)
    return UnnamedSource(group, group, None, start, end)


def speaking_before(view: SentenceView, clause_start: int, cue: int) -> UnnamedSource | None:
    """The group a reporting verb's subject is, before it in its clause with no name or stop between:
    "Western officials said", "fonti governative hanno riferito"."""
    candidates = sources_in(view, clause_start, cue)
    if not candidates:
        return None
    source = candidates[-1]
    k = source.end
    while k < cue:
        actor = view.actor_at(k)
        if actor is not None and actor.marker == "other" and actor.mention.type in ("country", "location"):
            k = actor.end  # where the group is: "diplomats in Addis Ababa said"
            continue
        if view.is_punct_stop(k) or actor is not None:
            return None
        k += 1
    return source


def speaking_after(view: SentenceView, cue_end: int) -> UnnamedSource | None:
    """The group a postposed or inverted reporting verb puts after it: "..., said Western officials",
    "..., ont indiqué des responsables occidentaux", "..., сообщили источники"."""
    for k in range(cue_end, min(view.end, cue_end + REACH_AFTER_CUE + 1)):
        found = sources_in(view, k, k + 1)
        if found:
            return found[0] if found[0].start <= k else None
        # only an article, a qualifier or "from" may stand between: "hieß es aus Regierungskreisen" ("in
        # conferenza stampa" is no speaker)
        if not (view.cues.has(k, "determiners") or view.cues.has_prefix(k, QUALIFIER)
                or view.cues.has(k, "marker:source") or view.cues.has(k, "marker:agent")):
            return None
    return None


def cited_after(view: SentenceView, frame_end: int, reach: int) -> UnnamedSource | None:
    """The group an "according to" frame cites: "according to people familiar with the matter", "secondo
    fonti di governo", "nach Angaben aus Regierungskreisen", "за даними джерел"."""
    for k in range(frame_end, min(view.end, frame_end + reach)):
        if view.is_punct_stop(k):
            return None
        found = sources_in(view, k, k + 1)
        if found:
            return found[0]
    return None


def qualifying(view: SentenceView, actor: Actor) -> UnnamedSource | None:
    """The group a state's adjective qualifies without the state speaking: "Serbian media reported" is the
    media, not Serbia (while "US officials said" stays the United States)."""
    if not actor.adjective:
        return None
    for source in sources_in(view, actor.start - 4, actor.end + 4):
        if source.state == actor.entity and actor.start >= source.start and actor.end <= source.end:
            return None if source.speaks_for_state else source
    return None
