"""Library entry points: read files, extract, write to a store — streaming, a few documents at a time."""
from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from armsgraph.errors import ArmsgraphError, InputError
from armsgraph.reader import ReadOptions, iter_paths, read_documents
from armsgraph.schema import ExtractionResult, Source

if TYPE_CHECKING:
    from armsgraph.graph.base import CypherStore, WriteStats
    from armsgraph.graph.documents import PreparedWrite


@dataclass(frozen=True)
class ExtractOptions:
    read: ReadOptions = ReadOptions()
    model: str | None = None


# Documents are written a group at a time (see ingest_paths): a document waits at most this long (measured
# when the next one arrives) for others to share its transaction, so a slow stream still shows progress.
GROUP_SECONDS = 1.0

# The extraction processes of ``jobs`` run at a lower priority than this one, the one writer: the writer is
# the narrowest stage of the pipeline, yet with two workers on two cores the three shared them evenly, and
# the workers, ahead of it, then waited for room in the window.
WORKER_NICENESS = 5

Extracted = tuple[Source, ExtractionResult] | InputError
Prepared = tuple[Source, ExtractionResult, "PreparedWrite | None"] | InputError


def _extract_file(path: Path, options: ExtractOptions) -> list[Extracted]:
    """Every document of one file, read and extracted (runs in a worker process under ``jobs``)."""
    from armsgraph.extract import extract

    if not path.exists():
        return [InputError(path, "no such file or folder")]
    out: list[Extracted] = []
    try:
        for item in read_documents(path, options.read):
            if isinstance(item, InputError):
                out.append(item)
                continue
            try:
                out.append((item, extract(item, model=options.model)))
            except ArmsgraphError as error:
                out.append(InputError(item.path, str(error)))
            except Exception as error:  # an extractor bug must not end a batch; it is reported with the file
                out.append(InputError(item.path, f"extraction failed: {type(error).__name__}: {error}"))
    except Exception as error:  # nor a reader bug: the documents read so far are kept, the file is reported
        out.append(InputError(path, f"reading failed: {type(error).__name__}: {error}"))
    return out


def _extract_and_prepare_file(path: Path, options: ExtractOptions) -> list[Prepared]:
    """``_extract_file`` and each document's write prepared as far as it can be without the store
    (``graph.documents.prepare_write``): in the worker process under ``jobs``, so the parent, the one
    writer, only runs the write transaction. Should preparing fail, the write prepares it again (and reports)."""
    from armsgraph.graph.documents import prepare_write

    out: list[Prepared] = []
    for item in _extract_file(path, options):
        if isinstance(item, InputError):
            out.append(item)
            continue
        source, result = item
        try:
            prepared = prepare_write(result, source.text)
        except Exception:  # noqa: BLE001 - the parent's write runs the same code and reports the error with the file
            prepared = None
        out.append((source, result, prepared))
    return out


def _extracted(paths: Iterable[Path], options: ExtractOptions, jobs: int = 1, work=_extract_file,
               ahead: int = 0) -> Iterator:
    """Documents extracted in file order; with ``jobs`` > 1 in that many processes, a bounded window ahead
    (``ahead`` files more for a caller that takes that many at once: the workers go on meanwhile).
    ``work`` is what is done to each file (``_extract_file``, or ``_extract_and_prepare_file``)."""
    files = iter_paths(list(paths))
    if jobs <= 1:
        for path in files:
            yield from work(path, options)
        return
    from collections import deque

    with _forked_workers(jobs) as pool:
        window: deque = deque()
        for path in files:
            window.append(pool.submit(work, path, options))
            if len(window) >= 4 * jobs + ahead:  # stream: never more than a few files ahead of the writer
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()


@contextmanager
def _forked_workers(jobs: int) -> Iterator:
    """Extraction processes forked from this one as it is, sharing what it has loaded; shut down, and the
    collector unfrozen, when the block ends (a consumer that stops early included)."""
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spaCy, the pipeline's code and the gazetteer loaded before the workers fork: they share those pages,
    # and none pays the loading again (imported in each worker, the ingest of the test articles took 36 s
    # instead of 29, and 1,287-1,302 MB instead of 1,266)
    import armsgraph.extract.pipeline  # noqa: F401
    from armsgraph.extract.resources import load_gazetteer

    load_gazetteer()
    # (fork, not the default of every platform and Python version: a spawned worker would load it all again)
    fork = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=fork, initializer=os.nice,
                               initargs=(WORKER_NICENESS,))
    # Frozen, the objects loaded so far are left alone by garbage collections, which would otherwise write
    # to every page holding one and so copy it, in each worker and in this process, until the workers are done
    # (with the gazetteer loaded here too: 1,213 MB of PSS instead of 1,277 on the test articles, 798-812
    # instead of 864-870 on 1,500 synthetic ones)
    gc.freeze()
    try:
        pool.submit(int).result()  # a forking pool starts all its processes at its first task
        yield pool
    finally:
        pool.shutdown(cancel_futures=True)
        gc.unfreeze()


def extract_paths(paths: Iterable[Path], options: ExtractOptions = ExtractOptions()) -> Iterator[
        ExtractionResult | InputError]:
    """Every document under ``paths`` extracted in turn; a failure is yielded and the run goes on."""
    for item in _extracted(paths, options):
        yield item if isinstance(item, InputError) else item[1]


@dataclass
class IngestSummary:
    articles: int = 0        # newly stored
    skipped: int = 0         # already in the store (same content hash)
    entities: int = 0
    claims: int = 0
    observations: int = 0
    failed: list[InputError] = field(default_factory=list)

    def add(self, outcome: WriteStats | InputError) -> None:
        if isinstance(outcome, InputError):
            self.failed.append(outcome)
        elif not outcome.created:
            self.skipped += 1
        else:
            self.articles += 1
            self.entities += outcome.entities
            self.claims += outcome.claims
            self.observations += outcome.observations

    def line(self) -> str:
        return (f"{self.articles} articles, {self.entities} entities (counted per article), {self.claims} claims, "
                f"{self.observations} observations; {self.skipped} skipped (already stored), "
                f"{len(self.failed)} failed")


def ingest_paths(store: CypherStore, paths: Iterable[Path], options: ExtractOptions = ExtractOptions(),
                 jobs: int = 1) -> Iterator[WriteStats | InputError]:
    """Extract every document under ``paths`` and write it to ``store``, each whole or not at all.

    A document that cannot be read, extracted or written is yielded as an ``InputError`` naming its file;
    the others are stored all the same, and the run goes on with the next. Documents are written a group
    at a time, in one transaction (``store.group_size`` of them, or what ``GROUP_SECONDS`` brought), and
    yielded once committed. ``jobs`` > 1 extracts in that many processes, with each write prepared there
    as far as it can be without the store; writing stays in this one, in file order, so the graph is the same.
    """
    group: list[Prepared] = []  # extracted documents (and errors, reported in their turn) not yet written
    documents, started = 0, 0.0
    for item in _extracted(paths, options, jobs, work=_extract_and_prepare_file, ahead=store.group_size):
        if not group:
            started = time.monotonic()
        group.append(item)
        documents += not isinstance(item, InputError)
        if documents >= store.group_size or time.monotonic() - started >= GROUP_SECONDS:
            yield from _write_group(store, group)
            group, documents = [], 0
    yield from _write_group(store, group)


def _write_group(store: CypherStore, group: list[Prepared]) -> Iterator[WriteStats | InputError]:
    """The group's documents written in one transaction (``store.write_group``); outcomes in file order."""
    from armsgraph.graph.base import DocumentToWrite

    written = [item for item in group if not isinstance(item, InputError)]
    outcomes = iter(store.write_group([DocumentToWrite(result, source.text, prepared)
                                       for source, result, prepared in written]) if written else [])
    for item in group:
        if isinstance(item, InputError):
            yield item
            continue
        outcome = next(outcomes)
        if isinstance(outcome, ArmsgraphError):
            yield InputError(item[0].path, f"not stored: {outcome}")
        else:
            yield replace(outcome, path=item[0].path)
