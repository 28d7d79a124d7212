"""Neo4j's constraints and indexes (created on first use) and its dialect of the shared statements."""
from armsgraph.graph.queries.cypher import NEO4J, NODE_LABELS, Queries

SCHEMA = tuple(
    f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
    for label in NODE_LABELS
) + (
    "CREATE INDEX claim_type IF NOT EXISTS FOR (c:Claim) ON (c.type)",
    "CREATE INDEX claim_date IF NOT EXISTS FOR (c:Claim) ON (c.date)",
    "CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name)",
    "CREATE INDEX entity_type IF NOT EXISTS FOR (e:Entity) ON (e.type)",
    # a proposition's claims, the latest first, for provenance's related claims (queries.RELATED_CLAIMS)
    "CREATE INDEX asserts_latest IF NOT EXISTS FOR ()-[a:ASSERTS]-() ON (a.proposition, a.rank)",
)

QUERIES = Queries(NEO4J)


def one_statement(batches: list[tuple[str, dict]]) -> tuple[str, dict]:
    """Batched ``UNWIND $rows`` statements as one: each a unit subquery (``CALL { … }``) with its own
    ``$rowsN``, run in order. A document's rows then reach the server in one round trip instead of one
    per batch."""
    parts, params = [], {}
    for n, (cypher, batch) in enumerate(batches):
        parts.append("CALL { " + cypher.replace("$rows", f"$rows{n}") + " }")
        params[f"rows{n}"] = batch["rows"]
        params.update({k: v for k, v in batch.items() if k != "rows"})
    return " ".join(parts), params
