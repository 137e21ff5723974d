"""REST issue objects to our model and back: the snapshot's one shape, both ways."""

from __future__ import annotations

from intake.adapters.rest import issue_from_rest, rest_of_issue
from intake.adapters.snapshot import read_snapshot
from tests.paths import REPOSITORY, SAMPLES


def test_every_sample_issue_reads_back_from_its_rest_object_unchanged() -> None:
    issues = read_snapshot(SAMPLES, REPOSITORY)
    assert any(issue.history for issue in issues)  # the label timeline is carried too
    for issue in issues:
        again = issue_from_rest(rest_of_issue(issue), "another/repository")
        assert again == issue.model_copy(update={"record": None})
