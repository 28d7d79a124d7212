"""Storage: one interface (``CypherStore``), two stores — embedded LadybugDB (default) and Neo4j. All Cypher lives here."""
from armsgraph.graph.base import CypherStore, GraphStore, WriteStats, default_location, is_neo4j_uri, open_store  # noqa: F401
from armsgraph.graph.provenance import ClaimRow, Provenance  # noqa: F401
