"""The Cypher both stores run, built once per dialect: LadybugDB and Neo4j differ in a few functions only.

Values never enter the text: everything variable is a ``$parameter``. The only things spliced in are
names from the closed sets below (relationship types, property names) and the dialect's function names.
"""
from __future__ import annotations

from dataclasses import dataclass

SOURCE_PROPERTIES = ("id", "title", "publisher", "url", "published", "language", "languageDetected", "path",
                     "sha256", "text", "extractor", "reliability", "signature", "contentSignature")
ENTITY_PROPERTIES = ("id", "name", "type", "wikidata", "aliases", "category", "family", "known", "keys", "country",
                     "reliability")
CLAIM_PROPERTIES = ("id", "type", "modality", "polarity", "date", "datePrecision", "quote", "startOffset", "endOffset",
                    "sentenceStart", "sentenceEnd", "trigger", "extractor", "origin")
# What linking keeps on a proposition (see graph/linker.py); set whole each time a claim joins it.
PROPOSITION_SUMMARY = ("claims", "sources", "independentOrigins", "origins", "originNames", "deniedBy",
                       "deniedByNames", "asserted", "probable", "possible", "denied", "items", "itemNames",
                       "firstClaimed", "lastClaimed", "observations", "credibility", "credibilityReason",
                       "subjectName", "objectName", "claimantNames", "originGrades", "originModalities",
                       "deniedByGrades", "openClaims")
OBSERVATION_PROPERTIES = ("id", "kind", "observedOn", "observedPrecision", "countWhat", "countValue", "caveats",
                          "quote", "startOffset", "endOffset", "extractor")
# A researcher's correction (linking/corrections.py): readable columns, and the whole record as JSON.
CORRECTION_PROPERTIES = ("id", "seq", "action", "target", "targetName", "entities", "names", "note", "record")
CLAIM_ENTITY_RELS = ("SUBJECT", "OBJECT", "CLAIMED_BY", "LOCATED_AT", "ORIGIN")
OBSERVATION_ENTITY_RELS = ("OF_SITE", "OBSERVED_BY")
NODE_LABELS = ("Source", "Entity", "Claim", "Observation", "Proposition", "Band", "NameBlock", "Correction")
# List-valued properties. LadybugDB types a parameter's empty list as a list of nothing, which a typed column
# refuses, so its statements cast them (Neo4j needs no cast).
LIST_TYPES = {name: "STRING[]" for name in (
    "aliases", "keys", "countWhat", "caveats", "origins", "originNames", "deniedBy", "deniedByNames", "items",
    "itemNames", "claimantNames", "originGrades", "originModalities", "deniedByGrades", "entities", "names")} | {
    "countValue": "INT64[]", "signature": "INT64[]", "contentSignature": "INT64[]"}
ANY_ROLE_RELS = "SUBJECT|OBJECT|ITEM|CLAIMED_BY|LOCATED_AT"
NAMED_ROLE_RELS = "SUBJECT|OBJECT|CLAIMED_BY|ITEM"  # the roles a claim in words names (``ClaimRow``)
# What provenance reads of a source and of an entity (see ``rows.document_from_row``, ``EntityRef``).
PROVENANCE_SOURCE = ("id", "title", "publisher", "url", "published", "language", "languageDetected", "path",
                     "sha256", "text", "reliability")
PROVENANCE_ENTITY = ("id", "name", "type", "wikidata", "reliability")


@dataclass(frozen=True)
class Dialect:
    name: str
    rel_type: str        # function giving a relationship's type
    node_label: str      # expression giving a node's (single) label; {} is the variable
    merge_keys: str      # expression: the union of e.keys and row.keys
    cast_lists: bool     # whether list values must be cast to their column type
    concat: str          # two lists joined; {} are the lists

    def value(self, name: str) -> str:
        """``row.<name>`` as a statement writes it."""
        if self.cast_lists and name in LIST_TYPES:
            return f"CAST(row.{name} AS {LIST_TYPES[name]})"
        return f"row.{name}"


LADYBUG = Dialect("ladybug", rel_type="label({})", node_label="label({})",
                  merge_keys="list_distinct(list_concat(e.keys, row.keys))", cast_lists=True,
                  concat="list_concat({}, {})")
NEO4J = Dialect("neo4j", rel_type="type({})", node_label="labels({})[0]",
                merge_keys="e.keys + [k IN row.keys WHERE NOT k IN e.keys]", cast_lists=False,
                concat="{} + {}")


def _props(d: Dialect, names: tuple[str, ...]) -> str:
    return ", ".join(f"{n}: {d.value(n)}" for n in names)


def _map(var: str, names: tuple[str, ...]) -> str:
    """A map literal of some of a node's properties (a missing one is null)."""
    return "{" + ", ".join(f"{n}: {var}.{n}" for n in names) + "}"


def _sets(d: Dialect, var: str, names: tuple[str, ...]) -> str:
    return ", ".join(f"{var}.{n} = {d.value(n)}" for n in names if n != "id")


@dataclass(frozen=True)
class ClaimFilter:
    """Which optional conditions a claims listing uses; the values travel as parameters."""

    entities: bool = False   # $entities: ids taking any role in the claim
    type: bool = False       # $type
    modality: bool = False   # $modality
    since: bool = False      # $since: the claim's date (else its source's) ends on or after it
    until: bool = False      # $until: ... starts on or before it


class Queries:
    """Every statement a store runs, with the same names in both dialects.

    Two nodes found by key are matched one after the other (``MATCH (a {id: …}) WITH a MATCH (b {id: …})``),
    never side by side: LadybugDB plans ``MATCH (a {id: …}), (b {id: …})`` as a join whose cost grows with
    the tables (5-10 ms per batch at 3,000 articles against 0.15 ms chained).
    """

    def __init__(self, dialect: Dialect):
        d = self.dialect = dialect
        self._set_propositions: dict[tuple[str, ...], str] = {}
        rel = d.rel_type.format
        self.SOURCES_STORED = "UNWIND $ids AS i MATCH (s:Source {id: i}) RETURN s.id AS id"
        self.CREATE_SOURCES = f"UNWIND $rows AS row CREATE (s:Source {{{_props(d, SOURCE_PROPERTIES)}}})"
        self.MERGE_ENTITIES = (
            "UNWIND $rows AS row MERGE (e:Entity {id: row.id}) "
            f"ON CREATE SET {_sets(d, 'e', ENTITY_PROPERTIES)} ON MATCH SET e.keys = {d.merge_keys}")
        self.ENTITY_KEYS = "UNWIND $ids AS i MATCH (e:Entity {id: i}) RETURN e.id AS id, e.keys AS keys"
        self.CREATE_MENTIONS = (
            "UNWIND $rows AS row MATCH (e:Entity {id: row.entity}) WITH row, e MATCH (s:Source {id: row.source}) "
            "CREATE (e)-[:MENTIONED_IN {startOffset: row.startOffset, endOffset: row.endOffset, text: row.text}]->(s)")
        self.CREATE_CLAIMS = (
            f"UNWIND $rows AS row CREATE (c:Claim {{{_props(d, CLAIM_PROPERTIES)}}}) WITH c "
            "MATCH (s:Source {id: $source}) CREATE (c)-[:STATED_IN]->(s)")
        self.CREATE_CLAIM_ROLE = {
            r: ("UNWIND $rows AS row MATCH (c:Claim {id: row.claim}) WITH row, c MATCH (e:Entity {id: row.entity}) "
                f"CREATE (c)-[:{r}]->(e)") for r in CLAIM_ENTITY_RELS}
        self.CREATE_ITEMS = (
            "UNWIND $rows AS row MATCH (c:Claim {id: row.claim}) WITH row, c MATCH (e:Entity {id: row.entity}) "
            "CREATE (c)-[:ITEM {position: row.position}]->(e)")
        self.CREATE_OBSERVATIONS = (
            f"UNWIND $rows AS row CREATE (o:Observation {{{_props(d, OBSERVATION_PROPERTIES)}}}) WITH o "
            "MATCH (s:Source {id: $source}) CREATE (o)-[:REPORTED_IN]->(s)")
        self.CREATE_OBSERVATION_ROLE = {
            r: ("UNWIND $rows AS row MATCH (o:Observation {id: row.observation}) WITH row, o "
                "MATCH (e:Entity {id: row.entity}) "
                f"CREATE (o)-[:{r}]->(e)") for r in OBSERVATION_ENTITY_RELS}
        self.CREATE_SUPPORTS = (
            "UNWIND $rows AS row MATCH (o:Observation {id: row.observation}) WITH row, o "
            "MATCH (c:Claim {id: row.claim}) "
            "CREATE (o)-[:SUPPORTS {reason: row.reason, position: row.position}]->(c)")

        # -- linking across documents (graph/linker.py) ------------------------------------------------------
        self.MERGE_PROPOSITIONS = ("UNWIND $rows AS row MERGE (p:Proposition {id: row.id}) "
                                   "ON CREATE SET p.type = row.type, p.subject = row.subject, p.object = row.object, "
                                   "p.category = row.category")
        # (on Neo4j the relationship carries its proposition and the claim's rank, date then id, for the
        # index that lists a pair's latest claims in provenance: see RELATED_CLAIMS)
        ranked = " {proposition: p.id, rank: coalesce(c.date, '') + ' ' + c.id}" if d is NEO4J else ""
        self.CREATE_ASSERTS = ("UNWIND $rows AS row MATCH (c:Claim {id: row.claim}) WITH row, c "
                               f"MATCH (p:Proposition {{id: row.proposition}}) CREATE (c)-[:ASSERTS{ranked}]->(p)")
        # The articles filed under an article's band keys: each band found by key, its members by one hop.
        # An OPTIONAL MATCH: with a MATCH, LadybugDB joined the hop against whole tables (143 ms a call on a
        # store of 2,000 articles, against 4 ms).
        self.DUPLICATE_CANDIDATES = (
            "UNWIND $bands AS band MATCH (b:Band {id: band}) OPTIONAL MATCH (b)<-[:IN_BAND]-(s:Source) "
            "RETURN b.id AS id, collect(s.id) AS sources")
        self.TEXT_SIGNATURES = ("UNWIND $ids AS i MATCH (s:Source {id: i}) RETURN s.id AS id, "
                                "s.signature AS signature")
        self.CONTENT_SIGNATURES = ("UNWIND $ids AS i MATCH (s:Source {id: i}) RETURN s.id AS id, "
                                   "s.contentSignature AS contentSignature, s.language AS language, "
                                   "s.published AS published")
        self.SOURCE_SUMMARY = ("MATCH (s:Source {id: $id}) RETURN s.publisher AS publisher, s.title AS title, "
                               "s.reliability AS reliability")
        self.CANONICAL_OF = "MATCH (s:Source {id: $id})-[:DUPLICATE_OF]->(d:Source) RETURN d.id AS id"
        self.CREATE_DUPLICATE = (
            "MATCH (a:Source {id: $source}) WITH a MATCH (b:Source {id: $target}) "
            "CREATE (a)-[:DUPLICATE_OF {similarity: $similarity, reason: $reason}]->(b)")
        # Band membership is a relationship ``(Source)-[:IN_BAND]->(Band)``, found from the band by key, and
        # a band holds at most ``linker.MAX_BAND_MEMBERS`` articles. Not a list on the band: LadybugDB's
        # checkpoints rewrote the list column of every band a write had added to, so at 10,000 articles the
        # band lists cost 7.7 ms of commit per article and grew with the corpus (README "Performance").
        # Neo4j may have several writers: a band another one has just created must be merged, not created
        # again. LadybugDB has one writer, and a plain CREATE is several times faster there than MERGE.
        self.CREATE_BANDS = (("UNWIND $rows AS row CREATE (b:Band {id: row.id}) WITH b "
                              if d.name == "ladybug" else "UNWIND $rows AS row MERGE (b:Band {id: row.id}) WITH b ") +
                             "MATCH (s:Source {id: $source}) CREATE (s)-[:IN_BAND]->(b)")
        self.ADD_TO_BANDS = ("UNWIND $rows AS row MATCH (b:Band {id: row.id}) WITH b "
                             "MATCH (s:Source {id: $source}) CREATE (s)-[:IN_BAND]->(b)")
        # Read for update: the write takes the nodes' locks first (in id order), so concurrent writers (Neo4j)
        # add to a proposition's summary one after the other instead of overwriting each other's. LadybugDB
        # has one writer, nothing to lock against: a plain read (the SET cost 1.4 ms per document there).
        # A document's propositions are read in one statement and their summaries set in one
        # (``set_propositions``): in LadybugDB a one-row SET of the summary cost as much as a batch of five.
        self.PROPOSITIONS_FOR_UPDATE = ("UNWIND $ids AS i MATCH (p:Proposition {id: i}) " +
                                        ("" if d.name == "ladybug" else "SET p.claims = coalesce(p.claims, 0) ") +
                                        "RETURN p AS proposition")
        # Observations at a site in $country, reported by an article that names $other (territory evidence).
        # From the articles naming $other: in LadybugDB, starting from the observations joined every mention
        # of the store (10 ms a call on a store of 690,000 mentions, against 4 ms).
        self.OBSERVATIONS_IN_NAMING = (
            "MATCH (named:Entity {id: $other})-[:MENTIONED_IN]->(s:Source) WITH DISTINCT s "
            "MATCH (o:Observation)-[:REPORTED_IN]->(s) MATCH (o)-[:OF_SITE]->(site:Entity) "
            "WHERE site.country = $country "
            "OPTIONAL MATCH (state:Entity) WHERE state.id = site.country "
            "RETURN DISTINCT o.id AS observation, o.observedOn AS observed, site.name AS site, "
            "coalesce(state.name, site.country) AS country ORDER BY observation")
        self.CREATE_PROPOSITION_SUPPORT = (
            "UNWIND $rows AS row MATCH (o:Observation {id: row.observation}) WITH row, o "
            "MATCH (p:Proposition {id: row.proposition}) "
            "CREATE (o)-[:SUPPORTS {reason: row.reason}]->(p)")
        self.PROPOSITIONS_BY_ID = (
            "UNWIND $ids AS i MATCH (p:Proposition {id: i}) "
            "RETURN p.id AS id, p.subject AS subject, p.object AS object, p.firstClaimed AS first, "
            "p.lastClaimed AS last, p.category AS category ORDER BY id")

        # Unknown names filed by block key (linking/names.py), found again by key lookup like bands.
        self.NAME_BLOCKS = ("UNWIND $keys AS key MATCH (b:NameBlock {id: key}) "
                            "RETURN b.id AS id, b.entities AS entities")
        self.CREATE_NAME_BLOCKS = (
            f"UNWIND $rows AS row CREATE (b:NameBlock {{id: row.id, entities: {d.value('entities')}}})"
            if d.name == "ladybug" else
            "UNWIND $rows AS row MERGE (b:NameBlock {id: row.id}) ON CREATE SET b.entities = row.entities "
            "ON MATCH SET b.entities = b.entities + row.entities")
        self.ADD_TO_NAME_BLOCKS = ("UNWIND $rows AS row MATCH (b:NameBlock {id: row.id}) "
                                   f"SET b.entities = {d.concat.format('b.entities', d.value('entities'))}")

        # -- corrections (graph/corrections.py) ------------------------------------------------------------
        self.CORRECTIONS = "MATCH (k:Correction) RETURN k.record AS record ORDER BY k.seq"
        self.CORRECTION_EXISTS = "MATCH (k:Correction {id: $id}) RETURN k.id AS id"
        self.LAST_CORRECTION = "OPTIONAL MATCH (k:Correction) RETURN max(k.seq) AS last"
        self.CREATE_CORRECTIONS = f"UNWIND $rows AS row CREATE (k:Correction {{{_props(d, CORRECTION_PROPERTIES)}}})"
        # The documents that refer to some entities: by a mention, a claim's role or an observation's.
        self.SOURCES_REFERRING_TO = (
            "MATCH (e:Entity)-[:MENTIONED_IN]->(s:Source) WHERE e.id IN $ids RETURN DISTINCT s.id AS id",
            f"MATCH (c:Claim)-[:{ANY_ROLE_RELS}|ORIGIN]->(e:Entity) WHERE e.id IN $ids "
            "MATCH (c)-[:STATED_IN]->(s:Source) RETURN DISTINCT s.id AS id",
            "MATCH (o:Observation)-[:OF_SITE|OBSERVED_BY]->(e:Entity) WHERE e.id IN $ids "
            "MATCH (o)-[:REPORTED_IN]->(s:Source) RETURN DISTINCT s.id AS id",
        )
        # The propositions a document's claims assert or its observations support.
        self.SOURCE_PROPOSITIONS = (
            "MATCH (c:Claim)-[:STATED_IN]->(s:Source {id: $id}) MATCH (c)-[:ASSERTS]->(p:Proposition) "
            "RETURN DISTINCT p.id AS id",
            "MATCH (o:Observation)-[:REPORTED_IN]->(s:Source {id: $id}) MATCH (o)-[:SUPPORTS]->(p:Proposition) "
            "RETURN DISTINCT p.id AS id",
        )
        self.MENTION_FORMS_OF = ("MATCH (e:Entity {id: $id})-[m:MENTIONED_IN]->(s:Source) "
                                 "RETURN s.id AS source, m.text AS text")
        self.DELETE_SOURCE_CONTENT = (
            "MATCH (c:Claim)-[:STATED_IN]->(s:Source {id: $id}) DETACH DELETE c",
            "MATCH (o:Observation)-[:REPORTED_IN]->(s:Source {id: $id}) DETACH DELETE o",
            "MATCH (e:Entity)-[m:MENTIONED_IN]->(s:Source {id: $id}) DELETE m",
        )
        self.DELETE_ORPHAN_ENTITIES = (
            "MATCH (e:Entity) WHERE e.id IN $ids AND NOT EXISTS { MATCH (e)-[]-() } DELETE e")
        self.ENTITY_MENTION_FORMS = ("MATCH (e:Entity {id: $id}) OPTIONAL MATCH (e)-[m:MENTIONED_IN]->(:Source) "
                                     "RETURN e AS entity, collect(m.text) AS texts")
        self.SET_ENTITY_KEYS = f"UNWIND $rows AS row MATCH (e:Entity {{id: row.id}}) SET e.keys = {d.value('keys')}"
        # Rebuilding a proposition's summary from the claims that assert it (linker.rebuild_proposition).
        self.PROPOSITION_NODE = "MATCH (p:Proposition {id: $id}) RETURN p AS proposition"
        self.PROPOSITION_CLAIMS = (
            "MATCH (c:Claim)-[:ASSERTS]->(p:Proposition {id: $id}) MATCH (c)-[:STATED_IN]->(s:Source) "
            "OPTIONAL MATCH (c)-[:CLAIMED_BY]->(w:Entity) WITH c, s, w "
            "OPTIONAL MATCH (c)-[:ORIGIN]->(o:Entity) WITH c, s, w, o "
            "OPTIONAL MATCH (c)-[:ITEM]->(i:Entity) "
            "RETURN c.id AS id, c.modality AS modality, coalesce(c.date, s.published) AS date, c.origin AS origin, "
            "o.name AS originName, o.reliability AS originGrade, w.name AS claimant, s.id AS source, "
            "collect(i.id) AS items, collect(i.name) AS itemNames, collect(coalesce(i.category, '')) AS itemCategories "
            "ORDER BY source, id")
        self.PROPOSITION_EXPLICIT_EVIDENCE = (
            "MATCH (c:Claim)-[:ASSERTS]->(p:Proposition {id: $id}) MATCH (o:Observation)-[sup:SUPPORTS]->(c) "
            "RETURN o.id AS observation, c.id AS claim, sup.position AS position ORDER BY observation, position")
        self.DELETE_PROPOSITION_EVIDENCE = "MATCH (:Observation)-[r:SUPPORTS]->(p:Proposition {id: $id}) DELETE r"
        self.DELETE_PROPOSITION = "MATCH (p:Proposition {id: $id}) DETACH DELETE p"
        # relationships first: a node with a million of them is more than one transaction can delete
        self.DELETE_SOME_RELS = "MATCH ()-[r]->() WITH r LIMIT $limit DELETE r RETURN count(*) AS deleted"
        self.DELETE_SOME_NODES = "MATCH (n) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted"

        # -- reading ---------------------------------------------------------------------------------------
        self.TIMELINE_CLAIMS = (
            f"MATCH (c:Claim)-[:{ANY_ROLE_RELS}]->(e:Entity) WHERE e.id IN $ids "
            "MATCH (c)-[:STATED_IN]->(s:Source) WITH DISTINCT c, s WHERE coalesce(c.date, s.published) IS NOT NULL "
            "OPTIONAL MATCH (c)-[:SUBJECT]->(a:Entity) OPTIONAL MATCH (c)-[:OBJECT]->(b:Entity) "
            "OPTIONAL MATCH (c)-[:CLAIMED_BY]->(w:Entity) "
            "RETURN c.id AS id, coalesce(c.date, s.published) AS date, c.date IS NULL AS undated, c.type AS type, "
            "a.name AS subject, b.name AS object, w.name AS claimant, c.modality AS modality, c.quote AS quote, "
            "s.title AS source ORDER BY date, id")
        self.TIMELINE_OBSERVATIONS = (
            "MATCH (o:Observation)-[:OF_SITE|OBSERVED_BY]->(e:Entity) WHERE e.id IN $ids OR e.country IN $ids "
            "WITH DISTINCT o WHERE o.observedOn IS NOT NULL MATCH (o)-[:REPORTED_IN]->(s:Source) "
            "OPTIONAL MATCH (o)-[:OF_SITE]->(site:Entity) OPTIONAL MATCH (o)-[:OBSERVED_BY]->(w:Entity) "
            "RETURN o.id AS id, o.observedOn AS date, o.kind AS type, site.name AS site, w.name AS observer, "
            "o.quote AS quote, s.title AS source ORDER BY date, id")
        self.SUPPLY_NETWORK = (
            "MATCH (p:Proposition) WHERE p.type = 'transfer' AND p.category IS NULL AND p.subject IS NOT NULL "
            "AND p.object IS NOT NULL AND p.independentOrigins > 0 "
            "RETURN p.id AS id, p.subject AS subject, p.subjectName AS subjectName, p.object AS object, "
            "p.objectName AS objectName, p.independentOrigins AS independentOrigins, "
            "p.claims AS claims, p.credibility AS credibility, p.itemNames AS items ORDER BY id")
        # -- provenance (CypherStore.provenance), one claim by key -------------------------------------------
        # Nodes come back as maps of the properties provenance shows: a source's fingerprints and an
        # entity's keys and aliases are long lists, costly to ship and decode for nothing.
        self.CLAIM_AND_SOURCE = (
            "MATCH (c:Claim {id: $id})-[:STATED_IN]->(s:Source) OPTIONAL MATCH (c)-[:ASSERTS]->(p:Proposition) "
            f"RETURN c AS claim, {_map('s', PROVENANCE_SOURCE)} AS source, p AS proposition")
        self.CLAIM_ROLES = (f"MATCH (c:Claim {{id: $id}})-[r]->(e:Entity) RETURN {rel('r')} AS role, "
                            f"{_map('e', PROVENANCE_ENTITY)} AS entity, r.position AS position")
        self.CLAIM_EVIDENCE = (
            "MATCH (o:Observation)-[sup:SUPPORTS]->(c:Claim {id: $id}) "
            "OPTIONAL MATCH (o)-[:OF_SITE]->(site:Entity) WITH o, sup, site "
            "OPTIONAL MATCH (o)-[:OBSERVED_BY]->(who:Entity) WITH o, sup, site, who "
            "OPTIONAL MATCH (o)-[:REPORTED_IN]->(s:Source) "
            "RETURN o AS observation, sup.reason AS reason, site AS site, who AS observer, s.id AS source "
            "ORDER BY o.startOffset")
        self.OBSERVATION_SUPPORTS = ("MATCH (o:Observation {id: $id})-[sup:SUPPORTS]->(c:Claim) "
                                     "RETURN c.id AS claim ORDER BY sup.position, claim")
        # Other claims about the same participants, of any type: those asserting the propositions of that
        # pair, found by key ($propositions: provenance.pair_propositions), so the cost follows the pair, not
        # the size of the graph. Shaped for LadybugDB, whose planner answers anything else by scanning whole
        # tables (e.g. 270 ms at 200,000 claims for ``c.id IN $ids``, 100 ms for a filter ``c.id <> $id``
        # on the pair's claims, 400 ms for a hop after the ORDER BY … LIMIT): no condition on the claims
        # (the claim itself is left out by the caller), hops before the LIMIT, names in a statement of
        # their own.
        pair = "MATCH (p:Proposition) WHERE p.id IN $propositions MATCH (p)<-[:ASSERTS]-(c:Claim)"
        self.RELATED_CLAIM_COUNT = pair + " RETURN count(c) AS count"
        listed = ("RETURN c.id AS id, c.type AS type, c.modality AS modality, c.polarity AS polarity, "
                  "c.date AS date, c.quote AS quote, s.id AS source, s.title AS title, s.publisher AS publisher, "
                  "s.published AS published, rank ORDER BY rank DESC, id DESC")
        # (the latest first: by date, then by id, both descending; a claim with no date last)
        self.RELATED_CLAIMS = (
            pair + "-[:STATED_IN]->(s:Source) WITH c, s, coalesce(c.date, '') AS rank "
            "ORDER BY rank DESC, c.id DESC LIMIT $limit " + listed)
        self.RELATED_CLAIM_NAMES = (pair + f"-[r:{NAMED_ROLE_RELS}]->(e:Entity) WHERE c.id IN $ids "
                                    f"RETURN c.id AS claim, {rel('r')} AS role, e.name AS name")
        if d is NEO4J:
            # Neo4j answers the same touching only what it lists, however many claims a pair has (Iran–Russia:
            # thousands): the count from each proposition's relationship count; the latest claims of each
            # proposition read in order off the index on ASSERTS (proposition, rank) (the index gives that
            # order only when the ORDER BY names both), the sources of the listed claims only, their names
            # through the id index.
            self.RELATED_CLAIM_COUNT = ("MATCH (p:Proposition) WHERE p.id IN $propositions "
                                        "RETURN sum(COUNT { (p)<-[:ASSERTS]-() }) AS count")
            self.RELATED_CLAIMS = (
                "UNWIND $propositions AS pid CALL { WITH pid MATCH ()-[a:ASSERTS]->() "
                "WHERE a.proposition = pid AND a.rank >= '' "
                "RETURN a ORDER BY a.proposition DESC, a.rank DESC LIMIT $limit } "
                "WITH a ORDER BY a.rank DESC LIMIT $limit "
                "WITH startNode(a) AS c MATCH (c)-[:STATED_IN]->(s:Source) "
                "WITH c, s, coalesce(c.date, '') AS rank " + listed)
            self.RELATED_CLAIM_NAMES = (f"UNWIND $ids AS i MATCH (c:Claim {{id: i}})-[r:{NAMED_ROLE_RELS}]->(e:Entity) "
                                        f"RETURN c.id AS claim, {rel('r')} AS role, e.name AS name")
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
            f"WHERE {rel('r')} <> 'REPORTED_IN' AND {d.node_label.format('t')} <> 'Proposition' "
            f"RETURN o AS observation, {rel('r')} AS role, t.id AS target, r.position AS position "
            "ORDER BY o.startOffset, o.id")
        self.NODE_COUNTS = f"MATCH (n) RETURN {d.node_label.format('n')} AS label, count(*) AS count"
        self.REL_COUNTS = f"MATCH ()-[r]->() RETURN {rel('r')} AS type, count(*) AS count"
        self.ALL_NODES = {label: f"MATCH (n:{label}) RETURN n AS node ORDER BY n.id" for label in NODE_LABELS}
        self.ALL_RELS = (f"MATCH (a)-[r]->(b) RETURN a.id AS source, {rel('r')} AS type, b.id AS target, "
                         "r AS rel ORDER BY source, type, target")

    def set_propositions(self, names) -> str:
        """Set some summary properties of propositions (``$rows``: id and those properties). Linking sets only
        the properties a write changed: LadybugDB's checkpoints rewrite a string or list column of a table
        whenever a row of it was set, even to the value it had, so setting a proposition's unchanged names
        and lists cost in proportion to all propositions."""
        names = tuple(n for n in PROPOSITION_SUMMARY if n in set(names))
        return self._set_propositions.setdefault(
            names, "UNWIND $rows AS row MATCH (p:Proposition {id: row.id}) SET " + _sets(self.dialect, "p", names))

    def entities(self, *, type: bool, search: bool) -> str:
        """Entities with their mention and source counts; ``$type`` and ``$search`` (a normalised fragment)."""
        where = ["e.type = $type"] if type else []
        head = "MATCH (e:Entity)" + (f" WHERE {' AND '.join(where)}" if where else "")
        if search:  # a WITH so the parameter is a variable inside the list predicate (LadybugDB needs it)
            head += " WITH e, $search AS q WHERE any(k IN e.keys WHERE k CONTAINS q) OR e.id CONTAINS q"
        return (head + " OPTIONAL MATCH (e)-[m:MENTIONED_IN]->(s:Source) "
                "RETURN e.id AS id, e.name AS name, e.type AS type, e.wikidata AS wikidata, "
                "count(m) AS mentions, count(DISTINCT s.id) AS sources ORDER BY mentions DESC, name, id")

    def corroboration(self, *, subjects: bool, objects: bool, type: bool, items: bool, category: bool,
                      any_materiel: bool) -> str:
        """Propositions with their summaries; ``$subjects``/``$objects``/``$items`` are entity ids;
        ``any_materiel``: only the propositions of a pair whatever the materiel (no category)."""
        where = ["p.claims > 0"]
        if category:
            where.append("p.category = $category")
        if any_materiel:
            where.append("p.category IS NULL")
        either = "p.type IN ['negotiation', 'agreement', 'meeting']"  # symmetric: either side
        if type:
            where.append("p.type = $type")
        if subjects:
            where.append(f"(p.subject IN $subjects OR ({either} AND p.object IN $subjects))")
        if objects:
            where.append(f"(p.object IN $objects OR ({either} AND p.subject IN $objects))")
        head = f"MATCH (p:Proposition) WHERE {' AND '.join(where)}"
        if items:  # a WITH so the parameter is a variable inside the list predicate (LadybugDB needs it)
            head += " WITH p, $items AS wanted WHERE any(i IN p.items WHERE i IN wanted)"
        return (head + " RETURN p.id AS id, p.type AS type, p.subjectName AS subject, p.objectName AS object, "
                "p.category AS category, p.itemNames AS items, p.claims AS claims, p.sources AS sources, "
                "p.independentOrigins AS independent_origins, p.originNames AS origins, "
                "p.claimantNames AS claimants, p.asserted AS asserted, p.probable AS probable, "
                "p.possible AS possible, p.denied AS denied, p.deniedByNames AS denied_by, "
                "p.observations AS observations, p.firstClaimed AS first_claimed, p.lastClaimed AS last_claimed, "
                "p.credibility AS credibility, p.credibilityReason AS credibility_reason "
                "ORDER BY independent_origins DESC, claims DESC, id")

    def claims(self, f: ClaimFilter) -> str:
        """Claims in words (names, not ids), one row each."""
        where = []
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
            # one OPTIONAL MATCH per WITH: LadybugDB then looks each up from the rows so far instead of
            # joining whole tables side by side (several times faster, and not growing with the graph)
            " OPTIONAL MATCH (c)-[:SUBJECT]->(subj:Entity) WITH c, s, subj"
            " OPTIONAL MATCH (c)-[:OBJECT]->(obj:Entity) WITH c, s, subj, obj"
            " OPTIONAL MATCH (c)-[:CLAIMED_BY]->(who:Entity) WITH c, s, subj, obj, who"
            " OPTIONAL MATCH (c)-[:ITEM]->(item:Entity)"
            " RETURN c.id AS id, c.type AS type, subj.name AS subject, obj.name AS object,"
            " collect(item.name) AS items, who.name AS claimant, c.modality AS modality, c.polarity AS polarity,"
            " c.date AS date, s.id AS source, s.title AS title, s.publisher AS publisher,"
            " s.published AS published, c.quote AS quote"
            " ORDER BY coalesce(date, published), id")

