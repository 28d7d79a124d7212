"""Extraction: articles in, entities, claims and observations with exact offsets out."""

__all__ = ["build_nlp", "extract"]


def __getattr__(name: str):
    # The pipeline, and spaCy with it, is imported on first use, not with the package: the graph package
    # reads the gazetteer (``armsgraph.extract.resources``), and a command that only reads or corrects a
    # store (``query``, ``provenance``, ``claims``, ``export``, ``entities``) needs no spaCy (about 65 MB and
    # half a second). ``ingest --jobs`` imports it before its workers fork (``ingest._forked_workers``).
    if name in __all__:
        from armsgraph.extract import pipeline

        value = globals()[name] = getattr(pipeline, name)
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
