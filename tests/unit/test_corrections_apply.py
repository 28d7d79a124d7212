"""Entity corrections applied to one extraction (pure): merges, splits, chains of merges."""
from __future__ import annotations

import pytest

from armsgraph.linking.corrections import CorrectionError, apply_corrections, check_merge, redirects
from armsgraph.schema import Claim, Correction, Document, Entity, ExtractionResult, Mention, Observation

TEXT = "Acme Arms sold Acme rifles to Ruritania. Acme said so."


def _entity(id_, name, type_="organization", mentions=()):
    return Entity(id=id_, name=name, type=type_, known=False,
                  mentions=[Mention(text=t, start=s, end=s + len(t)) for t, s in mentions])


def _result() -> ExtractionResult:
    entities = [_entity("x-acme-arms", "Acme Arms", mentions=[("Acme Arms", 0), ("Acme", 41)]),
                _entity("x-rifles", "Acme rifles", "materiel", [("Acme rifles", 15)]),
                _entity("x-rifle", "rifles", "materiel", []),
                _entity("ruritania", "Ruritania", "country", [("Ruritania", 30)])]
    claims = [Claim(id="c-1", type="transfer", subject="x-acme-arms", object="ruritania", items=["x-rifles", "x-rifle"],
                    quote=TEXT[:40], start=0, end=40, sentence_start=0, sentence_end=40, extractor="t"),
              Claim(id="c-2", type="transfer", subject="x-acme-arms", object="ruritania", claimant="x-acme-arms",
                    quote=TEXT[41:], start=41, end=len(TEXT), sentence_start=41, sentence_end=len(TEXT),
                    extractor="t")]
    observations = [Observation(id="o-1", kind="photo", site=None, observer="x-acme-arms", quote=TEXT[41:],
                                start=41, end=len(TEXT), extractor="t")]
    return ExtractionResult(document=Document(id="s-1", language="en", sha256="0" * 64), entities=entities,
                            claims=claims, observations=observations, extractor="t")


def _merge(target: Entity, *others: str) -> Correction:
    return Correction(action="merge", target=target.model_copy(update={"mentions": []}), entities=list(others))


def test_corrections_merge_moves_mentions_and_roles_and_keeps_ids():
    kept = _entity("x-rifle", "rifles", "materiel")
    corrected = apply_corrections(_result(), [_merge(kept, "x-rifles")])
    assert [e.id for e in corrected.entities] == ["ruritania", "x-acme-arms", "x-rifle"]
    rifle = next(e for e in corrected.entities if e.id == "x-rifle")
    assert [m.text for m in rifle.mentions] == ["Acme rifles"]
    assert corrected.claims[0].items == ["x-rifle"]  # two items that became one are listed once
    assert [c.id for c in corrected.claims] == ["c-1", "c-2"]


def test_corrections_merge_into_an_entity_the_article_does_not_mention_brings_it_in():
    target = _entity("acme-group", "Acme Group")
    corrected = apply_corrections(_result(), [_merge(target, "x-acme-arms")])
    group = next(e for e in corrected.entities if e.id == "acme-group")
    assert group.name == "Acme Group" and [m.text for m in group.mentions] == ["Acme Arms", "Acme"]
    assert {c.subject for c in corrected.claims} == {"acme-group"} and corrected.claims[1].claimant == "acme-group"
    assert corrected.observations[0].observer == "acme-group"


def test_corrections_split_moves_the_roles_of_sentences_that_use_the_form_only():
    target = _entity("x-acme-person", "Mr Acme", "person")
    split = Correction(action="split", target=target, entities=["x-acme-arms"], names=["acme"])
    corrected = apply_corrections(_result(), [split])
    by_id = {e.id: e for e in corrected.entities}
    assert [m.text for m in by_id["x-acme-arms"].mentions] == ["Acme Arms"]
    assert [m.text for m in by_id["x-acme-person"].mentions] == ["Acme"]
    first, second = corrected.claims
    assert first.subject == "x-acme-arms"                                  # its sentence says "Acme Arms"
    assert (second.subject, second.claimant) == ("x-acme-person", "x-acme-person")  # "Acme said so."
    assert corrected.observations[0].observer == "x-acme-person"


def test_corrections_that_do_not_concern_the_article_leave_it_as_it_is():
    result = _result()
    other = Correction(action="merge", target=_entity("a", "A"), entities=["b"])
    assert apply_corrections(result, [other]) is result


def test_corrections_redirects_follow_chains_of_merges():
    a, b, c = (_entity(i, i.upper()) for i in "abc")
    assert redirects([_merge(b, "a"), _merge(c, "b")]) == {"a": "c", "b": "c"}
    assert redirects([_merge(b, "a"), _merge(a, "b")]) == {"b": "a"}  # merged back: a is itself again


@pytest.mark.parametrize("other, message", [
    ({"id": "kim", "name": "Kim", "type": "person"}, "only entities of one type"),
    ({"id": "ru", "name": "Russia", "type": "country", "wikidata": "Q159"}, "different things"),
    ({"id": "nk", "name": "North Korea", "type": "country"}, "into itself"),
])
def test_corrections_check_merge_refuses_what_cannot_be_one_thing(other, message):
    target = {"id": "nk", "name": "North Korea", "type": "country", "wikidata": "Q423"}
    with pytest.raises(CorrectionError, match=message):
        check_merge(target, [other])
