"""spacy-lookups-data's lemma table for a language, held packed.

spaCy's own ``Table`` keeps every entry as a Python object: 126–158 MB of memory for the German and Spanish
tables (355,000 and 492,000 words), about 450 MB for the four languages that use one, which an ingest holds
in each process for its whole run. Here the same data are two arrays, each word's 64-bit hash (as spaCy's
``Table`` keys its entries) in sorted order and the index of its lemma, and the distinct lemmas once:
about 13 MB of objects for Spanish (26 MB more process memory, with what loading the data leaves behind). A
word is found by binary search.
"""
from __future__ import annotations

from array import array
from bisect import bisect_left
from functools import lru_cache

import numpy
from spacy.strings import hash_string
from spacy.util import load_language_data, registry


# joins the lemmas of a word the table gives several (French lists them), and the distinct entries
_LEMMA_SEPARATOR, _ENTRY_SEPARATOR = "\x01", "\x00"


class LemmaTable:
    """Word -> lemma, as spaCy's lookup mode reads the table: the first of its lemmas, else the word."""

    def __init__(self, hashes: bytes, positions: bytes, entries: str):
        """``hashes``: the words' hashes in ascending order (``uint64``); ``positions``: the index of each
        one's entry (``uint32``); ``entries``: the distinct entries, joined (see ``_pack``)."""
        # ``array``s, not numpy's: ``bisect`` and item access on them give plain ints, ten times faster
        self._hashes = array("Q", hashes)
        self._positions = array("I", positions)
        lemmas = [entry.split(_LEMMA_SEPARATOR) if _LEMMA_SEPARATOR in entry else (entry,)
                  for entry in entries.split(_ENTRY_SEPARATOR)]
        self._entries = [of_entry[0] for of_entry in lemmas]
        # every lemma the table gives: a word that is one is the base form of its paradigm
        self.values = frozenset(lemma for of_entry in lemmas for lemma in of_entry)

    def _index(self, word: str) -> int | None:
        key = hash_string(word)
        i = bisect_left(self._hashes, key)
        return i if i < len(self._hashes) and self._hashes[i] == key else None

    def __contains__(self, word: str) -> bool:
        return self._index(word) is not None

    def __len__(self) -> int:
        return len(self._hashes)

    def lemma(self, word: str) -> str:
        """The word's first lemma, or the word itself when the table lacks it (spaCy's ``lookup_lemmatize``)."""
        i = self._index(word)
        return word if i is None else self._entries[self._positions[i]]


def _pack(data: dict[str, str | list[str]]) -> tuple[bytes, bytes, str]:
    """The table as three flat objects. The table's own strings all die with ``data``: kept, even a few
    of them would pin the memory the load took (Python frees an arena of small objects only when all of
    its objects are gone), so the kept strings are made afresh from the joined entries."""
    index: dict[str, int] = {}
    positions = numpy.fromiter(
        (index.setdefault(v if isinstance(v, str) else _LEMMA_SEPARATOR.join(v), len(index)) for v in data.values()),
        dtype=numpy.uint32, count=len(data))
    hashes = numpy.fromiter(map(hash_string, data), dtype=numpy.uint64, count=len(data))
    order = numpy.argsort(hashes, kind="stable")
    return hashes[order].tobytes(), positions[order].tobytes(), _ENTRY_SEPARATOR.join(index)


@lru_cache(maxsize=None)
def lemma_table(language: str) -> LemmaTable:
    """The language's ``lemma_lookup`` table from spacy-lookups-data (a ``KeyError`` when it has none)."""
    packed = _pack(load_language_data(registry.lookups.get(language)["lemma_lookup"]))
    return LemmaTable(*packed)
