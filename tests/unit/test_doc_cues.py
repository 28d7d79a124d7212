"""DocCues and Words: the cue index the rules query by token ranges, and the words read from spaCy's arrays,
checked against reading token by token."""
from pathlib import Path

import pytest
from spacy.attrs import ORTH, SPACY

from armsgraph.extract import build_nlp
from armsgraph.extract.components import _doc_text, _Words
from armsgraph.extract.entities import DocEntities
from armsgraph.extract.sentence import CLAIM_TYPES, DocCues, SentenceView
from armsgraph.extract.words import Words

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"
TEXTS = {
    "en": (EXAMPLES / "01-wh-kirby-iran-uavs-crimea.txt").read_text(encoding="utf-8"),
    "it": (EXAMPLES / "00-tumangan-rail-it.txt").read_text(encoding="utf-8"),
    "ru": "По словам Кирби, КНДР поставила России снаряды; Иран, который продал дроны, это отрицает.",
}


@pytest.fixture(scope="module", params=sorted(TEXTS))
def cues(request):
    text = TEXTS[request.param]
    return DocCues.index(build_nlp(request.param)(text)), text


def test_doc_cues_text_and_words_are_the_documents(cues):
    index, text = cues
    assert index.text == text == index.doc.text
    assert index.texts == [token.text for token in index.doc]


def test_doc_cues_range_queries_agree_with_reading_each_token(cues):
    index, _ = cues
    n = len(index.doc)
    labels = sorted({label for found in index.covering.values() for label in found})
    ranges = [(start, start + width) for start in range(-3, n, 7) for width in (0, 1, 4, 25)]
    for label in labels:
        for start, end in ranges:
            covered = [k for k in range(start, end) if index.has(k, label)]
            assert index.any_in(label, start, end) == bool(covered)
            assert index.first_in(label, start, end) == (covered[0] if covered else None)
            assert index.starts_in(label, start, end) == [k for k in range(start, end)
                                                          if index.starts(k, label) is not None]


def test_doc_cues_trigger_marker_and_boundary_tokens_agree_with_reading_each_token(cues):
    index, _ = cues
    n = len(index.doc)
    claim = [k for k in range(n) if any(label.split(":", 1)[0] in CLAIM_TYPES for label in index.labels(k))]
    assert sorted(index.trigger_tokens) == claim
    assert index.trigger_starts == [k for k in range(n) if any(
        label.split(":", 1)[0] in CLAIM_TYPES for label in index.starts_at(k))]
    assert index.marker_starts == [k for k in range(n) if index.marker_at(k) is not None]
    assert index.boundaries == [k for k in range(n) if any(index.has(k, label) for label in (
        "complementizers", "relatives", "conditionals")) or index.texts[k] in {";", ":"}
        or index.has(k, "clause_prepositions") and index._opens_clause(k)]


def _in_conditional_token_by_token(view, i):
    for j in range(i - 1, view.start - 1, -1):
        if view.cues.has(j, "conditionals"):
            return True
        if view.texts[j] in {",", ";", ":"} or view.cues.has(j, "complementizers"):
            return False
    return False


@pytest.mark.parametrize("language, text", [
    ("en", "If Iran supplies missiles to Russia, if not, the US will act; unless, that is, Iran sells drones."),
    ("it", "Se l'Iran fornisse missili alla Russia, che li userebbe, gli Stati Uniti reagirebbero."),
    ("de", "Wenn Iran Raketen an Russland liefert, dass die USA reagieren, falls Nordkorea Granaten schickt."),
])
def test_doc_cues_in_conditional_agrees_with_reading_back_token_by_token(language, text):
    doc = build_nlp(language)(text)
    index = DocCues.index(doc)
    assert index.tokens_of.get("conditionals")
    for sent in doc.sents:
        view = SentenceView(sent, index, DocEntities([], {}))
        for i in range(sent.start, sent.end + 1):
            assert view.in_conditional(i) == _in_conditional_token_by_token(view, i)


@pytest.mark.parametrize("language, text", [
    *TEXTS.items(), ("en", ""), ("en", "  \n\n A  b\n\nc. "), ("it", "dall'Iran, l’8 settembre:  «ok»"),
])
def test_words_read_from_arrays_are_the_tokens(language, text):
    doc = build_nlp(language)(text)
    words = Words.of(doc)
    assert words.text == doc.text == text and len(words) == len(doc)
    assert [(t.text, t.idx, t.is_punct, t.is_stop, t.is_alpha, t.is_sent_start is True) for t in doc] == list(
        zip(words.texts, words.starts, words.punct, words.stop, words.alpha, words.sent_start))
    lazy = _Words(doc)
    for start in range(len(doc)):
        for end in range(start + 1, min(len(doc), start + 6) + 1):
            span = doc[start:end]
            assert words.char_span(start, end) == (span.start_char, span.end_char)
            assert words.span_text(start, end) == lazy.text(start, end) == span.text
            assert lazy.texts(start, end) == [t.text for t in span]


@pytest.mark.parametrize("language, text", [
    *TEXTS.items(), ("en", ""), ("en", "  \n\n A  b\n\nc. "), ("it", "dall'Iran, l’8 settembre:  «ok»"),
])
def test_doc_text_joined_from_arrays_is_the_documents(language, text):
    doc = build_nlp(language).make_doc(text)
    orths, spaces = doc.to_array([ORTH, SPACY]).T.tolist()  # as line_boundaries reads them
    assert _doc_text(doc.vocab.strings, orths, spaces) == doc.text == text


def test_german_possessives_are_first_person_only_when_they_are():
    # spaCy's German lookup gives every possessive the lemma "mein": a first-person "mein" in the lexicon would
    # make "ihre" ("their") the publisher's "our" and the article the claimant of what it reports
    doc = build_nlp("de")("Sie bauen ihre Zusammenarbeit aus, seine Partner auch; unsere Partner und meine Kollegen.")
    index = DocCues.index(doc)
    marked = [t.text for t in doc if index.has(t.i, "first_person_possessive")]
    assert marked == ["unsere", "meine"]


@pytest.mark.parametrize("language", ["en", "it", "uk"])
def test_mixed_phrases_match_as_spacys_token_matcher_would(language):
    # the cue matcher's own lookup of phrases mixing lemmas and inflected words replaced spaCy's Matcher for speed
    from spacy.matcher import Matcher

    nlp = build_nlp(language)
    mixed = nlp.get_pipe("armsgraph_cues").index.mixed
    matcher = Matcher(nlp.vocab)
    for entries in mixed.by_first.values():
        for words, key in entries:
            matcher.add(key, [[{attr: value} for attr, value in words]])
    text = TEXTS.get(language) or (EXAMPLES / "00-tumangan-rail-it.txt").read_text(encoding="utf-8")
    text += " Міністра оборони України та міністр закордонних справ Польщі провели зустріч."
    doc = nlp(text)
    expected = {(start, end, nlp.vocab.strings[m]) for m, start, end in matcher(doc)}
    assert mixed(doc) == expected
    assert expected  # (each language finds some: the test compares real matches)


@pytest.mark.parametrize("language, text, sentences", [
    # an opening quotation mark starts the sentence it opens, not the one before
    ("en", "Kirby said so. “Iran sent drones.” He added more.", ["Kirby said so.", "“Iran sent drones.”", "He added more."]),
    ("fr", "Il a parlé. « Nous livrons des drones. » Le ministre a confirmé.",
     ["Il a parlé.", "« Nous livrons des drones. »", "Le ministre a confirmé."]),
    # a quote closed after "!" or "?" runs on into the lower-case words after it
    ("en", "“Heavy armour has arrived!” the ministry wrote. Photos followed.",
     ["“Heavy armour has arrived!” the ministry wrote.", "Photos followed."]),
    ("fr", "« Est-ce une livraison ? » a demandé le ministre. Oui.", ["« Est-ce une livraison ? » a demandé le ministre.", "Oui."]),
    # the platform "X." ends its sentence; a designation's period ends its sentence whole
    ("en", "The ministry wrote on X. Photos followed.", ["The ministry wrote on X.", "Photos followed."]),
    ("de", "Vilnius kauft den CV90. Moskau warnt.", ["Vilnius kauft den CV90.", "Moskau warnt."]),
    # ... also after a variant letter behind a slash (not an initial "D.")
    ("ru", "Китай экспортировал беспилотники WJ-600A/D. К такому выводу пришли авторы.",
     ["Китай экспортировал беспилотники WJ-600A/D.", "К такому выводу пришли авторы."]),
    ("en", "It sold the F-16C/D. Then U.S./U.K. forces left.", ["It sold the F-16C/D.", "Then U.S./U.K. forces left."]),
])
def test_sentences_end_where_quotes_platforms_and_designations_end(language, text, sentences):
    assert [s.text for s in build_nlp(language)(text).sents] == sentences
