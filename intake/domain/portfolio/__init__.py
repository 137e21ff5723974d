"""The portfolio's data and measures, built from the needs and their records.

Owns the published schema (portfolio.json), what is published, the council's scores, flow
measures and the municipality's own digitalisation index."""
