"""graph/rows.py: pure model → rows → model, no database."""
from __future__ import annotations

from armsgraph.graph import rows as R
from armsgraph.graph.provenance import describe
from armsgraph.schema import Claim, Document, Entity, ExtractionResult, Observation

DOC = Document(id="s-000000000001", language="en", sha256="0" * 64, title="T", published="2023-10-06")


def _result() -> ExtractionResult:
    entities = [
        Entity(id="north-korea", name="North Korea", type="country", wikidata="Q423", aliases=["DPRK", "RPDC"],
               mentions=[{"text": "Pyongyang", "start": 0, "end": 9}]),
        Entity(id="russia", name="Russia", type="country", mentions=[{"text": "Moscow", "start": 20, "end": 26}]),
        Entity(id="artillery-shells", name="artillery shells", type="materiel", category="ammunition",
               mentions=[{"text": "shells", "start": 12, "end": 18}]),
        Entity(id="rockets", name="rockets", type="materiel", mentions=[{"text": "rockets", "start": 30, "end": 37}]),
    ]
    claim = Claim(id="c-1", type="transfer", subject="north-korea", object="russia",
                  items=["rockets", "artillery-shells"], claimant=None, modality="probable", when="2023-09",
                  when_precision="month", quote="Pyongyang sent shells to Moscow", start=0, end=26,
                  sentence_start=0, sentence_end=40, trigger="sent", extractor="test/1")
    observation = Observation(id="o-1", kind="satellite_imagery", site=None, observer="unknown-id",
                              counts=[{"what": "freight cars", "count": 73}], caveats=["tarps"],
                              supports=["c-1"], quote="imagery", start=41, end=48, extractor="test/1")
    return ExtractionResult(document=DOC, entities=entities, claims=[claim], observations=[observation],
                            extractor="test/1")


def test_rows_are_deterministic_and_keep_roles_to_known_entities_only():
    first, second = R.document_rows(_result(), "text"), R.document_rows(_result(), "text")
    assert first == second
    assert first.claim_roles == {"SUBJECT": [{"claim": "c-1", "entity": "north-korea"}],
                                 "OBJECT": [{"claim": "c-1", "entity": "russia"}]}
    assert [(i["entity"], i["position"]) for i in first.items] == [("rockets", 0), ("artillery-shells", 1)]
    assert first.observation_roles == {}  # the observer id names no entity of the document
    assert first.supports == [{"observation": "o-1", "claim": "c-1", "reason": R.SAME_ARTICLE, "position": 0}]
    assert first.observations[0]["countWhat"] == ["freight cars"] and first.observations[0]["countValue"] == [73]


def test_rows_lookup_keys_are_normalised_names_aliases_and_mention_forms():
    keys = R.lookup_keys(_result().entities[0])
    assert keys == ["dprk", "north korea", "pyongyang", "rpdc"]


def test_rows_round_trip_claims_and_observations():
    result = _result()
    rows = R.document_rows(result)
    claim = R.claim_from_row(rows.claims[0], {"subject": "north-korea", "object": "russia",
                                              "items": ["rockets", "artillery-shells"]})
    assert claim == result.claims[0]
    observation = R.observation_from_row(rows.observations[0], {"observer": "unknown-id", "supports": ["c-1"]})
    assert observation == result.observations[0]
    assert R.document_from_row(rows.source) == DOC


def test_describe_reads_the_claim_in_words():
    names = {"north-korea": "North Korea", "russia": "Russia", "rockets": "rockets",
             "artillery-shells": "artillery shells", "un": "UN"}
    claim = _result().claims[0]
    assert describe(claim, names) == ("North Korea supplies Russia with rockets, artillery shells "
                                      "(probable; in the article's own voice; 2023-09)")
    denied = claim.model_copy(update={"modality": "denied", "claimant": "un", "when": None})
    assert describe(denied, names) == ("North Korea supplies Russia with rockets, artillery shells "
                                       "(denied; according to UN)")


def test_ids_of_things_held_by_the_million_have_64_bits():
    from armsgraph.schema import ids

    assert len(ids.claim_id("s-1", 0, 5, "transfer", "iran", "russia", None, "asserted")) == 2 + 16
    assert len(ids.observation_id("s-1", 0, 5, "satellite_imagery", "rajin-port")) == 2 + 16
    assert len(ids.unknown_entity_id("Angara", "vessel")) == 2 + 16
    assert len(ids.proposition_id("transfer", "iran", "russia")) == 2 + 10
