"""The embedded store's page cache grows when a write or a checkpoint needs more, instead of failing.

A checkpoint holds every page of a much-named entity's relationships: on a large store it outgrew the
256 MB cache, failed, and left a store that could not be opened. Here a cache far too small for even the
example corpus stands in for that.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import armsgraph.graph.ladybug_store as ladybug_store
from armsgraph.errors import StoreError
from armsgraph.graph import open_store
from armsgraph.ingest import ingest_paths

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"


def _counts(store) -> dict:
    return {row["label"]: row["n"] for row in store.query("MATCH (n) RETURN label(n) AS label, count(*) AS n")}


def _ingest(location: Path) -> tuple[list, dict, int]:
    with open_store(str(location)) as store:
        outcomes = list(ingest_paths(store, [EXAMPLES]))
        return outcomes, _counts(store), store._pool_bytes


def test_a_page_cache_too_small_grows_and_every_document_is_stored_whole(tmp_path, monkeypatch, caplog):
    _, expected, _ = _ingest(tmp_path / "normal.db")
    monkeypatch.setattr(ladybug_store, "BUFFER_POOL_BYTES", 2 * 1024 * 1024)
    monkeypatch.setattr(ladybug_store, "CHECKPOINT_BYTES", 1024 * 1024)
    outcomes, counts, pool = _ingest(tmp_path / "small.db")
    assert [type(o).__name__ for o in outcomes] == ["WriteStats"] * 6
    assert counts == expected
    assert pool > 2 * 1024 * 1024
    assert "a checkpoint needed a larger page cache" in caplog.text


def test_the_page_cache_stops_growing_at_its_limit_with_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(ladybug_store, "BUFFER_POOL_BYTES", 2 * 1024 * 1024)
    monkeypatch.setattr(ladybug_store, "BUFFER_POOL_MAX_BYTES", 2 * 1024 * 1024)
    with pytest.raises(StoreError, match="page cache reached its limit of 2 MB; raise ARMSGRAPH_BUFFER_POOL_MAX_MB"):
        _ingest(tmp_path / "capped.db")


def test_a_larger_checkpoint_setting_is_lowered_to_the_safe_size():
    import os
    import subprocess
    import sys

    code = "from armsgraph.graph.ladybug_store import CHECKPOINT_BYTES; print(CHECKPOINT_BYTES)"
    out = subprocess.run([sys.executable, "-c", code], env={**os.environ, "ARMSGRAPH_CHECKPOINT_MB": "64"},
                         capture_output=True, text=True, check=True)
    assert int(out.stdout) == 4 * 2**20
