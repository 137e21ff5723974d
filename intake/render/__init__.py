"""Rendering, in packages: `markup` (escaping, templates, tables, charts) under `bot` (what the bot
writes on issues), `portfolio` (the portfolio's pages and exports) and `site` (files generated from
the process file)."""
