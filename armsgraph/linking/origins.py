"""Who a claim ultimately comes from — its origin — so that repeats of one source count once.

The origin is the claimant, raised to the body it speaks for: a government spokesperson or minister to
their state (John Kirby → United States), an international official to their organisation (Josep Borrell →
European Union), an organ of state to its state (US intelligence → United States). A claim in the
article's own voice originates with its publisher when the gazetteer knows the publisher (Beyond
Parallel's own report), else with the article itself.
"""
from __future__ import annotations

from armsgraph.extract.resources import Gazetteer
from armsgraph.schema.ids import is_unnamed_source

SOURCE_PREFIX = "source:"


def speaks_for(entity_id: str, gazetteer: Gazetteer) -> str:
    """The body an entity's statements are attributed to (itself when it speaks for no other)."""
    entry = gazetteer.get(entity_id)
    if entry is None:
        return entity_id
    if entry.type == "person":
        if entry.organization:
            return speaks_for(entry.organization, gazetteer)
        return entry.country or entity_id  # every person in the gazetteer is an official of a state
    return gazetteer.state_of(entity_id) or entity_id


def origin_of(claimant: str | None, publisher_entity: str | None, source_id: str, gazetteer: Gazetteer) -> str:
    """An entity id, or ``source:<id>`` for an article speaking for itself.

    Sources the article does not name ("Western officials said") cannot be told apart from the article
    citing them, nor one outlet's "officials" from another's: such a claim originates where the article's
    own voice does."""
    if claimant and not is_unnamed_source(claimant):
        return speaks_for(claimant, gazetteer)
    if publisher_entity:
        return speaks_for(publisher_entity, gazetteer)
    return SOURCE_PREFIX + source_id


MIN_CONTAINED_NAME = 6  # shorter names ("UK", "US") inside a publisher string are too often incidental


def publisher_entity(publisher: str | None, gazetteer_index: dict[str, tuple[str, ...]]) -> str | None:
    """The gazetteer entity a metadata ``publisher`` string names, when it names exactly one.

    Publisher strings are free text ("UK Foreign, Commonwealth & Development Office (press release
    republished by ukpol.co.uk)"): the part before any parenthesis is matched whole, else the longest
    unambiguous gazetteer name it contains as whole words.
    """
    from armsgraph.schema.ids import normalise_name

    if not publisher:
        return None
    head = normalise_name(publisher.split("(")[0])
    found = gazetteer_index.get(head, ())
    if len(found) == 1:
        return found[0]
    padded = f" {head} "
    contained = [k for k, ids in gazetteer_index.items()
                 if len(ids) == 1 and len(k) >= MIN_CONTAINED_NAME and f" {k} " in padded]
    return gazetteer_index[max(contained, key=len)][0] if contained else None
