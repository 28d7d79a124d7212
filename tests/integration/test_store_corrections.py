"""Researchers' entity corrections on both stores: merge and split, kept across later ingests.

The articles (tests/fixtures/corrections) are written for these tests: a trading company the gazetteer
does not know, named two ways in three articles ("Borisov Trading Company", and its trading name "Volga
Logistics Company", which no spelling rule can tie to it), and a summit report where "Kim" in the second
sentence stands for someone other than Kim Jong Un.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from armsgraph.ingest import ingest_paths
from armsgraph.linking.corrections import CorrectionError
from armsgraph.schema import Correction, Entity
from armsgraph.schema.ids import unknown_entity_id

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "tests" / "fixtures" / "corrections"
COMPANY = unknown_entity_id("Borisov Trading Company", "organization")
VOLGA = unknown_entity_id("Volga Logistics Company", "organization")


def _ingest(store, *names: str) -> None:
    paths = [ARTICLES / name for name in names] if names else [ARTICLES]
    outcomes = list(ingest_paths(store, paths))
    assert all(getattr(o, "created", False) for o in outcomes), outcomes


def _entity(store, entity_id: str) -> Entity:
    found = store.query("MATCH (e:Entity {id: $id}) RETURN e AS e", {"id": entity_id})
    assert found, f"no entity {entity_id}"
    node = found[0]["e"]
    return Entity(id=node["id"], name=node["name"], type=node["type"], wikidata=node.get("wikidata"),
                  known=node.get("known", True))


def _merge_company(store) -> Correction:
    return Correction(action="merge", target=_entity(store, COMPANY), entities=[VOLGA],
                      note="one firm, two spellings")


def _company_supplies_myanmar(store) -> list[dict]:
    return store.corroboration(objects=["myanmar"], type="transfer", category="any")


def _graph_summary(store) -> dict:
    """What a researcher sees: claims with their participants, propositions, entities with mentions."""
    claims = sorted((c.id, c.subject, c.object, c.claimant, tuple(c.items), c.modality) for c in store.claims())
    propositions = sorted((r["id"], r["subject"], r["object"], r["claims"], r["sources"], r["independent_origins"],
                           tuple(r["origins"]), tuple(r["denied_by"]), r["observations"], r["credibility"])
                          for r in store.corroboration())
    entities = sorted((r["id"], r["name"], r["mentions"], r["sources"]) for r in store.entities())
    return {"claims": claims, "propositions": propositions, "entities": entities}


def test_corrections_merge_joins_two_spellings_into_one_proposition(store):
    _ingest(store, "01-trader-un.txt", "02-trader-reuters.txt", "03-summit.txt")
    before = _company_supplies_myanmar(store)
    assert {"Volga Logistics Company", "Borisov Trading Company"} <= {r["subject"] for r in before}
    claim_ids = sorted(c.id for c in store.claims())

    outcome = store.correct(_merge_company(store))

    assert outcome.recorded and outcome.documents == 1  # only the article that named it "Volga"
    company = [r for r in _company_supplies_myanmar(store) if r["subject"] == "Borisov Trading Company"]
    assert len(company) == 1 and not [r for r in _company_supplies_myanmar(store) if r["subject"] == "Volga Logistics Company"]
    assert company[0]["independent_origins"] == 2 and company[0]["origins"] == ["Reuters", "United Nations"]
    # (the Reuters article's "General Borisov said the company had never sold arms to Myanmar" denies it too)
    assert company[0]["sources"] == 2 and company[0]["claims"] == 3 and company[0]["denied_by"] == ["Borisov"]
    assert sorted(c.id for c in store.claims()) == claim_ids  # ids researchers cite do not change
    assert not store.query("MATCH (e:Entity {id: $id}) RETURN e.id AS id", {"id": VOLGA})
    # the merged spelling now finds the entity it became, and provenance names it
    assert [r["id"] for r in store.resolve("Volga Logistics Company")] == [COMPANY]
    reuters_claim = next(c for c in store.claims(entities=[COMPANY]) if c.publisher == "Example Daily")
    assert store.provenance(reuters_claim.id).summary.startswith("Borisov Trading Company")


def test_corrections_apply_to_articles_ingested_later(store):
    _ingest(store, "01-trader-un.txt", "02-trader-reuters.txt")
    store.correct(_merge_company(store))
    _ingest(store, "04-trader-later.txt")  # names it "Volga Logistics Company" again
    assert not store.query("MATCH (e:Entity {id: $id}) RETURN e.id AS id", {"id": VOLGA})
    company = [r for r in _company_supplies_myanmar(store) if r["subject"] == "Borisov Trading Company"]
    assert company[0]["sources"] == 3 and company[0]["independent_origins"] == 3
    again = _merge_company(store)
    assert store.correct(again).recorded is False  # the same correction twice is one record
    assert [c.id for c in store.corrections()] == [again.id]


def test_corrections_recorded_before_ingest_give_the_graph_of_a_correction_after(store_location, tmp_path):
    from armsgraph.graph import open_store

    with open_store(store_location) as store:
        _ingest(store, "01-trader-un.txt", "02-trader-reuters.txt")
        correction = _merge_company(store)
        store.correct(correction)
        corrected_after = _graph_summary(store)
        store.clear()
        store.correct(correction, strict=False)  # e.g. a shared corrections file, loaded into a new store
        _ingest(store, "01-trader-un.txt", "02-trader-reuters.txt")
        assert _graph_summary(store) == corrected_after


def test_corrections_split_moves_only_the_mentions_written_that_way(store):
    _ingest(store, "03-summit.txt")
    target = Entity(id="kim-yo-jong", name="Kim Yo Jong", type="person", known=True)
    warning = next(c for c in store.claims() if c.type == "warning")  # "Kim warned the United States ..."
    assert (warning.subject, warning.claimant) == ("Kim Jong Un", "Kim Jong Un")

    store.correct(Correction(action="split", target=target, entities=["kim-jong-un"], names=["KIM"]))

    claims = {c.type: c for c in store.claims()}
    assert (claims["warning"].subject, claims["warning"].claimant) == ("Kim Yo Jong", "Kim Yo Jong")
    assert claims["meeting"].subject == "Kim Jong Un"  # its sentence names Kim Jong Un in full
    mentions = store.query("MATCH (e:Entity)-[m:MENTIONED_IN]->(:Source) WHERE e.id IN ['kim-jong-un', 'kim-yo-jong'] "
                           "RETURN e.id AS id, m.text AS text ORDER BY id, text")
    assert [(r["id"], r["text"]) for r in mentions] == [("kim-jong-un", "Kim Jong Un"), ("kim-yo-jong", "Kim")]
    keys = store.query("MATCH (e:Entity {id: 'kim-jong-un'}) RETURN e.keys AS keys")[0]["keys"]
    assert "kim jong un" in keys


@pytest.mark.parametrize("names, message", [(["Kim Jong Un", "Jong"], "never mentioned as 'Jong'")])
def test_corrections_split_refuses_a_form_the_entity_is_not_written_in(store, names, message):
    _ingest(store, "03-summit.txt")
    target = Entity(id="kim-yo-jong", name="Kim Yo Jong", type="person")
    with pytest.raises(CorrectionError, match=message):
        store.correct(Correction(action="split", target=target, entities=["kim-jong-un"], names=names))
    assert store.corrections() == []


def test_corrections_merge_refuses_a_person_with_an_organisation(store):
    _ingest(store, "02-trader-reuters.txt")
    person = unknown_entity_id("Borisov", "person")
    before = _graph_summary(store)
    with pytest.raises(CorrectionError, match="only entities of one type are merged"):
        store.correct(Correction(action="merge", target=_entity(store, VOLGA), entities=[person]))
    assert store.corrections() == [] and _graph_summary(store) == before


def test_corrections_merge_refuses_two_wikidata_items(store):
    _ingest(store, "03-summit.txt")
    with pytest.raises(CorrectionError, match="different things"):
        store.correct(Correction(action="merge", target=_entity(store, "united-states"), entities=["north-korea"]))
