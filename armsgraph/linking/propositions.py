"""Propositions: what several claims assert in common, and how well it is supported.

A proposition is a claim type with its participants: "transfer from Iran to Russia". Claims of that type
between the same participants (either order for negotiations, agreements and meetings) assert it, whatever
the items, dates or claimant; a denial attaches to the same proposition. Under it, one narrower proposition
per materiel category the claims name ("transfer of missiles from Iran to Russia"): a claim asserts the
narrower propositions of the categories of its items, and a claim naming no category (no item, "arms",
an unknown system) overlaps every category, so it asserts all of its pair's narrower propositions, those
stored before it and those created after it. So "Iran is not providing weapons" meets "Iran supplied
drones" on both levels, and "Iran supplied drones" does not count for "Iran supplied missiles". Dates are
summarised, not part of the identity (see README "Propositions").

The summary is kept incrementally (``PropositionState.add``): claims are only ever added, so each new
article costs the same whatever the size of the graph. Everything here is pure.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from armsgraph.linking.reliability import Credibility, Origin, credibility
from armsgraph.schema import Claim, ids
from armsgraph.schema.models import SYMMETRIC_CLAIM_TYPES

MODALITIES = ("asserted", "probable", "possible", "denied")
_STRENGTH = {"asserted": 0, "probable": 1, "possible": 2}


def participants(claim: Claim) -> tuple[str | None, str | None]:
    if claim.type in SYMMETRIC_CLAIM_TYPES and claim.subject and claim.object:
        return tuple(sorted((claim.subject, claim.object)))  # type: ignore[return-value]
    return claim.subject, claim.object


def proposition_id(claim: Claim) -> str | None:
    """``p-`` + hash of type and participants; None for a claim with no participant at all."""
    subject, object_ = participants(claim)
    if subject is None and object_ is None:
        return None
    return ids.proposition_id(claim.type, subject, object_)


GENERIC_CATEGORY = "generic"  # "arms", "military equipment": overlaps every category


def item_categories(claim: Claim, categories: Mapping[str, str | None]) -> tuple[str, ...]:
    """The materiel categories of a claim's items (``categories``: entity id → category); empty when it
    names no item, or only generic or unknown ones."""
    return tuple(sorted({c for i in claim.items if (c := categories.get(i)) and c != GENERIC_CATEGORY}))


def claim_propositions(claim: Claim, categories: Mapping[str, str | None]) -> list[tuple[str, str | None]]:
    """(id, category) of the propositions a claim asserts by itself: its pair's (category None) and one per
    category of its items. A claim naming no category also asserts its pair's narrower propositions that
    exist (``narrower_propositions``), which only the store knows."""
    pair = proposition_id(claim)
    if pair is None:
        return []
    subject, object_ = participants(claim)
    return [(pair, None)] + [(ids.proposition_id(claim.type, subject, object_, c), c)
                             for c in item_categories(claim, categories)]


def narrower_propositions(claim_type: str, subject: str | None, object_: str | None,
                          categories: Iterable[str]) -> dict[str, str]:
    """id → category of every narrower proposition the pair could have, stored or not: found by key."""
    return {ids.proposition_id(claim_type, subject, object_, c): c for c in categories if c != GENERIC_CATEGORY}


@dataclass(frozen=True)
class NewClaim:
    """A claim joining a proposition, with what the summary needs to know about it."""

    modality: str
    date: str | None            # the claim's date, else its article's
    origin: str                 # independent origin: entity id, or source:<id of the original article>
    origin_name: str
    origin_grade: str           # A–F
    claimant_name: str | None
    items: dict[str, str] = field(default_factory=dict)   # id → name
    open: bool = False          # names no materiel category (``item_categories``)


@dataclass
class OriginState:
    name: str
    grade: str
    modality: str               # strongest it used; "denied" for an origin that only denies


@dataclass
class PropositionState:
    """The summary stored on a proposition node (see ``to_properties``)."""

    subject: str | None = None
    object: str | None = None
    claims: int = 0
    sources: int = 0
    asserting: dict[str, OriginState] = field(default_factory=dict)
    denying: dict[str, OriginState] = field(default_factory=dict)
    modalities: dict[str, int] = field(default_factory=lambda: {m: 0 for m in MODALITIES})
    items: dict[str, str] = field(default_factory=dict)
    claimants: set[str] = field(default_factory=set)
    first_claimed: str | None = None
    last_claimed: str | None = None
    observations: int = 0
    open_claims: int | None = 0  # claims naming no category; None in stores made before it was counted

    def add(self, claims: list[NewClaim], new_sources: int) -> None:
        """One article's claims (``new_sources`` is 1, or 0 when only evidence changed)."""
        self.claims += len(claims)
        self.sources += new_sources
        if self.open_claims is not None:
            self.open_claims += sum(claim.open for claim in claims)
        for claim in claims:
            self.modalities[claim.modality] += 1
            self.items.update(claim.items)
            if claim.claimant_name:
                self.claimants.add(claim.claimant_name)
            if claim.date:
                self.first_claimed = min(filter(None, (self.first_claimed, claim.date)))
                self.last_claimed = max(filter(None, (self.last_claimed, claim.date)))
            if claim.modality == "denied":
                self.denying.setdefault(claim.origin, OriginState(claim.origin_name, claim.origin_grade, "denied"))
                continue
            known = self.asserting.get(claim.origin)
            if known is None:
                self.asserting[claim.origin] = OriginState(claim.origin_name, claim.origin_grade, claim.modality)
            elif _STRENGTH[claim.modality] < _STRENGTH[known.modality]:
                known.modality = claim.modality

    def credibility(self) -> Credibility:
        parties = {self.subject, self.object} - {None}
        return credibility(
            [Origin(i, o.grade, o.modality) for i, o in sorted(self.asserting.items())],
            [Origin(i, o.grade, "denied", participant=i in parties) for i, o in sorted(self.denying.items())],
            self.observations)

    # -- node properties (both stores keep lists of scalars, so origins are parallel lists) ---------------
    def to_properties(self, subject_name: str | None, object_name: str | None) -> dict:
        judged = self.credibility()
        asserting, denying = sorted(self.asserting.items()), sorted(self.denying.items())
        items = sorted(self.items.items())
        return {
            "claims": self.claims, "sources": self.sources, "independentOrigins": len(asserting),
            "origins": [i for i, _ in asserting], "originNames": [o.name for _, o in asserting],
            "originGrades": [o.grade for _, o in asserting], "originModalities": [o.modality for _, o in asserting],
            "deniedBy": [i for i, _ in denying], "deniedByNames": [o.name for _, o in denying],
            "deniedByGrades": [o.grade for _, o in denying],
            **{m: self.modalities[m] for m in MODALITIES},
            "items": [i for i, _ in items], "itemNames": [n for _, n in items],
            "claimantNames": sorted(self.claimants), "firstClaimed": self.first_claimed,
            "lastClaimed": self.last_claimed, "observations": self.observations,
            "credibility": judged.grade, "credibilityReason": judged.reason, "openClaims": self.open_claims,
            "subjectName": subject_name, "objectName": object_name,
        }

    @classmethod
    def from_properties(cls, node: dict) -> PropositionState:
        def origins(ids_key: str, stem: str, modalities) -> dict[str, OriginState]:
            found = zip(node.get(ids_key) or [], node.get(f"{stem}Names") or [], node.get(f"{stem}Grades") or [],
                        modalities)
            return {i: OriginState(n, g, m) for i, n, g, m in found}

        state = cls(subject=node.get("subject"), object=node.get("object"), claims=node.get("claims") or 0,
                    sources=node.get("sources") or 0, first_claimed=node.get("firstClaimed"),
                    last_claimed=node.get("lastClaimed"), observations=node.get("observations") or 0,
                    open_claims=node.get("openClaims") if node.get("claims") else 0)
        state.asserting = origins("origins", "origin", node.get("originModalities") or [])
        state.denying = origins("deniedBy", "deniedBy", _repeat("denied"))
        state.modalities = {m: node.get(m) or 0 for m in MODALITIES}
        state.items = dict(zip(node.get("items") or [], node.get("itemNames") or []))
        state.claimants = set(node.get("claimantNames") or [])
        return state


def _repeat(value: str):
    while True:
        yield value
