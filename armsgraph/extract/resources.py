"""Loading the extractor's data: the gazetteer and the per-language cue lexicons.

Everything the rules know about the world lives in ``extract/data`` as YAML;
this module only reads, checks and indexes it.  Country names in every
language come from babel (CLDR), so the gazetteer lists only what babel lacks.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

from armsgraph.extract.morphology import MORPHOLOGY_LANGUAGES, place_case_forms

DATA = Path(__file__).parent / "data"
LANGUAGES = ("en", "it", "fr", "es", "de", "ru", "uk")
ENTITY_TYPES = {"person", "organization", "country", "location", "materiel", "vessel", "commodity"}
# Organisations that act for their state: as a claim's participant they are the state itself
# ("the Russian military received drones" is a transfer to Russia); as a claimant they stay themselves.
STATE_ORGAN_KINDS = {"government_body", "armed_forces", "intelligence"}


# English writes "the" before a state's name built on a common noun ("the Democratic Republic of the Congo")
_NAMES_WITH_ARTICLE = re.compile(r"\b(Republic|Kingdom|States|Islands|Emirates)\b")


def _with_article(name: str) -> str:
    return f"the {name}" if _NAMES_WITH_ARTICLE.search(name) else name


@dataclass(frozen=True)
class Alias:
    text: str
    language: str
    form: str  # "name" | "adjective" | "seat" (a capital or seat of government naming the state) | "genitive"


@dataclass(eq=False)  # hashed by identity: its per-language name lists are computed once
class GazetteerEntry:
    id: str
    name: str
    type: str
    wikidata: str | None = None
    kind: str | None = None
    country: str | None = None
    organization: str | None = None  # people: the organisation they speak for (NATO, the EU), if not a state
    category: str | None = None
    family: str | None = None
    aliases: list[Alias] = field(default_factory=list)
    institution: str | None = None  # a state's institution: its kind in data/institutions.yaml ("navy")
    generated: bool = False  # made for a state from data/institutions.yaml, named by composition, not by alias

    def names(self, languages: tuple[str, ...]) -> list[str]:
        return list(self._names(languages))

    def english_adjective(self) -> str | None:
        """The first English adjective ("Serbian"), if the entry has one."""
        return next((a.text for a in self.aliases if a.language == "en" and a.form == "adjective"), None)

    @lru_cache(maxsize=None)
    def _names(self, languages: tuple[str, ...]) -> tuple[str, ...]:
        seen: dict[str, None] = {self.name: None}
        for alias in self.aliases:
            if alias.language in languages and alias.form != "adjective":
                seen.setdefault(alias.text, None)
        return tuple(seen)


@dataclass(eq=False)  # hashed by identity: its per-language views are computed once
class Gazetteer:
    entries: dict[str, GazetteerEntry]

    def __getitem__(self, entity_id: str) -> GazetteerEntry:
        return self.entries[entity_id]

    def get(self, entity_id: str | None) -> GazetteerEntry | None:
        return self.entries.get(entity_id) if entity_id else None


    @lru_cache(maxsize=None)
    def aliases_for(self, language: str) -> list[tuple[str, str, str]]:
        """(alias text, entry id, form) for a language; English names and the canonical name count everywhere."""
        out: list[tuple[str, str, str]] = []
        # a language's own alias outranks an English one written alike: Mexican Spanish "EU" is the United States
        own = {alias.text.casefold(): entry.id for entry in self.entries.values() for alias in entry.aliases
               if alias.language == language} if language != "en" else {}
        for entry in self.entries.values():
            if entry.generated:
                continue  # found by composition (extract/institutions.py), not by its English name
            out.append((entry.name, entry.id, "name"))
            for alias in entry.aliases:
                if alias.language in (language, "*") or alias.language == "en" and own.get(
                        alias.text.casefold(), entry.id) == entry.id:
                    out.append((alias.text, entry.id, alias.form))
                if alias.language == language and language in GENITIVE_S_LANGUAGES and alias.form == "name":
                    out += [(form, entry.id, "name") for form in _declined_phrases(alias.text)]
        if language in MORPHOLOGY_LANGUAGES:
            # a seat in the other cases ("предупредила Астану"), where the data lists only its nominative
            known = {text for text, _, _ in out}
            for text, entity_id, form in [row for row in out if row[2] == "seat"]:
                for case_form in place_case_forms(text, language):
                    if case_form not in known:  # (the first seat to give a form keeps it)
                        known.add(case_form)
                        out.append((case_form, entity_id, "seat"))
        if language in GENITIVE_S_LANGUAGES:
            out += [(f"{text}s", entity_id, "genitive") for text, entity_id, form in out
                    if form in ("name", "seat") and _takes_genitive_s(text)]
        # a designation ending in a number takes the English plural: "K2s", "MiG-29s", "Il-76s"
        known = {text for text, _, _ in out}
        out += [(f"{text}s", entity_id, form) for text, entity_id, form in list(out)
                if form == "name" and text[-1:].isdigit() and self.entries[entity_id].type == "materiel"
                and f"{text}s" not in known]
        # scraped text writes the apostrophe curly as often as straight ("Democratic People’s Republic")
        out += [(text.replace("'", "\u2019"), entity_id, form) for text, entity_id, form in out if "'" in text]
        return out

    @lru_cache(maxsize=None)
    def names_of_type(self, language: str, entity_type: str) -> dict[str, str]:
        """Names (not adjectives) of a type's entries, alias text -> entry id, for fuzzy linking."""
        return {alias: entity_id for alias, entity_id, form in self.aliases_for(language)
                if form == "name" and self.entries[entity_id].type == entity_type}

    @cached_property
    def _institutions(self) -> dict[tuple[str, str], str]:
        return {(e.country, e.institution): e.id for e in self.entries.values() if e.institution and e.country}

    def institution_of(self, state: str, kind: str) -> str | None:
        """The entry of a state's institution of a kind ("india", "navy" -> the Indian Navy)."""
        return self._institutions.get((state, kind))

    def state_of(self, entity_id: str | None) -> str | None:
        """The state an organ of state acts for (its own id otherwise)."""
        entry = self.get(entity_id)
        if entry and entry.type == "organization" and entry.kind in STATE_ORGAN_KINDS and entry.country:
            return entry.country
        return entity_id


# German proper names take an -s in the genitive ("Irans Drohnen", "nach Angaben Südkoreas", "Putins Krieg"),
# except after a sibilant ("des Iraks" aside, "Belarus", "Paris" stay as they are); the gazetteer lists the
# base form only, so the genitive is derived for one-word names.
GENITIVE_S_LANGUAGES = {"de"}


ADJECTIVE_ENDINGS = ("es", "er", "e")


def _declined_phrases(name: str) -> list[str]:
    """A German name that opens with adjectives, as it reads after an article in the other cases: "Weißes
    Haus" -> "Weißen Haus", "Weißen Hauses"; "Europäische Union" -> "Europäischen Union"; "Nationaler
    Sicherheitsrat" -> "Nationalen Sicherheitsrats", "… Sicherheitsrates". Forms no text uses match nothing."""
    words = name.split()
    if len(words) < 2:
        return []
    head, noun = words[:-1], words[-1]
    declined = []
    for word in head:
        ending = next((e for e in ADJECTIVE_ENDINGS if word.endswith(e) and len(word) > len(e) + 3), None)
        if ending is None:
            break  # only a leading run of adjectives declines ("Volksrepublik Korea" stays)
        declined.append(word[: -len(ending)] + "en")
    if not declined:
        return []
    front = " ".join(declined + head[len(declined):])
    genitives = [noun + "es"] if noun[-1] in "sßxz" else [noun + "s", noun + "es"]
    nouns = [noun] if len(declined) < len(head) else [noun, *genitives]
    return [f"{front} {n}" for n in nouns if f"{front} {n}" != name]


def _takes_genitive_s(name: str) -> bool:
    return " " not in name and name[:1].isupper() and not name.isupper() and name[-1] not in "sßxzSXZ"


def _clean_babel_name(name: str) -> str:
    # CLDR forms such as "Myanmar (Burma)": keep the part a journalist writes. "Congo - Kinshasa" stays
    # whole: cut, the two Congos would share a name.
    return re.sub(r"\s*\(.*?\)", "", name).strip()


def _aliases(block: dict | None, form: str) -> list[Alias]:
    out = []
    for language, names in (block or {}).items():
        for text in names or []:
            out.append(Alias(str(text), str(language), form))
    return out


def _with_unaccented(aliases: list[Alias]) -> list[Alias]:
    """Each Latin-script alias and, when it has accents, the form written without them: wire copy writes
    "Bogota", "Brasilia", "Yaounde"."""
    out = list(aliases)
    for alias in aliases:
        plain = "".join(c for c in unicodedata.normalize("NFKD", alias.text) if not unicodedata.combining(c))
        if plain != alias.text and plain.isascii():
            out.append(Alias(plain, alias.language, alias.form))
    return out


# languages whose lemmatiser (pymorphy) misses foreign surnames in their cases: "Джо Байденом" is no form of
# "Джо Байден" to it, so the first name was left an unknown person beside the surname
CASE_INFLECTED = ("ru", "uk")


def _full_names_in_cases(aliases: list[Alias]) -> list[Alias]:
    """A person's full name in each case the entry lists for the surname alone: "Джо Байден" with "Байденом"
    gives "Джо Байденом"."""
    out = list(aliases)
    known = {(a.text, a.language) for a in aliases}
    for full in aliases:
        words = full.text.split()
        if full.language not in CASE_INFLECTED or full.form != "name" or len(words) < 2:
            continue
        surname = words[-1]
        stem = surname[:max(3, len(surname) - 2)]
        for case in aliases:
            if (case.language == full.language and case.form == "name" and " " not in case.text
                    and case.text != surname and case.text.startswith(stem)):
                text = " ".join([*words[:-1], case.text])
                if (text, full.language) not in known:
                    known.add((text, full.language))
                    out.append(Alias(text, full.language, "name"))
    return out


class _DataLoader(yaml.SafeLoader):
    """YAML's loader for the data files, refusing a key given twice in one mapping (YAML keeps the last one,
    so a second ``nouns:`` would silently drop the first list)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise ValueError(f"{node.start_mark.name}: line {key_node.start_mark.line + 1}: key {key!r} given twice")
            seen.add(key)
        return super().construct_mapping(node, deep)


def read_data_file(path: Path):
    """One of the package's YAML data files, with its duplicate keys refused."""
    with path.open(encoding="utf-8") as stream:  # (the stream gives the error its file's name)
        return yaml.load(stream, Loader=_DataLoader)


def _read_yaml_list(path: Path) -> list[dict]:
    data = read_data_file(path) or []
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of entries")
    return data


@lru_cache(maxsize=1)
def load_gazetteer(folder: Path = DATA / "gazetteer") -> Gazetteer:
    from babel import Locale

    entries: dict[str, GazetteerEntry] = {}
    countries = folder / "countries.yaml"
    if countries.exists():
        territories = {language: Locale(language).territories for language in LANGUAGES}
        for raw in _read_yaml_list(countries):
            iso = raw["iso"]
            aliases = [Alias(_clean_babel_name(territories[language][iso]), language, "name")
                       for language in LANGUAGES if iso in territories[language]]
            aliases += _aliases(raw.get("aliases"), "name")
            aliases += _aliases(raw.get("adjectives"), "adjective")
            aliases += _with_unaccented(_aliases(raw.get("seat_of_government"), "seat"))
            entries[raw["id"]] = GazetteerEntry(
                id=raw["id"], name=raw.get("name") or _clean_babel_name(territories["en"][iso]), type="country",
                wikidata=raw.get("wikidata"), kind="state", aliases=aliases)
    for path in sorted(folder.glob("*.yaml")):
        if path.name == "countries.yaml":
            continue
        for raw in _read_yaml_list(path):
            entries[raw["id"]] = GazetteerEntry(
                id=raw["id"], name=raw["name"], type=raw["type"], wikidata=raw.get("wikidata"),
                kind=raw.get("kind"), country=raw.get("country"), organization=raw.get("organization"),
                category=raw.get("category"),
                family=raw.get("family"), institution=raw.get("institution"),
                aliases=_aliases(raw.get("aliases"), "name") + _aliases(raw.get("adjectives"), "adjective"))
            if raw["type"] == "person":
                entries[raw["id"]].aliases = _full_names_in_cases(entries[raw["id"]].aliases)
    entries.update(_institution_entries(entries, folder.parent / "institutions.yaml"))
    return Gazetteer(entries)


def _institution_entries(entries: dict[str, GazetteerEntry], path: Path) -> dict[str, GazetteerEntry]:
    """Every state's institutions of each kind in data/institutions.yaml that no entry is tagged with."""
    kinds = read_data_file(path) if path.exists() else {}
    tagged = {(e.country, e.institution) for e in entries.values() if e.institution}
    made: dict[str, GazetteerEntry] = {}
    for state in [e for e in entries.values() if e.type == "country"]:
        adjective = state.english_adjective()
        for kind, spec in (kinds or {}).items():
            if (state.id, kind) in tagged:
                continue
            entity_id = f"{state.id}-{spec['id']}"
            if entity_id in entries:
                raise ValueError(f"{path.name}: {entity_id} is already a gazetteer id")
            name = spec["name"].format(adjective=adjective) if adjective else spec["name_of"].format(
                name=_with_article(state.name))
            made[entity_id] = GazetteerEntry(id=entity_id, name=name, type="organization", kind=spec["kind"],
                                             country=state.id, institution=kind, generated=True)
    return made


@dataclass(frozen=True)
class Lexicon:
    """A language's cue lexicon (see data/lexicons/en.yaml for what each section means)."""

    language: str
    data: dict

    def words(self, *path: str) -> list[str]:
        node = self.data
        for key in path:
            node = (node or {}).get(key)
        return [str(word) for word in (node or [])]

    def cue_labels(self) -> dict[str, list[str]]:
        """Every cue phrase by label, e.g. ``transfer:give_verbs`` or ``marker:goal``."""
        labels: dict[str, list[str]] = {}
        for claim_type, groups in (self.data.get("claims") or {}).items():
            for group, words in (groups or {}).items():
                labels[f"{claim_type}:{group}"] = [str(w) for w in words or []]
        for role, words in (self.data.get("markers") or {}).items():
            labels[f"marker:{role}"] = [str(w) for w in words or []]
        for section in ("reporting", "modality", "observations"):
            for key, words in (self.data.get(section) or {}).items():
                labels[f"{section}:{key}"] = [str(w) for w in words or []]
        for key in ("intention", "possessive", "determiners", "coordinators", "complementizers", "relatives",
                    "place_relatives", "purchase_words", "purchase_places",
                    "conditionals", "first_person", "first_person_possessive", "third_person", "third_person_possessive",
                    "titles",
                    "related_links", "contrastive", "dative_clitics", "warned_against", "prohibitions", "suspensions",
                    "trade_words", "requests",
                    "time_nouns", "auxiliaries", "arrival_places", "sending_verbs", "shares", "thanks_for", "support_verbs",
                    "clause_prepositions", "refusals", "refused_words", "any_recipients", "beneficiary_markers",
                    "addressee_verbs", "reportive", "currencies", "made_by", "reported_by", "infinitive_markers", "consequences",
                    "government_nouns", "correlative_openers", "correlative_joiners", "idioms", "countered",
                    "country_anaphors"):
            labels[key] = self.words(key)
        # "ministre * de la Défense": a state's adjective may stand inside a title ("le ministre néerlandais de la
        # Défense X"); the whole phrase is a title, and its tail is marked for the rules to join to the head
        split = [t.partition("*") for t in labels["titles"] if "*" in t]
        labels["titles"] = [t for t in labels["titles"] if "*" not in t] + [
            f"{head.strip()} {tail.strip()}" for head, _, tail in split]
        labels["title_tails"] = [tail.strip() for _, _, tail in split]
        for kind, words in (self.data.get("person_anaphors") or {}).items():
            labels[f"person_anaphors:{kind}"] = [str(w) for w in words or []]
        for kind, words in (self.data.get("person_anaphor_titles") or {}).items():
            labels[f"person_anaphor_titles:{kind}"] = [str(w) for w in words or []]
        for kind, words in (self.data.get("pair_anaphors") or {}).items():
            labels[f"pair_anaphors:{kind}"] = [str(w) for w in words or []]
        for kind, words in (self.data.get("type_cues") or {}).items():
            labels[f"type_cue:{kind}"] = [str(w) for w in words or []]
        labels["legal_forms"] = self.words("legal_forms")
        labels.setdefault("type_cue:organization", []).extend(labels["legal_forms"])
        # "ministère * de la Défense": the whole phrase, and its two halves for an adjective between them
        for kind, words in (self.data.get("institutions") or {}).items():
            for word in map(str, words or []):
                head, star, tail = (part.strip() for part in word.partition("*"))
                labels.setdefault(f"institution:{kind}", []).append(f"{head} {tail}" if star else word)
                if star:
                    labels.setdefault(f"institution_head:{kind}", []).append(head)
                    labels.setdefault(f"institution_tail:{kind}", []).append(tail)
        for key in ("institution_links", "institution_seat_links"):
            labels[key] = self.words(key)
        # "unnamed_sources:group:officials", "unnamed_sources:qualifier:Western": the key is the English word
        for part, entries in (self.data.get("unnamed_sources") or {}).items():
            for english, words in (entries or {}).items():
                labels[f"unnamed_sources:{part.rstrip('s')}:{english}"] = [str(w) for w in words or []]
        return labels


@lru_cache(maxsize=None)
def load_lexicon(language: str) -> Lexicon:
    path = DATA / "lexicons" / f"{language}.yaml"
    data = read_data_file(path) or {}
    return Lexicon(language, data)
