"""Rendering, in packages: `markup` (escaping, templates, tables, charts) under `bot` (what the bot
writes on issues), `portfolio` (the portfolio's pages, exports and feeds), `site` (files generated
from the process file) and `archive` (the archive's page for each issue)."""
