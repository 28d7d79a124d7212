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
from pathlib import Path
from typing import Protocol, TypeVar

from armsgraph.errors import ArmsgraphError, StoreError
from armsgraph.graph import rows as R
from armsgraph.graph.corrections import CorrectionOutcome, apply_correction
from armsgraph.graph.documents import (CLAIM_ROLE_FIELDS, PreparedWrite, gazetteer_index, new_rows, prepare,
                                      statements, stored_corrections, stored_document)
from armsgraph.extract.resources import load_gazetteer
from armsgraph.graph.linker import Run, link_document
from armsgraph.graph.provenance import (ClaimRow, EntityRef, Evidence, PropositionRow, Provenance, describe,
                                        pair_propositions)
from armsgraph.graph.queries.cypher import ClaimFilter, Queries
from armsgraph.graph.unknown_names import file_unknown_names, join_unknown_names
from armsgraph.linking.corrections import redirects
from armsgraph.linking.duplicates import Fingerprint, fingerprint
from armsgraph.linking.plan import gazetteer_entity
from armsgraph.schema import Correction, ExtractionResult
from armsgraph.schema.ids import normalise_name
from armsgraph.schema.models import ANY_MATERIEL

DEFAULT_STORE = "armsgraph.db"
READ_ONLY_REFUSAL = "the query writes to the graph; queries are read-only unless --write is given"
T = TypeVar("T")
NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")


@dataclass(frozen=True)
class WriteStats:
    source: str
    created: bool          # False when the document was already stored (nothing changed)
    entities: int = 0
    claims: int = 0
    observations: int = 0
    mentions: int = 0
    path: str | None = None  # the file it was read from, when known


@dataclass(frozen=True)
class DocumentToWrite:
    """A document for ``write_group``: as the arguments of ``write``."""
    result: ExtractionResult
    text: str | None = None
    prepared: PreparedWrite | None = None


def _linking_keys(document: DocumentToWrite) -> tuple[Fingerprint | None, dict[str, tuple[str, ...]] | None]:
    """The text's fingerprint and the unknown names' block keys: from the prepared write when it is this
    document's, else the fingerprint made now (and the keys in the transaction)."""
    prepared = document.prepared
    if prepared is None or prepared.result is not document.result:
        return (fingerprint(document.text) if document.text else None), None
    return prepared.fingerprint, prepared.name_keys


class GraphStore(Protocol):
    def write(self, result: ExtractionResult, text: str | None = None, *,
              prepared: PreparedWrite | None = None) -> WriteStats: ...
    def query(self, cypher: str, params: dict | None = None, *, write: bool = False) -> list[dict]: ...
    def provenance(self, claim_id: str, *, related_limit: int = 25) -> Provenance: ...
    def close(self) -> None: ...


class CypherStore(ABC):
    queries: Queries
    location: str
    # One writer at a time (the embedded store's file lock): a write may skip merging entities it finds
    # stored, as no other transaction can delete one meanwhile. Neo4j's concurrent writers merge them all.
    single_writer: bool = False
    # Documents ``ingest`` may write in one transaction (``write_group``). One on a server: a larger
    # transaction would hold its locks longer against the other writers.
    group_size: int = 1

    # -- backend primitives --------------------------------------------------------------------------------
    @abstractmethod
    def connect(self) -> None:
        """Open the database and make sure the schema exists."""

    @abstractmethod
    def query(self, cypher: str, params: dict | None = None, *, write: bool = False) -> list[dict]:
        """Run one statement; without ``write`` a statement that writes is refused by the database."""

    @abstractmethod
    def _transact(self, work: Callable[[Run], bool], label: str, *, documents: int = 1) -> bool:
        """Run ``work(run)`` in one write transaction, committed when it returns True, else rolled back.

        ``label`` names what is written in an error ("writing s-3f9a2b1c7d4e"); ``documents``, how many
        documents it writes. ``work`` may be run again (e.g. when a server retries the transaction).

        ``run(cypher, params)`` executes a statement in that transaction and returns its rows.
        """

    @abstractmethod
    def _read(self, work: Callable[[Run], T]) -> T:
        """Run ``work(run)`` in one read-only transaction and return what it returns (``run`` as in
        ``_transact``). On a server ``work`` may run again when the transaction is retried: it only reads."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------------------
    def write(self, result: ExtractionResult, text: str | None = None, *,
              prepared: PreparedWrite | None = None) -> WriteStats:
        """Store one document whole and link it to the rest of the graph, in one transaction.

        Its unknown names join close spellings already stored, and the store's entity corrections are
        applied, first. A document already stored (same content hash) is left as it is. ``prepared`` is
        ``documents.prepare_write(result, text)``, when made beforehand (ingest makes it in its workers).
        """
        return self._write_together([DocumentToWrite(result, text, prepared)])[0]

    def write_group(self, documents: list[DocumentToWrite]) -> list[WriteStats | ArmsgraphError]:
        """Store documents in turn, each as ``write`` does, all in one transaction (a commit costs as much as
        a document): what each gave, its stats or the error that kept it out. The graph is the one writing
        them one by one gives. Should one fail, the group is rolled back and each is written alone, so a
        failing document takes no other one with it."""
        if len(documents) > 1:
            try:
                return self._write_together(documents)
            except Exception:  # noqa: BLE001 - which document failed, and why, is found writing each alone
                pass
        return [self._write_alone(document) for document in documents]

    def _write_alone(self, document: DocumentToWrite) -> WriteStats | ArmsgraphError:
        try:
            return self._write_together([document])[0]
        except ArmsgraphError as error:
            return error

    def _write_together(self, documents: list[DocumentToWrite]) -> list[WriteStats]:
        """The documents written in one transaction, in order; nothing written if one fails."""
        linking = [_linking_keys(d) for d in documents]  # the costly part of linking, outside the transaction
        ids = [d.result.document.id for d in documents]
        outcomes: list[WriteStats] = []

        def work(run: Run) -> bool:
            outcomes.clear()  # the transaction may run again (a larger page cache, a server's retry)
            # what the writes depend on that none of them changes, read once: the corrections, and which
            # documents were stored before (one stored twice in the group is skipped the second time)
            corrections = stored_corrections(run, self.queries)
            stored = {r["id"] for r in run(self.queries.SOURCES_STORED, {"ids": ids})}
            for source_id, document, (print_, name_keys) in zip(ids, documents, linking):
                if source_id in stored:
                    outcomes.append(WriteStats(source_id, created=False))
                    continue
                outcomes.append(self._write_document(run, document, print_, name_keys, corrections))
                stored.add(source_id)
            return any(o.created for o in outcomes)

        label = f"writing {ids[0]}" if len(ids) == 1 else f"writing {len(ids)} documents ({ids[0]} …)"
        self._transact(work, label, documents=len(documents))
        return outcomes

    def _write_document(self, run: Run, document: DocumentToWrite, print_: Fingerprint | None,
                        name_keys: dict[str, tuple[str, ...]] | None, corrections: list[Correction]) -> WriteStats:
        """A document not yet stored, written in the transaction ``run`` belongs to (``name_keys`` is None
        unless ``document.prepared`` may be used)."""
        result = document.result
        joined, name_blocks = join_unknown_names(run, self.queries, result, name_keys)
        if name_keys is not None and joined is result and not corrections:
            rows, article = document.prepared.rows, document.prepared.article
        else:
            rows, article = prepare(joined, document.text, print_, corrections)
        if self.single_writer:  # no other transaction can delete a stored entity meanwhile
            rows = new_rows(run, self.queries, rows)
        for cypher, params in self.statements(rows):
            run(cypher, params)
        link_document(run, self.queries, article)
        file_unknown_names(run, self.queries, name_blocks)
        return WriteStats(rows.source_id, created=True, entities=len(rows.entities), claims=len(rows.claims),
                          observations=len(rows.observations), mentions=len(rows.mentions))

    def correct(self, correction: Correction, *, strict: bool = True) -> CorrectionOutcome:
        """Record a researcher's entity correction and rewrite the stored documents it changes, in one
        transaction; later writes apply it too. ``strict`` refuses a correction naming entities the store
        does not hold (a corrections file loaded before ingesting is not strict)."""
        outcome: list[CorrectionOutcome] = []

        def work(run: Run) -> bool:
            outcome.append(apply_correction(run, self.queries, correction, strict=strict))
            return outcome[-1].recorded

        self._transact(work, f"recording correction {correction.id}")
        return outcome[-1]

    def corrections(self) -> list[Correction]:
        """The corrections recorded in this store, oldest first (the order they are applied in)."""
        return stored_corrections(lambda cypher, params: self.query(cypher, params), self.queries)

    def statements(self, rows: R.DocumentRows) -> list[tuple[str, dict]]:
        """A document's rows as parameterised, batched statements (see ``documents.statements``)."""
        return statements(self.queries, rows)

    # -- reading -------------------------------------------------------------------------------------------
    def resolve(self, name: str, *, unstored: bool = False) -> list[dict]:
        """Entities a name denotes: an id, the canonical name, or any alias or mention form, any language.

        ``unstored`` adds gazetteer entities no stored article mentions yet (e.g. to merge into one)."""
        found = {r["id"]: r for r in self.query(self.queries.ENTITY_BY_KEY, {"key": normalise_name(name)})}
        # The gazetteer knows aliases in every language, also ones no stored article used (RPDC, КНДР);
        # an entity a researcher merged into another is found as the one it became.
        merged = redirects(self.corrections())
        gazetteer_ids = {merged.get(i, i) for i in gazetteer_index().get(normalise_name(name), ())}
        if gazetteer_ids:
            for r in self.query(self.queries.ENTITIES_BY_ID, {"ids": sorted(gazetteer_ids)}):
                entity = r["entity"]
                found.setdefault(entity["id"], {"id": entity["id"], "name": entity["name"], "type": entity["type"]})
            if unstored:
                for entity_id in gazetteer_ids - found.keys():
                    entry = load_gazetteer().get(entity_id)
                    found[entity_id] = {"id": entity_id, "name": entry.name, "type": entry.type}
        return [found[k] for k in sorted(found)]

    def entity(self, entity_id: str):
        """The stored entity with this id (without its mentions), else the gazetteer's, else None."""
        found = self.query(self.queries.ENTITIES_BY_ID, {"ids": [entity_id]})
        return R.entity_from_row(found[0]["entity"]) if found else gazetteer_entity(entity_id, load_gazetteer())

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
                      type: str | None = None, items: list[str] | None = None,
                      category: str | None = None) -> list[dict]:
        """One row per proposition (ids from ``resolve``), the most independently corroborated first.
        ``category``: ``"any"`` for the propositions of a pair whatever the materiel, a materiel category for
        the narrower ones; None for both."""
        params = {k: v for k, v in {"subjects": subjects, "objects": objects, "type": type, "items": items,
                                    "category": category}.items() if v is not None}
        if category == ANY_MATERIEL:
            del params["category"]
        cypher = self.queries.corroboration(**{k: k in params for k in ("subjects", "objects", "type", "items",
                                                                         "category")},
                                            any_materiel=category == ANY_MATERIEL)
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

    def clear(self, batch: int = 10_000) -> None:
        """Delete everything in the store (benchmarks and tests start from an empty Neo4j database), ``batch``
        relationships, then nodes, per transaction: one transaction over a large graph runs out of a server's
        transaction memory."""
        for statement in (self.queries.DELETE_SOME_RELS, self.queries.DELETE_SOME_NODES):
            while self.query(statement, {"limit": batch}, write=True)[0]["deleted"]:
                pass

    def stats(self) -> dict[str, dict[str, int]]:
        """Counts by node label and by relationship type."""
        nodes = {r["label"]: r["count"] for r in self.query(self.queries.NODE_COUNTS)}
        rels = {r["type"]: r["count"] for r in self.query(self.queries.REL_COUNTS)}
        return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}

    def provenance(self, claim_id: str, *, related_limit: int = 25) -> Provenance:
        """Where a claim comes from; ``related_limit`` caps the other claims listed (the most recent first).

        All of it is read in one read transaction: one consistent view, and on a server one session and
        one transaction instead of one per statement (each a round trip or two saved)."""
        return self._read(lambda run: self._provenance(run, claim_id, related_limit))

    def _provenance(self, run: Run, claim_id: str, related_limit: int) -> Provenance:
        q = self.queries
        found = run(q.CLAIM_AND_SOURCE, {"id": claim_id})
        if not found:
            raise StoreError(f"no claim with id {claim_id!r} in {self.location}")
        claim_node, source_node = found[0]["claim"], found[0]["source"]
        asserted_nodes = sorted((r["proposition"] for r in found if r["proposition"]),
                                key=lambda p: (p.get("category") or "", p["id"]))
        proposition = next((p for p in asserted_nodes if not p.get("category")), None)
        roles: dict = {"items": []}
        refs: dict[str, EntityRef] = {}
        def ref(entity: dict | None) -> str | None:
            if entity is None:
                return None
            refs[entity["id"]] = EntityRef(id=entity["id"], name=entity["name"], type=entity["type"],
                                           wikidata=entity.get("wikidata"))
            return entity["id"]

        role_rows = run(q.CLAIM_ROLES, {"id": claim_id})
        for r in sorted(role_rows, key=lambda r: (r["role"], r["position"] or 0)):
            entity = r["entity"]
            ref(entity)
            if r["role"] == "ITEM":
                roles["items"].append(entity["id"])
            elif r["role"] in CLAIM_ROLE_FIELDS:  # ORIGIN is linking's, not the claim's
                roles[CLAIM_ROLE_FIELDS[r["role"]]] = entity["id"]
        claim = R.claim_from_row(claim_node, roles)
        evidence = []
        for r in run(q.CLAIM_EVIDENCE, {"id": claim_id}):
            supports = [s["claim"] for s in run(q.OBSERVATION_SUPPORTS, {"id": r["observation"]["id"]})]
            observation = R.observation_from_row(r["observation"], {"site": ref(r["site"]),
                                                                    "observer": ref(r["observer"]), "supports": supports})
            evidence.append(Evidence(observation=observation, reason=r["reason"], source=r["source"]))
        asserted = [p["id"] for p in asserted_nodes]
        related, related_total = self._related(run, claim, asserted, related_limit)
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
            proposition=PropositionRow.from_node(proposition) if proposition else None,
            narrower=[PropositionRow.from_node(p) for p in asserted_nodes if p.get("category")])

    def _related(self, run: Run, claim, asserted: list[str], limit: int) -> tuple[list[ClaimRow], int]:
        """Other claims about exactly this claim's participants (either order, any type): the most recent
        ``limit`` of them, and how many there are. ``asserted``: the propositions the claim asserts."""
        q = self.queries
        parties = sorted({p for p in (claim.subject, claim.object) if p})
        if not parties:
            return [], 0
        propositions = pair_propositions(parties)
        params = {"propositions": propositions}
        # The statements do not leave the claim itself out (see queries.cypher): it is taken off here.
        total = run(q.RELATED_CLAIM_COUNT, params)[0]["count"] - sum(p in propositions for p in asserted)
        rows = [r for r in run(q.RELATED_CLAIMS, {**params, "limit": limit + 1}) if r["id"] != claim.id][:limit]
        if not rows:
            return [], total
        names: dict[str, dict] = {r["id"]: {"items": []} for r in rows}
        for r in run(q.RELATED_CLAIM_NAMES, {**params, "ids": sorted(names)}):
            if r["role"] == "ITEM":
                names[r["claim"]]["items"].append(r["name"])
            else:
                names[r["claim"]][CLAIM_ROLE_FIELDS[r["role"]]] = r["name"]
        return [_claim_row({**{k: v for k, v in r.items() if k != "rank"}, **names[r["id"]]}) for r in rows], total

    # -- exports -------------------------------------------------------------------------------------------
    def documents(self) -> Iterator[tuple[ExtractionResult, str | None]]:
        """Every stored document rebuilt as the model (and its text), in id order."""
        read = lambda cypher, params=None: self.query(cypher, params)  # noqa: E731
        for source_id in [r["id"] for r in self.query(self.queries.SOURCES)]:
            yield stored_document(read, self.queries, source_id)

    def relationships(self) -> list[dict]:
        return self.query(self.queries.ALL_RELS)

    def nodes(self) -> Iterator[tuple[str, dict]]:
        for label, cypher in self.queries.ALL_NODES.items():
            for r in self.query(cypher):
                yield label, r["node"]


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
