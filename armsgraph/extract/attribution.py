"""Who asserts a claim: reporting verbs and nouns, "according to" frames, speaker turns, the article's voice.

The document is read in order; ``Voice`` carries what earlier sentences
established: the transcript's current speaker ("MR. KIRBY:"), the person
whose statement follows a "X said:" line, the source an article reports from
("Beyond Parallel reports ..."), and the last claimant (for "He also warned").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from armsgraph.extract import unnamed_sources
from armsgraph.extract.claims import FIRST_PERSON, Trigger, reporting_participle_agent
from armsgraph.extract.sentence import FRAME_REACH, Actor, SentenceView
from armsgraph.extract.words import QUOTE_MARKS

REPORTING_LABELS = ("reporting:verbs", "reporting:nouns", "reporting:denial")
SETTING_OFF = {",", "—", "–"}  # what sets a reporting clause off after the claim ('..., said Kirby')
TIME_CLAUSE_LEAD = 4  # words from the comma to the preposition that opens a time clause (", two weeks after")
SPEAKER_LABEL = re.compile(r"^\s*(?:[A-Z][A-Za-z]{0,3}\.\s+)?[A-Z][A-Z'’ .-]{1,40}:\s")


def speaker_turn(text: str) -> bool:
    """A transcript's turn ("MR. KIRBY: Thank you"), not a headline in capitals ("INDIA-FRANCIA: FIRMATO
    CONTRATTO PER 26 RAFALE MARINE"): what follows the label on its line is not all capitals."""
    label = SPEAKER_LABEL.match(text)
    if label is None:
        return False
    line = text[label.end():].split("\n", 1)[0]
    return not any(c.isalpha() for c in line) or any(c.islower() for c in line)


@dataclass
class Voice:
    publisher: str | None = None  # entity id resolved from the metadata's publisher
    publisher_state: str | None = None
    speaker: str | None = None
    speaker_state: str | None = None
    # the speaker is a "X said:" line's, whose words end where the publisher speaks in its own name again (a
    # transcript's "MR. KIRBY:" holds until the next turn)
    speaker_quoting: bool = False
    reported_source: str | None = None
    last_claimant: str | None = None
    last_subject: str | None = None  # who a "he"/"she"/"он"/"вона" of the next sentence most likely is
    # who spoke the quote the last sentence gave ('"...," Kurilla said.'): a quote opening the next one
    # goes on in that voice
    quoted: str | None = None
    sentence: int = 0  # the index of the sentence being read (set by the pass)
    # the source the text last gave (a speaker, an "according to", a claim's claimant) and in which sentence:
    # a reportive sentence with no source of its own goes on in its voice ("Iran habe Drohnen geliefert")
    last_source: str | None = None
    last_source_sentence: int = -1_000
    last_outlet: str | None = None  # the news outlet named last ("un'inchiesta del Washington Post")

    def pointed_back_source(self) -> str | None:
        """What "the report", "il quotidiano" point back at: the source being reported, else the last outlet."""
        return self.reported_source or self.last_outlet

    def recent_source(self, reach: int) -> str | None:
        """The source given at most ``reach`` sentences before this one."""
        return self.last_source if self.sentence - self.last_source_sentence <= reach else None

    def antecedent(self) -> str | None:
        return self.last_subject or self.last_claimant

    def first_person_claimant(self) -> str | None:
        return self.speaker or self.publisher

    def first_person_state(self) -> str | None:
        return self.speaker_state or self.publisher_state


@dataclass
class Attribution:
    claimants: list[str | None] = field(default_factory=lambda: [None])
    denied: bool = False
    scope_start: int = 0  # where the modality scope begins (the reporting clause)
    headline: bool = False  # the claimants are a headline's source ("USA: ..."), which the text may repeat


def _reporting_cues(view: SentenceView) -> list[tuple[int, int, str]]:
    """(start, end, kind) of reporting verbs, nouns and denials; kind is verb | noun | denial."""
    found = []
    for label in REPORTING_LABELS:
        kind = label.split(":")[1].rstrip("s") if label != "reporting:denial" else "denial"
        found += [(i, view.cues.starts(i, label), kind) for i in view.cues.starts_in(label, view.start, view.end)]
    # a verb's word after a possessive is a noun: "Niger's state broadcaster"
    found = [c for c in found if c[2] != "verb" or not (c[0] > view.start and view.cues.has(c[0] - 1, "possessive"))]
    if any(kind == "noun" for _, _, kind in found):
        # a reporting noun inside a name is part of the name ("l'intelligence di Seul: «...»" is no report), and
        # the medium of a verb's saying is no second report ("warned in a statement", "ha detto in una nota")
        found = [c for c in found if c[2] != "noun" or view.name_tokens.isdisjoint(range(c[0], c[1])) and not any(
            other[2] != "noun" and _medium_of(view, other[1], c[0]) for other in found)]
    found.sort()
    merged: list[tuple[int, int, str]] = []
    for start, end, kind in found:  # one cue per token: a denial beats a plain verb on the same word
        if merged and merged[-1][0] == start:
            if kind == "denial":
                merged[-1] = (start, max(end, merged[-1][1]), kind)
            continue
        merged.append((start, end, kind))
    return merged


MEDIUM_GAP = 3  # short words between a reporting verb and the noun of its medium ("said in a statement")
FRONTED_OBJECT_START = 2  # words before a claim noun that opens its clause as the object ("Eine Lieferung ...")


def _medium_of(view: SentenceView, verb_end: int, noun_start: int) -> bool:
    """Only a preposition and an article between a reporting verb and a reporting noun."""
    gap = range(verb_end, noun_start)
    return 0 < len(gap) <= MEDIUM_GAP and all(
        view.cues.has(k, "determiners") or view.texts[k].islower() and len(view.texts[k]) <= 3 for k in gap)


def subject_of_reporting(view: SentenceView, start: int, end: int, kind: str, voice: Voice,
                         exclude: set[int], postposed: bool = False) -> list[str | None] | None:
    """The claimants a reporting cue introduces; None when it names nobody.

    ``postposed``: the cue follows what it reports (", Kirby said", ", dice il messaggio"); its subject
    is then only in the short stretch after the last punctuation, or right after it.
    A group the text does not name ("Western officials said") speaks when no name does.
    """
    found = _named_subject_of_reporting(view, start, end, kind, voice, exclude, postposed)
    if found is not None:
        adjective = next((a for a in view.actors if len(found) == 1 and a.entity == found[0] and a.adjective
                          and a.end <= start), None)
        group = unnamed_sources.qualifying(view, adjective) if adjective is not None else None
        return [group.id] if group is not None else found
    return None


def unnamed_subject_of_reporting(view: SentenceView, start: int, end: int, kind: str,
                                 postposed: bool = False) -> str | None:
    """The group a reporting verb gives as its subject when it names no one: "Western officials said",
    "..., ont indiqué des responsables occidentaux" (an unnamed source, only when nothing named speaks)."""
    if kind == "noun":
        return None
    clause_start = _reporting_clause_start(view, start, postposed)
    group = (unnamed_sources.speaking_before(view, clause_start, start) if postposed
             else _group_speaking_before(view, clause_start, start))
    if group is None:
        group = unnamed_sources.speaking_after(view, end)
        # inverted before what it reports only when the group ends there: "ha detto una fonte che ..."
        if group is not None and not postposed and not (
                group.end >= view.end or view.is_punct_stop(group.end) or view.cues.has(group.end, "complementizers")):
            group = None
    return group.id if group is not None else None


def _after_as_opener(view: SentenceView, actor: Actor) -> bool:
    """A name after a clause-opening "as", "wie", "comme": "Wie der „Spiegel“ berichtete, genehmigte ..."."""
    k = actor.marker_token
    return (k is not None and view.cues.has(k, "reporting:as_openers")
            and (k == view.start or view.texts[k - 1] in {",", ";", ":"}))


def _group_speaking_before(view: SentenceView, clause_start: int, start: int):
    """The unnamed group before a reporting verb in its clause, or before a relative clause that opens it:
    "Western officials, who declined to be named, said"."""
    group = unnamed_sources.speaking_before(view, clause_start, start)
    comma = clause_start - 2
    if group is None and comma >= view.start and view.cues.has(comma + 1, "relatives") and view.texts[comma] == ",":
        group = unnamed_sources.speaking_before(view, view.clause_start(comma), comma)
    return group


EVIDENCE_REACH = 5  # words between the evidence noun and "by": "analysis of Russian customs records by"
EVIDENCE_CUES = ("reporting:nouns", "observations:satellite_imagery", "observations:photo")


def _evidence_before(view: SentenceView, marker: int) -> bool:
    """A report, data or images shortly before the "by" (at ``marker``) that names who made them (no claim word
    between, whose agent the name would be: "a report on arms supplied by Iran")."""
    for k in range(marker - 1, max(view.start, marker - EVIDENCE_REACH) - 1, -1):
        if view.is_trigger(k):
            return False
        if any(view.cues.has(k, label) for label in EVIDENCE_CUES):
            return True
    return False


def _subject_right_before(view: SentenceView, verb: int) -> bool:
    """A free name in the verb's clause before it, no comma between: the verb is active, its subject named."""
    return any(a.free and not a.adjective and view.clause_start(verb) <= a.start < verb
               and "," not in view.texts[a.end:verb] for a in view.actors)


def _reporting_clause_start(view: SentenceView, start: int, postposed: bool) -> int:
    """Where the subject of a reporting cue may stand: its clause, and for a postposed cue (", Kirby said")
    only the stretch after the last punctuation before it."""
    clause_start = view.clause_start(start)
    if postposed:
        clause_start = max([clause_start] + [k + 1 for k in range(clause_start, start) if view.is_punct_stop(k)])
    return clause_start


def _named_subject_of_reporting(view: SentenceView, start: int, end: int, kind: str, voice: Voice,
                                exclude: set[int], postposed: bool = False) -> list[str | None] | None:
    if kind == "noun":
        for actor in view.actors:
            if actor.start in exclude:
                continue
            between = range(actor.end, start)
            if 0 <= start - actor.end <= 2 and all(view.cues.has(k, "possessive") or view.cues.has(
                    k, "determiners") for k in between):
                return [actor.entity]
        for k in range(max(view.start, start - 2), start):
            if view.cues.has(k, "first_person_possessive"):
                return [voice.first_person_claimant()]
    # passive or nominal agent: "riportato da Beyond Parallel", "released by the US" (not the goods' seller after
    # an active verb with its subject before it: "Islamabad starebbe valutando l'acquisto dalla Cina")
    for actor in view.actors:
        if end <= actor.start <= end + 3 and actor.start not in exclude and (actor.marker == "agent" or (
                actor.marker == "source" and kind == "verb" and not _subject_right_before(view, start))):
            return [actor.entity]
    clause_start = _reporting_clause_start(view, start, postposed)
    joined_to = _reporting_verb_joined_to(view, start) if kind == "verb" else None
    if joined_to is not None:
        # "He added that Russia had handed Minsk an Iskander, but insisted ...": the verb shares the subject of
        # the reporting verb it is joined to, past the clause that one reports
        return subject_of_reporting(view, *joined_to, voice, exclude)
    if kind == "verb" and _pronoun_set_off_before(view, start):
        # "Beijing, he added, “could well offer ...”": the pronoun speaks, not the name the quote is about
        return [voice.antecedent()] if voice.antecedent() else None
    apposition = view.apposition_before(start)
    left = [a for a in view.actors if clause_start <= a.start < start and (a.free or _after_as_opener(view, a))
            and a.start not in exclude and a.start not in apposition]
    if kind == "verb" and all(a.adjective for a in left):
        # "Satellite images reviewed by Meridian Defence Monitor indicate that", "a report by RUSI says", "an
        # analysis of Russian customs records by X found": the evidence speaks for whoever made, read or
        # published it (not a state whose adjective qualifies what it is about)
        authored = [a for a in view.actors if clause_start <= a.start < start and a.marker in ("agent", "source")
                    and a.marker_token is not None and a.start not in exclude
                    and _evidence_before(view, a.marker_token)]
        if authored:
            return [authored[-1].entity]
    if left:
        speaker = max(left, key=lambda a: a.start)
        named = [a for a in left if not a.adjective]
        if named and _second_verb(view, start):
            # "Zelensky a salué l'arrivée des appareils français et confirmé que ...": a verb joined to an
            # earlier one shares its subject, the first name of the clause, not the nearest
            # (a person before a body: "Міністр оборони України Рустем Умєров подякував ... і заявив")
            people = [a for a in named if a.mention.type == "person"]
            speaker = min(people or named, key=lambda a: a.start)
        elif len(named) >= 2:
            speaker = _subject_beside_auxiliary(view, clause_start, start, named) or speaker
        chain = view.coordinated(speaker)
        return [a.entity for a in chain if not a.adjective] or [chain[0].entity]
    if not postposed and view.closed_relative(clause_start, start) is not None and (
            view.relative_antecedent(clause_start, start).marker != "other"):
        # "John Kirby, who spoke to reporters on Monday, said": the relative pronoun's antecedent speaks (not a
        # place named after the speakers: "Two Western diplomats in Addis Ababa, who spoke on condition ...")
        return [view.relative_antecedent(clause_start, start).entity]
    owner = _owner_of_speaker(view, clause_start, start, exclude)
    if owner is None and kind == "verb" and _second_verb(view, start):
        # "A spokesman for the Russian embassy in Canberra called the listings unlawful and said": a verb joined
        # to the clause's first shares its subject, the speaker whose body opens the clause
        owner = _body_of_opening_speaker(view, clause_start, start, exclude)
    if owner is not None:
        return [owner.entity]
    place = view.place_of_speaking(clause_start, start, exclude)
    if place is not None:
        # "Officials in Seoul said": the place names whose officials they are; not so where the group says whose
        # it is ("Two Western diplomats in Addis Ababa said")
        group = _group_speaking_before(view, clause_start, start)
        if group is None or group.end > place.start or group.name.casefold() == group.group.casefold():
            return [place.entity]
    if any(view.cues.has(k, "first_person") for k in range(clause_start, start)):
        return [voice.first_person_claimant()]
    if kind != "noun" and postposed:
        # a person right after the verb speaks ("сказал Блинкен на пресс-конференции с … Дэвидом Лэмми");
        # else one closing the sentence after a title ("ha detto il portavoce del Consiglio … John Kirby")
        first = view.actor_at(end) if end < view.end else None
        speaker = first if first is not None and first.free and first.mention.type == "person" else (
            _titled_speaker_after(view, end, exclude)) or _body_of_title_after(view, end, exclude)
        if speaker is not None and speaker.start not in exclude:
            return [speaker.entity]
    if kind != "noun" and not (not postposed and view.cues.any_in("addressee_verbs", start, end)):
        # inverted: "said Kirby", "dice il messaggio"; before the claim only when the name ends there
        # ("ha detto Kirby che ..."): in "said Iran delivered ..." Iran is the reported clause's subject
        # (after "told", "informed" the name is who was told: "Two officials told Reuters that ...")
        for k in range(end, min(view.end, end + 3)):
            if view.is_punct_stop(k) or view.cues.has(k, "complementizers"):
                break
            if postposed and view.cues.has(k, "third_person"):  # "..., заявил он", "..., заявила вона"
                return [voice.antecedent()] if voice.antecedent() else None
            if postposed and view.cues.has(k, "reporting:places"):  # "..., припускають у розвідці Південної Кореї"
                place = next((a for j in range(k + 1, min(view.end, k + 4)) if (a := view.actor_at(j))), None)
                if place is not None:
                    return [place.entity]
            actor = view.actor_at(k)
            if actor is not None and actor.free:
                # (or before whom it cites: "повідомляє агентство Reuters з посиланням на джерела")
                if postposed or actor.end >= view.end or view.is_punct_stop(actor.end) or view.cues.has(
                        actor.end, "complementizers") or view.cues.has(actor.end, "reporting:frames"):
                    return [actor.entity]
                break
            if (view.cues.has(k, "reporting:anaphors") or view.cues.has(k, "reporting:outlet_anaphors")) and (
                    voice.reported_source):
                return [voice.reported_source]
        if any(view.cues.has(k, "reporting:anaphors") for k in range(clause_start, start)) and voice.reported_source:
            return [voice.reported_source]
        if any(view.cues.has(k, "third_person") for k in range(clause_start, start)):
            return [voice.antecedent()] if voice.antecedent() else None
    return None


def _pronoun_set_off_before(view: SentenceView, cue: int) -> bool:
    """A third-person pronoun right after a comma (or a quote closed after one), right before the reporting verb:
    ", he added,", ',” he told reporters'."""
    k = cue - 1
    if k - 1 < view.start or not view.cues.has(k, "third_person"):
        return False
    return view.texts[k - 1] == "," or (view.texts[k - 1] in QUOTE_MARKS and k - 2 >= view.start
                                        and view.texts[k - 2] == ",")


def _second_verb(view: SentenceView, cue: int) -> bool:
    """A reporting verb joined to a verb before it: "and said", "but insisted", "et confirmé", "e ha detto", "и
    заявил" (an auxiliary may stand between)."""
    for k in (cue - 1, cue - 2):
        if k < view.start:
            return False
        if view.cues.has(k, "coordinators") or view.cues.has(k, "contrastive"):
            return k == cue - 1 or view.cues.has(k + 1, "auxiliaries")
    return False


def _reporting_verb_joined_to(view: SentenceView, cue: int) -> tuple[int, int, str] | None:
    """The reporting verb before this one that this one is joined to across the clause it reports: in "He added
    that Russia had handed Minsk an Iskander, but insisted", "insisted" is joined to "added"."""
    if not _second_verb(view, cue):
        return None
    earlier = [c for c in _reporting_cues(view) if c[2] == "verb" and c[1] <= cue]
    if not earlier or not view.cues.any_in("complementizers", earlier[-1][1], cue):
        return None
    return earlier[-1]


TITLED_SPEAKER_WORDS = 12  # ", ha detto il portavoce del Consiglio di sicurezza nazionale John Kirby."


def _subject_beside_auxiliary(view: SentenceView, clause_start: int, cue: int, named: list[Actor]) -> Actor | None:
    """Where the verb is second, a reporting verb closing its clause after an auxiliary has its subject right
    before or right after that auxiliary; names nearer the verb are its objects ("Al-Atta hatte den Emiraten
    vorgeworfen", "Zuvor hatte Seoul Pjöngjang vorgeworfen")."""
    if not view.verb_second:
        return None
    aux = next((k for k in range(clause_start, cue) if view.cues.has(k, "auxiliaries")), None)
    if aux is None:
        return None
    return next((a for a in named if a.end == aux or a.start == aux + 1), None)


def _titled_speaker_after(view: SentenceView, end: int, exclude: set[int]) -> Actor | None:
    """A person closing the sentence after a postposed reporting verb and their title: ", ha detto il
    portavoce del Consiglio di sicurezza nazionale John Kirby" (the spokesman, not his council)."""
    stop = next((k for k in range(end, view.end) if view.is_punct_stop(k)), view.end)
    if stop - end > TITLED_SPEAKER_WORDS:
        return None
    named = view.actor_at(stop + 1) if stop + 1 < view.end and view.texts[stop] == "," else None
    if named is not None and named.mention.type == "person" and (
            named.end >= view.end or view.is_punct_stop(named.end)):
        # the name in apposition to the title: ", sagte der Sprecher des Auswärtigen Amts, Sebastian Fischer."
        stop = named.end
    last = next((a for a in reversed(view.actors) if end <= a.start and a.end <= stop), None)
    if last is None or last.end != stop or last.mention.type != "person" or last.start in exclude:
        return None
    return last


TITLE_AFTER_VERB = 2  # words between a postposed reporting verb and the speaker's title (", sagte ein Sprecher")
TITLE_TO_BODY = 2  # words between that title and the body it speaks for ("Sprecher des Auswärtigen Amts")


def _body_of_title_after(view: SentenceView, end: int, exclude: set[int]) -> Actor | None:
    """The body an unnamed speaker speaks for, after a postposed reporting verb and the speaker's title: ",
    sagte ein Sprecher des Auswärtigen Amts am Donnerstag", ", ha detto un portavoce del ministero degli Esteri"."""
    stop = next((k for k in range(end, view.end) if view.is_punct_stop(k)), view.end)
    title = next((k for k in range(end, min(stop, end + TITLE_AFTER_VERB + 1)) if view.cues.has(k, "titles")), None)
    if title is None:
        return None
    title_end = max(k for k in range(title, stop) if view.cues.has(k, "titles")) + 1
    body = next((a for a in view.actors if title_end <= a.start < stop), None)
    if body is None or body.start - title_end > TITLE_TO_BODY or body.mention.type == "person" or (
            body.start in exclude):
        return None
    return body


SPEAKER_HEAD_WORDS = 5  # "South Korea's [defence ministry] said", "Ukraine's [military intelligence agency] said"


def _owner_of_speaker(view: SentenceView, clause_start: int, cue: int, exclude: set[int]) -> Actor | None:
    """The state or body whose organ speaks, when the speaker itself is no entity: "South Korea's defence
    ministry said", "el Ministerio de Defensa de Corea del Sur dijo". The owner (possessive or genitive)
    stands in the few words right before the reporting word, with no stop, name or cue in between."""
    for actor in sorted(view.actors, key=lambda a: -a.start):
        if not (clause_start <= actor.start and actor.end <= cue) or actor.start in exclude:
            continue
        genitive = actor.marker == "genitive" or (actor.marker_token is not None and view.cues.has(
            actor.marker_token, "marker:genitive"))
        between = range(actor.end, cue)
        if (actor.possessive or genitive) and len(between) <= SPEAKER_HEAD_WORDS and not any(
                view.is_punct_stop(k) or view.is_trigger(k) for k in between):
            return actor
        return None  # only the nearest name before the reporting word can own it
    return None


def _body_of_opening_speaker(view: SentenceView, clause_start: int, cue: int, exclude: set[int]) -> Actor | None:
    """The body of the speaker who opens the clause, named right after the speaker's title: "A spokesman for
    the Russian embassy ...", "Un portavoz de la embajada ..." (the first name of the clause)."""
    first = next((a for a in view.actors if clause_start <= a.start < cue), None)
    if first is None or first.start in exclude or first.marker_token is None or (
            first.start - clause_start > SPEAKER_HEAD_WORDS):
        return None
    k = first.marker_token - 1
    return first if k >= clause_start and view.cues.has(k, "titles") else None


def _raising_passive(view: SentenceView, start: int, end: int) -> bool:
    """ "is believed to", "was reported to": a hedge on what follows, with no one reporting."""
    return view.cues.has(start - 1, "reporting:passive") and view.cues.has(end, "reporting:raising")


def _in_closed_relative(view: SentenceView, cue: int, trigger: int) -> bool:
    """A reporting cue in a relative clause that a comma closes before the trigger speaks only of that clause:
    "Болгарія, яку довго вважали проросійською, таємно допомагала Україні", "Iran, which Washington has long
    called a threat, supplied ..." (not "Kirby, who spoke to reporters, said that ...": the comma closes
    the relative clause before the cue)."""
    start = view.clause_start(cue)
    if start == view.start or not view.cues.has(start - 1, "relatives") or any(
            view.texts[k] == "," for k in range(start, cue)):
        return False
    return any(view.texts[k] == "," for k in range(cue, trigger))


RELATIVE_TO_CUE = 3  # words from a relative pronoun to the reporting verb of its clause ("which it said")


def _in_relative_after(view: SentenceView, trigger_end: int, cue: int) -> bool:
    """A reporting verb in a relative clause after the claim speaks of that clause: "sanctioned a Kazakh
    logistics firm, Steppe Cargo Group, which it said had shipped ..."."""
    return any(view.cues.has(k, "relatives") and not view.cues.has(k, "complementizers")
               for k in range(max(trigger_end, cue - RELATIVE_TO_CUE), cue))


def _called_false(view: SentenceView, trigger: Trigger) -> bool:
    """"Peskov called reports of arms shipments to Syria «speculation»", "bezeichnete die Berichte über
    Lieferungen als haltlos": a calling verb before the claim (across "that": "called reports that Russia ...")
    and a denial word after it, in the claim's clause."""
    return view.cues.any_in("reporting:calling", view.start, trigger.start) and view.cues.any_in(
        "reporting:denial", trigger.end, view.clause_end(trigger.end - 1))


def _time_clause_between(view: SentenceView, cue_end: int, trigger: int) -> bool:
    """"China said it would impose sanctions, two weeks after Washington cleared a package": a time clause set
    off by a comma (opened by one of the lexicon's ``clause_prepositions``) is the writer's, not the speaker's."""
    for k in view.cues.starts_in("clause_prepositions", cue_end, trigger):
        if view.is_clause_boundary(k) and any(view.texts[j] == "," for j in range(max(cue_end, k - TIME_CLAUSE_LEAD), k)):
            return True
    return False


def attribute(view: SentenceView, trigger: Trigger, voice: Voice) -> Attribution:
    """The claimants of a claim whose trigger is ``trigger`` (a participant may be one: "Iran denied
    sending drones")."""
    result = Attribution(scope_start=view.clause_start(trigger.start))
    frame_claimant = according_to(view, voice=voice)
    # (a word inside a quote the claim is not in is the quoted speaker's, not the claim's report)
    quote = view.quote_around(trigger.start)
    cues = [c for c in _reporting_cues(view) if not (c[0] < trigger.end and trigger.start < c[1])
            and not _raising_passive(view, c[0], c[1]) and view.quote_around(c[0]) in (None, quote)]
    before = [c for c in cues if c[1] <= trigger.start and not _in_closed_relative(view, c[0], trigger.start)
              and not _time_clause_between(view, c[1], trigger.start)]
    # (what the quote holding the claim says further on is the speaker's own word, not who speaks: '"Iran has
    # never sent weapons, and fabricated claims cannot ...," he told reporters')
    after = [c for c in cues if c[0] >= trigger.end and not _in_relative_after(view, trigger.end, c[0])
             and (quote is None or c[0] > quote[1])]
    inverted: set[tuple[int, int, str]] = set()  # main verbs whose subject follows them
    if view.verb_second and all(c[2] == "noun" for c in before):
        # "Pjöngjang hat Vorwürfe über Waffenlieferungen an Russland stets zurückgewiesen": an auxiliary before the
        # claim, the participle closing the clause after it, is the main clause's verb, its subject the speaker
        # (the accusations it rejects are what is denied, not who says so)
        # ("Eine Lieferung des Taurus lehnt Scholz weiterhin ab": the claim noun fronted as the verb's object, the
        # subject after the verb)
        clause = view.clause_start(trigger.start)
        fronted = trigger.is_noun and trigger.start - clause <= FRONTED_OBJECT_START
        closing = [c for c in after[:1] if c[2] != "noun"
                   and (fronted or view.cues.any_in("auxiliaries", clause, trigger.start))
                   and view.clause_start(c[0]) == clause
                   and not any(view.texts[k] in SETTING_OFF for k in range(trigger.end, c[0]))]
        before = closing or before
        inverted = set(closing) if fronted else inverted
    claimants: list[str | None] = []
    unresolved = False
    unnamed: list[str] = []  # groups: the last resort, when nothing named speaks
    for start, end, kind in before:
        found = subject_of_reporting(view, start, end, kind, voice, set(), postposed=(start, end, kind) in inverted)
        if kind == "denial":
            result.denied = True
        # (a hedge in the reporting clause hedges the claim, whoever speaks: "Flights suggest that Ankara has
        # delivered")
        result.scope_start = min(result.scope_start, view.clause_start(start))
        if found is None:
            unresolved = True
            group = unnamed_subject_of_reporting(view, start, end, kind)
            unnamed += [group] if group else []
            continue
        claimants += found
    if not claimants and not before:
        for start, end, kind in after[:1]:
            # (set off by a comma or dash, or by the quote it closes: '"... to Russia!" said John Kirby')
            if any(view.texts[k] in SETTING_OFF or view.texts[k] in QUOTE_MARKS for k in range(trigger.end, start)):
                found = subject_of_reporting(view, start, end, kind, voice, set(), postposed=True)
                if kind == "denial":
                    result.denied = True
                claimants += found or []
                group = None if found else unnamed_subject_of_reporting(view, start, end, kind, postposed=True)
                unnamed += [group] if group else []
    if claimants and not result.denied and _called_false(view, trigger):
        result.denied = True
    if frame_claimant is not None:
        claimants = [frame_claimant]
    elif not claimants:
        group = cited_unnamed(view)
        unnamed = [group] if group else unnamed
    if not claimants and not before:
        claimants = [a.entity for a in [_headline_source(view, trigger)] if a is not None]
        result.headline = bool(claimants)
    if not claimants and not before and voice.quoted and _opens_quote(view):
        claimants = [voice.quoted]
    if not claimants:
        if voice.speaker and (unresolved or not before):
            claimants = [voice.speaker]
        elif not before and any(view.cues.any_in(label, view.start, view.end)
                                for label in ("first_person", "first_person_possessive")):
            claimants = [voice.first_person_claimant()]
    if not claimants and unnamed:
        claimants = [unnamed[0]]
    claimants = [voice.first_person_claimant() if c == FIRST_PERSON else c for c in claimants]
    result.claimants = list(dict.fromkeys(claimants)) or [None]
    return result


def _headline_source(view: SentenceView, trigger: Trigger) -> Actor | None:
    """A name alone before a colon heads what it says: "USA: Nordkorea liefert Raketen an Russland",
    "Armi, Kiev: «La Corea del Nord ha inviato ...»", "ГУР: КНДР передала ..." (not "Ukraine war: ...")."""
    colon = next((k for k in range(trigger.start - 1, view.start - 1, -1) if view.texts[k] == ":"), None)
    if colon is None:
        return None
    start = next((k + 1 for k in range(colon - 1, view.start - 1, -1) if view.texts[k] == ","), view.start)
    while start < colon and view.cues.has(start, "determiners"):
        start += 1  # "Corea del Nord, l'intelligence di Seul: «...»"
    actor = view.actor_at(start)
    if actor is None or actor.start != start or actor.end != colon or actor.adjective:
        return None
    return actor


def according_to(view: SentenceView, unnamed: bool = True, voice: Voice | None = None) -> str | None:
    """Who an "according to" frame names; with ``unnamed``, a group a state's adjective qualifies too
    ("selon les médias serbes"); with the ``voice``, the source named before that a word points back at
    ("secondo il portale", "according to the report") or a pronoun points back at ("secondo lui")."""
    for i in view.cues.starts_in("reporting:frames", view.start, view.end):
        end = view.cues.starts(i, "reporting:frames")
        if view.cues.has(i, "complementizers"):
            # "il rapporto del Panel di esperti, diffuso ieri a New York, secondo cui ...": the body named
            # before it
            source = _source_before(view, i)
            if source is not None:
                return source
            continue
        if view.cues.has(i, "reporting:pronoun_frames"):
            continue  # "selon lui" is read below
        found = [view.actor_at(k) for k in range(end, min(view.end, end + FRAME_REACH))]
        named = [a for a in found if a is not None and a.marker == "attribution"]
        solid = [a for a in named if not (a.adjective or a.possessive)]
        if not solid and voice is not None and voice.pointed_back_source() and _points_back(view, end):
            # the adjective qualifies the word pointing back: "secondo il quotidiano statunitense,"
            return voice.pointed_back_source()
        if solid or named:
            if not solid and unnamed:  # a state's adjective may qualify a group that speaks
                group = unnamed_sources.qualifying(view, named[0])
                if group is not None:
                    return group.id
            return (solid or named)[-1].entity if solid else named[0].entity
        if voice is not None and voice.pointed_back_source() and _points_back(view, end):
            return voice.pointed_back_source()
    if voice is not None and view.cues.any_in("reporting:pronoun_frames", view.start, view.end):
        return voice.antecedent()  # "according to him", "за його словами": who the text spoke of last
    reporter = reported_by(view)
    if reporter is not None:
        return reporter.entity
    # "Per Marco Lenzi, ...": the person whose view the sentence opens with (sentence.py marks them)
    return next((a.entity for a in view.actors if a.marker == "attribution" and a.marker_token == view.start
                 and view.cues.starts(view.start, "reporting:opening_frames")), None)


REPORTER_NAME_REACH = 5  # words from the "by" after a reporting participle to the name ("by the Maldivian news portal X")


def reported_by(view: SentenceView) -> Actor | None:
    """Who a passive reporting participle names: "the purchase ... was first reported in January by the Maldivian
    news portal Adhadhu" (not a state whose adjective qualifies the reporter)."""
    for i in view.cues.starts_in("reported_by", view.start, view.end):
        by = reporting_participle_agent(view, i)
        if by is None:
            continue
        for k in range(by + 1, min(view.end, by + 1 + REPORTER_NAME_REACH)):
            actor = view.actor_at(k)
            if actor is not None and not actor.adjective:
                return actor
    return None


RELATIVE_FRAME_REACH = 16  # words back from "secondo cui", "according to which" to the body whose report it is


def _source_before(view: SentenceView, frame: int) -> str | None:
    """The organisation or person nearest before a relative frame, not a state: whose report "secondo cui",
    "selon lequel", "según el cual" introduces."""
    for k in range(frame - 1, max(view.start, frame - RELATIVE_FRAME_REACH) - 1, -1):
        actor = view.actor_at(k)
        if actor is not None and actor.mention.type in ("organization", "person") and not actor.adjective:
            return actor.entity
    return None


def _points_back(view: SentenceView, k: int) -> bool:
    """A frame's object is a word pointing back at the source named before, closing the phrase: "secondo il
    portale,", "according to the report,", "по данным издания," (not "d'après le site Military Africa"); a state's
    adjective may qualify the word ("secondo il quotidiano statunitense,", "according to the US daily,")."""
    def past_adjective(j: int) -> int:
        actor = view.actor_at(j) if j < view.end else None
        return actor.end if actor is not None and actor.adjective and actor.start == j else j

    while k < view.end and view.cues.has(k, "determiners"):
        k += 1
    k = past_adjective(k)
    anaphor = next((view.cues.starts(k, label) for label in ("reporting:anaphors", "reporting:outlet_anaphors")
                    if view.cues.starts(k, label)), None)
    if anaphor is None:
        return False
    anaphor = past_adjective(anaphor)
    return anaphor < view.end and view.is_punct_stop(anaphor)


def cited_unnamed(view: SentenceView) -> str | None:
    """The group an "according to" frame cites when it names no one: "according to people familiar with the
    matter", "secondo fonti di governo", "nach Informationen aus Regierungskreisen", "за даними джерел"."""
    for i in view.cues.starts_in("reporting:frames", view.start, view.end):
        if view.cues.has(i, "complementizers"):
            continue
        group = unnamed_sources.cited_after(view, view.cues.starts(i, "reporting:frames"), FRAME_REACH)
        if group is not None:
            return group.id
    return None


def update_voice_before(view: SentenceView, voice: Voice, state_of) -> None:
    """Speaker turns start with the sentence that carries the label; a "X said:" line's quote ends where a
    paragraph opens in the publisher's own name ("The UK agrees ...", after the Foreign Secretary's words)."""
    if voice.speaker_quoting and _starts_line(view) and _opens_with_publisher(view, voice):
        voice.speaker, voice.speaker_state, voice.speaker_quoting = None, None, False
    if speaker_turn(view.text):
        label_end = next((k for k in range(view.start, view.end) if view.texts[k] == ":"), view.start)
        person = next((a for a in view.actors if a.start < label_end and a.mention.type == "person"), None)
        voice.speaker = person.entity if person else _named_in_full(view, label_end)
        voice.speaker_state = state_of(voice.speaker)
        voice.speaker_quoting = False


def _named_in_full(view: SentenceView, label_end: int) -> str | None:
    """The person a label's surname stands for ("MR MILLER:", where "miller" is also a word), when the document
    names exactly one person with that surname ("Matthew Miller, Spokesperson" in the header)."""
    words = [w for w in view.texts[view.start:label_end] if w.isalpha()]
    if not words:
        return None
    surname = [words[-1].casefold()]
    found = {info.id for info in view.entity_info.values() if info.type == "person"
             and [w for w in info.name.casefold().split() if w.isalpha()][-1:] == surname}
    return found.pop() if len(found) == 1 else None


def update_voice_after(view: SentenceView, voice: Voice, state_of, claimants: list[str | None]) -> None:
    """What this sentence tells the next ones: a "X said:" line, the source being reported, the last claimant."""
    cues = _reporting_cues(view)
    if view.text.rstrip().endswith(":") and cues and not speaker_turn(view.text):
        start, end, kind = cues[-1]
        found = subject_of_reporting(view, start, end, kind, voice, set())
        if found and found[0]:
            voice.speaker = found[0]
            voice.speaker_state = state_of(found[0])
            voice.speaker_quoting = True
    speakers: list[str] = []
    for start, end, kind in cues:
        found = subject_of_reporting(view, start, end, kind, voice, set()) if kind != "noun" else None
        # (an unnamed group is an entity only once it asserts a claim: it is not carried over from here)
        speakers += [entity for entity in found or [] if entity and entity in view.entity_info]
        for entity in (found or []) if kind == "verb" else []:
            actor_type = next((a.mention.type for a in view.actors if a.entity == entity), None)
            if actor_type == "organization":
                voice.reported_source = entity
    according = according_to(view, unnamed=False)
    if according:
        voice.reported_source = according
    note_body_named(view, voice)
    outlets = [a.entity for a in view.actors if getattr(view.entity_info.get(a.entity), "kind", None) == "news_outlet"]
    if outlets:
        voice.last_outlet = outlets[-1]
    named = [c for c in claimants if c]
    if named:
        voice.last_claimant = named[-1]
    # (the one who reports before the one they cite: "Reuters reported, citing Indian officials")
    source = (speakers[-1] if speakers else None) or according or (named[-1] if named else None)
    if source:
        voice.last_source, voice.last_source_sentence = source, voice.sentence
    # a pronoun in the next sentence points back at who spoke here, else at the person this sentence is
    # about ("Kim Yo Jong called the charges absurd. ..., she said"); a sentence naming neither leaves it
    person = next((a.entity for a in view.actors if a.free and a.mention.type == "person"), None)
    subject = speakers[-1] if speakers else (named[-1] if named else person)
    if subject:
        voice.last_subject = subject
    # a quote opening the next sentence is in the voice of who spoke here: who gave a quote ('"...," Kurilla
    # said.') or whose words it goes on to give ("X n'a ni confirmé ni infirmé l'arrivée des drones. « Le
    # Tchad achète ... »")
    if speakers:
        voice.quoted = speakers[-1]
    elif not _opens_quote(view):
        voice.quoted = None


def note_body_named(view: SentenceView, voice: Voice) -> None:
    """A body opening a sentence as its subject, before any source has reported, is what "the organisation" or
    "the report" later points back at: "CIR analysed the images. The organisation judges it very likely ..."."""
    first = view.actors[0] if view.actors else None
    if voice.reported_source is None and first is not None and first.free and first.mention.type == "organization" \
            and first.start <= view.start + 1:
        voice.reported_source = first.entity


def _opens_with_publisher(view: SentenceView, voice: Voice) -> bool:
    """The sentence's first word (after an article) names the publisher or its state: "The UK agrees ..."."""
    first = view.start + (1 if view.cues.has(view.start, "determiners") else 0)
    return bool(view.actors) and view.actors[0].start == first and view.actors[0].entity in (
        voice.publisher, voice.publisher_state)


def _starts_line(view: SentenceView) -> bool:
    """Whether the sentence opens a line (a paragraph on a scraped page)."""
    before = view.cues.text[max(0, view.sent.start_char - 8):view.sent.start_char]
    return view.sent.start_char == 0 or "\n" in view.text[:1] or "\n" in before[len(before.rstrip()):]


def _opens_quote(view: SentenceView) -> bool:
    """Whether the sentence starts inside a quote (its opening mark may end the sentence before: 'said. "Iran')."""
    if view.text.lstrip()[:1] in QUOTE_MARKS:
        return True
    before = view.cues.text[:view.cues.words.starts[view.start]].rstrip()
    return before[-1:] in QUOTE_MARKS and before[-2:-1].isspace()

