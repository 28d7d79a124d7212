"""Near-duplicate articles: syndicated wire copy, lightly edited copies, the same text in other page debris.

An article's word 5-shingles are summarised by a MinHash signature, whose
fraction of agreeing positions estimates the Jaccard similarity of two
articles' shingle sets. The signature is cut into LSH bands; each band's key
is stored with the article, so candidate duplicates are found by looking up
equal keys instead of comparing every pair, and `similarity` then confirms.

Everything is derived from hashlib digests and constants in this file, never
from Python's randomised `hash()` or a numpy random stream (whose output may
change between numpy versions): a fingerprint stored today must still match
one computed by another process, machine or release tomorrow.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np

# Estimated Jaccard (of word 5-shingle sets) at or above which two articles are near-duplicates.
# With 5-word shingles, a copy that loses a sentence and has a few words changed keeps ~0.8, and
# the same article wrapped in debris as long as itself still keeps 0.5; two different articles
# on the same event, naming the same parties, share only the odd quoted phrase (< 0.15).
# 0.5 sits in that wide gap, and is ~2 standard errors of the 120-permutation estimate
# (sqrt(J(1-J)/120) = 0.046 at J = 0.5) away from either side.
DUPLICATE_THRESHOLD = 0.5

SHINGLE_WORDS = 5
# LSH: 40 bands of 3 rows (120 permutations). Two articles share at least one band key with
# probability 1 - (1 - J**3)**40:
#   J    0.1    0.2    0.3    0.4    0.5    0.6    0.7
#   P  0.039  0.275  0.665  0.929  0.995  1.000  1.000
# so pairs at the threshold are found 99.5% of the time, while most pairs of unrelated articles
# (J < 0.1) never become candidates. 32x4 would find only 87% of pairs at 0.5; 64x2 would make
# half of all same-topic pairs candidates and store twice the keys.
BANDS = 40
ROWS = 3
PERMUTATIONS = BANDS * ROWS
# Shingle hashes are 32-bit; with a prime just below 2**32 the product a*h + b stays below
# 2**64, so the permutations run exactly in numpy's uint64 without overflow.
_PRIME = 4294967291  # 2**32 - 5


@dataclass(frozen=True)
class Fingerprint:
    """What is kept of an article to find its near-duplicates."""

    signature: tuple[int, ...]  # MinHash signature: PERMUTATIONS minima, empty for a text without words
    bands: tuple[str, ...]  # LSH band keys "bNN-<16 hex>": an equal key makes a candidate pair
    shingles: int  # how many distinct shingles the text had


def _digest(data: bytes, size: int) -> bytes:
    """A stable hash, identical in every process (unlike `hash()`)."""
    return hashlib.blake2b(data, digest_size=size).digest()


def _permutation_coefficients() -> tuple[np.ndarray, np.ndarray]:
    """The fixed (a, b) of each permutation h -> (a*h + b) mod p, a in [1, p), b in [0, p)."""
    def draw(name: str, i: int) -> int:
        return int.from_bytes(_digest(f"armsgraph-minhash-{name}-{i}".encode(), 8), "big")

    a = np.array([1 + draw("a", i) % (_PRIME - 1) for i in range(PERMUTATIONS)], dtype=np.uint64)
    b = np.array([draw("b", i) % _PRIME for i in range(PERMUTATIONS)], dtype=np.uint64)
    return a[:, None], b[:, None]


_A, _B = _permutation_coefficients()


class _Separators(dict):
    """str.translate table: letters, marks and digits stay, everything else becomes a space.

    Decided by Unicode category, so quotes and dashes of every style, other punctuation and
    symbols all separate words alike in any script, while combining marks (Devanagari vowel
    signs, a decomposed accent) stay inside their word. Filled lazily, one entry per character seen.
    """

    def __missing__(self, code: int) -> str:
        char = chr(code)
        kept = char if unicodedata.category(char)[0] in "LMN" else " "
        self[code] = kept
        return kept


_SEPARATORS = _Separators()


def _words(text: str) -> list[str]:
    """Normalised words: NFKC (full-width, ligatures), casefolded, punctuation and symbols dropped."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_SEPARATORS).split()


def _shingles(words: list[str]) -> set[str]:
    """Distinct word n-grams; a text shorter than one shingle is a single shingle of all its words."""
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def _signature(shingles: set[str]) -> tuple[int, ...]:
    """MinHash: under each permutation, the smallest permuted shingle hash (all permutations at once)."""
    hashes = np.fromiter(
        (int.from_bytes(_digest(s.encode(), 4), "big") for s in shingles), dtype=np.uint64, count=len(shingles))
    return tuple(((_A * hashes[None, :] + _B) % _PRIME).min(axis=1).tolist())


def _band_keys(signature: tuple[int, ...], prefix: str = "b", bands: int = BANDS,
               rows_per_band: int = ROWS) -> tuple[str, ...]:
    """One key per band of ``rows_per_band`` values; the band number is part of the key so bands never mix
    (nor do text and content fingerprints: their prefixes differ)."""
    keys = []
    for band in range(bands):
        values = signature[band * rows_per_band:(band + 1) * rows_per_band]
        data = b"".join(value.to_bytes(4, "big") for value in values)
        keys.append(f"{prefix}{band:02d}-{_digest(data, 8).hex()}")
    return tuple(keys)


def fingerprint(text: str) -> Fingerprint:
    """The fingerprint of an article's text; a text without words gets one that matches nothing."""
    shingles = _shingles(_words(text))
    if not shingles:
        return Fingerprint(signature=(), bands=(), shingles=0)
    signature = _signature(shingles)
    return Fingerprint(signature=signature, bands=_band_keys(signature), shingles=len(shingles))


def similarity(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets, 0..1 (0 if either had no words)."""
    if not a.signature or not b.signature:
        return 0.0
    if len(a.signature) != len(b.signature):
        raise ValueError(f"fingerprints of different sizes: {len(a.signature)} and {len(b.signature)}")
    return sum(x == y for x, y in zip(a.signature, b.signature)) / len(a.signature)


def is_near_duplicate(a: Fingerprint, b: Fingerprint) -> bool:
    """Whether two articles are the same text, give or take light edits and surrounding debris."""
    return similarity(a, b) >= DUPLICATE_THRESHOLD


# -- Translations ---------------------------------------------------------------------------------------
# A translation shares no words with its original, but it names the same things, in nearly the same
# numbers, and makes the same claims. Its content — every entity mention, every number and every claim
# (type, participants, modality), each counted ("russia#3" is the third mention of Russia) — is
# fingerprinted like a text. Two articles in different languages whose contents agree this much are
# one article translated: two outlets reporting the same event independently differ in their numbers,
# in whom they quote and in how often they name each party. Measured: a French translation of an
# English wire story (tests/fixtures/linking) 0.83; the closest pair of the example corpus, two White
# House briefings on Iranian drones a month apart, 0.41; any two of its articles in different languages,
# at most 0.20.
TRANSLATION_THRESHOLD = 0.6
MIN_CONTENT_ITEMS = 12  # below this, a short news brief would match any other brief on the same event
# Articles on one event share much of their content (J 0.2-0.4), so content bands are more selective than
# text bands: 24 bands of 5 rows. P(candidate) = 1 - (1 - J**5)**24:
#   J    0.2    0.3    0.4    0.5    0.6    0.7    0.8
#   P  0.008  0.057  0.218  0.532  0.849  0.983  1.000
# so pairs of same-topic articles rarely become candidates, and translations (0.8 and more) always do.
CONTENT_BANDS = 24
CONTENT_ROWS = 5
_NUMBER = re.compile(r"\d+")


def content_items(result, text: str) -> set[str]:
    """What an article says, independent of its language: counted mentions, numbers and claims."""
    counts: dict[str, int] = {}

    def counted(item: str) -> str:
        counts[item] = counts.get(item, 0) + 1
        return f"{item}#{counts[item]}"

    mentions = sorted((m.start, e.id) for e in result.entities for m in e.mentions)
    items = {counted(f"e:{entity_id}") for _, entity_id in mentions}
    items |= {counted(f"n:{int(n)}") for n in _NUMBER.findall(text)}
    items |= {counted(f"c:{c.type}:{c.subject}:{c.object}:{c.modality}") for c in result.claims}
    return items


def content_fingerprint(result, text: str) -> Fingerprint:
    """The fingerprint of an article's content; one with too little content matches nothing."""
    items = content_items(result, text)
    if len(items) < MIN_CONTENT_ITEMS:
        return Fingerprint(signature=(), bands=(), shingles=len(items))
    signature = _signature(items)
    return Fingerprint(signature=signature, bands=_band_keys(signature, "c", CONTENT_BANDS, CONTENT_ROWS),
                       shingles=len(items))
