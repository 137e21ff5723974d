"""Text anyone can write, read safely: line endings, Markdown lines, quantities, personal data.

Owns the lowest level of reading untrusted text: the registry of every pattern applied to it
(`patterns`), and the one finder of personal data (`personal`: personnummer, e-mail addresses
and phone numbers, however written). It knows nothing of forms, needs or stages."""
