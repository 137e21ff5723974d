"""The need and its forms: reading an issue body back into answers, and judging it.

Owns the parser, validation with its findings and hints, recognising which form wrote a body,
personal data in a filed form, and the benefits a canvas or follow-up states. Knows nothing of
stages, labels or the bot's record."""
