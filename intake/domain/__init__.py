"""The pure domain, in packages by concept, imports pointing one way.

`text` (reading untrusted text) ← `need` (the need and its forms) ← `lifecycle` (stages, triage,
commands, the record) ← `portfolio` (the published data and measures) and `importing` (the import
channel). Nothing here reads the environment, the clock, files or the network.
"""
