"""Records written before a stage or outcome was renamed (`renamed_from:`), read with new ids."""

from __future__ import annotations

from intake.domain.lifecycle.record import Record
from intake.model.process import Process


def with_current_ids(process: Process, record: Record) -> Record:
    """The record with every stage and outcome id it holds as the process names it today."""
    now = process.current_id
    if not any(s.renamed_from and s.renamed_from.id for s in process.all_stages):
        return record
    return record.model_copy(
        update={
            "stage": now(record.stage) if record.stage else None,
            "moves": [
                m.model_copy(
                    update={"source": now(m.source) if m.source else None, "target": now(m.target)}
                )
                for m in record.moves
            ],
            "decisions": [d.model_copy(update={"target": now(d.target)}) for d in record.decisions],
        }
    )
