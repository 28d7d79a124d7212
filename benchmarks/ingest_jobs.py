#!/usr/bin/env python3
"""``ingest --jobs N`` against ``--jobs 1`` on the same articles, in one run: articles/s and the speed-up.

    python benchmarks/ingest_jobs.py [--articles 120] [--jobs 2] [--corpus FOLDER] [--write-share]

The articles are the examples with their numbers and years varied (so each is a new document that must be
extracted), written to a temporary folder, or the articles of ``--corpus`` (e.g. a folder made by
make_corpus.py); each run ingests them into a fresh embedded store with the CLI. The goal is a speed-up
>= 1.7 with 2 jobs on 2 cores.

``--write-share`` then runs ``armsgraph.ingest.ingest_paths`` in this process, with the store's writes
timed (wall and CPU), at 1 and N jobs: writing stays in the parent process, so its share of the time
bounds the speed-up that more extraction processes can give.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_scale import machine  # noqa: E402
from store_scale import example_sources, vary_text  # noqa: E402

from armsgraph.reader import iter_paths  # noqa: E402

ARMSGRAPH = Path(sys.executable).parent / "armsgraph"


def write_corpus(folder: Path, articles: int) -> None:
    sources = example_sources()
    for k in range(articles):
        base = sources[k % len(sources)]
        (folder / f"a{k:05d}.txt").write_text(vary_text(base.text, 1000 + k), encoding="utf-8")
        meta = {key: getattr(base, key) for key in ("title", "publisher", "url", "published", "language")}
        (folder / f"a{k:05d}.meta.json").write_text(json.dumps(meta), encoding="utf-8")


def timed_ingest(corpus: Path, jobs: int, store: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the ingest and its worker processes)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([str(ARMSGRAPH), "ingest", str(corpus), "--store", str(store), "--jobs", str(jobs)],
                   check=True, stdout=subprocess.DEVNULL)
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


class TimedStore:
    """A store whose writes are timed: the parent's writing time under ``ingest_paths``."""

    def __init__(self, store):
        self.store, self.seconds, self.cpu_seconds = store, 0.0, 0.0
        self.group_size = store.group_size

    def write_group(self, documents):
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return self.store.write_group(documents)
        finally:
            self.seconds += time.perf_counter() - start
            self.cpu_seconds += time.process_time() - cpu


def write_share(corpus: Path, jobs: int, store_path: Path) -> tuple[float, TimedStore, int]:
    """(wall seconds, the timed store, articles) of an in-process ingest."""
    from armsgraph.graph import open_store
    from armsgraph.ingest import ingest_paths

    with open_store(str(store_path)) as store:
        timed = TimedStore(store)
        start = time.perf_counter()
        articles = sum(1 for _ in ingest_paths(timed, [corpus], jobs=jobs))
        return time.perf_counter() - start, timed, articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--corpus", type=Path, help="ingest this folder instead of varied examples")
    parser.add_argument("--write-share", action="store_true", help="also time the writing, in process")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus or Path(tmp) / "corpus"
        if args.corpus is None:
            corpus.mkdir()
            write_corpus(corpus, args.articles)
        articles = sum(1 for _ in iter_paths([corpus]))
        print(f"machine: {machine()}", flush=True)
        one, one_cpu = timed_ingest(corpus, 1, Path(tmp) / "one.db")
        many, many_cpu = timed_ingest(corpus, args.jobs, Path(tmp) / "many.db")
        print(f"{articles} articles on {os.cpu_count()} cores: --jobs 1 {articles / one:.1f} articles/s, "
              f"--jobs {args.jobs} {articles / many:.1f} articles/s: speed-up {one / many:.2f} (goal >= 1.7)",
              flush=True)
        # other processes on the machine take cores from --jobs N: the load says how many were busy
        print(f"  CPU: --jobs 1 {1000 * one_cpu / articles:.0f} ms/article, --jobs {args.jobs} "
              f"{1000 * many_cpu / articles:.0f} ms/article (all processes); load after: "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
        if args.write_share:
            for jobs in (1, args.jobs):
                wall, timed, n = write_share(corpus, jobs, Path(tmp) / f"timed-{jobs}.db")
                print(f"  in process, jobs {jobs}: {n / wall:.1f} articles/s; writing in the parent "
                      f"{timed.seconds:.0f} s of {wall:.0f} s ({100 * timed.seconds / wall:.0f}%, "
                      f"{1000 * timed.seconds / n:.0f} ms/article, {1000 * timed.cpu_seconds / n:.0f} ms CPU); "
                      "the rest reading and extracting (jobs 1) or waiting for the workers (jobs > 1)", flush=True)


if __name__ == "__main__":
    main()
