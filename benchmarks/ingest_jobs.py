#!/usr/bin/env python3
"""``ingest --jobs N`` against ``--jobs 1`` on the same articles, in one run: articles/s and the speed-up.

    python benchmarks/ingest_jobs.py [--articles 120] [--jobs 2]

The articles are the examples with their numbers and years varied (so each is a new document that must be
extracted), written to a temporary folder; each run ingests them into a fresh embedded store. The goal
is a speed-up >= 1.7 with 2 jobs on 2 cores.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_scale import example_sources, vary_text  # noqa: E402

ARMSGRAPH = Path(sys.executable).parent / "armsgraph"


def write_corpus(folder: Path, articles: int) -> None:
    sources = example_sources()
    for k in range(articles):
        base = sources[k % len(sources)]
        (folder / f"a{k:05d}.txt").write_text(vary_text(base.text, 1000 + k), encoding="utf-8")
        meta = {key: getattr(base, key) for key in ("title", "publisher", "url", "published", "language")}
        (folder / f"a{k:05d}.meta.json").write_text(json.dumps(meta), encoding="utf-8")


def timed_ingest(corpus: Path, jobs: int, store: Path) -> float:
    start = time.perf_counter()
    subprocess.run([str(ARMSGRAPH), "ingest", str(corpus), "--store", str(store), "--jobs", str(jobs)],
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        write_corpus(corpus, args.articles)
        one = timed_ingest(corpus, 1, Path(tmp) / "one.db")
        many = timed_ingest(corpus, args.jobs, Path(tmp) / "many.db")
    print(f"{args.articles} articles on {os.cpu_count()} cores: --jobs 1 {args.articles / one:.1f} articles/s, "
          f"--jobs {args.jobs} {args.articles / many:.1f} articles/s: speed-up {one / many:.2f} (goal >= 1.7)")


if __name__ == "__main__":
    main()
