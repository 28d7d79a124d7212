"""Where a claim comes from: the answer ``armsgraph provenance`` prints, as a model, and the claim in words."""
from __future__ import annotations

from typing import get_args

from pydantic import BaseModel, ConfigDict, Field

from armsgraph.schema import Claim, Document, Observation, ids
from armsgraph.schema.models import ClaimType


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EntityRef(_Model):
    id: str
    name: str
    type: str
    wikidata: str | None = None


class Evidence(_Model):
    observation: Observation
    reason: str | None = None
    source: str | None = Field(None, description="id of the source that reported the observation")


class ClaimRow(_Model):
    """A claim in words, as the ``claims`` listing and provenance's related claims show it."""

    id: str
    type: str
    subject: str | None = None
    object: str | None = None
    items: list[str] = Field(default_factory=list)
    claimant: str | None = None
    modality: str
    polarity: str | None = None
    date: str | None = None
    source: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    quote: str


class PropositionRow(_Model):
    """What several claims assert in common, and how well it is supported (see README: corroboration)."""

    id: str
    type: str
    subject: str | None = None
    object: str | None = None
    category: str | None = Field(None, description="materiel category of a narrower proposition; null: the pair's")
    items: list[str] = Field(default_factory=list)
    claims: int = 0
    sources: int = 0
    independent_origins: int = 0
    origins: list[str] = Field(default_factory=list)
    claimants: list[str] = Field(default_factory=list)
    modalities: dict[str, int] = Field(default_factory=dict)
    denied_by: list[str] = Field(default_factory=list)
    observations: int = 0
    first_claimed: str | None = None
    last_claimed: str | None = None
    credibility: int | None = Field(None, description="Admiralty information credibility, 1 (confirmed) to 6")
    credibility_reason: str | None = None

    @classmethod
    def from_node(cls, node: dict) -> "PropositionRow":
        return cls(
            id=node["id"], type=node["type"], subject=node.get("subjectName"), object=node.get("objectName"),
            category=node.get("category"), items=node.get("itemNames") or [], claims=node.get("claims") or 0,
            sources=node.get("sources") or 0,
            independent_origins=node.get("independentOrigins") or 0, origins=node.get("originNames") or [],
            claimants=node.get("claimantNames") or [],
            modalities={m: node.get(m) or 0 for m in ("asserted", "probable", "possible", "denied")},
            denied_by=node.get("deniedByNames") or [], observations=node.get("observations") or 0,
            first_claimed=node.get("firstClaimed"), last_claimed=node.get("lastClaimed"),
            credibility=node.get("credibility"), credibility_reason=node.get("credibilityReason"))


class Provenance(_Model):
    claim: Claim
    summary: str = Field(description="the claim in words")
    sentence: str | None = Field(None, description="the sentence the quote stands in, exact")
    sentence_start: int | None = None
    sentence_end: int | None = None
    source: Document
    entities: dict[str, EntityRef] = Field(default_factory=dict,
                                           description="every entity the claim and its evidence name, by id")
    evidence: list[Evidence] = Field(default_factory=list)
    related: list[ClaimRow] = Field(default_factory=list, description="other claims about the same participants "
                                    "(this claim's subject and object, either way round, any type), the most "
                                    "recent first")
    related_total: int = Field(0, description="how many such claims the graph holds, listed or not")
    origin: str | None = Field(None, description="who the claim ultimately comes from: an entity id, or "
                                                 "'source:<id>' for an article speaking for itself")
    source_reliability: str | None = Field(None, description="Admiralty grade A–F of the publisher")
    claimant_reliability: str | None = Field(None, description="Admiralty grade A–F of the claimant")
    proposition: PropositionRow | None = Field(None, description="what the claim asserts, across articles")
    narrower: list[PropositionRow] = Field(default_factory=list,
                                           description="the same, by materiel category (one per category)")


_VERBS = {  # (positive, negative) phrasing per claim type: subject VERB object
    "transfer": ("supplies", "does not supply"),
    "offer": ("offers", "does not offer"),
    "negotiation": ("negotiates with", "does not negotiate with"),
    "agreement": ("has an agreement with", "has no agreement with"),
    "meeting": ("meets", "does not meet"),
    "warning": ("warns", "does not warn"),
    "sanction": ("sanctions", "does not sanction"),
}


def describe(claim: Claim, names: dict[str, str]) -> str:
    """``North Korea supplies Russia with arms, munitions (probable; the article's own voice; 2023-10)``."""
    def name(entity_id: str | None, missing: str) -> str:
        return names.get(entity_id, entity_id) if entity_id else missing

    positive, negative = _VERBS[claim.type]
    verb = negative if claim.polarity == "negative" else positive
    text = f"{name(claim.subject, 'someone')} {verb} {name(claim.object, 'someone')}"
    if claim.items:
        text += (" with " if claim.type == "transfer" else " — ") + ", ".join(name(i, i) for i in claim.items)
    if claim.where:
        text += f" at {name(claim.where, '')}"
    voice = f"according to {name(claim.claimant, '')}" if claim.claimant else "in the article's own voice"
    details = [claim.modality, voice] + ([claim.when] if claim.when else [])
    return f"{text} ({'; '.join(details)})"


def pair_propositions(parties: list[str]) -> list[str]:
    """The ids of every proposition about exactly these participants (one or two entity ids), either way
    round, of any claim type, whether stored or not.

    A proposition's id is a hash of its type and its participants (``linking.propositions.proposition_id``),
    so a claim's related claims are reached from these few keys (7 types x 2 orders) by primary-key lookup,
    not by scanning every proposition's participants, which grows with the store.
    """
    first, second = parties[0], parties[1] if len(parties) > 1 else None
    return sorted({ids.proposition_id(claim_type, subject, object_)
                   for claim_type in get_args(ClaimType)
                   for subject, object_ in ((first, second), (second, first))})
