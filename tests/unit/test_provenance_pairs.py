"""graph/provenance.py: the keys of a pair's propositions, by which provenance finds related claims."""
from __future__ import annotations

from typing import get_args

import pytest

from armsgraph.graph.provenance import pair_propositions
from armsgraph.linking.propositions import proposition_id
from armsgraph.schema import Claim
from armsgraph.schema.models import ClaimType


def _claim(claim_type: str, subject: str | None, object_: str | None) -> Claim:
    return Claim(id="c-1", type=claim_type, subject=subject, object=object_, quote="x", start=0, end=1, extractor="t")


@pytest.mark.parametrize("claim_type", get_args(ClaimType))
def test_provenance_pair_keys_hold_every_proposition_of_the_pair(claim_type):
    # whatever the type and whichever way round, the proposition linking gives a claim is among the keys
    pair = pair_propositions(["iran", "russia"])
    assert proposition_id(_claim(claim_type, "iran", "russia")) in pair
    assert proposition_id(_claim(claim_type, "russia", "iran")) in pair
    alone = pair_propositions(["iran"])
    assert proposition_id(_claim(claim_type, "iran", None)) in alone
    assert proposition_id(_claim(claim_type, None, "iran")) in alone


def test_provenance_pair_keys_leave_out_other_participants():
    pair = set(pair_propositions(["iran", "russia"]))
    assert proposition_id(_claim("transfer", "iran", "syria")) not in pair
    assert proposition_id(_claim("transfer", "iran", None)) not in pair  # one participant is another pair
    assert len(pair) == 2 * len(get_args(ClaimType))
