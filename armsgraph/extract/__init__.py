"""Extraction: articles in, entities, claims and observations with exact offsets out."""
from armsgraph.extract.pipeline import build_nlp, extract  # noqa: F401
