"""The packed lemma table reads spacy-lookups-data exactly as spaCy's own lookup lemmatizer does."""
import random

import pytest
import spacy

from armsgraph.extract.lemma_table import lemma_table
from armsgraph.extract.pipeline import build_nlp

LOOKUP_LANGUAGES = ["en", "it", "fr", "es", "de"]


@pytest.mark.parametrize("language", LOOKUP_LANGUAGES)
def test_same_lemmas_as_spacys_lookup_lemmatizer(language):
    nlp = spacy.blank(language)
    spacy_lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    spacy_lemmatizer.initialize()
    spacy_table = spacy_lemmatizer.lookups.get_table("lemma_lookup")
    ours = lemma_table(language)
    assert len(ours) == len(spacy_table)
    # words of the table (spaCy keeps only their hashes: they come back through the vocabulary of a text)
    # and words it lacks, capitalised and not
    text = ("Gli Stati Uniti forniranno armi; la Russie aurait livré des obus; Deutschland lieferte Panzer; "
            "los misiles fueron entregados; the drones were supplied by Iran; zzqxv Xyzzy 123 ’s")
    doc = nlp.make_doc(text)
    words = [t.text for t in doc] + [t.text.lower() for t in doc] + [t.text.capitalize() for t in doc]
    for word in words:
        token = nlp.make_doc(word)[0]
        assert ours.lemma(word) == spacy_lemmatizer.lookup_lemmatize(token)[0], word
        assert (word in ours) == (word in spacy_table), word


def test_french_entries_are_lists_and_give_their_first_lemma():
    table = lemma_table("fr")
    lists = [(w, v) for w, v in _french_data().items() if isinstance(v, list)]
    assert lists, "the French table gives its lemmas as lists"
    for word, lemmas in random.Random(3).sample(lists, min(200, len(lists))):
        assert table.lemma(word) == lemmas[0]
        assert set(lemmas) <= table.values


def test_pipeline_lemmas_come_from_the_table():
    doc = build_nlp("it")("La Corea del Nord avrebbe fornito munizioni alla Russia.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["fornito"] == lemma_table("it").lemma("fornito") == "fornire"
    assert lemmas["avrebbe"] == "avere"


def _french_data():
    from spacy.util import load_language_data, registry
    return load_language_data(registry.lookups.get("fr")["lemma_lookup"])
