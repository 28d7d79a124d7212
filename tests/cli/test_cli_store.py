"""The store commands through typer's CliRunner on a real temporary store, checked through the library."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from armsgraph.cli import app
from armsgraph.graph import open_store
from armsgraph.schema import ExtractionResult

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "articles"
runner = CliRunner()


@pytest.fixture
def ingested(store_location):
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--store", store_location])
    assert result.exit_code == 0, result.output
    return store_location


def test_cli_ingest_summarises_and_a_second_run_skips_everything(store_location):
    first = runner.invoke(app, ["ingest", str(EXAMPLES), "--store", store_location])
    assert first.exit_code == 0, first.output
    articles = len(list(EXAMPLES.glob("*.txt")))
    assert first.stdout.startswith(f"{articles} articles,") and "0 skipped" in first.stdout
    with open_store(store_location) as store:
        before = store.stats()
    assert before["nodes"]["Source"] == articles
    second = runner.invoke(app, ["ingest", str(EXAMPLES), "--store", store_location])
    assert second.exit_code == 0 and f"{articles} skipped" in second.stdout
    with open_store(store_location) as store:
        assert store.stats() == before


def test_cli_ingest_names_bad_files_keeps_the_good_ones_and_exits_1(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "good.txt").write_text((EXAMPLES / "01-wh-kirby-iran-uavs-crimea.txt").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    store_path = str(tmp_path / "g.db")
    result = runner.invoke(app, ["ingest", str(folder), "--store", store_path])
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr and "binary.txt" in result.stderr
    assert "1 articles" in result.stdout and "2 failed" in result.stdout
    with open_store(store_path) as store:
        assert store.stats()["nodes"]["Source"] == 1


def test_cli_ingest_usage_error_exits_2():
    assert runner.invoke(app, ["ingest"]).exit_code == 2


def test_cli_query_formats(ingested):
    cypher = "MATCH (e:Entity) WHERE e.id IN $ids RETURN e.id AS id, e.name AS name ORDER BY id"
    params = ["--param", 'ids=["iran", "russia"]']
    as_json = runner.invoke(app, ["query", cypher, *params, "--format", "json", "--store", ingested])
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.stdout) == [{"id": "iran", "name": "Iran"}, {"id": "russia", "name": "Russia"}]
    as_csv = runner.invoke(app, ["query", cypher, *params, "--format", "csv", "--store", ingested])
    assert list(csv.reader(io.StringIO(as_csv.stdout))) == [["id", "name"], ["iran", "Iran"], ["russia", "Russia"]]
    table = runner.invoke(app, ["query", cypher, *params, "--store", ingested])
    assert "Russia" in table.stdout and "2 rows" in table.stderr


def test_cli_query_refuses_a_write_without_write(ingested):
    refused = runner.invoke(app, ["query", "MATCH (e:Entity {id: 'iran'}) DETACH DELETE e", "--store", ingested])
    assert refused.exit_code == 1 and "--write" in refused.stderr
    with open_store(ingested) as store:
        assert store.resolve("iran")


def test_cli_query_bad_param_is_a_usage_error(ingested):
    result = runner.invoke(app, ["query", "RETURN 1 AS one", "--param", "oops", "--store", ingested])
    assert result.exit_code == 2


def test_cli_provenance_text_and_json(ingested):
    with open_store(ingested) as store:
        claim = store.claims(type="transfer", entities=["north-korea"], modality="probable")[0]
    as_json = runner.invoke(app, ["provenance", claim.id, "--format", "json", "--store", ingested])
    assert as_json.exit_code == 0, as_json.output
    answer = json.loads(as_json.stdout)
    text = (EXAMPLES / "00-tumangan-rail-it.txt").read_text(encoding="utf-8")
    assert text[answer["claim"]["start"]:answer["claim"]["end"]] == answer["claim"]["quote"]
    assert answer["evidence"][0]["observation"]["kind"] == "satellite_imagery"
    panel = runner.invoke(app, ["provenance", claim.id, "--store", ingested])
    assert panel.exit_code == 0
    assert "North Korea supplies Russia" in panel.stdout and "Tumangang" in panel.stdout
    missing = runner.invoke(app, ["provenance", "c-doesnotexist", "--store", ingested])
    assert missing.exit_code == 1 and "no claim with id" in missing.stderr


def test_cli_claims_by_alias_type_and_date(ingested):
    result = runner.invoke(app, ["claims", "--entity", "RPDC", "--type", "transfer", "--since", "2023",
                                 "--format", "json", "--store", ingested])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and all(r["type"] == "transfer" and "North Korea" in (r["subject"], r["object"]) for r in rows)
    unknown = runner.invoke(app, ["claims", "--entity", "Atlantis", "--store", ingested])
    assert unknown.exit_code == 1 and "no entity named 'Atlantis'" in unknown.stderr
    bad_date = runner.invoke(app, ["claims", "--since", "last week", "--store", ingested])
    assert bad_date.exit_code == 2


def test_cli_entities_search(ingested):
    result = runner.invoke(app, ["entities", "--search", "kirby", "--format", "json", "--store", ingested])
    assert [e["id"] for e in json.loads(result.stdout)] == ["john-kirby"]


def test_cli_stats_json(ingested):
    result = runner.invoke(app, ["stats", "--format", "json", "--store", ingested])
    counts = json.loads(result.stdout)
    assert counts["nodes"]["Source"] == len(list(EXAMPLES.glob("*.txt")))
    assert counts["relationships"]["STATED_IN"] == counts["nodes"]["Claim"]


def test_cli_export_jsonl_graphml_and_csv(ingested, tmp_path):
    jsonl = tmp_path / "graph.jsonl"
    assert runner.invoke(app, ["export", "--format", "jsonl", str(jsonl), "--store", ingested]).exit_code == 0
    lines = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(list(EXAMPLES.glob("*.txt")))
    for line in lines:
        result = ExtractionResult.model_validate(line["result"])
        assert all(line["text"][c.start:c.end] == c.quote for c in result.claims)

    graphml = tmp_path / "graph.graphml"
    assert runner.invoke(app, ["export", "--format", "graphml", str(graphml), "--store", ingested]).exit_code == 0
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    tree = ET.parse(graphml)
    with open_store(ingested) as store:
        counts = store.stats()
    assert len(tree.findall(".//g:node", ns)) == sum(counts["nodes"].values())
    assert len(tree.findall(".//g:edge", ns)) == sum(counts["relationships"].values())

    folder = tmp_path / "csv"
    result = runner.invoke(app, ["export", "--format", "csv", str(folder), "--store", ingested])
    assert result.exit_code == 0 and "neo4j-admin database import" in result.stderr
    with (folder / "nodes-Claim.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "id:ID" and rows[0][-1] == ":LABEL" and "startOffset:int" in rows[0]
    assert len(rows) - 1 == counts["nodes"]["Claim"]
    with (folder / "relationships-ITEM.csv").open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == [":START_ID", ":END_ID", "position:int", ":TYPE"]


def test_cli_store_that_is_a_folder_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["stats", "--store", str(tmp_path)])
    assert result.exit_code == 1 and "is a folder" in result.stderr


def test_cli_reading_a_store_that_does_not_exist_is_a_clear_error_and_creates_nothing(tmp_path):
    missing = tmp_path / "nowhere.db"
    result = runner.invoke(app, ["claims", "--store", str(missing)])
    assert result.exit_code == 1 and "no store here yet" in result.stderr
    assert not missing.exists()


def test_cli_entities_merge_is_kept_and_travels_to_a_new_store_in_a_file(store_location, tmp_path):
    articles = ROOT / "tests" / "fixtures" / "corrections"
    first = [str(articles / "01-trader-un.txt"), str(articles / "02-trader-reuters.txt")]
    assert runner.invoke(app, ["ingest", *first, "--store", store_location]).exit_code == 0
    merged = runner.invoke(app, ["entities", "merge", "Borisov Trading Company", "volga logistics company",
                                 "--note", "one firm", "--store", store_location])
    assert merged.exit_code == 0, merged.output
    assert merged.stdout.startswith("merged Volga Logistics Company (x-")
    refused = runner.invoke(app, ["entities", "merge", "Borisov", "Borisov Trading Company", "--store", store_location])
    assert refused.exit_code == 1 and "only entities of one type" in refused.stderr

    exported = runner.invoke(app, ["entities", "corrections", "--format", "json", "--store", store_location])
    corrections_file = tmp_path / "corrections.json"
    corrections_file.write_text(exported.stdout, encoding="utf-8")
    assert [c["note"] for c in json.loads(exported.stdout)] == ["one firm"]

    fresh = str(tmp_path / "fresh.db")  # an embedded store, whichever store the test runs on
    assert runner.invoke(app, ["entities", "apply", str(corrections_file), "--store", fresh]).exit_code == 0
    assert runner.invoke(app, ["ingest", *first, "--store", fresh]).exit_code == 0
    with open_store(fresh) as store:
        subjects = {c.subject for c in store.claims(type="transfer")}
    assert "Borisov Trading Company" in subjects and "Volga Logistics Company" not in subjects


def test_cli_entities_apply_names_a_broken_file(tmp_path):
    broken = tmp_path / "corrections.yaml"
    broken.write_text("- action: merge\n  entities: []\n", encoding="utf-8")
    result = runner.invoke(app, ["entities", "apply", str(broken), "--store", str(tmp_path / "s.db")])
    assert result.exit_code == 1 and f"{broken}: not a corrections file" in result.stderr


def test_cli_corroboration_json_fields_and_alias_filters(ingested):
    result = runner.invoke(app, ["corroboration", "--subject", "Иран", "--object", "Mosca", "--type", "transfer",
                                 "--category", "any", "--format", "json", "--store", ingested])
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    assert set(row) >= {"id", "type", "subject", "object", "category", "items", "claims", "sources",
                        "independent_origins", "origins", "claimants", "modalities", "denied_by", "observations",
                        "first_claimed", "last_claimed", "credibility"}
    assert (row["subject"], row["object"], row["category"], row["independent_origins"]) == ("Iran", "Russia", None, 2)
    drones = runner.invoke(app, ["corroboration", "--subject", "Iran", "--category", "uavs_loitering_munitions",
                                 "--format", "json", "--store", ingested])
    assert drones.exit_code == 0, drones.output
    assert {(r["type"], r["object"], r["category"]) for r in json.loads(drones.stdout)} == {
        ("transfer", "Russia", "uavs_loitering_munitions"), ("offer", "Russia", "uavs_loitering_munitions")}
    wrong = runner.invoke(app, ["corroboration", "--category", "tanks", "--store", ingested])
    assert wrong.exit_code != 0 and "'tanks': not a materiel category" in wrong.stderr
    table = runner.invoke(app, ["corroboration", "--store", ingested])
    assert table.exit_code == 0 and "propositions" in table.stderr


def test_cli_timeline_and_network(ingested, tmp_path):
    timeline = runner.invoke(app, ["timeline", "RPDC", "--format", "json", "--store", ingested])
    assert timeline.exit_code == 0, timeline.output
    rows = json.loads(timeline.stdout)
    assert rows and [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert {"claim", "observation"} <= {r["kind"] for r in rows}
    out = tmp_path / "supply.gexf"
    network = runner.invoke(app, ["network", "--format", "gexf", str(out), "--store", ingested])
    assert network.exit_code == 0, network.output
    import networkx as nx

    graph = nx.read_gexf(out)
    assert graph.has_edge("iran", "russia") and graph["iran"]["russia"]["weight"] == 2


def test_cli_credentials_never_appear_in_output_or_errors(tmp_path):
    import subprocess
    import sys

    secret = "s3cret-Zq8-password"
    env = {**__import__("os").environ, "NEO4J_USERNAME": "analyst", "NEO4J_PASSWORD": secret}
    armsgraph = Path(sys.executable).parent / "armsgraph"
    for args in (["stats", "--store", "bolt://127.0.0.1:1"],  # nothing listens there: a connection error
                 ["query", "RETURN 1 AS one", "--store", "neo4j://127.0.0.1:1"]):
        done = subprocess.run([str(armsgraph), *args], capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 1
        assert "cannot use Neo4j" in done.stderr
        assert secret not in done.stdout + done.stderr and "analyst" not in done.stdout + done.stderr


def test_cli_unexpected_errors_are_one_line_unless_debug(tmp_path):
    import subprocess
    import sys

    armsgraph = Path(sys.executable).parent / "armsgraph"
    bad = tmp_path / "out"
    bad.mkdir()  # export a GraphML file onto a folder: an OS error no command foresees
    store = tmp_path / "g.db"
    assert runner.invoke(app, ["ingest", str(EXAMPLES / "05-state-550m-drawdown-ukraine.txt"),
                               "--store", str(store)]).exit_code == 0
    plain = subprocess.run([str(armsgraph), "export", str(bad), "--store", str(store)], capture_output=True,
                           text=True, timeout=120)
    assert plain.returncode == 1 and "Traceback" not in plain.stderr and "--debug" in plain.stderr
    debug = subprocess.run([str(armsgraph), "--debug", "export", str(bad), "--store", str(store)],
                           capture_output=True, text=True, timeout=120)
    assert debug.returncode == 1 and "Traceback" in debug.stderr


def test_cli_ingest_jobs_gives_the_same_graph(tmp_path):
    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    assert runner.invoke(app, ["ingest", str(EXAMPLES), "--store", one]).exit_code == 0
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--store", two, "--jobs", "2", "--verbose"])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("stored s-") == len(list(EXAMPLES.glob("*.txt")))
    with open_store(one) as a, open_store(two) as b:
        assert a.stats() == b.stats() and a.corroboration() == b.corroboration()
