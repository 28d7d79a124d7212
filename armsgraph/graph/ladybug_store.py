"""The embedded default: a LadybugDB database file on disk, no server."""
from __future__ import annotations

import logging
import os
import re
import time
from decimal import Decimal
from pathlib import Path

from armsgraph.errors import StoreError
from armsgraph.graph.base import READ_ONLY_REFUSAL, CypherStore
from armsgraph.graph.queries.ladybug import QUERIES, SCHEMA

# How long a process waits for another one holding the embedded store's lock before giving up.
LOCK_WAIT_SECONDS = float(os.environ.get("ARMSGRAPH_LOCK_WAIT", "30"))
# LadybugDB's page cache; its default (most of the machine's memory) lets a long ingest grow past 1 GB.
# 256 MB ingested as fast as 512 MB up to 3,000 articles (the extractor itself holds about 450 MB).
BUFFER_POOL_BYTES = int(os.environ.get("ARMSGRAPH_BUFFER_POOL_MB", "256")) * 1024 * 1024
# Committed writes stay in memory (in the page cache) until a checkpoint folds them into the database file,
# which LadybugDB does once the write-ahead log reaches this size (16 MB by default). With 16 MB, an ingest
# reopening a store of 1,000 synthetic articles failed at its 2,219th with "the buffer pool is full" in the
# post-commit checkpoint, then aborted; with 4 MB it went on, and writing 1,000 articles took 220 MB less
# memory for the same CPU time (1 MB: 40 MB less again, but 35% more CPU).
# No more than 4 MB: on a copy of a 10,000-article store, 16 MB failed a write with LadybugDB's "String
# dictionary index is outside the offset table", and after 400 articles written with 64 MB the file would
# not open again ("not a valid Lbug database file"). A larger setting is lowered to 4 MB, with a warning.
CHECKPOINT_MAX_MB = 4
CHECKPOINT_REQUESTED_MB = int(os.environ.get("ARMSGRAPH_CHECKPOINT_MB", "4"))
CHECKPOINT_BYTES = min(CHECKPOINT_REQUESTED_MB, CHECKPOINT_MAX_MB) * 1024 * 1024
# A long-running writer's page cache fills up: after about 5,000 synthetic articles written by one process
# (256 MB, 4 MB checkpoints) the post-commit checkpoint failed with "the buffer pool is full" and the process
# then aborted, while the same store reopened took more articles at once. So the store is reopened after
# this many documents written (about a second each time on a store of 6,000 articles).
REOPEN_AFTER_WRITES = int(os.environ.get("ARMSGRAPH_REOPEN_AFTER_WRITES", "500"))
# Threads a statement runs on. LadybugDB's default (one per core) spent 10-15% more CPU on writing a
# document, with the same wall time, and on a 2-core machine they take it from the extraction processes
# of ``ingest --jobs``; reads on a store of 690,000 mentions (counts, corroboration) were no faster either.
QUERY_THREADS = int(os.environ.get("ARMSGRAPH_QUERY_THREADS", "1"))
# Documents ingest writes in one transaction (CypherStore.write_group): 16 saved about 4 ms of the 28 ms of
# CPU a document took alone (one commit and one read of the corrections per group; most of a commit is its
# checkpoints, which follow the data written). A kill -9 loses the group in progress, which a rerun writes.
GROUP_DOCUMENTS = int(os.environ.get("ARMSGRAPH_GROUP_DOCUMENTS", "16"))
CHECKPOINT_FAILED = "post-commit checkpoint failed"
POOL_FULL = "buffer pool is full"
# A checkpoint holds in the page cache every page of the relationships of a node it rewrites, and an entity
# named in most articles (Russia) has most of the store's MENTIONED_IN edges: past about 25,000 synthetic
# articles a checkpoint needed more than 256 MB, failed, and the store then could not even be opened (its
# recovery is a checkpoint too). So the page cache doubles, up to this size, whenever a checkpoint fails.
BUFFER_POOL_MAX_BYTES = int(os.environ.get("ARMSGRAPH_BUFFER_POOL_MAX_MB", "4096")) * 1024 * 1024

log = logging.getLogger(__name__)


class LadybugStore(CypherStore):
    single_writer = True
    group_size = GROUP_DOCUMENTS
    queries = QUERIES

    def __init__(self, path: Path, *, lock_wait: float = LOCK_WAIT_SECONDS):
        self.path = Path(path)
        self.location = str(path)
        self.lock_wait = lock_wait
        self._db = None
        self._conn = None
        self._writes = 0  # documents written since the store was opened
        self._pool_bytes = BUFFER_POOL_BYTES  # grows when a checkpoint needs more (see BUFFER_POOL_MAX_BYTES)

    def connect(self) -> None:
        import ladybug

        if self.path.is_dir():
            raise StoreError(f"{self.path}: is a folder; an embedded store is a file (e.g. {self.path / 'armsgraph.db'})")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if CHECKPOINT_REQUESTED_MB > CHECKPOINT_MAX_MB:
            log.warning("ARMSGRAPH_CHECKPOINT_MB=%d is unsafe with LadybugDB (larger checkpoints corrupted a "
                        "store); using %d MB", CHECKPOINT_REQUESTED_MB, CHECKPOINT_MAX_MB)
        deadline = time.monotonic() + self.lock_wait
        while True:
            try:
                self._db = ladybug.Database(str(self.path), buffer_pool_size=self._pool_bytes,
                                            checkpoint_threshold=CHECKPOINT_BYTES, max_num_threads=QUERY_THREADS)
                break
            except RuntimeError as error:
                if POOL_FULL in str(error) and self._grow_pool():
                    continue  # recovery's checkpoint needs a larger page cache: the data is safe, retry
                if "lock" not in str(error).lower():
                    raise StoreError(f"{self.path}: cannot open the embedded store: {error}{_hint(error)}") from error
                if time.monotonic() >= deadline:  # one writer at a time: the database file is locked
                    holder = re.search(r"held by PID (\d+)", str(error))
                    raise StoreError(
                        f"{self.path}: in use by another process{f' (PID {holder.group(1)})' if holder else ''} "
                        f"for more than {self.lock_wait:g} s; the embedded store takes one process at a time "
                        "(wait for it, or use Neo4j for concurrent work)") from error
                time.sleep(0.2)
        try:
            self._conn = ladybug.Connection(self._db)
            for statement in SCHEMA:
                self._conn.execute(statement)
        except RuntimeError as error:
            if POOL_FULL in str(error) and self._grow_pool():
                self.close()  # the schema statement's checkpoint (the recovered log's) needs a larger cache
                return self.connect()
            self.close()
            raise StoreError(f"{self.path}: cannot open the embedded store: {error}{_hint(error)}") from error

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
        if self._db is not None:
            self._db.close()
        self._conn = self._db = None

    def query(self, cypher: str, params: dict | None = None, *, write: bool = False) -> list[dict]:
        conn = self._connection()
        conn.execute("BEGIN TRANSACTION" if write else "BEGIN TRANSACTION READ ONLY")
        try:
            result = conn.execute(cypher, params or {})
            if isinstance(result, list):
                raise StoreError("one statement at a time, please: the query holds several (separated by ';')")
            columns = result.get_column_names()
            rows = [dict(zip(columns, (_plain(v) for v in row))) for row in result.get_all()]
            conn.execute("COMMIT")
            return rows
        except RuntimeError as error:
            self._rollback()
            if "read-only transaction" in str(error):
                raise StoreError(READ_ONLY_REFUSAL) from error
            raise StoreError(f"{self.location}: {error}") from error
        except BaseException:
            self._rollback()
            raise

    def _read(self, work):
        conn = self._connection()
        run = _runner(conn)
        conn.execute("BEGIN TRANSACTION READ ONLY")
        try:
            out = work(run)
            conn.execute("COMMIT")
            return out
        except RuntimeError as error:
            self._rollback()
            raise StoreError(f"{self.location}: {error}") from error
        except BaseException:
            self._rollback()
            raise

    def _transact(self, work, label: str, *, documents: int = 1) -> bool:
        if self._conn is not None and self._writes >= REOPEN_AFTER_WRITES:
            self._reopen()
        self._writes += documents
        conn = self._connection()
        run = _runner(conn)
        conn.execute("BEGIN TRANSACTION")
        try:
            done = work(run)
        except BaseException as error:  # anything at all, even Ctrl-C: the document goes in whole or not at all
            self._rollback()
            if isinstance(error, RuntimeError) and POOL_FULL in str(error) and self._grow_pool():
                self._reopen()  # nothing of it was written: write it again with a larger page cache
                return self._transact(work, label, documents=documents)
            if isinstance(error, RuntimeError):
                raise StoreError(f"{self.location}: {label} failed: {error}{_hint(error)}") from error
            raise
        try:
            conn.execute("COMMIT" if done else "ROLLBACK")
            return done
        except RuntimeError as error:
            if CHECKPOINT_FAILED in str(error) and "committed successfully" in str(error):
                # the write is durable; reopening checkpoints it, with a larger page cache if it was full
                if POOL_FULL in str(error):
                    self._grow_pool()
                self._reopen()
                return done
            self._rollback()
            raise StoreError(f"{self.location}: {label} failed: {error}{_hint(error)}") from error
        except BaseException:
            self._rollback()
            raise

    def _grow_pool(self) -> bool:
        """Double the page cache for the next open, within BUFFER_POOL_MAX_BYTES; False when at the limit."""
        if self._pool_bytes >= BUFFER_POOL_MAX_BYTES:
            return False
        self._pool_bytes = min(2 * self._pool_bytes, BUFFER_POOL_MAX_BYTES)
        log.warning("%s: a checkpoint needed a larger page cache; using %d MB (limit %d MB, "
                    "ARMSGRAPH_BUFFER_POOL_MAX_MB)", self.location, self._pool_bytes >> 20,
                    BUFFER_POOL_MAX_BYTES >> 20)
        return True

    def _reopen(self) -> None:
        self.close()
        self.connect()
        self._writes = 0

    def _rollback(self) -> None:
        # LadybugDB already rolls back a transaction whose statement failed; then there is nothing to undo.
        try:
            self._conn.execute("ROLLBACK")
        except RuntimeError as error:
            if "No active transaction" not in str(error):
                raise

    def _connection(self):
        if self._conn is None:
            raise StoreError(f"{self.location}: the store is closed")
        return self._conn


def _hint(error: Exception) -> str:
    if POOL_FULL not in str(error):
        return ""
    return (f" (the page cache reached its limit of {BUFFER_POOL_MAX_BYTES >> 20} MB; raise "
            "ARMSGRAPH_BUFFER_POOL_MAX_MB, or use Neo4j for a corpus this large)")


def _plain(value):
    """LadybugDB values as plain data: nodes and relationships become their properties (with their label).

    Missing properties are left out, as Neo4j does, so both stores give the same dictionaries.
    """
    if isinstance(value, dict) and "_LABEL" in value:
        out = {k: _plain(v) for k, v in value.items() if not k.startswith("_") and v is not None}
        out["_label" if "_ID" in value and "_SRC" not in value else "_type"] = value["_LABEL"]
        return out
    if isinstance(value, Decimal) and value == value.to_integral_value():
        # sum() of INT64 is a 128-bit integer, which comes back as a Decimal: an int, as Neo4j gives
        # (no column is DECIMAL; JSON output would otherwise show the number as a string)
        return int(value)
    if isinstance(value, list):
        # LadybugDB lists are typed: when one element is a scalar, all are (band members, signatures),
        # and the list is returned as it is instead of element by element.
        first = next((v for v in value if v is not None), None)
        return [_plain(v) for v in value] if isinstance(first, (dict, list)) else value
    return value


def _runner(conn):
    """A statement runner on one connection, as linking and provenance take it: rows as plain dicts."""
    def run(cypher: str, params: dict) -> list[dict]:
        result = conn.execute(cypher, params)
        columns = result.get_column_names()
        return [dict(zip(columns, (_plain(v) for v in row))) for row in result.get_all()]
    return run
