"""The pure domain, in packages by concept, imports pointing one way.

`text` (reading untrusted text) ← `need` (the need and its forms) ← `lifecycle` (stages, triage,
commands, the record) ← `portfolio` (the published data and measures), `importing` (the import
channel) and `archive` (the copy of every issue kept outside GitHub) ← `similar` (needs that look
alike, from what the portfolio publishes). Nothing here reads the environment, the clock, files or
the network.
"""
