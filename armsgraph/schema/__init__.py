from armsgraph.schema.models import (  # noqa: F401
    Claim, Correction, Count, Document, Entity, ExtractionResult, Mention, Observation, Source, Span,
    SYMMETRIC_CLAIM_TYPES, precision_of,
)
