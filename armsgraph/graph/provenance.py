"""Where a claim comes from: the answer ``armsgraph provenance`` prints, as a model, and the claim in words."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from armsgraph.schema import Claim, Document, Observation


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
                                    "(every subject and object of this claim takes part), the most recent first")
    related_total: int = Field(0, description="how many such claims the graph holds, listed or not")


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
