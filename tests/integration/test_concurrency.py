"""Two ingest processes at once: on Neo4j both finish and the graph equals a sequential run; on the
embedded store the second waits for the first (one writer at a time) and then finds everything stored."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from armsgraph.graph import open_store

ROOT = Path(__file__).resolve().parents[2]
# (the narrower scenario: a denial naming no materiel and two claims naming some, which two writers may store
# in either order, the denial joining the narrower propositions either way)
CORPUS = [ROOT / "examples" / "articles", ROOT / "tests" / "fixtures" / "linking", ROOT / "tests" / "fixtures" / "narrower"]
ARMSGRAPH = Path(sys.executable).parent / "armsgraph"


def _ingest(location: str, **env) -> subprocess.Popen:
    return subprocess.Popen([str(ARMSGRAPH), "ingest", *map(str, CORPUS), "--store", location],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **env})


def _snapshot(location: str) -> tuple:
    with open_store(location) as store:
        return store.stats(), store.corroboration()


def test_concurrency_two_ingests_at_once_equal_a_sequential_run(store_location, tmp_path):
    sequential = str(tmp_path / "sequential.db")
    assert _ingest(sequential).wait(timeout=600) == 0
    first, second = _ingest(store_location), _ingest(store_location)
    outputs = [p.communicate(timeout=600) for p in (first, second)]
    assert (first.returncode, second.returncode) == (0, 0), outputs
    stored = [int(out.split(" articles")[0]) for out, _ in outputs]
    assert sum(stored) == 15  # every article stored exactly once, by one process or the other
    assert _snapshot(store_location) == _snapshot(sequential)
