#!/usr/bin/env python3
"""Ingest a corpus made by make_corpus.py with the real CLI and measure the store it makes.

    python benchmarks/make_corpus.py 10000 /tmp/scale/c10k --seed 1
    python benchmarks/corpus_scale.py /tmp/scale/c10k --store /tmp/scale/c10k.db [--jobs 1] [--slice 1000]
    python benchmarks/corpus_scale.py /tmp/scale/c100k --store /tmp/scale/c100k.db --checkpoints 1000,10000,100000
    python benchmarks/corpus_scale.py /tmp/scale/c10k --store bolt://127.0.0.1:7687 --wipe   # Neo4j

Measures, printing each figure as soon as it is known (so a run cut short still leaves usable figures):

1. Ingest: ``armsgraph ingest CORPUS --store STORE --jobs J --verbose`` as a subprocess (extraction and
   writing as users run them); the time of each article is read from its ``stored``/``skipped`` line.
   Prints articles/s per ``--slice`` articles, with the CPU time the ingest's process tree spent per
   article (which, unlike wall time, other users of a shared machine hardly move) and its current RSS
   (summed over the tree); then overall articles/s, and the cost per article of the last slice against
   the first, in wall and in CPU time (goal <= 1.3x).
2. Peak memory: ``ru_maxrss`` of the waited-for children (the largest process of the ingest tree), and
   the sampled peak of the whole tree's PSS (with ``--jobs`` > 1 the workers share pages with the
   parent, which summed RSS would count twice). Goal <= 1 GB.
3. Store size on disk (the embedded store's files; for Neo4j pass ``--size-path`` to its data folder).
4. Provenance: p50/p95 of ``store.provenance`` over 200 random claims (goal p95 <= 50 ms).
5. The README's Cypher cookbook (parsed as tests/integration/test_cookbook.py parses it): each query run
   ``--repeat`` times after one warm-up; p50/p95 per query and over all runs.

With ``--checkpoints`` the corpus is ingested in several CLI runs into the same store, and 3-5 are
measured at each checkpoint: one 100,000-article run gives the figures at 1,000, 10,000 and 100,000 (the
first N articles of a make_corpus corpus are the corpus of N, for the same seed). The store must be new (embedded) or is wiped first (Neo4j, ``--wipe``). The machine is printed with the
figures; compare runs made at the same time, as the machine may be shared.
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from latency import percentiles, provenance_times  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ARMSGRAPH = Path(sys.executable).parent / "armsgraph"


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{cpu}, {os.cpu_count()} cores, {ram:.0f} GB RAM, Python {platform.python_version()}, load {load}"


TICK = os.sysconf("SC_CLK_TCK")


def tree_usage(pid: int) -> tuple[int, float]:
    """(resident bytes (PSS), CPU seconds) of a process and all its live descendants, plus the CPU of those
    already reaped (0, 0 once gone). CPU time, unlike wall time, hardly moves when others use the CPU."""
    children: dict[int, list[int]] = {}
    stats: dict[int, tuple[int, float]] = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(proc.name))
            cpu = sum(int(f) for f in fields[11:15]) / TICK  # utime stime cutime cstime
            stats[int(proc.name)] = (int(fields[21]) * os.sysconf("SC_PAGE_SIZE"), cpu)
        except (OSError, IndexError, ValueError):
            continue
    rss = cpu = 0.0
    todo = [pid]
    while todo:
        p = todo.pop()
        r, c = stats.get(p, (0, 0.0))
        rss, cpu = rss + _pss(p, r), cpu + c
        todo.extend(children.get(p, []))
    return int(rss), cpu


def _pss(pid: int, rss: int) -> int:
    """Proportional set size: forked workers share pages with their parent, which RSS would count twice."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return rss


class Ingest:
    """CLI ingests into one store, one after another (one per checkpoint), counted as one run."""

    def __init__(self, store: str, jobs: int, slice_size: int, expected: int):
        self.store, self.jobs, self.slice_size, self.expected = store, jobs, slice_size, expected
        self.n = self.mark_n = 0
        self.seconds = self.cpu_before = 0.0  # time spent in ingests, CPU of the ingests already finished
        self.slices: list[float] = []  # wall seconds per article, per slice
        self.cpu_slices: list[float] = []  # CPU seconds of the ingest tree per article, per slice
        self.peak_tree = 0
        self.errors: list[str] = []

    def run(self, paths: list[Path]) -> None:
        """One ``armsgraph ingest`` of ``paths``, printing a line per slice."""
        command = [str(ARMSGRAPH), "ingest", *map(str, paths), "--store", self.store, "--jobs", str(self.jobs),
                   "--verbose"]
        shown = command if len(command) < 12 else command[:3] + ["..."] + command[-7:]
        print("  " + " ".join(shown), flush=True)
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
        done = threading.Event()

        def sample() -> None:  # the tree's memory, twice a second
            while not done.wait(0.5):
                self.peak_tree = max(self.peak_tree, tree_usage(process.pid)[0])

        threading.Thread(target=sample, daemon=True).start()
        mark_t, mark_cpu, first = start, 0.0, True
        for line in process.stderr:
            word = line.split(" ", 1)[0]
            if word not in ("stored", "skipped", "error:"):
                if self.errors and line.startswith(" "):  # a wrapped error message
                    self.errors[-1] += line.rstrip()
                continue
            if word == "error:":
                self.errors.append(line.rstrip())
            self.n += 1
            now = time.perf_counter()
            if first:  # slices leave out start-up and loading the models: they start at the first article
                first = False
                mark_cpu = tree_usage(process.pid)[1]
                mark_t, self.mark_n = now, self.n
                print(f"    first article after {now - start:.1f} s (start-up, loading models)", flush=True)
            elif self.n % self.slice_size == 0 or self.n == self.expected:
                rss, cpu = tree_usage(process.pid)
                per, cpu_per = (now - mark_t) / (self.n - self.mark_n), (cpu - mark_cpu) / (self.n - self.mark_n)
                self.slices.append(per)
                self.cpu_slices.append(cpu_per)
                elapsed = self.seconds + now - start
                print(f"    {self.n:>7} articles {elapsed:6.0f} s  slice {1 / per:5.1f} articles/s "
                      f"({1000 * per:5.0f} ms/article, CPU {1000 * cpu_per:5.0f} ms/article)  "
                      f"overall {self.n / elapsed:5.1f} articles/s  RSS {rss / 2**20:5.0f} MB "
                      f"(peak {self.peak_tree / 2**20:5.0f})  load {os.getloadavg()[0]:.1f}", flush=True)
                mark_t, mark_cpu, self.mark_n = now, cpu, self.n
        summary = process.stdout.read().strip()
        process.wait()
        done.set()
        self.seconds += time.perf_counter() - start
        print(f"  ingest: {summary} (exit {process.returncode})")

    def report(self) -> None:
        for error in self.errors[:5]:
            print(f"    {error}")
        if len(self.errors) > 5:
            print(f"    ... {len(self.errors) - 5} more errors")
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # kB on Linux
        print(f"  ingest so far: {self.n} articles in {self.seconds:.0f} s: {self.n / self.seconds:.1f} articles/s overall")
        if len(self.slices) >= 2:
            full = -1 if self.n % self.slice_size == 0 else -2  # the last slice may be short
            first, last = self.slices[0], self.slices[full]
            cpu_first, cpu_last = self.cpu_slices[0], self.cpu_slices[full]
            print(f"  cost per article, first slice vs last full slice: wall {1000 * first:.0f} -> "
                  f"{1000 * last:.0f} ms ({last / first:.2f}x); CPU {1000 * cpu_first:.0f} -> {1000 * cpu_last:.0f} ms "
                  f"({cpu_last / cpu_first:.2f}x) (goal <= 1.3x)")
        print(f"  peak memory: RSS of the largest process {peak / 2**20:.0f} MB; whole ingest tree (PSS, sampled "
              f"twice a second) {self.peak_tree / 2**20:.0f} MB (goal <= 1024 MB)", flush=True)


def batches(corpus: Path, checkpoints: list[int]) -> list[tuple[int, list[Path]]]:
    """(articles after the batch, paths to ingest) per checkpoint: the corpus's 1,000-article subfolders
    (or its files, for a flat folder) up to each checkpoint, so a command line stays short."""
    from armsgraph.reader import iter_paths

    units = [(sum(1 for _ in iter_paths([d])), d) for d in sorted(corpus.iterdir()) if d.is_dir()]
    if not units:
        units = [(1, f) for f in iter_paths([corpus])]
    out, paths, count = [], [], 0
    marks = sorted(checkpoints)
    for size, unit in units:
        paths.append(unit)
        count += size
        if marks and count >= marks[0]:
            out.append((count, paths))
            paths = []
            while marks and count >= marks[0]:
                marks.pop(0)
    if paths:
        out.append((count, paths))
    return out


def disk_size(path: Path) -> int:
    """Bytes of a file, or of a folder's files; an embedded store may have companions (NAME.wal...)."""
    total = 0
    for p in [path, *path.parent.glob(path.name + ".*")] if path.exists() else path.parent.glob(path.name + "*"):
        if p.is_dir():
            total += sum(f.stat().st_size for f in p.rglob("*") if f.is_file())
        elif p.exists():
            total += p.stat().st_size
    return total


def provenance_latency(store, samples: int = 200) -> None:
    ids = [row["id"] for row in store.query("MATCH (c:Claim) RETURN c.id AS id ORDER BY id")]
    times = provenance_times(store, ids, samples)
    p50, p95 = percentiles(times)
    print(f"  provenance: p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(times):.0f} ms over {len(times)} of "
          f"{len(ids)} claims (goal p95 <= 50 ms)", flush=True)


def cookbook_latency(store, repeat: int) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "integration"))
    from test_cookbook import cookbook  # the README's queries, parsed as the tests parse them

    everything = []
    for number, cypher, params in cookbook():
        store.query(cypher, params)  # warm up
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            rows = store.query(cypher, params)
            times.append(1000 * (time.perf_counter() - t0))
        everything += times
        p50, p95 = percentiles(times)
        print(f"    cookbook q{number:<3} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms  ({len(rows)} rows)", flush=True)
    p50, p95 = percentiles(everything)
    print(f"  cookbook: p50 {p50:.1f} ms, p95 {p95:.1f} ms over all {len(everything)} runs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="a folder made by make_corpus.py")
    parser.add_argument("--store", required=True, help="a new embedded store path, or a bolt:// URI")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--slice", type=int, default=1000, help="articles per progress line (default 1000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each cookbook query (default 5)")
    parser.add_argument("--wipe", action="store_true", help="Neo4j: delete everything in the database first")
    parser.add_argument("--size-path", type=Path, help="where the store's files are, if not --store (Neo4j)")
    parser.add_argument("--skip-ingest", action="store_true", help="measure a store already filled")
    parser.add_argument("--checkpoints", type=lambda v: [int(x) for x in v.split(",")],
                        help="e.g. 1000,10000: ingest up to each count in its own CLI run and measure the store "
                             "there (counts are rounded up to the corpus's 1,000-article subfolders)")
    args = parser.parse_args()

    from armsgraph.graph import open_store
    from armsgraph.graph.base import is_neo4j_uri
    from armsgraph.reader import iter_paths

    print(f"corpus_scale: {args.corpus} -> {args.store} (--jobs {args.jobs})")
    print(f"  machine: {machine()}")
    neo4j = is_neo4j_uri(args.store)
    size_path = args.size_path or (None if neo4j else Path(args.store))

    def measure() -> None:
        if size_path is not None:
            print(f"  store size: {disk_size(size_path) / 2**20:.0f} MB on disk ({size_path})")
        with open_store(args.store) as store:
            print(f"  store: {store.stats()['nodes']}", flush=True)
            provenance_latency(store)
            cookbook_latency(store, args.repeat)

    if args.skip_ingest:
        measure()
    else:
        if neo4j and args.wipe:
            with open_store(args.store) as store:
                store.clear()
        elif not neo4j and (Path(args.store).exists() or list(Path(args.store).parent.glob(Path(args.store).name + ".*"))):
            parser.error(f"{args.store} exists: give a new store path")
        plan = batches(args.corpus, args.checkpoints) if args.checkpoints else [(None, [args.corpus])]
        expected = sum(1 for _ in iter_paths([args.corpus]))
        run = Ingest(args.store, args.jobs, args.slice, expected)
        for count, paths in plan:
            run.run(paths)
            print(f"== {run.n} articles ingested ({machine()})")
            run.report()
            measure()
    print(f"  machine after: {machine()}")


if __name__ == "__main__":
    main()
