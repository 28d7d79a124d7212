"""The Cypher both stores run, built once per dialect: LadybugDB and Neo4j differ in a few functions only.

Values never enter the text: everything variable is a ``$parameter``. The only things spliced in are
names from the closed sets below (relationship types, property names) and the dialect's function names.
"""
from __future__ import annotations

from dataclasses import dataclass

SOURCE_PROPERTIES = ("id", "title", "publisher", "url", "published", "language", "languageDetected", "path",
                     "sha256", "text", "extractor")
ENTITY_PROPERTIES = ("id", "name", "type", "wikidata", "aliases", "category", "family", "known", "keys")
CLAIM_PROPERTIES = ("id", "type", "modality", "polarity", "date", "datePrecision", "quote", "startOffset", "endOffset",
                    "sentenceStart", "sentenceEnd", "trigger", "extractor")
OBSERVATION_PROPERTIES = ("id", "kind", "observedOn", "observedPrecision", "countWhat", "countValue", "caveats",
                          "quote", "startOffset", "endOffset", "extractor")
CLAIM_ENTITY_RELS = ("SUBJECT", "OBJECT", "CLAIMED_BY", "LOCATED_AT")
OBSERVATION_ENTITY_RELS = ("OF_SITE", "OBSERVED_BY")
NODE_LABELS = ("Source", "Entity", "Claim", "Observation", "Proposition")
PARTICIPANT_RELS = "SUBJECT|OBJECT"
ANY_ROLE_RELS = "SUBJECT|OBJECT|ITEM|CLAIMED_BY|LOCATED_AT"


@dataclass(frozen=True)
class Dialect:
    name: str
    rel_type: str        # function giving a relationship's type
    node_label: str      # expression giving a node's (single) label; {} is the variable
    merge_keys: str      # expression: the union of e.keys and row.keys


LADYBUG = Dialect("ladybug", rel_type="label({})", node_label="label({})",
                  merge_keys="list_distinct(list_concat(e.keys, row.keys))")
NEO4J = Dialect("neo4j", rel_type="type({})", node_label="labels({})[0]",
                merge_keys="e.keys + [k IN row.keys WHERE NOT k IN e.keys]")


def _props(var: str, names: tuple[str, ...]) -> str:
    return ", ".join(f"{n}: {var}.{n}" for n in names)


def _sets(var: str, names: tuple[str, ...]) -> str:
    return ", ".join(f"{var}.{n} = row.{n}" for n in names if n != "id")


@dataclass(frozen=True)
class ClaimFilter:
    """Which optional conditions a claims listing uses; the values travel as parameters."""

    entities: bool = False   # $entities: ids taking any role in the claim
    type: bool = False       # $type
    modality: bool = False   # $modality
    since: bool = False      # $since: the claim's date (else its source's) ends on or after it
    until: bool = False      # $until: ... starts on or before it


class Queries:
    """Every statement a store runs, with the same names in both dialects."""

    def __init__(self, dialect: Dialect):
        d = self.dialect = dialect
        rel = d.rel_type.format
        self.SOURCE_EXISTS = "MATCH (s:Source {id: $id}) RETURN s.id AS id"
        self.CREATE_SOURCES = f"UNWIND $rows AS row CREATE (s:Source {{{_props('row', SOURCE_PROPERTIES)}}})"
        self.MERGE_ENTITIES = (
            "UNWIND $rows AS row MERGE (e:Entity {id: row.id}) "
            f"ON CREATE SET {_sets('e', ENTITY_PROPERTIES)} ON MATCH SET e.keys = {d.merge_keys}")
        self.CREATE_MENTIONS = (
            "UNWIND $rows AS row MATCH (e:Entity {id: row.entity}), (s:Source {id: row.source}) "
            "CREATE (e)-[:MENTIONED_IN {startOffset: row.startOffset, endOffset: row.endOffset, text: row.text}]->(s)")
        self.CREATE_CLAIMS = (
            f"UNWIND $rows AS row CREATE (c:Claim {{{_props('row', CLAIM_PROPERTIES)}}}) WITH c "
            "MATCH (s:Source {id: $source}) CREATE (c)-[:STATED_IN]->(s)")
        self.CREATE_CLAIM_ROLE = {
            r: ("UNWIND $rows AS row MATCH (c:Claim {id: row.claim}), (e:Entity {id: row.entity}) "
                f"CREATE (c)-[:{r}]->(e)") for r in CLAIM_ENTITY_RELS}
        self.CREATE_ITEMS = (
            "UNWIND $rows AS row MATCH (c:Claim {id: row.claim}), (e:Entity {id: row.entity}) "
            "CREATE (c)-[:ITEM {position: row.position}]->(e)")
        self.CREATE_OBSERVATIONS = (
            f"UNWIND $rows AS row CREATE (o:Observation {{{_props('row', OBSERVATION_PROPERTIES)}}}) WITH o "
            "MATCH (s:Source {id: $source}) CREATE (o)-[:REPORTED_IN]->(s)")
        self.CREATE_OBSERVATION_ROLE = {
            r: ("UNWIND $rows AS row MATCH (o:Observation {id: row.observation}), (e:Entity {id: row.entity}) "
                f"CREATE (o)-[:{r}]->(e)") for r in OBSERVATION_ENTITY_RELS}
        self.CREATE_SUPPORTS = (
            "UNWIND $rows AS row MATCH (o:Observation {id: row.observation}), (c:Claim {id: row.claim}) "
            "CREATE (o)-[:SUPPORTS {reason: row.reason, position: row.position}]->(c)")

        # -- reading ---------------------------------------------------------------------------------------
        self.CLAIM_AND_SOURCE = "MATCH (c:Claim {id: $id})-[:STATED_IN]->(s:Source) RETURN c AS claim, s AS source"
        self.CLAIM_ROLES = (f"MATCH (c:Claim {{id: $id}})-[r]->(e:Entity) RETURN {rel('r')} AS role, "
                            "e AS entity, r.position AS position")
        self.CLAIM_EVIDENCE = (
            "MATCH (o:Observation)-[sup:SUPPORTS]->(c:Claim {id: $id}) "
            "OPTIONAL MATCH (o)-[:OF_SITE]->(site:Entity) OPTIONAL MATCH (o)-[:OBSERVED_BY]->(who:Entity) "
            "OPTIONAL MATCH (o)-[:REPORTED_IN]->(s:Source) "
            "RETURN o AS observation, sup.reason AS reason, site AS site, who AS observer, s.id AS source "
            "ORDER BY o.startOffset")
        self.OBSERVATION_SUPPORTS = ("MATCH (o:Observation {id: $id})-[sup:SUPPORTS]->(c:Claim) "
                                     "RETURN c.id AS claim ORDER BY sup.position, claim")
        # Other claims about the same participants: every subject/object of this claim takes part in them too.
        related = (
            f"MATCH (c:Claim {{id: $id}})-[:{PARTICIPANT_RELS}]->(e:Entity) WITH c, count(DISTINCT e) AS participants "
            f"MATCH (c)-[:{PARTICIPANT_RELS}]->(e:Entity)<-[:{PARTICIPANT_RELS}]-(other:Claim) WHERE other.id <> c.id "
            "WITH other, participants, count(DISTINCT e) AS shared WHERE shared = participants ")
        self.RELATED_CLAIM_COUNT = related + "RETURN count(other) AS count"
        self.RELATED_CLAIM_IDS = (related + "RETURN other.id AS id, coalesce(other.date, '') AS date "
                                  "ORDER BY date DESC, id LIMIT $limit")
        self.ENTITY_BY_KEY = ("MATCH (e:Entity) WHERE e.id = $key OR $key IN e.keys "
                              "RETURN e.id AS id, e.name AS name, e.type AS type ORDER BY e.id")
        self.ENTITIES_BY_ID = "MATCH (e:Entity) WHERE e.id IN $ids RETURN e AS entity ORDER BY e.id"
        self.SOURCES = "MATCH (s:Source) RETURN s.id AS id ORDER BY id"
        self.SOURCE = "MATCH (s:Source {id: $id}) RETURN s AS source"
        self.SOURCE_MENTIONS = ("MATCH (e:Entity)-[m:MENTIONED_IN]->(s:Source {id: $id}) "
                                "RETURN e AS entity, m.startOffset AS startOffset, m.endOffset AS endOffset, m.text AS text "
                                "ORDER BY startOffset, endOffset")
        self.SOURCE_CLAIM_ROLES = (
            "MATCH (c:Claim)-[:STATED_IN]->(s:Source {id: $id}) OPTIONAL MATCH (c)-[r]->(e:Entity) "
            f"RETURN c AS claim, {rel('r')} AS role, e.id AS entity, r.position AS position ORDER BY c.startOffset, c.id")
        self.SOURCE_OBSERVATION_ROLES = (
            "MATCH (o:Observation)-[:REPORTED_IN]->(s:Source {id: $id}) OPTIONAL MATCH (o)-[r]->(t) "
            f"WHERE {rel('r')} <> 'REPORTED_IN' "
            f"RETURN o AS observation, {rel('r')} AS role, t.id AS target, r.position AS position "
            "ORDER BY o.startOffset, o.id")
        self.NODE_COUNTS = f"MATCH (n) RETURN {d.node_label.format('n')} AS label, count(*) AS count"
        self.REL_COUNTS = f"MATCH ()-[r]->() RETURN {rel('r')} AS type, count(*) AS count"
        self.ALL_NODES = {label: f"MATCH (n:{label}) RETURN n AS node ORDER BY n.id" for label in NODE_LABELS}
        self.ALL_RELS = (f"MATCH (a)-[r]->(b) RETURN a.id AS source, {rel('r')} AS type, b.id AS target, "
                         "r AS rel ORDER BY source, type, target")

    def entities(self, *, type: bool, search: bool) -> str:
        """Entities with their mention and source counts; ``$type`` and ``$search`` (a normalised fragment)."""
        where = ["e.type = $type"] if type else []
        head = "MATCH (e:Entity)" + (f" WHERE {' AND '.join(where)}" if where else "")
        if search:  # a WITH so the parameter is a variable inside the list predicate (LadybugDB needs it)
            head += " WITH e, $search AS q WHERE any(k IN e.keys WHERE k CONTAINS q) OR e.id CONTAINS q"
        return (head + " OPTIONAL MATCH (e)-[m:MENTIONED_IN]->(s:Source) "
                "RETURN e.id AS id, e.name AS name, e.type AS type, e.wikidata AS wikidata, "
                "count(m) AS mentions, count(DISTINCT s.id) AS sources ORDER BY mentions DESC, name, id")

    def claims(self, f: ClaimFilter, *, ids: bool = False) -> str:
        """Claims in words (names, not ids), one row each; ``ids`` restricts to ``$ids``."""
        where = []
        if ids:
            where.append("c.id IN $ids")
        if f.type:
            where.append("c.type = $type")
        if f.modality:
            where.append("c.modality = $modality")
        if f.since or f.until:  # undated claims in undated sources match no range
            where.append("coalesce(c.date, s.published) IS NOT NULL")
        if f.since:  # a partial date ("2023") overlaps the range when its last day can be on/after $since
            where.append("coalesce(c.date, s.published) + '~' >= $since")
        if f.until:
            where.append("coalesce(c.date, s.published) <= $until")
        if f.entities:
            where.append(f"EXISTS {{ MATCH (c)-[:{ANY_ROLE_RELS}]->(x:Entity) WHERE x.id IN $entities }}")
        return (
            "MATCH (c:Claim)-[:STATED_IN]->(s:Source)" + (f" WHERE {' AND '.join(where)}" if where else "") +
            " OPTIONAL MATCH (c)-[:SUBJECT]->(subj:Entity) OPTIONAL MATCH (c)-[:OBJECT]->(obj:Entity)"
            " OPTIONAL MATCH (c)-[:CLAIMED_BY]->(who:Entity) OPTIONAL MATCH (c)-[:ITEM]->(item:Entity)"
            " RETURN c.id AS id, c.type AS type, subj.name AS subject, obj.name AS object,"
            " collect(item.name) AS items, who.name AS claimant, c.modality AS modality, c.polarity AS polarity,"
            " c.date AS date, s.id AS source, s.title AS title, s.publisher AS publisher,"
            " s.published AS published, c.quote AS quote"
            " ORDER BY coalesce(date, published), id")

