"""The archive's page shows hostile text literally: no link, image, HTML or fence escapes."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from intake.domain.archive.schema import ArchivedIssue, Comment, Gone
from intake.render.archive.page import render_issue_page

T = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def issue(title: str, body: str, comment: str) -> ArchivedIssue:
    return ArchivedIssue(
        repository="kommun/behov",
        number=3,
        url="https://github.com/kommun/behov/issues/3",
        title=title,
        body=body,
        author="anna",
        created_at=T,
        updated_at=T,
        state="closed",
        state_reason="not_planned",
        comments=[
            Comment(
                id=9,
                author="bertil",
                created_at=T,
                body=comment,
                gone=Gone(since=date(2026, 12, 2), answer="404"),
            )
        ],
        archived=date(2026, 12, 1),
        gone=Gone(since=date(2026, 12, 3), answer="410"),
    )


def test_the_page_names_what_was_lost_and_fences_every_text() -> None:
    page = render_issue_page(issue("Behov: <script>", "```\n<img src=x>\n```", "[x](https://e)"))
    assert "Borta från GitHub sedan natten 2026-12-03 (GitHub svarade 410, raderat)." in page
    assert "sedan natten 2026-12-02 (GitHub svarade 404" in page
    assert "<script>" not in page
    assert "````text\n```\n<img src=x>\n```\n````" in page
    assert "```text\n[x](https://e)\n```" in page


@given(st.text(max_size=200), st.text(max_size=200))
def test_no_text_escapes_its_fence(title: str, body: str) -> None:
    page = render_issue_page(issue(title, body, body))
    fenced = page.split("## Text\n\n", 1)[1]
    if body.strip():
        fence = fenced.split("text\n", 1)[0]
        assert set(fence) == {"`"}
        assert fenced.split("text\n", 1)[1].startswith(body.rstrip() + "\n" + fence + "\n")
    assert "<" not in page.split("\n", 1)[0].replace("&lt;", "")
