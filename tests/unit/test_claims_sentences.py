"""The extractor on sentences written for the tests, in every supported language.

Each ``tests/fixtures/sentences/LANG.yaml`` entry is one sentence with the
claims a careful annotator would record (see shared/eval/ANNOTATION.md):
type, participants, claimant and modality, by canonical English name.
"""
from pathlib import Path

import pytest
import yaml

from armsgraph.extract import extract
from armsgraph.reader import make_source

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sentences"
SYMMETRIC = {"negotiation", "agreement", "meeting"}

# Sentences the rules do not get right yet, and why. Strict: a fix makes the test fail until it is listed off.
KNOWN_GAPS = {
    "es-4": "'compró ... a Irán': the source reading of 'a' loses to the reporting frame's 'de Estados Unidos'",
}


def _cases():
    return list(_each_case())


def _each_case():
    for path in sorted(FIXTURES.glob("*.yaml")):
        for number, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")), start=1):
            case_id = f"{path.stem}-{number}"
            marks = [pytest.mark.xfail(reason=KNOWN_GAPS[case_id], strict=True)] if case_id in KNOWN_GAPS else []
            yield pytest.param(path.stem, case, id=case_id, marks=marks)


def _key(claim_type, subject, obj, claimant, modality):
    pair = tuple(sorted((subject, obj))) if claim_type in SYMMETRIC else (subject, obj)
    return (claim_type, *pair, claimant, modality)


def _extracted(language: str, text: str) -> set[tuple]:
    result = extract(make_source(text, {"language": language, "published": "2024-03-01"}, None))
    names = {e.id: e.name for e in result.entities}
    for claim in result.claims:
        assert text[claim.start:claim.end] == claim.quote
    return {_key(c.type, names.get(c.subject), names.get(c.object), names.get(c.claimant), c.modality)
            for c in result.claims}


@pytest.mark.parametrize("language, case", _cases())
def test_claims_sentences(language, case):
    expected = {_key(c["type"], c["subject"], c["object"], c.get("claimant"), c["modality"])
                for c in case["claims"]}
    assert _extracted(language, case["text"]) == expected


def test_goods_named_past_a_contrast_are_not_the_earlier_verbs():
    """A verb naming no goods in its own clause does not take those of the clause a "but" sets against it."""
    text = "Araghchi said Iran had sent engineers to Russia, but insisted that Tehran had not sent drones to Russia."
    result = extract(make_source(text, {"language": "en", "published": "2024-03-01"}, None))
    names = {e.id: e.name for e in result.entities}
    items = {c.modality: sorted(names[i] for i in c.items) for c in result.claims}
    assert items == {"asserted": [], "denied": ["unmanned aerial vehicles"]}
