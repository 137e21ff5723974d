"""Needs that look alike: Swedish stems, weighted by how rare they are, compared by cosine.

Owns the published index of similar needs (liknande.json), built from what the portfolio
publishes, and the ranking that the bot, the need pages and the agenda share. Pure: text and
models in, ranked needs out.
"""
