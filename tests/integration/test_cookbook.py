"""Every query of the README's Cypher cookbook, run on both stores over the example corpus.

The queries and their parameters are read from README.md itself, so the README cannot drift from what is
tested; the expected rows (tests/fixtures/cookbook_expected.json) were checked by hand against the
example articles.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = json.loads((ROOT / "tests" / "fixtures" / "cookbook_expected.json").read_text(encoding="utf-8"))


def cookbook() -> list[tuple[str, str, dict]]:
    """(number, query, params) for each ``### N.`` entry of the README's cookbook section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Cypher cookbook", 1)[1].split("\n## ", 1)[0]
    entries = []
    for number, body in re.findall(r"^### (\d+)\.(.*?)(?=^### |\Z)", section, re.S | re.M):
        query = re.search(r"```cypher\n(.*?)```", body, re.S).group(1)
        params = {name: value.strip('"') for name, value in re.findall(r'--param (\w+)=("[^"]*"|[^\s`]+)', body)}
        entries.append((number, query, params))
    return entries


def test_cookbook_has_at_least_ten_questions_all_with_expectations():
    numbers = [n for n, _, _ in cookbook()]
    assert len(numbers) >= 10
    assert sorted(numbers, key=int) == sorted(EXPECTED, key=int)


@pytest.mark.parametrize("number,query,params", cookbook(), ids=[f"q{n}" for n, _, _ in cookbook()])
def test_cookbook_query_returns_the_expected_rows(loaded_store, number, query, params):
    assert loaded_store.query(query, params) == EXPECTED[number]
