"""LadybugDB's schema (one table per label, typed columns) and its dialect of the shared statements."""
from armsgraph.graph.queries.cypher import LADYBUG, Queries

SCHEMA = (
    "CREATE NODE TABLE IF NOT EXISTS Source(id STRING PRIMARY KEY, title STRING, publisher STRING, url STRING, "
    "published STRING, language STRING, languageDetected BOOLEAN, path STRING, sha256 STRING, text STRING, "
    "extractor STRING, reliability STRING, signature INT64[], contentSignature INT64[])",
    "CREATE NODE TABLE IF NOT EXISTS Entity(id STRING PRIMARY KEY, name STRING, type STRING, wikidata STRING, "
    "aliases STRING[], category STRING, family STRING, known BOOLEAN, keys STRING[], country STRING, "
    "reliability STRING)",
    "CREATE NODE TABLE IF NOT EXISTS Claim(id STRING PRIMARY KEY, type STRING, modality STRING, polarity STRING, "
    "date STRING, datePrecision STRING, quote STRING, startOffset INT64, endOffset INT64, sentenceStart INT64, "
    "sentenceEnd INT64, trigger STRING, extractor STRING, origin STRING)",
    "CREATE NODE TABLE IF NOT EXISTS Observation(id STRING PRIMARY KEY, kind STRING, observedOn STRING, "
    "observedPrecision STRING, countWhat STRING[], countValue INT64[], caveats STRING[], quote STRING, "
    "startOffset INT64, endOffset INT64, extractor STRING)",
    "CREATE NODE TABLE IF NOT EXISTS Proposition(id STRING PRIMARY KEY, type STRING, subject STRING, "
    "object STRING, subjectName STRING, objectName STRING, claims INT64, sources INT64, independentOrigins INT64, "
    "origins STRING[], originNames STRING[], deniedBy STRING[], deniedByNames STRING[], asserted INT64, "
    "probable INT64, possible INT64, denied INT64, items STRING[], itemNames STRING[], firstClaimed STRING, "
    "lastClaimed STRING, observations INT64, credibility INT64, credibilityReason STRING, claimantNames STRING[], "
    "originGrades STRING[], originModalities STRING[], deniedByGrades STRING[], category STRING, openClaims INT64)",
    # narrower propositions' columns, absent from stores made before them
    "ALTER TABLE Proposition ADD IF NOT EXISTS category STRING",
    "ALTER TABLE Proposition ADD IF NOT EXISTS openClaims INT64",
    # LSH band keys of article fingerprints: near-duplicate candidates by key lookup (linking/duplicates.py),
    # the articles filed under a key by IN_BAND.
    "CREATE NODE TABLE IF NOT EXISTS Band(id STRING PRIMARY KEY)",
    # Unknown names by block key: candidates for the same thing spelt another way (linking/names.py).
    "CREATE NODE TABLE IF NOT EXISTS NameBlock(id STRING PRIMARY KEY, entities STRING[])",
    # A researcher's entity correction, applied to every write after it (linking/corrections.py).
    "CREATE NODE TABLE IF NOT EXISTS Correction(id STRING PRIMARY KEY, seq INT64, action STRING, target STRING, "
    "targetName STRING, entities STRING[], names STRING[], note STRING, record STRING)",
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
    "CREATE REL TABLE IF NOT EXISTS ORIGIN(FROM Claim TO Entity)",
    "CREATE REL TABLE IF NOT EXISTS ASSERTS(FROM Claim TO Proposition)",
    "CREATE REL TABLE IF NOT EXISTS IN_BAND(FROM Source TO Band)",
    "CREATE REL TABLE IF NOT EXISTS DUPLICATE_OF(FROM Source TO Source, similarity DOUBLE, reason STRING)",
    "CREATE REL TABLE IF NOT EXISTS SUPPORTS(FROM Observation TO Claim, FROM Observation TO Proposition, "
    "reason STRING, position INT64)",
)

QUERIES = Queries(LADYBUG)
