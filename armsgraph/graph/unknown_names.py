"""Joining a document's unknown names to close spellings already stored, inside its write transaction.

The rules are ``linking/names.py``'s; a join is applied like a researcher's merge
(``linking/corrections.py``), but only to this document, and is undone the same way (``entities split``).
Candidates come from name blocks looked up by key, so the cost follows the document, not the graph.
"""
from __future__ import annotations

from collections import Counter

from armsgraph.graph import rows as R
from armsgraph.graph.linker import Run
from armsgraph.graph.queries.cypher import Queries
from armsgraph.linking import names
from armsgraph.linking.corrections import apply_corrections
from armsgraph.schema import Correction, ExtractionResult


def join_unknown_names(run: Run, q: Queries, result: ExtractionResult,
                       keys: dict[str, tuple[str, ...]] | None = None) -> tuple[ExtractionResult, list[dict]]:
    """The document with each unknown name joined to the stored one it is a spelling of, if any; and the
    name-block rows (``{id, entities, new}``) to file the names that stay new under. ``keys``: each unknown
    entity's block keys, when already computed (``documents.prepare_write``)."""
    if keys is None:
        keys = {e.id: names.block_keys(e.type, e.name) for e in result.entities if not e.known}
    unknown = [e for e in result.entities if keys.get(e.id)]
    if not unknown:
        return result, []
    blocks = {r["id"]: r["entities"] or [] for r in run(q.NAME_BLOCKS, {"keys": sorted({k for ks in keys.values()
                                                                                       for k in ks})})}
    ours = {e.id for e in result.entities}
    shared: Counter[str] = Counter(i for ks in keys.values() for k in ks for i in blocks.get(k, ()) if i not in ours)
    candidates = sorted(i for i, _ in sorted(shared.items(), key=lambda x: (-x[1], x[0]))[:names.MAX_CANDIDATES])
    stored = {r["entity"]["id"]: r["entity"] for r in run(q.ENTITIES_BY_ID, {"ids": candidates})} if candidates else {}
    joins, filing = [], {}
    for entity in unknown:
        in_blocks = {i for k in keys[entity.id] for i in blocks.get(k, ())}
        if entity.id in in_blocks:
            continue  # stored before under this very name
        nearby = [stored[i] for i in sorted(in_blocks) if i in stored and not stored[i].get("known", True)]
        match = names.best_match(entity.type, entity.name, nearby)
        if match is not None:
            joins.append(Correction(action="merge", target=R.entity_from_row(match), entities=[entity.id],
                                    note=f"{entity.name!r} is a close spelling of {match['name']!r}"))
            continue
        for key in keys[entity.id]:
            if len(blocks.get(key, ())) < names.MAX_BLOCK_MEMBERS:
                filing.setdefault(key, []).append(entity.id)
    rows = [{"id": key, "entities": ids, "new": key not in blocks} for key, ids in sorted(filing.items())]
    return (apply_corrections(result, joins) if joins else result), rows


def file_unknown_names(run: Run, q: Queries, rows: list[dict]) -> None:
    new = [{"id": r["id"], "entities": r["entities"]} for r in rows if r["new"]]
    old = [{"id": r["id"], "entities": r["entities"]} for r in rows if not r["new"]]
    if new:
        run(q.CREATE_NAME_BLOCKS, {"rows": new})
    if old:
        run(q.ADD_TO_NAME_BLOCKS, {"rows": old})
