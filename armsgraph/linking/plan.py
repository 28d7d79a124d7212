"""What linking adds to one document's rows, decided before touching the store (pure).

For each claim: its origin (``origins.origin_of``) and the proposition it asserts; the origin entities
and propositions to merge; each entity's country (for evidence at a site); the article's fingerprint
for near-duplicate detection.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from armsgraph.extract.resources import Gazetteer
from armsgraph.linking import origins as O
from armsgraph.linking.duplicates import Fingerprint, content_fingerprint
from armsgraph.linking.propositions import claim_propositions, item_categories, participants
from armsgraph.schema import Entity, ExtractionResult


@dataclass
class LinkPlan:
    claim_origins: dict[str, str] = field(default_factory=dict)      # claim id → origin (entity id or source:…)
    origin_entities: list[Entity] = field(default_factory=list)      # origins the document does not mention
    asserts: list[dict] = field(default_factory=list)                # {claim, proposition}
    propositions: list[dict] = field(default_factory=list)           # {id, type, subject, object, category}
    open_claims: list[str] = field(default_factory=list)             # claims naming no category: overlap all
    countries: dict[str, str] = field(default_factory=dict)          # entity id → its state, from the gazetteer
    fingerprint: Fingerprint | None = None                            # of the text: copies
    content: Fingerprint | None = None                                # of what it says: translations
    publisher: str | None = None                                     # the gazetteer entity publishing it

    @property
    def proposition_ids(self) -> list[str]:
        return sorted({p["id"] for p in self.propositions})


def gazetteer_entity(entity_id: str, gazetteer: Gazetteer) -> Entity | None:
    entry = gazetteer.get(entity_id)
    if entry is None:
        return None
    return Entity(id=entry.id, name=entry.name, type=entry.type, wikidata=entry.wikidata,
                  category=entry.category, family=entry.family)


def plan_links(result: ExtractionResult, text: str | None, print_: Fingerprint | None, gazetteer: Gazetteer,
               gazetteer_index: dict[str, tuple[str, ...]], redirect: dict[str, str] | None = None) -> LinkPlan:
    """``print_`` is the text's fingerprint (``duplicates.fingerprint``, computed by the caller outside the
    write transaction); ``redirect`` maps entities merged by a researcher to the entity they became
    (``corrections.redirects``), for origins found in the gazetteer."""
    redirect = redirect or {}
    plan = LinkPlan(fingerprint=print_, content=content_fingerprint(result, text) if text else None)
    source = result.document.id
    publisher = O.publisher_entity(result.document.publisher, gazetteer_index)
    publisher = plan.publisher = redirect.get(publisher, publisher) if publisher else None
    known = {e.id for e in result.entities}
    categories = {e.id: e.category for e in result.entities}
    propositions: dict[str, dict] = {}
    for claim in result.claims:
        origin = O.origin_of(claim.claimant, publisher, source, gazetteer)
        origin = redirect.get(origin, origin)
        plan.claim_origins[claim.id] = origin
        if not origin.startswith(O.SOURCE_PREFIX) and origin not in known:
            entity = gazetteer_entity(origin, gazetteer)
            if entity is not None:
                plan.origin_entities.append(entity)
                known.add(origin)
        subject, object_ = participants(claim)
        asserted = claim_propositions(claim, categories)
        for pid, category in asserted:
            propositions[pid] = {"id": pid, "type": claim.type, "subject": subject, "object": object_,
                                 "category": category}
            plan.asserts.append({"claim": claim.id, "proposition": pid})
        if asserted and not item_categories(claim, categories):
            plan.open_claims.append(claim.id)
    plan.propositions = [propositions[k] for k in sorted(propositions)]
    for entity_id in sorted(known):
        entry = gazetteer.get(entity_id)
        if entry is not None and (entry.country or entry.type == "country"):
            plan.countries[entity_id] = entry.country or entry.id
    return plan
