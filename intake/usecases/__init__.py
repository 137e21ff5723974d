"""The use cases: intake, labels sync, generate, docs check, portfolio.

Each receives what it talks to (the GitHub gateway, today's date) as parameters.
"""
