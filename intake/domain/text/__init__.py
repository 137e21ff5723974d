"""Text anyone can write, read safely: line endings, Markdown lines, quantities, personnummer.

Owns the lowest level of reading untrusted text; it knows nothing of forms, needs or stages."""
