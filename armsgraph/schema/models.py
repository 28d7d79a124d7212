"""The data model: one set of pydantic models used by extraction, storage and the CLI.

The JSON contract in ``shared/eval/README.md`` is a serialisation of these
models (``ExtractionResult.model_dump(mode="json")``): its field names are
fixed here; everything else is additive.
"""
from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

EntityType = Literal[
    "person", "organization", "country", "location", "materiel", "vessel",
    "commodity", "event", "other",
]
ClaimType = Literal[
    "transfer", "offer", "negotiation", "agreement", "meeting", "warning", "sanction",
]
Modality = Literal["asserted", "probable", "possible", "denied"]
Polarity = Literal["positive", "negative"]
DatePrecision = Literal["year", "month", "day"]
ObservationKind = Literal["satellite_imagery", "photo", "ship_tracking", "other"]

SYMMETRIC_CLAIM_TYPES: frozenset[str] = frozenset({"negotiation", "agreement", "meeting"})
# what the CLI and ``corroboration`` call a pair's own proposition, whatever the materiel (its category is null)
ANY_MATERIEL = "any"

_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def precision_of(date: str | None) -> DatePrecision | None:
    """The precision of an ISO partial date: ``2023`` year, ``2023-08`` month, ``2023-08-31`` day."""
    if date is None:
        return None
    return {4: "year", 7: "month", 10: "day"}[len(date)]  # type: ignore[return-value]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Span(Model):
    """An exact stretch of the source text: ``text[start:end] == quote``."""

    quote: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Document(Model):
    """A document's metadata and the content hash that identifies it: the ``document`` block of the output."""

    id: str = Field(description="content hash of the text, e.g. 's-3f9a2b1c7d4e'")
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="ISO date (partial allowed)")
    language: str = Field(description="ISO 639-1 code")
    language_detected: bool = Field(False, description="true when the language was detected, not given")
    path: str | None = Field(None, description="where the text was read from")
    sha256: str = Field(description="SHA-256 of the UTF-8 text")

    @field_validator("published")
    @classmethod
    def _iso_partial(cls, value: str | None) -> str | None:
        if value is not None and not _PARTIAL_DATE.match(value):
            raise ValueError(f"published must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), got {value!r}")
        return value


class Source(Document):
    """A document as read: its metadata and its text."""

    text: str = Field(repr=False)


class Mention(Model):
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Entity(Model):
    id: str = Field(description="stable id: the gazetteer key, 'x-' + hash of name and type for unknown names, "
                                "or 'u-' + hash of the English name for a group of sources the text does not name")
    name: str = Field(description="canonical English name")
    type: EntityType
    wikidata: str | None = Field(None, pattern=r"^Q\d+$")
    aliases: list[str] = Field(default_factory=list)
    category: str | None = Field(None, description="materiel: SIPRI category or one of ours")
    family: str | None = Field(None, description="materiel: the family the designation belongs to")
    known: bool = Field(True, description="false when found by the unknown-name rules, not the gazetteer")
    mentions: list[Mention] = Field(default_factory=list)


class Count(Model):
    what: str
    count: int


class Claim(Model):
    id: str
    type: ClaimType
    subject: str | None = Field(description="entity id: supplier, offerer, warner, sanctioner, first party")
    object: str | None = Field(description="entity id: recipient, warned, sanctioned, second party")
    items: list[str] = Field(default_factory=list, description="entity ids of materiel or commodities")
    claimant: str | None = Field(None, description="entity id of who asserts it; null for the article's own voice")
    modality: Modality = "asserted"
    polarity: Polarity = "positive"
    when: str | None = Field(None, description="ISO partial date at the precision the text gives")
    when_precision: DatePrecision | None = None
    where: str | None = Field(None, description="entity id of a location")
    quote: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    sentence_start: int = Field(0, ge=0)
    sentence_end: int = Field(0, ge=0)
    trigger: str | None = Field(None, description="the word that signalled the claim")
    extractor: str = Field(description="name and version of the extractor that made it")


class Observation(Model):
    id: str
    kind: ObservationKind
    site: str | None = Field(description="entity id of the observed location")
    observed_on: str | None = None
    observed_precision: DatePrecision | None = None
    observer: str | None = None
    counts: list[Count] = Field(default_factory=list)
    caveats: list[str] = Field(default_factory=list)
    supports: list[str] = Field(default_factory=list, description="ids of claims it is offered as evidence for")
    quote: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    extractor: str


class ExtractionResult(Model):
    document: Document
    entities: list[Entity] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    observations: list[Observation] = Field(default_factory=list)
    extractor: str

    def entity(self, entity_id: str | None) -> Entity | None:
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        return None


CorrectionAction = Literal["merge", "split"]


class Correction(Model):
    """A researcher's correction of entity resolution, kept in the store and applied to every later write.

    ``merge``: the ``entities`` are the same real thing as ``target`` and become it.
    ``split``: mentions of ``entities[0]`` written as one of ``names`` (any case) denote another thing,
    ``target`` (usually a new, unknown entity).
    """

    action: CorrectionAction
    target: Entity = Field(description="merge: the entity kept; split: the entity the names now denote")
    entities: list[str] = Field(min_length=1, description="merge: ids merged into target; split: the id split")
    names: list[str] = Field(default_factory=list, description="split: the mention forms that move to target")
    note: str | None = Field(None, description="why, in the researcher's words")

    @property
    def id(self) -> str:
        from armsgraph.schema.ids import correction_id

        return correction_id(self.action, self.target.id, self.entities, self.names)
