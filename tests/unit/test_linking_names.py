"""Matching names the gazetteer does not know across articles (pure rules of linking/names.py)."""
from __future__ import annotations

import pytest

from armsgraph.linking.names import MATCH_SCORE, best_match, block_keys, comparable, similarity


@pytest.mark.parametrize("name, expected", [
    ("Borisov Trading Co.", "borisov trading"),
    ("BORISOV TRADING COMPANY", "borisov trading"),
    ("ООО «Лазурит»", "лазурит"),
    ("Limited", "limited"),  # nothing but a legal form: kept, else the name would vanish
])
def test_linking_names_comparable_drops_legal_forms_and_punctuation(name, expected):
    assert comparable(name) == expected


@pytest.mark.parametrize("entity_type, a, b", [
    ("organization", "Borisov Trading Co.", "Borisov Trading Company"),
    ("person", "Viktor Bout", "Victor Bout"),
    ("vessel", "Angara", "ANGARA"),
    ("organization", "ООО Лазурит", "АО Лазурит"),
])
def test_linking_names_close_spellings_of_one_thing_match(entity_type, a, b):
    assert similarity(entity_type, a, b) >= MATCH_SCORE


@pytest.mark.parametrize("entity_type, a, b", [
    ("vessel", "Angara 1", "Angara 2"),              # numbers differ
    ("materiel", "Project 22350", "Project 22360"),
    ("person", "Kim Jong Un", "Kim Jong Il"),         # one letter, another man
    ("person", "Borisov", "Borisova"),                # a bare surname says too little
    ("organization", "Volga Logistics Company", "Borisov Trading Company"),
    ("organization", "Sever", "Seven"),               # too short to tell a spelling from another name
])
def test_linking_names_different_things_do_not_match(entity_type, a, b):
    assert similarity(entity_type, a, b) < MATCH_SCORE


def test_linking_names_best_match_needs_the_same_type_and_prefers_the_closest():
    candidates = [{"id": "x-2", "name": "Borisov Trading Co", "type": "organization"},
                  {"id": "x-1", "name": "Borisov Trading Company", "type": "person"},
                  {"id": "x-3", "name": "Borisov Tradings Company", "type": "organization"}]
    assert best_match("organization", "Borisov Trading Company", candidates)["id"] == "x-2"
    assert best_match("vessel", "Borisov Trading Company", candidates) is None


def test_linking_names_block_keys_by_type_and_word_start_none_for_countries_or_other():
    assert block_keys("organization", "Borisov Trading Co.") == ["organization:bori", "organization:trad"]
    assert block_keys("country", "Ruritania") == [] and block_keys("other", "Yangon") == []
