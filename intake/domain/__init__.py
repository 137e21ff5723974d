"""The pure domain: issues, stages, labels, forms, parsing, validation, the portfolio's data.

Nothing here reads the environment, the clock, files or the network.
"""
