"""Linking across articles, on both stores: propositions, independent origins, duplicates, denials, evidence.

Two corpora: the real example articles (figures the issue states), and small articles written for these
tests (tests/fixtures/linking: a wire story and its syndicated copy with page debris, two articles citing
Beyond Parallel in English and Italian, Beyond Parallel's own report with imagery, a Kremlin denial).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from armsgraph.ingest import ingest_paths

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "tests" / "fixtures" / "linking"


def _proposition(store, type_, subject, object_):
    rows = store.corroboration(subjects=[subject], objects=[object_], type=type_, category="any")
    assert len(rows) == 1, rows
    return rows[0]


def test_linking_example_corpus_iran_russia_claimed_by_us_and_uk_denied_by_both(loaded_store):
    iran_russia = _proposition(loaded_store, "transfer", "iran", "russia")
    assert iran_russia["origins"] == ["United Kingdom", "United States"]
    assert iran_russia["independent_origins"] == 2
    assert iran_russia["denied_by"] == ["Iran", "Russia"]
    assert iran_russia["sources"] == 3 and iran_russia["claims"] > iran_russia["sources"]
    assert iran_russia["modalities"]["denied"] == 2


def test_linking_example_corpus_north_korea_russia_claimed_by_beyond_parallel_and_joint_statement(loaded_store):
    nk_russia = _proposition(loaded_store, "transfer", "north-korea", "russia")
    assert nk_russia["origins"] == ["Beyond Parallel", "European Union"]
    assert nk_russia["denied_by"] == []
    assert nk_russia["observations"] >= 1  # the Tumangang imagery


def _narrower(store, type_, subject, object_) -> dict[str, dict]:
    rows = store.corroboration(subjects=[subject], objects=[object_], type=type_)
    return {r["category"]: r for r in rows if r["category"]}


def test_linking_example_corpus_narrower_propositions_by_materiel_category(loaded_store):
    # Iran → Russia: drones (White House, FCDO) and missiles (the same two), each denied by Iran and Russia,
    # whose denials name no materiel ("any weapons") and so overlap both
    iran_russia = _narrower(loaded_store, "transfer", "iran", "russia")
    assert set(iran_russia) == {"missiles", "uavs_loitering_munitions"}
    for row in iran_russia.values():
        assert row["origins"] == ["United Kingdom", "United States"] and row["denied_by"] == ["Iran", "Russia"]
    # each lists the items of its own category
    assert iran_russia["uavs_loitering_munitions"]["items"] == ["unmanned aerial vehicles"]
    assert "Fath-360" in iran_russia["missiles"]["items"] and "arms" not in iran_russia["missiles"]["items"]
    # North Korea → Russia: munitions by rail (Beyond Parallel) and ballistic missiles (the joint statement)
    # are two things, each with one origin; the pair's own proposition has both
    nk_russia = _narrower(loaded_store, "transfer", "north-korea", "russia")
    assert {c: r["origins"] for c, r in nk_russia.items()} == {"ammunition": ["Beyond Parallel"],
                                                               "missiles": ["European Union"]}
    assert nk_russia["ammunition"]["observations"] >= 1 and nk_russia["missiles"]["observations"] == 0


def test_linking_corroboration_is_sorted_by_independent_origins(loaded_store):
    rows = loaded_store.corroboration()
    counts = [r["independent_origins"] for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert all(1 <= r["credibility"] <= 6 and r["credibility_reason"] for r in rows)


@pytest.fixture
def scenario_store(store):
    outcomes = list(ingest_paths(store, [SCENARIO]))
    assert all(getattr(o, "created", False) for o in outcomes), outcomes
    return store


def test_linking_syndicated_copy_is_a_duplicate_of_the_original(scenario_store):
    rows = scenario_store.query(
        "MATCH (a:Source)-[d:DUPLICATE_OF]->(b:Source) RETURN a.title AS copy, b.title AS original, "
        "d.similarity AS similarity")
    assert [(r["copy"], r["original"]) for r in rows] == [("North Korea ships shells to Russia", "Shells by rail")]
    assert 0.5 <= rows[0]["similarity"] < 1.0


def test_linking_repeats_citations_and_translations_count_once(scenario_store):
    nk_russia = _proposition(scenario_store, "transfer", "north-korea", "russia")
    # six articles; the wire's claim is Seoul's ("officials in Seoul said") and its syndicated copy counts
    # with it, and the two articles citing Beyond Parallel count with Beyond Parallel's own report: two
    # independent origins
    assert nk_russia["sources"] == 6
    assert nk_russia["independent_origins"] == 2
    assert nk_russia["origins"] == ["Beyond Parallel", "South Korea"]
    assert nk_russia["denied_by"] == ["Russia"]
    assert nk_russia["observations"] == 1


def test_linking_origin_of_a_cited_claim_is_recorded_beside_its_claimant(scenario_store):
    rows = scenario_store.query(
        "MATCH (c:Claim)-[:STATED_IN]->(s:Source), (c)-[:ORIGIN]->(o:Entity) "
        "WHERE s.publisher IN ['Example Weekly', 'Esempio Quotidiano', 'Beyond Parallel'] "
        "RETURN s.publisher AS publisher, o.id AS origin ORDER BY publisher")
    assert {r["origin"] for r in rows} == {"beyond-parallel"} and len(rows) == 3


def test_linking_imagery_supports_the_proposition_with_a_reason(scenario_store):
    # offered as evidence for a claim of shells: the pair's proposition and its ammunition one
    rows = scenario_store.query(
        "MATCH (o:Observation)-[s:SUPPORTS]->(p:Proposition) RETURN o.kind AS kind, s.reason AS reason, "
        "p.category AS category ORDER BY category")
    assert sorted((r["kind"], r["category"] or "") for r in rows) == [("satellite_imagery", ""),
                                                                      ("satellite_imagery", "ammunition")]
    assert all("same article" in r["reason"] for r in rows)


def test_linking_provenance_shows_origin_grades_and_proposition(scenario_store):
    claim = scenario_store.claims(entities=["north-korea"], modality="denied")[0]
    answer = scenario_store.provenance(claim.id)
    assert answer.origin == "russia"
    assert answer.proposition is not None and answer.proposition.denied_by == ["Russia"]
    assert answer.proposition.category is None
    assert [(n.category, n.denied_by) for n in answer.narrower] == [("ammunition", ["Russia"])]
    assert answer.claimant_reliability in set("ABCDEF")


def test_linking_reingesting_changes_no_proposition(scenario_store):
    before = scenario_store.corroboration()
    assert all(not getattr(o, "created", True) for o in ingest_paths(scenario_store, [SCENARIO]))
    assert scenario_store.corroboration() == before


def test_linking_timeline_is_oldest_first(scenario_store):
    rows = scenario_store.timeline(["north-korea"])
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates) and rows


def test_linking_supply_network_weights_by_independent_origins(loaded_store):
    network = loaded_store.supply_network()
    assert network["iran"]["russia"]["weight"] == 2
    assert network["north-korea"]["russia"]["weight"] == 2


TRANSLATION = ROOT / "tests" / "fixtures" / "translation"


def test_linking_a_translation_is_linked_to_its_original(store):
    # a wire story and its French translation, written for the test: no word in common, the same content
    outcomes = list(ingest_paths(store, [TRANSLATION]))
    assert all(getattr(o, "created", False) for o in outcomes), outcomes
    rows = store.query("MATCH (a:Source)-[d:DUPLICATE_OF]->(b:Source) RETURN a.language AS copy, "
                       "b.language AS original, d.similarity AS similarity, d.reason AS reason")
    assert [(r["copy"], r["original"]) for r in rows] == [("fr", "en")]
    assert rows[0]["reason"].startswith("translation") and rows[0]["similarity"] >= 0.6


def test_linking_articles_on_one_event_in_two_languages_are_not_translations(store, example_documents):
    # the Italian Tumangan article and the English joint statement both report North Korean arms for Russia
    italian = next(d for d in example_documents if d[0].document.language == "it")
    english = next(d for d in example_documents if "joint-statement" in (d[0].document.path or ""))
    for result, text in (english, italian):
        store.write(result, text)
    assert store.query("MATCH (:Source)-[d:DUPLICATE_OF]->(:Source) RETURN count(d) AS n")[0]["n"] == 0


NARROWER = ROOT / "tests" / "fixtures" / "narrower"


def test_linking_narrower_propositions_do_not_depend_on_the_order_articles_arrive(store):
    # Pyongyang denies selling "any weapons": the denial names no category, so it joins both the shells' and
    # the missiles' propositions, whether it is stored before them, between them or after them
    paths = sorted(NARROWER.glob("*.txt"))

    def summaries(order):
        store.clear()
        for path in order:
            assert getattr(next(iter(ingest_paths(store, [path]))), "created", False)
        return sorted((r["category"] or "", r["claims"], r["sources"], tuple(r["origins"]), tuple(r["denied_by"]))
                      for r in store.corroboration(subjects=["north-korea"], objects=["russia"], type="transfer"))

    orders = [paths, paths[::-1], [paths[1], paths[0], paths[2]]]
    first, *others = [summaries(order) for order in orders]
    assert all(other == first for other in others)
    assert first == [("", 3, 3, ("South Korea", "Ukraine"), ("North Korea",)),
                     ("ammunition", 2, 2, ("South Korea",), ("North Korea",)),
                     ("missiles", 2, 2, ("Ukraine",), ("North Korea",))]


def test_linking_evidence_does_not_depend_on_the_order_articles_arrive(store):
    paths = sorted(SCENARIO.glob("*.txt"))

    def evidence(order):
        store.clear()
        for path in order:
            list(ingest_paths(store, [path]))
        return sorted((r["id"], r["observations"]) for r in store.corroboration())

    forward, backward = evidence(paths), evidence(list(reversed(paths)))
    assert forward == backward and any(n for _, n in forward)
