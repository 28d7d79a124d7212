"""A sentence seen the way the claim rules need it: cues, clauses and participants with their role markers.

No parser is needed (none is installable for most languages here): roles come
from the words that introduce a participant ("to", "from", "by", "alla",
"dalla", "da parte di", "из", "в"), possessives, adjectives of nationality
next to a weapon ("Iranian drones"), and word order within a clause.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

from spacy.tokens import Doc, Span

from armsgraph.extract.dates import is_calendar_word, is_year_word
from armsgraph.extract.entities import ACTOR_TYPES, APPOSITION_OPENERS, ITEM_TYPES, DocEntities, EntityMention
from armsgraph.extract.morphology import case_of_name, is_passive, is_preposition
from armsgraph.extract.resources import load_lexicon
from armsgraph.extract.words import QUOTE_MARKS, Words


@lru_cache(maxsize=None)
def seat_suffixes(language: str) -> frozenset[str]:
    """The lexicon's words after a hyphen that make a place a body's seat ("Türkiye-based")."""
    return frozenset(w.lower() for w in load_lexicon(language).words("seat_suffixes"))


ROLE_MARKERS = ("source", "goal", "agent", "with", "between")
MARKER_PRIORITY = ("agent", "source", "goal", "with", "between", "genitive", "other", "adverbial")
SCOPE_LIMIT = 8  # tokens a role marker's phrase may run
# words after "according to" where its source is named ("according to flight-tracking data reviewed by The Defense
# Post")
FRAME_REACH = 8
TITLE_BODY_GAP = 3  # words between a title and the body it names, and between the body and the person's name
APPOSITION_LENGTH = 16  # words an apposition to a name may run to before its closing comma
PUNCT_STOPS = {",", ";", ":", ".", "!", "?", "—", "–", "(", ")", "\"", "“", "”", "«", "»", "\n"}


@dataclass
class Actor:
    """A participant candidate: a country, organisation or person mentioned in the sentence."""

    mention: EntityMention
    # source | goal | agent | with | between | other | attribution | acronym (a source's, in brackets) | None
    # (unmarked)
    marker: str | None = None
    marker_token: int | None = None
    possessive: bool = False
    origin_of: int | None = None  # token index of the item it modifies ("Iranian drones")
    # the mention's, copied: the rules read them thousands of times per document
    entity: str = field(init=False, repr=False, compare=False)
    start: int = field(init=False, repr=False, compare=False)
    end: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.entity, self.start, self.end = self.mention.entity, self.mention.start, self.mention.end

    @property
    def adjective(self) -> bool:
        return self.mention.form == "adjective"

    @property
    def free(self) -> bool:
        """Can be a clause's subject or direct object: not introduced by a preposition, not a modifier."""
        return self.marker is None and self.origin_of is None and not self.possessive


@dataclass
class DocCues:
    """The cue matcher's output indexed by token (sparse: most tokens carry no cue), and the texts it is read with."""

    doc: Doc
    words: Words
    covering: dict[int, set[str]] = field(default_factory=dict)
    starting: dict[int, dict[str, int]] = field(default_factory=dict)  # label -> end token

    @property
    def text(self) -> str:
        return self.words.text

    @property
    def texts(self) -> list[str]:
        return self.words.texts

    @classmethod
    def index(cls, doc: Doc, words: Words | None = None) -> "DocCues":
        covering: dict[int, set[str]] = {}
        starting: dict[int, dict[str, int]] = {}
        named = {i for hit in doc._.mentions or [] for i in range(hit.start, hit.end)}
        framing = {i for start, end, label in doc._.cues or [] if label == "reporting:frames" for i in range(start, end)}
        idioms = {i for start, end, label in doc._.cues or [] if label == "idioms" for i in range(start, end)}
        words = words or Words.of(doc)
        for start, end, label in doc._.cues or []:
            if label in NOT_IN_NAMES and not named.isdisjoint(range(start, end)):
                continue  # a name is not a function word: "US" is not "us"; nor does the "State Department" state
            if label == "reporting:verbs" and end - start == 1 and words.hyphenated(start):
                continue  # nor does a "state-run" outlet state, nor a "self-declared" one declare
            if start in framing and end - 1 in framing and label.split(":", 1)[0] in CLAIM_TYPES:
                continue  # nor is a word of "according to" (lemma "accord") a claim's
            if label == "reporting:verbs" and start in idioms:
                continue  # nor does one "known as Hemedti" report
            labels = starting.setdefault(start, {})
            labels[label] = max(labels.get(label, 0), end)
            for i in range(start, end):
                covering.setdefault(i, set()).add(label)
        return cls(doc, words, covering, starting)

    # --- by label, in token order: the rules ask "is there an X between these tokens?" ---------
    @cached_property
    def tokens_of(self) -> dict[str, list[int]]:
        """label -> the tokens its cues cover, sorted."""
        return _tokens_by_label(self.covering)

    @cached_property
    def starts_of(self) -> dict[str, list[int]]:
        """label -> the tokens its cues start at, sorted."""
        return _tokens_by_label(self.starting)

    @cached_property
    def covered(self) -> list[int]:
        return sorted(self.covering)

    @cached_property
    def trigger_starts(self) -> list[int]:
        """Tokens where a claim trigger starts."""
        return sorted({i for label in self._claim_labels for i in self.starts_of[label]})

    @cached_property
    def marker_starts(self) -> list[int]:
        """Tokens where a role marker starts."""
        return sorted({i for label in self.starts_of if label.startswith("marker:") for i in self.starts_of[label]})

    @cached_property
    def trigger_tokens(self) -> frozenset[int]:
        return frozenset(i for label in self._claim_labels for i in self.tokens_of[label])

    @cached_property
    def _claim_labels(self) -> list[str]:
        return [label for label in self.starts_of if label.split(":", 1)[0] in CLAIM_TYPES]

    @cached_property
    def boundaries(self) -> list[int]:
        """Tokens that end a clause: complementizers, relative pronouns, conditionals, ";" and ":"."""
        found = {i for label in ("complementizers", "relatives", "conditionals") for i in self.tokens_of.get(label, ())}
        found.update(i for i, text in enumerate(self.texts) if text in {";", ":"})
        found.update(i for i in self.tokens_of.get("clause_prepositions", ()) if self._opens_clause(i))
        openers = self.tokens_of.get("correlative_openers", ())
        if openers:
            # "sia la Corea del Nord che la Russia": the pair's second word joins, it opens no clause
            found -= {i for i in self.tokens_of.get("correlative_joiners", ())
                      if any(i - CORRELATIVE_REACH <= o < i for o in openers)}
        return sorted(found)

    def _opens_clause(self, i: int) -> bool:
        """"two weeks after Washington cleared a package for Taiwan", "since the United States approved the sale":
        a preposition that may open a clause (the lexicon's ``clause_prepositions``) does when a capitalised name
        and then a verb follow it (a claim verb that cannot be a noun, a verb taking a claim noun, a reporting
        verb or an auxiliary), with no punctuation between."""
        texts = self.texts
        for j in range(i + 1, min(len(texts), i + 1 + CLAUSE_OPENER_REACH)):
            if not texts[j][:1].isalnum() or j == i + 1 and not (texts[j][:1].isupper() or FUNCTION_WORDS & self.covering.get(j, _EMPTY)):
                return False
            labels = self.starting.get(j, _NO_CUES)
            if j > i + 1 and texts[j][:1].islower() and (
                    any(label in ("support_verbs", "reporting:verbs", "auxiliaries") for label in labels)
                    or any(label.split(":", 1)[0] in CLAIM_TYPES for label in labels)
                    and not any(label.endswith("nouns") for label in labels)):
                return True
        return False

    @cached_property
    def boundary_set(self) -> frozenset[int]:
        return frozenset(self.boundaries)

    @cached_property
    def comma_stops(self) -> list[int]:
        """Tokens ",", ";" and ":"."""
        return [i for i, text in enumerate(self.texts) if text in {",", ";", ":"}]

    def any_in(self, label: str, start: int, end: int) -> bool:
        """Whether a cue with this label covers a token in [start, end)."""
        return self.first_in(label, start, end) is not None

    def first_in(self, label: str, start: int, end: int) -> int | None:
        """The first token in [start, end) a cue with this label covers."""
        return _first_between(self.tokens_of.get(label, ()), start, end)

    def covered_in(self, label: str, start: int, end: int) -> list[int]:
        """Tokens in [start, end) a cue with this label covers."""
        return _between(self.tokens_of.get(label, ()), start, end)

    def starts_in(self, label: str, start: int, end: int) -> list[int]:
        """Tokens in [start, end) where a cue with this label starts."""
        return _between(self.starts_of.get(label, []), start, end)

    def labels(self, i: int) -> set[str]:
        return self.covering.get(i, _EMPTY)

    def starts_at(self, i: int) -> dict[str, int]:
        return self.starting.get(i, _NO_CUES)

    def has(self, i: int, label: str) -> bool:
        return label in self.covering.get(i, _EMPTY)

    def has_prefix(self, i: int, prefix: str) -> bool:
        return any(label.startswith(prefix) for label in self.covering.get(i, _EMPTY))

    def starts(self, i: int, label: str) -> int | None:
        """End token of a cue with this label starting at token i."""
        return self.starting.get(i, _NO_CUES).get(label)

    def marker_at(self, i: int) -> tuple[str, int] | None:
        """The longest role marker starting at token i: (role, end token); on a tie ("vom": agent, source,
        genitive) the role that says most. None inside a set phrase ("Между тем", meanwhile: no "between")."""
        if "idioms" in self.covering.get(i, _EMPTY):
            return None
        best = None
        for label, end in self.starting.get(i, _NO_CUES).items():
            if not label.startswith("marker:"):
                continue
            role = label.split(":", 1)[1]
            rank = (end, -MARKER_PRIORITY.index(role) if role in MARKER_PRIORITY else -99)
            if best is None or rank > best[2]:
                best = (role, end, rank)
        return (best[0], best[1]) if best else None


def _between(tokens: list[int], start: int, end: int) -> list[int]:
    """The items of a sorted list of tokens in [start, end)."""
    return tokens[bisect_left(tokens, start):bisect_left(tokens, end)]


def _last_between(tokens: list[int], start: int, end: int) -> int | None:
    k = bisect_left(tokens, end)
    return tokens[k - 1] if k > 0 and tokens[k - 1] >= start else None


def _first_between(tokens, start: int, end: int) -> int | None:
    k = bisect_left(tokens, start)
    return tokens[k] if k < len(tokens) and tokens[k] < end else None


_EMPTY: frozenset[str] = frozenset()
FUNCTION_WORDS = {"first_person", "first_person_possessive", "third_person", "determiners", "coordinators",
                  "complementizers", "relatives", "conditionals"}
NOT_IN_NAMES = FUNCTION_WORDS | {"reporting:verbs"}
_NO_CUES: dict[str, int] = {}


CORRELATIVE_REACH = 8  # words from a correlative pair's first word to its second ("sia la Corea del Nord che")
CLAUSE_OPENER_REACH = 6  # words from a clause-opening preposition to the verb of its clause
REPORTED_CLAUSE_REACH = 6  # a reporting verb stands at most this many words before its "that" ("told Reuters that")


class SentenceView:
    def __init__(self, sent: Span, cues: DocCues, entities: DocEntities):
        self.sent = sent
        self.doc = sent.doc
        self.cues = cues
        self.texts = cues.texts
        self.start = sent.start
        self.end = sent.end
        starts = entities.starts
        self.mentions = entities.mentions[bisect_left(starts, self.start):bisect_left(starts, self.end)]
        self.entity_info = entities.info

    def state_of(self, entity_id: str | None) -> str | None:
        """The state an entity is or belongs to (a country itself, a person's or body's country)."""
        info = self.entity_info.get(entity_id) if entity_id else None
        if info is None:
            return None
        return info.id if info.type == "country" else info.country

    @cached_property
    def has_cues(self) -> bool:
        return _first_between(self.cues.covered, self.start, self.end) is not None

    # --- tokens -------------------------------------------------------------------------------
    @cached_property
    def text(self) -> str:
        """The sentence's text, sliced from the document's (``Span.text`` joins its tokens one by one)."""
        return self.cues.text[self.sent.start_char:self.sent.end_char]

    @property
    def trigger_starts(self) -> list[int]:
        """Tokens of the sentence where a claim trigger starts."""
        return _between(self.cues.trigger_starts, self.start, self.end)

    def is_punct_stop(self, i: int) -> bool:
        text = self.texts[i]
        return text in PUNCT_STOPS or "\n" in text

    @cached_property
    def quote_marks(self) -> list[int]:
        """The sentence's quotation marks: the words between an odd one and the next even one are quoted."""
        return [k for k in range(self.start, self.end) if self.texts[k] in QUOTE_MARKS]

    def quote_around(self, k: int) -> tuple[int, int] | None:
        """(opening mark, closing mark or the sentence's end) of the quote token k stands in, or None."""
        before = bisect_left(self.quote_marks, k)
        if before % 2 == 0:
            return None
        return self.quote_marks[before - 1], (self.quote_marks[before] if before < len(self.quote_marks)
                                              else self.end)

    def is_clause_boundary(self, i: int) -> bool:
        return i in self.cues.boundary_set

    @cached_property
    def _boundaries(self) -> list[int]:
        return _between(self.cues.boundaries, self.start, self.end)

    def clause_start(self, i: int) -> int:
        """First token of the clause holding token i (after the nearest boundary before it)."""
        k = bisect_left(self._boundaries, i)
        return self._boundaries[k - 1] + 1 if k > 0 else self.start

    def clause_end(self, i: int) -> int:
        """The boundary token ending the clause that holds token i (or the sentence's end)."""
        k = bisect_right(self._boundaries, i)
        return self._boundaries[k] if k < len(self._boundaries) else self.end

    def phrase_end(self, i: int) -> int:
        """The first comma, semicolon or colon from token i on, else the end of its clause: what is said after
        "warned that", what is listed after a sanctions list."""
        end = self.clause_end(i)
        return next((k for k in range(i, end) if self.texts[k] in (",", ";", ":")), end)

    def _relative_opening(self, clause_start: int, end: int) -> tuple[int, int] | None:
        """(relative pronoun, end of the word it follows) when one opens the clause, a comma between them."""
        relative = next((k for k in (clause_start - 1, clause_start) if self.start <= k < end
                         and self.cues.has(k, "relatives")), None)
        if relative is None:
            return None
        return relative, relative - 1 if relative - 1 >= self.start and self.texts[relative - 1] == "," else relative

    def relative_antecedent(self, clause_start: int, end: int) -> Actor | None:
        """"insieme alla Francia, che aveva fornito i missili", "China, que junto a Pakistán había ofrecido", "з
        Італії, які потім переправляли": the name right before a relative pronoun that opens the clause (a
        comma between) is the subject of its verb, whatever preposition it has in its own clause."""
        opening = self._relative_opening(clause_start, end)
        if opening is None or self.opens_reported_clause(opening[0]) or self.cues.has(opening[0], "place_relatives"):
            return None  # (the name before "where" is where it happens: "прилетел в Тегеран, где встретился")
        relative, last = opening
        word = self.texts[last - 1] if last - 1 > self.start else ""
        if last < relative and word.isalpha() and word.islower():
            last -= 1  # an adjective after the name: "En Croatie voisine, qui a reçu ..."
        found = next((a for a in self.actors if a.end == last and not a.adjective and not a.possessive
                      and a.marker != "attribution"), None)
        if found is not None and found.marker == "other" and found.marker_token is not None:
            # a place that qualifies the name before it: "La Embajada de Rusia en Madrid, que dirige X"
            head = next((a for a in self.actors if a.end == found.marker_token and not a.adjective
                         and not a.possessive and a.marker != "attribution"), None)
            found = head or found
        return found

    def relative_of_an_item(self, clause_start: int, end: int) -> bool:
        """Whether the clause opens with a relative pronoun whose antecedent is goods: "el primer cliente del K2,
        que ya exporta a Polonia" (its verb's subject is not a name further back)."""
        opening = self._relative_opening(clause_start, end)
        return opening is not None and any(m.end == opening[1] for m in self.items)

    def opens_reported_clause(self, k: int) -> bool:
        """Whether token k is a complementizer after a reporting verb: "ha detto all'agenzia Reuters che ...",
        "said on Monday that ..." (what follows is what was said; the names before it are not its subjects)."""
        if k <= self.start or not self.cues.has(k, "complementizers"):
            return False
        cited = self._cited_between_commas(k - 1)
        if cited is not None:
            k = cited  # past the source cited between commas: "reported on Monday, citing unnamed experts, that"
        for j in range(k - 1, max(self.clause_start(k - 1), k - REPORTED_CLAUSE_REACH) - 1, -1):
            if self.texts[j] == "," and j < k - 1:
                return False  # "as we said, Russia transferred UAVs that it had purchased"
            # (the comma right before it is the one Russian, Ukrainian and German write there: "утверждает,
            # что"; a warning's verb opens what it warns of too: "warned on Monday that tanks sent by Croatia")
            if (self.cues.has(j, "reporting:verbs") or self.cues.has(j, "reporting:denial")
                    or self.cues.has(j, "warning:verbs")):
                return True
            if self.is_trigger(j):
                return False
        return False

    def _cited_between_commas(self, close: int) -> int | None:
        """The opening comma of ", citing X," or ", according to X," that the comma at ``close`` ends."""
        if close <= self.start or self.texts[close] != ",":
            return None
        opening = next((j for j in range(close - 1, max(self.start, close - REPORTED_CLAUSE_REACH) - 1, -1)
                        if self.texts[j] == ","), None)
        return opening if opening is not None and self.cues.has(opening + 1, "reporting:frames") else None

    def closed_relative(self, clause_start: int, end: int) -> int | None:
        """The comma closing a relative clause that opens the clause of token ``end`` ("Iran, which Washington
        calls a threat, supplied", "John Kirby, who spoke to reporters, said"), when the relative pronoun has
        a named antecedent and only the verb's own words follow that comma."""
        if self.relative_antecedent(clause_start, end) is None:
            return None
        comma = next((k for k in range(end - 1, clause_start, -1) if self.texts[k] == ","), None)
        if comma is None or self.cues.has(comma + 1, "coordinators") or self.cues.has(comma + 1, "contrastive"):
            return None
        return comma

    def in_conditional(self, i: int) -> bool:
        """Inside "if X supplies ..." up to the next comma or clause boundary: a conditional before token i
        with no comma, ";", ":" or complementizer between them."""
        conditional = _last_between(self.cues.tokens_of.get("conditionals", []), self.start, i)
        if conditional is None:
            return False
        if conditional > self.start and self.cues.has(conditional - 1, "modality:possible"):
            return False  # "non è chiaro se", "no está claro si", "on ignore si": an open question, no condition
        stops = (_last_between(self.cues.tokens_of.get("complementizers", []), self.start, i),
                 _last_between(self.cues.comma_stops, self.start, i))
        return all(stop is None or stop <= conditional for stop in stops)

    def first_person_before(self, start: int, end: int) -> bool:
        return self.cues.any_in("first_person", start, end)

    # --- participants -------------------------------------------------------------------------
    @cached_property
    def items(self) -> list[EntityMention]:
        return [m for m in self.mentions if m.type in ITEM_TYPES]

    @cached_property
    def locations(self) -> list[EntityMention]:
        return [m for m in self.mentions if m.type == "location"]

    @cached_property
    def name_tokens(self) -> frozenset[int]:
        """Tokens inside the names of anyone or anywhere (not materiel, whose names hold cue words: "lethal
        aid"): a cue word there is part of the name ("Forces armées maliennes", "l'intelligence di Seul")."""
        return frozenset(k for m in self.mentions if m.type != "materiel" for k in range(m.start, m.end))

    @cached_property
    def unknown_starts(self) -> set[int]:
        """Where the names of no known type ("Regierungskreisen") start."""
        return {m.start for m in self.mentions if m.type == "other"}

    @cached_property
    def actors(self) -> list[Actor]:
        actors = []
        previous: Actor | None = None
        for m in self.mentions:
            if m.type not in ACTOR_TYPES:
                continue
            # "the Democratic People's Republic of Korea (DPRK)": an apposition repeats, it does not add
            # (not across words: "The Kremlin denied that Russia had received")
            if previous and previous.entity == m.entity and m.start - previous.end <= 2 and all(
                    not self.texts[k][:1].isalnum() for k in range(previous.end, m.start)):
                continue
            if m.type == "country" and m.form != "adjective" and (self._names_a_titled_person(m.end) or (
                    m.start > self.start and self.cues.has(m.start - 1, "titles") and m.end in self._person_starts)):
                # "met UAE President Mohamed bin Zayed", "US Secretary of State Antony Blinken", "с президентом России
                # Владимиром Путиным": the state's name says whose title it is, as "Russian" does in "Russian
                # President Vladimir Putin"
                m = replace(m, form="adjective")
            elif m.type == "organization" and (self._body_of_a_title(m) or m.form != "adjective"
                                               and self._names_a_titled_person(m.end)):
                # "il ministro delle Forze armate francese Sébastien Lecornu", "RSF leader Mohamed Hamdan Dagalo"
                m = replace(m, form="adjective")
            elif m.type == "country" and m.form == "adjective" and self._nationality_of_a_body(m):
                continue  # "la sudcoreana Hanwha Aerospace", "the Russian firm Rosoboronexport": the body is the party
            if m.type == "person":
                m = self._leaders_government(m) or m
            actor = Actor(m)
            actors.append(actor)
            previous = actor
        self._mark_roles(actors)
        self._mark_modifiers(actors)
        return actors

    def _leaders_government(self, m: EntityMention) -> EntityMention | None:
        """A person's government is their state as a party: "Abiy Ahmed's government", "the Maduro government",
        "il governo di Meloni", "правительство Мишустина" (the lexicon's ``government_nouns``)."""
        state = self.state_of(m.entity)
        if state is None:
            return None
        k = m.end + 1 if m.end < self.end and self.cues.has(m.end, "possessive") else m.end
        if k < self.end and self.cues.has(k, "government_nouns"):
            return EntityMention(m.start, k + 1, state, "name", "country")
        k = m.start - 1
        if k - 1 >= self.start and self.cues.has(k, "marker:genitive"):
            k -= 1  # "the government of Abiy Ahmed", "il governo di Meloni" (Russian's genitive needs no word)
        if k >= self.start and self.cues.has(k, "government_nouns"):
            return EntityMention(k, m.end, state, "name", "country")
        return None

    def before_determiners(self, k: int) -> int:
        """The token before ``k``, past any determiners (``self.start - 1`` when none is left): the word a
        phrase's article follows ("of the Security Council", "sia la Corea del Nord")."""
        k -= 1
        while k > self.start and self.cues.has(k, "determiners"):
            k -= 1
        return k

    def _body_of_a_title(self, m: EntityMention) -> bool:
        """A body named inside a title, the person's name right after it: "il ministro delle Forze armate francese
        Sébastien Lecornu" (the body says whose minister; the person is the party)."""
        titled = any(self.cues.has(k, "titles") for k in range(max(self.start, m.start - TITLE_BODY_GAP), m.start))
        return titled and any(k in self._person_starts for k in range(m.end, min(self.end, m.end + TITLE_BODY_GAP)))

    def _nationality_of_a_body(self, m: EntityMention) -> bool:
        """A state's adjective right before a company or another body's name, perhaps with a common noun for it
        between ("the South Korean firm Hanwha Ocean"): it says where the body is from."""
        after = next((n for n in self.mentions if n.start >= m.end), None)
        if after is None or after.type != "organization" or after.form != "name" or after.start - m.end > 2:
            return False
        return all(self.cues.has(k, "type_cue:organization_before") for k in range(m.end, after.start))

    def _names_a_titled_person(self, k: int) -> bool:
        """Title words from token ``k`` (a genitive's words among them: "Secretary of State"), then a person's
        name."""
        return k < self.end and self.cues.has(k, "titles") and self.past_title_words(k) in self._person_starts

    def past_title_words(self, k: int) -> int:
        """The first token from ``k`` on that is neither a title word nor a capitalised word starting no name:
        where the name after "President Sheikh" or "Secretary of State" starts."""
        while k < self.end and (self.cues.has(k, "titles")
                                or self.texts[k][:1].isupper() and k not in self._mention_starts):
            k += 1
        return k

    @cached_property
    def _mention_starts(self) -> set[int]:
        return {m.start for m in self.mentions}

    @cached_property
    def _person_starts(self) -> set[int]:
        return {m.start for m in self.mentions if m.type == "person"}

    def _mark_roles(self, actors: list[Actor]) -> None:
        by_start = {a.start: a for a in actors}
        self._mark_attributions(by_start)
        # a marker word inside a name is part of the name ("Beyond Parallel said Kim met Putin")
        named = {k for a in actors for k in range(a.start, a.end)}
        i = self.start
        for k in _between(self.cues.marker_starts, self.start, self.end):
            if k < i or k in named or self.cues.has(k, "titles") or self._splits_title(k, by_start):
                continue  # inside the last marker's phrase, a name or a title ("le ministre de la Défense X")
            found = self.cues.marker_at(k)
            if found is None:
                continue  # a set phrase ("Между тем")
            i = k
            role, end = found
            if role == "goal" and i > self.start and self.cues.has(i - 1, "reporting:verbs"):
                # Spanish's personal "a": in "acusa a Teherán de haber suministrado" Teherán is the accused
                i = max(end, i + 1)
                continue
            if role in ROLE_MARKERS and not self.cues.has(i, "reporting:frames"):
                self._mark_phrase(by_start, role, i, end)
            elif role == "other":
                for j in range(end, min(self.end, end + 4)):
                    # "$300 million in weapons to Ukraine": the next marker takes what follows it;
                    # "On 13 September Kim Jong Un met Putin", "On Friday the State Department approved": a month
                    # or a weekday ends the date the marker governs,
                    # and "Im vergangenen Jahr lieferte Nordkorea": a claim's verb ends the phrase (a cue
                    # that may be a noun may be the marker's object: "beim Treffen der Kontaktgruppe"), and so
                    # does an auxiliary ("Im vergangenen Jahr hatte Nordkorea … geliefert")
                    if (self.is_punct_stop(j) or self.is_clause_boundary(j) or self.cues.marker_at(j)
                            or self._is_calendar_word(j) or self._is_year(j) or self._only_a_verb(j)
                            or self.cues.has(j, "auxiliaries") or self._new_phrase(j, end)
                            or self.cues.has(j, "reporting:verbs")):  # "Про це повідомляє агентство Reuters"
                        break
                    actor = by_start.get(j)
                    if actor is not None:
                        if actor.marker is None and not self.is_clause_boundary(i) and not (
                                j > end and self._nominative(actor)):
                            actor.marker, actor.marker_token = "other", i
                        break
            i = max(end, i + 1)
        self._mark_case_roles(actors)

    def _splits_title(self, k: int, by_start: dict[int, Actor]) -> bool:
        """Whether token k opens the rest of a title a state's adjective split: "le ministre néerlandais | de la
        Défense Ruben Brekelmans" (its "de" marks no role)."""
        if not self.cues.has(k, "title_tails"):
            return False
        adjective = next((a for a in by_start.values() if a.end == k and a.adjective), None)
        return adjective is not None and adjective.start > self.start and self.cues.has(adjective.start - 1, "titles")

    def _mark_case_roles(self, actors: list[Actor]) -> None:
        """Roles a name's case gives it with no preposition (the lexicon's ``case_roles``): in Russian a bare
        dative is a recipient ("в поставках ракет Москве"), a bare instrumental a passive's agent ("переданы
        России Пхеньяном"). Only a name that can be read in that case alone counts ("КНДР" could be any), not
        one governed by a preposition ("перед Россией"), and an agent only beside a passive in its clause
        ("сказал Блинкен … с главой МИД Дэвидом Лэмми" is no agent)."""
        language = self.sent.doc.lang_
        roles = load_lexicon(language).data.get("case_roles")
        if not roles:
            return
        for actor in actors:
            if actor.marker is not None or actor.adjective or (
                    actor.start > self.start and is_preposition(self.texts[actor.start - 1], language)):
                continue
            if self._after_goods_participle(actor, language):
                # "Abrams, переданих США": a bare name after a participle that qualifies the goods made it
                # so (an indeclinable name has no case to say it)
                actor.marker, actor.marker_token = "agent", actor.start
                continue
            role = roles.get(case_of_name(self._case_bearer(actor), language))
            if role not in ROLE_MARKERS:
                continue
            clause = range(self.clause_start(actor.start), self.clause_end(actor.start))
            if role == "agent" and not any(is_passive(self.texts[k], language) for k in clause
                                           if not actor.start <= k < actor.end):
                continue
            actor.marker, actor.marker_token = role, actor.start

    def _case_bearer(self, actor: Actor) -> list[str]:
        """The words whose case is the name's: the name's own, or the title's head right before it, which the
        name agrees with ("его французский коллега Себастьен Лекорню" is nominative, though "Лекорню" alone reads
        as a dative)."""
        k = actor.start
        while k > self.start and self.cues.has(k - 1, "titles"):
            k -= 1
        return [self.texts[k]] if k < actor.start else self.texts[actor.start:actor.end]

    def _is_year(self, i: int) -> bool:
        """A year ends the phrase a marker governs: "с 2022 года Тегеран передал", "Nel 2023 la Russia"."""
        return is_year_word(self.texts[i])

    def _new_phrase(self, j: int, first: int) -> bool:
        """A determiner after a common word opens another phrase: in "In precedenza la Russia aveva fornito"
        the marker governs "precedenza", not Russia."""
        previous = self.texts[j - 1]
        return j > first and self.cues.has(j, "determiners") and previous.isalpha() and previous.islower() and (
            not self.cues.has(j - 1, "determiners"))

    def _only_a_verb(self, i: int) -> bool:
        """A claim cue starting here that cannot be read as a noun ("lieferte", not "Treffen"; where every noun is
        capitalised, "traf", whose lemma "treffen" is also the noun's)."""
        labels = self.cues.starts_at(i)
        return bool(labels) and self.is_trigger(i) and (
            not any(label.endswith("nouns") for label in labels) or self.lower_case_where_nouns_are_not(i))

    def _is_calendar_word(self, i: int) -> bool:
        """A month's or a weekday's name ("September", "сентябре", "Friday")."""
        return is_calendar_word(self.texts[i], self.sent.doc.lang_)

    @cached_property
    def purchase_goal_sells(self) -> bool:
        """Whether the goal marker after a purchase names the seller (the lexicon's ``purchase_goal_sells``: "la
        compra de 17 cazas a Saab", not "its imports to the UN Register")."""
        return bool(load_lexicon(self.sent.doc.lang_).data.get("purchase_goal_sells"))

    @cached_property
    def verb_second(self) -> bool:
        """Whether a fronted phrase puts the subject right after the finite verb (the lexicon's ``word_order``:
        "Im vergangenen Jahr lieferte Nordkorea Granaten an Russland")."""
        return load_lexicon(self.sent.doc.lang_).data.get("word_order") == "verb_second"

    @cached_property
    def complementizer_optional(self) -> bool:
        """Whether a reported clause may open without "that" (the lexicon's ``complementizer_optional``: "Treasury
        said the army had ...")."""
        return bool(load_lexicon(self.sent.doc.lang_).data.get("complementizer_optional"))

    @cached_property
    def nouns_capitalised(self) -> bool:
        """Whether every noun is capitalised (the lexicon's ``nouns_capitalised``: German)."""
        return bool(load_lexicon(self.sent.doc.lang_).data.get("nouns_capitalised"))

    def lower_case_where_nouns_are_not(self, i: int) -> bool:
        """A word in lower case where every noun is capitalised: no noun ("traf", not "Treffen")."""
        return self.nouns_capitalised and not self.texts[i][:1].isupper()

    def _governed_noun(self, j: int, by_start: dict[int, Actor]) -> bool:
        """Where every noun is capitalised, a capitalised word that names no one is the noun a preposition
        governs, which ends its phrase unless a genitive or the name it types follows: "nach Kriegsbeginn | hatte
        der US-Sender", but "an die Streitkräfte der Ukraine", "an den deutschen Hersteller Rheinmetall"."""
        if not self.nouns_capitalised or j in by_start or not self.texts[j][:1].isupper():
            return False
        nxt = j + 1
        return nxt >= self.end or not (self.cues.has(nxt, "determiners") or self.cues.has(nxt, "marker:genitive")
                                       or nxt in by_start)

    def _mark_attributions(self, by_start: dict[int, Actor]) -> None:
        """"according to X", "secondo X", "laut X": X is a source, not a participant."""
        for i in self.cues.starts_in("reporting:frames", self.start, self.end):
            end = self.cues.starts(i, "reporting:frames")
            if self.cues.has(i, "complementizers"):
                continue
            for j in range(end, min(self.end, end + FRAME_REACH)):
                # "Laut dem Geheimdienst soll Nordkorea ...": the hedge or verb after an unnamed source ends it
                # (and "with" after the source's noun starts the verb's own phrase: "verhandelt Vilnius nach Angaben
                # des Ministeriums mit Schweden")
                if self.is_punct_stop(j) and not self._quotes_name(j, by_start) or self.is_trigger(j) or (
                        self.cues.has_prefix(j, "modality:")) or (j > end and self.cues.has(j, "marker:with")):
                    break
                actor = by_start.get(j)
                if actor is not None:
                    actor.marker, actor.marker_token = "attribution", i
                    # the source's acronym in brackets after it names the source again, no party: "nach Einschätzung
                    # der Stiftung Wissenschaft und Politik (SWP) dürfte Pakistan ..."
                    bracketed = by_start.get(actor.end + 1) if actor.end + 2 < self.end and self.texts[
                        actor.end] == "(" else None
                    if bracketed is not None and self.texts[bracketed.end] == ")":
                        bracketed.marker, bracketed.marker_token = "acronym", i
                    # "according to Ukraine's military intelligence agency HUR": through to HUR; "nach Angaben des
                    # Stockholmer Friedensforschungsinstituts SIPRI": an unknown name describing a known one after it
                    if not (actor.adjective or actor.possessive or self._describes_next(actor, by_start)
                            or (actor.end < self.end and self.cues.has(actor.end, "possessive"))):
                        break
        opening = self._opening_frame_source(by_start)
        if opening is not None:
            opening.marker, opening.marker_token = "attribution", self.start

    def _quotes_name(self, k: int, by_start: dict[int, Actor]) -> bool:
        """A quotation mark opening a name ("по данным проекта «Гаюн»", "laut dem „Spiegel“")."""
        return self.texts[k] in QUOTE_MARKS and k + 1 < self.end and k + 1 in by_start

    def _opening_frame_source(self, by_start: dict[int, Actor]) -> Actor | None:
        """"Per Marco Lenzi, analista ..., è probabile che ...", "For Karim Mansour, ...": a word opening the
        sentence that gives a person's view, the person's name right after it, then a comma."""
        end = self.cues.starts(self.start, "reporting:opening_frames")
        actor = by_start.get(end) if end is not None else None
        if actor is None or actor.mention.type != "person" or actor.end >= self.end:
            return None
        return actor if self.texts[actor.end] == "," else None

    def _describes_next(self, actor: Actor, by_start: dict[int, Actor]) -> bool:
        """An unknown name right before a known one: its description ("Stockholmer Friedensforschungsinstituts
        SIPRI"), where a known name before another is its own ("Головному управлінні розвідки Міноборони")."""
        following = by_start.get(actor.end)
        return following is not None and not self.entity_info[actor.entity].known \
            and self.entity_info[following.entity].known

    def _nominative(self, actor: Actor) -> bool:
        """Whether the name can only be a nominative (Russian, Ukrainian): a subject, which no preposition governs."""
        return case_of_name(self.texts[actor.start:actor.end], self.sent.doc.lang_) == "nomn"

    def _by_case(self, role: str, marker: int, actor: Actor) -> str:
        """A preposition that is both "from" and "with" reads by the name's case: Ukrainian "з Італії" (genitive)
        is from Italy, "з Джо Байденом" (instrumental) with Joe Biden."""
        if role == "source" and self.cues.has(marker, "marker:with") and case_of_name(
                self.texts[actor.start:actor.end], self.sent.doc.lang_) == "ablt":
            return "with"
        return role

    def _mark_phrase(self, by_start: dict[int, Actor], role: str, marker: int, end: int) -> None:
        """The participants a role marker introduces: up to its first full name ("ai militanti russi della
        Wagner PMC" reaches Wagner through the adjective and "della"), and those coordinated with it."""
        j = end
        limit = min(self.end, end + SCOPE_LIMIT)
        while j < limit:
            if j > end and self.cues.has(j - 1, "government_nouns") and (place := self.cues.marker_at(j)) is not None:
                # "to the juntas in Niger and Mali", "al régimen de Damasco": the government's place or state
                j = place[1]
                continue
            if self.is_punct_stop(j) or self.is_clause_boundary(j) or self._stops_role_phrase(j):
                break
            if j in self.unknown_starts or self.cues.has_prefix(j, "unnamed_sources:group:"):
                # an unknown name or an unnamed group is what it governs: "aus Regierungskreisen könnte die
                # Ukraine ..."
                break
            if self._governed_noun(j, by_start):
                break
            actor = by_start.get(j)
            if actor is None:
                j += 1
                continue
            if j > end and self._nominative(actor):
                break  # no preposition governs a nominative: "в обмін на солдатів | Росія може передати"
            if actor.marker is None:
                actor.marker, actor.marker_token = self._by_case(role, marker, actor), marker
            j = actor.end
            if actor.adjective:
                # the name an adjective qualifies comes right after it: "tra X e il suo omologo indonesiano Y"
                limit = max(limit, min(self.end, j + 2))
            else:
                # "to Russia and Belarus" goes on; "degli Stati Uniti Jake Sullivan" stops at the first name
                k = j
                while k < self.end and (self.cues.has(k, "determiners") or self.texts[k] == ","):
                    k += 1
                if k < self.end and self.cues.has(k, "coordinators"):
                    j = k + 1
                elif k > j and self._listed_names_from(by_start, k, actor.mention.type == "person"):
                    j = k  # "у Франции, США и Израиля": a comma list that an "and" closes
                else:
                    break
                limit = min(self.end, j + 4)

    def _listed_names_from(self, by_start: dict[int, Actor], k: int, people: bool) -> bool:
        """Whether names joined by commas start at ``k`` and an "and" joins the last of them, people in a list of
        people and none in another ("À Jakarta, Emmanuel Macron et Prabowo Subianto ont signé" lists no place)."""
        while k < self.end and (actor := by_start.get(k)) is not None and not actor.adjective and (
                (actor.mention.type == "person") == people):
            k = actor.end
            while k < self.end and self.cues.has(k, "determiners"):
                k += 1
            if k < self.end and self.cues.has(k, "coordinators"):
                return True
            if not (k < self.end and self.texts[k] == ","):
                return False
            k += 1
            while k < self.end and self.cues.has(k, "determiners"):
                k += 1
        return False

    def _stops_role_phrase(self, j: int) -> bool:
        marker = self.cues.marker_at(j)
        if marker and marker[0] in ROLE_MARKERS:
            return True
        if marker and marker[0] == "other" and not self.cues.has(j, "marker:genitive"):
            return True
        # "В сентябре КНДР передала": the marker governs the month (or the year, or "до кінця року"), not the
        # name after it
        return (self.is_trigger(j) or self.cues.has(j, "reporting:verbs") or self.cues.has(j, "reporting:denial")
                or self._is_calendar_word(j) or self._is_year(j) or self.cues.has(j, "time_nouns"))

    def _mark_modifiers(self, actors: list[Actor]) -> None:
        """Possessives ("Iran's"), and states of origin next to an item: "Iranian drones", "DPRK ballistic
        missiles", "droni iraniani". A name introduced by a role marker ("a Mosca munizioni") is a
        participant, not a modifier."""
        item_starts = {m.start: m for m in self.items}
        item_ends = {m.end: m for m in self.items}
        for actor in actors:
            nxt = actor.end
            if nxt < self.end and (self.cues.has(nxt, "possessive") or (
                    actor.mention.form == "genitive" and self.is_trigger(nxt))):  # "Irans Lieferungen"
                actor.possessive = True
                continue
            if actor.adjective and actor.start in item_ends and actor.marker in ROLE_MARKERS:
                # "un lote de FTC-2000G chinos": the marker governs the goods, the adjective after them is their
                # origin
                actor.marker, actor.marker_token = None, None
            against = self.before_determiners(actor.start)
            if actor.adjective and against >= self.start and self.cues.has(against, "countered"):
                # "Flugabwehr gegen russische Drohnen", "to counter Iranian drones": what the goods counter, not
                # where they come from
                actor.marker, actor.marker_token = "other", against
                continue
            if actor.marker in ROLE_MARKERS:
                continue
            if nxt in item_starts and (actor.adjective or self._inside_phrase(actor.start)):
                # "of DPRK ballistic missiles" is their origin; "поставить России ракеты", "supplied
                # Russia missiles" make Russia the recipient
                actor.origin_of = nxt
            elif actor.adjective and actor.start in item_ends:
                actor.origin_of = item_ends[actor.start].start
            elif self._seat_of_a_body(actor):
                actor.marker, actor.marker_token = "other", actor.end

    def _seat_of_a_body(self, actor: Actor) -> bool:
        """"Azu International – a Türkiye-based wholesaler that has exported …": in an apposition to a name, the
        place where the named body sits, not a participant (in "PRC-based suppliers" the state stands for them)."""
        k, before = actor.end, actor.start - 2
        return k + 1 < self.end and self.texts[k] == "-" and self.texts[k + 1].lower() in seat_suffixes(
            self.sent.doc.lang_) and before >= self.start and self.texts[before] in APPOSITION_OPENERS and self.cues.has(
            before + 1, "determiners")

    def apposition_before(self, k: int) -> range:
        """The words of an apposition that a comma closes right before token k and that follows a name (none:
        empty): "The Azawad Liberation Front (FLA), a coalition of groups fighting Bamako in northern Mali, warned"
        (the names inside describe the one before it; they do not act). Not a person's name after a title ("La jefa
        del Comando Sur, la general Laura Richardson, advirtió"): that one acts."""
        close, none = k - 1, range(0)
        if close <= self.start or self.texts[close] != ",":
            return none
        for opening in range(close - 1, max(self.start, close - APPOSITION_LENGTH) - 1, -1):
            text = self.texts[opening]
            if text in PUNCT_STOPS and text not in APPOSITION_OPENERS and text not in ("(", ")"):
                return none
            if text in APPOSITION_OPENERS and self.cues.has(opening + 1, "determiners"):
                named = opening - 1
                if named >= self.start and self.texts[named] == ")":  # past "(FLA)"
                    named = next((j for j in range(named - 1, max(self.start, named - 4) - 1, -1)
                                  if self.texts[j] == "("), named) - 1
                words = range(opening + 1, close)
                if self.actor_at(named) is None or any(
                        a.mention.type == "person" and a.start in words for a in self.actors):
                    return none
                return words
        return none

    def _inside_phrase(self, i: int) -> bool:
        # a German article marks a name's case, not a noun phrase it modifies: "dass Deutschland der Ukraine
        # Taurus liefert" (German names a state of origin by its adjective or a compound)
        k = i - 1
        return k >= self.start and (self.cues.has(k, "marker:genitive") or self.cues.has(k, "marker:other")
                                    or (self.cues.has(k, "determiners") and not self.verb_second)
                                    or self.cues.has(k, "possessive"))

    def place_of_speaking(self, clause_start: int, cue: int,
                          exclude: set[int] | frozenset = frozenset()) -> Actor | None:
        """The institution an impersonal verb speaks for: "В Кремле отрицают", "В Госдепартаменте США
        предупредили", "officials in Seoul said" (the language's ``reporting: places``, right before the verb)."""
        for actor in self.actors:
            if (clause_start <= actor.start and actor.start not in exclude and actor.marker_token is not None
                    and self.cues.has(actor.marker_token, "reporting:places") and 0 <= cue - actor.end <= 1):
                # the body before its own place: "У посольстві Росії в Бельгії заявили", "un portavoz de la
                # embajada estadounidense en Bogotá dijo", "the US embassy in Bogota said" are the embassy's
                body = next((a for a in self.actors if a.end == actor.marker_token and a.start not in exclude
                             and a.mention.type == "organization"), None)
                return body or actor
        return None

    def is_trigger(self, i: int) -> bool:
        return i in self.cues.trigger_tokens

    def actor_at(self, token: int) -> Actor | None:
        for actor in self.actors:
            if actor.start <= token < actor.end:
                return actor
        return None

    def coordinated(self, actor: Actor, *, repeated: bool = False) -> list[Actor]:
        """"Iran and Russia", "la Russia e la RPDC": the actor with those joined to it by a coordinator. With
        ``repeated``, a list may also repeat the actor's preposition ("au Mali, au Niger et au Burkina Faso")
        and open each name with one negation ("né all'Ucraina né alla Russia"; a lone "not" joins nothing)."""
        def opens_pair(left: Actor) -> bool:
            # "tanto Corea del Norte como Rusia", "sia la Corea del Nord che la Russia", "sowohl X als auch Y",
            # "как X, так и Y": the pair's second word joins only when its first opens the list
            k = self.before_determiners(left.start)
            return k >= self.start and self.cues.has(k, "correlative_openers")

        def joint(k: int, left: Actor) -> bool:
            return self.cues.has(k, "coordinators") or (
                self.cues.has(k, "correlative_joiners") and opens_pair(left)) or (
                repeated and self.cues.has(k, "modality:negation") and any(
                    self.cues.has(j, "modality:negation") for j in range(max(self.start, left.start - 3), left.start)))

        def filler(k: int, left: Actor) -> bool:
            return (joint(k, left) or self.cues.has(k, "determiners") or self.texts[k] == ","
                    or repeated and self.cues.has(k, f"marker:{actor.marker}"))

        def described(left: Actor, right: Actor) -> bool:
            """Two people joined with a title and a state's adjective before the second name: "Keir Starmer
            und der türkische Präsident Recep Tayyip Erdoğan" (the adjective and title are no list fillers)."""
            gap = range(left.end, right.start)
            if left.mention.type != "person" or right.mention.type != "person" or len(gap) > 6 or not any(
                    self.cues.has(k, "titles") for k in gap):
                return False
            return all(filler(k, left) or self.cues.has(k, "titles") or self._adjective_at(k) for k in gap) and any(
                joint(k, left) for k in gap)

        def looked_through(other: Actor) -> bool:  # the adjective in "der türkische Präsident X"
            return other.adjective and actor.mention.type == "person"

        chain = [actor]
        index = self.actors.index(actor)
        for other in self.actors[index + 1:]:
            if looked_through(other):
                continue
            gap = range(chain[-1].end, other.start)
            if described(chain[-1], other):
                chain.append(other)
                continue
            if len(gap) > 3 or not any(joint(k, chain[-1]) or self.texts[k] == "," for k in gap):
                break
            if not all(filler(k, chain[-1]) for k in gap):
                break
            chain.append(other)
        # a comma alone joins a name to a list only when "and" ends that list: "Britain, France and Germany",
        # "le Royaume-Uni, la France et l'Allemagne" (not "Secondo la Casa Bianca, la Russia e l'Iran")
        listed = len(chain) > 1 and any(joint(k, a) for a, b in zip(chain, chain[1:]) for k in range(a.end, b.start))
        back = index - 1
        while back >= 0:
            other = self.actors[back]
            if looked_through(other):
                back -= 1
                continue
            gap = range(other.end, chain[0].start)
            if described(other, chain[0]):
                chain.insert(0, other)
                listed = True
                back -= 1
                continue
            if not gap or len(gap) > 3 or not all(filler(k, other) for k in gap):
                break  # (adjacent names are no list: "министр обороны Армении Сурен Папикян")
            joined = any(joint(k, other) for k in gap)
            if not joined and not (listed and other.marker == chain[0].marker):
                break
            if not joined and other.start > self.start and self.cues.has(other.start - 1, "reporting:verbs"):
                break  # the speaker a comma sets off: "Як повідомляв Handelsblatt, Берлін і Лондон обговорювали"
            chain.insert(0, other)
            listed = listed or joined
            back -= 1
        return chain

    def _after_goods_participle(self, actor: Actor, language: str) -> bool:
        """The name right after a passive participle that follows goods and a comma ("M1A1 Abrams, переданих
        США", "снаряды, поставленные КНДР")."""
        p = actor.start - 1
        if p - 2 < self.start or not is_passive(self.texts[p], language) or self.texts[p - 1] != ",":
            return False
        return any(m.type == "materiel" and m.end == p - 1 for m in self.mentions)

    def _adjective_at(self, k: int) -> bool:
        actor = self.actor_at(k)
        return actor is not None and actor.adjective


CLAIM_TYPES = ("transfer", "offer", "negotiation", "agreement", "meeting", "warning", "sanction")


def _tokens_by_label(index) -> dict[str, list[int]]:
    """token -> labels (a dict of sets or of dicts) turned into label -> tokens, in token order."""
    out: dict[str, list[int]] = {}
    for i in sorted(index):
        for label in index[i]:
            out.setdefault(label, []).append(i)
    return out
