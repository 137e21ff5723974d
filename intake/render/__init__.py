"""Rendering: escaping, the templates, the bot's comment, pages, exports and generated files."""
