"""linking/propositions.py: which propositions a claim asserts by itself, by its items' materiel categories."""
from __future__ import annotations

from armsgraph.linking.propositions import claim_propositions, item_categories, narrower_propositions
from armsgraph.schema import Claim, ids

CATEGORIES = {"shahed-136": "uavs_loitering_munitions", "fath-360": "missiles", "ballistic-missiles": "missiles",
              "arms": "generic", "x-unknown-system": None}


def _claim(items: list[str], claim_type: str = "transfer", subject: str | None = "iran",
           object_: str | None = "russia") -> Claim:
    return Claim(id="c-1", type=claim_type, subject=subject, object=object_, items=items, quote="x", start=0, end=1,
                 extractor="t")


def test_narrower_propositions_one_per_category_of_the_items():
    claim = _claim(["fath-360", "shahed-136", "ballistic-missiles", "arms"])
    assert item_categories(claim, CATEGORIES) == ("missiles", "uavs_loitering_munitions")
    pair = ids.proposition_id("transfer", "iran", "russia")
    assert claim_propositions(claim, CATEGORIES) == [
        (pair, None), (ids.proposition_id("transfer", "iran", "russia", "missiles"), "missiles"),
        (ids.proposition_id("transfer", "iran", "russia", "uavs_loitering_munitions"), "uavs_loitering_munitions")]


def test_narrower_propositions_a_claim_naming_no_category_asserts_only_its_pair_by_itself():
    # generic materiel, a system the gazetteer does not know, or no item at all: it overlaps every category,
    # and joins the pair's narrower propositions through the store (graph/linker.py)
    for items in (["arms"], ["x-unknown-system"], []):
        claim = _claim(items)
        assert item_categories(claim, CATEGORIES) == ()
        assert claim_propositions(claim, CATEGORIES) == [(ids.proposition_id("transfer", "iran", "russia"), None)]


def test_narrower_propositions_symmetric_types_share_them_either_way_round():
    one = claim_propositions(_claim(["fath-360"], "negotiation", "iran", "russia"), CATEGORIES)
    other = claim_propositions(_claim(["fath-360"], "negotiation", "russia", "iran"), CATEGORIES)
    assert one == other and len(one) == 2


def test_narrower_propositions_keys_differ_by_category_and_from_the_pair():
    keys = narrower_propositions("transfer", "iran", "russia", ["missiles", "generic", "ammunition"])
    assert sorted(keys.values()) == ["ammunition", "missiles"]  # "generic" is no category of its own
    assert ids.proposition_id("transfer", "iran", "russia") not in keys
    assert claim_propositions(_claim([], subject=None, object_=None), CATEGORIES) == []
