"""Roles a sentence leaves out and the sentences just before supply."""
import pytest

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


def test_a_bare_denial_by_a_party_denies_the_claim_just_made():
    text = ("La Corée du Nord a livré des obus à la Russie, selon Washington. Moscou et Pyongyang démentent. "
            "Le Kremlin, lui, n'a ni confirmé ni démenti.")
    result = extract(make_source(text, {"language": "fr", "published": "2024-03-01"}, None))
    denied = {(c.subject, c.object, c.claimant) for c in result.claims if c.modality == "denied"}
    assert denied == {("north-korea", "russia", "russia"), ("north-korea", "russia", "north-korea")}
    for claim in result.claims:
        assert text[claim.start:claim.end] == claim.quote


def test_a_denial_by_an_outsider_denies_nothing():
    text = "Iran sent drones to Russia, officials said. Ukraine rejected the report."
    assert all(c.modality != "denied" for c in
               extract(make_source(text, {"language": "en", "published": "2024-03-01"}, None)).claims)


def test_a_quote_after_a_said_line_runs_on_until_the_publisher_speaks_in_its_own_name():
    text = ("Foreign Secretary David Lammy said:\n\nIran has supplied drones to Russia.\n\n"
            "North Korea has delivered shells to Russia.\n\n"
            "The UK agrees that Belarus has sent trucks to Russia.\n\nIran has sold rifles to Russia.")
    meta = {"language": "en", "published": "2024-03-01", "publisher": "GOV.UK"}
    result = extract(make_source(text, meta, None))
    claimants = [(c.subject, c.claimant) for c in sorted(result.claims, key=lambda c: c.start)]
    # the last paragraph is the release's own voice again: its claimant is null, as the article's own words are
    assert claimants == [("iran", "david-lammy"), ("north-korea", "david-lammy"), ("belarus", "united-kingdom"),
                         ("iran", None)]


@pytest.mark.parametrize("language, text", [
    ("en", "Slovenian Defence Minister Borut Sajovic flew to Berlin. He met Defence Minister Boris Pistorius."),
    ("de", "Der slowenische Verteidigungsminister Borut Sajovic flog nach Berlin. Am Donnerstag traf er "
           "Verteidigungsminister Boris Pistorius."),
    ("it", "Il ministro sloveno Borut Sajovic è volato a Berlino. Ha poi incontrato il ministro Boris Pistorius."),
    ("es", "El ministro esloveno Borut Sajovic viajó a Berlín. Se reunió con el ministro Boris Pistorius."),
])
def test_a_meeting_whose_subject_is_a_pronoun_or_dropped_is_the_last_persons(language, text):
    result = extract(make_source(text, {"language": language, "published": "2024-03-01"}, None))
    names = {e.id: e.name for e in result.entities}
    assert {(c.type, frozenset((names[c.subject], names[c.object]))) for c in result.claims} == {
        ("meeting", frozenset(("Borut Sajovic", "Boris Pistorius")))}


def test_a_pronoun_inside_a_clause_is_not_read_as_the_last_subject():
    # "he" is the one sent to Sofia, not the president the text spoke of before: no meeting is his
    text = ("President Volodymyr Zelensky spoke in Kyiv. Then the president sent Dmytro Kuleba to Sofia, where he "
            "met Kiril Petkov.")
    result = extract(make_source(text, {"language": "en", "published": "2024-03-01"}, None))
    assert all("volodymyr-zelensky" not in (c.subject, c.object) for c in result.claims if c.type == "meeting")


def test_a_headline_in_capitals_with_a_colon_is_no_speaker_turn():
    text = ("INDIA-FRANCIA: FIRMATO CONTRATTO PER 26 RAFALE MARINE\n\n"
            "India e Francia hanno firmato oggi il contratto per la fornitura di 26 caccia Rafale alla Marina "
            "indiana. Lo ha reso noto il ministero della Difesa indiano.")
    result = extract(make_source(text, {"language": "it", "published": "2025-04-28"}, None))
    assert result.claims and {c.claimant for c in result.claims} == {"india-ministry-of-defence"}


def test_a_transcript_turn_gives_its_speaker():
    text = "MR. KIRBY: Iran has supplied drones to Russia.\n\nQ: Thank you."
    result = extract(make_source(text, {"language": "en", "published": "2024-03-01"}, None))
    assert [(c.subject, c.claimant) for c in result.claims] == [("iran", "john-kirby")]
