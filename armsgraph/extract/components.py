"""spaCy components: line breaks as sentence boundaries, the cue matcher and the gazetteer matcher.

Each component follows spaCy's shape: ``__call__`` is ``match(doc)`` then
``set_annotations(doc, matches)``; the phrases come from the data files,
loaded when the component is built.  Results live in ``doc._.cues`` and
``doc._.mentions`` as plain tuples, for the pure rule modules to read.
"""
from __future__ import annotations

import re
from typing import NamedTuple

import numpy
from spacy.attrs import LEMMA, ORTH, SENT_START, SPACY
from spacy.errors import Errors
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from armsgraph.extract.dates import month_names
from armsgraph.extract.lemma_table import LemmaTable, lemma_table
from armsgraph.extract.resources import load_gazetteer, load_lexicon
from armsgraph.extract.words import QUOTE_MARKS

if not Doc.has_extension("cues"):
    Doc.set_extension("cues", default=None)
if not Doc.has_extension("mentions"):
    Doc.set_extension("mentions", default=None)

# Languages whose names inflect enough that matching must also go through lemmas.
LEMMA_MATCH_LANGUAGES = {"ru", "uk"}


class Cue(NamedTuple):  # a tuple: documents carry hundreds, and they sort as (start, end, label)
    start: int  # token index
    end: int
    label: str  # e.g. "transfer:give_verbs", "marker:goal", "modality:possible"


class Hit(NamedTuple):  # a tuple, as Cue: a frozen dataclass is slow to make, and a document has dozens
    start: int  # token index
    end: int
    entity: str  # gazetteer id
    form: str  # "name" | "adjective" | "seat" | "genitive" (German "Irans")


# A wire dateline: the place in capitals, a comma, a date (and the agency), a dash: "UNITED NATIONS, April 29 -",
# "МОСКВА, 18 окт —", "MADRID, 12 (EUROPA PRESS) -"; or the place and the agencies in brackets, a dash: "LONDON
# (Reuters) -", "Luxemburg (dpa/AFP) –"; or the place, a date and the agency, a period and a dash: "Madrid, 30
# sep (EFE).-". The place is where the story was filed and the agency who filed it, neither a party to what
# follows.
DATELINE = re.compile(r"^[^\W\d_a-zа-яёіїєґ][^\Wa-zа-яёіїєґ]*(?:[ ./'’-][^\Wa-zа-яёіїєґ]+){0,3}"
                      r"(?:\s*\([^)\n]{1,30}\))?,[^\n\d]{0,25}\d[^\n]{0,40}?\s[-–—]\s"
                      r"|^[^\W\d_a-zа-яёіїєґ][\w.'’-]*(?:[ /][^\W\d_a-zа-яёіїєґ][\w.'’-]*){0,3}"
                      r"\s*\([^)\n]{1,30}\)\s*[-–—]\s"
                      r"|^[^\W\d_a-zа-яёіїєґ][\w'’-]*(?:[ /][^\W\d_a-zа-яёіїєґ][\w'’-]*){0,3}"
                      r",[^\n\d()]{0,25}\d[^\n()]{0,25}\([^)\n]{1,30}\)\.[-–—]\s", re.MULTILINE)


@Language.component("armsgraph_lines")
def line_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: scraped pages put titles, captions and debris on lines of their own;
    so does a wire dateline ("UNITED NATIONS, April 29 - ...").

    Line breaks are tokens of their own (a token's trailing whitespace is a single space at most); they
    are found by their word ids, each distinct word's text looked at once, without a Token per word.
    The boundaries are set in one go: ``Token.is_sent_start`` looks the whole document over for a parse
    at each assignment, quadratic time on a long page of short lines.
    """
    strings = doc.vocab.strings
    orths, spaces = doc.to_array([ORTH, SPACY]).T.tolist()
    breaks = {orth for orth in set(orths) if "\n" in strings[orth]}
    starts = [i + 1 for i, orth in enumerate(orths[:-1]) if orth in breaks]
    text = _doc_text(strings, orths, spaces)
    for match in DATELINE.finditer(text):
        after = doc.char_span(match.end(), len(text), alignment_mode="expand")
        if after is not None and len(after):
            starts.append(after.start)
    quotes = {orth for orth in set(orths) if strings[orth] in QUOTE_MARKS}
    parsed = doc.has_annotation("DEP")  # (a parser's sentences are left as they are)
    if not starts and (parsed or not quotes):
        return doc
    if parsed:
        raise ValueError(Errors.E043)  # as Token.is_sent_start refuses on a parsed document
    values = doc.to_array(SENT_START).view("int64")  # (-1, "not a start", comes back as a uint64)
    if quotes:
        _mend_quote_boundaries(values, orths, spaces, quotes, strings)
    values[starts] = 1
    doc.from_array([SENT_START], values.view("uint64"))
    return doc


OPENING_MARKS = frozenset("«„")  # (French spaces them off: "« Nous livrons »")


def _mend_quote_boundaries(values, orths: list[int], spaces: list[int], quotes: set[int], strings) -> None:
    """The sentencizer leaves an opening quotation mark on the sentence before ('... said. “Heavy armour ...')
    and ends a sentence inside its quote after "!" or "?" ('“... have arrived!” the ministry wrote'): the mark
    opens the next sentence, and a quote closed after "!" or "?" runs on into the lower-case words after it."""
    n = len(orths)
    for i in [i for i, orth in enumerate(orths) if orth in quotes]:
        orth = orths[i]
        opening = strings[orth] in OPENING_MARKS or not spaces[i] and (i == 0 or spaces[i - 1])
        if i + 1 < n and values[i + 1] == 1 and opening and values[i] != 1:
            values[i], values[i + 1] = 1, -1  # an opening mark: «, „, or one attached to the word after it
        elif (i + 1 < n and values[i + 1] == 1 and i > 0 and strings[orths[i - 1]] in ("!", "?")
              and strings[orths[i + 1]][:1].islower()):
            values[i + 1] = -1  # '“... have arrived!” the ministry wrote'


def _doc_text(strings, orths: list[int], spaces: list[int]) -> str:
    """``doc.text`` from the word and space arrays: ``Doc.text`` builds a ``Token`` per word to join them,
    most of what finding the line breaks cost."""
    return "".join([strings[orth] + " " if space else strings[orth] for orth, space in zip(orths, spaces)])


PROPER_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})


class WordLemmatizer:
    """Lemmas from spacy-lookups-data's table (``lookup`` mode, held packed: lemma_table.py) or pymorphy3's
    analysis (``pymorphy3``, through spaCy's lemmatizer), asked once per distinct word.

    Without tags from a statistical pipeline a word's lemma depends on its text alone, so it is kept by word
    id and the document's lemmas are set as one array, without a Token per word.
    """

    def __init__(self, nlp: Language, mode: str):
        self.mode = mode
        self.table: LemmaTable | None = None
        self.lemmatizer = None
        if mode == "lookup":
            self.table = lemma_table(nlp.lang)
        else:
            self.lemmatizer = nlp.create_pipe("lemmatizer", config={"mode": mode, "overwrite": True})
            self.lemmatizer.initialize()
        self.lemmas: dict[int, int] = {}  # word id -> lemma id

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if self.lemmatizer is not None and any(doc.has_annotation(attr) for attr in ("TAG", "POS", "MORPH")):
            return self.lemmatizer(doc)  # tags make pymorphy3's lemma depend on its context (a lookup's never)
        orths = doc.to_array(ORTH).tolist()
        for i, orth in enumerate(orths):
            if orth not in self.lemmas:
                self.lemmas[orth] = doc.vocab.strings.add(self._lemma(doc[i]))
        lemmas = numpy.array([self.lemmas[orth] for orth in orths], dtype=numpy.uint64).reshape(-1, 1)
        return doc.from_array([LEMMA], lemmas)

    @property
    def lemma_values(self) -> frozenset[str]:
        """Every lemma the lookup table gives (empty for pymorphy3, whose lemmas are its own analysis)."""
        return self.table.values if self.table is not None else frozenset()

    def _lemma(self, token: Token) -> str:
        if self.table is not None:
            return self.table.lemma(token.text)
        try:
            lemma = self.lemmatizer.lemmatize(token)[0]
        except ValueError:  # pymorphy3 fails on a character without a Unicode name (an unassigned code point)
            return token.text
        if lemma == token.text and self.mode == "pymorphy3":
            # without part-of-speech tags spaCy keeps a word whose readings have different lemmas as it is
            # ("снимках": снимок or снимка; "Главного": главный or главное): a word that is one of its own
            # lemmas stays ("снимок"); otherwise pymorphy3's likeliest reading
            word = token.text.lower()
            parses = self.lemmatizer._morph.parse(word)
            if token.text.islower():  # a lower-case word is no proper name ("порту": port, not Porto)
                parses = [p for p in parses if not PROPER_GRAMMEMES & p.tag.grammemes] or parses
            if any(p.normal_form == word for p in parses):
                return word
            if parses and parses[0].is_known:
                return parses[0].normal_form
        return lemma


def _pattern_doc(nlp: Language, text: str) -> Doc:
    """A phrase as the tokenizer cuts running text: an elided "dall'" or "l’" is one token only before a word."""
    if text.endswith(("'", "’")):
        return nlp.make_doc(text + "x")[:-1].as_doc()
    return nlp.make_doc(text)


def _lemma_doc(nlp: Language, text: str) -> Doc:
    """A lexicon phrase with lemmas; a word that is itself a lemma of the table keeps itself as its lemma.

    Lookup tables hold a few wrong self-entries (Italian "dire" → "diro", while "dice" → "dire"): the
    phrase must match the lemma its inflected forms get.
    """
    doc = _pattern_doc(nlp, text)
    if "lemmatizer" not in nlp.pipe_names:
        return doc
    lemmatizer = nlp.get_pipe("lemmatizer")
    doc = lemmatizer(doc)
    values = getattr(lemmatizer, "lemma_values", frozenset())
    for token in doc:
        if token.lower_ in values:
            token.lemma_ = token.lower_
    return doc


class _PhraseIndex:
    """Phrases matched on lower-cased text, and for inflecting languages on lemmas too."""

    def __init__(self, nlp: Language, phrases: list[tuple[str, str]], by_lemma: bool, base_forms_only: bool = False):
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.lemma = PhraseMatcher(nlp.vocab, attr="LEMMA") if by_lemma else None
        self.mixed: _MixedPhrases | None = None
        grouped: dict[str, list[str]] = {}
        for phrase, key in phrases:
            grouped.setdefault(key, []).append(phrase)
        # match id -> key, read without a string-store lookup per match
        self.keys = {nlp.vocab.strings.add(key): key for key in grouped}
        for key, texts in grouped.items():
            unique = sorted(set(texts))
            self.lower.add(key, [_pattern_doc(nlp, t) for t in unique])
            if self.lemma is not None:
                docs = [_lemma_doc(nlp, t) for t in unique]
                if base_forms_only:
                    # "avrebbe" (lemma avere) must not make every "ha" a hedge: only entries written as
                    # lemmas stand for all their inflections. In a phrase that mixes the two, each word keeps
                    # its own reading: "міністр оборони" matches "міністра оборони".
                    mixed = [d for d in docs if _mixes_forms(d)]
                    if mixed:
                        self.mixed = self.mixed or _MixedPhrases()
                        self.mixed.add(key, [_word_by_word(d) for d in mixed])
                    docs = [d for d in docs if all(_is_base_form(t) for t in d)]
                if docs:
                    self.lemma.add(key, docs)

    def __call__(self, doc: Doc) -> set[tuple[int, int, str]]:
        keys = self.keys
        found = {(s, e, keys[m]) for m, s, e in self.lower(doc)}
        if self.lemma is not None:
            found |= {(s, e, keys[m]) for m, s, e in self.lemma(doc)}
        if self.mixed is not None:
            found |= self.mixed(doc)
        return found


class _MixedPhrases:
    """Phrases that mix words written as lemmas with inflected ones, each word matched its own way (a lemma by
    lemma, any other word as written), looked up by their first word: spaCy's token Matcher tried every such
    pattern at every token and was nine tenths of the cue matcher's time."""

    def __init__(self) -> None:
        self.by_first: dict[tuple[str, str], list[tuple[tuple[tuple[str, str], ...], str]]] = {}

    def add(self, key: str, patterns: list[list[dict[str, str]]]) -> None:
        for pattern in patterns:
            words = tuple(next(iter(word.items())) for word in pattern)
            self.by_first.setdefault(words[0], []).append((words, key))

    def __call__(self, doc: Doc) -> set[tuple[int, int, str]]:
        found = set()
        n = len(doc)
        lower = [t.lower_ for t in doc]
        lemma = [t.lemma_ for t in doc]
        for i in range(n):
            for first in (("LOWER", lower[i]), ("LEMMA", lemma[i])):
                for words, key in self.by_first.get(first, ()):
                    end = i + len(words)
                    if end <= n and all((lower if attr == "LOWER" else lemma)[j] == value
                                        for j, (attr, value) in zip(range(i + 1, end), words[1:])):
                        found.add((i, end, key))
        return found


def _is_base_form(token: Token) -> bool:
    return token.lemma_.lower() == token.lower_


def _mixes_forms(doc: Doc) -> bool:
    """A phrase with words written as lemmas and words written inflected."""
    base = [_is_base_form(t) for t in doc]
    return any(base) and not all(base)


def _word_by_word(doc: Doc) -> list[dict[str, str]]:
    """A token pattern in which a word written as its lemma matches all its inflections, any other only itself."""
    return [{"LEMMA": t.lemma_} if _is_base_form(t) else {"LOWER": t.lower_} for t in doc]


# Cues matched as written, never by lemma: an "according to" frame does not inflect, and Italian
# "secondo" ("according to") is also the lemma of the ordinal in "una seconda batteria".
AS_WRITTEN = ("reporting:frames",)
TYPE_CUES = ("type_cue:",)


class CueMatcher:
    """Marks the lexicon's cue words: claim triggers, role markers, reporting verbs, hedges."""

    def __init__(self, nlp: Language, language: str):
        lexicon = load_lexicon(language)
        labels = lexicon.cue_labels()
        # where nouns and verbs share a lemma ("shipped" is a form of "ship"), type words are matched as written
        as_written = AS_WRITTEN + (TYPE_CUES if lexicon.data.get("type_cues_as_written") else ())
        phrases = [(phrase, label) for label, words in labels.items() for phrase in words
                   if not label.startswith(as_written)]
        self.index = _PhraseIndex(nlp, phrases, by_lemma=True, base_forms_only=True)
        self.as_written = _PhraseIndex(nlp, [(phrase, label) for label, words in labels.items()
                                             if label.startswith(as_written) for phrase in words],
                                       by_lemma=False)
        self.separable = _separable_stems(labels, lexicon.data.get("separable_particles") or [])
        self.title_heads = tuple(str(w).lower() for w in lexicon.data.get("title_compound_heads") or [])
        self.language = language

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[Cue]:
        found = self.index(doc) | self.as_written(doc)
        if self.separable:
            found |= _split_separable_verbs(doc, self.separable)
        if self.title_heads:
            found |= self._compound_titles(doc, found)
        # "Paris agreed to supply ..., Colonna said": a commitment, not a report; a phrase of intention outranks a
        # reporting verb that is its first word ("agreed that" still reports)
        committed = {start for start, end, label in found if label == "intention" and end - start > 1}
        if committed:
            found = {cue for cue in found if not (cue[2] == "reporting:verbs" and cue[0] in committed)}
        # a relative pronoun opening a sentence has nothing before it to relate to: "Dessen Chef sagte" is "its head"
        found = {cue for cue in found if not (cue[2] == "relatives" and doc[cue[0]].is_sent_start)}
        # "on May 7": a capitalised month inside a sentence is no hedge ("may")
        found = {cue for cue in found if not (cue[2].startswith("modality:") and cue[1] - cue[0] == 1
                                              and self._month_name(doc[cue[0]]))}
        return list(map(Cue._make, sorted(found)))

    def _compound_titles(self, doc: Doc, found: set) -> set:
        """Capitalised compounds ending in a title ("Rüstungskontrollexperte", "Bundesverteidigungsminister")."""
        titled = {start for start, _, label in found if label == "titles"}
        heads = self.title_heads
        return {(t.i, t.i + 1, "titles") for t in doc if t.i not in titled and t.text[:1].isupper()
                and t.lower_.endswith(heads) and t.lower_ not in heads}

    def _month_name(self, token: Token) -> bool:
        return (token.text[:1].isupper() and not token.is_sent_start
                and token.text.casefold() in month_names(self.language))

    def set_annotations(self, doc: Doc, cues: list[Cue]) -> Doc:
        doc._.cues = cues
        return doc


# A split separable verb stands at most this many tokens before its particle ("wies die Vorwürfe als
# haltlos zurück"); further apart, the particle is more likely a preposition of another phrase.
SEPARABLE_REACH = 12
_CLAUSE_ENDS = {",", ";", ":", ".", "!", "?", "—", "–", "(", ")", "\n"}


def _separable_stems(labels: dict[str, list[str]], particles: list[str]) -> dict[tuple[str, str], set[str]]:
    """(stem, particle) -> labels of the lexicon's one-word infinitives with a separable particle:
    "zurückweisen" gives ("weisen", "zurück"), so "weist ... zurück" is read as "zurückweisen"."""
    out: dict[tuple[str, str], set[str]] = {}
    for label, words in labels.items():
        for word in words:
            if " " in word or not word.islower():
                continue
            for particle in particles:
                stem = word[len(particle):]
                if word.startswith(particle) and len(stem) >= 4 and stem.endswith("en"):
                    out.setdefault((stem, particle), set()).add(label)
    return out


def _split_separable_verbs(doc: Doc, stems: dict[tuple[str, str], set[str]]) -> set[tuple[int, int, str]]:
    """German main clauses put a separable verb's particle at the clause end ("Der Kreml weist die
    Vorwürfe zurück", "lehnt eine Lieferung ab"): the finite stem is marked with the infinitive's labels
    when its particle closes the same clause."""
    by_stem: dict[str, list[str]] = {}
    for stem, particle in stems:
        by_stem.setdefault(stem, []).append(particle)
    found: set[tuple[int, int, str]] = set()
    n = len(doc)
    for i in range(n):
        token = doc[i]
        options = by_stem.get(token.lemma_.lower()) or by_stem.get(token.lower_)
        if not options:
            continue
        stem = token.lemma_.lower() if token.lemma_.lower() in by_stem else token.lower_
        for j in range(i + 1, min(n, i + 1 + SEPARABLE_REACH)):
            text = doc[j].text
            if text in _CLAUSE_ENDS or doc[j].is_sent_start:
                break
            closes = j + 1 >= n or doc[j + 1].text in _CLAUSE_ENDS or doc[j + 1].is_sent_start or doc[
                j + 1].lower_ in ("und", "oder")
            if text.lower() in options and closes:
                found |= {(i, i + 1, label) for label in stems[(stem, text.lower())]}
                break
    return found


def _case_rule(alias: str) -> str:
    """How strictly an alias must match the text's letter case.

    Short all-capital forms (US, UK, EU, DoD, ROK) are words of their own only
    in that case ("us" is a pronoun); capitalised names must start with a
    capital in the text too ("Chad", "Turkey"); lower-case aliases (adjectives
    in most languages, generic materiel) match in any case.
    """
    letters = [c for c in alias if c.isalpha()]
    if letters and len(alias) <= 5 and sum(c.isupper() for c in letters) >= 2:
        return "exact"
    if letters and letters[0].isupper():
        return "capital"
    return "any"


def _capitals_agree(words: list[str], pattern: str) -> bool:
    if len(pattern) != len(words):
        return words[0][:1].isupper()  # matched through lemmas with another token count: the first letter
    return all(word[:1].isupper() for word, flag in zip(words, pattern) if flag == "1")


class _Words:
    """A document's words looked up on demand from its token array, without a Token object per word."""

    def __init__(self, doc: Doc):
        self.strings = doc.vocab.strings
        self.rows = doc.to_array([ORTH, SPACY]).tolist()

    def texts(self, start: int, end: int) -> list[str]:
        return [self.strings[orth] for orth, _ in self.rows[start:end]]

    def text(self, start: int, end: int) -> str:
        """``doc[start:end].text``: the words and the spaces between them."""
        texts = self.texts(start, end)
        spaces = [" " if space else "" for _, space in self.rows[start:end - 1]] + [""]
        return "".join(word + space for word, space in zip(texts, spaces))


def _longest_first(hits: list[Hit]) -> list[Hit]:
    """Overlapping hits resolved as ``spacy.util.filter_spans`` does (the first longest wins), without
    building a labelled ``Span`` for each."""
    kept: list[Hit] = []
    seen: set[int] = set()
    for hit in sorted(hits, key=lambda h: (h.end - h.start, -h.start), reverse=True):
        if hit.start not in seen and hit.end - 1 not in seen:
            kept.append(hit)
            seen.update(range(hit.start, hit.end))
    return sorted(kept, key=lambda h: h.start)


class GazetteerMatcher:
    """Finds the gazetteer's names, adjectives and seats of government in a document."""

    def __init__(self, nlp: Language, language: str):
        self.gazetteer = load_gazetteer()
        phrases = []
        for text, entity_id, form in self.gazetteer.aliases_for(language):
            rule = _case_rule(text)
            if rule == "capital":
                # which words the name capitalises: "Le Monde" must not match "Le monde est ..."
                rule += ":" + "".join("1" if t.text[:1].isupper() else "0" for t in nlp.make_doc(text))
            phrases.append((text, f"{entity_id}|{form}|{rule}"))
        self.index = _PhraseIndex(nlp, phrases, by_lemma=language in LEMMA_MATCH_LANGUAGES)
        self.exact = {text for text, _, _ in self.gazetteer.aliases_for(language) if _case_rule(text) == "exact"}
        # "Patriot-Abfangraketen", "US-Regierung", "Nato-Staaten": a compound's hyphenated head names the thing
        self.compound_heads: dict[str, str] = {}
        # ... and after a calibre, a materiel word ending it names what it is: "240-Millimeter-Mehrfachraketenwerfer"
        self.compound_tails: dict[str, str] = {}
        if load_lexicon(language).data.get("hyphen_compounds"):
            for text, entity_id, form in self.gazetteer.aliases_for(language):
                if form == "name" and text[:1].isupper() and " " not in text:
                    self.compound_heads.setdefault(text, entity_id)
                    if self.gazetteer[entity_id].type == "materiel" and "-" not in text:
                        self.compound_tails.setdefault(text, entity_id)
        # match key -> (entity id, form, case rule, which words the name capitalises), split once
        self.rules: dict[str, tuple[str, str, str, str]] = {}
        for key in self.index.keys.values():
            entity_id, form, rule = key.split("|")
            rule, _, capitals = rule.partition(":")
            self.rules[key] = (entity_id, form, rule, capitals)

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[Hit]:
        found = []
        words = _Words(doc)
        for start, end, key in sorted(self.index(doc)):  # sorted: the same text always resolves the same way
            entity_id, form, rule, capitals = self.rules[key]
            if rule == "exact" and words.text(start, end) not in self.exact:
                continue
            if rule == "capital" and not _capitals_agree(words.texts(start, end), capitals):
                continue
            found.append(Hit(start, end, entity_id, form))
        compounds = self._compounds(words, found)
        starts = {h.start for h in found}
        # a compound right before a name qualifies that name, as an adjective would: "der US-Sender CNN" is CNN,
        # an American outlet; "die TKMS-Tochter Atlas Elektronik" is Atlas Elektronik
        found += [Hit(h.start, h.end, h.entity, "adjective") if h.end in starts else h for h in compounds]
        if not self.compound_heads:  # (then there were no compounds: ``starts`` holds every hit's start)
            # (a known person so joined is one of a pair: "il vertice Putin-Kim")
            found = [h for h in found if self.gazetteer[h.entity].type == "person"
                     or not self._inside_hyphenated_name(words, h, starts)]
        # a text that is both a name and an adjective of one entry ("Ucraina" / "ucraina") is the name when
        # capitalised: the languages where the two coincide write adjectives in lower case
        found.sort(key=lambda h: h.form == "adjective" and words.text(h.start, h.end)[:1].isupper())
        return _longest_first(found)

    @staticmethod
    def _inside_hyphenated_name(words: "_Words", hit: Hit, starts: set[int]) -> bool:
        """"la base de Bamako-Sénou": a name joined by a hyphen, no space either side, to a capitalised word
        the gazetteer does not know is the start of a longer name, not Mali's capital ("Russia-Ukraine",
        both known, stays two names; German compounds are read by ``_compounds``)."""
        i = hit.end
        if i + 1 >= len(words.rows) or words.rows[i - 1][1] or words.rows[i][1]:
            return False
        if words.strings[words.rows[i][0]] != "-":
            return False
        tail = words.strings[words.rows[i + 1][0]]
        return tail[:1].isupper() and tail[:1].isalpha() and i + 1 not in starts

    def _compounds(self, words: "_Words", found: list[Hit]) -> list[Hit]:
        if not self.compound_heads:
            return []
        covered = {k for h in found for k in range(h.start, h.end)}
        hits = []
        for i, (orth, _) in enumerate(words.rows):
            text = words.strings[orth]
            if "-" not in text or i in covered:
                continue
            parts = text.split("-")
            for n in range(len(parts) - 1, 0, -1):  # the longest head first: "IRIS-T-Systeme" is IRIS-T
                entity_id = self.compound_heads.get("-".join(parts[:n]))
                if entity_id is not None and parts[n][:1].isupper():
                    hits.append(Hit(i, i + 1, entity_id, "name"))
                    break
            else:
                entity_id = self.compound_tails.get(parts[-1]) if parts[0][:1].isdigit() else None
                if entity_id is not None:  # (only after a calibre: "Schahed-Drohnen" may be a name's compound)
                    hits.append(Hit(i, i + 1, entity_id, "name"))
        return hits

    def set_annotations(self, doc: Doc, hits: list[Hit]) -> Doc:
        doc._.mentions = hits
        return doc


@Language.factory("armsgraph_lemmas", default_config={"mode": "lookup"})
def make_word_lemmatizer(nlp: Language, name: str, mode: str) -> WordLemmatizer:
    return WordLemmatizer(nlp, mode)


@Language.factory("armsgraph_cues", default_config={"language": "en"})
def make_cue_matcher(nlp: Language, name: str, language: str) -> CueMatcher:
    return CueMatcher(nlp, language)


@Language.factory("armsgraph_gazetteer", default_config={"language": "en"})
def make_gazetteer_matcher(nlp: Language, name: str, language: str) -> GazetteerMatcher:
    return GazetteerMatcher(nlp, language)
