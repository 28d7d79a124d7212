"""The store contract, run on a real LadybugDB and a real Neo4j: the same answers from both."""
from __future__ import annotations

import pytest

from armsgraph.errors import StoreError
from armsgraph.graph.rows import document_rows


def _expected_counts(documents):
    entities = {e.id for result, _ in documents for e in result.entities}
    return {
        "Source": len(documents), "Entity": len(entities),
        "Claim": sum(len(r.claims) for r, _ in documents),
        "Observation": sum(len(r.observations) for r, _ in documents),
    }


def test_store_write_counts_match_the_extraction(loaded_store, example_documents):
    counts = loaded_store.stats()
    expected = _expected_counts(example_documents)
    assert {k: counts["nodes"][k] for k in ("Source", "Claim", "Observation")} == {
        k: expected[k] for k in ("Source", "Claim", "Observation")}
    # every extracted entity, plus the bodies claims originate from that no article named (the US for Kirby)
    extracted = {e.id for result, _ in example_documents for e in result.entities}
    stored = {r["id"] for r in loaded_store.query("MATCH (e:Entity) RETURN e.id AS id")}
    origins_only = stored - extracted
    assert extracted <= stored and counts["nodes"]["Entity"] == len(stored)
    assert all(loaded_store.query("MATCH (c:Claim)-[:ORIGIN]->(e:Entity {id: $id}) RETURN count(c) AS n",
                                  {"id": i})[0]["n"] for i in origins_only)
    rels = counts["relationships"]
    assert rels["STATED_IN"] == counts["nodes"]["Claim"]
    assert rels["MENTIONED_IN"] == sum(len(e.mentions) for r, _ in example_documents for e in r.entities)
    claim_support = loaded_store.query("MATCH (:Observation)-[s:SUPPORTS]->(:Claim) RETURN count(s) AS n")[0]["n"]
    assert claim_support == sum(len(o.supports) for r, _ in example_documents for o in r.observations)


def test_store_ingesting_the_same_article_again_changes_nothing(loaded_store, example_documents):
    before = loaded_store.stats()
    result, text = example_documents[0]
    again = loaded_store.write(result, text=text)
    assert again.created is False and again.source == result.document.id
    assert loaded_store.stats() == before


def test_store_documents_round_trip_to_the_model(loaded_store, example_documents):
    stored = {result.document.id: (result, text) for result, text in loaded_store.documents()}
    assert set(stored) == {r.document.id for r, _ in example_documents}
    for original, text in example_documents:
        back, back_text = stored[original.document.id]
        assert back_text == text
        assert back.document == original.document
        assert sorted(back.claims, key=lambda c: c.id) == sorted(original.claims, key=lambda c: c.id)
        assert sorted(back.observations, key=lambda o: o.id) == sorted(original.observations, key=lambda o: o.id)
        originals = {e.id: e for e in original.entities}
        for entity in back.entities:
            assert sorted(entity.mentions, key=lambda m: m.start) == sorted(originals[entity.id].mentions,
                                                                              key=lambda m: m.start)


def test_store_provenance_gives_exact_quote_sentence_source_and_evidence(loaded_store, example_documents):
    for result, text in example_documents:
        supported = {c for o in result.observations for c in o.supports}
        for claim in result.claims:
            answer = loaded_store.provenance(claim.id)
            assert answer.claim == claim
            assert text[answer.claim.start:answer.claim.end] == answer.claim.quote
            assert answer.sentence == text[claim.sentence_start:claim.sentence_end]
            assert claim.quote in answer.sentence
            assert answer.source == result.document
            assert (claim.claimant is None) == ("own voice" in answer.summary)
            assert {e.observation.id for e in answer.evidence} == {
                o.id for o in result.observations if claim.id in o.supports}
            assert (claim.id in supported) == bool(answer.evidence)
            assert claim.id not in {r.id for r in answer.related}


def test_store_provenance_lists_the_pairs_latest_claims_first(loaded_store, example_documents):
    """Related claims: the other claims about the same participants (either order, any type), the latest
    first (date, then id, both descending; no date last), cut at ``related_limit`` but all counted."""
    claims = [c for result, _ in example_documents for c in result.claims if c.subject or c.object]
    def parties(c):
        return frozenset(p for p in (c.subject, c.object) if p)
    checked = 0
    for claim in claims:
        others = sorted((c for c in claims if parties(c) == parties(claim) and c.id != claim.id),
                        key=lambda c: (c.when or "", c.id), reverse=True)
        answer = loaded_store.provenance(claim.id, related_limit=2)
        assert answer.related_total == len(others)
        assert [r.id for r in answer.related] == [c.id for c in others[:2]]
        checked += len(others) > 2
    assert checked  # some pairs have more claims than are listed


def test_store_provenance_of_an_unknown_claim_is_a_clear_error(store):
    with pytest.raises(StoreError, match="no claim with id 'c-0000000000000000'"):
        store.provenance("c-0000000000000000")


def test_store_query_refuses_writes_unless_asked(loaded_store):
    with pytest.raises(StoreError, match="read-only unless --write"):
        loaded_store.query("MATCH (e:Entity {id: 'russia'}) SET e.name = 'changed'")
    assert loaded_store.query("MATCH (e:Entity {id: 'russia'}) RETURN e.name AS name") == [{"name": "Russia"}]
    loaded_store.query("MATCH (e:Entity {id: 'russia'}) SET e.name = $name", {"name": "Rossiya"}, write=True)
    assert loaded_store.query("MATCH (e:Entity {id: 'russia'}) RETURN e.name AS name") == [{"name": "Rossiya"}]


def test_store_query_returns_nodes_as_properties_with_their_label(loaded_store):
    rows = loaded_store.query("MATCH (e:Entity {id: $id}) RETURN e AS entity", {"id": "north-korea"})
    assert rows[0]["entity"]["_label"] == "Entity"
    assert rows[0]["entity"]["wikidata"] == "Q423"


def test_store_query_sums_are_plain_integers(loaded_store):
    """LadybugDB's sum of INT64 is 128 bits wide (a Decimal): sums come back as int on both stores."""
    match = "MATCH (:Entity {id: 'north-korea'})-[m:MENTIONED_IN]->(:Source) "
    texts = [r["text"] for r in loaded_store.query(match + "RETURN m.text AS text")]
    [row] = loaded_store.query(match + "RETURN sum(m.endOffset - m.startOffset) AS chars")
    assert row == {"chars": sum(len(t) for t in texts)} and type(row["chars"]) is int and texts
    assert all(type(e["mentions"]) is int for e in loaded_store.entities())


def test_store_write_is_all_or_nothing(store, example_documents, monkeypatch):
    result, text = example_documents[0]
    statements = store.statements

    def failing_last(rows):  # a statement the database rejects, after all the document's real ones
        return statements(rows) + [("MATCH (c:Claim) RETURN c.id +* 1", {})]

    monkeypatch.setattr(store, "statements", failing_last)
    with pytest.raises(StoreError, match=result.document.id):
        store.write(result, text=text)
    monkeypatch.undo()
    assert store.query("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]
    assert store.write(result, text=text).created


@pytest.mark.parametrize("name", ["North Korea", "RPDC", "КНДР", "Corée du Nord", "north-korea", "dprk"])
def test_store_resolve_finds_entities_through_aliases_in_any_language(loaded_store, name):
    assert [e["id"] for e in loaded_store.resolve(name)] == ["north-korea"]


def test_store_claims_filters(loaded_store, example_documents):
    everything = loaded_store.claims()
    assert len(everything) == sum(len(r.claims) for r, _ in example_documents)
    denied = loaded_store.claims(modality="denied")
    assert denied and all(c.modality == "denied" for c in denied)
    transfers = loaded_store.claims(type="transfer", entities=["north-korea"])
    assert transfers and all(c.type == "transfer" and "North Korea" in (c.subject, c.object) for c in transfers)
    # a claim's date, else its source's, must overlap the range; partial dates count for their whole span
    in_2023 = loaded_store.claims(since="2023", until="2023-12-31")
    assert in_2023 and all((c.date or c.published).startswith("2023") for c in in_2023)
    assert {c.id for c in loaded_store.claims(since="2023-08-15", until="2023-08-20")} == {
        c.id for c in in_2023 if (c.date or c.published) in ("2023", "2023-08") or
        "2023-08-15" <= (c.date or c.published) <= "2023-08-20"}


def test_store_entities_search_is_case_and_language_insensitive(loaded_store):
    assert "north-korea" in {e["id"] for e in loaded_store.entities(search="COREA DEL")}
    countries = loaded_store.entities(type="country")
    assert countries and all(e["type"] == "country" for e in countries)
    top = countries[0]
    assert top["mentions"] >= top["sources"] >= 1


def test_store_values_are_parameters_never_spliced(store, example_documents):
    result, text = example_documents[0]
    rows = document_rows(result, text)
    # names, titles, quotes: values that could never be a keyword or property name of the statement
    values = {v for r in [rows.source, *rows.entities, *rows.claims] for v in r.values()
              if isinstance(v, str) and len(v) > 3 and not v.isidentifier()}
    written = store.statements(rows)
    assert written and all("UNWIND $rows" in cypher for cypher, _ in written)
    for cypher, params in written:
        assert all(params[k] for k in params if k.startswith("rows"))
        assert not any(v in cypher for v in values), cypher
