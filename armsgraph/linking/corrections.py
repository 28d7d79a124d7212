"""Researchers' corrections of entity resolution, applied to an extraction before it is written (pure).

A store keeps its corrections (``Correction`` nodes, in the order they were made) and applies all of them
to every document it writes, so a later ingest cannot undo them; ``CypherStore.correct`` also rewrites
the documents already stored. Claim and observation ids never change: researchers cite them.

- merge: every reference to a merged entity becomes the kept one (mentions, roles, items, origins).
- split: mentions of an entity written as one of the names move to the new entity; so do the roles of
  claims whose sentence (observations: whose quote) holds such a mention and no mention of the entity
  left behind (a document whose mentions all move takes all its references with it).
"""
from __future__ import annotations

from collections.abc import Iterable

from armsgraph.schema import Claim, Correction, Entity, ExtractionResult, Mention, Observation
from armsgraph.schema.ids import normalise_name


class CorrectionError(ValueError):
    """A correction that cannot be made (unknown entity, types that disagree, …); the message says why."""


def redirects(corrections: Iterable[Correction]) -> dict[str, str]:
    """Merged id → the id it became, followed through later merges (A→B then B→C gives A→C)."""
    found: dict[str, str] = {}
    for correction in corrections:
        if correction.action != "merge":
            continue
        for entity_id in correction.entities:
            found[entity_id] = correction.target.id
        for old, new in found.items():  # earlier merges into an entity merged now follow it
            if new in correction.entities:
                found[old] = correction.target.id
    return {old: new for old, new in found.items() if old != new}


def check_merge(target: dict, others: list[dict]) -> None:
    """Refuse merges that cannot be right: different types, or two different Wikidata items."""
    for other in others:
        if other["id"] == target["id"]:
            raise CorrectionError(f"{other['id']} cannot be merged into itself")
        if other["type"] != target["type"]:
            raise CorrectionError(f"{other['name']} ({other['id']}) is of type {other['type']} and {target['name']} "
                                  f"({target['id']}) of type {target['type']}: only entities of one type are merged")
        if other.get("wikidata") and target.get("wikidata") and other["wikidata"] != target["wikidata"]:
            raise CorrectionError(f"{other['name']} is Wikidata {other['wikidata']} and {target['name']} is "
                                  f"{target['wikidata']}: they are different things")


def apply_corrections(result: ExtractionResult, corrections: Iterable[Correction]) -> ExtractionResult:
    """The extraction with every correction applied in order (the result itself when none applies)."""
    for correction in corrections:
        if correction.action == "merge":
            result = _merge(result, correction)
        else:
            result = _split(result, correction)
    return result


def _merge(result: ExtractionResult, correction: Correction) -> ExtractionResult:
    merged = set(correction.entities)
    if not any(e.id in merged for e in result.entities):
        return result
    target = correction.target
    mapping = {entity_id: target.id for entity_id in merged}
    entities, moved = [], []
    for entity in result.entities:
        if entity.id in merged:
            moved.extend(entity.mentions)
        else:
            entities.append(entity)
    kept = next((e for e in entities if e.id == target.id), None)
    if kept is None:
        kept = target.model_copy(update={"mentions": []})
        entities.append(kept)
    entities = [e.model_copy(update={"mentions": _sorted(e.mentions + moved)}) if e is kept else e for e in entities]
    return _remapped(result, sorted(entities, key=lambda e: e.id), lambda role, _span: mapping.get(role, role))


def _split(result: ExtractionResult, correction: Correction) -> ExtractionResult:
    source_id = correction.entities[0]
    entity = next((e for e in result.entities if e.id == source_id), None)
    if entity is None:
        return result
    names = {normalise_name(n) for n in correction.names}
    moving = [m for m in entity.mentions if normalise_name(m.text) in names]
    if not moving:
        return result
    staying = [m for m in entity.mentions if normalise_name(m.text) not in names]
    target = correction.target
    entities = [e for e in result.entities if e.id not in {source_id, target.id}]
    if staying:
        entities.append(entity.model_copy(update={"mentions": staying}))
    existing = next((e for e in result.entities if e.id == target.id), None)
    base = existing or target.model_copy(update={"mentions": []})
    entities.append(base.model_copy(update={"mentions": _sorted(base.mentions + moving)}))

    def role(entity_id: str | None, span: tuple[int, int]) -> str | None:
        if entity_id != source_id:
            return entity_id
        if not staying:
            return target.id
        start, end = span
        here = [m for m in moving if start <= m.start and m.end <= end]
        left = [m for m in staying if start <= m.start and m.end <= end]
        return target.id if here and not left else entity_id

    return _remapped(result, sorted(entities, key=lambda e: e.id), role)


def _remapped(result: ExtractionResult, entities: list[Entity], role) -> ExtractionResult:
    """The result with ``entities`` and every role passed through ``role(id, (start, end))``."""
    claims = [_claim(c, role) for c in result.claims]
    observations = [_observation(o, role) for o in result.observations]
    return result.model_copy(update={"entities": entities, "claims": claims, "observations": observations})


def _claim(claim: Claim, role) -> Claim:
    # the sentence, not the quote: a claimant ("Kim warned …") is often outside the quoted claim
    span = (claim.sentence_start, claim.sentence_end) if claim.sentence_end > claim.sentence_start else (
        claim.start, claim.end)
    items = list(dict.fromkeys(role(i, span) for i in claim.items))  # a merge can make two items one
    return claim.model_copy(update={"subject": role(claim.subject, span), "object": role(claim.object, span),
                                    "claimant": role(claim.claimant, span), "where": role(claim.where, span),
                                    "items": items})


def _observation(observation: Observation, role) -> Observation:
    span = (observation.start, observation.end)
    return observation.model_copy(update={"site": role(observation.site, span),
                                          "observer": role(observation.observer, span)})


def _sorted(mentions: list[Mention]) -> list[Mention]:
    return sorted(mentions, key=lambda m: (m.start, m.end))
