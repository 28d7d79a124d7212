"""kill -9 in the middle of an ingest, on both stores: only whole documents remain, and running the same
ingest again completes to exactly the graph a clean run gives."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from armsgraph.graph import open_store
from armsgraph.ingest import ExtractOptions, _extracted

ROOT = Path(__file__).resolve().parents[2]
# 19 documents: enough that the kills below land mid-ingest however fast a document is written
CORPUS = [ROOT / "examples" / "articles", *(ROOT / "tests" / "fixtures" / name
                                          for name in ("linking", "corrections", "translation"))]
ARMSGRAPH = Path(sys.executable).parent / "armsgraph"


def _ingest(location: str, group: int = 3) -> subprocess.Popen:
    # ``group`` documents per transaction on the embedded store: with 3, the kills below land inside a
    # group's transaction or between two, while the ingest is still far from done
    return subprocess.Popen([str(ARMSGRAPH), "ingest", *map(str, CORPUS), "--store", location, "--verbose"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "ARMSGRAPH_GROUP_DOCUMENTS": str(group)})


@pytest.fixture(scope="module")
def expected():
    """Claims and mentions per document, and the whole graph of a clean run (the embedded store)."""
    per_source = {}
    for source, result in (item for item in _extracted(CORPUS, ExtractOptions())):
        per_source[result.document.id] = (len(result.claims), sum(len(e.mentions) for e in result.entities))
    return per_source


def _snapshot(store) -> tuple:
    return store.stats(), store.corroboration()


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory):
    """One document per transaction, never killed."""
    location = str(tmp_path_factory.mktemp("clean") / "graph.db")
    assert _ingest(location, group=1).wait(timeout=600) == 0
    with open_store(location) as store:
        return _snapshot(store)


@pytest.mark.parametrize("after_documents,delay", [(1, 0.0), (4, 0.02), (7, 0.05)])
def test_crash_kill_9_mid_ingest_leaves_whole_documents_and_a_rerun_completes(store_location, after_documents,
                                                                             delay, expected, clean_run):
    process = _ingest(store_location)
    stored = 0
    for line in process.stderr:  # "stored s-… (n claims) PATH", one per document once its group commits
        stored += line.startswith("stored ")
        if stored == after_documents:
            break
    time.sleep(delay)  # into the extraction or the transaction of the next group
    process.kill()  # SIGKILL: no cleanup, no rollback by the process itself
    process.wait()
    assert stored == after_documents
    with open_store(store_location) as store:
        documents = store.query(
            "MATCH (s:Source) OPTIONAL MATCH (c:Claim)-[:STATED_IN]->(s) WITH s, count(c) AS claims "
            "OPTIONAL MATCH (:Entity)-[m:MENTIONED_IN]->(s) RETURN s.id AS id, claims, count(m) AS mentions")
        assert after_documents <= len(documents) < len(expected)  # killed mid-ingest
        for row in documents:  # every document there is whole
            assert (row["claims"], row["mentions"]) == expected[row["id"]], row["id"]
        orphans = store.query("MATCH (c:Claim) WHERE NOT EXISTS { MATCH (c)-[:STATED_IN]->(:Source) } "
                              "RETURN count(c) AS n")
        assert orphans == [{"n": 0}]
    assert _ingest(store_location).wait(timeout=600) == 0
    with open_store(store_location) as store:
        assert _snapshot(store) == clean_run
