"""Writes prepared before their transaction (as ``ingest`` does in its worker processes), on the embedded store."""
from __future__ import annotations

import pickle

from armsgraph.graph import open_store
from armsgraph.graph.documents import prepare_write
from armsgraph.graph.ladybug_store import CHECKPOINT_BYTES
from armsgraph.linking.reliability import load_reliability


def _graph(store) -> tuple[list, list]:
    nodes = sorted((label, sorted(node.items(), key=str)) for label, node in store.nodes())
    # a graph is a set: the order a store lists its relationships in depends on how its pages were written
    return [repr(n) for n in nodes], sorted(repr(sorted(r.items(), key=str)) for r in store.relationships())


def test_prepared_writes_give_the_same_graph_as_writes_prepared_in_the_transaction(tmp_path, example_documents):
    with open_store(str(tmp_path / "plain.db")) as plain, open_store(str(tmp_path / "prepared.db")) as prepared:
        for result, text in example_documents:
            plain.write(result, text=text)
            # as sent back by a worker process: the result and its preparation pickled together
            sent, ready = pickle.loads(pickle.dumps((result, prepare_write(result, text))))
            assert ready.result is sent
            assert prepared.write(sent, text=text, prepared=ready).created
        assert _graph(prepared) == _graph(plain)
        assert prepared.stats() == plain.stats()


def test_prepared_write_of_another_result_is_not_used(tmp_path, example_documents):
    (first, text), (second, other_text) = example_documents[:2]
    with open_store(str(tmp_path / "graph.db")) as store:
        stats = store.write(second, text=other_text, prepared=prepare_write(first, text))
        assert stats.source == second.document.id
        assert store.query("MATCH (s:Source) RETURN s.id AS id") == [{"id": second.document.id}]


def test_prepared_write_pickles_without_the_reliability_table(example_documents):
    result, text = example_documents[0]
    ready = pickle.loads(pickle.dumps(prepare_write(result, text)))
    assert ready.article.reliability is load_reliability()


def test_embedded_store_checkpoints_every_few_megabytes(tmp_path):
    with open_store(str(tmp_path / "graph.db")) as store:
        setting = store.query("CALL current_setting('checkpoint_threshold') RETURN *")
        assert [int(v) for v in setting[0].values()] == [CHECKPOINT_BYTES] and CHECKPOINT_BYTES == 4 * 2**20


def test_embedded_store_reopened_during_a_long_write_keeps_every_document(tmp_path, example_documents, monkeypatch):
    """A long writer reopens the embedded store now and then (its page cache fills up otherwise); the graph is
    the one a writer that never reopens makes."""
    from armsgraph.graph import ladybug_store

    with open_store(str(tmp_path / "plain.db")) as plain:
        for result, text in example_documents:
            plain.write(result, text=text)
    monkeypatch.setattr(ladybug_store, "REOPEN_AFTER_WRITES", 2)
    with open_store(str(tmp_path / "reopened.db")) as reopened:
        first_db = reopened._db
        for result, text in example_documents:
            assert reopened.write(result, text=text).created
        assert reopened._db is not first_db  # it did reopen
        with open_store(str(tmp_path / "plain.db")) as plain:
            assert _graph(reopened) == _graph(plain)
