"""Latency helpers shared by the store benchmarks: provenance timed over a fixed sample of claims."""
from __future__ import annotations

import random
import statistics
import time


def percentiles(times: list[float]) -> tuple[float, float]:
    """(p50, p95) of a list of timings."""
    if len(times) == 1:
        return times[0], times[0]
    return statistics.median(times), statistics.quantiles(times, n=20, method="inclusive")[-1]


def provenance_times(store, claim_ids: list[str], samples: int = 200) -> list[float]:
    """Milliseconds of ``store.provenance`` for a seeded sample of the claims, after one warm-up."""
    chosen = random.Random(7).sample(claim_ids, min(samples, len(claim_ids)))
    store.provenance(chosen[0])
    times = []
    for claim_id in chosen:
        t0 = time.perf_counter()
        store.provenance(claim_id)
        times.append(1000 * (time.perf_counter() - t0))
    return times
