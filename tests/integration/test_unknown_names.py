"""Names the gazetteer does not know, joined across articles on both stores (tests/fixtures/corrections)."""
from __future__ import annotations

from pathlib import Path

from armsgraph.ingest import ingest_paths
from armsgraph.schema import Correction, Entity
from armsgraph.schema.ids import unknown_entity_id

ARTICLES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "corrections"
COMPANY = unknown_entity_id("Borisov Trading Company", "organization")
ABBREVIATED = unknown_entity_id("Borisov Trading Co.", "organization")


def _ingest(store, *names: str) -> None:
    outcomes = list(ingest_paths(store, [ARTICLES / n for n in names]))
    assert all(getattr(o, "created", False) for o in outcomes), outcomes


def _mentions(store, entity_id: str) -> list[str]:
    rows = store.query("MATCH (e:Entity {id: $id})-[m:MENTIONED_IN]->(:Source) RETURN m.text AS text ORDER BY text",
                       {"id": entity_id})
    return [r["text"] for r in rows]


def test_unknown_names_a_close_spelling_joins_the_stored_entity(store):
    _ingest(store, "01-trader-un.txt", "05-trader-abbreviated.txt")
    assert _mentions(store, COMPANY) == ["Borisov Trading Co.", "Borisov Trading Company"]
    assert store.entity(ABBREVIATED) is None
    [row] = [r for r in store.corroboration(objects=["myanmar"], category="any") if r["subject"] == "Borisov Trading Company"]
    assert row["sources"] == 2 and row["independent_origins"] == 2
    assert [r["id"] for r in store.resolve("borisov trading co.")] == [COMPANY]


def test_unknown_names_other_names_and_other_types_stay_apart(store):
    _ingest(store, "01-trader-un.txt", "02-trader-reuters.txt")
    companies = {r["name"] for r in store.entities(type="organization") if r["id"].startswith("x-")}
    assert companies == {"Borisov Trading Company", "Volga Logistics Company"}
    assert store.entity(unknown_entity_id("Borisov", "person")).type == "person"


def test_unknown_names_a_split_undoes_a_join_for_later_articles_too(store):
    _ingest(store, "01-trader-un.txt", "05-trader-abbreviated.txt")
    other = Entity(id=ABBREVIATED, name="Borisov Trading Co.", type="organization", known=False)
    store.correct(Correction(action="split", target=other, entities=[COMPANY], names=["Borisov Trading Co."]))
    assert _mentions(store, COMPANY) == ["Borisov Trading Company"]
    assert _mentions(store, ABBREVIATED) == ["Borisov Trading Co."]
