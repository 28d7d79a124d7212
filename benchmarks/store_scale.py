#!/usr/bin/env python3
"""Store figures at scale: ingest rate and write share, batched vs per-row Neo4j writes, provenance latency.

    python benchmarks/store_scale.py [--claims 100000] [--neo4j bolt://127.0.0.1:7687] [--articles 60]

1. Ingest: ``--articles`` articles made from the examples with their numbers and years varied (so each is a
   new document that must really be extracted), extracted and written to each store; prints articles/s
   and the share of the time spent writing.
2. Scale: fills each store to ``--claims`` claims with variants of the example extractions (names, dates
   and numbers varied; one transaction per article, as ``ingest`` writes).
3. Neo4j: the same articles written with batched ``UNWIND $rows`` statements and with one statement per
   row (same Cypher, same transaction per article); prints the speed-up (goal >= 10x).
4. Provenance: p50/p95 of ``provenance`` for 200 random claims (goal p95 <= 50 ms on both stores).

Neo4j is used when ``--neo4j`` or NEO4J_TEST_URI names one (``scripts/neo4j-test-server start`` starts a
throwaway one); its database is wiped first. Ratios are measured in one run, as the machine is shared.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import string
import sys
import tempfile
import time
from pathlib import Path

from armsgraph.extract import extract
from armsgraph.graph import open_store
from armsgraph.graph.documents import statements
from armsgraph.graph.rows import document_rows
from armsgraph.reader import iter_paths, make_source, read_documents
from armsgraph.schema import ExtractionResult
from armsgraph.schema.ids import source_id, text_sha256

sys.path.insert(0, str(Path(__file__).resolve().parent))
from latency import percentiles, provenance_times  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
YEAR = re.compile(r"\b(19|20)(\d\d)\b")
NUMBER = re.compile(r"(?<![\d.,-])\d{1,3}(?![\d.,-])")


def example_sources():
    return [s for path in iter_paths([EXAMPLES]) for s in read_documents(path) if not isinstance(s, Exception)]


def vary_text(text: str, k: int) -> str:
    """Small numbers shifted by k and years by k mod 5: a new article with the same shape."""
    text = NUMBER.sub(lambda m: str(int(m.group()) + k), text)
    return YEAR.sub(lambda m: str(int(m.group()) - k % 5), text)


def scramble(text: str, k: int) -> str:
    """The text with its letters permuted by a cipher of its own: same length (offsets still hold), but no
    shared word with another variant, so variants are not near-duplicates of each other, as articles of a
    real corpus mostly are not."""
    letters = string.ascii_lowercase
    shuffled = list(letters)
    random.Random(k).shuffle(shuffled)
    table = str.maketrans(letters + letters.upper(), "".join(shuffled) + "".join(shuffled).upper())
    return text.translate(table)


NAME_VARIANTS = 50


def variant(result: ExtractionResult, text: str, k: int, names: int = NAME_VARIANTS) -> tuple[ExtractionResult, str]:
    """A new document from an extraction: ids re-derived, names, dates and numbers varied by ``k``.

    States, organisations and people get one of ``names`` name variants, so participants spread as in a real
    corpus instead of every claim sharing the same three countries (fewer variants: hotter pairs, as Iran–Russia
    is in real reporting).
    """
    new_text = scramble(text, k)
    sid = source_id(new_text)
    suffix = k % names

    def renamed(entity_id):
        entity = result.entity(entity_id)
        if entity is None or entity.type not in {"country", "organization", "person"} or suffix == 0:
            return entity_id
        return f"{entity_id}-{suffix}"

    data = result.model_dump()
    data["document"].update(id=sid, sha256=text_sha256(new_text), path=f"variant-{k}")
    for entity in data["entities"]:
        if renamed(entity["id"]) != entity["id"]:
            entity["id"], entity["name"] = renamed(entity["id"]), f"{entity['name']} {suffix}"
    claim_ids = {}
    for claim in data["claims"]:
        claim_ids[claim["id"]] = new_id = f"c-{text_sha256(sid + claim['id'])[:10]}"
        claim["id"] = new_id
        for role in ("subject", "object", "claimant", "where"):
            claim[role] = renamed(claim[role])
        if claim["when"]:
            claim["when"] = str(int(claim["when"][:4]) - k % 5) + claim["when"][4:]
    for obs in data["observations"]:
        obs["id"] = f"o-{text_sha256(sid + obs['id'])[:10]}"
        obs["site"], obs["observer"] = renamed(obs["site"]), renamed(obs["observer"])
        obs["supports"] = [claim_ids[c] for c in obs["supports"] if c in claim_ids]
        for count in obs["counts"]:
            count["count"] += k % 100
    return ExtractionResult.model_validate(data), new_text


def measure_ingest(store, sources, articles: int) -> None:
    extract_s = write_s = 0.0
    for k in range(articles):
        base = sources[k % len(sources)]
        source = make_source(vary_text(base.text, 1000 + k), base.model_dump(exclude={"text", "id", "sha256",
                                                                                  "language_detected", "path"}),
                             f"ingest-{k}")
        t0 = time.perf_counter()
        result = extract(source)
        t1 = time.perf_counter()
        store.write(result, text=source.text)
        t2 = time.perf_counter()
        extract_s, write_s = extract_s + t1 - t0, write_s + t2 - t1
    total = extract_s + write_s
    print(f"  ingest: {articles / total:.1f} articles/s (extract {extract_s:.1f} s, write {write_s:.1f} s: "
          f"{100 * write_s / total:.0f}% of the time writing)")


def fill(store, results, claims: int, start_k: int, names: int = NAME_VARIANTS) -> list[str]:
    """Write variants until the store holds ``claims`` claims; returns the claim ids written."""
    ids, k, t0 = [], start_k, time.perf_counter()
    mark_claims, mark_k, mark_t = 0, start_k, t0
    while len(ids) < claims:
        result, text = variant(*results[k % len(results)], k, names)
        store.write(result, text=text)
        ids.extend(c.id for c in result.claims)
        k += 1
        if len(ids) >= mark_claims + 10_000:  # the write rate as the store grows
            now = time.perf_counter()
            print(f"    {len(ids)} claims: {1000 * (now - mark_t) / (k - mark_k):.1f} ms/article lately", flush=True)
            mark_claims, mark_k, mark_t = len(ids), k, now
    elapsed = time.perf_counter() - t0
    print(f"  fill: {len(ids)} claims in {k - start_k} articles, {elapsed:.0f} s "
          f"({(k - start_k) / elapsed:.0f} articles/s, {len(ids) / elapsed:.0f} claims/s written)")
    return ids


def batched_vs_per_row(store, results, articles: int, start_k: int) -> None:
    """A document's own statements (linking left out), each way on its own fresh articles, one transaction
    per article as ingest writes: as the store writes them (Neo4j: every batch in one statement); one
    ``UNWIND $rows`` statement per batch; one statement per row; and the naive way, each row its own
    query and transaction."""
    docs = iter([variant(*results[k % len(results)], k) for k in range(start_k, start_k + 4 * articles)])

    def in_transactions(statements_of) -> float:
        t0 = time.perf_counter()
        for _ in range(articles):
            result, text = next(docs)
            rows = document_rows(result, text)
            todo = statements_of(rows)

            def work(run, todo=todo) -> bool:
                for cypher, params in todo:
                    run(cypher, params)
                return True
            store._transact(work, rows.source_id)
        return 1000 * (time.perf_counter() - t0) / articles

    def per_row(rows):
        return [(c, {**p, "rows": [row]}) for c, p in statements(store.queries, rows) for row in p["rows"]]

    def autocommit() -> float:  # the naive way: one query, one transaction, per row
        t0 = time.perf_counter()
        for _ in range(articles):
            result, text = next(docs)
            for cypher, params in per_row(document_rows(result, text)):
                store.query(cypher, params, write=True)
        return 1000 * (time.perf_counter() - t0) / articles

    written = in_transactions(store.statements)
    batches = in_transactions(lambda rows: statements(store.queries, rows))
    rows_one_tx = in_transactions(per_row)
    naive = autocommit()
    print(f"  {store.queries.dialect.name} writes, ms/article: as stored (Neo4j: one statement) {written:.1f}; "
          f"one UNWIND statement per batch {batches:.1f} ({batches / written:.1f}x); one statement per row "
          f"{rows_one_tx:.1f} ({rows_one_tx / written:.1f}x); one query and transaction per row {naive:.1f} "
          f"({naive / written:.1f}x) (goal: batched >= 10x faster than per row)")


def provenance_latency(store, claim_ids: list[str], samples: int = 200) -> None:
    times = provenance_times(store, claim_ids, samples)
    p50, p95 = percentiles(times)
    print(f"  provenance: p50 {p50:.1f} ms, p95 {p95:.1f} ms over {len(times)} claims (goal p95 <= 50 ms)")


def run(name: str, location: str, sources, results, args) -> None:
    print(f"{name} ({location})")
    with open_store(location) as store:
        if name == "neo4j":
            store.clear()  # start empty (a throwaway server)
        measure_ingest(store, sources, args.articles)
        claim_ids = fill(store, results, args.claims, start_k=0, names=args.names)
        if name == "neo4j":
            batched_vs_per_row(store, results, args.compare_articles, start_k=10**6)
        provenance_latency(store, claim_ids)
        print(f"  store: {store.stats()['nodes']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=60, help="articles extracted and ingested for the rate")
    parser.add_argument("--compare-articles", type=int, default=100, help="articles per side, batched vs per row")
    parser.add_argument("--neo4j", default=os.environ.get("NEO4J_TEST_URI"))
    parser.add_argument("--skip-embedded", action="store_true", help="measure Neo4j only")
    parser.add_argument("--names", type=int, default=NAME_VARIANTS,
                        help="name variants per participant (fewer: more claims per pair)")
    args = parser.parse_args()

    sources = example_sources()
    results = [(extract(s), s.text) for s in sources]
    if not args.skip_embedded:
        with tempfile.TemporaryDirectory() as folder:
            run("ladybug", str(Path(folder) / "bench.db"), sources, results, args)
    if args.neo4j:
        run("neo4j", args.neo4j, sources, results, args)
    else:
        print("neo4j: skipped (pass --neo4j URI or set NEO4J_TEST_URI; scripts/neo4j-test-server start)")


if __name__ == "__main__":
    main()
