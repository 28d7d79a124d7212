"""One document on its way into the store, and back out of it.

``prepare`` turns an extraction into the rows a store writes and the article linking needs, with the
store's entity corrections applied; ``prepare_write`` does all of a write that does not need the store,
before its transaction (in a worker process under ``ingest --jobs``); ``stored_document`` rebuilds a stored document as the model, through
any statement runner (a read, or the transaction of a correction that rewrites it).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from armsgraph.extract.resources import load_gazetteer
from armsgraph.graph import rows as R
from armsgraph.graph.linker import Article, Run
from armsgraph.graph.queries.cypher import Queries
from armsgraph.linking.corrections import apply_corrections, redirects
from armsgraph.linking import names as N
from armsgraph.linking.duplicates import Fingerprint, fingerprint
from armsgraph.linking.origins import SOURCE_PREFIX
from armsgraph.linking.plan import LinkPlan, plan_links
from armsgraph.linking.reliability import Reliability, load_reliability
from armsgraph.schema import Correction, ExtractionResult
from armsgraph.schema.ids import normalise_name

CLAIM_ROLE_FIELDS = {"SUBJECT": "subject", "OBJECT": "object", "CLAIMED_BY": "claimant", "LOCATED_AT": "where"}
OBSERVATION_ROLE_FIELDS = {"OF_SITE": "site", "OBSERVED_BY": "observer"}


def prepare(result: ExtractionResult, text: str | None, print_: Fingerprint | None,
            corrections: list[Correction]) -> tuple[R.DocumentRows, Article]:
    """The rows of a document with the corrections applied, and what linking needs to know of it."""
    result = apply_corrections(result, corrections)
    rows = R.document_rows(result, text)
    plan = plan_links(result, text, print_, load_gazetteer(), gazetteer_index(), redirects(corrections))
    reliability = load_reliability()
    _add_links(rows, plan, reliability, result)
    names = {e.id: e.name for e in (*result.entities, *plan.origin_entities)}
    return rows, Article(result, plan, names, reliability, rows.source["reliability"])


@dataclass(frozen=True)
class PreparedWrite:
    """A write's store-independent part (pure): the text's fingerprint, the block keys of the unknown names,
    and the rows and article as ``prepare`` makes them when the store has no corrections and no unknown name
    joins a stored one, which the write checks in its transaction before using them."""

    result: ExtractionResult
    fingerprint: Fingerprint | None
    name_keys: dict[str, tuple[str, ...]]   # unknown entity id → its name's block keys
    rows: R.DocumentRows
    article: Article


def prepare_write(result: ExtractionResult, text: str | None) -> PreparedWrite:
    print_ = fingerprint(text) if text else None
    name_keys = {e.id: tuple(N.block_keys(e.type, e.name)) for e in result.entities if not e.known}
    rows, article = prepare(result, text, print_, [])
    return PreparedWrite(result, print_, name_keys, rows, article)


def statements(q: Queries, rows: R.DocumentRows) -> list[tuple[str, dict]]:
    """A document's rows as parameterised, batched statements, in dependency order; empty batches left out."""
    source = rows.source_id
    batches = [(q.CREATE_SOURCES, [rows.source]), (q.MERGE_ENTITIES, rows.entities),
               (q.CREATE_MENTIONS, rows.mentions), (q.CREATE_CLAIMS, rows.claims)]
    batches += [(q.CREATE_CLAIM_ROLE[rel], rel_rows) for rel, rel_rows in sorted(rows.claim_roles.items())]
    batches += [(q.CREATE_ITEMS, rows.items), (q.CREATE_OBSERVATIONS, rows.observations)]
    batches += [(q.CREATE_OBSERVATION_ROLE[rel], rel_rows) for rel, rel_rows in sorted(rows.observation_roles.items())]
    batches += [(q.CREATE_SUPPORTS, rows.supports), (q.MERGE_PROPOSITIONS, rows.propositions),
                (q.CREATE_ASSERTS, rows.asserts)]
    return [(cypher, {"rows": batch, "source": source}) for cypher, batch in batches if batch]


def new_rows(run: Run, q: Queries, rows: R.DocumentRows) -> R.DocumentRows:
    """The rows without the entities the store already holds with all their lookup keys: merging those
    would change nothing, and rewriting a node costs as much as creating one (the most mentioned entities
    are in nearly every document)."""
    if not rows.entities:
        return rows
    stored = {r["id"]: r["keys"] for r in run(q.ENTITY_KEYS, {"ids": [e["id"] for e in rows.entities]})}

    def unchanged(entity: dict) -> bool:
        keys = stored.get(entity["id"])
        return keys is not None and len(set(keys)) == len(keys) and set(entity["keys"]) <= set(keys)

    kept = [e for e in rows.entities if not unchanged(e)]
    return rows if len(kept) == len(rows.entities) else replace(rows, entities=kept)


def stored_corrections(run: Run, q: Queries) -> list[Correction]:
    return [Correction.model_validate_json(r["record"]) for r in run(q.CORRECTIONS, {})]


def _add_links(rows: R.DocumentRows, plan: LinkPlan, reliability: Reliability, result: ExtractionResult) -> None:
    """Linking's additions to a document's rows: origins, propositions, countries, grades, fingerprint."""
    known = {e["id"] for e in rows.entities}
    rows.entities += [R.entity_row(e) for e in plan.origin_entities if e.id not in known]
    for entity in rows.entities:
        entity["country"] = plan.countries.get(entity["id"])
        entity["reliability"] = reliability.grade(entity_id=entity["id"])
    rows.source["reliability"] = reliability.grade(entity_id=plan.publisher, publisher=result.document.publisher)
    rows.source["signature"] = list(plan.fingerprint.signature) if plan.fingerprint else None
    rows.source["contentSignature"] = list(plan.content.signature) if plan.content else None
    for claim in rows.claims:
        claim["origin"] = plan.claim_origins[claim["id"]]
        if not claim["origin"].startswith(SOURCE_PREFIX):
            rows.claim_roles.setdefault("ORIGIN", []).append({"claim": claim["id"], "entity": claim["origin"]})
    rows.propositions, rows.asserts = plan.propositions, plan.asserts


@lru_cache(maxsize=1)
def gazetteer_index() -> dict[str, tuple[str, ...]]:
    """Normalised name or alias in any language → gazetteer ids (adjectives included: "nordcoreano")."""
    index: dict[str, set[str]] = {}
    for entry in load_gazetteer().entries.values():
        for text in (entry.id, entry.name, *(a.text for a in entry.aliases)):
            index.setdefault(normalise_name(text), set()).add(entry.id)
    return {k: tuple(sorted(v)) for k, v in index.items()}


# ---------------------------------------------------------------------------------------------------------
# Back out: a stored document as the model.

def stored_document(run: Run, q: Queries, source_id: str) -> tuple[ExtractionResult, str | None]:
    """The document with id ``source_id`` rebuilt from the store (and its text)."""
    source = run(q.SOURCE, {"id": source_id})[0]["source"]
    mentions: dict[str, list[dict]] = {}
    entity_nodes: dict[str, dict] = {}
    for r in run(q.SOURCE_MENTIONS, {"id": source_id}):
        entity_nodes[r["entity"]["id"]] = r["entity"]
        mentions.setdefault(r["entity"]["id"], []).append(r)
    claims = _rebuild(run, q.SOURCE_CLAIM_ROLES, source_id, "claim", "entity", CLAIM_ROLE_FIELDS, "ITEM")
    observations = _rebuild(run, q.SOURCE_OBSERVATION_ROLES, source_id, "observation", "target",
                            OBSERVATION_ROLE_FIELDS, "SUPPORTS")
    referenced = {i for c in claims for i in (c.subject, c.object, c.claimant, c.where, *c.items) if i}
    referenced |= {i for o in observations for i in (o.site, o.observer) if i}
    missing = sorted(referenced - entity_nodes.keys())
    if missing:
        entity_nodes.update({r["entity"]["id"]: r["entity"] for r in run(q.ENTITIES_BY_ID, {"ids": missing})})
    entities = [R.entity_from_row(node, mentions.get(i)) for i, node in sorted(entity_nodes.items())]
    return (ExtractionResult(document=R.document_from_row(source), entities=entities, claims=claims,
                             observations=observations, extractor=source.get("extractor") or ""),
            source.get("text"))


def _rebuild(run: Run, cypher, source_id, node_key, target_key, fields, list_role):
    """Claims or observations of a source from rows of (node, role, target): roles folded per node."""
    nodes: dict[str, dict] = {}
    roles: dict[str, dict] = {}
    for r in run(cypher, {"id": source_id}):
        node = r[node_key]
        nodes.setdefault(node["id"], node)
        folded = roles.setdefault(node["id"], {"items": [], "supports": []})
        role, target = r["role"], r[target_key]
        if role == list_role:
            folded["items" if list_role == "ITEM" else "supports"].append((r.get("position") or 0, target))
        elif role in fields:
            folded[fields[role]] = target
    out = []
    for node_id, node in nodes.items():
        folded = roles[node_id]
        folded["items"] = [t for _, t in sorted(folded["items"])]
        folded["supports"] = [t for _, t in sorted(folded["supports"])]
        out.append(R.claim_from_row(node, folded) if list_role == "ITEM" else R.observation_from_row(node, folded))
    return out
