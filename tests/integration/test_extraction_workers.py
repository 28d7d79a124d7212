"""``ingest --jobs``: extraction in worker processes forked from the writer."""
from __future__ import annotations

import gc
from pathlib import Path

from armsgraph.ingest import ExtractOptions, _extracted

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"


def _claims(items) -> list[tuple[str, list[str]]]:
    return [(source.id, [claim.id for claim in result.claims]) for source, result in items]


def test_workers_give_what_one_process_gives_and_leave_the_collector_as_it_was():
    paths = sorted(EXAMPLES.glob("*.txt"))
    alone = _claims(_extracted(paths, ExtractOptions()))
    assert gc.get_freeze_count() == 0
    in_workers = _claims(_extracted(paths, ExtractOptions(), jobs=2))
    assert in_workers == alone and len(alone) == len(paths)
    # what the writer loaded is frozen while the workers run (so they share its pages), and only then
    assert gc.get_freeze_count() == 0
    stream = _extracted(paths, ExtractOptions(), jobs=2)
    next(stream)
    assert gc.get_freeze_count() > 0
    stream.close()  # a consumer that stops early (a failed write, Ctrl-C)
    assert gc.get_freeze_count() == 0
