"""Admiralty (NATO) grading: source reliability A–F from data, information credibility 1–6 from rules.

Reliability is looked up in ``data/reliability.yaml`` (anything not listed is F). Credibility is a pure
function of the independent origins asserting a proposition, the independent origins denying it and the
number of supporting observations. The rules are written out in ``docs/reliability.md``; the table there
and :func:`credibility` must say the same thing.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA_FILE = Path(__file__).resolve().parent / "data" / "reliability.yaml"

GRADES = ("A", "B", "C", "D", "E", "F")
RELIABLE = frozenset("ABC")      # counted as reliable support
JUDGED = frozenset("ABCDE")      # F is "cannot be judged": it counts on neither side of a contest
MODALITIES = ("asserted", "probable", "possible")

RELIABILITY_LABELS = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY_LABELS = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}


# --- Source reliability --------------------------------------------------------------------------------

def normalise_publisher(name: str) -> str:
    """Case- and spacing-insensitive key (the same normalisation as ``schema.ids.normalise_name``)."""
    text = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(text.replace("\u2019", "'").split())


@dataclass(frozen=True)
class Entry:
    grade: str
    why: str
    id: str | None = None
    publisher: str | None = None
    aliases: tuple[str, ...] = ()


_ENTRY_FIELDS = {"id", "publisher", "aliases", "grade", "why"}


class Reliability:
    """Grades by entity id and by publisher name (exact name or alias, case-insensitive)."""

    def __init__(self, entries: list[Entry]):
        self.entries = tuple(entries)
        self._by_id = {e.id: e for e in entries if e.id}
        self._by_publisher = {
            normalise_publisher(name): e
            for e in entries if e.publisher
            for name in (e.publisher, *e.aliases)
        }

    def entry(self, entity_id: str | None = None, publisher: str | None = None) -> Entry | None:
        if entity_id and entity_id in self._by_id:
            return self._by_id[entity_id]
        if publisher:
            return self._by_publisher.get(normalise_publisher(publisher))
        return None

    def grade(self, entity_id: str | None = None, publisher: str | None = None) -> str:
        """The entity's grade if listed, else the publisher's, else "F"."""
        found = self.entry(entity_id, publisher)
        return found.grade if found else "F"

    @classmethod
    def from_data(cls, data: object, where: str = "reliability data") -> Reliability:
        return cls(_parse(data, where))


def _parse(data: object, where: str) -> list[Entry]:
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise ValueError(f"{where}: expected a mapping with an `entries` list")
    entries: list[Entry] = []
    ids: dict[str, int] = {}
    names: dict[str, str] = {}
    for number, raw in enumerate(data["entries"], start=1):
        label = f"{where}: entry {number}"
        if not isinstance(raw, dict):
            raise ValueError(f"{label}: expected a mapping, got {raw!r}")
        entity_id, publisher = raw.get("id"), raw.get("publisher")
        if entity_id is not None or publisher is not None:
            label += f" ({entity_id or publisher})"
        unknown = set(raw) - _ENTRY_FIELDS
        if unknown:
            raise ValueError(f"{label}: unknown field(s) {sorted(unknown)}")
        if not entity_id and not publisher:
            raise ValueError(f"{label}: needs an `id` or a `publisher`")
        for key, value in (("id", entity_id), ("publisher", publisher)):
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise ValueError(f"{label}: `{key}` must be a non-empty string")
        grade = raw.get("grade")
        if grade not in GRADES:
            raise ValueError(f"{label}: unknown grade {grade!r} (expected one of {', '.join(GRADES)})")
        why = raw.get("why")
        if not isinstance(why, str) or not why.strip():
            raise ValueError(f"{label}: missing `why` (the one-line reasoning for the grade)")
        aliases = raw.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise ValueError(f"{label}: `aliases` must be a list of non-empty strings")
        if aliases and not publisher:
            raise ValueError(f"{label}: `aliases` are publisher names and need a `publisher`")
        if entity_id:
            if entity_id in ids:
                raise ValueError(f"{label}: duplicate id {entity_id!r} (also entry {ids[entity_id]})")
            ids[entity_id] = number
        for name in ([publisher] if publisher else []) + aliases:
            key = normalise_publisher(name)
            if key in names:
                raise ValueError(f"{label}: duplicate publisher name {name!r} (also {names[key]})")
            names[key] = f"entry {number}"
        entries.append(Entry(grade=grade, why=why.strip(), id=entity_id, publisher=publisher,
                             aliases=tuple(aliases)))
    return entries


def _load(path: Path) -> Reliability:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Reliability.from_data(data, str(path))


@lru_cache(maxsize=1)
def _load_default() -> Reliability:
    return _load(DATA_FILE)


def load_reliability(path: Path | None = None) -> Reliability:
    """The packaged grades (cached), or those of ``path`` (read afresh). Raises ValueError on bad data."""
    return _load_default() if path is None else _load(Path(path))


# --- Information credibility ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Origin:
    """An independent origin of an assertion or a denial (one per distinct originating source)."""

    id: str                   # entity id or "source:<id>"
    grade: str                # A–F
    modality: str             # strongest modality used: "asserted" | "probable" | "possible"; on a denial
                              # it is ignored and may also be "denied"
    participant: bool = False  # a supplier or recipient named in the proposition (matters for denials)

    def __post_init__(self) -> None:
        if self.grade not in GRADES:
            raise ValueError(f"origin {self.id!r}: unknown grade {self.grade!r}")
        if self.modality not in (*MODALITIES, "denied"):
            raise ValueError(f"origin {self.id!r}: unknown modality {self.modality!r}")


@dataclass(frozen=True)
class Credibility:
    grade: int    # 1..6
    reason: str   # which rule fired and on what counts

    @property
    def label(self) -> str:
        return CREDIBILITY_LABELS[self.grade]


def _names(origins: list[Origin]) -> str:
    return ", ".join(sorted(f"{o.id} ({o.grade})" for o in origins))


def _independent(origins: list[Origin]) -> list[Origin]:
    """One origin per id: the strongest modality, then the better grade (a caller's repeat counts once)."""
    rank = {"asserted": 0, "probable": 1, "possible": 2, "denied": 3}
    best: dict[str, Origin] = {}
    for origin in origins:
        kept = best.get(origin.id)
        if kept is None or (rank[origin.modality], origin.grade) < (rank[kept.modality], kept.grade):
            best[origin.id] = origin
    return list(best.values())


def credibility(origins: list[Origin], denials: list[Origin], evidence: int) -> Credibility:
    """Grade 1–6 for a proposition. Rules are tried in order; the first that holds gives the grade.

    Counts (each origin is independent and counted once, with its strongest modality):
      reliable   origins graded A–C that assert it (modality "asserted")
      judged     origins graded A–E, any modality
      denying    origins graded A–E that deny it and are not participants
    A participant's denial (the supplier or recipient denying) is reported but not counted: parties to a
    covert transfer deny it as a matter of course, so their denial says little. F-graded origins count on
    neither side of a contest. An id given twice in one list counts once.

      6  judged = 0, denying = 0, no evidence
      5  denying > judged, no evidence
      4  denying ≥ judged (and denying ≥ 1)
      1  denying = 0 and (reliable ≥ 3, or reliable ≥ 2 with evidence)
      2  reliable ≥ 2, or an A/B origin asserting or saying "probable" with evidence
      3  an A–C origin asserting or saying "probable"; or ≥ 2 A–C origins saying "possible"; or evidence
      4  otherwise: only D/E origins, or a single A–C origin saying "possible"
    """
    if evidence < 0:
        raise ValueError("evidence must be a count ≥ 0")
    for origin in origins:
        if origin.modality == "denied":
            raise ValueError(f"origin {origin.id!r} denies: pass it in `denials`, not `origins`")
    origins, denials = _independent(origins), _independent(denials)
    reliable_asserting = [o for o in origins if o.grade in RELIABLE and o.modality == "asserted"]
    reliable_any = [o for o in origins if o.grade in RELIABLE]
    reliable_firm = [o for o in reliable_any if o.modality in ("asserted", "probable")]
    ab_firm = [o for o in reliable_firm if o.grade in "AB"]
    judged = [o for o in origins if o.grade in JUDGED]
    counted_denials = [d for d in denials if d.grade in JUDGED and not d.participant]
    participant_denials = [d for d in denials if d.participant]

    r, j, d = len(reliable_asserting), len(judged), len(counted_denials)
    counts = (f"{len(origins)} origin(s) of which {j} graded A–E and {r} graded A–C asserting; "
              f"{evidence} observation(s); {d} counted denial(s)")
    if participant_denials:
        counts += f", {len(participant_denials)} participant denial(s) not counted ({_names(participant_denials)})"
    unjudged = [x for x in denials if x.grade not in JUDGED and not x.participant]
    if unjudged:
        counts += f", {len(unjudged)} F-graded denial(s) not counted"

    def verdict(grade: int, rule: str) -> Credibility:
        return Credibility(grade, f"{grade} ({CREDIBILITY_LABELS[grade]}): {rule} [{counts}].")

    if j == 0 and d == 0 and evidence == 0:
        return verdict(6, "no origin can be judged (all graded F or none) and there is no evidence")
    if d > j and evidence == 0:
        return verdict(5, f"more independent denials ({_names(counted_denials)}) than judged origins asserting, "
                          "and no evidence")
    if d > 0 and d >= j:
        return verdict(4, f"denied by at least as many independent non-participant origins "
                          f"({_names(counted_denials)}) as judged origins assert it")
    if d == 0 and (r >= 3 or (r >= 2 and evidence > 0)):
        rule = (f"{r} independent origins graded A–C assert it" + (" with supporting evidence" if evidence else "")
                + f" ({_names(reliable_asserting)}) and no counted denial")
        return verdict(1, rule)
    if r >= 2:
        return verdict(2, f"{r} independent origins graded A–C assert it ({_names(reliable_asserting)})")
    if ab_firm and evidence > 0:
        return verdict(2, f"an origin graded A/B asserts it or calls it probable ({_names(ab_firm)}) "
                          "and evidence supports it")
    if reliable_firm:
        return verdict(3, f"an origin graded A–C asserts it or calls it probable ({_names(reliable_firm)})")
    if len(reliable_any) >= 2:
        return verdict(3, f"{len(reliable_any)} independent origins graded A–C call it possible "
                          f"({_names(reliable_any)})")
    if evidence > 0:
        return verdict(3, "evidence supports it but no origin graded A–C asserts it")
    if reliable_any:
        return verdict(4, f"a single origin graded A–C calls it only possible ({_names(reliable_any)})")
    return verdict(4, f"only origins graded D/E assert it ({_names(judged)})")
