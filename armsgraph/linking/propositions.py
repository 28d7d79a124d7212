"""Propositions: what several claims assert in common, and how well it is supported.

A proposition is a claim type with its participants: "transfer from Iran to Russia". Claims of that type
between the same participants (either order for negotiations, agreements and meetings) assert it, whatever
the items, dates or claimant; a denial attaches to the same proposition. Items and dates are summarised
on the proposition, not part of its identity, so that "Iran is not providing weapons" meets "Iran supplied
drones". Everything here is pure: rows in, a summary out.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from armsgraph.linking.origins import SOURCE_PREFIX
from armsgraph.schema import Claim
from armsgraph.schema import ids
from armsgraph.schema.models import SYMMETRIC_CLAIM_TYPES

MODALITIES = ("asserted", "probable", "possible", "denied")


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


@dataclass(frozen=True)
class ClaimRecord:
    """One claim as the summary needs it (read back from the store)."""

    claim: str
    modality: str
    date: str | None
    origin: str                 # entity id or source:<id>
    source: str
    canonical_source: str       # the source itself, or the article it duplicates
    published: str | None
    items: tuple[str, ...] = ()


@dataclass
class Summary:
    claims: int = 0
    sources: int = 0
    origins: list[str] = field(default_factory=list)        # independent origins asserting (ids, sorted)
    denied_by: list[str] = field(default_factory=list)      # independent origins denying
    modalities: dict[str, int] = field(default_factory=dict)
    items: list[str] = field(default_factory=list)
    first_claimed: str | None = None
    last_claimed: str | None = None
    strongest: dict[str, str] = field(default_factory=dict)  # origin → its strongest modality asserting


def independent_origin(record: ClaimRecord) -> str:
    """Articles speaking for themselves are one origin per original: a syndicated copy counts once."""
    if record.origin.startswith(SOURCE_PREFIX):
        return SOURCE_PREFIX + record.canonical_source
    return record.origin


def summarise(records: list[ClaimRecord]) -> Summary:
    summary = Summary(claims=len(records), sources=len({r.source for r in records}))
    summary.modalities = {m: sum(1 for r in records if r.modality == m) for m in MODALITIES}
    strength = {"asserted": 0, "probable": 1, "possible": 2}
    for record in records:
        origin = independent_origin(record)
        if record.modality == "denied":
            continue
        best = summary.strongest.get(origin)
        if best is None or strength[record.modality] < strength[best]:
            summary.strongest[origin] = record.modality
    summary.origins = sorted(summary.strongest)
    summary.denied_by = sorted({independent_origin(r) for r in records if r.modality == "denied"})
    summary.items = sorted({i for r in records for i in r.items})
    dates = sorted(d for d in (r.date or r.published for r in records) if d)
    summary.first_claimed, summary.last_claimed = (dates[0], dates[-1]) if dates else (None, None)
    return summary
