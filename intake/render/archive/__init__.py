"""The archive's Markdown page per issue, for people reading the archive repository on GitHub."""
