"""The lifecycle of a need: its stage, the moves between stages and the bot's record of them.

Owns our model of an issue, stage labels, triage of label changes, commands in comments and the
rules for who may give them, preconditions of a move, the forms expected in a stage and how
canvases and follow-ups are linked to their need."""
