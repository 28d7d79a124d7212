"""Neo4j through the official driver: a single server, a cluster or Aura."""
from __future__ import annotations

from armsgraph.errors import StoreError
from armsgraph.graph.base import READ_ONLY_REFUSAL, CypherStore
from armsgraph.graph.documents import statements
from armsgraph.graph.queries.neo4j import QUERIES, SCHEMA, one_statement


class Neo4jStore(CypherStore):
    queries = QUERIES

    def __init__(self, uri: str, *, auth: tuple[str, str] | None = None, database: str | None = None):
        self.location = uri
        self._auth = auth
        self._database = database
        self._driver = None

    def connect(self) -> None:
        import neo4j
        from neo4j.exceptions import Neo4jError, ServiceUnavailable

        try:
            # Server notifications (e.g. "relationship type does not exist yet") are not errors; keep stderr clean.
            self._driver = neo4j.GraphDatabase.driver(self.location, auth=self._auth, notifications_min_severity="OFF")
            self._driver.verify_connectivity()
            with self._session() as session:
                for statement in SCHEMA:
                    session.run(statement).consume()
        except (ServiceUnavailable, Neo4jError, ValueError, OSError) as error:
            self.close()
            raise StoreError(f"{self.location}: cannot use Neo4j: {_message(error)}") from error

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    def query(self, cypher: str, params: dict | None = None, *, write: bool = False) -> list[dict]:
        from neo4j.exceptions import Neo4jError

        def work(tx):
            result = tx.run(cypher, params or {})
            return [{k: _plain(v) for k, v in record.items()} for record in result]

        try:
            with self._session() as session:
                return session.execute_write(work) if write else session.execute_read(work)
        except Neo4jError as error:
            if error.code and error.code.endswith(("AccessMode", "ForbiddenOnReadOnlyDatabase")):
                raise StoreError(READ_ONLY_REFUSAL) from error
            raise StoreError(f"{self.location}: {_message(error)}") from error

    def _read(self, work):
        from neo4j.exceptions import Neo4jError

        def in_transaction(tx):
            return work(lambda cypher, params: [{k: _plain(v) for k, v in record.items()}
                                                for record in tx.run(cypher, params)])

        try:
            with self._session() as session:  # managed: retried as a whole on transient errors
                return session.execute_read(in_transaction)
        except Neo4jError as error:
            raise StoreError(f"{self.location}: {_message(error)}") from error

    def _transact(self, work, label: str, *, documents: int = 1) -> bool:
        from neo4j.exceptions import ConstraintError, Neo4jError

        class _Rollback(Exception):
            pass

        def in_transaction(tx) -> bool:
            def run(cypher: str, params: dict) -> list[dict]:
                return [{k: _plain(v) for k, v in record.items()} for record in tx.run(cypher, params)]

            if not work(run):
                raise _Rollback  # leaving a managed transaction by an exception rolls it back
            return True

        try:
            with self._session() as session:  # managed: retried as a whole on transient errors
                try:
                    return session.execute_write(in_transaction)
                except ConstraintError:
                    # another writer stored the same key (the same article, an entity) just before us:
                    # once more, and what it stored is now seen (the article is then skipped)
                    return session.execute_write(in_transaction)
        except _Rollback:
            return False
        except Neo4jError as error:
            raise StoreError(f"{self.location}: {label} failed: {_message(error)}") from error

    def statements(self, rows) -> list[tuple[str, dict]]:
        """A document's batches as one statement: a server is a round trip away, each costing more than
        the rows it carries (LadybugDB runs in this process and keeps them apart)."""
        batches = statements(self.queries, rows)
        return [one_statement(batches)] if batches else []

    def _session(self):
        if self._driver is None:
            raise StoreError(f"{self.location}: the store is closed")
        return self._driver.session(database=self._database) if self._database else self._driver.session()


def _message(error: Exception) -> str:
    return getattr(error, "message", None) or str(error) or type(error).__name__


def _plain(value):
    """Driver values as plain data: nodes and relationships become their properties (with label or type)."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {**{k: _plain(v) for k, v in value.items()}, "_label": sorted(value.labels)[0]}
    if isinstance(value, Relationship):
        return {**{k: _plain(v) for k, v in value.items()}, "_type": value.type}
    if isinstance(value, Path):
        return [_plain(n) for n in value.nodes]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):  # neo4j.time values
        return value.iso_format()
    return value
