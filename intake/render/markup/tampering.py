"""Changes others made to the bot's comments, told in one Swedish sentence each (the bot's status
comment and the need's portfolio page say the same)."""

from __future__ import annotations

from intake.domain.lifecycle.record import Tamper

_WHAT = {
    "status": "robotens statuskommentar",
    "note": "ett av robotens meddelanden",
    "link": "robotens länk till en bilaga",
}
_ACTION = {
    "edited": "ändrade",
    "deleted": "tog bort",
    "revision_deleted": "tog bort en tidigare version av",
}


def tamper_sentence(tamper: Tamper) -> str:
    """Who changed which of the bot's comments, and when: logins are GitHub's, never text."""
    who = f"@{tamper.login}" if tamper.login else "Någon"
    when = f" {tamper.at.strftime('%Y-%m-%d %H:%M')} (UTC)" if tamper.at else ""
    return f"{who} {_ACTION[tamper.action]} {_WHAT[tamper.what]}{when}."
