"""LadybugDB's schema (one table per label, typed columns) and its dialect of the shared statements."""
from armsgraph.graph.queries.cypher import LADYBUG, Queries

SCHEMA = (
    "CREATE NODE TABLE IF NOT EXISTS Source(id STRING PRIMARY KEY, title STRING, publisher STRING, url STRING, "
    "published STRING, language STRING, languageDetected BOOLEAN, path STRING, sha256 STRING, text STRING, "
    "extractor STRING)",
    "CREATE NODE TABLE IF NOT EXISTS Entity(id STRING PRIMARY KEY, name STRING, type STRING, wikidata STRING, "
    "aliases STRING[], category STRING, family STRING, known BOOLEAN, keys STRING[])",
    "CREATE NODE TABLE IF NOT EXISTS Claim(id STRING PRIMARY KEY, type STRING, modality STRING, polarity STRING, "
    "date STRING, datePrecision STRING, quote STRING, startOffset INT64, endOffset INT64, sentenceStart INT64, "
    "sentenceEnd INT64, trigger STRING, extractor STRING)",
    "CREATE NODE TABLE IF NOT EXISTS Observation(id STRING PRIMARY KEY, kind STRING, observedOn STRING, "
    "observedPrecision STRING, countWhat STRING[], countValue INT64[], caveats STRING[], quote STRING, "
    "startOffset INT64, endOffset INT64, extractor STRING)",
    # Filled by cross-document linking (issue 4); declared now so SUPPORTS can point at it.
    "CREATE NODE TABLE IF NOT EXISTS Proposition(id STRING PRIMARY KEY, type STRING)",
    "CREATE REL TABLE IF NOT EXISTS SUBJECT(FROM Claim TO Entity)",
    "CREATE REL TABLE IF NOT EXISTS OBJECT(FROM Claim TO Entity)",
    "CREATE REL TABLE IF NOT EXISTS ITEM(FROM Claim TO Entity, position INT64)",
    "CREATE REL TABLE IF NOT EXISTS CLAIMED_BY(FROM Claim TO Entity)",
    "CREATE REL TABLE IF NOT EXISTS LOCATED_AT(FROM Claim TO Entity)",
    "CREATE REL TABLE IF NOT EXISTS STATED_IN(FROM Claim TO Source)",
    "CREATE REL TABLE IF NOT EXISTS MENTIONED_IN(FROM Entity TO Source, startOffset INT64, endOffset INT64, text STRING)",
    "CREATE REL TABLE IF NOT EXISTS OF_SITE(FROM Observation TO Entity)",
    "CREATE REL TABLE IF NOT EXISTS OBSERVED_BY(FROM Observation TO Entity)",
    "CREATE REL TABLE IF NOT EXISTS REPORTED_IN(FROM Observation TO Source)",
    "CREATE REL TABLE IF NOT EXISTS SUPPORTS(FROM Observation TO Claim, FROM Observation TO Proposition, "
    "reason STRING, position INT64)",
)

QUERIES = Queries(LADYBUG)
