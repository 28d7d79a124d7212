"""Roles a sentence leaves out and the sentences just before supply."""
from armsgraph.extract import extract
from armsgraph.reader import make_source


def _claims(language: str, text: str) -> set[tuple]:
    result = extract(make_source(text, {"language": language, "published": "2024-03-01"}, None))
    return {(c.type, c.subject, c.object, c.modality) for c in result.claims}


def test_recipient_named_alone_takes_the_supplier_of_items_of_the_same_kind():
    text = ("Iran has supplied ballistic missiles to Russia, officials said. "
            "Russia has received Fath-360 missiles, Blinken said.")
    assert _claims("en", text) == {("transfer", "iran", "russia", "asserted")}


def test_supplier_named_again_without_a_recipient_keeps_the_last_one():
    text = ("Südkorea geht davon aus, dass Nordkorea Russland mit Artilleriegranaten versorgt hat. "
            "Auch ballistische Raketen soll Nordkorea geliefert haben.")
    # both sentences are hedged ("geht davon aus", "soll ... haben"), both name the same recipient
    assert _claims("de", text) == {("transfer", "north-korea", "russia", "probable")}


def test_no_recipient_is_borrowed_across_a_goal_phrase_or_from_far_back():
    text = ("Iran sent drones to Russia. The war went on. Nothing changed. Talks stalled. Weeks passed. "
            "Iran also sold rifles.")
    claims = _claims("en", text)
    assert claims == {("transfer", "iran", "russia", "asserted")}
