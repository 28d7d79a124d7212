"""armsgraph: a knowledge graph of arms-transfer claims from news articles and official statements."""
__version__ = "0.1.0"
EXTRACTOR = f"armsgraph-rules/{__version__}"
