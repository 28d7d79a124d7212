"""Recording a researcher's entity correction and rewriting the stored documents it changes.

Runs inside one write transaction (``CypherStore.correct``): the correction is recorded, every document
that refers to the entities is rebuilt from the store, corrected (``linking.corrections``) and written
again in place — same claim and observation ids — and the propositions those documents touch are
recomputed from their claims. The graph then is what ingesting the same articles with the correction
already recorded gives.
"""
from __future__ import annotations

from dataclasses import dataclass

from armsgraph.graph.documents import prepare, statements, stored_corrections, stored_document
from armsgraph.graph.linker import Run, evidence_candidates, join_narrower_propositions, rebuild_proposition
from armsgraph.graph.queries.cypher import Queries
from armsgraph.linking.corrections import CorrectionError, check_merge
from armsgraph.schema import Correction
from armsgraph.schema.ids import normalise_name


@dataclass(frozen=True)
class CorrectionOutcome:
    id: str
    recorded: bool          # False when the store already held this very correction (nothing changed)
    documents: int = 0      # stored documents rewritten
    propositions: int = 0   # propositions recomputed (or removed when no claim asserts them any more)


def correction_row(correction: Correction, seq: int) -> dict:
    return {"id": correction.id, "seq": seq, "action": correction.action, "target": correction.target.id,
            "targetName": correction.target.name, "entities": list(correction.entities),
            "names": list(correction.names), "note": correction.note, "record": correction.model_dump_json()}


def apply_correction(run: Run, q: Queries, correction: Correction, *, strict: bool) -> CorrectionOutcome:
    if run(q.CORRECTION_EXISTS, {"id": correction.id}):
        return CorrectionOutcome(correction.id, recorded=False)
    if strict:
        _check(run, q, correction)
    seq = (run(q.LAST_CORRECTION, {})[0]["last"] or 0) + 1
    run(q.CREATE_CORRECTIONS, {"rows": [correction_row(correction, seq)]})
    corrections = stored_corrections(run, q)
    propositions: set[str] = set()
    sources = _sources_to_rewrite(run, q, correction)
    for source_id in sources:
        propositions |= _rewrite(run, q, source_id, corrections)
    for pid in sorted(propositions):
        rebuild_proposition(run, q, pid)
    run(q.DELETE_ORPHAN_ENTITIES, {"ids": sorted({*correction.entities, correction.target.id})})
    if correction.action == "split":
        _reset_keys(run, q, correction.entities[0])
    return CorrectionOutcome(correction.id, recorded=True, documents=len(sources), propositions=len(propositions))


def _check(run: Run, q: Queries, correction: Correction) -> None:
    """A strict correction names entities the store holds, and a split names forms they are written in."""
    wanted = sorted(correction.entities)  # the target may be new to the store (a gazetteer entity, a new name)
    found = {r["entity"]["id"]: r["entity"] for r in run(q.ENTITIES_BY_ID, {"ids": wanted})}
    missing = [i for i in wanted if i not in found]
    if missing:
        raise CorrectionError(f"no entity {', '.join(missing)} in the store")
    if correction.action == "merge":
        check_merge(correction.target.model_dump(), [found[i] for i in correction.entities])
        return
    entity = found[correction.entities[0]]
    if correction.target.id == entity["id"]:
        raise CorrectionError(f"{entity['name']} cannot be split into itself")
    forms = {normalise_name(r["text"]) for r in run(q.MENTION_FORMS_OF, {"id": entity["id"]})}
    unknown = [n for n in correction.names if normalise_name(n) not in forms]
    if unknown:
        raise CorrectionError(f"{entity['name']} ({entity['id']}) is never mentioned as "
                              f"{', '.join(repr(n) for n in unknown)}; it is mentioned as "
                              f"{', '.join(sorted(repr(f) for f in forms)) or 'nothing'}")


def _sources_to_rewrite(run: Run, q: Queries, correction: Correction) -> list[str]:
    if correction.action == "split":  # only where the entity is written in one of the forms split off
        names = {normalise_name(n) for n in correction.names}
        return sorted({r["source"] for r in run(q.MENTION_FORMS_OF, {"id": correction.entities[0]})
                       if normalise_name(r["text"]) in names})
    return sorted({r["id"] for cypher in q.SOURCES_REFERRING_TO for r in run(cypher, {"ids": correction.entities})})


def _rewrite(run: Run, q: Queries, source_id: str, corrections: list[Correction]) -> set[str]:
    """Write a stored document again with the corrections applied; returns the propositions it touched
    before and after (those it asserts, those its observations are or may be evidence for)."""
    touched = {r["id"] for cypher in q.SOURCE_PROPOSITIONS for r in run(cypher, {"id": source_id})}
    result, _ = stored_document(run, q, source_id)
    # no text: the source node is not rewritten, so its fingerprints need not be computed again
    rows, article = prepare(result, None, None, corrections)
    for cypher in q.DELETE_SOURCE_CONTENT:
        run(cypher, {"id": source_id})
    for cypher, params in statements(q, rows):
        if cypher != q.CREATE_SOURCES:  # the source node stays, with its duplicate links and bands
            run(cypher, params)
    touched |= {p["id"] for p in rows.propositions}
    touched |= {pid for _, pid in join_narrower_propositions(run, q, article)}
    candidates = evidence_candidates(article)
    if candidates:
        touched |= {r["id"] for r in run(q.PROPOSITIONS_BY_ID, {"ids": sorted(candidates)})}
    return touched


def _reset_keys(run: Run, q: Queries, entity_id: str) -> None:
    """After a split, an entity is found by its own names and the forms still mentioning it only."""
    found = run(q.ENTITY_MENTION_FORMS, {"id": entity_id})
    if not found or found[0]["entity"] is None:
        return
    node = found[0]["entity"]
    names = [node["name"], *(node.get("aliases") or []), *found[0]["texts"]]
    keys = sorted({normalise_name(n) for n in names if n and n.strip()})
    run(q.SET_ENTITY_KEYS, {"rows": [{"id": entity_id, "keys": keys}]})
