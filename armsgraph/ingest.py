"""Library entry points: read files, extract, (later) write to a store — streaming, one document at a time."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from armsgraph.errors import ArmsgraphError, InputError
from armsgraph.reader import ReadOptions, iter_paths, read_documents
from armsgraph.schema import ExtractionResult


@dataclass(frozen=True)
class ExtractOptions:
    read: ReadOptions = ReadOptions()
    model: str | None = None


def extract_paths(paths: Iterable[Path], options: ExtractOptions = ExtractOptions()) -> Iterator[
        ExtractionResult | InputError]:
    """Every document under ``paths`` extracted in turn; a failure is yielded and the run goes on."""
    from armsgraph.extract import extract

    for path in iter_paths(list(paths)):
        if not path.exists():
            yield InputError(path, "no such file or folder")
            continue
        for item in read_documents(path, options.read):
            if isinstance(item, InputError):
                yield item
                continue
            try:
                yield extract(item, model=options.model)
            except ArmsgraphError as error:
                yield InputError(item.path, str(error))
            except Exception as error:  # an extractor bug must not end a batch; it is reported with the file
                yield InputError(item.path, f"extraction failed: {type(error).__name__}: {error}")
