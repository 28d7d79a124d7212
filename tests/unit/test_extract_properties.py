"""Properties of the extractor on any input: it never crashes, every span gives back its quote, and it is
deterministic."""
import importlib.util
import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armsgraph.evaluation import score_document
from armsgraph.extract import extract
from armsgraph.reader import SUPPORTED_LANGUAGES, make_source

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "articles"
SEEDS = [
    "Iran has supplied hundreds of drones to Russia, John Kirby said on 20 October 2022.",
    "Secondo Beyond Parallel, la Corea del Nord avrebbe fornito alla Russia munizioni.",
    "По словам Кирби, КНДР поставила России снаряды.",
    "MR. KIRBY: We assess that Russia will receive more UAVs.\n\nMS. SHARMA: Thanks.",
]

text_strategy = st.one_of(
    st.text(max_size=300),
    st.builds(lambda seed, cut, noise: seed[:cut] + noise + seed[cut:],
              st.sampled_from(SEEDS), st.integers(0, 90), st.text(max_size=40)),
)


def _check(result, text):
    for item in list(result.claims) + list(result.observations):
        assert text[item.start:item.end] == item.quote
    for entity in result.entities:
        for mention in entity.mentions:
            assert text[mention.start:mention.end] == mention.text
    ids = {e.id for e in result.entities}
    for claim in result.claims:
        assert {claim.subject, claim.object} <= ids
        assert claim.claimant is None or claim.claimant in ids


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=text_strategy, language=st.sampled_from(SUPPORTED_LANGUAGES))
def test_extract_properties_any_unicode_never_crashes_and_spans_round_trip(text, language):
    if not text.strip():
        return
    result = extract(make_source(text, {"language": language}, None))
    _check(result, text)


def test_extract_properties_same_text_same_output():
    text = (EXAMPLES / "00-tumangan-rail-it.txt").read_text(encoding="utf-8")
    source = make_source(text, {"language": "it"}, None)
    assert extract(source).model_dump() == extract(source).model_dump()


def _reference_scorer():
    path = ROOT.parent / "shared" / "eval" / "score.py"
    if not path.exists():
        pytest.skip("shared/eval/score.py is not beside the repository")
    spec = importlib.util.spec_from_file_location("reference_score", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", sorted(p.name[: -len(".gold.json")] for p in EXAMPLES.glob("*.gold.json")))
def test_extract_properties_our_scorer_agrees_with_the_reference_on_real_output(name):
    from armsgraph.ingest import extract_paths

    reference = _reference_scorer()
    text_path = EXAMPLES / f"{name}.txt"
    result = next(extract_paths([text_path])).model_dump(mode="json")
    gold = json.loads((EXAMPLES / f"{name}.gold.json").read_text(encoding="utf-8"))
    text = text_path.read_text(encoding="utf-8")
    _check(next(extract_paths([text_path])), text)
    ours = score_document(result, gold, text).summary()
    theirs = reference.score_document(result, gold, text).summary()
    assert ours == theirs
