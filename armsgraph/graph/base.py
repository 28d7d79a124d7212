"""The store interface both backends share, and ``open_store`` which picks one from a location.

``CypherStore`` holds everything that is the same on both stores — turning a document into statements,
linking it to the rest of the graph, provenance, listings, exports — over the backend primitives:
``connect``, ``query`` (one statement, read-only unless asked) and ``_transact`` (a write transaction
that a function fills with statements).
"""
from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from armsgraph.errors import StoreError
from armsgraph.extract.resources import load_gazetteer
from armsgraph.graph import rows as R
from armsgraph.graph.linker import Article, Run, link_document
from armsgraph.graph.provenance import ClaimRow, EntityRef, Evidence, PropositionRow, Provenance, describe
from armsgraph.graph.queries.cypher import ClaimFilter, Queries
from armsgraph.linking.origins import SOURCE_PREFIX
from armsgraph.linking.plan import LinkPlan, plan_links
from armsgraph.linking.reliability import Reliability, load_reliability
from armsgraph.schema import ExtractionResult
from armsgraph.schema.ids import normalise_name

DEFAULT_STORE = "armsgraph.db"
READ_ONLY_REFUSAL = "the query writes to the graph; queries are read-only unless --write is given"
NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")
_CLAIM_ROLE_FIELDS = {"SUBJECT": "subject", "OBJECT": "object", "CLAIMED_BY": "claimant", "LOCATED_AT": "where"}
_OBSERVATION_ROLE_FIELDS = {"OF_SITE": "site", "OBSERVED_BY": "observer"}


@dataclass(frozen=True)
class WriteStats:
    source: str
    created: bool          # False when the document was already stored (nothing changed)
    entities: int = 0
    claims: int = 0
    observations: int = 0
    mentions: int = 0
    path: str | None = None  # the file it was read from, when known


class GraphStore(Protocol):
    def write(self, result: ExtractionResult, text: str | None = None) -> WriteStats: ...
    def query(self, cypher: str, params: dict | None = None, *, write: bool = False) -> list[dict]: ...
    def provenance(self, claim_id: str, *, related_limit: int = 25) -> Provenance: ...
    def close(self) -> None: ...


class CypherStore(ABC):
    queries: Queries
    location: str

    # -- backend primitives --------------------------------------------------------------------------------
    @abstractmethod
    def connect(self) -> None:
        """Open the database and make sure the schema exists."""

    @abstractmethod
    def query(self, cypher: str, params: dict | None = None, *, write: bool = False) -> list[dict]:
        """Run one statement; without ``write`` a statement that writes is refused by the database."""

    @abstractmethod
    def _transact(self, work: Callable[[Run], bool], label: str) -> bool:
        """Run ``work(run)`` in one write transaction, committed when it returns True, else rolled back.

        ``label`` names what is written in an error ("writing s-3f9a2b1c7d4e").

        ``run(cypher, params)`` executes a statement in that transaction and returns its rows.
        """

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------------------
    def write(self, result: ExtractionResult, text: str | None = None) -> WriteStats:
        """Store one document whole and link it to the rest of the graph, in one transaction.

        A document already stored (same content hash) is left as it is.
        """
        rows = R.document_rows(result, text)
        plan = plan_links(result, text, load_gazetteer(), _gazetteer_index())
        reliability = load_reliability()
        _add_links(rows, plan, reliability, result)
        statements = self.statements(rows)
        names = {e.id: e.name for e in (*result.entities, *plan.origin_entities)}
        article = Article(result, plan, names, reliability, rows.source["reliability"])

        def work(run: Run) -> bool:
            if run(self.queries.SOURCE_EXISTS, {"id": rows.source_id}):
                return False
            for cypher, params in statements:
                run(cypher, params)
            link_document(run, self.queries, article)
            return True

        created = self._transact(work, f"writing {rows.source_id}")
        if not created:
            return WriteStats(rows.source_id, created=False)
        return WriteStats(rows.source_id, created=True, entities=len(rows.entities), claims=len(rows.claims),
                          observations=len(rows.observations), mentions=len(rows.mentions))

    def statements(self, rows: R.DocumentRows) -> list[tuple[str, dict]]:
        """A document's rows as parameterised, batched statements, in dependency order; empty batches left out."""
        q, source = self.queries, rows.source_id
        batches = [(q.CREATE_SOURCES, [rows.source]), (q.MERGE_ENTITIES, rows.entities),
                   (q.CREATE_MENTIONS, rows.mentions), (q.CREATE_CLAIMS, rows.claims)]
        batches += [(q.CREATE_CLAIM_ROLE[rel], rel_rows) for rel, rel_rows in sorted(rows.claim_roles.items())]
        batches += [(q.CREATE_ITEMS, rows.items), (q.CREATE_OBSERVATIONS, rows.observations)]
        batches += [(q.CREATE_OBSERVATION_ROLE[rel], rel_rows)
                    for rel, rel_rows in sorted(rows.observation_roles.items())]
        batches += [(q.CREATE_SUPPORTS, rows.supports), (q.MERGE_PROPOSITIONS, rows.propositions),
                    (q.CREATE_ASSERTS, rows.asserts)]
        return [(cypher, {"rows": batch, "source": source}) for cypher, batch in batches if batch]

    # -- reading -------------------------------------------------------------------------------------------
    def resolve(self, name: str) -> list[dict]:
        """Entities a name denotes: an id, the canonical name, or any alias or mention form, any language."""
        found = {r["id"]: r for r in self.query(self.queries.ENTITY_BY_KEY, {"key": normalise_name(name)})}
        # The gazetteer knows aliases in every language, also ones no stored article used (RPDC, КНДР).
        gazetteer_ids = _gazetteer_index().get(normalise_name(name), ())
        if gazetteer_ids:
            for r in self.query(self.queries.ENTITIES_BY_ID, {"ids": sorted(gazetteer_ids)}):
                entity = r["entity"]
                found.setdefault(entity["id"], {"id": entity["id"], "name": entity["name"], "type": entity["type"]})
        return [found[k] for k in sorted(found)]

    def claims(self, *, entities: list[str] | None = None, type: str | None = None, modality: str | None = None,
               since: str | None = None, until: str | None = None) -> list[ClaimRow]:
        """Claims in words, filtered; ``entities`` are ids (see ``resolve``), any role counts."""
        params = {k: v for k, v in {"entities": entities, "type": type, "modality": modality,
                                    "since": since, "until": until}.items() if v is not None}
        cypher = self.queries.claims(ClaimFilter(**{k: True for k in params}))
        return [_claim_row(r) for r in self.query(cypher, params)]

    def entities(self, *, type: str | None = None, search: str | None = None) -> list[dict]:
        params = {k: v for k, v in {"type": type, "search": normalise_name(search) if search else None}.items()
                  if v is not None}
        return self.query(self.queries.entities(type="type" in params, search="search" in params), params)

    def corroboration(self, *, subjects: list[str] | None = None, objects: list[str] | None = None,
                      type: str | None = None, items: list[str] | None = None) -> list[dict]:
        """One row per proposition (ids from ``resolve``), the most independently corroborated first."""
        params = {k: v for k, v in {"subjects": subjects, "objects": objects, "type": type, "items": items}.items()
                  if v is not None}
        cypher = self.queries.corroboration(**{k: k in params for k in ("subjects", "objects", "type", "items")})
        rows = self.query(cypher, params)
        for row in rows:
            row["modalities"] = {m: row.pop(m) or 0 for m in ("asserted", "probable", "possible", "denied")}
        return rows

    def timeline(self, entity_ids: list[str]) -> list[dict]:
        """Dated claims and observations involving the entities, oldest first (undated claims take their
        article's date, marked ``undated``)."""
        claims = [{"kind": "claim", **r} for r in self.query(self.queries.TIMELINE_CLAIMS, {"ids": entity_ids})]
        observations = [{"kind": "observation", "undated": False, **r}
                        for r in self.query(self.queries.TIMELINE_OBSERVATIONS, {"ids": entity_ids})]
        return sorted(claims + observations, key=lambda r: (r["date"], r["kind"], r["id"]))

    def supply_network(self):
        """Supplier → recipient as a networkx DiGraph, edges weighted by independent origins."""
        import networkx as nx

        graph = nx.DiGraph()
        for r in self.query(self.queries.SUPPLY_NETWORK):
            graph.add_node(r["subject"], label=r["subjectName"])
            graph.add_node(r["object"], label=r["objectName"])
            graph.add_edge(r["subject"], r["object"], weight=r["independentOrigins"], claims=r["claims"],
                           credibility=r["credibility"], proposition=r["id"], items=" | ".join(r["items"] or []))
        return graph

    def stats(self) -> dict[str, dict[str, int]]:
        """Counts by node label and by relationship type."""
        nodes = {r["label"]: r["count"] for r in self.query(self.queries.NODE_COUNTS)}
        rels = {r["type"]: r["count"] for r in self.query(self.queries.REL_COUNTS)}
        return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}

    def provenance(self, claim_id: str, *, related_limit: int = 25) -> Provenance:
        """Where a claim comes from; ``related_limit`` caps the other claims listed (the most recent first)."""
        q = self.queries
        found = self.query(q.CLAIM_AND_SOURCE, {"id": claim_id})
        if not found:
            raise StoreError(f"no claim with id {claim_id!r} in {self.location}")
        claim_node, source_node = found[0]["claim"], found[0]["source"]
        roles: dict = {"items": []}
        refs: dict[str, EntityRef] = {}
        def ref(entity: dict | None) -> str | None:
            if entity is None:
                return None
            refs[entity["id"]] = EntityRef(id=entity["id"], name=entity["name"], type=entity["type"],
                                           wikidata=entity.get("wikidata"))
            return entity["id"]

        role_rows = self.query(q.CLAIM_ROLES, {"id": claim_id})
        for r in sorted(role_rows, key=lambda r: (r["role"], r["position"] or 0)):
            entity = r["entity"]
            ref(entity)
            if r["role"] == "ITEM":
                roles["items"].append(entity["id"])
            elif r["role"] in _CLAIM_ROLE_FIELDS:  # ORIGIN is linking's, not the claim's
                roles[_CLAIM_ROLE_FIELDS[r["role"]]] = entity["id"]
        claim = R.claim_from_row(claim_node, roles)
        evidence = []
        for r in self.query(q.CLAIM_EVIDENCE, {"id": claim_id}):
            supports = [s["claim"] for s in self.query(q.OBSERVATION_SUPPORTS, {"id": r["observation"]["id"]})]
            observation = R.observation_from_row(r["observation"], {"site": ref(r["site"]),
                                                                    "observer": ref(r["observer"]), "supports": supports})
            evidence.append(Evidence(observation=observation, reason=r["reason"], source=r["source"]))
        related, related_total = self._related(claim, related_limit)
        asserted = self.query(q.CLAIM_PROPOSITION, {"id": claim_id})
        claimant_node = next((r["entity"] for r in role_rows if r["role"] == "CLAIMED_BY"), None)
        text = source_node.get("text")
        sentence = None
        if text is not None and claim.sentence_end > claim.sentence_start:
            sentence = text[claim.sentence_start:claim.sentence_end]
        return Provenance(
            claim=claim, summary=describe(claim, {k: v.name for k, v in refs.items()}), sentence=sentence,
            sentence_start=claim.sentence_start if sentence is not None else None,
            sentence_end=claim.sentence_end if sentence is not None else None,
            source=R.document_from_row(source_node), entities=refs, evidence=evidence, related=related,
            related_total=related_total, origin=claim_node.get("origin"),
            source_reliability=source_node.get("reliability"),
            claimant_reliability=claimant_node.get("reliability") if claimant_node else None,
            proposition=PropositionRow.from_node(asserted[0]["proposition"]) if asserted else None)

    def _related(self, claim, limit: int) -> tuple[list[ClaimRow], int]:
        """Other claims about exactly this claim's participants (either order, any type): the most recent
        ``limit`` of them, and how many there are."""
        q = self.queries
        parties = sorted({p for p in (claim.subject, claim.object) if p})
        if not parties:
            return [], 0
        pair = len(parties) == 2
        params = {"id": claim.id, "a": parties[0], **({"b": parties[1]} if pair else {})}
        total = self.query(q.RELATED_CLAIM_COUNT[pair], params)[0]["count"]
        ids = [r["id"] for r in self.query(q.RELATED_CLAIM_IDS[pair], {**params, "limit": limit})]
        rows = [_claim_row(r) for r in self.query(q.claims(ClaimFilter(), ids=True), {"ids": ids})] if ids else []
        return sorted(rows, key=lambda r: ids.index(r.id)), total

    # -- exports -------------------------------------------------------------------------------------------
    def documents(self) -> Iterator[tuple[ExtractionResult, str | None]]:
        """Every stored document rebuilt as the model (and its text), in id order."""
        q = self.queries
        for source_id in [r["id"] for r in self.query(q.SOURCES)]:
            source = self.query(q.SOURCE, {"id": source_id})[0]["source"]
            mentions: dict[str, list[dict]] = {}
            entity_nodes: dict[str, dict] = {}
            for r in self.query(q.SOURCE_MENTIONS, {"id": source_id}):
                entity_nodes[r["entity"]["id"]] = r["entity"]
                mentions.setdefault(r["entity"]["id"], []).append(r)
            claims = self._rebuild(q.SOURCE_CLAIM_ROLES, source_id, "claim", "entity", _CLAIM_ROLE_FIELDS, "ITEM")
            observations = self._rebuild(q.SOURCE_OBSERVATION_ROLES, source_id, "observation", "target",
                                         _OBSERVATION_ROLE_FIELDS, "SUPPORTS")
            referenced = {i for c in claims for i in (c.subject, c.object, c.claimant, c.where, *c.items) if i}
            referenced |= {i for o in observations for i in (o.site, o.observer) if i}
            missing = sorted(referenced - entity_nodes.keys())
            if missing:
                entity_nodes.update({r["entity"]["id"]: r["entity"] for r in self.query(q.ENTITIES_BY_ID,
                                                                                        {"ids": missing})})
            entities = [R.entity_from_row(node, mentions.get(i)) for i, node in sorted(entity_nodes.items())]
            yield (ExtractionResult(document=R.document_from_row(source), entities=entities, claims=claims,
                                    observations=observations, extractor=source.get("extractor") or ""),
                   source.get("text"))

    def _rebuild(self, cypher, source_id, node_key, target_key, fields, list_role):
        """Claims or observations of a source from rows of (node, role, target): roles folded per node."""
        nodes: dict[str, dict] = {}
        roles: dict[str, dict] = {}
        for r in self.query(cypher, {"id": source_id}):
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

    def relationships(self) -> list[dict]:
        return self.query(self.queries.ALL_RELS)

    def nodes(self) -> Iterator[tuple[str, dict]]:
        for label, cypher in self.queries.ALL_NODES.items():
            for r in self.query(cypher):
                yield label, r["node"]


def _add_links(rows: R.DocumentRows, plan: LinkPlan, reliability: Reliability, result: ExtractionResult) -> None:
    """Linking's additions to a document's rows: origins, propositions, countries, grades, fingerprint."""
    known = {e["id"] for e in rows.entities}
    rows.entities += [R.entity_row(e) for e in plan.origin_entities if e.id not in known]
    for entity in rows.entities:
        entity["country"] = plan.countries.get(entity["id"])
        entity["reliability"] = reliability.grade(entity_id=entity["id"])
    rows.source["reliability"] = reliability.grade(entity_id=plan.publisher, publisher=result.document.publisher)
    rows.source["signature"] = list(plan.fingerprint.signature) if plan.fingerprint else None
    for claim in rows.claims:
        claim["origin"] = plan.claim_origins[claim["id"]]
        if not claim["origin"].startswith(SOURCE_PREFIX):
            rows.claim_roles.setdefault("ORIGIN", []).append({"claim": claim["id"], "entity": claim["origin"]})
    rows.propositions, rows.asserts = plan.propositions, plan.asserts


@lru_cache(maxsize=1)
def _gazetteer_index() -> dict[str, tuple[str, ...]]:
    """Normalised name or alias in any language → gazetteer ids (adjectives included: "nordcoreano")."""
    index: dict[str, set[str]] = {}
    for entry in load_gazetteer().entries.values():
        for text in (entry.id, entry.name, *(a.text for a in entry.aliases)):
            index.setdefault(normalise_name(text), set()).add(entry.id)
    return {k: tuple(sorted(v)) for k, v in index.items()}


def _claim_row(r: dict) -> ClaimRow:
    return ClaimRow(**{**r, "items": sorted(i for i in r["items"] if i)})


def is_neo4j_uri(location: str) -> bool:
    return location.startswith(NEO4J_SCHEMES)


def default_location() -> str:
    return os.environ.get("ARMSGRAPH_STORE") or DEFAULT_STORE


def open_store(location: str | Path | None = None, *, database: str | None = None,
               create: bool = True) -> CypherStore:
    """The store at ``location`` (a path: embedded LadybugDB; a bolt:// or neo4j:// URI: Neo4j), connected.

    ``create=False`` refuses to make a new embedded store where there is none (for commands that only read).

    Neo4j credentials come from NEO4J_USERNAME / NEO4J_PASSWORD (no authentication when neither is set).
    """
    location = str(location or default_location())
    if is_neo4j_uri(location):
        from armsgraph.graph.neo4j_store import Neo4jStore

        user, password = os.environ.get("NEO4J_USERNAME"), os.environ.get("NEO4J_PASSWORD")
        store: CypherStore = Neo4jStore(location, auth=(user or "neo4j", password or "") if (user or password)
                                        else None, database=database)
    else:
        if database:
            raise StoreError("--database names a Neo4j database; an embedded store is just a path")
        from armsgraph.graph.ladybug_store import LadybugStore

        if not create and not Path(location).exists():
            raise StoreError(f"{location}: no store here yet (armsgraph ingest creates it; --store names another)")
        store = LadybugStore(Path(location))
    store.connect()
    return store
