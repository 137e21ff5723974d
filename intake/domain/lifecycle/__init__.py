"""The lifecycle of a need: its stage, the moves between stages and the bot's record of them.

Owns our model of an issue and its timeline (one event model, one move, one rebuild of the moves
from the events: `timeline`), the stage a set of labels names and the labels that reach a stage
(`stages`, asking the process model), who may make a move or give a command (`authority`), which
comment is the bot's (`comments`), triage of label changes, commands in comments, preconditions
of a move, the forms expected in a stage, records written before a rename (`renames`), how
canvases and follow-ups are linked to their need and who may file them (`ownership`), and the
record's defence: tampering with the bot's comments found, and the record restored from what the
bot can still trust (`tamper`)."""
