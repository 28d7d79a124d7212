"""Hostile input through the whole ingest path: each bad file is one clear error, the rest is stored whole."""
from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from armsgraph.errors import InputError
from armsgraph.graph import open_store
from armsgraph.ingest import IngestSummary, ingest_paths

ROOT = Path(__file__).resolve().parents[2]
GOOD = (ROOT / "examples" / "articles" / "01-wh-kirby-iran-uavs-crimea.txt").read_text(encoding="utf-8")
INJECTION = ("Iran supplied drones to Russia, the ministry said. '}) MATCH (n) DETACH DELETE n // "
             "\"; DROP TABLE Source; $(rm -rf /) `reboot` {{7*7}} ${jndi:ldap://x} \\u0000")


def test_hostile_batch_each_bad_file_is_named_and_the_rest_is_stored(tmp_path):
    folder = tmp_path / "junk"
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "latin1.txt").write_bytes("Il Cremlino ha negato le forniture di armi. Però è così.".encode("cp1252"))
    (folder / "huge.txt").write_text("word " * 400_000)
    (folder / "bad-meta.txt").write_text(GOOD)
    (folder / "bad-meta.meta.json").write_text("{not json")
    (folder / "klingon.txt").write_text("tlhIngan Hol Dajatlh'a'? " * 40)
    (folder / "lines.jsonl").write_text(json.dumps({"text": GOOD, "title": "ok", "language": "en"}) + "\n{broken\n")
    (folder / "page.html").write_text("<html><script>alert(1)</script><nav>Home | News</nav><article><p>"
                                      + GOOD.replace("\n", "</p><p>") + "</p></article></html>")
    (folder / "injection.txt").write_text(INJECTION)
    (folder / "good.txt").write_text(GOOD)
    location = str(tmp_path / "g.db")
    summary = IngestSummary()
    with open_store(location) as store:
        from armsgraph.ingest import ExtractOptions
        from armsgraph.reader import ReadOptions

        for outcome in ingest_paths(store, [folder], ExtractOptions(read=ReadOptions(max_bytes=1_000_000))):
            summary.add(outcome)
        errors = {Path(e.path.split(":")[0]).name: e.reason for e in summary.failed}
        assert {"empty.txt", "binary.txt", "huge.txt", "bad-meta.meta.json", "klingon.txt", "lines.jsonl"} <= set(errors)
        assert all(reason and "\n" not in reason for reason in errors.values()), errors
        # stored: the cp1252 file decoded honestly, the good line of the JSON Lines file, the HTML page's
        # article (same text as good.txt: the same document), the injection text verbatim
        texts = [r["text"] for r in store.query("MATCH (s:Source) RETURN s.text AS text")]
        assert INJECTION in texts and any("Però è così" in t for t in texts), (sorted(errors.items()), len(texts))
        assert store.stats()["nodes"]["Source"] == summary.articles
        assert summary.articles >= 4


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=st.binary(max_size=3000) | st.text(max_size=3000).map(lambda t: t.encode("utf-8", "surrogatepass")))
@example(payload=b"\xfe\xff\x00\x00\x00")  # found by fuzzing: a UTF-16 byte-order mark, then half a character
@example(payload=b"\xff\xfe\x00\x00\x00\xd8")  # UTF-32 mark, then an unpaired surrogate
def test_hostile_arbitrary_bytes_never_crash_ingest_nor_leave_half_documents(tmp_path, payload):
    path = tmp_path / "fuzz.txt"
    path.write_bytes(payload)
    with open_store(str(tmp_path / "fuzz.db")) as store:
        for outcome in ingest_paths(store, [path]):
            assert isinstance(outcome, InputError) or outcome.source
        orphans = store.query("MATCH (c:Claim) WHERE NOT EXISTS { MATCH (c)-[:STATED_IN]->(:Source) } "
                              "RETURN count(c) AS n")
        assert orphans == [{"n": 0}]
