#!/usr/bin/env python3
"""Where an embedded store's write CPU goes: per statement and in the commit (with its checkpoints).

    python benchmarks/write_cost.py CORPUS --store STORE [--count 1000] [--skip ADD_TO_BANDS,CREATE_BANDS]

Extracts ``--count`` articles of CORPUS first (not measured), then writes them into STORE (embedded; an
existing store, e.g. a copy of one ``corpus_scale.py`` filled) as ``ingest`` does, 16 per transaction,
and prints the CPU time per article of the whole write, of each statement (by its name in
``armsgraph.graph.queries.cypher.Queries``) and of the COMMITs. ``--skip`` replaces the named statements
by a no-op, to see what their data costs the checkpoints (the graph is then incomplete: use a copy).

Measured at 10,000 synthetic articles (make_corpus.py, seed 1), writing articles 10,000-10,999 into a copy
of the store: see README "Performance". Run two variants at once on a 2-core machine to compare them under
the same load.
"""
from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

from armsgraph.graph import ladybug_store
from armsgraph.graph.base import DocumentToWrite
from armsgraph.ingest import ExtractOptions, _extracted

GROUP = 16


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--skip", default="", help="statement names to replace by a no-op, comma-separated")
    args = parser.parse_args()

    documents = []
    for item in _extracted([args.corpus], ExtractOptions()):
        if len(documents) >= args.count:
            break
        if not isinstance(item, Exception):
            documents.append(DocumentToWrite(item[1], item[0].text))

    queries = ladybug_store.LadybugStore.queries
    for name in filter(None, args.skip.split(",")):
        if name == "SET_PROPOSITIONS":  # a statement built for the properties that changed
            queries.set_propositions = lambda names: "RETURN 1 AS skipped"
        else:
            setattr(queries, name, "RETURN 1 AS skipped")
    names = {}
    for name, value in vars(queries).items():
        for cypher in (value.values() if isinstance(value, dict) else value if isinstance(value, tuple) else [value]):
            if isinstance(cypher, str):
                names.setdefault(cypher, name)
    cost: collections.Counter[str] = collections.Counter()
    runner = ladybug_store._runner

    def timed_runner(conn):
        run = runner(conn)

        def timed(cypher, params):
            started = time.process_time()
            try:
                return run(cypher, params)
            finally:
                name = ("SET_PROPOSITIONS" if cypher in queries._set_propositions.values() else cypher[:50])
                cost[names.get(cypher, name)] += time.process_time() - started
        return timed

    ladybug_store._runner = timed_runner
    import ladybug

    execute = ladybug.Connection.execute

    def timed_execute(self, query, *rest, **options):
        started = time.process_time()
        try:
            return execute(self, query, *rest, **options)
        finally:
            if query == "COMMIT":
                cost["COMMIT (checkpoints included)"] += time.process_time() - started

    ladybug.Connection.execute = timed_execute
    started = time.process_time()
    store = ladybug_store.LadybugStore(args.store)
    store.connect()
    try:
        for first in range(0, len(documents), GROUP):
            store.write_group(documents[first:first + GROUP])
    finally:
        store.close()
    total = time.process_time() - started
    n = len(documents)
    print(f"{n} articles written into {args.store}" + (f" (skipped: {args.skip})" if args.skip else ""))
    print(f"  {1000 * total / n:6.1f} ms CPU per article in all (opening and reopening included)")
    for name, seconds in cost.most_common(12):
        print(f"  {1000 * seconds / n:6.1f} ms  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
