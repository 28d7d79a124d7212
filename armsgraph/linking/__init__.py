"""Linking across articles: origins, propositions, near-duplicates, reliability and credibility."""
