"""What the bot writes on an issue: its comment on a filed form, its status comment and notes
when a need moves, and its comment when a canvas or follow-up is linked."""
