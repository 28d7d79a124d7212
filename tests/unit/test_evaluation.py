"""Tests for armsgraph.evaluation.

Two groups:

* agreement with the reference scorer ``shared/eval/score.py`` (loaded from
  the shared folder beside the repository; skipped when it is absent) on the
  development gold, with perfect, degraded, empty and randomly mutated system
  outputs;
* behaviour on tiny hand-written gold/result pairs, and ``evaluate_folder``.
"""
from __future__ import annotations

import copy
import importlib.util
import json
import shlex
import sys
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armsgraph.evaluation import (
    DocumentEval,
    EvalScore,
    canonical_entity_type,
    evaluate_folder,
    missing_document,
    normalise,
    score_document,
)

SHARED_EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"
REFERENCE_SCORER = SHARED_EVAL / "score.py"
DEV = SHARED_EVAL / "dev"

SUMMARY_KEYS = {
    "entity_f1", "claim_f1", "claim_strict_f1", "observation_f1", "claim_precision",
    "claim_recall", "entity_type_acc", "modality_acc", "claimant_acc", "when_acc",
    "items_acc", "count_acc", "support_acc", "span_integrity", "errors", "seconds",
}


# --------------------------------------------------------------------------
# Helpers: the reference scorer, the dev set, and system outputs built from gold
# --------------------------------------------------------------------------


@cache
def _load_reference():
    if not REFERENCE_SCORER.is_file():
        return None
    spec = importlib.util.spec_from_file_location("armsgraph_reference_score", REFERENCE_SCORER)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def reference():
    module = _load_reference()
    if module is None:
        pytest.skip(f"reference scorer not found at {REFERENCE_SCORER}")
    return module


@cache
def dev_documents() -> tuple[tuple[str, dict, str], ...]:
    """(name, gold, text) for every dev gold file with its text."""
    documents = []
    for gold_path in sorted(DEV.glob("*.gold.json")):
        name = gold_path.name.removesuffix(".gold.json")
        text_path = gold_path.with_name(f"{name}.txt")
        if text_path.is_file():
            documents.append((
                name,
                json.loads(gold_path.read_text(encoding="utf-8")),
                text_path.read_text(encoding="utf-8"),
            ))
    return tuple(documents)


DEV_NAMES = [name for name, _, _ in dev_documents()] or ["<no dev set>"]


def dev_document(name: str) -> tuple[dict, str]:
    reference()  # skip when the shared folder is absent
    for doc_name, gold, text in dev_documents():
        if doc_name == name:
            return copy.deepcopy(gold), text
    pytest.skip(f"dev document {name} not found")


def span(text: str, quote: str) -> dict:
    start = text.find(quote)
    return {"quote": quote, "start": start, "end": start + len(quote)}


def perfect_output(gold: dict, text: str) -> dict:
    """The gold turned into the extractor's output contract, as a perfect system
    would write it: ids are gold keys, claims are c0, c1, ... in gold order."""
    entities = []
    for entry in gold["entities"]:
        mentions = []
        for name in entry["names"]:
            start = text.find(name)
            if start >= 0:
                mentions.append({"text": name, "start": start, "end": start + len(name)})
        entity = {"id": entry["key"], "name": entry["names"][0], "type": entry["type"],
                  "mentions": mentions}
        if entry.get("wikidata"):
            entity["wikidata"] = entry["wikidata"]
        entities.append(entity)
    claims = [
        {"id": f"c{index}", "type": claim["type"], "subject": claim["subject"],
         "object": claim["object"], "items": list(claim.get("items") or []),
         "claimant": claim.get("claimant"), "modality": claim["modality"],
         "when": claim.get("when"), "where": claim.get("where"),
         **span(text, claim["quote"])}
        for index, claim in enumerate(gold["claims"])
    ]
    observations = [
        {"id": f"o{index}", "kind": obs["kind"], "site": obs["site"],
         "observed_on": obs.get("observed_on"), "observer": obs.get("observer"),
         "counts": copy.deepcopy(obs.get("counts", [])), "caveats": [],
         "supports": [f"c{claim}" for claim in obs.get("supports", [])],
         **span(text, obs["quote"])}
        for index, obs in enumerate(gold.get("observations", []))
    ]
    return {"document": {"id": gold.get("id", "doc")}, "entities": entities,
            "claims": claims, "observations": observations}


OTHER_MODALITY = {"asserted": "probable", "probable": "possible",
                  "possible": "denied", "denied": "asserted"}


def degraded_output(gold: dict, text: str) -> dict:
    """A plausible imperfect extraction: every kind of error the scorer counts."""
    result = perfect_output(gold, text)
    entities, claims = result["entities"], result["claims"]
    keys = [entity["id"] for entity in entities]

    # entities: drop some, lose ids' alignment cues, retype, split, invent
    dropped = set(keys[2::4])
    result["entities"] = entities = [e for e in entities if e["id"] not in dropped]
    for entity in entities[::3]:
        entity.pop("wikidata", None)
        entity["id"] = f"sys-{entity['id']}"           # claims still point to the key
    for entity in entities[3::7]:
        entity["type"] = "vessel" if entity["type"] != "vessel" else "person"   # wrong type
    for entity in entities[1::5]:
        entity["type"] = {"country": "GPE", "organization": "ORG", "person": "PER",
                          "location": "facility", "materiel": "weapon"}.get(entity["type"], "event")
    if entities:
        first = entities[0]
        entities.append({"id": "split-1", "name": first["name"].upper() + " ", "type": first["type"]})
        entities.append({"id": "misspelt", "name": first["name"][:-1] + "x" if len(first["name"]) > 5
                         else first["name"], "type": "country"})
    entities.append({"id": "fp-org", "name": "Zzyzx Armaments Ltd", "type": "organisation"})
    entities.append({"id": "fp-commodity", "name": "Qwertonium", "type": "commodity"})
    entities.append({"id": "by-mention", "name": "nothing like it", "type": "location",
                     "mentions": [{"text": gold["entities"][-1]["names"][-1], "start": 0, "end": 1}]})

    # claims: drop, flip modalities, change a claimant and a date, name items
    result["claims"] = claims = [c for i, c in enumerate(claims) if i % 4 != 3]
    for claim in claims[::2]:
        claim["modality"] = OTHER_MODALITY[claim["modality"]]
    if claims:
        claims[0]["claimant"] = keys[-1]
        claims[0]["when"] = "1999"
        claims[-1]["items"] = [{"name": gold["entities"][0]["names"][0]}, "Qwertonium"]
        claims[-1]["start"] += 1                      # a broken span
        claims[-1]["subject"], claims[-1]["object"] = claims[-1]["object"], claims[-1]["subject"]
    claims.append({"id": "fp-c1", "type": "transfer", "subject": keys[0], "object": keys[-1],
                   "modality": "asserted", "quote": "nowhere", "start": 0, "end": 7})
    claims.append({"id": "fp-c2", "type": "statement", "subject": keys[0], "object": keys[1],
                   "modality": "asserted", "quote": text[:10], "start": 0, "end": 10})
    claims.append({"id": "fp-c3", "type": "Sanction", "subject": "Zzyzx Armaments Ltd",
                   "object": {"name": gold["entities"][1]["names"][0]}, "modality": "Asserted"})

    # observations: wrong count, lost support, an invented one
    for obs in result["observations"]:
        obs["counts"] = [{"what": "thing", "count": 1}]
        obs["supports"] = []
    result["observations"].append({"id": "fp-o", "site": keys[0], "observed_on": "2001-01-01",
                                   "quote": None, "start": None, "end": None})
    return result


def assert_agrees(result: dict, gold: dict, text: str) -> None:
    expected = reference().score_document(copy.deepcopy(result), copy.deepcopy(gold), text).summary()
    assert score_document(result, gold, text).summary() == expected


# --------------------------------------------------------------------------
# 1. Agreement with the reference scorer
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name", DEV_NAMES)
@pytest.mark.parametrize("variant", ["perfect", "degraded", "empty", "bare"])
def test_evaluation_agrees_with_reference_on_dev(name, variant):
    gold, text = dev_document(name)
    result = {
        "perfect": lambda: perfect_output(gold, text),
        "degraded": lambda: degraded_output(gold, text),
        "empty": lambda: {"entities": [], "claims": [], "observations": []},
        "bare": lambda: {},
    }[variant]()
    assert_agrees(result, gold, text)


@pytest.mark.parametrize("name", DEV_NAMES)
def test_evaluation_perfect_dev_output_scores_full_f1(name):
    gold, text = dev_document(name)
    summary = score_document(perfect_output(gold, text), gold, text).summary()
    for key in ("entity_f1", "claim_f1", "claim_strict_f1", "span_integrity"):
        assert summary[key] == 1.0, key


@pytest.mark.parametrize("name", DEV_NAMES)
def test_evaluation_missing_document_agrees_with_reference_failure(name):
    gold, _ = dev_document(name)
    ref = reference()
    expected = ref.Score(errors=["boom"])  # what score.py's main() builds for a failed run
    expected.entities.fn = sum(1 for g in gold["entities"] if not g.get("optional"))
    expected.claims.fn = sum(1 for g in gold["claims"] if not g.get("optional"))
    expected.observations.fn = sum(1 for g in gold.get("observations", []) if not g.get("optional"))
    score = missing_document(gold, "boom")
    assert score.summary() == expected.summary()
    assert (score.entities.fn, score.claims.fn, score.observations.fn) == (
        expected.entities.fn, expected.claims.fn, expected.observations.fn)


_EXTRACTOR_SCRIPT = """\
import json, sys
from pathlib import Path
path = Path(sys.argv[1])
out = path.with_name(path.name[:-4] + ".out.json")
if not out.exists():
    sys.exit("no output for " + path.name)
sys.stdout.write(out.read_text(encoding="utf-8"))
"""


def test_evaluation_folder_totals_agree_with_reference_main(tmp_path, capsys):
    """The whole run, failures included, gives score.py's --json totals."""
    ref = reference()
    if not dev_documents():
        pytest.skip("no dev documents")
    folder = tmp_path / "set"
    folder.mkdir()
    outputs = {}
    for index, (name, gold, text) in enumerate(dev_documents()):
        (folder / f"{name}.gold.json").write_text(json.dumps(gold), encoding="utf-8")
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        if index % 3 == 0:
            outputs[name] = perfect_output(gold, text)
        elif index % 3 == 1:
            outputs[name] = degraded_output(gold, text)
        # else: the extractor fails on it
    for name, output in outputs.items():
        (folder / f"{name}.out.json").write_text(json.dumps(output), encoding="utf-8")
    script = tmp_path / "fake_extract.py"
    script.write_text(_EXTRACTOR_SCRIPT, encoding="utf-8")

    cmd = f"{shlex.quote(sys.executable)} {shlex.quote(str(script))} {{path}}"
    assert ref.main([str(folder), "--cmd", cmd, "--json"]) == 0
    expected = json.loads(capsys.readouterr().out)

    def extract(path: Path) -> dict:
        name = path.name.removesuffix(".txt")
        if name not in outputs:
            raise RuntimeError(f"no output for {path.name}")
        return copy.deepcopy(outputs[name])

    documents, total = evaluate_folder(folder, extract)
    assert len(documents) == expected.pop("documents")
    ours = total.summary()
    expected.pop("seconds"), ours.pop("seconds")
    assert ours == expected


# --- randomised agreement -------------------------------------------------

ENTITY_TYPE_LABELS = ["person", "organization", "country", "location", "materiel", "vessel",
                      "GPE", "Org", "organisation", "weapon-system", "Facility", "commodity",
                      "event", "", None]
MODALITIES = ["asserted", "probable", "possible", "denied", "Probable ", "likely", "", None]
CLAIM_TYPES = ["transfer", "offer", "negotiation", "agreement", "meeting", "warning",
               "sanction", "Transfer", "statement", None]


def _pick(items: list, index: int):
    return items[index % len(items)] if items else None


def _spelling_variant(name: str, how: int) -> str:
    """A name as a system might spell it: case, spacing, accents, a typo, debris."""
    variants = [
        name,
        name.upper(),
        f"  {name}. ",
        name.replace(" ", "  "),
        name[:-1] if len(name) > 4 else name,
        name[:2] + "x" + name[3:] if len(name) > 6 else name,
        f"the {name}",
        name.replace("e", "é"),
        f"\u201c{name}\u201d",
    ]
    return variants[how % len(variants)]


MUTATIONS = st.one_of(
    st.tuples(st.just("drop_entity"), st.integers(0, 200)),
    st.tuples(st.just("duplicate_entity"), st.integers(0, 200), st.integers(0, 20)),
    st.tuples(st.just("retype_entity"), st.integers(0, 200), st.sampled_from(ENTITY_TYPE_LABELS)),
    st.tuples(st.just("rename_entity"), st.integers(0, 200), st.integers(0, 20), st.booleans()),
    st.tuples(st.just("drop_claim"), st.integers(0, 200)),
    st.tuples(st.just("swap_participants"), st.integers(0, 200)),
    st.tuples(st.just("change_modality"), st.integers(0, 200), st.sampled_from(MODALITIES)),
    st.tuples(st.just("change_claimant"), st.integers(0, 200), st.integers(0, 200)),
    st.tuples(st.just("retype_claim"), st.integers(0, 200), st.sampled_from(CLAIM_TYPES)),
    st.tuples(st.just("shift_span"), st.integers(0, 200), st.integers(-3, 3)),
    st.tuples(st.just("add_claim"), st.sampled_from(CLAIM_TYPES), st.integers(0, 200),
              st.integers(0, 200), st.sampled_from(MODALITIES), st.booleans()),
    st.tuples(st.just("change_observation"), st.integers(0, 200), st.integers(0, 3)),
)


def apply_mutation(result: dict, gold: dict, text: str, mutation: tuple) -> None:
    entities, claims = result["entities"], result["claims"]
    observations = result["observations"]
    op, *args = mutation
    if op == "drop_entity" and entities:
        entities.pop(args[0] % len(entities))
    elif op == "duplicate_entity" and entities:
        twin = copy.deepcopy(_pick(entities, args[0]))
        twin["id"] = f"{twin['id']}-twin{args[1]}"
        twin["name"] = _spelling_variant(twin["name"], args[1])
        if args[1] % 2:
            twin.pop("wikidata", None)
        entities.append(twin)
    elif op == "retype_entity" and entities:
        _pick(entities, args[0])["type"] = args[1]
    elif op == "rename_entity" and entities:
        entity = _pick(entities, args[0])
        entity["name"] = _spelling_variant(entity["name"], args[1])
        if args[2]:
            entity.pop("wikidata", None)
            entity["mentions"] = entity.get("mentions", [])[:1]
    elif op == "drop_claim" and claims:
        claims.pop(args[0] % len(claims))
    elif op == "swap_participants" and claims:
        claim = _pick(claims, args[0])
        claim["subject"], claim["object"] = claim["object"], claim["subject"]
    elif op == "change_modality" and claims:
        _pick(claims, args[0])["modality"] = args[1]
    elif op == "change_claimant" and claims:
        ref = _pick([e["id"] for e in entities] + [None, "Nobody Known"], args[1])
        _pick(claims, args[0])["claimant"] = ref
    elif op == "retype_claim" and claims:
        _pick(claims, args[0])["type"] = args[1]
    elif op == "shift_span" and claims:
        claim = _pick(claims, args[0])
        claim["start"] += args[1]
    elif op == "add_claim":
        kind, subject, obj, modality, by_name = args
        names = [g["names"][0] for g in gold["entities"]]
        ids = [e["id"] for e in entities] or names
        pool = names if by_name else ids
        quote = _pick([c["quote"] for c in gold["claims"]], subject) or ""
        claims.append({"id": f"added-{len(claims)}", "type": kind,
                       "subject": _pick(pool, subject), "object": _pick(pool, obj),
                       "modality": modality, "claimant": _pick(ids, obj + subject),
                       "items": [_pick(names, subject + 1)], "when": "2023",
                       **span(text, quote)})
    elif op == "change_observation" and observations:
        obs = _pick(observations, args[0])
        if args[1] == 0:
            obs["observed_on"] = "1999-01-01"
        elif args[1] == 1:
            obs["counts"] = []
        elif args[1] == 2:
            obs["supports"] = ["c999"]
        else:
            obs["site"] = _pick([e["id"] for e in entities], args[0])


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(index=st.integers(0, 100), mutations=st.lists(MUTATIONS, max_size=12))
def test_evaluation_agrees_with_reference_on_random_mutations(index, mutations):
    reference()
    documents = dev_documents()
    if not documents:
        pytest.skip("no dev documents")
    _, gold, text = documents[index % len(documents)]
    gold = copy.deepcopy(gold)
    result = perfect_output(gold, text)
    for mutation in mutations:
        apply_mutation(result, gold, text, mutation)
    assert_agrees(result, gold, text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.sampled_from(["Corea del Nord", "  ‘RPDC’.  ", "Ḱim — ", "ﬁre"])))
def test_evaluation_normaliser_agrees_with_reference(raw):
    ref = reference()
    assert normalise(raw) == ref.norm(raw)
    assert canonical_entity_type(raw) == ref.entity_type(raw)


# --------------------------------------------------------------------------
# 2. Behaviour on tiny hand-written cases
# --------------------------------------------------------------------------

TEXT = (
    "Beyond Parallel, a CSIS project, said Pyongyang has likely shipped artillery "
    "shells to Russia. On 13 September 2023 Kim Jong Un and Vladimir Putin met in "
    "Vladivostok. Officials may have discussed more deliveries. Satellite images of "
    "Tumangan taken on 5 October 2023 showed 73 freight cars."
)

TRANSFER_QUOTE = "Pyongyang has likely shipped artillery shells to Russia"
MEETING_QUOTE = "On 13 September 2023 Kim Jong Un and Vladimir Putin met in Vladivostok"
NEGOTIATION_QUOTE = "Officials may have discussed more deliveries"
OBSERVATION_QUOTE = "Satellite images of Tumangan taken on 5 October 2023 showed 73 freight cars"


def tiny_gold() -> dict:
    return {
        "id": "tiny",
        "entities": [
            {"key": "north-korea", "type": "country", "wikidata": "Q423",
             "names": ["North Korea", "Pyongyang", "DPRK"]},
            {"key": "russia", "type": "country", "wikidata": "Q159", "names": ["Russia", "Moscow"]},
            {"key": "beyond-parallel", "type": "organization", "names": ["Beyond Parallel"]},
            {"key": "csis", "type": "organization", "names": ["CSIS"]},
            {"key": "artillery-shells", "type": "materiel", "names": ["artillery shells"]},
            {"key": "kim-jong-un", "type": "person", "names": ["Kim Jong Un", "Kim"]},
            {"key": "vladimir-putin", "type": "person", "names": ["Vladimir Putin", "Putin"]},
            {"key": "vladivostok", "type": "location", "names": ["Vladivostok"]},
            {"key": "tumangan", "type": "location", "names": ["Tumangan"]},
            {"key": "officials", "type": "organization", "optional": True, "names": ["officials"]},
        ],
        "claims": [
            {"type": "transfer", "subject": "north-korea", "object": "russia",
             "items": ["artillery-shells"], "claimant": "beyond-parallel",
             "claimant_alternatives": ["csis"], "modality": "probable", "when": None,
             "quote": TRANSFER_QUOTE},
            {"type": "meeting", "subject": "kim-jong-un", "object": "vladimir-putin", "items": [],
             "claimant": None, "modality": "asserted", "when": "2023-09-13", "quote": MEETING_QUOTE},
            {"type": "negotiation", "optional": True, "subject": "north-korea", "object": "russia",
             "items": [], "claimant": None, "modality": "possible", "when": None,
             "quote": NEGOTIATION_QUOTE},
        ],
        "observations": [
            {"kind": "satellite_imagery", "site": "tumangan", "observed_on": "2023-10-05",
             "observer": "beyond-parallel", "counts": [{"what": "freight car", "count": 73}],
             "supports": [0], "quote": OBSERVATION_QUOTE},
        ],
    }


@pytest.fixture
def gold() -> dict:
    return tiny_gold()


@pytest.fixture
def perfect(gold) -> dict:
    return perfect_output(gold, TEXT)


def claim_by_type(result: dict, kind: str) -> dict:
    return next(claim for claim in result["claims"] if claim["type"] == kind)


def test_evaluation_tiny_case_quotes_are_in_the_text(gold):
    for item in gold["claims"] + gold["observations"]:
        assert item["quote"] in TEXT


def test_evaluation_perfect_output_scores_one_everywhere(gold, perfect):
    summary = score_document(perfect, gold, TEXT).summary()
    assert set(summary) == SUMMARY_KEYS
    assert summary.pop("errors") == 0
    assert summary.pop("seconds") == 0
    assert summary == {key: 1.0 for key in summary}


def test_evaluation_split_entity_counts_a_false_positive(gold, perfect):
    baseline = score_document(perfect, gold, TEXT).entities
    perfect["entities"].append({"id": "dprk-again", "name": "DPRK", "type": "country"})
    split = score_document(perfect, gold, TEXT).entities
    assert (split.tp, split.fp, split.fn) == (baseline.tp, baseline.fp + 1, baseline.fn)


@pytest.mark.parametrize("entity, aligned", [
    ({"id": "x", "name": "Somewhere Else", "type": "country", "wikidata": "Q423"}, True),
    ({"id": "x", "name": "pyongyang", "type": "GPE"}, True),
    ({"id": "x", "name": "Beyond Paralel", "type": "organisation"}, True),      # close spelling
    ({"id": "x", "name": "Korea", "type": "country",
      "mentions": [{"text": "DPRK", "start": 0, "end": 4}]}, True),              # by mention
    ({"id": "x", "name": "Kin", "type": "person"}, False),                       # too short to be fuzzy
])
def test_evaluation_entity_alignment_cues(gold, perfect, entity, aligned):
    key = {"Q423": "north-korea"}.get(entity.get("wikidata"))
    perfect["entities"] = [e for e in perfect["entities"]
                           if e["id"] not in {"north-korea", "beyond-parallel"}]
    perfect["entities"].append(entity)
    score = score_document(perfect, gold, TEXT)
    expected_tp = len([g for g in gold["entities"] if not g.get("optional")]) - 2 + int(aligned)
    assert score.entities.tp == expected_tp
    assert score.entities.fp == (0 if aligned else 1)
    if key:
        assert score.entity_type.value == 1.0


@pytest.mark.parametrize("kind, counted", [
    ("commodity", False), ("event", False), ("organization", True), ("ORG", True), ("ship", True),
])
def test_evaluation_unaligned_entity_counts_only_for_scored_types(gold, perfect, kind, counted):
    perfect["entities"].append({"id": "new", "name": "Qwertonium Works", "type": kind})
    assert score_document(perfect, gold, TEXT).entities.fp == int(counted)


@pytest.mark.parametrize("kind, matches", [("meeting", True), ("transfer", False)])
def test_evaluation_symmetric_claim_matches_with_reversed_participants(gold, perfect, kind, matches):
    target = claim_by_type(perfect, kind)
    target["subject"], target["object"] = target["object"], target["subject"]
    claims = score_document(perfect, gold, TEXT).claims
    assert (claims.tp, claims.fp, claims.fn) == ((2, 0, 0) if matches else (1, 1, 1))


def test_evaluation_participant_alternatives_accepted(gold, perfect):
    gold["claims"][0]["participant_alternatives"] = [["kim-jong-un", "russia"]]
    claim = claim_by_type(perfect, "transfer")
    claim["subject"] = "kim-jong-un"
    assert score_document(perfect, gold, TEXT).summary()["claim_f1"] == 1.0


@pytest.mark.parametrize("system_type, ok", [("offer", True), ("warning", False)])
def test_evaluation_type_alternatives_accepted(gold, perfect, system_type, ok):
    gold["claims"][0]["type_alternatives"] = ["offer"]
    claim_by_type(perfect, "transfer")["type"] = system_type
    assert (score_document(perfect, gold, TEXT).summary()["claim_f1"] == 1.0) is ok


@pytest.mark.parametrize("produce_it", [True, False])
def test_evaluation_optional_gold_claim_neither_required_nor_penalised(gold, perfect, produce_it):
    if not produce_it:
        perfect["claims"] = [c for c in perfect["claims"] if c["type"] != "negotiation"]
    claims = score_document(perfect, gold, TEXT).claims
    assert (claims.tp, claims.fp, claims.fn) == (2, 0, 0)


def test_evaluation_optional_gold_entity_neither_required_nor_penalised(gold, perfect):
    with_it = score_document(perfect, gold, TEXT).entities
    perfect["entities"] = [e for e in perfect["entities"] if e["id"] != "officials"]
    without_it = score_document(perfect, gold, TEXT).entities
    assert (with_it.tp, with_it.fp, with_it.fn) == (without_it.tp, without_it.fp, without_it.fn)
    assert (with_it.fp, with_it.fn) == (0, 0)


@pytest.mark.parametrize("breakage", [
    lambda claim: claim.update(start=claim["start"] + 1),
    lambda claim: claim.update(end=claim["end"] + 3),
    lambda claim: claim.update(quote=None),
    lambda claim: claim.update(start=str(claim["start"])),
    lambda claim: claim.pop("end"),
    lambda claim: claim.update(quote="not what the offsets say"),
], ids=["start-shifted", "end-shifted", "no-quote", "string-offset", "no-end", "other-quote"])
def test_evaluation_broken_span_lowers_span_integrity(gold, perfect, breakage):
    breakage(claim_by_type(perfect, "meeting"))
    score = score_document(perfect, gold, TEXT)
    # three claims and one observation, one of them broken
    assert (score.spans.correct, score.spans.checked) == (3, 4)
    assert score.summary()["span_integrity"] == 0.75


@pytest.mark.parametrize("claimant, ok", [
    ("beyond-parallel", True),
    ("csis", True),                      # listed in claimant_alternatives
    ("Beyond Parallel", True),           # a bare name resolves too
    ("russia", False),
    (None, False),
])
def test_evaluation_claimant_alternatives_accepted(gold, perfect, claimant, ok):
    claim_by_type(perfect, "transfer")["claimant"] = claimant
    summary = score_document(perfect, gold, TEXT).summary()
    assert summary["claimant_acc"] == (1.0 if ok else 0.0)
    assert (summary["claim_strict_f1"] == 1.0) is ok
    assert summary["claim_f1"] == 1.0


def test_evaluation_wrong_modality_counts_against_strict_f1_only(gold, perfect):
    claim_by_type(perfect, "transfer")["modality"] = "asserted"
    score = score_document(perfect, gold, TEXT)
    assert score.summary()["claim_f1"] == 1.0
    assert score.summary()["modality_acc"] == 0.5
    strict = score.strict_claims
    assert (strict.tp, strict.fp, strict.fn) == (1, 1, 1)


def test_evaluation_tie_break_prefers_right_modality_then_closest_quote(gold, perfect):
    right = claim_by_type(perfect, "transfer")
    decoy = {**right, "id": "decoy", "modality": "asserted"}
    near = {**right, "id": "near", "quote": TRANSFER_QUOTE[:-3]}
    perfect["claims"] = [decoy, near, *perfect["claims"]]
    score = score_document(perfect, gold, TEXT)
    assert score.modality.value == 1.0
    assert score.claims.fp == 2


@pytest.mark.parametrize("change, tally, expected", [
    # only the meeting has a gold date; both matched claims have gold items
    ({"when": "2023-09"}, "when", (0, 1)),                 # less precise than the gold
    ({"when": "2023-09-13T10:00"}, "when", (1, 1)),        # more precise is fine
    ({"items": []}, "items", (1, 2)),
    ({"items": ["Artillery Shells"]}, "items", (2, 2)),    # a bare name resolves
    ({"items": ["artillery-shells", "russia"]}, "items", (2, 2)),
])
def test_evaluation_when_and_items_accuracy(gold, perfect, change, tally, expected):
    gold["claims"][1]["items"] = ["artillery-shells"]
    claim_by_type(perfect, "meeting").update({"items": ["artillery-shells"], **change})
    accuracy = getattr(score_document(perfect, gold, TEXT), tally)
    assert (accuracy.correct, accuracy.checked) == expected


@pytest.mark.parametrize("change, observation_f1, count_acc, support_acc", [
    ({}, 1.0, 1.0, 1.0),
    ({"observed_on": "2023-10"}, 0.0, 0.0, 0.0),          # less precise than the gold
    ({"observed_on": "2023-10-05T08:00Z"}, 1.0, 1.0, 1.0),
    ({"counts": [{"what": "wagon", "count": 72}]}, 1.0, 0.0, 1.0),
    ({"supports": []}, 1.0, 1.0, 0.0),
    ({"site": "Tumangan"}, 1.0, 1.0, 1.0),
    ({"site": "vladivostok"}, 0.0, 0.0, 0.0),
])
def test_evaluation_observation_matching(gold, perfect, change, observation_f1, count_acc,
                                         support_acc):
    perfect["observations"][0].update(change)
    summary = score_document(perfect, gold, TEXT).summary()
    assert (summary["observation_f1"], summary["count_acc"], summary["support_acc"]) == (
        observation_f1, count_acc, support_acc)


def test_evaluation_merge_adds_tallies(gold, perfect):
    total = EvalScore()
    total.merge(score_document(perfect, gold, TEXT))
    total.merge(missing_document(gold, "tiny: failed"))
    assert total.claims.tp == 2 and total.claims.fn == 2
    assert total.entities.fn == 9
    assert total.errors == ["tiny: failed"]
    assert total.summary()["claim_recall"] == 0.5
    assert total.summary()["errors"] == 1


def test_evaluation_missing_document_counts_gold_as_false_negatives(gold):
    score = missing_document(gold, "boom")
    assert (score.entities.fn, score.claims.fn, score.observations.fn) == (9, 2, 1)
    assert (score.entities.tp, score.claims.tp, score.observations.tp) == (0, 0, 0)
    assert score.errors == ["boom"]


@pytest.mark.parametrize("raw, expected", [
    ("  Corea  del\tNord. ", "corea del nord"),
    ("Ḱim Jöng-un", "kim jong-un"),
    ("\u2018RPDC\u2019", "rpdc"),
    ("\u201cquoted\u201d", "\u201cquoted\u201d"),   # only single curly quotes are unified
    ("— Moscow —", "moscow"),
    (None, ""),
])
def test_evaluation_normaliser(raw, expected):
    assert normalise(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("GPE", "country"), ("Weapon System", "materiel"), ("weapon-system", "materiel"),
    ("Organisation", "organization"), ("commodity", "commodity"), (None, ""),
])
def test_evaluation_entity_type_synonyms(raw, expected):
    assert canonical_entity_type(raw) == expected


# --------------------------------------------------------------------------
# 3. evaluate_folder
# --------------------------------------------------------------------------


def write_document(folder: Path, name: str, gold: dict, text: str) -> None:
    (folder / f"{name}.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")


def test_evaluation_folder_scores_each_document_and_survives_failures(tmp_path):
    gold = tiny_gold()
    write_document(tmp_path, "b-works", gold, TEXT)
    write_document(tmp_path, "a-fails", gold, TEXT)
    (tmp_path / "c-no-text.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    seen: list[str] = []

    def extract(path: Path) -> dict:
        seen.append(path.name)
        if path.name == "a-fails.txt":
            raise RuntimeError("extractor crashed")
        return perfect_output(gold, path.read_text(encoding="utf-8"))

    documents, total = evaluate_folder(tmp_path, extract)

    assert seen == ["a-fails.txt", "b-works.txt"]
    assert [d.name for d in documents] == ["a-fails", "b-works"]
    assert all(isinstance(d, DocumentEval) for d in documents)
    failed, scored = documents
    assert failed.error == "extractor crashed"
    assert failed.score.claims.fn == 2 and failed.score.claims.tp == 0
    assert scored.error is None
    assert scored.score.summary()["claim_f1"] == 1.0
    assert total.claims.tp == 2 and total.claims.fn == 2
    assert total.entities.tp == scored.score.entities.tp
    assert total.errors == ["a-fails: extractor crashed"]
    assert total.summary()["errors"] == 1
    assert total.summary()["claim_recall"] == 0.5
    assert total.seconds == pytest.approx(failed.score.seconds + scored.score.seconds)
    assert all(d.score.seconds >= 0 for d in documents)


def test_evaluation_folder_non_object_result_is_a_failure(tmp_path):
    write_document(tmp_path, "doc", tiny_gold(), TEXT)
    documents, total = evaluate_folder(tmp_path, lambda path: ["not", "a", "document"])
    assert documents[0].error == "extractor returned list, not a JSON object"
    assert total.summary()["errors"] == 1


@pytest.mark.parametrize("setup", ["empty", "text-only", "missing"])
def test_evaluation_folder_without_gold_raises(tmp_path, setup):
    folder = tmp_path / "set"
    if setup != "missing":
        folder.mkdir()
    if setup == "text-only":
        (folder / "doc.txt").write_text(TEXT, encoding="utf-8")
    with pytest.raises(FileNotFoundError, match="set"):
        evaluate_folder(folder, lambda path: {})
