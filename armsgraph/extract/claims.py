"""Claim frames: from a trigger word to its participants and items, inside one sentence.

A trigger's lexicon group says how roles map ("give": the subject supplies;
"get": the subject receives and "from" marks the supplier; symmetric types
take two parties).  Verbs take their subject from word order, nouns from
possessives, adjectives and role markers.  Frames that miss a role are
merged with compatible frames of the same sentence ("Russia's support for
Iran ... Moscow is sharing technology") and left to the document-level rules
in ``pipeline`` otherwise.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from armsgraph.extract.entities import EntityMention
from armsgraph.extract.morphology import cases
from armsgraph.extract.sentence import CLAIM_TYPES, Actor, SentenceView

FIRST_PERSON = "@we"  # stands for the speaker's or publisher's state until the voice is known
DIRECTIONAL = {"transfer", "offer"}
NOUN_MARKER_REACH = 4  # tokens before a trigger noun within which a role marker's participant is its own
WEAK_REACH = 6  # tokens around a weak trigger ("support", "cooperazione") in which its participants stand
SYMMETRIC = {"negotiation", "agreement", "meeting"}
PASSIVE_AGENT_REACH = 2  # words between a passive verb and its "by" phrase
CLOSING_QUOTES = {"\"", "”", "»", "“"}
MADE_BY_REACH = 3  # words from a participle of making to its "by" ("produced under licence by")
REPORTED_BY_REACH = 3  # words from a reporting participle to its "by" ("was first reported in January by")
BETWEEN_REACH = 4  # words from a symmetric cue to the "between" that names its parties ("agreement signed between")
TOPIC_REACH = 8  # words after a negotiation verb that may still be what the talks are about
APPOSITION_REACH = 4  # words from a counterpart's state to his name after it (", il generale Chang Dingqiu")
HOST_REACH = 10  # words from a passive "received" to the "by" naming the host ("reçu fin mars au palais de X par")
TITLE_REACH = 4  # words from that "by" to the host's title ("par le président de la transition")
HOST_NAME_REACH = 10  # ... and to the host's name (", le colonel Assimi Goïta")
GUEST_REACH = 10  # words after a receiving verb within which its guest is named ("received on Wednesday the ...")


@dataclass
class Trigger:
    start: int
    end: int
    type: str
    group: str  # the lexicon group: give_verbs, get_nouns, weak_verbs, verbs, nouns...

    @property
    def is_noun(self) -> bool:
        return self.group.endswith("nouns")

    @property
    def direction(self) -> str:
        if self.type in SYMMETRIC:
            return "symmetric"
        if self.type in ("warning", "sanction"):
            return self.type
        return "get" if self.group.startswith("get") else "give"

    @property
    def weak(self) -> bool:
        return self.group.startswith("weak")


@dataclass
class Frame:
    type: str
    trigger: Trigger
    subject: str | None = None
    object: str | None = None
    items: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # token spans that carry it (for the quote)
    subject_token: int | None = None
    has_goal_phrase: bool = False
    any_recipient: bool = False  # "to any party", "a nessuna delle parti": given to no one in particular
    coordinated: tuple[str, ...] = ()  # the subjects it was split from ("Britain, France and Germany ...")
    speaker: str | None = None  # who says it with the claim word itself ("Zelensky thanked the Netherlands for")

    @property
    def complete(self) -> bool:
        return self.subject is not None and self.object is not None and self.subject != self.object

    def covers(self) -> tuple[int, int]:
        return min(s for s, _ in self.spans), max(e for _, e in self.spans)


def find_triggers(view: SentenceView) -> list[Trigger]:
    """Claim cue words of the sentence, one reading each (noun or verb), absorbed ones dropped."""
    triggers: list[Trigger] = []
    cues = view.cues
    i = view.start
    for k in view.trigger_starts:
        if k < i:
            continue  # inside the last trigger
        i = k
        options = [(label, end) for label, end in cues.starts_at(i).items() if label.split(":", 1)[0] in CLAIM_TYPES]
        longest = max(end for _, end in options)
        options = [(label, end) for label, end in options if end == longest]
        labels = [label for label, _ in options]
        reporting = cues.starts(i, "reporting:verbs")
        if _verb_used_as_noun(view, i, labels) or cues.has(i, "idioms") or (
                reporting is not None and reporting > longest) or {i, longest - 1} <= view.name_tokens:
            # nor is the verb of a longer reporting phrase a claim ("передает корреспондент ТАСС": conveys, reports),
            # nor one of a set phrase ("принял к сведению": took note), nor a word of a name ("Forces armées
            # maliennes"); (the words of "according to" carry no claim cue: ``DocCues.index``)
            i = longest
            continue
        label = _choose_reading(view, i, labels)
        claim_type, group = label.split(":", 1)
        triggers.append(Trigger(i, longest, claim_type, group))
        i = longest
    return _drop_absorbed(view, triggers)


def _verb_used_as_noun(view: SentenceView, i: int, labels: list[str]) -> bool:
    """A cue the lexicon knows only as a verb, written as a noun: "the ship Angara", "a Russian cargo ship"
    (a determiner right before it, or a state's adjective one or two words before). Not in German, whose
    verbs end their clause after determiners and names ("die Deutschland der Ukraine liefert")."""
    if view.verb_second or i - 1 < view.start or any(label.endswith("nouns") for label in labels):
        return False
    before = i - 1
    if view.cues.has(before, "determiners") and not view.cues.has(before, "dative_clitics"):
        return True  # "the ship", not Italian "gli fornisce"
    # (not across goods the adjective is theirs: "северокорейские снаряды прибыли")
    return _modifying_actor(view, before) or (before - 1 >= view.start and _modifying_actor(view, before - 1)
                                               and view.actor_at(before) is None
                                               and not _is_item(view, before))


def _choose_reading(view: SentenceView, i: int, labels: list[str]) -> str:
    """"supply" is a verb or a noun; articles, possessives and "of" after it make it a noun."""
    nouns = [label for label in labels if label.endswith("nouns")]
    verbs = [label for label in labels if not label.endswith("nouns")]
    if not nouns or not verbs:
        return _prefer_strong(labels)
    if view.nouns_capitalised and not view.cues.words.sent_start[i]:
        # where every noun is capitalised, the case says which: "das Treffen", "traf den Botschafter"
        return _prefer_strong(verbs if view.lower_case_where_nouns_are_not(i) else nouns)
    cues = view.cues
    end = max(cues.starts_at(i).values())
    token, k = view.sent.doc[i], i - 1
    while k > view.start and cues.has(k, "auxiliaries"):
        k -= 1
    if k >= view.start and cues.has(k, "relatives") and token.lower_ != token.lemma_.lower():
        # "a company that (has) supplied Russia": a relative pronoun before an inflected verb, not "that supply"
        return _prefer_strong(verbs)
    # a determiner two words back makes a noun ("the military supply") unless a name or pronoun stands
    # between: in "said that Iran supplied", "denied that it supplied" the "that" starts a clause
    subject_between = ((actor := view.actor_at(i - 1)) is not None and actor.free) or any(
        cues.has(i - 1, label) for label in ("third_person", "first_person"))
    reach = (i - 1,) if subject_between else (i - 1, i - 2)
    # a materiel word right before it is its compound's first part: look before that ("Azerbaijan's major
    # arms imports")
    compound = next((m for m in view.items if m.end == i), None)
    if compound is not None:
        reach += (compound.start - 1, compound.start - 2)
    # ... and so does a materiel name that takes it in (the gazetteer's "arms supplies")
    noun_like = cues.has(end, "marker:genitive") or any(m.start < i < m.end for m in view.items) or any(
        cues.has(k, "determiners") or cues.has(k, "possessive") or cues.has(k, "first_person_possessive")
        or _modifying_actor(view, k) for k in reach)
    return _prefer_strong(nouns if noun_like else verbs)


def _modifying_actor(view: SentenceView, k: int) -> bool:
    """A possessive or adjective that may modify what follows it; not one that follows the goods it
    qualifies ("des obus nord-coréens sont arrivés", "tanques K2 surcoreanos llegaron")."""
    actor = view.actor_at(k)
    return actor is not None and (actor.possessive or actor.adjective) and not (
        actor.origin_of is not None and actor.origin_of < actor.start)


def _prefer_strong(labels: list[str]) -> str:
    order = {"transfer": 0, "offer": 1, "sanction": 2, "warning": 3, "agreement": 4, "negotiation": 5, "meeting": 6}
    return sorted(labels, key=lambda label: (label.split(":")[1].startswith("weak"), order[label.split(":")[0]]))[0]


def _drop_absorbed(view: SentenceView, triggers: list[Trigger]) -> list[Trigger]:
    """A trigger noun right after a trigger verb is its object ("negotiating arms deals", "sign an agreement"),
    a package before sanctions is theirs, a purchase signed is no agreement of its own, and a transfer verb right
    after an offer verb is what is offered ("offered to sell", "ha offerto di vendere", "предложила поставить")."""
    kept: list[Trigger] = []
    for trigger in triggers:
        if (kept and kept[-1].type == "transfer" and kept[-1].is_noun and trigger.type == "sanction"
                and trigger.start - kept[-1].end <= 2
                and not any(view.actor_at(k) for k in range(kept[-1].end, trigger.start))):
            # "adopted a 15th package of sanctions against Russia", "ухвалила пакет санкцій": the package is the
            # sanctions', one claim word with them
            kept[-1] = Trigger(kept[-1].start, trigger.end, trigger.type, trigger.group)
            continue
        if (kept and kept[-1].type == "agreement" and not kept[-1].is_noun and trigger.type == "transfer"
                and trigger.group in ("get_nouns", "give_nouns")
                and all(view.cues.has(k, "determiners") for k in range(kept[-1].end, trigger.start))):
            kept[-1] = trigger  # signing a purchase is the purchase: "Colombia firmó la compra de 17 Gripen a Suecia"
            continue
        if kept and not kept[-1].is_noun and not any(view.actor_at(k) for k in range(kept[-1].end, trigger.start)) and (
                trigger.start - kept[-1].end <= 3 and (
                    trigger.is_noun or (kept[-1].type == "offer" and trigger.type == "transfer"))
                or _topic_of_talks(view, kept[-1], trigger)):
            continue
        kept.append(trigger)
    return kept


TALKS_TOPIC_BEFORE = 3  # words before a talks noun that may say what they are about ("arms talks")


def _people_talking(view: SentenceView, frame: Frame) -> bool:
    """Both parties of talks are people: they meet (states' talks are negotiations, whatever the sentence names)."""
    return all(e is not None and getattr(view.entity_info.get(e), "type", None) == "person"
               for e in (frame.subject, frame.object))


def _talks_topic(view: SentenceView, talks: Trigger) -> bool:
    """Whether the phrase of a talks noun says they are about arms or military cooperation: goods, or another
    claim word, however weak ("talks on military cooperation"); what the sentence reports after a comma is not
    their topic ("Blinken, in London for talks with Lammy, said Russia has received missiles")."""
    start = max(view.clause_start(talks.start), talks.start - TALKS_TOPIC_BEFORE)
    end = view.phrase_end(talks.end)
    return any(start <= m.start < end for m in view.items) or any(
        view.is_trigger(k) for k in range(start, end) if not talks.start <= k < talks.end)


def _topic_of_talks(view: SentenceView, talks: Trigger, trigger: Trigger) -> bool:
    """What talks are about is no claim of its own: "to discuss maintenance, training and a possible follow-on
    order", "discussed the signing of a second contract" (a transfer cue or an agreement noun after a negotiation
    verb, in its clause, with no name between)."""
    return (talks.type == "negotiation" and (trigger.type in DIRECTIONAL or trigger.type == "agreement"
                                             and trigger.is_noun)
            and trigger.start - talks.end <= TOPIC_REACH
            and view.clause_start(trigger.start) == view.clause_start(talks.start))


# --- roles ---------------------------------------------------------------------------------------

def _left_subject(view: SentenceView, trigger: Trigger) -> Actor | str | None:
    """The nearest free participant before the trigger in its clause; past a relative pronoun when none."""
    start = view.clause_start(trigger.start)
    apposition = view.apposition_before(trigger.start)
    for region_start, region_end in ((start, trigger.start), (view.start, start)):
        if region_end <= region_start:
            continue
        if region_start != start and (antecedent := view.relative_antecedent(start, trigger.start)) is not None:
            return antecedent
        if region_start != start and view.relative_of_an_item(start, trigger.start) and not any(
                view.cues.has(k, "third_person") and not view.cues.has(k + 1, "reporting:verbs")
                for k in range(start, trigger.start)):
            # (but "UAVs that it had purchased": the pronoun is the one named before; not in "a drone that it said
            # was delivered", where it is the speaker)
            return None
        if region_start != start and view.opens_reported_clause(start - 1) and not any(
                view.cues.has(k, "third_person") for k in range(start, trigger.start)):
            # not back into the reporting clause, but for a pronoun: "told Reuters that the talks with
            # Bratislava" (not "Tehran denied that it sold")
            return None
        candidates = [a for a in view.actors if region_start <= a.start < region_end and a.free
                      and not _of_a_noun(view, a) and a.start not in apposition]
        if candidates and region_start == start and (closed := view.closed_relative(start, trigger.start)):
            # "Iran, which Washington has long called a threat, supplied drones": the names inside a relative
            # clause closed by a comma are not the verb's subject; its antecedent is
            if all(a.start < closed for a in candidates):
                return view.relative_antecedent(start, trigger.start) or max(candidates, key=lambda a: a.start)
        if region_start != start and view.cues.any_in("country_anaphors", start, trigger.start):
            # "Ouédraogo denied that the country had received ...": the speaker's own state
            state = _state_of_speaker(view, max(candidates, key=lambda a: a.start) if candidates else None,
                                      region_start, region_end)
            if state is not None:
                return state
        if candidates:
            nearest = max(candidates, key=lambda a: a.start)
            if region_start == start and _reports_a_noun_subject(view, nearest.end, trigger):
                return None
            if region_start != start and view.cues.any_in("third_person", nearest.end, start):
                return None  # a pronoun is nearer: '"Iran has never sent ...," he told reporters, warning that'
            return nearest
        if view.first_person_before(region_start, region_end):
            return FIRST_PERSON
        if region_start == start and not _pronoun_or_empty_subject(view, start, trigger.start):
            return None
    return None


def _reports_a_noun_subject(view: SentenceView, start: int, trigger: Trigger) -> bool:
    """Whether a reporting verb between ``start`` and the trigger opens a clause whose subject is a common noun:
    "Treasury said the army had received ...", "... said the army had prioritized weapons acquisition" (not "Iran
    said it had sold", nor a noun the verb reports: "ont annoncé des sanctions")."""
    if not view.complementizer_optional:
        return False  # (elsewhere a determiner after the verb is its object's: "accusato il governo di aver agito")
    end = trigger.start
    return any((view.cues.has(k, "reporting:verbs") or view.cues.has(k, "reporting:denial"))
               and k + 2 < end and view.cues.has(k + 1, "determiners") and view.actor_at(k + 2) is None
               and (not trigger.is_noun or view.cues.any_in("auxiliaries", k + 2, end))
               for k in range(start, end))


def _state_of_speaker(view: SentenceView, speaker: Actor | None, start: int, end: int) -> Actor | None:
    """The state a speaker in [start, end) speaks for, as named there ("Burkina Faso's spokesman X"), else the
    speaker (None when neither is named)."""
    if speaker is not None and speaker.mention.type == "country":
        return speaker
    state = view.state_of(speaker.entity) if speaker is not None else None
    named = [a for a in view.actors if a.mention.type == "country" and start <= a.start
             and a.end <= (speaker.start if speaker is not None else end) and (state is None or a.entity == state)]
    return named[-1] if named else speaker


def _of_a_noun(view: SentenceView, actor: Actor) -> bool:
    """A name after a genitive preposition that follows a common noun qualifies that noun, it does not act: "le
    risoluzioni del Consiglio di sicurezza e non ha fornito armi" (not a title's body, "la portavoce della Nato",
    nor "il governo della Russia", an institution named as one)."""
    k = view.before_determiners(actor.start)  # "the resolutions of the Security Council"
    return (k - 1 >= view.start and view.cues.has(k, "marker:genitive") and view.actor_at(k - 1) is None
            and view.texts[k - 1].isalpha() and view.texts[k - 1].islower() and not view.cues.has(k - 1, "titles"))


def _new_clause(view: SentenceView, k: int) -> bool:
    """ ", and" / ", а" / ", but": a comma and a coordinator start a new clause."""
    return view.texts[k] == "," and k + 1 < view.end and (
        view.cues.has(k + 1, "coordinators") or view.cues.has(k + 1, "contrastive"))


def _pronoun_or_empty_subject(view: SentenceView, start: int, end: int) -> bool:
    return any(view.cues.has(k, "third_person") or view.cues.has(k, "relatives") for k in range(start - 1, end)) or (
        end - start <= 3)


def _free_before(view: SentenceView, trigger: Trigger) -> list[Actor]:
    start = view.clause_start(trigger.start)
    return [a for a in view.actors if start <= a.start < trigger.start and a.free and not a.adjective
            and not _genitive_attribute(view, a)]


def _genitive_attribute(view: SentenceView, actor: Actor) -> bool:
    """A name in the genitive right after a noun qualifies that noun, where every noun is capitalised: "die
    Unterstützung Berlins" (Berlin is no participant of the verb)."""
    k = actor.start - 1
    return (view.nouns_capitalised and actor.mention.form == "genitive" and k >= view.start
            and view.actor_at(k) is None and view.texts[k][:1].isupper() and not view.cues.words.sent_start[k])


def _right_actors(view: SentenceView, trigger: Trigger) -> list[Actor]:
    """Participants after the trigger in its clause, up to a reporting verb (", said John Kirby") or a clause
    joined by a comma and a coordinator (", а Лондон натомість передав би Україні")."""
    end = view.clause_end(trigger.end - 1)
    end = next((k for k in range(trigger.end, end) if _new_clause(view, k)), end)
    reports = [view.cues.first_in(label, trigger.end, end) for label in ("reporting:verbs", "reporting:denial")]
    end = min((k for k in reports if k is not None), default=end)
    # nor past the quote's end: in '"... any contract for the BrahMos system," spokeswoman Pham Thu Hang said' the
    # speaker is no party
    end = next((k for k in range(trigger.end, end) if _closes_quote(view, k)), end)
    return [a for a in view.actors if trigger.end <= a.start < end]


def _closes_quote(view: SentenceView, k: int) -> bool:
    """A closing quotation mark: right after the quote's own comma ('system,"', not the opening one in 'said, "'),
    or right before a comma ('»,')."""
    if view.texts[k] not in CLOSING_QUOTES:
        return False
    attached = not view.doc[k - 1].whitespace_
    return attached and view.texts[k - 1] in {",", "!", "?"} or (k + 1 < view.end and view.texts[k + 1] == ",")


def _after_genitive_marker(view: SentenceView, actor: Actor) -> bool:
    """A name no role marker took, right after a genitive preposition: "il principale fornitore di armi
    dell'India" (Italian's "di" marks no role of its own)."""
    return actor.marker is None and actor.start > view.start and view.cues.has(actor.start - 1, "marker:genitive")


def _people_of(view: SentenceView, trigger: Trigger) -> Actor | None:
    """The body whose people act, when they are unnamed: "Des émissaires du département d'État ont mis en
    garde …", "Officials from the Pentagon warned …" (the last name before the verb, introduced by
    "of"/"from" after a common word)."""
    start = view.clause_start(trigger.start)
    before = [a for a in view.actors if start <= a.start < trigger.start]
    if not before:
        return None
    actor, k = before[-1], before[-1].marker_token
    if actor.marker in ("source", "genitive", "other") and k is not None and k > view.start and (
            view.texts[k - 1].isalpha() and view.actor_at(k - 1) is None) and trigger.start - actor.end <= 3:
        return actor
    return None


TARGET_REACH = 8  # words after a warning or sanction cue in which the one it is aimed at is named
UNKNOWN_TARGET_REACH = 8  # words after a sanction or warning verb in which an unknown name is its target


def _unknown_name_after(view: SentenceView, trigger: Trigger) -> EntityMention | None:
    """A name the gazetteer does not know and cannot type, first after the verb in its clause: sanctions
    and warnings are aimed at people and firms too few articles name twice ("Ivan Maslov"), not at a
    designation, a word of letters and digits ("in a configuration designated K9A1EGY")."""
    end = min(view.clause_end(trigger.end - 1), trigger.end + UNKNOWN_TARGET_REACH)
    for mention in view.mentions:
        if trigger.end <= mention.start < end and mention.type == "other" and not view.entity_info[
                mention.entity].known and not _in_circumstance(view, trigger.end, mention.start):
            designation = any(_designation_like(view.texts[k]) for k in range(mention.start, mention.end))
            return None if designation else mention
    return None


def _designation_like(word: str) -> bool:
    return any(c.isdigit() for c in word) and any(c.isalpha() for c in word)


def _in_circumstance(view: SentenceView, start: int, k: int) -> bool:
    """Whether token ``k`` stands in a phrase of place, time or medium opened after ``start``, no comma between:
    "advirtió en su canal de Telegram" (a name after a comma is past it: "a sanctionné, en février 2023, X")."""
    for j in range(k - 1, start - 1, -1):
        if view.is_punct_stop(j):
            return False
        marker = view.cues.marker_at(j)
        if marker is not None and marker[0] == "other":
            return True
    return False


NOUN_AGENT_REACH = 2  # words between a sanction or warning noun and its author after it ("Sanktionen der EU")


def _noun_agent(view: SentenceView, trigger: Trigger) -> Actor | None:
    """Who imposes a sanction or gives a warning named by a noun: its possessor ("the EU's sanctions"), or
    the name right after it in the genitive ("le sanzioni dell'Ue", "les sanctions de l'UE", "die
    Sanktionen der EU", "санкции ЕС и США"), not the one they are against ("sanctions against Iran")."""
    owner = _possessor_before(view, trigger)
    if isinstance(owner, Actor):
        return owner
    for actor in view.actors:
        if actor.start < trigger.end or actor.start - trigger.end > NOUN_AGENT_REACH:
            continue
        if actor.adjective and actor.start == trigger.end and actor.origin_of is None:
            return actor  # "des sanctions américaines", "le sanzioni europee": the adjective right after the noun
        if actor.adjective or actor.origin_of is not None:
            return None
        if actor.marker in ("genitive", "source") or (actor.marker is None and all(
                view.cues.has(k, "determiners") or view.cues.has(k, "marker:genitive")
                for k in range(trigger.end, actor.start))):
            return actor
        return None
    return None


def _target(view: SentenceView, trigger: Trigger, rest: list[Actor]) -> Actor | None:
    """Whom a warning or sanction is aimed at: the first name in its clause ("санкции против иранской
    авиакомпании Iran Air"), else a state's adjective right after the cue ("sanctioned two Russian companies
    that helped Iran", "a sanctionné des responsables iraniens"), else the first name after it. Not the
    adjective after a cue used as one ("a sanctioned Russian vessel")."""
    clause_end = view.clause_end(trigger.end - 1)
    named = [a for a in rest if not a.adjective]
    in_clause = next((a for a in named if a.start < clause_end), None)
    if in_clause is not None:
        return in_clause
    participle = trigger.start > view.start and view.cues.has(trigger.start - 1, "determiners")
    adjective = next((a for a in rest if a.adjective and a.start - trigger.end <= 3), None)
    if adjective is not None and not participle:
        return adjective
    return named[0] if named else None


def _subject_of_governing_verb(view: SentenceView, trigger: Trigger, other: Actor) -> Actor | None:
    """"The Pentagon announced a new package for Ukraine", "Berlin approved the delivery of tanks to Kyiv",
    "Colombia completed the purchase of 17 Gripens from Saab": the subject of the verb whose object the noun
    is gives a supply, or receives a purchase, whose ``other`` party is named (not a name right before the
    noun, which qualifies it: "the Ukraine aid package", nor one past a comma, nor in a clause with another
    claim's cue: in "Kallas a mis en garde la Chine contre toute livraison d'armes à la Russie" China is
    warned; nor one of the other party's state)."""
    subject = _left_subject(view, trigger)
    if not isinstance(subject, Actor) or subject.entity == other.entity:
        return None
    if trigger.start - subject.end < 2 and not any(view.cues.marker_at(k) or view.cues.has(k, "support_verbs")
                                                   for k in range(subject.end, trigger.start)):
        # but one joined by a preposition is the verb's object ("обвиняет Тегеран в поставках"), and one
        # joined by a verb taking the noun is its subject ("France began deliveries")
        return None
    # (nor the subject of another claim's verb: "the US had warned Algiers that purchases of")
    since = min(subject.end, view.clause_start(trigger.start))
    # (signing one, or a contract for it, is making it: "La Argentina firmó en abril en Copenhague la compra de
    # 24 F-16 a Dinamarca", "Poland signed a contract for the purchase of K2 tanks from South Korea")
    if any(view.is_trigger(k) and not (view.cues.has(k, "agreement:verbs") or view.cues.has(k, "agreement:nouns"))
           for k in range(since, trigger.start)) or any(
            view.texts[k] == "," for k in range(subject.end, trigger.start)):
        return None
    state = view.state_of(subject.entity)
    if state is not None and state == view.state_of(other.entity):
        return None
    return subject


def _maybe_dative_after(view: SentenceView, trigger: Trigger, clause_end: int) -> Actor | None:
    """The first name after a noun trigger, in its clause, when every word of it can be read as a dative
    (pymorphy3; no language without case gives one)."""
    language = view.sent.doc.lang_
    after = next((a for a in view.actors if trigger.end <= a.start < clause_end and a.free), None)
    if after is None or any(view.is_trigger(k) for k in range(trigger.end, after.start)):
        return None
    words = [w for w in view.texts[after.start:after.end] if cases(w, language)]
    return after if words and all("datv" in cases(w, language) for w in words) else None


def _controller_of_infinitive(view: SentenceView, trigger: Trigger, before: list[Actor]) -> Actor | None:
    """The one who does what an infinitive clause says, when the trigger heads one after a comma (the
    lexicon's ``infinitive_markers``: "…, Russland Granaten geliefert zu haben", "…, Drohnen zu liefern"):
    the last free name before that comma, with no other claim cue between them."""
    markers = [k for k in (trigger.start - 1, trigger.end) if view.start <= k < view.end]
    if not any(view.cues.has(k, "infinitive_markers") for k in markers):
        return None
    comma = next((k for k in range(trigger.start - 1, view.start - 1, -1) if view.texts[k] == ","), None)
    if comma is None:
        return None
    outside = [a for a in view.actors
               if view.clause_start(comma) <= a.start < comma and a.free and not a.adjective]
    if not outside or any(view.is_trigger(k) for k in range(outside[-1].end, comma)):
        return None
    return outside[-1]


def _next_free(view: SentenceView, right: list[Actor], after: Actor) -> Actor | None:
    """The next unmarked participant (or one introduced by "with") right after ``after`` (past a source cited
    between them: "verhandelt Vilnius nach Angaben des Ministeriums mit Schweden")."""
    return next((a for a in right if a.start >= after.end and not a.adjective and (a.free or a.marker == "with")
                 and (a.start - after.end <= NEXT_PARTY_REACH or a.start - after.end <= CITED_NEXT_PARTY_REACH
                      and view.cues.first_in("reporting:frames", after.end, a.start) is not None)), None)


def _first(actors: list[Actor], marker: str | None) -> Actor | None:
    matching = [a for a in actors if a.marker == marker and a.origin_of is None]
    solid = [a for a in matching if not a.adjective]
    chosen = solid or matching
    return chosen[0] if chosen else None


def _is_item(view: SentenceView, k: int) -> bool:
    """Whether token ``k`` is part of a materiel mention."""
    return any(m.start <= k < m.end for m in view.items)


def _items_in(view: SentenceView, start: int, end: int) -> list:
    return [m for m in view.items if start <= m.start < end]


def _origin_of_items(view: SentenceView, start: int, end: int) -> Actor | None:
    for actor in view.actors:
        if actor.origin_of is not None and start <= actor.origin_of < end:
            return actor
    return None


def _possessor_before(view: SentenceView, trigger: Trigger) -> Actor | str | None:
    """"Iran's supply", "the DPRK's (DPRK) export", "Iranian support", "our drawdown", "Lieferungen Nordkoreas"."""
    for actor in view.actors:
        gap = trigger.start - actor.end
        if actor.possessive and 0 <= gap <= 5 and not any(view.is_punct_stop(k) and view.texts[k] not in "()"
                                                         for k in range(actor.end, trigger.start)):
            return actor
        if actor.adjective and 0 <= gap <= 2 and all(
                view.cues.words.alpha[k] and not view.is_trigger(k) for k in range(actor.end, trigger.start)):
            return actor
    for k in range(max(view.start, trigger.start - 3), trigger.start):
        if view.cues.has(k, "first_person_possessive"):
            return FIRST_PERSON
    # a name in the genitive right after the noun: "die Waffenlieferungen Nordkoreas an Russland"
    after = view.actor_at(trigger.end) if trigger.end < view.end else None
    if after is not None and after.free and after.mention.form == "genitive":
        return after
    return None


def _entity(value: Actor | str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return value.entity


def build_frame(view: SentenceView, trigger: Trigger) -> Frame:
    frame = Frame(trigger.type, trigger, spans=[(trigger.start, trigger.end)])
    clause_end = view.clause_end(trigger.end - 1)
    clause_end = next((k for k in range(trigger.end, clause_end) if _new_clause(view, k)), clause_end)
    right = _right_actors(view, trigger)
    direction = trigger.direction

    guest = _received_guest(view, trigger) if direction == "get" and not trigger.is_noun else None
    host = _receiving_host(view, trigger, clause_end) if direction == "get" and guest is None else None
    if guest is not None:
        # "Hajiyev ha ricevuto l'ambasciatore indiano", "Putin received Kim": a visit, not a delivery
        frame.type = "meeting"
        _set_role(frame, "subject", _left_subject(view, trigger))
        _set_role(frame, "object", guest)
        items = []
    elif host is not None:
        # "Abdelsalam avait été reçu à Moscou par le vice-ministre Bogdanov": the passive visit
        frame.type = "meeting"
        _set_role(frame, "subject", host)
        _set_role(frame, "object", _left_subject(view, trigger))
        items = []
    elif direction in ("give", "get"):
        _directional_roles(view, trigger, frame, right)
        items = _items_in(view, trigger.end, clause_end)
        if not items or trigger.is_noun:
            items = _items_in(view, view.clause_start(trigger.start), trigger.start) + items
        if not items:
            # (not past a contrast: "had sent engineers to Russia, but insisted it had not sent drones")
            contrast = view.cues.first_in("contrastive", clause_end, view.end)
            items = _items_in(view, view.start, view.end if contrast is None else contrast)
    elif direction == "symmetric":
        _symmetric_roles(view, trigger, frame, right)
        items = _items_in(view, trigger.end, clause_end)
        if trigger.type == "negotiation" and _people_talking(view, frame) and not _talks_topic(
                view, trigger):
            frame.type = "meeting"  # two people's talks about nothing arms-related ("in London for talks with X,")
    elif trigger.group == "list_nouns":
        subject, target = _listed_roles(view, trigger)
        _set_role(frame, "subject", subject)
        _set_role(frame, "object", target)
        unknown = _unknown_name_after(view, trigger) if target is None and subject is not None else None
        if unknown is not None:  # "en su lista de sanciones a la petrolera estatal Myanma Oil and Gas Enterprise"
            frame.spans.append((unknown.start, unknown.end))
            _set_role(frame, "object", unknown.entity)
        items = []
    else:  # warning, sanction
        subject = _noun_agent(view, trigger) if trigger.is_noun else None
        subject = subject or _left_subject(view, trigger)
        if isinstance(subject, Actor) and any(view.is_trigger(k) for k in range(subject.end, trigger.start)):
            subject = None  # "Iran and Russia's deals threaten ...": the subject is the deals, not a party
        if trigger.group == "clear_verbs" and view.first_person_before(max(view.start, trigger.start - 3),
                                                                       trigger.start):
            subject = FIRST_PERSON  # "..., and we have been clear with Moscow": not a name further back
        authors = view.coordinated(subject) if isinstance(subject, Actor) else []  # "санкции ЕС и США"
        def named_after(end: int, skipped_markers: tuple[str, ...]) -> list[Actor]:
            return [a for a in view.actors if trigger.end <= a.start < end and not a.possessive
                    and a.origin_of is None and a.marker not in skipped_markers and a is not subject
                    and a not in authors]

        said = trigger.end + 1 if trigger.end < view.end and view.cues.has(trigger.end, "marker:genitive") else (
            trigger.end)
        if trigger.type == "warning":
            said = _complementizer_after(view, said)
        if trigger.type == "warning" and said < view.end and view.cues.has(said, "complementizers"):
            # what is said names the recipient of what is warned against, not the one warned: "ha avvertito che
            # la fornitura di armi letali all'Armenia rischia ...", "había advertido de que el suministro de armas
            # letales a Ucrania por parte de Seúl" (the supplier is, however far into what is said)
            said_end = next((k for k in range(said + 1, view.end) if view.texts[k] in (",", ";", ":")), view.end)
            rest = named_after(said_end, ("goal", "between"))
        else:
            rest = named_after(trigger.end + TARGET_REACH + 1, ("source", "between"))
        before = _free_before(view, trigger)
        if not trigger.is_noun and view.verb_second and len(before) >= 2 and not any(
                a.start < view.clause_end(trigger.end - 1) for a in rest) and not any(
                view.is_trigger(k) for k in range(before[-2].end, before[-1].start)):
            # verb last: "Baerbock hatte Peking eindringlich gewarnt" (not past another claim's verb: "Litauen
            # kauft Panzer – Moskau droht")
            subject, rest = before[-2], [before[-1]]
        if subject is None and not view.cues.any_in("third_person", view.clause_start(trigger.start), trigger.start):
            # "В Госдепартаменте США предупредили Москву", "Officials from the Pentagon warned Moscow" (not where a
            # pronoun speaks: "he told reporters in Tehran, warning that")
            subject = view.place_of_speaking(view.clause_start(trigger.start), trigger.start) or _people_of(
                view, trigger) or _subject_of_joined_verb(view, trigger)
        by = _passive_agent(view, trigger)
        if by is not None:
            # "Rosoboronexport was sanctioned by the EU", "Qeshm Fars Air, sanctionnée par Washington": the one
            # named before the participle is sanctioned
            sanctioned = _left_subject(view, trigger)
            subject = by
            rest = [sanctioned] if isinstance(sanctioned, Actor) and sanctioned is not by else []
        _set_role(frame, "subject", subject)
        # no one warns or sanctions their own state: in "Blinken warned that Washington will respond if
        # Moscow helps Pyongyang", Washington is Blinken's side and Moscow the one warned
        own = view.state_of(_entity(subject)) if isinstance(subject, Actor) else None
        rest = [a for a in rest if own is None or view.state_of(a.entity) != own]
        target = _target(view, trigger, rest)
        unknown = _unknown_name_after(view, trigger) if target is None and not trigger.is_noun else None
        if unknown is None and target is None and trigger.type == "sanction":
            unknown = _sanctioned_vessel(view, trigger, passive=by is not None or trigger.is_noun)
        if unknown is not None:  # "a sanctionné, en février 2023, Ivan Maslov"
            frame.spans.append((unknown.start, unknown.end))
            target = unknown.entity
        _set_role(frame, "object", target)
        items = _items_in(view, trigger.end, view.end)
    frame.items = list(dict.fromkeys(m.entity for m in items))
    frame.spans += [(m.start, m.end) for m in items if abs(m.start - trigger.start) < 40]
    return frame


PHRASE_BEFORE_WHAT_IS_SAID = 4  # words between a verb and its "that": "warned in a statement that"


def _complementizer_after(view: SentenceView, k: int) -> int:
    """The "that" after a short phrase from token ``k`` that names no one ("warned in a statement that", "warned on
    Monday that"), or ``k``."""
    for j in range(k, min(view.end, k + PHRASE_BEFORE_WHAT_IS_SAID + 1)):
        if view.cues.has(j, "complementizers"):
            return j
        if view.actor_at(j) is not None or view.is_punct_stop(j) or view.texts[j] == ",":
            break
    return k


NEXT_PARTY_REACH = 4  # words from a verb's subject after it to its second party ("traf Kim Jong Un Wladimir Putin")
CITED_NEXT_PARTY_REACH = 8  # ... with a cited source between them ("nach Angaben des Ministeriums")
VESSEL_REACH = 8  # words from a sanctioned ship's name to the sanction it is the target of


def _sanctioned_vessel(view: SentenceView, trigger: Trigger, passive: bool) -> EntityMention | None:
    """A ship is sanctioned as a state or a company is: "the Angara, a container vessel sanctioned by the US
    Treasury", "l'Angara, déjà visé par des sanctions américaines" (the ship named before a passive or a
    noun), "designated the Port Olya 3" (after an active verb, in its clause, or before the relative pronoun
    opening it)."""
    vessels = [m for m in view.mentions if m.type == "vessel"]
    before = [m for m in vessels if m.end <= trigger.start and trigger.start - m.end <= VESSEL_REACH]
    if not passive:
        clause_end = view.clause_end(trigger.end - 1)
        after = next((m for m in vessels if trigger.end <= m.start < clause_end), None)
        # (or the ship a relative clause is about: "The Maria, which the State Department designated")
        before = [m for m in before if view.cues.any_in("relatives", m.end, trigger.start)]
        return after or (before[-1] if before else None)
    return before[-1] if before else None


def _subject_of_joined_verb(view: SentenceView, trigger: Trigger) -> Actor | None:
    """A verb joined by "and" to one before it shares the sentence's subject, its first name: "the UK, France and
    Germany are cancelling ... and have sanctioned Iran Air", "Peskow sagte, ... und warnte Berlin"."""
    k = trigger.start - 1
    if k > view.start and view.cues.has(k, "auxiliaries"):
        k -= 1
    if k <= view.start or not view.cues.has(k, "coordinators") or not view.actors:
        return None
    first = view.actors[0]
    return first if first.free and first.end <= k else None


def _listed_roles(view: SentenceView, trigger: Trigger) -> tuple[Actor | None, Actor | None]:
    """Who puts a name on a sanctions list sanctions it: "el Departamento del Tesoro incluyó a Petro en su lista
    de sanciones", "die EU setzte Rosoboronexport auf ihre Sanktionsliste". The list's owner named with it is
    the one who sanctions ("in die Sanktionsliste der EU aufgenommen"), else the first name of the clause; the
    one put on it is the last name before the list, else the first after it."""
    start = view.clause_start(trigger.start)
    owner = _noun_agent(view, trigger)
    before = [a for a in view.actors if start <= a.start < trigger.start and a is not owner
              and not a.adjective and not a.possessive and a.origin_of is None and not _qualifies_name_before(view, a)]
    if owner is None and before:
        owner, before = before[0], before[1:]
        # its partners list with it: "London und Washington setzten die Fluggesellschaft auf ihre Sanktionslisten"
        before = [a for a in before if a not in view.coordinated(owner)]
    if not before:
        # the one listed after the list: "incluyó en febrero de 2023 en su lista de sanciones a la petrolera MOGE"
        end = view.phrase_end(trigger.end)
        before = [a for a in view.actors if trigger.end <= a.start < end
                  and a is not owner and not a.adjective and a.origin_of is None][:1]
    return owner, (before[-1] if before else None)


def _qualifies_name_before(view: SentenceView, actor: Actor) -> bool:
    """A name joined by its marker to the name right before it qualifies that name ("el Departamento del Tesoro
    de Estados Unidos")."""
    k = actor.marker_token
    return k is not None and k == actor.start - 1 and k - 1 >= view.start and view.actor_at(k - 1) is not None


def _received_guest(view: SentenceView, trigger: Trigger) -> Actor | None:
    """The person a receiving verb has as its object ("received Kim Jong Un", "ha ricevuto mercoledì
    l'ambasciatore indiano a Baku, Sridharan Madhusudhanan"): the name, else the state of an envoy named by
    title alone. None when goods, a claim word or a role marker come first."""
    titled: Actor | None = None
    seen_title = False
    k = trigger.end
    limit = min(view.clause_end(trigger.end - 1), trigger.end + GUEST_REACH)
    while k < limit:
        actor = view.actor_at(k)
        if actor is None and seen_title and k in view.unknown_starts:
            # a guest the gazetteer lacks, named after a long title: "міністра природних ресурсів та екології РФ
            # Олександра Козлова"
            return Actor(next(m for m in view.mentions if m.start == k))
        place = _place_phrase_end(view, k) if not seen_title else None
        if place is not None:
            # where the guest is received, not counted in the reach: "прийняв у Пхеньяні міністра"
            limit = min(view.clause_end(trigger.end - 1), limit + place - k)
            k = place
            continue
        marker = view.cues.marker_at(k) if actor is None and not seen_title else None
        if marker is not None and marker[0] == "goal" and _title_or_person_at(view, marker[1]):
            k = marker[1]  # a person as the object, marked: "recibió a su homólogo ucraniano, X"
            continue
        if actor is not None:
            if actor.adjective and (seen_title or view.cues.any_in("titles", actor.end, actor.end + 2)):
                titled = titled or actor  # "the Indian ambassador", "l'ambasciatore indiano"
                k = actor.end
                continue
            # (a person as the object may be marked: "recibió a Oleksii Reznikov")
            if actor.mention.type == "person" and actor.marker in (None, "goal") and not actor.possessive:
                return actor
            if seen_title and actor.mention.type == "country":
                titled = titled or actor  # the title's state, the name after it: "міністра ... РФ Олександра Козлова"
                k = actor.end
                continue
            return titled if seen_title and actor.marker is not None else None
        if _is_item(view, k) or view.is_trigger(k) or view.cues.marker_at(k) is not None and not seen_title:
            return None
        if view.cues.has(k, "titles"):
            seen_title = True
        elif view.texts[k] == "," and not seen_title:
            return None
        k += 1
    return titled if seen_title else None


def _title_or_person_at(view: SentenceView, k: int) -> bool:
    """Whether a title or a person's name starts at token ``k``, past a determiner ("su homólogo")."""
    while k < view.end and (view.cues.has(k, "determiners") or view.cues.has(k, "possessive")):
        k += 1
    actor = view.actor_at(k) if k < view.end else None
    return k < view.end and (view.cues.has(k, "titles") or actor is not None and actor.start == k
                             and actor.mention.type == "person")


def _place_phrase_end(view: SentenceView, k: int) -> int | None:
    """The end of a place phrase at token ``k`` (a marker, then a seat of government or a place): "у Пхеньяні",
    "in Pyongyang"; None when none starts there."""
    marker = view.cues.marker_at(k)
    if marker is None:
        return None
    end = marker[1]
    actor = view.actor_at(end)
    if actor is not None and actor.start == end and actor.mention.form == "seat":
        return actor.end
    return next((m.end for m in view.locations if m.start == end), None)


def _receiving_host(view: SentenceView, trigger: Trigger, clause_end: int) -> Actor | None:
    """The person who received a person in a passive ("X was received in Moscow by Y"): the agent a receiving
    verb's participle has in its clause, when both are people and no goods are named."""
    if trigger.is_noun or _items_in(view, view.clause_start(trigger.start), clause_end):
        return None
    guest = _left_subject(view, trigger)
    if not isinstance(guest, Actor) or guest.mention.type != "person":
        return None
    agents = [a for a in view.actors if a.marker in ("agent", "source") and trigger.end <= a.start < clause_end]
    host = next((a for a in agents if a.mention.type == "person"), None)  # (Italian "da" is both)
    if host is None and agents and agents[0].adjective:
        # "ricevuto dal suo omologo cinese, il generale Chang Dingqiu": a counterpart named by title and state,
        # then by name
        host = next((a for a in view.actors if agents[0].end <= a.start <= agents[0].end + APPOSITION_REACH
                     and a.mention.type == "person" and a.marker is None), None)
    if host is None and not agents:
        # "reçu fin mars au palais de Koulouba par le président de la transition, Assimi Goïta": the host named
        # by a title alone, then by name
        by = next((k for k in range(trigger.end, min(view.end, trigger.end + HOST_REACH))
                   if view.cues.has(k, "marker:agent")), None)
        if by is not None and view.cues.any_in("titles", by, by + TITLE_REACH):
            host = next((a for a in view.actors if by < a.start <= by + HOST_NAME_REACH
                         and a.mention.type == "person" and a.marker is None), None)
    return host


def reporting_participle_agent(view: SentenceView, participle: int) -> int | None:
    """The "by" of a reporting participle, a few words after it ("reported in January by"), if there is one (not
    a claim word's: "the reported delivery by Iran")."""
    for k in range(participle + 1, min(view.end, participle + 1 + REPORTED_BY_REACH)):
        if view.is_trigger(k):
            return None
        if view.cues.has(k, "marker:agent"):
            return k
    return None


def _reporters_by(view: SentenceView, start: int) -> set[int]:
    """The "by"s of reporting participles from ``start`` on: who follows them reported the claim."""
    return {k for i in view.cues.starts_in("reported_by", start, view.end)
            for k in [reporting_participle_agent(view, i)] if k is not None}


def _passive_agent(view: SentenceView, trigger: Trigger) -> Actor | None:
    """The agent of a passive warning or sanction verb: "sanctioned by the United States", "von der EU
    sanktioniert" (the agent phrase right after the verb, or right before it when the verb ends its clause)."""
    if trigger.is_noun:
        return None
    return next((a for a in view.actors if a.marker == "agent" and not a.adjective and (
        0 <= a.start - trigger.end <= PASSIVE_AGENT_REACH or 0 <= trigger.start - a.end <= PASSIVE_AGENT_REACH)
                 and view.clause_start(a.start) == view.clause_start(trigger.start)), None)


def _set_role(frame: Frame, role: str, value: Actor | str | None) -> None:
    """Record a participant and the words that name it (they bound the claim's quote)."""
    setattr(frame, role, _entity(value))
    if isinstance(value, Actor):
        frame.spans.append((value.start, value.end))
        if role == "subject":
            frame.subject_token = value.start


def _directional_roles(view: SentenceView, trigger: Trigger, frame: Frame, right: list[Actor]) -> None:
    give = trigger.direction == "give"
    clause_start, clause_end = view.clause_start(trigger.start), view.clause_end(trigger.end - 1)
    clause_actors = [a for a in view.actors if clause_start <= a.start < clause_end]
    if trigger.weak:  # "cooperation", "support": only what is said right with them
        clause_actors = [a for a in clause_actors if abs(a.start - trigger.start) <= WEAK_REACH]
    # a verb's markers follow it; a noun's may stand before it too ("from Iran, the delivery of ..."), and
    # so may those of a verb that ends its clause ("Nordkorea hat Munition an Russland geliefert")
    # nothing after the verb but what follows a comma (", so Seoul"): the verb ends its phrase
    comma = next((k for k in range(trigger.end, clause_end) if view.texts[k] == ","), clause_end)
    verb_last = not trigger.is_noun and not any(a.start < comma for a in right)
    marked = clause_actors if trigger.is_noun or verb_last else right
    if trigger.is_noun:
        # a noun's marker before it stands right before it ("from Iran, the delivery"); one far back belongs to
        # another phrase ("le porte-parole du Kremlin, ..., a nié tout achat d'armes nord-coréennes")
        marked = [a for a in marked if a.start >= trigger.start or trigger.start - a.end <= NOUN_MARKER_REACH]
    goal = _first([a for a in marked if a.start >= trigger.start or verb_last], "goal")
    # (not the maker after "built by": "to transfer missiles built by Mitsubishi Heavy Industries", "prodotti su
    # licenza da Mitsubishi Heavy Industries", where Italian's "da" is also "from")
    # (nor the reporter after a reporting participle that follows the trigger: "the purchase of the aircraft from
    # Baykar was first reported in January by Adhadhu")
    reporters = _reporters_by(view, trigger.end)
    unmade = [a for a in marked if not (a.marker in ("agent", "source") and a.marker_token is not None
                                        and view.cues.any_in("made_by", max(view.start, a.marker_token - MADE_BY_REACH),
                                                             a.marker_token))
              and not (a.marker == "agent" and a.marker_token in reporters)]
    source = _first(unmade, "source")
    agent = _first(unmade, "agent")
    with_actor = _first(right, "with")
    frame.any_recipient = view.cues.any_in("any_recipients", trigger.end, clause_end)
    frame.has_goal_phrase = view.cues.any_in("marker:goal", trigger.end, clause_end) and not frame.any_recipient

    if trigger.group == "agent_nouns":
        # "China is Russia's main supplier", "Иран остается одним из ключевых поставщиков оружия для Москвы":
        # the one said to be the supplier gives, the owner or the one it supplies for receives
        # ("a German arms supplier" is German, not supplying Germany; "le principal fournisseur d'obus de la
        # Russie" supplies Russia)
        owner = _possessor_before(view, trigger)
        owner = owner if isinstance(owner, Actor) and owner.possessive else None
        supplier = _left_subject(view, trigger)
        supplier = supplier if isinstance(supplier, Actor) else None
        of = next((a for a in right if (a.marker in ("source", "genitive") or a.start == trigger.end
                                        and a.mention.form == "genitive" or _after_genitive_marker(view, a))
                   and not a.adjective and a.start < clause_end), None)
        # (a goal before the noun is a ranking's, not the recipient: "ist nach den USA der wichtigste
        # Rüstungslieferant Israels")
        after = goal if goal is not None and goal.start >= trigger.end else None
        recipient = after or owner or of or _first(clause_actors, "goal")
        if recipient is not None and supplier is not None and recipient.entity == supplier.entity:
            supplier = None
    elif trigger.group == "arrive_verbs":
        supplier, recipient = _arrival_roles(view, trigger, clause_start, clause_end)
    elif trigger.group == "thanks_verbs":
        supplier, recipient = _thanked_roles(view, trigger, clause_end)
        frame.speaker = _entity(recipient)
    elif trigger.is_noun:
        owner = _possessor_before(view, trigger)
        origin = _origin_of_items(view, trigger.start - 3, clause_end)
        if give:
            supplier = owner or agent or source or origin
            recipient = goal
            if supplier is None and recipient is not None:
                supplier = _subject_of_governing_verb(view, trigger, recipient)
            if supplier is None and recipient is None:
                # "обвиняли Пхеньян в поставках оружия России": a name after the noun that may be a dative
                # ("России": genitive or dative) receives, when the verb's object before the noun gives
                maybe = _maybe_dative_after(view, trigger, clause_end)
                supplier = _subject_of_governing_verb(view, trigger, maybe) if maybe is not None else None
                recipient = maybe if supplier is not None else None
        else:
            recipient = owner or agent
            # (where one buys "to" the seller: "la compra de 17 cazas a Saab", "l'achat de Rafale à la France")
            seller = goal if goal is not None and goal.start > trigger.start and view.purchase_goal_sells else None
            supplier = source or origin or seller or _bought_in(view, trigger, marked)
            taker = _subject_of_governing_verb(view, trigger, supplier) if (
                recipient is None and isinstance(supplier, Actor)) else None
            if taker is not None and taker.start >= clause_start and view.state_of(taker.entity) is not None:
                # (a state, a body or a person of a known state, in the noun's own clause: not "Petro" alone, nor
                # the one warned in "warned Algeria that new purchases of Russian arms could ...")
                recipient = taker
            beneficiary = _bought_for(view, marked, recipient)
            if beneficiary is not None:
                supplier, recipient = recipient, beneficiary  # "Canada's purchase of NASAMS for Ukraine"
            if (supplier is None or recipient is None) and view.cues.any_in("shares", clause_start, clause_end):
                # (the "of" after the noun names the importer: "des importations d'armes de l'Inde")
                supplier, recipient = _share_roles(view, trigger, clause_start, clause_end, owner)
    else:
        subject = _left_subject(view, trigger)
        direct = next((a for a in right if a.free and a.start - trigger.end <= 4 and not a.adjective), None) or (
            _possessive_object(view, trigger, right))
        before = _free_before(view, trigger)
        if verb_last and direct is None and goal is None and len(before) >= 2 and not any(
                view.cues.has(k, "reporting:verbs") or _new_clause(view, k) or view.texts[k] == ","
                for k in range(before[-2].end, before[-1].start)):
            # verb last ("[Kirby sagte,] Nordkorea habe Russland Granaten geliefert"): the subject, then the
            # object, right before it; not across a reporting verb ("Kirby said Russia supplied drones") nor
            # into the clause before (", а Китай, вероятно, передает технологии"; "Russland hat Drohnen
            # eingesetzt, die Teheran geliefert habe")
            subject, direct = before[-2], before[-1]
        controller = _controller_of_infinitive(view, trigger, before)
        if controller is not None:
            # "Der Iran bestreitet, Russland mit Drohnen beliefert zu haben", "Washington wirft Nordkorea vor,
            # Russland Granaten zu liefern": the infinitive has no subject of its own; the name closing the
            # clause before it does (the subject, or the accused), and a name inside it is the object
            inside = [a for a in before if a.start > controller.end]
            subject, direct = controller, direct or (inside[-1] if inside else None)
        if subject is None and direct is not None and view.verb_second:
            # "Im vergangenen Jahr lieferte Nordkorea Granaten an Russland": the subject follows the verb
            subject, direct = direct, _next_free(view, right, direct)
        origin = _origin_of_items(view, clause_start, clause_end)
        if give:
            if agent is not None and subject is not None and goal is None:
                supplier, recipient = agent, subject  # passive: "Russia was supplied by Iran"
            else:
                supplier = subject or agent or source or origin
                recipient = goal or with_actor or direct or _sent_into(view, trigger, right, clause_end)
        else:
            recipient = subject if subject is not None else agent
            # "bought from Iran"; "acheter à l'Iran", "comprar a Irán": a goal cannot receive what is bought;
            # nor, beside a subject who buys, can an agent ("hat Russland von Nordkorea Granaten gekauft")
            supplier = source or origin or goal or (agent if subject is not None else None) or _bought_in(
                view, trigger, marked)
            beneficiary = _bought_for(view, marked, recipient)
            if beneficiary is not None:
                supplier, recipient = recipient, beneficiary  # "Ottawa will buy NASAMS from the US for Ukraine"
    if give and recipient is None and trigger.group in ("give_verbs", "give_nouns"):
        place = _place_reached(view, trigger, clause_end, supplier)
        if place is not None:
            recipient = view.entity_info[place.entity].country
            frame.spans.append((place.start, place.end))
    _set_role(frame, "subject", supplier)
    _set_role(frame, "object", recipient)


def _bought_in(view: SentenceView, trigger: Trigger, marked: list[Actor]) -> Actor | None:
    """"bought drones in Turkey", "in der Türkei gekauft": the state where goods are bought sold them (a state
    after one of the lexicon's ``purchase_places``, the trigger one of its ``purchase_words``)."""
    if not view.cues.any_in("purchase_words", trigger.start, trigger.end):
        return None

    def next_to_trigger(a: Actor) -> bool:
        # no other phrase between them ("las compras por la guerra en Ucrania"), and the state by name, not a
        # city where a contract was signed ("firmaron en Berlín el contrato para la adquisición")
        between = range(trigger.end, a.marker_token) if a.start > trigger.start else range(a.end, trigger.start)
        return a.mention.form == "name" and not any(view.cues.marker_at(k) for k in between)
    return next((a for a in marked if a.marker == "other" and a.marker_token is not None and not a.adjective
                 and a.mention.type == "country" and view.cues.has(a.marker_token, "purchase_places")
                 and next_to_trigger(a)), None)


PLACE_AFTER_GOAL = 5  # words from "to" to the place it names ("à la base aérienne de Kidal")


def _place_reached(view: SentenceView, trigger: Trigger, clause_end: int,
                   supplier: Actor | str | None) -> EntityMention | None:
    """"shipped drones to the port of Novorossiysk", "livrés à la base aérienne de Kidal": goods sent to a place
    go to the state the gazetteer places it in, unless that is the supplier's own (the place is returned)."""
    if not any(trigger.end <= m.start < clause_end or view.clause_start(trigger.start) <= m.start < trigger.start
               for m in view.items):
        return None  # goods must be named: "attacked with drones at El Fasher" sends nothing there
    for k in view.cues.starts_in("marker:goal", trigger.end, clause_end):
        if any(view.is_punct_stop(j) for j in range(trigger.end, k)):
            break  # the place must be in the verb's own phrase
        for j in range(k + 1, min(clause_end, k + 1 + PLACE_AFTER_GOAL)):
            if view.actor_at(j) is not None or view.is_punct_stop(j):
                break
            place = next((m for m in view.locations if m.start == j), None)
            if place is None:
                continue
            state = view.entity_info[place.entity].country
            if state is not None and view.state_of(state) != view.state_of(_entity(supplier)):
                return place
            break
    return None


def _bought_for(view: SentenceView, marked: list[Actor], buyer: Actor | str | None) -> Actor | None:
    """The one what ``buyer`` buys goes on to, named after a word for whom it is bought ("for", "для",
    "pour"; the lexicon's ``beneficiary_markers``): the buyer hands it over, so the transfer claimed is the
    buyer's to that one ("Оттава придбає у США для України")."""
    if not isinstance(buyer, Actor):
        return None
    # (not a state's adjective: "to sign for the Swedish jet" says where the jet is from)
    return next((a for a in marked if a.marker == "goal" and a.marker_token is not None
                 and view.cues.has(a.marker_token, "beneficiary_markers") and not a.adjective
                 and view.state_of(a.entity) != view.state_of(buyer.entity)), None)


def _sent_into(view: SentenceView, trigger: Trigger, right: list[Actor], clause_end: int) -> Actor | None:
    """"avrebbe inviato in Russia obici", "spedito in Russia oltre 13.000 container": after a verb of sending
    (``sending_verbs``), a country named after the place preposition (``arrival_places``) is where the goods
    go; after other verbs "in" is only where something happens ("addestrati in Iran")."""
    if not view.cues.any_in("sending_verbs", trigger.start, trigger.end):
        return None
    return next((a for a in right if a.start < clause_end and _after_place_preposition(view, a)
                 and a.mention.type == "country" and a.mention.form == "name" and not a.adjective
                 and a.origin_of is None), None)


def _after_place_preposition(view: SentenceView, actor: Actor) -> bool:
    """A name after the lexicon's ``arrival_places`` preposition ("in Russia", "в Россию")."""
    return actor.marker == "other" and actor.marker_token is not None and view.cues.has(
        actor.marker_token, "arrival_places")


def _arrival_roles(view: SentenceView, trigger: Trigger, clause_start: int,
                   clause_end: int) -> tuple[Actor | None, Actor | None]:
    """"Serbian ammunition has reached Ukraine", "des obus nord-coréens sont arrivés en Russie": the goods are
    the subject; the state their adjective, possessive or "from" names sends them, the country they arrive
    in receives them. Only a country named as such, or its armed forces, receives: "Russian missiles reached Kyiv"
    is a strike."""
    goods = _items_in(view, clause_start, trigger.start)
    subject = _left_subject(view, trigger)
    if not goods or isinstance(subject, Actor) and subject.start > goods[0].start:
        return None, None  # no goods before the verb, or someone else is its subject
    source = _first([a for a in view.actors if clause_start <= a.start < clause_end], "source")
    supplier = source or _origin_of_items(view, clause_start, trigger.start) or next(
        (a for a in view.actors if a.possessive and clause_start <= a.start < goods[0].start), None)
    places = [a for a in view.actors if clause_start <= a.start < clause_end and a is not supplier
              and not a.adjective and a.origin_of is None and (
                  a.mention.type == "country" and a.mention.form in ("name", "genitive") or _armed_forces(view, a))
              and (a.marker in (None, "goal") or _after_place_preposition(view, a))]
    after = [a for a in places if a.start >= trigger.end]
    # verb last ("in Russland angekommen"): the place stands right before it
    before = [a for a in places if goods[0].end <= a.end <= trigger.start and a.marker is not None]
    recipient = after[0] if after else (before[-1] if before else None)
    if recipient is None or (supplier is not None and supplier.entity == recipient.entity):
        return None, None
    return supplier, recipient  # with no origin named, the discourse or the goods' maker may give one


def _armed_forces(view: SentenceView, actor: Actor) -> bool:
    """A state's armed forces, which goods reach as they reach the state ("поступили в ВВС Мьянмы")."""
    info = view.entity_info.get(actor.entity)
    return info is not None and info.kind == "armed_forces" and info.country is not None


THANKED_REACH = 3  # words from a verb of thanking to the one it thanks ("подякував Нідерландам")
THANKS_FOR_REACH = 6  # words from the one thanked to "for" ("thanked Chancellor Olaf Scholz for")


def _thanked_roles(view: SentenceView, trigger: Trigger, clause_end: int) -> tuple[Actor | None, Actor | None]:
    """"Zelensky thanked the Netherlands for all 24 F-16s", "Зеленський подякував Нідерландам за «всі 24
    літаки»": the one thanked gave what the thanks are for (goods or a delivery, after "for") to the one who
    thanks; who thanks says so."""
    thanker = _left_subject(view, trigger)
    thanked = next((a for a in view.actors if trigger.end <= a.start <= trigger.end + THANKED_REACH
                    and not a.adjective and a.origin_of is None), None)
    if not isinstance(thanker, Actor) or thanked is None or thanked.entity == thanker.entity:
        return None, None
    reason = next((k for k in range(thanked.end, min(clause_end, thanked.end + THANKS_FOR_REACH))
                   if view.cues.has(k, "thanks_for")), None)
    if reason is None or not (any(reason < m.start < clause_end for m in view.items) or any(
            view.cues.has(k, "transfer:give_nouns") for k in range(reason, clause_end))):
        return None, None  # thanks for support or for a meeting is no transfer
    return thanked, thanker


def _share_roles(view: SentenceView, trigger: Trigger, clause_start: int, clause_end: int,
                 recipient: Actor | str | None) -> tuple[Actor | None, Actor | str | None]:
    """"Israel accounted for 69% of Azerbaijan's arms imports", "la Russia ha rappresentato il 36% delle
    importazioni di armi dell'India", "на долю России пришлось 36% импорта оружия Индии", "entfielen 36
    Prozent der indischen Rüstungsimporte auf Russland": the importer owns the noun or follows it, and the
    other state named in the clause supplies."""
    named = [a for a in view.actors if clause_start <= a.start < clause_end and a.marker != "attribution"
             and a.origin_of is None]
    if recipient is None:
        recipient = next((a for a in named if a.start >= trigger.end and not a.adjective
                          and a.mention.type == "country"), None)
    taken = _entity(recipient)
    suppliers = [a for a in named if not a.adjective and a.entity != taken and not a.possessive]
    # a state before a body whose data speak ("SIPRI data show Russia accounted for ...")
    supplier = next((a for a in suppliers if a.mention.type == "country"), suppliers[0] if suppliers else None)
    return (supplier, recipient) if supplier is not None and recipient is not None else (None, recipient)


def _possessive_object(view: SentenceView, trigger: Trigger, right: list[Actor]) -> Actor | None:
    """"supplied Myanmar's army with weapons": a possessive right after the verb, owning no item, is its
    object (the army stands for its state)."""
    first = right[0] if right else None
    if trigger.weak or trigger.is_noun or first is None or not first.possessive or first.start != trigger.end:
        return None  # not "supports Russia's war", nor "export and Russia's procurement"
    owned = first.end + 1  # the word after "'s"
    return None if _is_item(view, owned) else first


def _symmetric_roles(view: SentenceView, trigger: Trigger, frame: Frame, right: list[Actor]) -> None:
    # (near it: in "стане порушенням контрактів і матиме наслідки для відносин між Росією та Кіпром" the
    # relations are between them, not the contracts)
    between = [a for a in view.actors if a.marker == "between" and not a.adjective
               and trigger.start <= a.start and (a.marker_token or a.start) - trigger.end <= BETWEEN_REACH]
    if len(between) >= 2:
        _set_role(frame, "subject", between[0])
        _set_role(frame, "object", between[1])
        return
    pair = _pair_after_noun(view, trigger, right)
    if pair:
        _set_role(frame, "subject", pair[0])
        _set_role(frame, "object", pair[1])
        return
    subject = _left_subject(view, trigger)
    if isinstance(subject, Actor):
        # (an apposition's owner is no party: "Dmitry Peskov, Vladimir Putin's spokesman, refused to discuss")
        chain = [a for a in view.coordinated(subject) if not a.adjective
                 and not (a.possessive and a.start > view.start and view.texts[a.start - 1] == ",")]
        if len(chain) >= 2:
            _set_role(frame, "subject", chain[0])
            _set_role(frame, "object", chain[1])
            return
    # "met with Iranian officials", "discussed arms supplies with North Korean officials": a state's
    # adjective after "with" stands for its people
    other = next((a for a in right if (a.free and not a.adjective) or a.marker == "with"), None)
    if other is not None and other.possessive:
        # the state whose body or firm it is: "signed a contract with South Korea's Hyundai Rotem"
        owned = next((a for a in right if other.end < a.start <= other.end + 1
                      and a.mention.type in ("organization", "person")), None)
        other = owned or other
    if other is not None and (other.adjective or other.mention.type in ("organization", "country")):
        # ... unless a person follows the state or body it names, a title between: "с президентом России
        # Владимиром Путиным", "mit ihrem israelischen Amtskollegen Israel Katz", "il capo del Pentagono Lloyd
        # Austin", "Pentagon chief Lloyd Austin"
        # (an honorific the lexicon lacks too: "UAE President Sheikh Mohamed bin Zayed")
        k = view.past_title_words(other.end)
        if other.adjective and k < view.end and view.texts[k] == "," and other.start > view.start \
                and view.cues.has(other.start - 1, "titles"):
            k = view.past_title_words(k + 1)  # the name set off after the title: "el presidente ucraniano, X"
        other = next((a for a in right if a.start == k and a.mention.type == "person"), other)
    if other is None and view.verb_second and not trigger.is_noun and isinstance(subject, Actor):
        # the verb ends its clause: "war Lukaschenko ... mit Wladimir Putin zusammengetroffen"
        other = next((a for a in view.actors if subject.end <= a.start < trigger.start and a.marker == "with"
                      and not a.adjective), None)
    if subject is None and trigger.is_noun:
        subject = _possessor_before(view, trigger)
    elif subject is None and other is not None and other.free and view.verb_second:
        # "Am 13. September traf Kim Jong Un Wladimir Putin", "erörterten Chinas Verteidigungsminister Wei Fenghe und
        # der saudische Vize-Verteidigungsminister Chalid bin Salman"
        chain = [a for a in view.coordinated(other) if not a.adjective]
        subject, other = other, chain[1] if len(chain) >= 2 else _next_free(view, right, other)
    _set_role(frame, "subject", subject)
    _set_role(frame, "object", other)


def _pair_after_noun(view: SentenceView, trigger: Trigger, right: list[Actor]) -> list[Actor]:
    """Two parties joined by "and" right after a meeting or talks noun, in its genitive: "dem Treffen von Kim
    Jong Un und Wladimir Putin", "the meeting of Putin and Kim", "встреча Путина и Ким Чен Ына"."""
    if not trigger.is_noun or not right:
        return []
    first = right[0]
    if first.start - trigger.end > 1 or first.adjective or not (
            first.marker in ("genitive", "agent", "source") or first.free):  # (English "of" is no marker)
        return []
    chain = [a for a in view.coordinated(first) if not a.adjective]
    return chain[:2] if len(chain) >= 2 else []


def split_coordinated_subjects(view: SentenceView, frames: list[Frame]) -> list[Frame]:
    """"Britain, France and Germany imposed sanctions on Iran Air": one frame per coordinated subject, each
    its own claim (a symmetric frame already pairs its coordinated parties)."""
    out: list[Frame] = []
    for frame in frames:
        actor = view.actor_at(frame.subject_token) if frame.subject_token is not None else None
        chain = view.coordinated(actor) if actor is not None and frame.type not in SYMMETRIC else []
        # a list joined by "and" whose names play one role ("from Moscow, U.S. officials said" is no list)
        listed = any(view.cues.has(k, "coordinators") for a, b in zip(chain, chain[1:]) for k in range(a.end, b.start))
        chain = [a for a in chain if not a.adjective and a.entity != frame.object and a.marker == actor.marker]
        if not listed or len({a.entity for a in chain}) < 2:
            out.append(frame)
            continue
        members = dict((a.entity, a) for a in chain)
        for member in members.values():
            out.append(replace(frame, subject=member.entity, subject_token=member.start, items=list(frame.items),
                               spans=frame.spans + [(member.start, member.end)], coordinated=tuple(members)))
    return out


def split_coordinated_objects(view: SentenceView, frames: list[Frame]) -> list[Frame]:
    """"esporta munizioni verso la Repubblica Ceca e la Polonia", "non vende armi né all'Ucraina né alla Russia":
    one frame per coordinated recipient (or one warned or sanctioned, or a party "with X and Y"), each its own
    claim. A name joined without the first one's preposition must end the phrase ("to Russia and Iran sent
    drones" is no list)."""
    out: list[Frame] = []
    for frame in frames:
        found = next((a for a in view.actors if a.entity == frame.object and (a.start, a.end) in frame.spans),
                     None)
        if found is not None and frame.type in SYMMETRIC and found.marker is None:
            found = None  # "Russia and Iran signed": the pair itself, not a list of counterparts
        chain = _object_list(view, found) if found is not None and not found.adjective else []
        members = {a.entity: a for a in chain if a.entity != frame.subject}
        if len(members) < 2:
            out.append(frame)
            continue
        for member in members.values():
            spans = [s for s in frame.spans if s != (found.start, found.end)] + [(member.start, member.end)]
            out.append(replace(frame, object=member.entity, items=list(frame.items), spans=spans))
    return out


def split_by_origin(view: SentenceView, frames: list[Frame]) -> list[Frame]:
    """"recibió cazas rusos Su-30SME y un primer lote de FTC-2000G chinos": where the supplier is read off the
    items' origins and they name several states, one frame per state, each with the items it qualifies."""
    out: list[Frame] = []
    for frame in frames:
        start, end = view.clause_start(frame.trigger.start), view.clause_end(frame.trigger.end - 1)
        origins = [a for a in view.actors if a.origin_of is not None and start <= a.origin_of < end]
        states = {a.entity for a in origins}
        # (a supplier also named as a party is the sentence's, not read off the goods)
        named = any(a.entity == frame.subject and a.origin_of is None for a in view.actors)
        if frame.type not in DIRECTIONAL or len(states) < 2 or frame.subject not in states or named:
            out.append(frame)
            continue
        mentions = [m for m in view.items if m.entity in frame.items]
        groups: dict[str, list[str]] = {}
        for m in mentions:
            nearest = min(origins, key=lambda a: min(abs(a.start - m.end), abs(m.start - a.end)))
            groups.setdefault(nearest.entity, []).append(m.entity)
        for state in dict.fromkeys(a.entity for a in origins):
            if state != frame.object:
                out.append(replace(frame, subject=state, items=list(dict.fromkeys(groups.get(state, [])))))
    return out


COLON_LIST_REACH = 8  # words from a sanction verb to the colon that opens the list of those it targets


def split_listed_targets(view: SentenceView, frames: list[Frame]) -> list[Frame]:
    """"we designated three PRC-based companies: General Technology Limited, which supplied ...; Beijing Luo Luo
    Technology Development, which provided ...; and Changzhou Utek Composite Company": a sanction whose
    targets are counted, then listed after a colon, is one claim per body or person that opens an item."""
    out: list[Frame] = []
    for frame in frames:
        targets = (_listed_after_colon(view, frame) or _named_with_target(view, frame)) if (
            frame.type == "sanction") else []
        if not targets:
            out.append(frame)
            continue
        for target in targets:
            spans = [s for s in frame.spans if s[0] < target.start] + [(target.start, target.end)]
            out.append(replace(frame, object=target.entity, items=list(frame.items), spans=spans))
    return out


LISTED_TYPES = ("organization", "person", "other")  # what a sanctions list names besides states


def _named_with_target(view: SentenceView, frame: Frame) -> list[EntityMention]:
    """"sanctioned Futrevo and Ascend Aviation India", "a sanctionné les sociétés M Invest et Meroe Gold": the
    firms and people named in a row with a sanction's target, only commas and coordinators between them, one
    claim each. Names the gazetteer does not know are no parties, so the split of coordinated objects (over
    parties) does not see them."""
    names = [m for m in view.mentions if m.type in LISTED_TYPES and m.form == "name"]
    at = next((i for i, m in enumerate(names) if m.entity == frame.object and (m.start, m.end) in frame.spans),
              None)
    if at is None:
        return []

    def joined(left: EntityMention, right: EntityMention) -> bool:
        between = range(left.end, right.start)
        return bool(between) and all(view.texts[k] == "," or view.cues.has(k, "coordinators") for k in between)

    first = last = at
    while first > 0 and joined(names[first - 1], names[first]):
        first -= 1
    while last + 1 < len(names) and joined(names[last], names[last + 1]):
        last += 1
    row = names[first:last + 1]
    # a list has a coordinator ("A, B and C"); "A, B" alone is a name and its apposition
    coordinated = any(view.cues.has(k, "coordinators") for a, b in zip(row, row[1:]) for k in range(a.end, b.start))
    listed = list({m.entity: m for m in row if m.entity != frame.subject}.values())
    unknown = any(not view.entity_info[m.entity].known for m in listed)
    return listed if len(listed) >= 2 and coordinated and unknown else []


def _listed_after_colon(view: SentenceView, frame: Frame) -> list[Actor]:
    colon = next((k for k in range(frame.trigger.end, min(view.end, frame.trigger.end + COLON_LIST_REACH))
                  if view.texts[k] == ":"), None)
    # (what is counted may name the targets' state or seat: "three PRC-based companies", "Karachi-based")
    if colon is None or any(frame.trigger.end <= a.start < colon and a.mention.type not in ("country", "location")
                            for a in view.actors):
        return []
    openers = {":", ";", ","}
    listed: list[Actor] = []
    for actor in view.actors:
        if actor.start <= colon or actor.adjective or actor.mention.type not in ("organization", "person"):
            continue
        k = actor.start - 1
        while k > colon and view.cues.has(k, "coordinators"):
            k -= 1
        # an item opens after the colon, a semicolon or a comma, or right after the item before ("A and B")
        if view.texts[k] in openers or listed and listed[-1].end == k + 1:
            listed.append(actor)
    return listed


def _verb_like_after(view: SentenceView, actor: Actor) -> bool:
    """A name after ", and" with a content word in lower case right after it, where nouns are not capitalised:
    most likely the subject of a clause of its own ("..., and the UK responded"), not a list's last member."""
    k, j = actor.end, actor.start - 1
    while j > view.start and view.cues.has(j, "determiners"):
        j -= 1
    after_comma_and = j - 1 >= view.start and view.cues.has(j, "coordinators") and view.texts[j - 1] == ","
    return (after_comma_and and k < view.end and not view.nouns_capitalised and view.texts[k].isalpha()
            and view.texts[k].islower() and not view.cues.words.stop[k] and not any(view.cues.starts_at(k)))


def _object_list(view: SentenceView, found: Actor) -> list[Actor]:
    """The names listed with ``found`` ("to Mali, Niger and Burkina Faso"), in order; [] when none is. Each
    has the first one's preposition, or none at the end of its phrase ("e la Polonia.")."""
    def negated(actor: Actor) -> bool:
        return actor.start > view.start and view.cues.has(actor.start - 1, "modality:negation")

    def member(actor: Actor) -> bool:
        if actor.adjective or actor.possessive or view.is_trigger(actor.end) or view.is_trigger(actor.end + 1):
            return False
        if actor is not found and _verb_like_after(view, actor):
            return False  # a clause of its own: "to Russia, and the UK responded with sanctions"
        # (each after its own "neither/nor" shares the role whatever its case reads: "ни России, ни Украине")
        return actor.marker == found.marker or actor.marker is None and (
            actor.end >= view.end or view.is_punct_stop(actor.end)) or negated(actor) and negated(found)

    chain = view.coordinated(found, repeated=True)
    at = chain.index(found)
    first = at
    while first > 0 and (chain[first - 1].marker == found.marker or negated(chain[first - 1]) and negated(found)) \
            and member(chain[first - 1]):
        first -= 1
    last = at
    while last + 1 < len(chain) and member(chain[last + 1]):
        last += 1
    chain = chain[first:last + 1]
    joined = any(view.cues.has(k, "coordinators") or view.cues.has(k, "modality:negation")
                 for a, b in zip(chain, chain[1:]) for k in range(a.end, b.start))
    return chain if joined else []


def merge_frames(frames: list[Frame]) -> list[Frame]:
    """Fill a frame's missing role from a compatible frame of the same sentence.

    Frames that found both roles themselves come first: they give, weak or partial ones take.
    """
    frames = sorted(frames, key=lambda f: (-(f.subject is not None) - (f.object is not None), f.trigger.weak))
    for frame in frames:
        if frame.complete or frame.type not in DIRECTIONAL:
            continue
        for other in frames:
            if other is frame or other.type not in DIRECTIONAL:
                continue
            if frame.subject and other.subject and frame.subject != other.subject:
                continue
            if frame.object and other.object and frame.object != other.object:
                continue
            if not other.complete:
                continue  # two halves do not make a claim: "Iranian transfers" + "request for a UN inquiry"
            frame.subject = frame.subject or other.subject
            frame.object = frame.object or other.object
            frame.items = list(dict.fromkeys(frame.items + other.items))
            frame.spans += other.spans
            if frame.trigger.weak and not other.trigger.weak:
                frame.type = other.type
            if frame.complete:
                break
    return frames
