"""Shared fixtures: the example corpus extracted once, and real stores — LadybugDB always, Neo4j when reachable.

Neo4j: ``NEO4J_TEST_URI`` names a server (auth from NEO4J_USERNAME / NEO4J_PASSWORD, none by default);
otherwise ``scripts/neo4j-test-server start`` is tried (needs Java 17 and Maven) and stopped at the end.
When neither works the Neo4j tests skip — unless ``ARMSGRAPH_REQUIRE_NEO4J=1`` (set by ``.ci/run``),
where they fail.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
SERVER_SCRIPT = ROOT / "scripts" / "neo4j-test-server"


@pytest.fixture(scope="session")
def example_documents():
    """(ExtractionResult, text) for every example article, in file order."""
    from armsgraph.ingest import ExtractOptions, _extracted

    documents = []
    for item in _extracted([EXAMPLES], ExtractOptions()):
        assert not isinstance(item, Exception), item
        source, result = item
        documents.append((result, source.text))
    return documents


def _neo4j_unavailable(reason: str):
    if os.environ.get("ARMSGRAPH_REQUIRE_NEO4J") == "1":
        pytest.fail(f"Neo4j is required (ARMSGRAPH_REQUIRE_NEO4J=1) but {reason}")
    pytest.skip(f"no Neo4j: {reason}")


@pytest.fixture(scope="session")
def neo4j_uri(tmp_path_factory):
    uri = os.environ.get("NEO4J_TEST_URI")
    started = False
    if not uri:
        if not (shutil.which("java") and shutil.which("mvn")):
            _neo4j_unavailable("NEO4J_TEST_URI is not set and Java/Maven are not installed to start one")
        # A server of this run's own (its own state dir), so parallel runs never wipe or stop each other's.
        env = {**os.environ, "ARMSGRAPH_NEO4J_STATE": str(tmp_path_factory.mktemp("neo4j-server"))}
        run = subprocess.run([str(SERVER_SCRIPT), "start"], capture_output=True, text=True, timeout=600, env=env)
        if run.returncode != 0 or not run.stdout.strip():
            _neo4j_unavailable(f"scripts/neo4j-test-server start failed: {run.stderr.strip()[-500:]}")
        uri, started = run.stdout.strip().splitlines()[-1], True
    yield uri
    if started:
        subprocess.run([str(SERVER_SCRIPT), "stop"], capture_output=True, timeout=120, env=env)


@pytest.fixture(params=["ladybug", "neo4j"])
def store_location(request, tmp_path):
    """A location for an empty store of each kind (the Neo4j database is wiped first)."""
    if request.param == "ladybug":
        return str(tmp_path / "graph" / "armsgraph.db")
    uri = request.getfixturevalue("neo4j_uri")
    from armsgraph.errors import StoreError
    from armsgraph.graph import open_store

    try:
        with open_store(uri) as store:
            store.clear()
    except StoreError as error:
        _neo4j_unavailable(str(error))
    return uri


@pytest.fixture
def store(store_location):
    from armsgraph.graph import open_store

    with open_store(store_location) as opened:
        yield opened


@pytest.fixture
def loaded_store(store, example_documents):
    for result, text in example_documents:
        assert store.write(result, text=text).created
    return store
