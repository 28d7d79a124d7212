"""The extractor: a ``Source`` in, an ``ExtractionResult`` out.

``build_nlp(language)`` assembles the spaCy pipeline from data; ``extract``
runs it and applies the pure rule modules sentence by sentence, in document
order, so that speaker turns and reported sources carry forward.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from functools import cached_property, lru_cache

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.util import compile_infix_regex, compile_suffix_regex

from armsgraph import EXTRACTOR
from armsgraph.extract import components  # noqa: F401  (registers the spaCy factories)
from armsgraph.extract import unnamed_sources
from armsgraph.extract.attribution import (
    Voice, according_to, attribute, note_body_named, subject_of_reporting, update_voice_after, update_voice_before,
)
from armsgraph.extract.claims import (
    CLOSING_QUOTES, DIRECTIONAL, FIRST_PERSON, Frame, Trigger, build_frame, find_triggers, merge_frames,
    split_coordinated_objects, split_by_origin, split_coordinated_subjects, split_listed_targets,
)
from armsgraph.extract.dates import (DateMention, _vocabulary, day_offsets, find_dates, is_calendar_word,
                                     is_year_word, latest_full_date, shifted_day)
from armsgraph.extract.entities import DocEntities, EntityInfo, find_entities
from armsgraph.extract.modality import modality
from armsgraph.extract.observations import (
    CAVEAT_REACH, SCENE_REACH, ObservationDraft, Scene, find_observation, most_precise, observation_kind, site_named,
)
from armsgraph.extract.resources import Gazetteer, load_gazetteer, load_lexicon
from armsgraph.extract.sentence import CLAIM_TYPES, Actor, DocCues, SentenceView
from armsgraph.schema import (
    SYMMETRIC_CLAIM_TYPES, Claim, Count, Document, Entity, ExtractionResult, Mention, Observation, Source,
)
from armsgraph.schema.ids import claim_id, observation_id

PYMORPHY_LANGUAGES = {"ru", "uk"}
INTENTION_WINDOW = 4
CONTRACT_REACH = 6  # words from an agreement's cue to the purchase or supply it is for ("contract with X for the purchase")
CONTINUATION_SENTENCES = 3  # how far back a supplier named without its recipient looks for that recipient
STRIKING_CATEGORIES = {"missiles", "uavs_loitering_munitions"}  # what "reaches" a place to hit it
REPORTIVE_REACH = 1  # a reportive sentence goes on in the voice of a source named this many sentences before
CREDIT_MAX_WORDS = 30  # a sentence crediting the one before it is short ...
PARAGRAPH_CREDIT_REACH = 4  # sentences from one to the paragraph-opening credit that may cover it
CREDIT_OPENING = 3  # ... and opens with its pointing-back word ("Об этом", "C'est ce que", "Così lo")
SANCTIONED_FIRM_REACH = 15  # words after a state's adjective ("Iranian firms") in which the firm it means is named
DENIAL_REACH = 6  # sentences back in which a bare denial ("Tehran denies") finds the claim it denies
NEGATION_BEFORE_DENIAL = 3  # words before a denial verb in which a negation cancels it ("n'a ni ... démenti")
ARTICLE_RECIPIENT_CLAIMS = 2  # claims naming one recipient before it stands for a claim that names none
REQUEST_REACH = 8  # words before a suspension word in which a request makes it asked of a state, not done
PROHIBITION_REACH = 6  # words before a trigger (after a noun too) in which an embargo or ban word governs it
LEAD_SENTENCES = 2  # the first sentences with claims: a headline and its summary, restating the article's sources
LEAD_REACH = 8  # ... among the text's first sentences (a page's menu, byline and caption lines included)
PRONOUN_DROP_REACH = 3  # words before the verb of a sentence whose subject is dropped ("Ha poi incontrato ...")
REPORTING_REACH = 3  # words from a reporting verb within which a weekday dates the statement ("said on Friday")
UNPLACED_EVIDENCE_REACH = 2  # sentences around an observation of a site in no known state whose transfers it backs
SAID_SUBJECT_WORDS = 2  # words opening what a warning says in which a state's adjective is its subject's
DAY_ANCHOR_SENTENCES = 3  # sentences back in which "the next day" finds the day it counts from


def build_nlp(language: str, model: str | None = None) -> Language:
    """spaCy pipeline for a language: tokenizer, sentences (punctuation and line breaks), lemmas, cues, gazetteer.

    ``model`` names an installed statistical pipeline whose NER then also proposes unknown names.
    One pipeline per (language, model), however the call spells them (``lru_cache`` keys ``f("en")`` and
    ``f("en", None)`` apart, and building one takes seconds).
    """
    return _build_nlp(language, model)


@lru_cache(maxsize=None)
def _build_nlp(language: str, model: str | None) -> Language:
    if model:
        nlp = spacy.load(model, exclude=["lemmatizer"])
    else:
        nlp = spacy.blank(language)
    if not load_lexicon(language).data.get("hyphen_compounds"):
        _split_capitalised_hyphens(nlp)  # (German reads its hyphenated compounds whole: components.py)
    _keep_abbreviated_titles(nlp, language)
    _split_designation_periods(nlp)
    if not nlp.has_pipe("parser") and not nlp.has_pipe("senter"):
        nlp.add_pipe("sentencizer")
    nlp.add_pipe("armsgraph_lines")
    mode = "pymorphy3" if language in PYMORPHY_LANGUAGES else "lookup"
    nlp.add_pipe("armsgraph_lemmas", name="lemmatizer", config={"mode": mode})
    nlp.add_pipe("armsgraph_cues", config={"language": language})
    nlp.add_pipe("armsgraph_gazetteer", config={"language": language})
    return nlp


def _keep_abbreviated_titles(nlp: Language, language: str) -> None:
    """The lexicon's abbreviated titles keep their period ("Brig. Gen. Seyed Hamzeh Ghalandari", "Col. X"):
    spaCy splits the ones it does not know, and the period then ends the sentence before the name."""
    for title in load_lexicon(language).words("titles"):
        for word in title.split():
            if len(word) > 1 and word.endswith(".") and word[:-1].isalpha():
                nlp.tokenizer.add_special_case(word, [{ORTH: word}])


# a sentence's period after a designation ("vom Typ CV90.", "K2.", "A400M.", "Su-35.", "WJ-600A/D."): German keeps
# a period after digits (an ordinal, "am 2. Oktober") and English one after a capital ("U.S.", and the "D." a slash
# leaves of "F-16C/D."), which loses the name and the sentence's end; a word mixing letters and digits is neither,
# nor is a variant letter after a slash (fixed-width look-behinds, as ``re`` needs)
DESIGNATION_PERIOD = "|".join(
    rf"(?<={before})\.$" for before in (
        r"[^\W\d_]\d", r"[^\W\d_]\d\d", r"[^\W\d_]\d\d\d", r"[^\W\d_]-\d", r"[^\W\d_]-\d\d",
        r"[^\W\d_]-\d\d\d", r"\d[^\W\d_]", r"\d[^\W\d_]/[^\W\d_]"))


# the period and dash closing a Spanish wire's dateline after the agency's bracket: "Madrid, 30 sep (EFE).- El
# Ministerio ..." (spaCy keeps "EFE).-" one word, which no name matches)
WIRE_DATELINE_DASH = r"(?<=\))\.-$"


def _split_designation_periods(nlp: Language) -> None:
    suffixes = list(nlp.Defaults.suffixes or []) + [DESIGNATION_PERIOD, WIRE_DATELINE_DASH]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    # "the ministry wrote on X. Photographs ...": the platform ends the sentence far more often than an initial
    # "X." stands in a name, which spaCy's exceptions read it as (then "X. Photographs" is a person)
    nlp.tokenizer.add_special_case("X.", [{ORTH: "X"}, {ORTH: "."}])


# a hyphen before a capital joins two names, not a word's parts: "Mosca-Pyongyang", "Putin-Kim", "India-Francia"
# (English, French and Russian split there already; Italian and Spanish keep one token, which no gazetteer name
# matches); the name rules join what is one name again ("Strack-Zimmermann")
NAME_HYPHEN = r"(?<=[^\W\d_])-(?=[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ])"


def _split_capitalised_hyphens(nlp: Language) -> None:
    infixes = list(nlp.Defaults.infixes or []) + [NAME_HYPHEN]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def common_word_test(nlp: Language, language: str) -> Callable[[str], bool]:
    """Whether a word (as written) is one the language's lemma data knows (so not a name)."""
    lemmatizer = nlp.get_pipe("lemmatizer")
    if language in PYMORPHY_LANGUAGES:
        analyzer = lemmatizer.lemmatizer._morph
        proper = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"}
        # asked for every capitalised word of every article: pymorphy3's analysis is kept per word
        return lru_cache(maxsize=65536)(lambda word: analyzer.word_is_known(word.lower()) and not any(
            proper & set(p.tag.grammemes) for p in analyzer.parse(word.lower())[:1]))
    table = lemmatizer.table
    lemmas = table.values
    months, days = _vocabulary(language)

    def known(word: str) -> bool:
        calendar = word.rstrip(".")  # an abbreviation with its period: "Sept.", "janv.", "Okt."
        return word in table or word in lemmas or calendar in months or calendar in days

    # German tables keep nouns capitalised ("Lieferungen"); other languages' are lower case
    return lambda word: known(word.lower()) or (word[:1].isupper() and known(word))


def extract(source: Source, model: str | None = None) -> ExtractionResult:
    language = source.language
    nlp = build_nlp(language, model)
    doc = nlp(source.text)
    gazetteer = load_gazetteer()
    cues = DocCues.index(doc)
    entities = find_entities(doc, gazetteer, language, _common_words(language, model), cues.words)
    return DocumentExtraction(source, doc, entities, gazetteer, nlp, cues).run()


@lru_cache(maxsize=1024)
def _publisher_entity(nlp: Language, gazetteer: Gazetteer, publisher: str) -> tuple[str | None, str | None]:
    """The organisation or state a publisher's name names, and its state: read once per publisher (a corpus has
    few, and each reading runs the whole pipeline)."""
    for hit in nlp(publisher)._.mentions or []:
        entry = gazetteer[hit.entity]
        if entry.type in ("organization", "country"):
            return entry.id, entry.country if entry.type == "organization" else entry.id
    return None, None


@lru_cache(maxsize=None)
def _common_words(language: str, model: str | None) -> Callable[[str], bool]:
    return common_word_test(build_nlp(language, model), language)


class DocumentExtraction:
    """The sentence-by-sentence pass over one processed document."""

    def __init__(self, source: Source, doc, entities: DocEntities, gazetteer: Gazetteer, nlp: Language,
                 cues: DocCues | None = None):
        self.source = source
        self.doc = doc
        self.entities = entities
        self.gazetteer = gazetteer
        self.nlp = nlp
        self.cues = cues or DocCues.index(doc)
        self.words = self.cues.words
        self.extra_entities: dict[str, EntityInfo] = {}
        self.extra_mentions: dict[str, list[tuple[int, int]]] = {}  # unnamed sources: (start, end) characters
        self.voice = self._publisher_voice()
        self.credit: str | None = None  # the source the next sentence credits for this one ("Об этом сообщает X")
        self.claims: list[Claim] = []
        self.claim_sentence: dict[str, int] = {}
        self.pending_when: dict[str, _Lazy] = {}  # claim id -> its date, looked for when the claim is kept
        self.observations: list[ObservationDraft] = []
        self.sentence_dates: list[_Lazy] = []  # each sentence's dates, by its index, found when first asked for
        self.denial_echoes: set[str] = set()  # ids of claims repeated from a bare denial
        self.headline_voices: set[tuple[int, str | None]] = set()  # (sentence, claimant) read off "USA: ..."

    @cached_property
    def base_date(self) -> str | None:
        """The article's date, else the latest full date in its text (computed only when a date needs it)."""
        return self.source.published or latest_full_date(self.source.text, self.source.language)

    # --- the publisher as the article's "we" ------------------------------------------------------
    def _publisher_voice(self) -> Voice:
        voice = Voice()
        if self.source.publisher:
            voice.publisher, voice.publisher_state = _publisher_entity(self.nlp, self.gazetteer, self.source.publisher)
        return voice

    def state_of(self, entity_id: str | None) -> str | None:
        entry = self.gazetteer.get(entity_id)
        if entry is None:
            return None
        if entry.type == "country":
            return entry.id
        return entry.country

    # --- the pass ---------------------------------------------------------------------------------
    def run(self) -> ExtractionResult:
        text = self.cues.text
        sentences = [sent for sent in self.doc.sents if text[sent.start_char:sent.end_char].strip()]
        reported_after: list[str | None] = []
        credits: dict[int, str | None] = {}  # a sentence's index -> the source it credits for what came before
        scene: Scene | None = None
        named_site: str | None = None  # the last site (not a region or a city) the article named
        for index, sent in enumerate(sentences):
            view = SentenceView(sent, self.cues, self.entities)
            self.voice.sentence = index
            update_voice_before(view, self.voice, self.state_of)
            self.credit = self._credit_for(sentences, index, credits)
            dates = _Lazy(lambda view=view, index=index: self._dates_of(view, index))
            self.sentence_dates.append(dates)
            if not view.has_cues or view.cues.has(view.start, "related_links"):
                # no trigger, report, hedge or observation word, or a link to another article: nothing to read
                note_body_named(view, self.voice)
                reported_after.append(self.voice.reported_source)
                person = self._first_person_in(view)
                if person is not None:
                    self.voice.last_subject = person  # whom "he" in the next sentence means ("X flew to Berlin.")
                if view.locations:
                    scene = Scene(view.locations[0].entity, index, dates)
                named_site = site_named(view) or named_site
                continue
            claimants = self._claims_of_sentence(view, index, dates)
            just_observed = bool(self.observations) and index - self.observations[-1].sentence <= SCENE_REACH
            draft = find_observation(view, index, dates, sent.start_char, scene, just_observed, named_site)
            if draft is not None:
                self.observations.append(draft)
            if view.locations:
                # (the place an observation was made, not the first named: "leaving Cairo West Air Base ... and
                # landing at Aden Adde International Airport")
                observed = draft.site if draft is not None and (draft.observed_on or draft.counts) else None
                scene = Scene(observed or view.locations[0].entity, index, dates)
                named_site = site_named(view, observed) or named_site
            update_voice_after(view, self.voice, self.state_of, claimants)
            reported_after.append(self.voice.reported_source)
        self._drop_unattributed_echoes()
        self._drop_restated_denials()
        for claim in self.claims:
            self._settle_when(claim)
        self._finish_observations(sentences, reported_after)
        return self._result()

    def _drop_unattributed_echoes(self) -> None:
        """A headline or summary restating in the article's voice what a claimant says later in it
        ("DPRK-Russia ballistic missile transfers: joint statement, 12 January 2024") adds no claim of its
        own; one that gives a date (other than the article's) or a place the claimant's does not ("Il 13
        settembre, Kim Jong-un ha incontrato Putin in Estremo Oriente" after a source's "Kim e Putin hanno
        discusso ... durante il vertice") does, and so does the body in its own voice ("Для Москвы Иран
        остается одним из ключевых поставщиков оружия. По данным США, ..."): the article is a claimant
        of its own. Nor does a headline whose source is read off its colon ("США: Россия получила иранские
        ракеты") when the text has the same side say it."""
        attributed: dict[tuple, list[Claim]] = {}
        for c in self.claims:
            if c.claimant and not self._headline_voiced(c):
                attributed.setdefault((c.type, c.subject, c.object, c.modality), []).append(c)
        self.claims = [c for c in self.claims if not (self._headline_voiced(c) and any(
            self._same_side(a.claimant, c.claimant)
            for a in attributed.get((c.type, c.subject, c.object, c.modality), [])))]
        lead = {i for i in sorted(set(self.claim_sentence.values()))[:LEAD_SENTENCES] if i < LEAD_REACH}
        self.claims = [c for c in self.claims if c.claimant or self.claim_sentence[c.id] not in lead
                       or not self._echoes(c, attributed.get((c.type, c.subject, c.object, c.modality), []))]

    def _same_side(self, a: str | None, b: str | None) -> bool:
        return a == b or (self.state_of(a) is not None and self.state_of(a) == self.state_of(b))

    def _headline_voiced(self, claim: Claim) -> bool:
        return (self.claim_sentence.get(claim.id), claim.claimant) in self.headline_voices

    def _echoes(self, claim: Claim, attributed: list[Claim]) -> bool:
        """Whether an attributed claim of the same proposition, later in the text, already says all ``claim``
        says."""
        if not attributed:
            return False
        own_date = None
        if self.claim_sentence.get(claim.id, 0) > 0:  # a headline's date is the article's own
            self._settle_when(claim)
            if claim.when and claim.when != self.base_date:
                own_date = claim.when
                for c in attributed:
                    self._settle_when(c)
        return any((not own_date or own_date == c.when) and (not claim.where or claim.where == c.where)
                   and self.claim_sentence[c.id] > self.claim_sentence[claim.id] for c in attributed)

    def _drop_restated_denials(self) -> None:
        """"Araghchi ha respinto le accuse. 'L'Iran non ha fornito armi alla Russia', ha detto Araghchi.": the
        bare denial is the one the next sentence spells out; it adds no claim of its own. A denial spelled out
        before it is another one ("Iran denied receiving Su-35s ... Iran rejects these accusations" of sending
        drones)."""
        def key(c: Claim) -> tuple:
            return c.claimant, c.subject, c.object
        spelled: dict[tuple, int] = {}
        for c in self.claims:
            if c.modality == "denied" and c.id not in self.denial_echoes:
                spelled.setdefault(key(c), self.claim_sentence[c.id])
        self.claims = [c for c in self.claims if c.id not in self.denial_echoes
                       or spelled.get(key(c), -1) < self.claim_sentence[c.id]]

    def _dates_of(self, view: SentenceView, index: int) -> list[DateMention]:
        """The sentence's dates; days counted from a day named before ("imagery taken the next day") from the
        last one named, earlier in the sentence or in the few sentences before."""
        found = find_dates(view.text, self.source.language, self.base_date)
        counted = day_offsets(view.text, self.source.language)
        if not counted:
            return found
        found = [d for d in found if not any(d.start < end and start < d.end for start, end, _ in counted)]
        for start, end, days in counted:
            anchor = next((d.iso for d in reversed(found) if d.precision == "day" and d.end <= start), None)
            for earlier in range(index - 1, max(-1, index - 1 - DAY_ANCHOR_SENTENCES), -1):
                if anchor is not None:
                    break
                anchor = next((d.iso for d in reversed(self.sentence_dates[earlier]()) if d.precision == "day"),
                              None)
            if anchor is not None:
                found.append(DateMention(start, end, shifted_day(anchor, days), "day"))
        return sorted(found, key=lambda d: d.start)

    def _claims_of_sentence(self, view: SentenceView, index: int, dates: "_Lazy") -> list[str | None]:
        triggers = [t for t in find_triggers(view) if not view.in_conditional(t.start)]
        frames = _contracted_transfers(view, _talks_share_the_meeting([build_frame(view, t) for t in triggers]))
        # "warned Beijing against providing lethal aid to Moscow": what one warns against is no claim
        frames = [f for f in frames if f.type == "warning" or not any(
            w.type == "warning" and w.trigger.end <= f.trigger.start
            and view.cues.any_in("warned_against", w.trigger.end, f.trigger.start) for w in frames)]
        # a state stopping its arms exports to another (or its imports from one) sanctions it; what any other
        # embargo bars or an effort prevents is no claim ("to avoid a direct shipment to Kyiv")
        kept = []
        for frame in frames:
            sanction = self._suspended_trade(view, frame)
            if sanction is not None or self._prohibited(view, frame.trigger) is None:
                kept.append(sanction or frame)
        frames = kept
        frames = [f for f in frames if not _only_money(view, f)]
        # "made clear to Moscow that ..." warns only of consequences
        frames = [f for f in frames if f.trigger.group != "clear_verbs"
                  or view.cues.any_in("consequences", f.trigger.end, view.end)]
        # "warned that Iran would sell drones": the warning verb reports the other claim
        # (only a claim with both its parties: "warnte Pjöngjang, jede weitere Lieferung werde Konsequenzen
        # haben" warns of deliveries it does not report)
        # (a sanction after it is the consequence it threatens: "предупредили Москву, что ответят новыми
        # санкциями": the warning stands, the threatened sanction is no claim)
        threats = {id(o) for o in frames if o.type == "sanction" and any(
            w.type == "warning" and w.trigger.end <= o.trigger.start for w in frames)}
        frames = [f for f in frames if id(f) not in threats]
        # (unless it threatens consequences first: "warned that Turkey would bear full responsibility for the deaths
        # caused by the drones it sells to the Malian army")
        frames = [f for f in frames if not (f.type == "warning" and any(
            o.trigger.start > f.trigger.start and o.type != "warning" and o.complete
            and not (o.trigger.weak and not o.items)  # nor a bare "continue to support Kiev"
            and not view.cues.any_in("consequences", f.trigger.end, o.trigger.start)
            for o in frames))]
        readings: list[tuple[Frame, str | None, str, DateMention | None]] = []
        frames = split_by_origin(view, split_listed_targets(view, split_coordinated_objects(
            view, split_coordinated_subjects(view, merge_frames(frames)))))
        for frame in frames:
            self._resolve_voice(frame)
            if frame.trigger.weak and not frame.items:
                continue
            if frame.type == "warning" and (frame.subject is None and view.verb_second or _after_quote(
                    view, frame.trigger.start)):
                # "..., warnte der Diplomat", '"...", warned its spokeswoman Ana Castro': the name closing the
                # sentence after the verb is who warns (a name in what was said before is no warner)
                closing = next((a for a in view.actors if a.entity == frame.object and a.start >= frame.trigger.end
                                and (a.end >= view.end or view.is_punct_stop(a.end))), None)
                if closing is not None:
                    frame.subject, frame.object = frame.object, None
            if frame.type == "warning" and frame.subject is None and (
                    frame.trigger.start - view.start <= 3 or any(
                        self.cues.has(k, "third_person") for k in range(view.start, frame.trigger.start))):
                # "He also warned ...", "Ha anche avvertito ...", '"...," he told reporters, warning that' (who
                # the pronoun is for the sentence's earlier claim)
                said_here = next((r[1] for r in reversed(readings) if r[1] is not None), None)
                frame.subject = said_here or self.voice.last_claimant
            if frame.type == "warning":
                self._warning_after_a_report(view, frame)
                if frame.subject is not None:
                    self._host_warned_by_embassy(view, frame)
                if frame.subject is not None and frame.object is None:
                    self._warned_in_what_is_said(view, frame)
                if frame.object is not None and frame.object == self.state_of(frame.subject):
                    # "Khan warned that Pakistan would take all necessary measures": one's own state is what the
                    # warner speaks for, not the one warned
                    frame.object = None
            if frame.type == "sanction":
                self._firm_named_for_its_state(view, frame)
            if not frame.complete:
                self._fill_from_discourse(view, frame, index)
            if frame.type in SYMMETRIC_CLAIM_TYPES and frame.object is None:
                # (a subject found in an earlier clause gives way: "India delivered ..., and the two countries
                # have been discussing a second order")
                self._pair_from_anaphor(view, frame)
            if frame.type in SYMMETRIC_CLAIM_TYPES and (frame.subject is None) != (frame.object is None):
                self._party_from_pronoun(view, frame)
            if not frame.complete:
                continue
            attribution = attribute(view, frame.trigger, self.voice)
            if frame.type == "warning" and attribution.claimants == [None]:
                attribution.claimants = [frame.subject]  # the one who warns asserts the warning
            if frame.speaker is not None and attribution.claimants == [None]:
                attribution.claimants = [frame.speaker]  # the one who thanks for a delivery says it was made
            if attribution.claimants == [None] and self.credit is not None:
                attribution.claimants = [self.credit]  # "... Об этом сообщает Reuters."
            if attribution.claimants == [None]:
                attribution.claimants = [self._reported_voice(view, frame)]
            if frame.subject in attribution.claimants and (
                    frame.coordinated or frame.type in ("warning", "sanction")
                    or (len(attribution.claimants) > 1 and not attribution.denied)):
                # "France and Germany announced sanctions": each one announces its own ("Deutschland, Dänemark
                # und die Niederlande hatten angekündigt, der Ukraine ... zu überlassen": each its own tanks; but
                # "Iran and Russia deny that Iran supplies Russia" is a denial by both)
                attribution.claimants = [frame.subject]
            level = modality(view, attribution.scope_start, frame.trigger.start, frame.trigger.end,
                             attribution.denied)
            refusal = self._prohibited(view, frame.trigger, "refusals") if frame.type in DIRECTIONAL else None
            if refusal is not None:
                level = "denied"
                if attribution.claimants == [None]:
                    attribution.claimants = [self._refuser(view, refusal, frame)]
            # (the verb ends its clause where the verb is second: "erklärte sich bereit, Armenien Militärtechnik
            # zu liefern")
            reach = INTENTION_WINDOW * 2 if view.verb_second else INTENTION_WINDOW
            if frame.type == "transfer" and frame.trigger.direction == "give" and any(
                    self.cues.has(k, "intention") for k in range(max(view.start, frame.trigger.start - reach),
                                                                 frame.trigger.start)):
                frame.type = "offer"
            when = _Lazy(lambda frame=frame: self._when(view, frame, dates))
            readings += [(frame, claimant, level, when) for claimant in attribution.claimants]
            if attribution.headline:
                self.headline_voices.update((index, claimant) for claimant in attribution.claimants)
        kept = self._one_reading_per_proposition(view, readings)
        for frame, claimant, level, when in kept:
            self._add_claim(view, frame, claimant, level, when, index)
        if not kept:
            return self._denial_of_earlier_claims(view, index)
        return [claimant for _, claimant, _, _ in kept]

    def _pair_from_anaphor(self, view: SentenceView, frame: Frame) -> None:
        """"Les deux présidents s'étaient déjà rencontrés en avril", "i due governi hanno firmato un contratto",
        "ambos mandatarios acordaron": the last two states, or people of two different states, named before the
        pair is pointed back at (a minister of the same state as the last person named is no counterpart)."""
        start, end = view.clause_start(frame.trigger.start), view.clause_end(frame.trigger.end - 1)
        for kind in ("person", "country"):
            at = view.cues.first_in(f"pair_anaphors:{kind}", start, end)
            if at is None:
                continue
            found: list[str] = []
            for mention in reversed(self.entities.mentions[:bisect_left(self.entities.starts, at)]):
                if mention.type != kind or mention.entity in found or (
                        kind == "country" and mention.form not in ("name", "seat", "genitive")):
                    continue
                state = view.state_of(mention.entity)  # (an unknown person's from their title: entities.py)
                if kind == "person" and (state is None or found and state == view.state_of(found[0])):
                    continue
                found.append(mention.entity)
                if len(found) == 2:
                    frame.subject, frame.object = found[1], found[0]
                    # the quote runs from the words pointing back ("le parti hanno raggiunto un accordo")
                    frame.spans.append((at, view.cues.starts(at, f"pair_anaphors:{kind}")))
                    return
            return

    def _first_person_in(self, view: SentenceView) -> str | None:
        """The first person the sentence names (read off the mentions: no participant roles needed)."""
        first = bisect_left(self.entities.starts, view.start)
        return next((m.entity for m in self.entities.mentions[first:bisect_left(self.entities.starts, view.end)]
                     if m.type == "person"), None)

    def _party_from_pronoun(self, view: SentenceView, frame: Frame) -> None:
        """"He met Defence Minister Boris Pistorius", "Dort traf er ...", "Ha poi incontrato il ministro ...": a
        meeting, talks or a signing with one party named, whose subject is a pronoun (or dropped, the verb
        opening the sentence) is the person the text spoke of last."""
        trigger = frame.trigger
        if trigger.is_noun:
            # ("la reunión con Noboa", "their deals": no subject to point back with; but "À l'issue de ses entretiens
            # avec son homologue" are the talks of the person spoken of, where the sentence names no one before)
            if trigger.start > view.start and self.cues.has(trigger.start - 1, "third_person_possessive"):
                named = [a for a in view.actors if a.start < trigger.start and not a.adjective]
                if not named:
                    self._take_antecedent(frame)
                elif len(named) == 1 and self._speaks(view, named[0], trigger.start):
                    # "Вучич также напомнил, что ... во время его встречи с Путиным": the speaker's own meeting
                    self._take_person(frame, named[0].entity)
            return
        k = trigger.start - 1
        while k > view.start and (self.cues.has(k, "auxiliaries") or view.texts[k].islower() and self.words.stop[k]
                                  and not self.cues.has(k, "third_person")):
            k -= 1  # "he has also met", "ha poi incontrato"
        # (the pronoun opens the sentence: in "sent him to Sofia, where he met Petkov" "he" is not the last subject)
        before = self.cues.has(k, "third_person") and (
            view.start <= k <= view.start + 1 or self._after_a_date(view, k))
        after = (view.verb_second and trigger.start - view.start <= PRONOUN_DROP_REACH and trigger.end < view.end
                 and self.cues.has(trigger.end, "third_person"))
        # (only function words and auxiliaries before the verb: not "Al termine dell'incontro con Scholz")
        opening = range(view.start, trigger.start)
        dropped = (len(opening) <= PRONOUN_DROP_REACH and not view.verb_second
                   and all(self.words.stop[j] or self.cues.has(j, "auxiliaries") or self._dated(j) for j in opening)
                   and not any(a.start < trigger.start for a in view.actors))
        if before or after or dropped:
            self._take_antecedent(frame)

    def _after_a_date(self, view: SentenceView, k: int) -> bool:
        """Only a date before token ``k``: "On Wednesday he met ...", "In June 2024 she signed ..." (a pronoun there
        is the sentence's subject, as if it opened the sentence)."""
        opening = range(view.start, k)
        return not any(a.start < k for a in view.actors) and any(self._dated(j) for j in opening) and all(
            self._dated(j) or view.texts[j] == "," or self.words.stop[j] or self.cues.has(j, "time_nouns")
            for j in opening)

    def _dated(self, k: int) -> bool:
        """A month's or weekday's name, or a year."""
        return is_calendar_word(self.words.texts[k], self.source.language) or is_year_word(self.words.texts[k])

    def _speaks(self, view: SentenceView, person: Actor, before: int) -> bool:
        """A person right before a reporting verb (an adverb or auxiliary between), ahead of token ``before``."""
        k = person.end
        while k < before and k < person.end + 3 and not view.cues.has(k, "reporting:verbs"):
            k += 1
        return person.mention.type == "person" and k < before and view.cues.has(k, "reporting:verbs")

    def _take_antecedent(self, frame: Frame) -> None:
        """The person the text spoke of last as the frame's missing party."""
        self._take_person(frame, self.voice.antecedent())

    def _take_person(self, frame: Frame, person: str | None) -> None:
        """``person`` as the frame's missing party, if a person and not the party already named."""
        named = frame.subject or frame.object
        info = self.entities.info.get(person) if person is not None else None
        if info is None or person == named or info.type != "person":
            return
        if frame.subject is None:
            frame.subject = person
        else:
            frame.object = person

    def _warning_after_a_report(self, view: SentenceView, frame: Frame) -> None:
        """"China's foreign ministry said Japan should learn the lessons of history and warned Tokyo": a
        warning verb joined to a reporting verb before it has that verb's speaker as its subject (not a name of
        what was said), and warns the first name after it that is not on the speaker's side."""
        k = frame.trigger.start - 1
        if not (view.cues.has(k, "coordinators") or view.cues.has(k - 1, "coordinators")
                and view.cues.has(k, "auxiliaries")):
            return
        reports = view.cues.starts_in("reporting:verbs", view.start, k)
        if not reports:
            return
        end = view.cues.starts(reports[0], "reporting:verbs")
        speaker = subject_of_reporting(view, reports[0], end, "verb", self.voice, set())
        speaker = speaker[0] if speaker else None
        if not speaker or speaker == frame.subject:
            return
        side = self.state_of(speaker)
        clause_end = view.clause_end(frame.trigger.end - 1)
        warned = next((a for a in view.actors if frame.trigger.end <= a.start < clause_end and not a.adjective
                       and self.state_of(a.entity) != side), None)
        if warned is not None:
            frame.subject, frame.object = speaker, warned.entity

    def _host_warned_by_embassy(self, view: SentenceView, frame: Frame) -> None:
        """"Посольство Росії в Ізраїлі попередило, що ...", "the Russian embassy in Oslo warned that ...": an
        embassy warning no one it names (a party in what it says is none: "that any supply of weapons to Kyiv")
        warns the state it sits in, named after it."""
        entry = self.gazetteer.get(frame.subject)
        if entry is None or entry.institution != "embassy":
            return
        if frame.object is not None:
            named = next((a for a in view.actors if a.entity == frame.object and a.start >= frame.trigger.end), None)
            if named is None or not any(view.texts[k] == "," or view.cues.has(k, "complementizers")
                                        for k in range(frame.trigger.end, named.start)):
                return  # the one it warns ("warnte Norwegen")
        embassy = next((a for a in view.actors if a.entity == frame.subject and a.end < frame.trigger.start), None)
        if embassy is None or not view.cues.has(embassy.end, "institution_seat_links"):
            return
        host = next((a for a in view.actors if a.start == embassy.end + 1), None)
        if host is not None and host.mention.type == "country" and host.entity != view.state_of(frame.subject):
            frame.object = host.entity
            frame.spans.append((host.start, host.end))

    def _warned_in_what_is_said(self, view: SentenceView, frame: Frame) -> None:
        """"Peskov ha avvertito che gli aerei «saranno distrutti» una volta arrivati in Ucraina", "Zakharova warned
        that the delivery would have consequences for relations between Russia and Italy": a warning verb naming no
        one it warns, followed by what is said, warns the first party named there that is not on the warner's
        side (nor a recipient, as in build_frame: "la fornitura di armi all'Armenia" warns the supplier)."""
        start = frame.trigger.end
        quoted = _after_quote(view, frame.trigger.start)
        if quoted:
            # the quotation before the verb, whose subject is warned: '« Moscou paiera le prix fort », a averti
            # Grant Shapps' (not a place in it: '"Estos buques pueden acabar en el bloqueo de Yemen", advirtió')
            start, end = view.start, max(k for k in range(view.start, frame.trigger.start)
                                         if view.texts[k] in CLOSING_QUOTES)
        elif start < view.end and (view.cues.has(start, "complementizers") or (
                view.texts[start] == "," and view.verb_second)):
            # (German puts a comma before what is said: "warnte, die Jets dürften nicht ...")
            start += 1
            end = view.phrase_end(start)  # (what is said up to its first comma: not "..., und kündigte an, ...")
        else:
            return
        side = view.state_of(frame.subject) or frame.subject
        # (a state's adjective only in what opens the saying, its subject: "warned that Chinese firms would face
        # ...", not "warned that it did not want Chinese ships in our waters")
        warned = next((a for a in view.actors if start <= a.start < end and a.entity != frame.subject
                       and a.marker != "goal" and (view.state_of(a.entity) or a.entity) != side
                       and (not quoted or a.free and not a.adjective)
                       and (not a.adjective or a.start - start <= SAID_SUBJECT_WORDS)), None)
        if warned is not None:
            frame.object = warned.entity
            frame.spans.append((warned.start, warned.end))

    def _firm_named_for_its_state(self, view: SentenceView, frame: Frame) -> None:
        """"designated three of the Kyrgyz companies named in the study, among them Tengri Trade Solutions",
        "sanctioned a string of Iranian firms ..., including Qods Aviation Industries": the sanction falls on the
        bodies named after the state's adjective, not on the state."""
        target = next((a for a in view.actors if a.entity == frame.object and a.adjective
                       and a.start >= frame.trigger.end), None)
        if target is None:
            return
        end = min(view.clause_end(frame.trigger.end - 1), target.end + SANCTIONED_FIRM_REACH)
        firm = next((a for a in view.actors if target.end <= a.start < end and not a.adjective
                     and a.mention.type == "organization" and self.gazetteer.state_of(a.entity) == a.entity), None)
        if firm is not None:
            frame.object = firm.entity

    def _reported_voice(self, view: SentenceView, frame: Frame) -> str | None:
        """Who still speaks in a sentence that marks its words as reported and names no source: "Das berichtet
        der Spiegel. Nordkorea habe Russland Granaten geliefert.", "Про це повідомляє Reuters. Їх нібито
        купували компанії з Італії": the source the sentence before named (not a party to the claim, whose
        voice it would not be)."""
        if not view.cues.any_in("reportive", view.start, view.clause_end(frame.trigger.end - 1)):
            return None
        source = self.voice.recent_source(REPORTIVE_REACH)
        return None if source in (frame.subject, frame.object) else source

    def _credit_for(self, sentences, index: int, credits: dict[int, str | None]) -> str | None:
        """The source credited for sentence ``index``: by the sentence after it, or, when it is in the paragraph
        before one that opens with a credit ("Північна Корея передала Росії ... . Частину цієї техніки ... ¶ Про
        це ... заявив ... Андрій Юсов"), by that one: the credit points back at the whole paragraph."""
        def credit(k: int) -> str | None:
            if k not in credits:
                credits[k] = self._credit_in(sentences[k])
            return credits[k]

        if index + 1 >= len(sentences):
            return None
        if (found := credit(index + 1)) is not None:
            return found
        for k in range(index + 1, min(len(sentences), index + 1 + PARAGRAPH_CREDIT_REACH)):
            if self._opens_paragraph(sentences, k):
                return credit(k) if k > index + 1 else None
        return None

    def _opens_paragraph(self, sentences, k: int) -> bool:
        return k > 0 and "\n" in self.source.text[sentences[k - 1].end_char:sentences[k].start_char]

    def _credit_in(self, sent) -> str | None:
        """The source a short sentence credits for the one before it, when it says nothing of its own: "This
        was reported by Reuters", "Об этом говорится в докладе Тома Эндрюса", "Lo riferisce l'Ansa", "Das
        berichtet der Spiegel" (a pointing-back word opening it, a reporting word, a name, no claim word).
        Only its first phrase counts, up to a comma or "that" after the reporting word: "Lo ha annunciato
        venerdì il premier Eduard Heger, precisando che i primi velivoli saranno trasferiti ..." credits Heger
        (what follows is his own claim)."""
        named_claim = self._claim_named_back(sent)
        if not (self.cues.starts_in("reporting:credits", sent.start, sent.start + CREDIT_OPENING) or any(
                self.cues.starts_in("reporting:verbs", k + 1, k + 3)
                for k in self.cues.starts_in("reporting:credit_clitics", sent.start, sent.end))
                or named_claim is not None):
            # (checked before the sentence's view is built: most sentences are not credits); or a pronoun
            # points back right before the reporting verb: "Sébastien Lecornu l'a annoncé jeudi"
            return None
        end = self._credit_phrase_end(sent)
        if end - sent.start > CREDIT_MAX_WORDS:
            return None
        view = SentenceView(sent, self.cues, self.entities)
        if any(k < end and k != named_claim for k in view.trigger_starts) or not any(
                view.cues.any_in(label, view.start, end)
                for label in ("reporting:verbs", "reporting:nouns", "reporting:frames")):
            return None
        # the writer, named without a marker, before whom it cites: "Про це пише газета Die Welt з посиланням на
        # українських посадовців" credits Die Welt
        actors = [a for a in view.actors if a.start < end]
        writer = next((a for a in actors if a.free and not a.adjective
                       and a.mention.type in ("person", "organization")), None)
        frame = view.cues.first_in("reporting:frames", view.start, end)
        if writer is not None and frame is not None and writer.end <= frame:
            return writer.entity
        according = according_to(view, unnamed=False)
        if according:
            return according
        # the person before the body they speak for ("в докладе спецдокладчика ООН Тома Эндрюса")
        named = [a for a in actors if not a.adjective]
        source = next((a for kind in ("person", "organization") for a in named if a.mention.type == kind),
                      None) or next(iter(named), None)
        return source.entity if source is not None else None

    def _claim_named_back(self, sent) -> int | None:
        """A sentence opening with the noun of a claim, then a reporting verb: "The meeting was confirmed by the
        Turkish Defence Ministry", "L'incontro è stato confermato ieri da fonti del ministero": it names the
        claim just made and credits it (the noun's token), as "This was confirmed by" does."""
        k = sent.start
        while k < sent.start + CREDIT_OPENING and self.cues.has(k, "determiners"):
            k += 1
        if not any(label.endswith("nouns") and label.split(":", 1)[0] in CLAIM_TYPES
                   for label in self.cues.starts_at(k)):
            return None
        return k if self.cues.starts_in("reporting:verbs", k + 1, k + 1 + CREDIT_OPENING) else None

    def _credit_phrase_end(self, sent) -> int:
        """Where a credit's first phrase ends: the first comma, ";" or complementizer after its reporting word,
        else the sentence's end."""
        texts = self.cues.texts
        verb = next(iter(self.cues.starts_in("reporting:verbs", sent.start, sent.end)), None)
        if verb is None:
            return sent.end
        return next((k for k in range(verb + 1, sent.end) if texts[k] in {",", ";"}
                     or self.cues.has(k, "complementizers")), sent.end)

    def _prohibited(self, view: SentenceView, trigger: Trigger, label: str = "prohibitions") -> int | None:
        """A prohibition word shortly before the trigger, in its phrase: "an arms embargo bars the supply",
        "para evitar un envío directo" (not "despite the embargo, Iran supplied"), or after a claim noun ("arms
        exports to Riyadh were frozen"); its token, else None. With
        ``label="refusals"``, a refusal word: "Sofia refused to hand over its S-300"."""
        for k in range(max(view.start, trigger.start - PROHIBITION_REACH), trigger.start):
            # (its object may stand between: "to prevent Iran from supplying", "dissuader Belgrade d'acheter")
            first = view.actor_at(k + 1)
            skip = range(first.start, first.end) if first is not None and first.start == k + 1 else range(0)
            if self.cues.has(k, label) and not any(
                    view.is_punct_stop(j) or view.texts[j] == "," or view.actor_at(j) is not None and j not in skip
                    or label == "refusals" and self.cues.has(j, "refused_words")
                    for j in range(k + 1, trigger.start)):
                return k
        if label != "refusals" and trigger.is_noun:
            # or the verb after the noun, its phrase between: "hat die Rüstungsexporte nach Saudi-Arabien
            # gestoppt", "arms exports to Riyadh were frozen"
            for k in range(trigger.end, min(view.end, trigger.end + PROHIBITION_REACH)):
                if view.is_punct_stop(k) or view.texts[k] == "," or view.is_trigger(k):
                    break
                if self.cues.has(k, label):
                    return k
        return None

    def _suspended_trade(self, view: SentenceView, frame: Frame) -> Frame | None:
        """"Berlin a gelé ses exportations d'armement vers Riyad", "Colombia suspende toda compra de armas a
        Israel": a transfer naming the trade as such (exports, imports, licences, sales) under a suspension word
        is the suspending state's sanction of the other, the supplier's for exports, the buyer's for imports
        (not one shipment stopped: "Mosca avrebbe congelato diverse consegne"). Both named in the sentence."""
        if frame.type != "transfer":
            return None
        at = self._prohibited(view, frame.trigger, "suspensions")
        if at is None or not frame.complete or not self.cues.any_in(
                "trade_words", min(at + 1, frame.trigger.start), max(at, frame.trigger.end)):
            return None
        if self.cues.any_in("requests", max(view.clause_start(at), at - REQUEST_REACH), at):
            return None  # asked of it ("urge the U.S. government to stop arms sales to Taiwan")
        trigger = Trigger(frame.trigger.start, frame.trigger.end, "sanction", frame.trigger.group)
        sanction = replace(frame, type="sanction", trigger=trigger, spans=[*frame.spans, (at, at + 1)])
        if frame.trigger.direction == "get":
            sanction.subject, sanction.object, sanction.subject_token = frame.object, frame.subject, None
        return sanction

    def _refuser(self, view: SentenceView, refusal: int, frame: Frame) -> str | None:
        """Who refuses: the name before the refusal word in its clause ("Софія відмовилася"), else the
        supplier."""
        before = [a for a in view.actors if view.clause_start(refusal) <= a.start < refusal and a.free]
        return before[-1].entity if before else frame.subject

    def _denial_of_earlier_claims(self, view: SentenceView, index: int) -> list[str | None]:
        """"Moscou et Pyongyang démentent.", "Der Kreml weist die Vorwürfe zurück.", "Pionyang lo niega todo.":
        a party to a claim made just before denies it without restating it; the claim is repeated, denied,
        with the denier as claimant. Not when the denial is itself negated ("n'a ni confirmé ni démenti")."""
        deniers: list[tuple[str, int, int, int]] = []  # entity, first token, cue start, cue end
        for start in self.cues.starts_in("reporting:denial", view.start, view.end):
            end = self.cues.starts(start, "reporting:denial")
            if self.cues.any_in("modality:negation", max(view.start, start - NEGATION_BEFORE_DENIAL), start):
                continue
            found = subject_of_reporting(view, start, end, "denial", self.voice, set())
            for entity in found or []:
                actor = next((a for a in view.actors if a.entity == entity and a.start < start), None)
                if entity and actor is not None:
                    deniers.append((entity, actor.start, start, end))
        claimants: list[str | None] = []
        for entity, first, start, end in deniers:
            state = self.gazetteer.state_of(entity) if self.gazetteer.get(entity) and self.gazetteer[
                entity].type == "organization" else (self.state_of(entity) or entity)
            # the accusation denied is the article's main one: of the claims the denier is a party to, the
            # proposition stated first ("Moscou et Pyongyang démentent" answers the North Korean deliveries
            # of the lead, not the Russian help mentioned just before) that the denier has not denied yet
            # ("deny ..., they lie about it" is one denial; "Иран эти обвинения отвергает" after Iran denied
            # getting Su-35s denies the drones it is now said to send)
            parties = [c for c in self.claims if c.type in DIRECTIONAL and c.modality != "denied"
                       and state in (c.subject, c.object) and c.claimant != entity]
            if not parties or index - self.claim_sentence.get(parties[-1].id, -99) > DENIAL_REACH:
                continue
            # (its own organs' denials count as its own: "ВВС Ирана опроверг ...", then "Иран ... отвергает")
            denied = {(c.subject, c.object) for c in self.claims
                      if c.modality == "denied" and self._same_side(c.claimant, entity)}
            earlier = next((c for c in parties if (c.subject, c.object) not in denied), None)
            if earlier is None:
                continue
            trigger = Trigger(start, end, earlier.type, "give_verbs")
            # the quote runs to the clause end: "Der Kreml weist die Vorwürfe zurück"
            last = end
            while last < view.end and not view.is_punct_stop(last):
                last += 1
            frame = Frame(earlier.type, trigger, subject=earlier.subject, object=earlier.object,
                          items=list(earlier.items), spans=[(first, last)])
            self._add_claim(view, frame, entity, "denied", _Lazy(lambda: None), index)
            self.denial_echoes.add(self.claims[-1].id)
            claimants.append(entity)
        return claimants

    def _one_reading_per_proposition(self, view: SentenceView, readings: list) -> list:
        """Two triggers for one proposition in a sentence ("Iranian support ... as Russia attempts to obtain")
        make one claim, hedged as the earlier says; joined by "and" they are two ("has received ... and
        will likely receive more")."""
        readings = sorted(readings, key=lambda r: (r[0].trigger.weak, r[0].trigger.start))
        # "Selenskyj dankte Deutschland für die Lieferung ...": the delivery is the one the thanks say was made
        said = {(r[0].type, r[0].subject, r[0].object) for r in readings if r[0].speaker is not None}
        readings = [r for r in readings if r[1] is not None or r[0].speaker is not None
                    or (r[0].type, r[0].subject, r[0].object) not in said]
        kept: list = []
        for reading in readings:
            frame, claimant = reading[0], reading[1]
            twin = next((k for k in kept if _proposition(k[0]) == _proposition(frame) and k[1] == claimant), None)
            if twin is None:
                kept.append(reading)
                continue
            between = range(twin[0].trigger.end, frame.trigger.start)
            if twin[2] != reading[2] and any(self.cues.has(k, "coordinators") or self.cues.has(k, "contrastive")
                                             for k in between):
                kept.append(reading)
                continue
            if self._qualifies_an_item(view, twin[0].trigger):
                # "the jets sold by Pakistan to Azerbaijan have probably been delivered": the participle only
                # says which jets; the sentence's verb says how sure it is
                kept[kept.index(twin)] = twin = (twin[0], twin[1], reading[2], twin[3])
            twin[0].items = list(dict.fromkeys(twin[0].items + frame.items))
        # "officials familiar with the shipment told Reuters that Egypt had delivered ...": a noun naming what
        # someone in the sentence says was done refers to it; the article does not assert it besides
        attributed = {(f.type, f.subject, f.object) for f, claimant, _, _ in kept if claimant is not None}
        return [r for r in kept if not (r[1] is None and r[0].trigger.is_noun
                                        and (r[0].type, r[0].subject, r[0].object) in attributed)]

    @staticmethod
    def _qualifies_an_item(view: SentenceView, trigger) -> bool:
        """A participle right after what it qualifies, its agent after it: "jets sold by Pakistan"."""
        return (not trigger.is_noun and trigger.start > view.start and trigger.end < view.end
                and any(0 <= trigger.start - m.end <= 1 for m in view.items)
                and (view.cues.has(trigger.end, "marker:agent") or view.cues.has(trigger.end, "marker:source")))

    def _resolve_voice(self, frame: Frame) -> None:
        """"we"/"our" as a participant is the speaker's or publisher's state; organs of state act for it, and in
        a transfer or offer so do its leaders ("Macron a promis à Zelensky des missiles Scalp")."""
        for role in ("subject", "object"):
            value = getattr(frame, role)
            if value == FIRST_PERSON:
                value = self.voice.first_person_state()
                if value and value not in self.entities.info:
                    self._remember_entity(value)
            # (a sanctioned body is itself the target: "Sanktionen gegen die türkische Rüstungsbehörde SSB")
            if frame.type in DIRECTIONAL or frame.type == "sanction" and role == "subject":
                value = self.gazetteer.state_of(value) if value else value
                entry = self.gazetteer.get(value)
                if frame.type in DIRECTIONAL and entry is not None and entry.type == "person" and entry.country:
                    value = entry.country
                if value and value not in self.entities.info:
                    self._remember_entity(value)
            setattr(frame, role, value)

    def _fill_from_discourse(self, view: SentenceView, frame: Frame, index: int) -> None:
        if frame.type not in DIRECTIONAL:
            return
        previous = [c for c in reversed(self.claims) if c.type in DIRECTIONAL]
        if frame.subject is None and frame.object is not None:
            # "Russia has received dozens of UAVs": the supplier named for the same recipient and items
            # (or items of the same kind: "ballistic missiles" earlier, "Fath-360 missiles" now)
            for claim in previous:
                if claim.object == frame.object and (not frame.items or self._items_alike(claim.items, frame.items)):
                    frame.subject = claim.subject
                    return
            # "Le Mali a réceptionné ses premiers Bayraktar TB2": no supplier named before either, so the
            # state that makes what was received (the gazetteer's ``country`` of the materiel)
            maker = self._maker_of(frame.items, arriving=frame.trigger.group == "arrive_verbs")
            if maker is not None and view.state_of(frame.object) != maker:
                frame.subject = maker
                self._remember_entity(maker)
                return
        if frame.object is None and frame.subject is not None and self._dative_clitic_before(view, frame):
            # "El Kremlin negó que Corea del Norte le haya vendido armas": given to the speaker's side
            # (the speaker of a reporting verb, not a source cited "secondo Washington": "gli" is then someone
            # named before)
            speaker = attribute(view, frame.trigger, self.voice).claimants[0]
            state = view.state_of(speaker)
            cited = any(a.entity == speaker and a.marker == "attribution" for a in view.actors)
            if state is not None and state != view.state_of(frame.subject) and not cited:
                frame.object = state
                return
        if (frame.object is None and frame.subject is not None and not frame.has_goal_phrase
                and not frame.trigger.weak):
            # "Auch ballistische Raketen soll Nordkorea geliefert haben", "los diez que Madrid ya envió":
            # the supplier of the claim just before, named again without its recipient, supplies the same one;
            # denying a supply "to any party" denies the one reported before ("Kyrgyzstan does not supply and
            # has never supplied weapons to any party to the conflict"), as far back as a bare denial reaches
            reach = DENIAL_REACH if frame.any_recipient else CONTINUATION_SENTENCES
            for claim in previous:
                if index - self.claim_sentence.get(claim.id, -99) > reach:
                    break
                if claim.subject == frame.subject and claim.object != frame.subject:
                    frame.object = claim.object
                    return
        if (frame.object is None and frame.subject is not None and not frame.has_goal_phrase
                and self.cues.has(view.start, "coordinators")):
            # "Pyongyang could offer Moscow munitions ... And Russia can supply grain": the exchange's other side
            for claim in previous:
                if self.claim_sentence.get(claim.id) == index - 1 and claim.object == frame.subject:
                    frame.object = claim.subject
                    return
        trigger = frame.trigger
        if frame.object is None and frame.subject_token is not None and not frame.has_goal_phrase \
                and not trigger.weak and not trigger.is_noun and any(
                    trigger.end <= m.start < view.clause_end(trigger.end - 1) for m in view.items):
            # "Estados Unidos … suministrará además misiles aire-aire", "Tehran supplies the designs and the
            # engines" (a named subject, a verb and what it supplies): what the article has said so far goes
            # to one recipient, and this does too
            recipient = self._article_recipient(previous)
            if recipient is not None and view.state_of(recipient) != view.state_of(frame.subject):
                frame.object = recipient

    def _maker_of(self, items: list[str], arriving: bool = False) -> str | None:
        """The one state that makes the specific systems among ``items`` (generic ones, "drones", have none);
        None when they come from different states or none is known. Munitions that ``arriving`` somewhere
        ("Shahed drones reached Poland") strike it: only platforms arrive as deliveries ("the first Gripens
        could reach Ukraine")."""
        makers = set()
        for item in items:
            entry = self.gazetteer.get(item)
            if arriving and entry is not None and entry.category in STRIKING_CATEGORIES:
                return None
            if entry is not None and entry.country:
                makers.add(entry.country)
        return makers.pop() if len(makers) == 1 else None

    @staticmethod
    def _article_recipient(previous: list[Claim]) -> str | None:
        """The recipient of at least two of the article's transfers and offers so far, and of most of them."""
        counts = Counter(c.object for c in previous if c.type in ("transfer", "offer") and c.modality != "denied")
        if not counts:
            return None
        (top, n), total = counts.most_common(1)[0], sum(counts.values())
        return top if n >= ARTICLE_RECIPIENT_CLAIMS and n > total / 2 else None

    def _dative_clitic_before(self, view: SentenceView, frame: Frame) -> bool:
        """"le haya vendido", "gli ha fornito", "lui a livré": an indirect-object pronoun before the verb
        (or its auxiliary); right before a verb, Italian's "gli"/"le" are no articles."""
        start = frame.trigger.start
        return not frame.trigger.is_noun and any(
            k >= view.start and self.cues.has(k, "dative_clitics") for k in (start - 1, start - 2))

    def _items_alike(self, earlier: list[str], items: list[str]) -> bool:
        """The same item, or one of the same family or category; a generic term ("arms") is like any."""
        def kind(entity_id: str) -> tuple[str | None, str | None]:
            info = self.entities.info.get(entity_id) or self.extra_entities.get(entity_id)
            return (info.family, info.category) if info else (None, None)
        for a in earlier:
            for b in items:
                (family_a, category_a), (family_b, category_b) = kind(a), kind(b)
                if a == b or (family_a and family_a == family_b) or (category_a and category_a == category_b) or (
                        "generic" in (category_a, category_b)):
                    return True
        return False

    def _settle_when(self, claim: Claim) -> None:
        """A claim's date is looked for only once the claim is kept: dateparser is the costliest step."""
        lazy = self.pending_when.pop(claim.id, None)
        mention = lazy() if lazy is not None else None
        if mention is not None:
            claim.when, claim.when_precision = mention.iso, mention.precision

    def _when(self, view: SentenceView, frame: Frame, lazy_dates: "_Lazy") -> DateMention | None:
        dates = [d for d in lazy_dates() if not self._dates_the_statement(view, d) and not self._inside_a_name(view, d)]
        if not dates:
            return None
        trigger_char = self.words.starts[frame.trigger.start] - view.sent.start_char
        before = [d for d in dates if d.end <= trigger_char]
        if before:
            return max(before, key=lambda d: d.end)
        # (not past a colon or semicolon: "ha sempre negato di aver venduto armi: a maggio Kim Yo-jong ...")
        after = [d for d in dates if not any(c in view.text[trigger_char:d.start] for c in ":;")]
        return min(after, key=lambda d: d.start) if after else None

    def _inside_a_name(self, view: SentenceView, mention: DateMention) -> bool:
        """A number in a name is no year: "Mirage 2000-5", "Gepard 1A2"."""
        start, end = view.sent.start_char + mention.start, view.sent.start_char + mention.end
        for m in view.mentions:
            m_start, m_end = self.words.char_span(m.start, m.end)
            if m_start <= start and end <= m_end:
                return True
        return False

    def _dates_the_statement(self, view: SentenceView, mention: DateMention) -> bool:
        """"La Maison Blanche a affirmé vendredi que ...", "said on Friday": a weekday next to a reporting verb
        is when the claim was made, not when what it claims happened; so is "last month" ("said last month")."""
        if not (mention.weekday or mention.relative):
            return False
        k = bisect_right(self.words.starts, view.sent.start_char + mention.start) - 1
        return any(view.cues.has(j, "reporting:verbs") or view.cues.has(j, "reporting:denial")
                   for j in range(max(view.start, k - REPORTING_REACH), min(view.end, k + REPORTING_REACH + 1)))

    def _add_claim(self, view: SentenceView, frame: Frame, claimant: str | None, level: str,
                   when: "_Lazy", index: int) -> None:
        if claimant and claimant not in self.entities.info:
            if self.gazetteer.get(claimant) is not None:
                self._remember_entity(claimant)
            elif claimant not in self.extra_entities and not self._remember_unnamed(view, claimant):
                claimant = None  # never a claimant the output does not list (no rule should get here)
        first, last = frame.covers()
        start, end = self.words.char_span(first, last)
        quote = self.source.text[start:end]
        cid = claim_id(self.source.id, start, end, frame.type, frame.subject, frame.object, claimant, level)
        if any(c.id == cid for c in self.claims):
            return
        if frame.type in SYMMETRIC_CLAIM_TYPES:
            # the same meeting or talks mentioned again by the same voice is one claim
            pair = {frame.subject, frame.object}
            for earlier in self.claims:
                if (earlier.type == frame.type and {earlier.subject, earlier.object} == pair
                        and earlier.claimant == claimant and earlier.modality == level):
                    self._settle_when(earlier)
                    if earlier.when is None:
                        self.pending_when[earlier.id] = when
                    return
        claim = Claim(
            id=cid, type=frame.type, subject=frame.subject, object=frame.object, items=frame.items,
            claimant=claimant, modality=level, polarity="negative" if level == "denied" else "positive",
            when=None, when_precision=None,
            where=None, quote=quote, start=start, end=end, sentence_start=view.sent.start_char,
            sentence_end=view.sent.end_char, trigger=self.words.span_text(frame.trigger.start, frame.trigger.end),
            extractor=EXTRACTOR)
        where = next((m.entity for m in view.locations if m.start > frame.trigger.start), None)
        if where and frame.type == "meeting":
            claim.where = where
        self.claims.append(claim)
        self.claim_sentence[cid] = index
        self.pending_when[cid] = when

    def _remember_entity(self, entity_id: str) -> None:
        entry = self.gazetteer.get(entity_id)
        if entry is None or entity_id in self.extra_entities:
            return
        self.extra_entities[entity_id] = EntityInfo(
            entry.id, entry.name, entry.type, entry.wikidata, True, entry.category, entry.family, entry.kind,
            entry.country, entry.names((self.source.language, "en")))

    def _remember_unnamed(self, view: SentenceView, entity_id: str) -> bool:
        """An unnamed source becomes an entity when it first asserts a claim; its mention is the phrase in
        that sentence (attribution only gives a group the sentence names)."""
        source = next((s for s in unnamed_sources.sources_in(view, view.start, view.end) if s.id == entity_id), None)
        if source is None:
            return False
        self.extra_entities[entity_id] = EntityInfo(entity_id, source.name, unnamed_sources.ENTITY_TYPE, known=False)
        self.extra_mentions[entity_id] = [self.words.char_span(source.start, source.end)]
        return True

    # --- observations -----------------------------------------------------------------------------
    def _finish_observations(self, sentences, reported_after: list[str | None]) -> None:
        # a headline or caption naming the imagery of a site without date or count ("des images satellites
        # montrent un trafic inédit à Rajin") restates an observation the text gives in full
        full = {(d.site, d.kind) for d in self.observations if d.observed_on or d.counts}
        self.observations = _without_restatements([d for d in self.observations
                                                   if d.observed_on or d.counts or (d.site, d.kind) not in full])
        observed_in = {d.sentence for d in self.observations}
        for draft in self.observations:
            if (draft.observed_on is None or draft.dated_by_report) and draft.sentence + 1 < len(sentences) and (
                    draft.sentence + 1 not in observed_in) and self._goes_on_about(draft, sentences):
                # "Las imágenes emitidas el jueves muestran un Il-76 ... El aparato aterrizó en la noche del
                # miércoles": the next sentence dates the sighting
                later = find_dates(sentences[draft.sentence + 1].text, self.source.language, self.base_date)
                if later:
                    best = most_precise(later)
                    draft.observed_on, draft.observed_precision = best.iso, best.precision
            if draft.observer is None:
                i = draft.sentence
                nxt = reported_after[i + 1] if i + 1 < len(reported_after) else None
                draft.observer = nxt if nxt and nxt != reported_after[i] else reported_after[i]
            for later in range(draft.sentence + 1, min(len(sentences), draft.sentence + 1 + CAVEAT_REACH)):
                view = SentenceView(sentences[later], self.cues, self.entities)
                if self.cues.any_in("observations:caveats", view.start, view.end):
                    draft.caveats.append(sentences[later].text.strip())
            draft.supports = self._supported_claims(draft)

    def _goes_on_about(self, draft: ObservationDraft, sentences) -> bool:
        """The next sentence is of the observation's paragraph, or names the images again ("Le immagini,
        scattate da Maxar il 3 febbraio, ..."): not a quotation of a new paragraph about another year."""
        if not self._opens_paragraph(sentences, draft.sentence + 1):
            return True
        view = SentenceView(sentences[draft.sentence + 1], self.cues, self.entities)
        return observation_kind(view) is not None

    def _supported_claims(self, draft: ObservationDraft) -> list[str]:
        """The claims an observation is evidence for: those whose parties include the site's state (or a body of
        it: its ministry, its army), the observer's own first; where the site's state is unknown (a place the
        gazetteer lacks, no state named beside it), the transfers claimed right around it."""
        entry = self.gazetteer.get(draft.site)
        country = entry.country if entry else draft.site_country
        if country is None:
            return [c.id for c in self.claims if c.type == "transfer"
                    and abs(self.claim_sentence[c.id] - draft.sentence) <= UNPLACED_EVIDENCE_REACH]
        related = [c for c in self.claims if c.type in DIRECTIONAL and country in (
            c.subject, c.object, self.state_of(c.subject), self.state_of(c.object))]
        by_observer = [c for c in related if draft.observer and c.claimant == draft.observer]
        if by_observer:
            return [c.id for c in by_observer]
        return [c.id for c in related if abs(self.claim_sentence[c.id] - draft.sentence) <= 5]

    # --- output -----------------------------------------------------------------------------------
    def _result(self) -> ExtractionResult:
        source = self.source
        observations = [
            Observation(
                id=observation_id(source.id, d.start, d.end, d.kind, d.site), kind=d.kind, site=d.site,
                observed_on=d.observed_on, observed_precision=d.observed_precision, observer=d.observer,
                counts=[Count(what=w, count=n) for w, n in d.counts], caveats=d.caveats, supports=d.supports,
                quote=source.text[d.start:d.end], start=d.start, end=d.end, extractor=EXTRACTOR)
            for d in self.observations]
        for d in self.observations:
            for entity_id in (d.site, d.observer):
                if entity_id and entity_id not in self.entities.info:
                    self._remember_entity(entity_id)
        return ExtractionResult(
            document=Document(**source.model_dump(exclude={"text"})),
            entities=self._entities(), claims=self.claims, observations=observations, extractor=EXTRACTOR)

    def _entities(self) -> list[Entity]:
        mentions: dict[str, list[Mention]] = {}
        for m in self.entities.mentions:
            start, end = self.words.char_span(m.start, m.end)
            mentions.setdefault(m.entity, []).append(Mention(text=self.words.text[start:end], start=start, end=end))
        for entity_id, spans in self.extra_mentions.items():
            mentions[entity_id] = [Mention(text=self.words.text[s:e], start=s, end=e) for s, e in sorted(spans)]
        infos = {**self.extra_entities, **self.entities.info}
        out = []
        for entity_id, info in infos.items():
            out.append(Entity(
                id=info.id, name=info.name, type=info.type, wikidata=info.wikidata, aliases=info.aliases,
                category=info.category, family=info.family, known=info.known, mentions=mentions.get(entity_id, [])))
        out.sort(key=lambda e: (e.mentions[0].start if e.mentions else 10**12, e.id))
        return out


def _only_money(view: SentenceView, frame: Frame) -> bool:
    """"Bratislava riceverà dall'Unione europea circa 200 milioni di euro di compensazioni": a sum is all a
    transfer verb gives, no materiel, aid or package (the claim nouns: "$500 million in military aid" stays)."""
    if frame.type != "transfer" or frame.items or frame.trigger.is_noun:
        return False
    end = view.clause_end(frame.trigger.end - 1)
    return view.cues.any_in("currencies", frame.trigger.end, end) and not any(
        view.cues.any_in(f"transfer:{group}", frame.trigger.end, end) for group in ("give_nouns", "get_nouns",
                                                                                   "weak_nouns"))


def _proposition(frame: Frame) -> tuple:
    """What a frame says, for finding two readings of it: a meeting of A with B is one of B with A."""
    parties = (frame.subject, frame.object)
    if frame.type in SYMMETRIC_CLAIM_TYPES:
        parties = tuple(sorted(parties, key=str))
    return frame.type, *parties


def _talks_share_the_meeting(frames: list[Frame]) -> list[Frame]:
    """"Teodoro met Rajnath Singh in New Delhi to discuss maintenance": talks with a party missing, after a
    meeting in the sentence, are between the two who met."""
    meeting = None
    for frame in frames:
        if frame.type == "meeting" and frame.complete:
            meeting = frame
        elif frame.type == "negotiation" and not frame.complete and meeting is not None:
            frame.subject, frame.object = meeting.subject, meeting.object
            frame.spans += meeting.spans
    return frames


def _contracted_transfers(view: SentenceView, frames: list[Frame]) -> list[Frame]:
    """"Sweden signed a contract with Embraer for the purchase of four C-390", "Греція підписала зі США угоду про
    купівлю F-35": a purchase or supply the agreement is for, with no party of its own, is between the agreement's
    two parties (in a purchase, the signer named first buys; in a supply, the party it names is one end)."""
    agreement = None
    for frame in frames:
        if frame.type == "agreement" and frame.complete:
            agreement = frame
            continue
        if (agreement is None or frame.type != "transfer" or not frame.trigger.is_noun
                or frame.trigger.start - agreement.trigger.end > CONTRACT_REACH or not frame.items
                or view.clause_start(frame.trigger.start) != view.clause_start(agreement.trigger.start)):
            continue
        parties = (agreement.subject, agreement.object)
        if frame.subject is None and frame.object is None:
            if frame.trigger.direction != "get":
                continue  # "firmò con il Pakistan un contratto per la fornitura": who supplies whom is not said
            buyer, seller = parties  # the signer named first buys from the one it signed with
            frame.subject, frame.object = seller, buyer
        elif frame.subject is None and frame.object in parties:
            frame.subject = parties[1] if frame.object == parties[0] else parties[0]
        elif frame.object is None and frame.subject in parties:
            frame.object = parties[1] if frame.subject == parties[0] else parties[0]
        else:
            continue
        frame.spans += agreement.spans
    return frames


class _Lazy:
    """A value computed on first use: most sentences never need their dates parsed."""

    def __init__(self, compute):
        self._compute = compute
        self._done = False
        self._value = None

    def __call__(self):
        if not self._done:
            self._value, self._done = self._compute(), True
        return self._value


def _without_restatements(drafts: list[ObservationDraft]) -> list[ObservationDraft]:
    """A later sentence about the same kind of observation at the same site, with no date of its own or the
    same date ("The debris recovered in Kharkiv ..."), restates the earlier one: its counts go to that one.
    An earlier one with no date is a headline's or a lead's summary of the later, dated one ("ALGERIA: IMMAGINI
    SATELLITARI, DUE SU-57 A OUM EL BOUAGHI"): the later one stands for both."""
    kept: list[ObservationDraft] = []
    for draft in drafts:
        earlier = next((k for k in kept if (k.kind, k.site) == (draft.kind, draft.site)), None)
        if earlier is not None and draft.observed_on in (None, earlier.observed_on):
            earlier.counts += [c for c in draft.counts if c not in earlier.counts]
            continue
        if earlier is not None and earlier.observed_on is None:
            draft.counts += [c for c in earlier.counts if c not in draft.counts]
            kept.remove(earlier)
        kept.append(draft)
    return kept


def _after_quote(view: SentenceView, k: int) -> bool:
    """A verb right after the quotation it reports: '"...", warned its spokeswoman', '"... a price," warned'
    (not after an apposition's comma: "Sergej Netschajew, warnte die Bundesregierung"); an auxiliary may come
    first: '« ... », a averti le ministre'."""
    while k - 1 > view.start and view.cues.has(k - 1, "auxiliaries"):
        k -= 1
    before = view.texts[view.start:k][-2:]
    return len(before) == 2 and (before[0] in CLOSING_QUOTES and before[1] in {",", "—", "–"}
                                 or before[0] == "," and before[1] in CLOSING_QUOTES)
