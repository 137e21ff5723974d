"""The archive of every issue, kept outside GitHub: its schema, what changed since the last night,
what was lost on GitHub, thinning by decision and checking the archive against GitHub.

Pure: archived issues and listings in, archived issues, plans and findings out. The use case
(intake/usecases/archive.py) reads GitHub and the archive's folder and writes it."""
