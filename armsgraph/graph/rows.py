"""Pure conversion between the model and graph rows: one document's result → the rows both stores write.

Property names follow DESIGN.md (camelCase); nothing here depends on the clock or randomness, so the same
article always gives the same rows and re-ingesting it changes nothing. The inverse functions rebuild
model objects from what the stores return, for provenance and exports.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from armsgraph.schema import Claim, Document, Entity, ExtractionResult, Observation
from armsgraph.schema.ids import normalise_name
from armsgraph.schema.models import Count

# (relationship type, claim field) for the roles a claim points at; items are handled apart (a list).
CLAIM_ROLES = (("SUBJECT", "subject"), ("OBJECT", "object"), ("CLAIMED_BY", "claimant"), ("LOCATED_AT", "where"))
OBSERVATION_ROLES = (("OF_SITE", "site"), ("OBSERVED_BY", "observer"))
SAME_ARTICLE = "offered as evidence in the same article"


@dataclass
class DocumentRows:
    """Everything one document adds to the graph, as parameter rows for ``UNWIND $rows``."""

    source: dict
    entities: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)           # {entity, source, startOffset, endOffset, text}
    claims: list[dict] = field(default_factory=list)
    claim_roles: dict[str, list[dict]] = field(default_factory=dict)        # REL → [{claim, entity}]
    items: list[dict] = field(default_factory=list)              # {claim, entity, position}
    observations: list[dict] = field(default_factory=list)
    observation_roles: dict[str, list[dict]] = field(default_factory=dict)  # REL → [{observation, entity}]
    supports: list[dict] = field(default_factory=list)           # {observation, claim, reason, position}
    propositions: list[dict] = field(default_factory=list)       # {id, type, subject, object}: linking's
    asserts: list[dict] = field(default_factory=list)            # {claim, proposition}

    @property
    def source_id(self) -> str:
        return self.source["id"]


def lookup_keys(entity: Entity) -> list[str]:
    """Normalised names an entity is found by: its name, aliases and every form the article used."""
    names = [entity.name, *entity.aliases, *(m.text for m in entity.mentions)]
    return sorted({normalise_name(n) for n in names if n.strip()})


def source_row(document: Document, text: str | None, extractor: str) -> dict:
    return {
        "id": document.id, "title": document.title, "publisher": document.publisher, "url": document.url,
        "published": document.published, "language": document.language,
        "languageDetected": document.language_detected, "path": document.path, "sha256": document.sha256,
        "text": text, "extractor": extractor, "reliability": None, "signature": None,
        "contentSignature": None,
    }


def entity_row(entity: Entity) -> dict:
    return {
        "id": entity.id, "name": entity.name, "type": entity.type, "wikidata": entity.wikidata,
        "aliases": list(entity.aliases), "category": entity.category, "family": entity.family,
        "known": entity.known, "keys": lookup_keys(entity), "country": None, "reliability": None,
    }


def claim_row(claim: Claim) -> dict:
    return {
        "id": claim.id, "type": claim.type, "modality": claim.modality, "polarity": claim.polarity,
        "date": claim.when, "datePrecision": claim.when_precision, "quote": claim.quote,
        "startOffset": claim.start, "endOffset": claim.end, "sentenceStart": claim.sentence_start,
        "sentenceEnd": claim.sentence_end, "trigger": claim.trigger, "extractor": claim.extractor,
        "origin": None,
    }


def observation_row(observation: Observation) -> dict:
    # Counts are two parallel lists: neither store keeps a list of maps as a property in the same way.
    return {
        "id": observation.id, "kind": observation.kind, "observedOn": observation.observed_on,
        "observedPrecision": observation.observed_precision,
        "countWhat": [c.what for c in observation.counts], "countValue": [c.count for c in observation.counts],
        "caveats": list(observation.caveats), "quote": observation.quote, "startOffset": observation.start,
        "endOffset": observation.end, "extractor": observation.extractor,
    }


def document_rows(result: ExtractionResult, text: str | None = None) -> DocumentRows:
    """The rows for one extraction result; ``text`` is the article as read (kept for provenance)."""
    rows = DocumentRows(source=source_row(result.document, text, result.extractor))
    known = {e.id for e in result.entities}
    source = result.document.id
    for entity in result.entities:
        rows.entities.append(entity_row(entity))
        rows.mentions.extend({"entity": entity.id, "source": source, "startOffset": m.start, "endOffset": m.end,
                              "text": m.text} for m in entity.mentions)
    claim_ids = set()
    for claim in result.claims:
        rows.claims.append(claim_row(claim))
        claim_ids.add(claim.id)
        for rel, attribute in CLAIM_ROLES:
            target = getattr(claim, attribute)
            if target in known:
                rows.claim_roles.setdefault(rel, []).append({"claim": claim.id, "entity": target})
        rows.items.extend({"claim": claim.id, "entity": item, "position": position}
                          for position, item in enumerate(claim.items) if item in known)
    for observation in result.observations:
        rows.observations.append(observation_row(observation))
        for rel, attribute in OBSERVATION_ROLES:
            target = getattr(observation, attribute)
            if target in known:
                rows.observation_roles.setdefault(rel, []).append({"observation": observation.id, "entity": target})
        rows.supports.extend({"observation": observation.id, "claim": claim, "reason": SAME_ARTICLE,
                              "position": position}
                             for position, claim in enumerate(observation.supports) if claim in claim_ids)
    return rows


# ---------------------------------------------------------------------------------------------------------
# Inverse: rows read back from a store → model objects.

def document_from_row(row: dict) -> Document:
    return Document(id=row["id"], title=row.get("title"), publisher=row.get("publisher"), url=row.get("url"),
                    published=row.get("published"), language=row["language"],
                    language_detected=bool(row.get("languageDetected")), path=row.get("path"),
                    sha256=row["sha256"])


def entity_from_row(row: dict, mentions: list[dict] | None = None) -> Entity:
    return Entity(id=row["id"], name=row["name"], type=row["type"], wikidata=row.get("wikidata"),
                  aliases=list(row.get("aliases") or []), category=row.get("category"),
                  family=row.get("family"), known=bool(row.get("known", True)),
                  mentions=[{"text": m["text"], "start": m["startOffset"], "end": m["endOffset"]} for m in mentions or []])


def claim_from_row(row: dict, roles: dict) -> Claim:
    """``roles``: subject, object, claimant, where (ids or None) and items (ids in order)."""
    return Claim(id=row["id"], type=row["type"], subject=roles.get("subject"), object=roles.get("object"),
                 items=list(roles.get("items") or []), claimant=roles.get("claimant"), modality=row["modality"],
                 polarity=row.get("polarity") or "positive", when=row.get("date"),
                 when_precision=row.get("datePrecision"), where=roles.get("where"), quote=row["quote"],
                 start=row["startOffset"], end=row["endOffset"], sentence_start=row.get("sentenceStart") or 0,
                 sentence_end=row.get("sentenceEnd") or 0, trigger=row.get("trigger"), extractor=row["extractor"])


def observation_from_row(row: dict, roles: dict) -> Observation:
    """``roles``: site, observer (ids or None) and supports (claim ids)."""
    counts = [Count(what=w, count=n) for w, n in zip(row.get("countWhat") or [], row.get("countValue") or [])]
    return Observation(id=row["id"], kind=row["kind"], site=roles.get("site"), observed_on=row.get("observedOn"),
                       observed_precision=row.get("observedPrecision"), observer=roles.get("observer"),
                       counts=counts, caveats=list(row.get("caveats") or []),
                       supports=list(roles.get("supports") or []), quote=row["quote"], start=row["startOffset"],
                       end=row["endOffset"], extractor=row["extractor"])
