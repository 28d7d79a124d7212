"""Admiralty grading: the reliability data file, its lookup and validation, and the credibility rules."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from armsgraph.linking.reliability import (
    DATA_FILE,
    GRADES,
    Credibility,
    Origin,
    Reliability,
    credibility,
    load_reliability,
)

GAZETTEER = Path(__file__).resolve().parents[2] / "armsgraph" / "extract" / "data" / "gazetteer"


def O(id_: str, grade: str, modality: str = "asserted", participant: bool = False) -> Origin:  # noqa: N802
    return Origin(id_, grade, modality, participant)


# --- Data file -----------------------------------------------------------------------------------------

def _gazetteer_ids() -> set[str]:
    ids: set[str] = set()
    for path in sorted(GAZETTEER.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if isinstance(entry, dict) and entry.get("id"):
                ids.add(entry["id"])
    return ids


def test_reliability_data_ids_exist_in_gazetteer():
    known = _gazetteer_ids()
    assert known, "no gazetteer ids read"
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    listed = [e["id"] for e in data["entries"] if e.get("id")]
    missing = sorted(set(listed) - known)
    assert not missing, f"ids in reliability.yaml not in the gazetteer: {missing}"


def test_reliability_data_loads_and_every_entry_has_reasoning():
    reliability = load_reliability()
    assert reliability.entries
    for entry in reliability.entries:
        assert entry.grade in GRADES
        assert entry.why.strip()


def test_reliability_default_is_cached():
    assert load_reliability() is load_reliability()


# --- Lookup --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("entity_id, grade", [
    ("united-states", "B"),
    ("united-kingdom", "B"),
    ("russia", "E"),
    ("iran", "E"),
    ("north-korea", "E"),
    ("beyond-parallel", "B"),
    ("conflict-armament-research", "B"),
    ("john-kirby", "B"),
    ("tass", "D"),
    ("kcna", "E"),
])
def test_reliability_grade_by_id(entity_id, grade):
    assert load_reliability().grade(entity_id) == grade


@pytest.mark.parametrize("publisher, grade", [
    ("The White House", "B"),
    ("the white house", "B"),
    ("WHITE HOUSE", "B"),
    ("  The   White House ", "B"),
    ("GOV.UK", "B"),
    ("gov.uk", "B"),
    ("U.S. Department of State", "B"),
    ("state department", "B"),
    ("Reuters", "B"),
    ("associated press", "B"),
    ("AP News", "B"),
    ("kcna", "E"),
])
def test_reliability_grade_by_publisher_alias_case_insensitive(publisher, grade):
    assert load_reliability().grade(publisher=publisher) == grade


@pytest.mark.parametrize("entity_id, publisher", [
    (None, None),
    ("x-unknown", None),
    (None, "Some Blog"),
    ("x-unknown", "Some Blog"),
    ("china", None),
])
def test_reliability_grade_default_f(entity_id, publisher):
    assert load_reliability().grade(entity_id, publisher) == "F"


def test_reliability_grade_entity_before_publisher():
    reliability = load_reliability()
    assert reliability.grade("russia", "Reuters") == "E"        # the entity is listed: its grade wins
    assert reliability.grade("x-unknown", "Reuters") == "B"     # not listed: the publisher's


# --- Validation ----------------------------------------------------------------------------------------

GOOD = {"id": "united-states", "grade": "B", "why": "a reason"}


@pytest.mark.parametrize("entries, message", [
    ([{"id": "nowhere-land", "grade": "G", "why": "x"}], "nowhere-land"),
    ([{"id": "nowhere-land", "grade": "G", "why": "x"}], "unknown grade 'G'"),
    ([{"id": "nowhere-land", "grade": "C"}], "nowhere-land"),
    ([{"id": "nowhere-land", "grade": "C", "why": "  "}], "missing `why`"),
    ([GOOD, dict(GOOD)], "duplicate id 'united-states'"),
    ([{"publisher": "Daily Example", "grade": "C", "why": "x"},
      {"publisher": "Weekly Example", "aliases": ["DAILY example"], "grade": "C", "why": "x"}],
     "duplicate publisher name 'DAILY example'"),
    ([{"publisher": "Daily Example", "grade": "C", "why": "x", "rank": 3}], "Daily Example"),
    ([{"grade": "C", "why": "x"}], "needs an `id` or a `publisher`"),
    ([{"id": "nowhere-land", "aliases": ["Nowhere"], "grade": "C", "why": "x"}], "need a `publisher`"),
])
def test_reliability_bad_data_raises_naming_entry(tmp_path, entries, message):
    path = tmp_path / "reliability.yaml"
    path.write_text(yaml.safe_dump({"entries": entries}), encoding="utf-8")
    with pytest.raises(ValueError) as error:
        load_reliability(path)
    assert message in str(error.value)


def test_reliability_bad_data_not_a_list(tmp_path):
    path = tmp_path / "reliability.yaml"
    path.write_text("- id: russia\n", encoding="utf-8")
    with pytest.raises(ValueError, match="entries"):
        load_reliability(path)


def test_reliability_custom_file_is_read(tmp_path):
    path = tmp_path / "reliability.yaml"
    path.write_text(yaml.safe_dump({"entries": [
        {"id": "example-org", "publisher": "Example Times", "aliases": ["ET"], "grade": "D", "why": "x"},
    ]}), encoding="utf-8")
    reliability = load_reliability(path)
    assert isinstance(reliability, Reliability)
    assert reliability.grade("example-org") == "D"
    assert reliability.grade(publisher="et") == "D"
    assert reliability.grade("united-states") == "F"


def test_reliability_origin_rejects_bad_grade_and_modality():
    with pytest.raises(ValueError, match="grade"):
        Origin("x", "G", "asserted")
    with pytest.raises(ValueError, match="modality"):
        Origin("x", "B", "certain")
    with pytest.raises(ValueError, match="denials"):
        credibility([Origin("x", "B", "denied")], [], 0)


# --- Credibility rules ---------------------------------------------------------------------------------

US, UK, EU = O("united-states", "B"), O("united-kingdom", "B"), O("european-union", "B")
CAR = O("conflict-armament-research", "B")
UA = O("ukraine", "C")
RU_DENIES = O("russia", "E", "denied", participant=True)
IR_DENIES = O("iran", "E", "denied", participant=True)


@pytest.mark.parametrize("origins, denials, evidence, grade, phrase", [
    # 6: nothing can be judged
    ([], [], 0, 6, "no origin can be judged"),
    ([O("source:a1", "F"), O("source:a2", "F")], [], 0, 6, "no origin can be judged"),
    ([O("source:a1", "F")], [RU_DENIES], 0, 6, "no origin can be judged"),          # participant denial ignored
    ([O("source:a1", "F")], [O("source:a2", "F", "denied")], 0, 6, "no origin can be judged"),  # F ignored
    # 5: more counted denials than judged origins, no evidence
    ([O("source:a1", "F")], [O("china", "C", "denied")], 0, 5, "more independent denials"),
    ([UA], [O("x-a", "C", "denied"), O("x-b", "D", "denied")], 0, 5, "more independent denials"),
    # 4: contested (as many counted denials as judged origins)
    ([UA], [O("x-a", "C", "denied")], 0, 4, "at least as many"),
    ([UA], [O("x-a", "C", "denied"), O("x-b", "D", "denied")], 2, 4, "at least as many"),  # evidence: 5 -> 4
    ([US, UK], [O("x-a", "C", "denied"), O("x-b", "C", "denied")], 3, 4, "at least as many"),
    # 1: confirmed
    ([US, UK, EU], [], 0, 1, "3 independent origins graded A–C"),
    ([US, UK], [], 1, 1, "with supporting evidence"),
    ([US, UK], [RU_DENIES, IR_DENIES], 1, 1, "with supporting evidence"),           # participants' denials
    # 2: probably true
    ([US, UK], [], 0, 2, "2 independent origins graded A–C"),
    ([US, UK, EU], [O("x-a", "C", "denied")], 0, 2, "3 independent origins graded A–C"),  # a denial blocks 1
    ([CAR], [], 2, 2, "graded A/B"),
    ([O("united-states", "B", "probable")], [], 1, 2, "graded A/B"),
    # 3: possibly true
    ([UA], [], 0, 3, "asserts it or calls it probable"),
    ([UA], [], 1, 3, "asserts it or calls it probable"),                            # C + evidence stays 3
    ([O("united-states", "B", "probable")], [], 0, 3, "asserts it or calls it probable"),
    ([O("united-states", "B", "probable"), O("united-kingdom", "B", "possible")], [], 0, 3, "calls it probable"),
    ([O("united-states", "B", "possible"), O("united-kingdom", "C", "possible")], [], 0, 3, "call it possible"),
    ([], [], 1, 3, "evidence supports it"),
    ([O("tass", "D")], [], 1, 3, "evidence supports it"),
    ([O("united-states", "B", "possible")], [], 1, 3, "evidence supports it"),
    # 4: doubtful (weak support only)
    ([O("united-states", "B", "possible")], [], 0, 4, "only possible"),
    ([O("tass", "D")], [], 0, 4, "only origins graded D/E"),
    ([O("tass", "D"), O("kcna", "E"), O("source:a", "F")], [], 0, 4, "only origins graded D/E"),
])
def test_reliability_credibility_rules(origins, denials, evidence, grade, phrase):
    result = credibility(origins, denials, evidence)
    assert isinstance(result, Credibility)
    assert result.grade == grade, result.reason
    assert phrase in result.reason
    assert result.reason.startswith(f"{grade} (")


def test_reliability_credibility_reason_names_uncounted_participant_denial():
    reason = credibility([US], [RU_DENIES], 0).reason
    assert "1 participant denial(s) not counted (russia (E))" in reason
    assert "united-states (B)" in reason


def test_reliability_credibility_origin_order_does_not_matter():
    assert credibility([US, UK, UA], [], 1) == credibility([UA, UK, US], [], 1)


# --- Monotonicity --------------------------------------------------------------------------------------

_ids = st.integers(min_value=0, max_value=10_000).map(lambda n: f"x-{n}")
origins_st = st.lists(st.builds(Origin, _ids, st.sampled_from(GRADES),
                                st.sampled_from(("asserted", "probable", "possible"))), max_size=6)
denials_st = st.lists(st.builds(Origin, _ids, st.sampled_from(GRADES), st.just("denied"), st.booleans()),
                      max_size=6)
evidence_st = st.integers(min_value=0, max_value=5)


@settings(max_examples=500)
@given(origins_st, denials_st, evidence_st, st.sampled_from("ABC"))
def test_reliability_adding_reliable_assertion_never_worsens(origins, denials, evidence, grade):
    before = credibility(origins, denials, evidence).grade
    after = credibility([*origins, Origin("x-new", grade, "asserted")], denials, evidence).grade
    assert after <= before


@settings(max_examples=500)
@given(origins_st, denials_st, evidence_st, st.integers(min_value=1, max_value=3))
def test_reliability_adding_evidence_never_worsens(origins, denials, evidence, more):
    assert credibility(origins, denials, evidence + more).grade <= credibility(origins, denials, evidence).grade


@settings(max_examples=500)
@given(origins_st, denials_st, evidence_st, st.sampled_from(GRADES))
def test_reliability_adding_denial_never_improves(origins, denials, evidence, grade):
    before = credibility(origins, denials, evidence).grade
    after = credibility(origins, [*denials, Origin("x-new", grade, "denied")], evidence).grade
    assert after != 1 or before == 1   # a denial never makes anything confirmed
    if before != 6:   # 6 means "cannot be judged": a judged denial can make it judgeable (5 or 4)
        assert after >= before


@settings(max_examples=300)
@given(origins_st, denials_st, evidence_st, st.sampled_from(GRADES))
def test_reliability_participant_denial_changes_nothing(origins, denials, evidence, grade):
    before = credibility(origins, denials, evidence).grade
    after = credibility(origins, [*denials, Origin("x-party", grade, "denied", participant=True)], evidence).grade
    assert after == before


@given(denials_st, evidence_st)
def test_reliability_denials_alone_never_confirm(denials, evidence):
    assert credibility([], denials, evidence).grade >= 3


def test_reliability_credibility_repeated_id_counts_once():
    repeated = [US, O("united-states", "B", "possible"), US]
    assert credibility(repeated, [], 0) == credibility([US], [], 0)
    assert credibility([US, US], [], 1).grade == 2       # one A/B origin with evidence, not two
