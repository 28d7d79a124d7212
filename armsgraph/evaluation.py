"""Score extraction output against hand-made gold annotations.

This is the logic behind ``armsgraph eval FOLDER``.  A gold file
(``NAME.gold.json``, format in ``shared/eval/ANNOTATION.md``) lists the
entities, claims and imagery observations a careful analyst finds in
``NAME.txt``; the extractor's JSON document (contract in
``shared/eval/README.md``) is compared with it.

The figures are defined exactly as in the reference scorer
``shared/eval/score.py`` so that both report the same numbers; the unit
tests check that agreement on the development set and on random outputs.

Data flow for one document (:func:`score_document`):

1. **Entities.**  Every system entity is aligned to a gold key by
   :class:`EntityAligner` (Wikidata id, then canonical name, then mention
   text; normalised, with a close-spelling fallback).  The alignment also
   gives the map from system entity ids to gold keys that the later steps
   use to read claim participants, claimants, items and sites.
2. **Claims.**  Gold claims are taken in file order; each one takes the best
   still unused system claim of an accepted type with matching participants.
3. **Observations.**  Gold observations are taken in file order; each one
   takes the first unused system observation with the same site and date.
4. **Spans.**  Every system claim and observation must give back its quote
   from its offsets.

Nothing here runs the extractor as a subprocess or prints: the caller passes
an ``extract`` callable to :func:`evaluate_folder` and formats the result.
"""
from __future__ import annotations

import json
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from rapidfuzz import fuzz

__all__ = [
    "DocumentEval",
    "EntityAligner",
    "EvalScore",
    "PRF",
    "Accuracy",
    "canonical_entity_type",
    "evaluate_folder",
    "missing_document",
    "normalise",
    "score_document",
]

# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

#: Entity types that are scored; a system entity of another type that matches
#: nothing in the gold is ignored rather than counted as a false positive.
SCORED_ENTITY_TYPES = frozenset(
    {"person", "organization", "country", "location", "materiel", "vessel"}
)

#: Claim types that are scored; unmatched system claims of other types are ignored.
SCORED_CLAIM_TYPES = frozenset(
    {"transfer", "offer", "negotiation", "agreement", "meeting", "warning", "sanction"}
)

#: Claim types whose two participants may be given in either order.
SYMMETRIC_CLAIM_TYPES = frozenset({"negotiation", "agreement", "meeting"})

#: Common alternative spellings of entity types (NER labels, British spelling,
#: finer-grained kinds), mapped to the scored type they stand for.
ENTITY_TYPE_SYNONYMS: dict[str, str] = {
    # country
    "gpe": "country",
    "state": "country",
    "nation": "country",
    # organization
    "org": "organization",
    "organisation": "organization",
    "armedgroup": "organization",
    "armed_group": "organization",
    "company": "organization",
    "agency": "organization",
    # person
    "per": "person",
    # location
    "loc": "location",
    "place": "location",
    "site": "location",
    "facility": "location",
    "city": "location",
    "port": "location",
    "region": "location",
    # materiel
    "weapon": "materiel",
    "weaponsystem": "materiel",
    "weapon_system": "materiel",
    "weapons": "materiel",
    "equipment": "materiel",
    "materiel_category": "materiel",
    # vessel
    "ship": "vessel",
}

#: Two names of at least this many characters are compared by spelling ...
FUZZY_MIN_LENGTH = 4
#: ... and count as the same name from this rapidfuzz ``fuzz.ratio`` on.
FUZZY_THRESHOLD = 90.0

# Characters removed from both ends of a normalised string (after whitespace
# folding): space, punctuation, em dash and both straight quote marks.
_EDGE_CHARACTERS = " .,;:-\u2014\"'"
_CURLY_APOSTROPHES = str.maketrans({"\u2018": "'", "\u2019": "'"})


def normalise(text: str | None) -> str:
    """The comparison form of a name, quote, type or modality.

    Compatibility-decomposes the text (NFKD) and drops the combining marks
    (so accents go), turns curly single quotes into apostrophes, lowercases,
    folds runs of whitespace into one space and strips spaces, punctuation,
    dashes and quote marks from both ends.  ``None`` and ``""`` give ``""``.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = " ".join(bare.translate(_CURLY_APOSTROPHES).lower().split())
    return folded.strip(_EDGE_CHARACTERS)


def canonical_entity_type(raw: str | None) -> str:
    """The entity type a system label stands for (``"GPE"`` -> ``"country"``).

    Labels that are neither scored types nor known synonyms come back in
    their normalised snake_case form (``"Commodity"`` -> ``"commodity"``).
    """
    label = normalise(raw).replace(" ", "_").replace("-", "_")
    return ENTITY_TYPE_SYNONYMS.get(label, label)


def similarity(a: str, b: str) -> float:
    """Spelling similarity of two strings on a 0-100 scale."""
    return fuzz.ratio(a, b)


# --------------------------------------------------------------------------
# Tallies
# --------------------------------------------------------------------------


@dataclass
class PRF:
    """True positives, false positives and false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def merge(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        predicted = self.tp + self.fp
        return self.tp / predicted if predicted else 0.0

    @property
    def recall(self) -> float:
        expected = self.tp + self.fn
        return self.tp / expected if expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Accuracy:
    """How many of the checked cases were right."""

    correct: int = 0
    checked: int = 0

    def record(self, ok: bool) -> None:
        self.checked += 1
        if ok:
            self.correct += 1

    def merge(self, other: Accuracy) -> None:
        self.correct += other.correct
        self.checked += other.checked

    @property
    def value(self) -> float:
        return self.correct / self.checked if self.checked else 0.0


_PRF_FIELDS = ("entities", "claims", "strict_claims", "observations")
_ACCURACY_FIELDS = (
    "entity_type", "modality", "claimant", "when", "items", "counts", "supports", "spans",
)


@dataclass
class EvalScore:
    """Everything counted for one document, or for many merged together.

    ``strict_claims`` counts a matched claim as a true positive only when its
    modality and (where the gold names one) its claimant are right; a matched
    claim that is wrong on either counts as one false positive and one false
    negative instead.  The accuracies are over matched, non-optional gold
    items: ``entity_type`` over entities, ``modality``/``claimant``/``when``/
    ``items`` over claims (the last three only where the gold gives a
    claimant, date or items), ``counts`` over gold counts and ``supports``
    over gold support links of matched observations.  ``spans`` is over all
    system claims and observations.
    """

    entities: PRF = field(default_factory=PRF)
    claims: PRF = field(default_factory=PRF)
    strict_claims: PRF = field(default_factory=PRF)
    observations: PRF = field(default_factory=PRF)
    entity_type: Accuracy = field(default_factory=Accuracy)
    modality: Accuracy = field(default_factory=Accuracy)
    claimant: Accuracy = field(default_factory=Accuracy)
    when: Accuracy = field(default_factory=Accuracy)
    items: Accuracy = field(default_factory=Accuracy)
    counts: Accuracy = field(default_factory=Accuracy)
    supports: Accuracy = field(default_factory=Accuracy)
    spans: Accuracy = field(default_factory=Accuracy)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def merge(self, other: EvalScore) -> EvalScore:
        """Add ``other``'s counts to this score (in place); returns ``self``."""
        for name in _PRF_FIELDS + _ACCURACY_FIELDS:
            getattr(self, name).merge(getattr(other, name))
        self.errors.extend(other.errors)
        self.seconds += other.seconds
        return self

    def summary(self) -> dict[str, float | int]:
        """The headline figures, under the same keys and roundings as score.py
        (ratios to 3 places, seconds to 2)."""
        return {
            "entity_f1": round(self.entities.f1, 3),
            "claim_f1": round(self.claims.f1, 3),
            "claim_strict_f1": round(self.strict_claims.f1, 3),
            "observation_f1": round(self.observations.f1, 3),
            "claim_precision": round(self.claims.precision, 3),
            "claim_recall": round(self.claims.recall, 3),
            "entity_type_acc": round(self.entity_type.value, 3),
            "modality_acc": round(self.modality.value, 3),
            "claimant_acc": round(self.claimant.value, 3),
            "when_acc": round(self.when.value, 3),
            "items_acc": round(self.items.value, 3),
            "count_acc": round(self.counts.value, 3),
            "support_acc": round(self.supports.value, 3),
            "span_integrity": round(self.spans.value, 3),
            "errors": len(self.errors),
            "seconds": round(self.seconds, 2),
        }


# --------------------------------------------------------------------------
# Entity alignment
# --------------------------------------------------------------------------


class EntityAligner:
    """Maps system entities, entity ids and bare names to gold entity keys."""

    def __init__(self, gold_entities: list[dict]):
        self._gold = gold_entities
        self._by_key = {entry["key"]: entry for entry in gold_entities}
        # (key, normalised names) in gold order, names in their listed order
        self._names = [
            (entry["key"], [normalise(name) for name in entry["names"]])
            for entry in gold_entities
        ]
        self._system_ids: dict[Any, str | None] = {}

    def gold_entry(self, key: str) -> dict:
        return self._by_key[key]

    def key_for_name(self, text: str | None) -> str | None:
        """The gold key one of whose names is ``text``.

        An exact match (after normalisation) wins at once, the first one in
        gold order.  Otherwise the closest spelling among names of at least
        four characters, if it reaches the threshold; on a tie the earlier
        gold name wins.
        """
        wanted = normalise(text)
        if not wanted:
            return None
        for key, names in self._names:
            if wanted in names:
                return key
        best_key, best_score = None, 0.0
        if len(wanted) < FUZZY_MIN_LENGTH:
            return None
        for key, names in self._names:
            for name in names:
                if len(name) < FUZZY_MIN_LENGTH:
                    continue
                score = similarity(wanted, name)
                if score >= FUZZY_THRESHOLD and score > best_score:
                    best_key, best_score = key, score
        return best_key

    def align(self, entity: dict) -> str | None:
        """The gold key of a system entity: by Wikidata id, else by its name,
        else by the first of its mentions whose text names a gold entity."""
        wikidata = entity.get("wikidata")
        if wikidata:
            for gold in self._gold:
                if gold.get("wikidata") == wikidata:
                    return gold["key"]
        key = self.key_for_name(entity.get("name"))
        if key:
            return key
        for mention in entity.get("mentions") or []:
            key = self.key_for_name(mention.get("text"))
            if key:
                return key
        return None

    def register(self, system_id: Any, key: str | None) -> None:
        """Remember which gold key (or none) a system entity id stands for."""
        self._system_ids[system_id] = key

    def resolve(self, ref: Any) -> str | None:
        """The gold key a reference in a claim or observation points to.

        ``ref`` is a system entity id, a bare name, or an inline entity
        object (its ``id``, else its ``name``).  Known system ids map to their
        alignment (possibly none); anything else is looked up as a name.
        """
        if ref is None:
            return None
        if isinstance(ref, dict):
            ref = ref.get("id") or ref.get("name")
        if ref in self._system_ids:
            return self._system_ids[ref]
        return self.key_for_name(str(ref))


# --------------------------------------------------------------------------
# Scoring steps
# --------------------------------------------------------------------------


def _is_optional(gold: dict) -> bool:
    return bool(gold.get("optional"))


def _date_agrees(system_value: Any, gold_value: str) -> bool:
    """The system's date agrees at the gold's precision (``2023-10-05`` fits ``2023-10``)."""
    return str(system_value or "")[: len(gold_value)] == gold_value


def _score_entities(system: list[dict], gold: list[dict], aligner: EntityAligner,
                    score: EvalScore) -> None:
    found: set[str] = set()
    for entity in system:
        key = aligner.align(entity)
        aligner.register(entity.get("id", entity.get("name")), key)
        kind = canonical_entity_type(entity.get("type"))
        if key is None:
            if kind in SCORED_ENTITY_TYPES:
                score.entities.fp += 1
            continue
        gold_entity = aligner.gold_entry(key)
        if _is_optional(gold_entity):
            continue
        if key in found:
            score.entities.fp += 1  # one real-world entity split into two
            continue
        found.add(key)
        score.entities.tp += 1
        score.entity_type.record(kind == gold_entity["type"])
    score.entities.fn += sum(
        1 for entry in gold if not _is_optional(entry) and entry["key"] not in found
    )


def _participants_agree(claim: dict, gold: dict, aligner: EntityAligner) -> bool:
    pair = (aligner.resolve(claim.get("subject")), aligner.resolve(claim.get("object")))
    readings = [(gold["subject"], gold["object"])]
    readings += [tuple(reading) for reading in gold.get("participant_alternatives", [])]
    symmetric = gold["type"] in SYMMETRIC_CLAIM_TYPES
    return any(
        pair == tuple(reading) or (symmetric and set(pair) == set(reading))
        for reading in readings
    )


def _claim_candidates(gold: dict, system: list[dict], taken: set[int],
                      aligner: EntityAligner) -> list[int]:
    """Indices of the untaken system claims that could be ``gold``, best first:
    right modality before wrong, then closest quote; otherwise system order."""
    accepted_types = {gold["type"], *gold.get("type_alternatives", [])}
    candidates = [
        index for index, claim in enumerate(system)
        if index not in taken
        and normalise(claim.get("type")) in accepted_types
        and _participants_agree(claim, gold, aligner)
    ]
    gold_quote = normalise(gold.get("quote"))

    def preference(index: int) -> tuple[bool, float]:
        claim = system[index]
        wrong_modality = normalise(claim.get("modality")) != gold["modality"]
        return wrong_modality, -similarity(normalise(claim.get("quote")), gold_quote)

    return sorted(candidates, key=preference)  # stable: ties keep system order


def _check_matched_claim(claim: dict, gold: dict, aligner: EntityAligner,
                         score: EvalScore) -> None:
    """Tally a system claim matched to a non-optional gold claim."""
    score.claims.tp += 1
    modality_ok = normalise(claim.get("modality")) == gold["modality"]
    score.modality.record(modality_ok)
    claimant_ok = True
    if gold.get("claimant") is not None:
        allowed = {gold["claimant"], *gold.get("claimant_alternatives", [])}
        claimant_ok = aligner.resolve(claim.get("claimant")) in allowed
        score.claimant.record(claimant_ok)
    if modality_ok and claimant_ok:
        score.strict_claims.tp += 1
    if gold.get("when"):
        score.when.record(_date_agrees(claim.get("when"), gold["when"]))
    if gold.get("items"):
        found = {aligner.resolve(item) for item in claim.get("items") or []}
        score.items.record(all(item in found for item in gold["items"]))


def _score_claims(system: list[dict], gold: list[dict], aligner: EntityAligner,
                  score: EvalScore) -> dict[int, Any]:
    """Match claims greedily in gold order; returns gold index -> system claim id
    (the claim's position as a string when it has no id)."""
    matched: dict[int, Any] = {}
    taken: set[int] = set()
    for gold_index, gold_claim in enumerate(gold):
        candidates = _claim_candidates(gold_claim, system, taken, aligner)
        if not candidates:
            if not _is_optional(gold_claim):
                score.claims.fn += 1
            continue
        chosen = candidates[0]
        taken.add(chosen)
        matched[gold_index] = system[chosen].get("id", str(chosen))
        if not _is_optional(gold_claim):
            _check_matched_claim(system[chosen], gold_claim, aligner, score)
    score.claims.fp += sum(
        1 for index, claim in enumerate(system)
        if index not in taken and normalise(claim.get("type")) in SCORED_CLAIM_TYPES
    )
    # A matched claim with the wrong modality or claimant is, strictly, both
    # a spurious claim and a missed one.
    strict = score.strict_claims
    misattributed = score.claims.tp - strict.tp
    strict.fp = score.claims.fp + misattributed
    strict.fn = score.claims.fn + misattributed
    return matched


def _find_observation(gold: dict, system: list[dict], taken: set[int],
                      aligner: EntityAligner) -> int | None:
    """The first untaken system observation of the gold's site and date."""
    for index, observation in enumerate(system):
        if index in taken or aligner.resolve(observation.get("site")) != gold["site"]:
            continue
        if gold.get("observed_on") and not _date_agrees(
            observation.get("observed_on"), gold["observed_on"]
        ):
            continue
        return index
    return None


def _score_observations(system: list[dict], gold: list[dict], aligner: EntityAligner,
                        claim_matches: dict[int, Any], score: EvalScore) -> None:
    taken: set[int] = set()
    for gold_observation in gold:
        index = _find_observation(gold_observation, system, taken, aligner)
        if index is None:
            if not _is_optional(gold_observation):
                score.observations.fn += 1
            continue
        taken.add(index)
        if _is_optional(gold_observation):
            continue
        observation = system[index]
        score.observations.tp += 1
        numbers = {entry.get("count") for entry in observation.get("counts") or []}
        for gold_count in gold_observation.get("counts", []):
            score.counts.record(gold_count["count"] in numbers)
        linked = set(observation.get("supports") or [])
        for gold_claim_index in gold_observation.get("supports", []):
            score.supports.record(
                gold_claim_index in claim_matches and claim_matches[gold_claim_index] in linked
            )
    score.observations.fp += len(system) - len(taken)


def _span_is_exact(item: dict, text: str) -> bool:
    start, end, quote = item.get("start"), item.get("end"), item.get("quote")
    return (
        isinstance(start, int) and isinstance(end, int) and quote is not None
        and text[start:end] == quote
    )


def _score_spans(items: Iterable[dict], text: str, score: EvalScore) -> None:
    for item in items:
        score.spans.record(_span_is_exact(item, text))


# --------------------------------------------------------------------------
# Public entry points
# --------------------------------------------------------------------------


def score_document(result: dict, gold: dict, text: str) -> EvalScore:
    """Score one extractor document against its gold annotation.

    ``text`` is the article as the extractor read it (UTF-8, universal
    newlines, as ``Path.read_text`` gives it); spans are checked against it.
    """
    score = EvalScore()
    aligner = EntityAligner(gold["entities"])
    system_claims = result.get("claims") or []
    system_observations = result.get("observations") or []
    _score_entities(result.get("entities") or [], gold["entities"], aligner, score)
    claim_matches = _score_claims(system_claims, gold["claims"], aligner, score)
    _score_observations(system_observations, gold.get("observations", []), aligner,
                        claim_matches, score)
    _score_spans([*system_claims, *system_observations], text, score)
    return score


def missing_document(gold: dict, error: str) -> EvalScore:
    """The score of a document the extractor failed on.

    Every non-optional gold entity, claim and observation is a false
    negative.  As in score.py, the strict claim tally is left untouched (a
    failed document adds nothing to ``claim_strict_f1``), so that totals
    agree with the reference scorer.
    """
    score = EvalScore(errors=[error])
    score.entities.fn = sum(1 for g in gold["entities"] if not _is_optional(g))
    score.claims.fn = sum(1 for g in gold["claims"] if not _is_optional(g))
    score.observations.fn = sum(1 for g in gold.get("observations", []) if not _is_optional(g))
    return score


@dataclass
class DocumentEval:
    """The outcome for one document: its name (``NAME`` of ``NAME.txt``),
    its score and, when the extractor failed on it, why."""

    name: str
    score: EvalScore
    error: str | None = None


_GOLD_SUFFIX = ".gold.json"


def _gold_pairs(folder: Path) -> list[tuple[str, Path, Path]]:
    """``(name, gold path, text path)`` for every gold file with its text beside it,
    sorted by name."""
    if not folder.is_dir():
        raise FileNotFoundError(f"evaluation folder not found: {folder}")
    gold_paths = [path for path in folder.glob(f"*{_GOLD_SUFFIX}") if path.is_file()]
    if not gold_paths:
        raise FileNotFoundError(f"no *{_GOLD_SUFFIX} files in {folder}")
    pairs = []
    for gold_path in gold_paths:
        name = gold_path.name[: -len(_GOLD_SUFFIX)]
        text_path = gold_path.with_name(f"{name}.txt")
        if text_path.is_file():
            pairs.append((name, gold_path, text_path))
    if not pairs:
        raise FileNotFoundError(
            f"no *{_GOLD_SUFFIX} file in {folder} has its NAME.txt beside it"
        )
    return sorted(pairs, key=lambda pair: pair[0])


def _error_message(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def evaluate_folder(
    folder: Path, extract: Callable[[Path], dict]
) -> tuple[list[DocumentEval], EvalScore]:
    """Run ``extract`` on every ``NAME.txt`` that has a ``NAME.gold.json`` beside
    it and score the results.

    Documents come in name order.  When ``extract`` raises (or returns
    something other than a JSON object) the document is scored as
    :func:`missing_document`, its ``error`` is the exception's message and
    the run goes on; the totals' ``errors`` list carries ``"NAME: message"``.
    The time spent in ``extract`` goes into ``seconds``.

    Raises ``FileNotFoundError`` when the folder has no usable gold file.
    """
    folder = Path(folder)
    documents: list[DocumentEval] = []
    total = EvalScore()
    for name, gold_path, text_path in _gold_pairs(folder):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = text_path.read_text(encoding="utf-8")
        error: str | None = None
        started = time.perf_counter()
        try:
            result = extract(text_path)
        except Exception as exc:  # noqa: BLE001 - any extractor failure is a scored failure
            result, error = None, _error_message(exc)
        elapsed = time.perf_counter() - started
        if error is None and not isinstance(result, dict):
            error = f"extractor returned {type(result).__name__}, not a JSON object"
        if error is None:
            score = score_document(result, gold, text)
        else:
            score = missing_document(gold, f"{name}: {error}")
        score.seconds = elapsed
        documents.append(DocumentEval(name=name, score=score, error=error))
        total.merge(score)
    return documents, total
