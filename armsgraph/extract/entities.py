"""Entities of one document: gazetteer hits, unknown proper names, and in-document coreference.

Pure logic over a processed spaCy ``Doc`` (``doc._.mentions`` and ``doc._.cues``
set by the components).  Unknown names are kept — a new vessel or official
matters to researchers — typed from cue words around them, and linked to a
gazetteer entry by rapidfuzz only when the spelling is close and the type
agrees.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import accumulate
from collections.abc import Callable
from functools import lru_cache
from typing import get_args
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from spacy.tokens import Doc

from armsgraph.extract.dates import calendar_names, is_calendar_word
from armsgraph.extract.institutions import StatesBeside, institution_spans
from armsgraph.extract.morphology import MORPHOLOGY_LANGUAGES
from armsgraph.extract.resources import Gazetteer, load_lexicon
from armsgraph.extract.words import Words
from armsgraph.schema.ids import normalise_name, unknown_entity_id
from armsgraph.schema.models import ClaimType

# cue labels of claim words ("sanction:nouns"), by their claim type's prefix
CLAIM_LABEL_PREFIXES = tuple(f"{t}:" for t in get_args(ClaimType))

ACTOR_TYPES = {"country", "organization", "person"}
ITEM_TYPES = {"materiel", "commodity"}
NAME_CONNECTORS = {"of", "de", "di", "del", "della", "von", "van", "der", "bin", "al", "al-", "-", "&", "la", "le",
                   "де", "ван", "фон", "дер", "ла", "ле"}  # Cyrillic: "Барт де Вевер", "Урсула фон дер Ляйен"
# words joining the parts of a body's name once a word naming a body has been read ("Institute for ...")
BODY_CONNECTORS = {"for", "für", "per", "pour", "para", "on", "dei", "degli", "delle", "des", "du", "und", "and", "y", "e", "et"}
FUZZY_LINK_SCORE = 92
OPENING_QUOTES = {"«", "\"", "“", "„", "'", "‘"}
# Labels of statistical NER models (``--model``) mapped to ours.
NER_LABELS = {"PERSON": "person", "PER": "person", "ORG": "organization", "GPE": "location", "LOC": "location",
              "FAC": "location", "NORP": "other", "PRODUCT": "materiel"}


@dataclass
class EntityMention:
    start: int  # token indices
    end: int
    entity: str
    form: str  # "name" | "adjective" | "seat" | "genitive" | "coref" | "title"
    type: str


@dataclass
class EntityInfo:
    id: str
    name: str
    type: str
    wikidata: str | None = None
    known: bool = True
    category: str | None = None
    family: str | None = None
    kind: str | None = None
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    adjective: str | None = None  # English, for a state: what names a group of its ("Serbian media")


@dataclass
class DocEntities:
    mentions: list[EntityMention]
    info: dict[str, EntityInfo]

    starts: list[int] = field(default_factory=list)  # token starts of the mentions, sorted with them

    def __post_init__(self) -> None:
        self.starts = [m.start for m in self.mentions]


def _cue_tokens(doc: Doc, prefix: str) -> dict[int, int]:
    """start token -> end token of cues whose label starts with ``prefix``."""
    out: dict[int, int] = {}
    for cue in doc._.cues or []:
        if cue.label.startswith(prefix):
            out[cue.start] = max(out.get(cue.start, 0), cue.end)
    return out


PLACE_WORD_GAP = 2  # words between a place word and the capital it governs ("the port of Conakry")


def _capitals_named_as_places(places: dict[int, int], words: Words,
                               mentions: list[EntityMention]) -> list[EntityMention]:
    """A capital beside a place word is the city, not its government: "the port of Conakry", "Mogadishu
    airport", "l'aéroport de Bamako". Its gazetteer hit goes, and the name is kept as a place of its own (an
    unknown name typed by that word), where observations find their sites. ``places``: the place words' cues."""
    if not places:
        return mentions
    place_ends = set(places.values())
    kept = []
    for m in mentions:
        if m.form == "seat" and (m.end in places or any(
                m.start - gap in place_ends and all(words.stop[k] for k in range(m.start - gap + 1, m.start))
                for gap in range(1, PLACE_WORD_GAP + 1))):
            continue
        kept.append(m)
    return kept


def find_entities(doc: Doc, gazetteer: Gazetteer, language: str,
                  is_common_word: Callable[[str], bool], words: Words | None = None) -> DocEntities:
    words = words or Words.of(doc)
    info: dict[str, EntityInfo] = {}
    mentions: list[EntityMention] = []
    for hit in doc._.mentions or []:
        entry = gazetteer[hit.entity]
        if entry.id not in info:
            info[entry.id] = _info_from_entry(entry, language)
        mentions.append(EntityMention(hit.start, hit.end, entry.id, hit.form, entry.type))
    places = _cue_tokens(doc, "type_cue:location")
    mentions = _capitals_named_as_places(places, words, mentions)
    body_words = {i for s, e in _cue_tokens(doc, "type_cue:organization").items() for i in range(s, e)}
    name_ends = {e - 1 for e in _cue_tokens(doc, "legal_forms").values()}
    is_name = _name_words(words)
    title_case_names = bool(load_lexicon(language).data.get("title_case_names"))
    if title_case_names:
        # (a city or a state opens a site's name too: "Aden Adde International Airport", "Cairo West Air Base")
        site_words = {i for s, e in places.items() for i in range(s, e)
                      if words.texts[i][:1].isupper()}
        named_after = {m.entity for m in mentions if m.type == "country" or info[m.entity].kind in NAMING_PLACES}
        mentions = _places_opening_body_names(is_name, mentions, body_words, set(_cue_tokens(doc, "institution:")),
                                              site_words, named_after)
    mentions = _with_institutions(doc, words, mentions, gazetteer, language, info)
    mentions = _state_sides(doc, mentions, language)
    covered = {i for m in mentions for i in range(m.start, m.end)}
    after_adjective = {m.end for m in mentions if m.form == "adjective"}
    # a state named between a title and the name: its adjective ("le ministre soudanais Ali al-Sadiq") or, in the
    # genitive, its name ("министр обороны Армении Сурен Папикян")
    state_before = {m.end: m.start for m in mentions if m.form == "adjective" or m.type == "country"}
    titles = _cue_tokens(doc, "titles")
    title_tokens = {i for s, e in titles.items() for i in range(s, e)}
    title_ends = set(titles.values())
    titled_state = {m.end: (m.entity if m.type == "country" else gazetteer.state_of(m.entity))
                    for m in mentions if (m.form == "adjective" or m.type == "country") and m.start in title_ends}
    # or a state's body that the title runs into or is followed by: "глава МЗС Пакистану Білавал Бхутто Зардарі",
    # "речниця МЗС Пакистану Мумтаз Захра Балоч"
    titled_state |= {m.end: gazetteer.state_of(m.entity) for m in mentions if m.type == "organization"
                     and any(s < m.start <= e <= m.end for s, e in titles.items())}
    # the rest of a title the state's adjective split ("le ministre néerlandais | de la Défense | X") is no name
    split_tails = {s: e for s, e in _cue_tokens(doc, "title_tails").items() if s in titled_state}
    title_tokens |= {i for s, e in split_tails.items() for i in range(s, e)}
    titled_state |= {e: titled_state[s] for s, e in split_tails.items()}
    # prefixes that type a name without being part of it: "MV Angara", "Minister Ivan Petrovsky"
    title_tokens |= {i for label in ("type_cue:vessel", "type_cue:person")
                     for s, e in _cue_tokens(doc, label).items() for i in range(s, e)}
    # a title opening a company's name is part of it: "General Technology Limited", "General Dynamics"
    title_tokens -= {s for s in list(title_tokens) if _marked_ahead(is_name, s + 1, BODY_TITLE_REACH,
                                                                    body_words | name_ends)}
    # "the arms maker X", "der Rüstungskonzern Ruag" (German capitalises the noun): not part of the name,
    # unless it closes one ("Hwadae-ri Trading Company"); a capitalised article opening the sentence is no name
    title_tokens |= {i for s, e in _cue_tokens(doc, "type_cue:organization_before").items()
                     if s == 0 or not words.texts[s - 1][:1].isupper() or words.stop[s - 1] for i in range(s, e)}
    # nor is an "according to" opening the sentence part of the name it cites ("Secondo Marco Lenzi, ...")
    title_tokens |= {i for s, e in _cue_tokens(doc, "reporting:frames").items() for i in range(s, e)}
    # nor a preposition that opens the sentence, capitalised: "Per Marco Lenzi, analista ...", "Pour Bruno Tessier"
    title_tokens |= {s for s, e in _cue_tokens(doc, "marker:").items() if e - s == 1 and words.sent_start[s]}
    # a group the text does not name is no name either: "Aus Regierungskreisen hieß es" (unnamed_sources.py)
    title_tokens |= {i for s, e in _cue_tokens(doc, "unnamed_sources:group:").items() for i in range(s, e)}

    candidates = [(ent.start, ent.end, NER_LABELS.get(ent.label_)) for ent in doc.ents
                  if ent.label_ in NER_LABELS and not any(i in covered for i in range(ent.start, ent.end))]
    covered |= {i for s, e, _ in candidates for i in range(s, e)}
    names_only = load_lexicon(language).data.get("capitals") == "names_only"
    nouns_capitalised = bool(load_lexicon(language).data.get("nouns_capitalised"))
    if nouns_capitalised:
        # a claim word alone is a noun, not a name, where every noun is capitalised ("Sanktionspaket gegen Russland")
        title_tokens |= {i for label in CLAIM_LABEL_PREFIXES for s, e in _cue_tokens(doc, label).items()
                         if e - s == 1 for i in range(s, e)}
    cues = _CuesAround(doc._.cues or [])
    # where a title leads to a name ("Sprecher Sebastian Fischer", "der Sprecher des Auswärtigen Amts, Sebastian
    # Fischer"), capitalised words are one even when the dictionary knows each of them
    titled_starts = {i for i, name in enumerate(is_name) if name and (
        i in title_ends and i not in title_tokens or _title_before_comma(cues, words, i))}

    def runs(common) -> list[tuple[int, int]]:
        return _proper_name_runs(words, is_name, covered | title_tokens, common, names_only, title_case_names,
                                 body_words, calendar_names(language), name_ends, titled_starts,
                                 lambda word: is_calendar_word(word, language))

    found = runs(is_common_word)
    if nouns_capitalised:
        # a compound of known words is a noun too ("Satellitenbilder", "Flugplatz"), unless the text uses it as
        # part of a longer name ("Steffen Hebestreit" ... "Hebestreit sagte")
        parts = {words.texts[k].casefold() for s, e in found if e - s >= 2 for k in range(s, e)} | {
            words.texts[k].casefold() for m in mentions if m.type == "person" for k in range(m.start, m.end)}
        found = runs(lambda word: is_common_word(word) or (
            word.casefold() not in parts and _compound_of_known_words(word, is_common_word)))
    candidates += [(s, e, None) for s, e in found]
    # (a word right before a known person's name is their first name in another case, not a speaker of its own:
    # "За словами Каї Каллас")
    person_starts = {m.start for m in mentions if m.type == "person"}
    unknown: list[tuple[int, int, str, str]] = []  # names the gazetteer lacks: (start, end, text, type)
    for start, end, model_type in candidates:
        text = words.span_text(start, end)
        entity_type = _type_from_cues(cues, words, start, end, language)
        if entity_type == "other" and start in state_before:
            # a state between the type word and the name: "la société turque Baykar"
            entity_type = _type_from_cues(cues, words, state_before[start], end, language)
        if entity_type == "other" and start in titled_state and titled_state[start] is not None \
                and start not in state_before:
            entity_type = "person"  # "le ministre néerlandais de la Défense Jan Smit"
        if entity_type == "other" and model_type:
            entity_type = model_type
        if entity_type == "other" and start not in after_adjective and end not in person_starts \
                and _speaks(cues, words, start, end):
            # "the SVR said": an acronym speaking is an agency; ("das südkoreanische Verteidigungsministerium
            # erklärte" is an organ of the state its adjective names, which speaks for it)
            # (a lone capitalised word where every noun is capitalised is as likely a body: "der Bundesrat
            # teilte mit"; a surname alone joins its full name below whatever its type)
            one_word = end - start == 1 and (words.texts[start].isupper() or nouns_capitalised)
            entity_type = "organization" if one_word else "person"
        linked = _fuzzy_link(text, entity_type, gazetteer, language) or _variant_of_designation(
            text, gazetteer, language)
        if linked is not None:
            entry = gazetteer[linked]
            if entry.id not in info:
                info[entry.id] = _info_from_entry(entry, language)
            mentions.append(EntityMention(start, end, entry.id, "name", entry.type))
            continue
        unknown.append((start, end, text, entity_type))

    # one entity per unknown name in a document: the type its mentions' cues give most often ("landed at
    # Ovda" and "Ovda's runway" are one airfield), "other" only when no mention says more
    types: dict[str, Counter] = {}
    for _, _, text, entity_type in unknown:
        types.setdefault(normalise_name(text), Counter())[entity_type] += 1
    for start, end, text, _ in unknown:
        counts = types[normalise_name(text)]
        entity_type = max(counts, key=lambda t: (t != "other", counts[t]))
        entity_id = unknown_entity_id(text, entity_type)
        info.setdefault(entity_id, EntityInfo(entity_id, _display_name(text), entity_type, known=False))
        if info[entity_id].name.isupper() and not text.isupper():
            info[entity_id].name = text  # a headline's capitals give way to the name as the text writes it
        if entity_type == "person" and info[entity_id].country is None:
            # "le ministre malien Sadio Camara", "министр обороны Армении Сурен Папикян": the state between the
            # title and the name is the person's
            info[entity_id].country = titled_state.get(start)
        mentions.append(EntityMention(start, end, entity_id, "name", entity_type))

    mentions = _acronyms_in_brackets(words, mentions, info)
    mentions = _resolve_person_coreference(words, mentions, info, language in MORPHOLOGY_LANGUAGES,
                                           common_surnames=not nouns_capitalised)
    mentions += _resolve_titles(words, mentions, titles)
    mentions = _resolve_state_titles(doc, words, mentions, info, titles, language)
    mentions = _resolve_role_anaphors(doc, words, mentions)
    mentions.sort(key=lambda m: (m.start, -m.end))
    used = {m.entity for m in mentions}
    return DocEntities(mentions, {k: v for k, v in info.items() if k in used})


ACRONYM_LETTERS = range(2, 7)


def _acronyms_in_brackets(words: Words, mentions: list[EntityMention],
                          info: dict[str, EntityInfo]) -> list[EntityMention]:
    """A name the gazetteer lacks, in brackets right after a name whose initials it spells, is that name's
    short form wherever the text uses it: "l'autoproclamato Esercito nazionale libico (Lna)" (the Libyan
    National Army), "Administration générale des douanes (AGD)" — not "Beyond Parallel (CSIS)"."""
    ends = {m.end: m for m in mentions}
    same: dict[str, EntityMention] = {}
    for m in mentions:
        text = words.texts[m.start]
        if (info[m.entity].known or m.end - m.start != 1 or len(text) not in ACRONYM_LETTERS or not text.isalpha()
                or not text[0].isupper() or not _in_brackets(words, m.start, m.end)):
            continue
        named = ends.get(m.start - 1)
        if named is None or named.entity == m.entity:
            continue
        spelled = {_initials(words.span_text(named.start, named.end)), _initials(info[named.entity].name)}
        if text.casefold() in spelled:
            same[m.entity] = named
    if not same:
        return mentions
    return [EntityMention(m.start, m.end, same[m.entity].entity, "name", same[m.entity].type)
            if m.entity in same else m for m in mentions]


def _in_brackets(words: Words, start: int, end: int) -> bool:
    """Whether the words from ``start`` to ``end`` stand alone in round brackets: "(MDN)"."""
    return start >= 1 and end < len(words) and words.texts[start - 1] == "(" and words.texts[end] == ")"


def _initials(name: str) -> str:
    """The first letters of a name's words that are not lower-case function words: "Libyan National Army"
    gives "lna", "Administration générale des douanes" "agd"."""
    return "".join(w[0] for w in re.findall(r"[^\W\d_]+", name) if len(w) > 3 or w[0].isupper()).casefold()


def _state_sides(doc: Doc, mentions: list[EntityMention], language: str) -> list[EntityMention]:
    """"российская сторона поставляет", "la parte russa", "the Indian side": a state's adjective with the
    lexicon's word for a side names the state, as a party."""
    sides = {str(w).casefold() for w in load_lexicon(language).words("side_nouns")}
    if not sides:
        return mentions

    def side(i: int) -> bool:
        return 0 <= i < len(doc) and (doc[i].lower_ in sides or doc[i].lemma_.casefold() in sides)

    out = []
    for m in mentions:
        if m.form == "adjective" and m.type == "country":
            if side(m.end):
                m = EntityMention(m.start, m.end + 1, m.entity, "name", m.type)
            elif side(m.start - 1):
                m = EntityMention(m.start - 1, m.end, m.entity, "name", m.type)
        out.append(m)
    return out


BODY_NAME_REACH = 4  # capitalised words after a place's name in which a word naming a body makes it one name


NAMING_PLACES = {"city", "region"}  # places whose names open the names of sites in or near them


def _places_opening_body_names(is_name: list[bool], mentions: list[EntityMention], body_words: set[int],
                               institutions: set[int], site_words: set[int] = frozenset(),
                               named_after: set[str] = frozenset()) -> list[EntityMention]:
    """A place's name opening a body's ("Caspian Security Monitor", "the Moscow Times", "Kyiv Independent
    Institute") is part of that name, not the place: the capitalised words after it run on to a word naming a
    body, or, after a state or city (``named_after``), to a word naming a site ("Aden Adde International
    Airport"). Not a state's institution ("the Israel Ministry of Defense": institutions.py)."""

    def opens_body(m: EntityMention) -> bool:
        if m.type not in ("location", "country") or m.form not in ("name", "seat") or m.end in institutions:
            return False
        marks = body_words | site_words if m.entity in named_after else body_words
        return _marked_ahead(is_name, m.end, BODY_NAME_REACH, marks)
    return [m for m in mentions if not opens_body(m)]


def _marked_ahead(is_name: list[bool], first: int, reach: int, marks: set[int]) -> bool:
    """Whether one of the ``reach`` name words from ``first`` on, before the run of them ends, is in ``marks``."""
    k = first
    while k < len(is_name) and k - first < reach and is_name[k]:
        if k in marks:
            return True
        k += 1
    return False


def _with_institutions(doc: Doc, words: Words, mentions: list[EntityMention], gazetteer: Gazetteer,
                       language: str, info: dict[str, EntityInfo]) -> list[EntityMention]:
    """State institutions named through their state ("il ministero della Difesa indiano") as one mention each,
    in place of the mentions inside them (institutions.py)."""
    data = load_lexicon(language).data
    spans = institution_spans(doc._.cues or [], words.texts, mentions, gazetteer,
                              bool(data.get("institution_genitive_after")), bool(data.get("institution_name_before")))
    if not spans:
        return mentions
    for _, _, entity in spans:
        info.setdefault(entity, _info_from_entry(gazetteer[entity], language))
    kept = [m for m in mentions if not any(s <= m.start and m.end <= e for s, e, _ in spans)]
    return kept + [EntityMention(s, e, entity, "name", "organization") for s, e, entity in spans]


COMPOUND_LINKS = ("s", "es", "n", "en", "e", "er", "")  # German linking elements: "Regierung|s|partei"
MIN_COMPOUND_PART = 3  # letters of the shortest word a compound is read as made of ("Flug|platz")


@lru_cache(maxsize=65536)
def _compound_of_known_words(word: str, is_common_word: Callable[[str], bool]) -> bool:
    """A capitalised word made of words the dictionary knows, where nouns join into one word: "Satellitenbilder"
    (Satelliten + Bilder), "Militärflugplatz" (Militär + Flug + Platz), "Boden-Luft-Raketen". The head is a known
    noun or such a compound itself; the modifier, less a linking element, a known word or compound."""
    def known(part: str) -> bool:
        return is_common_word(part) or is_common_word(part.capitalize()) or _compound_of_known_words(
            part.capitalize(), is_common_word)

    if "-" in word and word[:1].isupper():
        # written with hyphens: "Boden-Luft-Raketen"
        return all(part.isalpha() and known(part) for part in word.split("-"))
    if len(word) < 2 * MIN_COMPOUND_PART + 2 or not word[:1].isupper() or not word.isalpha():
        return False
    for cut in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_PART):  # (a head of four letters or more)
        head, modifier = word[cut:].capitalize(), word[:cut]
        if not (is_common_word(head) or _compound_of_known_words(head, is_common_word)):
            continue
        for link in COMPOUND_LINKS:
            stem = modifier[:len(modifier) - len(link)] if link else modifier
            if modifier.endswith(link) and len(stem) >= MIN_COMPOUND_PART and known(stem):
                return True
    return False


def _info_from_entry(entry, language: str) -> EntityInfo:
    return EntityInfo(
        id=entry.id, name=entry.name, type=entry.type, wikidata=entry.wikidata, known=True,
        category=entry.category, family=entry.family, kind=entry.kind, country=entry.country,
        aliases=entry.names((language, "en")), adjective=entry.english_adjective())


def _display_name(text: str) -> str:
    """Unknown names of several words in capitals ("MS. SHARMA") are shown in title case; a single word in capitals
    is kept as written, as an acronym ("ORTN") until a mention in running text spells it ("ZARVAT" / "Zarvat")."""
    return text.title() if text.isupper() and " " in text else text


# Arabic article and kinship particles written in lower case with a hyphen inside a name: "Ali al-Sadiq",
# "Abdel Fattah el-Sisi" (one word "al-Sadiq" or three, "al - Sadiq", as the language's tokenizer splits it)
NAME_PARTICLES = ("al", "el", "ad", "ar", "as", "ash", "at", "az", "bin", "ben", "abu")
_PARTICLE_WORD = re.compile(r"^(?:%s)-[^\W\d_]" % "|".join(NAME_PARTICLES))


def _name_words(words: Words) -> list[bool]:
    """Which words may be part of a name: capitalised, with a letter, not punctuation ("al-Sadiq" too)."""
    # (a particle word has its hyphen: the test spares the pattern most words of the text)
    return [(len(text) > 1 and text[0].isupper() and (text[0].isalpha() or any(c.isalpha() for c in text))
             or ("-" in text and _PARTICLE_WORD.match(text) is not None and text[text.index("-") + 1].isupper()))
            and not punct and not _elided(words, k) for k, (text, punct) in enumerate(zip(words.texts, words.punct))]


def _elided(words: Words, k: int) -> bool:
    """An elided article or preposition written onto the next word, opening a sentence: "L’inviato",
    "Nell’elenco", "Un’immagine", "D'après" (not an Irish "O’Brien", nor a possessive, which a space follows:
    "Jones’ report")."""
    text = words.texts[k]
    return (text[-1] in "'’" and len(text) <= 5 and text[:-1] != "O" and k + 1 < len(words)
            and words.starts[k + 1] == words.starts[k] + len(text))


def _particle_then_name(words: Words, j: int, is_name: list[bool]) -> bool:
    """"al - Sadiq" at ``j``: a name particle, a hyphen and a capitalised word, written as one."""
    return (j + 2 < len(words) and words.texts[j] in NAME_PARTICLES and words.texts[j + 1] == "-"
            and is_name[j + 2] and words.starts[j + 1] == words.starts[j] + len(words.texts[j])
            and words.starts[j + 2] == words.starts[j + 1] + 1)


def _proper_name_runs(words: Words, is_name: list[bool], excluded: set[int], is_common_word,
                      names_only: bool = False, title_case_names: bool = False,
                      body_words: set[int] = frozenset(),
                      calendar: frozenset[str] = frozenset(),
                      name_ends: set[int] = frozenset(),
                      titled_starts: set[int] = frozenset(),
                      lone_calendar_word=lambda word: False) -> list[tuple[int, int]]:
    runs = []
    i = 0
    n = len(words)
    while i < n:
        # a name may open with its particle: "sul piazzale di al-Khadim"
        particle = i not in excluded and _particle_then_name(words, i, is_name) and i + 2 not in excluded
        if not particle and (i in excluded or not is_name[i]):
            i += 1
            continue
        j = i + 3 if particle else i + 1
        while j < n and j not in excluded:
            if is_name[j]:
                j += 1
            elif _particle_then_name(words, j, is_name) and j + 2 not in excluded:
                j += 3
            elif (words.texts[j].lower() in NAME_CONNECTORS | BODY_CONNECTORS and j + 1 < n and j + 1 not in excluded
                  and is_name[j + 1] and words.texts[j + 1].casefold() not in calendar and j - 1 not in name_ends
                  and (j - i < 2 and words.texts[j].lower() in NAME_CONNECTORS
                       or any(k in body_words for k in range(i, j)))):
                # "Bank of America", not "Ivan Petrovsky of Zarnia Trading"; a body's name runs on
                # ("International Institute for Strategic Studies", "Institut für Sicherheitspolitik"), not
                # into a date ("sanctioned Steppe Cargo Group on Monday") nor past a legal form ("Alpha Trading LLC
                # and Beta Logistics Ltd")
                j += 2
            elif _hyphenated_tail(words, j) and j + 1 not in excluded:
                j += 2  # one written word: "Kim Hong-kyun", "Hwadae-ri"
            else:
                break
        # in running text, capitalised words are a name even if each is a common word: where the language
        # capitalises names only, or, where it writes every word of a name capitalised (the lexicon's
        # ``title_case_names``), when there are two of them ("reviewed by Meridian Defence Monitor")
        in_text = (names_only or title_case_names and sum(is_name[i:j]) >= 2) and _inside_running_text(words, i)
        # (a legal form closing the run makes it a company's name whatever its words: "General Technology Limited")
        titled = i in titled_starts and 2 <= j - i <= MAX_TITLED_NAME_WORDS
        # (a month or a weekday alone is no name, capitalised as it opens a sentence: "Martedì scorso gli Stati ...")
        date_word = j - i == 1 and lone_calendar_word(words.texts[i])
        if not date_word and (in_text or titled or _looks_like_name(words, i, j, is_common_word)
                              or j - 1 in name_ends and j - i >= 2):
            runs.append((i, j))
        i = j
    return runs


MAX_TITLED_NAME_WORDS = 4  # a person's name after a title: "Sebastian Fischer", "Lee Seong - kweun"
BODY_TITLE_REACH = 3  # capitalised words after a title in which a word naming a body makes it part of that name


def _hyphenated_tail(words: Words, j: int) -> bool:
    """A hyphen at ``j`` joining the word before to another with no space either side ("Hwadae-ri",
    "Bamako-Sénou")."""
    if words.texts[j] != "-" or j + 1 >= len(words) or j == 0:
        return False
    tail = words.texts[j + 1]
    return (tail.isalpha() and words.starts[j] == words.starts[j - 1] + len(words.texts[j - 1])
            and words.starts[j + 1] == words.starts[j] + 1)


def _inside_running_text(words: Words, start: int) -> bool:
    """Capitalised after a lower-case word (or a quote after one): in a language that capitalises names only
    (the lexicon's ``capitals: names_only``), a name even if the dictionary knows the word ("аэродрома в
    Джанкое", "на авиабазе «Шахид Ноже»"); so is an apposition after one ("a Kazakh logistics firm, Steppe
    Cargo Group"); a menu line of capitalised words is not running text."""
    k = start - 1
    while k >= 0 and words.texts[k] in OPENING_QUOTES:
        k -= 1
    if k > 0 and words.texts[k] == ",":
        k -= 1
    return k >= 0 and not words.sent_start[start] and words.texts[k].isalpha() and words.texts[k].islower()


def _looks_like_name(words: Words, start: int, end: int, is_common_word) -> bool:
    named = [k for k in range(start, end) if words.texts[k].lower() not in NAME_CONNECTORS]
    if not named:
        return False
    # Every word a common one: a sentence opening ("Today"), a heading in capitals ("PRESS RELEASE"),
    # or German's capitalised nouns.
    if all(words.stop[k] or words.punct[k] or is_common_word(words.texts[k]) for k in named):
        return False
    if len(named) == 1 and (words.sent_start[start] or (start > 0 and words.punct[start - 1]
                                                        and words.texts[start - 1] in {"—", "–", "\"", "“", "«", ":"})):
        # A lone capitalised word opening a sentence is a name only when the language does not know it,
        # and not when a comma follows it ("Furthermore,", "Oggi,").
        # (the word after a particle joined to it is the one that names: "«Al-Galala»")
        k = named[0] if start + 1 < end and words.texts[start + 1] == "-" else start
        followed_by_comma = end < len(words) and words.texts[end] == ","
        return not (words.stop[k] or is_common_word(words.texts[k]) or followed_by_comma)
    return True


class _CuesAround:
    """The cue matcher's cues, by the token they start and end at."""

    def __init__(self, cues: list):
        self.cues = sorted(cues, key=lambda c: c.start)
        self.starts = [c.start for c in self.cues]
        self.ending: dict[int, set[str]] = {}
        for c in self.cues:
            self.ending.setdefault(c.end, set()).add(c.label)

    def starting_between(self, first: int, last: int) -> list:
        """Cues starting at a token in [first, last]."""
        return self.cues[bisect_left(self.starts, first):bisect_right(self.starts, last)]


def _type_from_cues(cues: _CuesAround, words: Words, start: int, end: int, language: str) -> str:
    # a title or type word right before the name ("Mr. X", "MV Angara")
    cue_before = cues.ending.get(start, set())
    cue_inside = {c.label for c in cues.starting_between(start, end) if c.end <= end}
    cue_after = {c.label for c in cues.starting_between(end, end + 1)}
    if "type_cue:vessel" in cue_before:
        return "vessel"
    if "titles" in cue_before or "type_cue:person" in cue_before or _title_before_comma(cues, words, start):
        return "person"
    if "type_cue:organization" in cue_inside:
        return "organization"
    # type words before a short link or a quote too: "port of Chongjin", "la société turque Baykar"
    before = cue_before | _cue_before_link(cues, words, start)
    if "type_cue:organization_before" in before:
        return "organization"  # "der Rüstungskonzern Ruag"
    if "type_cue:location" in before | cue_after | cue_inside:
        return "location"
    if end < len(words) and words.texts[end] == ":" and words.sent_start[start]:
        return "person"  # a speaker label in a transcript: "MS. SHARMA:"
    if end - start >= 2 and _met_with(cues, start):
        return "person"  # "встретился с Шерали Мирзо", "held talks with Ozkan Ulutas": one meets a person
    return _apposition_type(cues, words, end, language) or _bracketed_acronym_type(cues, words, start, end) or "other"


def _met_with(cues: _CuesAround, start: int) -> bool:
    """A meeting's or talks' word, then "with", right before token ``start``."""
    if "marker:with" not in cues.ending.get(start, set()):
        return False
    with_start = min((c.start for c in cues.starting_between(start - 3, start - 1) if c.label == "marker:with"
                      and c.end == start), default=None)
    return with_start is not None and any(label.startswith(("meeting:", "negotiation:"))
                                          for label in cues.ending.get(with_start, set()))


ACRONYM_EXPANSION_REACH = 8  # words before an acronym's bracket that may spell it out


def _bracketed_acronym_type(cues: _CuesAround, words: Words, start: int, end: int) -> str | None:
    """An acronym in brackets after the words it abbreviates is an organisation when those words hold an
    organisation's type word: "ministère de la Défense nationale (MDN)", "Организации Договора о коллективной
    безопасности (ОДКБ)" (and it keeps being one where the text uses it alone, which its type alone allows)."""
    if not (end - start == 1 and start >= 2 and _in_brackets(words, start, end) and words.texts[start].isupper()):
        return None
    for k in range(start - 2, max(-1, start - 2 - ACRONYM_EXPANSION_REACH), -1):
        if words.punct[k]:
            return None
        labels = {c.label for c in cues.starting_between(k, k)}
        if labels & {"type_cue:organization", "type_cue:organization_before"}:
            return "organization"
        if words.sent_start[k]:
            return None
    return None


APPOSITION_REACH = 4  # words of an apposition before its noun ("a London-based research group")
APPOSITION_OPENERS = {",", "–", "—"}  # "Azu International – a Türkiye-based wholesaler"
APPOSITION_TYPES = ("location", "organization", "vessel", "person")


@lru_cache(maxsize=None)
def _type_nouns(language: str) -> dict[str, frozenset[str]]:
    """The lexicon's type cue words as written, lower case, by type."""
    cues = load_lexicon(language).data.get("type_cues") or {}
    nouns = {kind: frozenset(str(w).lower() for w in cues.get(kind) or []) for kind in APPOSITION_TYPES}
    nouns["organization"] |= {str(w).lower() for w in cues.get("organization_before") or []}
    return nouns


def _apposition_type(cues: _CuesAround, words: Words, end: int, language: str) -> str | None:
    """"Ovda, a military airfield north of Eilat", "Open Source Centre, a London research group": the common
    noun of the apposition after the name types it (the phrase opens with an article or a lower-case word).
    The noun as the lexicon writes it: in "Sa'id al-Jamal, a Houthi financier based in Iran" the participle
    "based" is no base."""
    if end + 1 >= len(words) or words.texts[end] not in APPOSITION_OPENERS:
        return None
    opening = end + 1
    if not (words.texts[opening].islower() or any(c.label == "determiners" for c in cues.starting_between(opening, opening))):
        return None
    # "a Türkiye-based wholesaler": a compound's hyphen is one more token, not the phrase's end; nor do the
    # words of a name inside count ("the Ethiopian Air Force's main base in Bishoftu")
    skipped = 0
    for k in range(opening, len(words)):
        if k > opening + APPOSITION_REACH + skipped:
            return None
        if words.texts[k] in ("-", "'s", "’s"):
            skipped += 1
            continue
        if words.punct[k]:
            return None
        if not words.texts[k].islower():
            skipped += k > opening
            continue  # a name inside ("a London research group") is no type word
        labels = {c.label for c in cues.starting_between(k, k)}
        kind = next((kind for kind in APPOSITION_TYPES
                     if (f"type_cue:{kind}" in labels or kind == "organization" and "type_cue:organization_before" in labels)
                     and words.texts[k].lower() in _type_nouns(language)[kind]), None)
        if kind is None and "titles" in labels and (k == opening or k - opening <= 2 and any(
                c.label == "determiners" for c in cues.starting_between(opening, opening))):
            kind = "person"  # "Karim Mansour, a senior fellow at ...", "X, analista dell'Istituto ..."
        if kind is not None:
            return kind
    return None


# words of a title's complement before the comma: "il portavoce del ministero degli Esteri tedesco, Sebastian Fischer"
TITLE_PHRASE_REACH = 6


def _title_before_comma(cues: _CuesAround, words: Words, start: int) -> bool:
    """"El ministro de Defensa, Luis Petri, firmó", "the foreign policy adviser, Hikmet Hajiyev": a title a few
    words before the comma that opens the name's apposition."""
    if start < 2 or words.texts[start - 1] != ",":
        return False
    for k in range(start - 1, max(0, start - 2 - TITLE_PHRASE_REACH), -1):
        if k < start - 1 and words.punct[k]:
            return False
        if cues.ending.get(k, set()) & {"titles", "type_cue:person"}:
            return True
    return False


SPEAKING = ("reporting:verbs", "reporting:denial")
NOT_AUXILIARY = {"complementizers", "relatives", "third_person", "first_person", "determiners"}


def _speaks(cues: _CuesAround, words: Words, start: int, end: int) -> bool:
    """An unknown name that says or denies something is taken for a person (an organisation has its cue
    word inside): "Kurilla said", "Vučić ha ammesso che", "Zwijnenburg estime que", "заявив Фіала."."""
    k = end
    while k < min(end + 2, len(words)) and words.texts[k].islower() and words.stop[k] and not any(
            c.label in NOT_AUXILIARY for c in cues.starting_between(k, k)):
        k += 1  # an auxiliary or adverb first: "ha ammesso", "has also said" (not "the Sea that it said")
    if any(c.start == k and c.label in SPEAKING for c in cues.starting_between(k, k)):
        return True
    if _cited(cues, words, start):
        return True  # cited: "Secondo Marco Lenzi, ...", "according to Oleksandr Kovalenko"
    closes = end >= len(words) or words.punct[end]
    return closes and bool(cues.ending.get(start, set()) & set(SPEAKING))


CITED_NOUN_REACH = 3  # words from "according to" to the end of the report noun ("secondo l'ultima analisi di")


def _cited(cues: _CuesAround, words: Words, start: int) -> bool:
    """A name an "according to" frame cites, directly or as the author of a report: "according to X",
    "according to an analysis by X", "secondo l'analisi di X", "selon une étude de X"."""
    if "reporting:frames" in cues.ending.get(start, set()):
        return True
    link = start - 1
    if link < 1 or not _is_link_word(words.texts[link]) or "reporting:nouns" not in cues.ending.get(link, set()):
        return False
    return any("reporting:frames" in cues.ending.get(k, set()) for k in range(max(0, link - CITED_NOUN_REACH), link))


def _is_link_word(text: str) -> bool:
    """A short lower-case word joining a noun to the name after it: "of", "by", "di", "de", "von", "d'"."""
    return text.islower() and (len(text) <= 3 or text in NAME_CONNECTORS or text.endswith(("'", "’")))


def _cue_before_link(cues: _CuesAround, words: Words, start: int) -> set[str]:
    """The cues ending before a short linking word or an opening quote before the name: "port of Chongjin",
    "la base d'Al-Khadim", "аэродром в Джанкое", "авиабаза «Шахид Ноже»"."""
    k = start
    while k > 0 and words.texts[k - 1] in OPENING_QUOTES:
        k -= 1
    if k < start:
        return cues.ending.get(k, set())
    link = words.texts[k - 1] if k > 0 else ""
    if k > 1 and _is_link_word(link):
        # a unit's number or the place's adjective may stand between the cue and the link: "la base aérienne 101
        # de Bamako-Sénou", "el Aeropuerto Internacional de Maiquetía"
        between = k - 2 if k > 2 and (words.texts[k - 2].isdigit() or words.texts[k - 2].isalpha()) else None
        found = cues.ending.get(between, set()) if between is not None else set()
        if between is not None and not words.texts[between].isdigit():
            found &= {"type_cue:location"}
        found |= cues.ending.get(k - 1, set())
        if not any(c.label == "marker:genitive" for c in cues.starting_between(k - 1, k - 1)):
            found &= {"type_cue:location"}  # a body's place, not its name: "завод в Корве", "the plant in X"
        return found
    if k > 1 and link.isalpha() and link.islower():
        # a place's adjective after its type word: "el aeropuerto internacional Diori Hamani"
        return cues.ending.get(k - 1, set()) & {"type_cue:location"}
    return set()


def _fuzzy_link(text: str, entity_type: str, gazetteer: Gazetteer, language: str) -> str | None:
    """A close spelling of a gazetteer name of the same type ("Tumangang" / "Tumangan")."""
    if entity_type == "other" or len(text) < 5:
        return None
    choices, aliases = _fuzzy_choices(gazetteer, language, entity_type)
    best = process.extractOne(text, aliases, scorer=fuzz.ratio, score_cutoff=FUZZY_LINK_SCORE)
    if best is None and entity_type == "person" and language in MORPHOLOGY_LANGUAGES:
        return _inflected_person(text, choices)
    return choices[best[0]] if best else None


# A designation with a variant's letters after its number: "Т-72Б" (T-72B), "Su-35S", "MiG-29SMT", "K2PL"
VARIANT_SUFFIX = re.compile(r"^(.*\d)[^\W\d_]{1,3}\d?$")


def _variant_of_designation(text: str, gazetteer: Gazetteer, language: str) -> str | None:
    """The materiel a variant the gazetteer does not list belongs to: the designation without the variant's letters
    ("Т-72Б" is a T-72), when the gazetteer knows it."""
    match = VARIANT_SUFFIX.match(text)
    if match is None or " " in text:
        return None
    base = match.group(1).casefold()
    return _designations(gazetteer, language).get(base)


@lru_cache(maxsize=None)
def _designations(gazetteer: Gazetteer, language: str) -> dict[str, str]:
    """Materiel names that end in a digit, case-folded -> entry id, in the language and in English."""
    names = {**gazetteer.names_of_type("en", "materiel"), **gazetteer.names_of_type(language, "materiel")}
    return {alias.casefold(): entity_id for alias, entity_id in names.items() if alias[-1:].isdigit()}


NAME_ENDING = 3  # letters a case ending adds to a name's word ("Рустем" → "Рустемом")


def _inflected_person(text: str, choices: dict[str, str]) -> str | None:
    """The one known person a name in another case is ("Юн Сок Йоля", "Анджеєм Дудою"): word for word, each word
    is an alias's word, but for its last letter, followed by an ending."""
    words = text.casefold().split()
    found = {entity_id for alias, entity_id in choices.items()
             if len(parts := alias.casefold().split()) == len(words) and len(words) > 1
             and all(_inflects(word, part) for word, part in zip(words, parts))}
    return found.pop() if len(found) == 1 else None


def _inflects(word: str, base: str) -> bool:
    if word == base:
        return True
    stem = base[:-1] if len(base) > 2 and base[-1] in "аяьйоеє" else base
    return word.startswith(stem) and len(word) - len(stem) <= NAME_ENDING


@lru_cache(maxsize=None)
def _fuzzy_choices(gazetteer: Gazetteer, language: str, entity_type: str) -> tuple[dict[str, str], list[str]]:
    """The names ``_fuzzy_link`` compares with (alias -> entry id, and the aliases in order), made once per type
    and language rather than for every unknown name."""
    choices = {alias: entity_id for alias, entity_id in gazetteer.names_of_type(language, entity_type).items()
               if len(alias) >= 5}
    return choices, list(choices)


# A part of a full name that alone names its person: two letters, as Korean and Chinese family names ("Юн" for
# "Юн Сок Йоль", "Xi")
MIN_NAME_PART = 2


def _resolve_person_coreference(words: Words, mentions: list[EntityMention], info: dict[str, EntityInfo],
                                inflected: bool, common_surnames: bool = True) -> list[EntityMention]:
    """A surname or given name alone ("Kim", "KIRBY"; with ``inflected``, in any case: "Юна") is the person named
    in full elsewhere in the text; with ``common_surnames``, also where it is a common word ("Robles")."""
    parts: dict[str, set[str]] = {}
    for m in mentions:
        if m.type != "person":
            continue
        names = [words.span_text(m.start, m.end), info[m.entity].name]
        for name in names:
            capitalised = [w for w in name.replace("-", " ").split() if len(w) >= MIN_NAME_PART and w[0].isupper()]
            if len(capitalised) >= 2:
                for word in capitalised:
                    parts.setdefault(word.casefold(), set()).add(m.entity)
    out = _surnames_among_common_words(words, mentions, parts) if common_surnames else []
    for m in mentions:
        entity = info.get(m.entity)
        if entity is not None and not entity.known and m.end - m.start == 1:
            word = words.texts[m.start].casefold()
            owners = parts.get(word) or (set().union(*(ids for part, ids in parts.items() if _inflects(word, part)))
                                         if inflected else set())
            if len(owners) == 1 and entity.type in ("person", "other", "organization"):
                owner = next(iter(owners))
                out.append(EntityMention(m.start, m.end, owner, "coref", "person"))
                continue
        out.append(m)
    return out


MIN_COMMON_SURNAME = 4  # letters of a surname that is also a common word, read as the name ("Robles", not "Li")


def _surnames_among_common_words(words: Words, mentions: list[EntityMention],
                                 parts: dict[str, set[str]]) -> list[EntityMention]:
    """A part of one person's full name, capitalised and alone, where it is also a common word and so no name
    was found: "declaró Robles", "Robles recibió" (Margarita Robles named in full elsewhere). Not where the
    next word is capitalised too (the part of another name) nor where every noun is capitalised."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    found = []
    for k, text in enumerate(words.texts):
        if k in covered or len(text) < MIN_COMMON_SURNAME or not text[:1].isupper() or not text[1:].islower():
            continue
        owners = parts.get(text.casefold(), ())
        if len(owners) != 1 or k + 1 < len(words) and words.texts[k + 1][:1].isupper():
            continue
        found.append(EntityMention(k, k + 1, next(iter(owners)), "coref", "person"))
    return found


def _resolve_titles(words: Words, mentions: list[EntityMention], titles: dict[int, int]) -> list[EntityMention]:
    """"Foreign Secretary James Cleverly" makes a bare "the Foreign Secretary" elsewhere a mention of him."""
    starts = {m.start: m for m in mentions if m.type == "person"}
    holder: dict[str, str] = {}
    for start, end in titles.items():
        if end - start < 2:
            continue  # one-word titles ("President", "Minister") are too common to resolve alone
        person = starts.get(end)
        if person is not None:
            holder.setdefault(words.span_text(start, end).casefold(), person.entity)
    out = []
    occupied = {i for m in mentions for i in range(m.start, m.end)}
    for start, end in titles.items():
        key = words.span_text(start, end).casefold()
        if key in holder and end not in starts and not any(i in occupied for i in range(start, end)):
            out.append(EntityMention(start, end, holder[key], "title", "person"))
    return out


TITLE_HOLDER_REACH = 1  # sentences before the one of "the Turkish president" where its holder may be named


def _resolve_state_titles(doc: Doc, words: Words, mentions: list[EntityMention], info: dict[str, EntityInfo],
                          titles: dict[int, int], language: str) -> list[EntityMention]:
    """"durante la visita di Erdoğan a Bogor, dove il presidente turco ha incontrato ...", "визит Путина в
    Ханой, когда российский президент провёл переговоры": a title with a state beside it and no name after it
    is the one person of that state the text has just named (in its sentence or the one before)."""
    if not titles:
        return mentions
    states = StatesBeside(doc._.cues or [], words.texts, mentions,
                          bool(load_lexicon(language).data.get("institution_genitive_after")))
    persons = [m for m in mentions if m.type == "person"]
    person_starts = {m.start for m in persons}
    sentence = list(accumulate(int(first) for first in words.sent_start))
    replaced: list[EntityMention] = []
    added: list[EntityMention] = []
    for start, end in titles.items():
        state = states.of(start, end, seats=False)
        if state is None:
            continue
        first, last = min(start, state.start), max(end, state.end)
        named_after = last in person_starts or (last + 1 in person_starts and words.texts[last] == ",")
        if named_after or any(m.start < last and first < m.end for m in persons):
            continue  # the holder is named with the title ("il presidente turco, Erdoğan,")
        holders = {m.entity for m in persons if m.end <= first and sentence[m.start] >= sentence[first] - TITLE_HOLDER_REACH
                   and info[m.entity].country == state.entity}
        if len(holders) == 1:
            replaced.append(state)
            added.append(EntityMention(first, last, holders.pop(), "title", "person"))
    if not added:
        return mentions
    return [m for m in mentions if not any(m is r for r in replaced)] + added


ROLE_ANAPHOR_REACH = 1  # sentences before the one of "the diplomat" where the person it means may be named
ROLE_TITLE_REACH = 4  # words from a role's title to the name it introduces ("ambassador to Turkey Alexei Yerkhov")


def _resolve_role_anaphors(doc: Doc, words: Words, mentions: list[EntityMention]) -> list[EntityMention]:
    """"Дипломат попередив Анкару", "the envoy said", "— warnte der Diplomat": a word for someone's role with
    no name after it (the lexicon's ``person_anaphors``) is the person last named, in its sentence or the one
    before, with a title of that role ("Botschafter Sergej Netschajew", "Посол Росії в Туреччині Олексій
    Єрхов"); with none such, it is no one in particular."""
    cues = [c for c in doc._.cues or [] if c.label.startswith("person_anaphors:")]
    if not cues:
        return mentions
    persons = sorted((m for m in mentions if m.type == "person"), key=lambda m: m.start)
    occupied = {i for m in mentions for i in range(m.start, m.end)}
    starting = {m.start for m in mentions}
    sentence = list(accumulate(int(first) for first in words.sent_start))
    titled: dict[str, set[int]] = {}  # kind of role -> where its titles end
    for c in doc._.cues:
        if c.label.startswith("person_anaphor_titles:"):
            titled.setdefault(c.label.split(":", 1)[1], set()).add(c.end)
    added = []
    for cue in cues:
        if cue.end in starting or any(i in occupied for i in range(cue.start, cue.end)):
            continue  # named after it ("the diplomat Ivan Petrov") or inside a name
        ends = titled.get(cue.label.split(":", 1)[1], set())
        holders = [m for m in persons if m.end <= cue.start
                   and sentence[m.start] >= sentence[cue.start] - ROLE_ANAPHOR_REACH
                   and any(m.start - ROLE_TITLE_REACH <= end <= m.start for end in ends)]
        if holders:
            added.append(EntityMention(cue.start, cue.end, holders[-1].entity, "title", "person"))
    return mentions + added
