"""Several documents in one write transaction (``write_group``, as ``ingest`` writes on the embedded store):
the graph of one document per transaction, and a document the store refuses takes no other one with it."""
from __future__ import annotations

from pathlib import Path

import pytest

import armsgraph.extract
import armsgraph.ingest
from armsgraph.errors import InputError, StoreError
from armsgraph.graph import open_store
from armsgraph.graph.base import DocumentToWrite, WriteStats
from armsgraph.graph.documents import prepare_write
from armsgraph.ingest import IngestSummary, ingest_paths

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"


def _graph(store) -> tuple[list, list]:
    nodes = sorted(repr(sorted(node.items(), key=str)) + label for label, node in store.nodes())
    return nodes, sorted(repr(sorted(r.items(), key=str)) for r in store.relationships())


def _refused(result):
    """The document with a claim twice: the store refuses it (the claim's key is taken)."""
    return result.model_copy(update={"claims": [*result.claims, result.claims[0]]})


@pytest.fixture
def one_per_transaction(tmp_path, example_documents):
    with open_store(str(tmp_path / "one.db")) as store:
        for result, text in example_documents:
            assert store.write(result, text=text).created
        return _graph(store), store.stats()


@pytest.mark.parametrize("size", [2, 6])
def test_group_write_gives_the_graph_of_one_document_per_transaction(tmp_path, example_documents, size,
                                                                     one_per_transaction):
    documents = [DocumentToWrite(result, text, prepare_write(result, text)) for result, text in example_documents]
    with open_store(str(tmp_path / "grouped.db")) as store:
        outcomes = []
        for start in range(0, len(documents), size):
            outcomes += store.write_group(documents[start:start + size])
        assert [o.created for o in outcomes] == [True] * len(documents)
        # the same documents again, a group in one transaction: each is found stored by its own write
        again = store.write_group(documents[:2] + documents[:1])
        assert [o.created for o in again] == [False, False, False]
        assert (_graph(store), store.stats()) == one_per_transaction


def test_group_write_a_refused_document_takes_no_other_with_it(tmp_path, example_documents):
    (first, text1), (second, text2), (third, text3) = example_documents[:3]
    with open_store(str(tmp_path / "alone.db")) as alone:
        for result, text in ((first, text1), (third, text3)):
            alone.write(result, text=text)
        expected = _graph(alone), alone.stats()
    with open_store(str(tmp_path / "grouped.db")) as store:
        outcomes = store.write_group([DocumentToWrite(first, text1), DocumentToWrite(_refused(second), text2),
                                      DocumentToWrite(third, text3)])
        assert [type(o) for o in outcomes] == [WriteStats, StoreError, WriteStats]
        assert second.document.id in str(outcomes[1]) and "duplicated primary key" in str(outcomes[1])
        assert (_graph(store), store.stats()) == expected  # the others once each, nothing of the refused one


def test_ingest_reports_a_refused_document_with_its_file_and_stores_the_rest(tmp_path, monkeypatch):
    refused_file = sorted(EXAMPLES.glob("*.txt"))[2]
    extract = armsgraph.extract.extract

    def extract_refusing_one(source, **options):  # the extraction of one file is one the store refuses
        result = extract(source, **options)
        return _refused(result) if Path(source.path) == refused_file else result

    with open_store(str(tmp_path / "plain.db")) as plain:
        plain_outcomes = list(ingest_paths(plain, [EXAMPLES]))
        expected = plain.stats()["nodes"]["Claim"]
    monkeypatch.setattr(armsgraph.extract, "extract", extract_refusing_one)
    monkeypatch.setattr(armsgraph.ingest, "GROUP_SECONDS", 600)  # the examples in one group
    with open_store(str(tmp_path / "grouped.db")) as store:
        assert store.group_size > 1
        summary = IngestSummary()
        outcomes = list(ingest_paths(store, [EXAMPLES]))
        for outcome in outcomes:
            summary.add(outcome)
        assert [getattr(o, "path", None) for o in outcomes] == [o.path for o in plain_outcomes]  # file order
        [failed] = summary.failed
        assert isinstance(failed, InputError) and failed.path == str(refused_file)
        assert "not stored" in failed.reason and "duplicated primary key" in failed.reason
        assert summary.articles == len(plain_outcomes) - 1
        refused = next(o for o in plain_outcomes if o.path == str(refused_file))
        assert store.stats()["nodes"]["Claim"] == expected - refused.claims
