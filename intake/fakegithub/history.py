"""People tampering with comments, as GitHub shows it: edits by anyone with write access, every
version kept in the comment's edit history (editor, time, text), versions deleted from that
history (deletedBy, deletedAt), comments deleted outright, and the `issue_comment` `edited` and
`deleted` events such changes send, in GitHub's shapes (tests/schemas/webhooks/)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from intake.fakegithub.state import BOT, Shapes, timestamp

if TYPE_CHECKING:
    import threading

    from intake.fakegithub.state import Comment, Repository


class FakeGitHub(Protocol):
    """What these functions use of the fake (server.FakeGitHub)."""

    repo: Repository
    lock: threading.RLock

    @property
    def api_url(self) -> str:
        """The fake's base URL."""
        ...


@dataclass
class Revision:
    """One version of a comment: who wrote it, when, and its text (None once deleted)."""

    editor: str
    at: datetime
    body: str | None
    id: int
    deleted_by: str | None = None
    deleted_at: datetime | None = None


def edit(comment: Comment, editor: str, body: str, at: datetime, revision_id: int) -> None:
    """Change a comment's text as `editor`; the first edit also keeps the original version, as
    GitHub's history does."""
    if not comment.history:
        original = Revision(comment.user, comment.created_at, comment.body, revision_id * 10)
        comment.history.append(original)
    comment.history.append(Revision(editor, at, body, revision_id * 10 + 1))
    comment.body = body
    comment.editors.append(editor)
    comment.updated_at = at


def edit_nodes(comment: Comment, actor: Callable[[str], dict[str, Any]]) -> list[dict[str, Any]]:
    """The comment's `userContentEdits`, newest first, in GitHub's GraphQL shape."""
    return [
        {
            "__typename": "UserContentEdit",
            "id": f"UCE_{revision.id}",
            "editor": actor(revision.editor),
            "editedAt": timestamp(revision.at),
            "createdAt": timestamp(revision.at),
            "updatedAt": timestamp(revision.deleted_at or revision.at),
            "deletedAt": timestamp(revision.deleted_at) if revision.deleted_at else None,
            "deletedBy": actor(revision.deleted_by) if revision.deleted_by else None,
            "diff": revision.body,
        }
        for revision in reversed(comment.history)
    ]


def edit_comment(fake: FakeGitHub, comment_id: int, body: str, *, editor: str) -> dict[str, Any]:
    """A person edits a comment (the bot's too); returns the `issue_comment` `edited` event."""
    with fake.lock:
        comment = fake.repo.comments[comment_id]
        before = comment.body
        edit(comment, editor, body, fake.repo.tick(), fake.repo.next_id())
        return comment_event(fake, "edited", comment, editor, before)


def delete_comment(fake: FakeGitHub, comment_id: int, *, by: str) -> dict[str, Any]:
    """A person deletes a comment outright: it leaves the timeline and no event stays there;
    returns the `issue_comment` `deleted` event, the only trace of who did it."""
    with fake.lock:
        comment = fake.repo.comments.pop(comment_id)
        comment.updated_at = fake.repo.tick()
        return comment_event(fake, "deleted", comment, by)


def delete_revision(fake: FakeGitHub, comment_id: int, index: int, *, by: str) -> None:
    """A person deletes one version (0: the oldest) from a comment's edit history."""
    with fake.lock:
        revision = fake.repo.comments[comment_id].history[index]
        revision.body, revision.deleted_by = None, by
        revision.deleted_at = fake.repo.tick()


def comment_event(
    fake: FakeGitHub, action: str, comment: Comment, sender: str, before: str | None = None
) -> dict[str, Any]:
    """An `issue_comment` event payload as GitHub sends it for this comment."""
    shapes = Shapes(fake.repo, fake.api_url)
    issue = fake.repo.issues[comment.issue]
    data = shapes.comment(comment)
    data["reactions"] = _reactions(data["url"])
    data["author_association"] = "NONE" if comment.user == BOT else "MEMBER"
    payload: dict[str, Any] = {
        "action": action,
        "comment": data,
        "issue": shapes.issue(issue) | {"reactions": _reactions(shapes.issue(issue)["url"])},
        "repository": _repository(fake),
        "sender": shapes.user(sender),
    }
    if action == "edited":
        payload["changes"] = {"body": {"from": before or ""}}
    return payload


def _reactions(url: str) -> dict[str, Any]:
    counts = ["+1", "-1", "laugh", "confused", "heart", "hooray", "eyes", "rocket"]
    return {"url": f"{url}/reactions", "total_count": 0} | dict.fromkeys(counts, 0)


_URLS = [
    "archive",
    "assignees",
    "blobs",
    "branches",
    "collaborators",
    "comments",
    "commits",
    "compare",
    "contents",
    "contributors",
    "deployments",
    "downloads",
    "events",
    "forks",
    "git_commits",
    "git_refs",
    "git_tags",
    "hooks",
    "issue_comment",
    "issue_events",
    "issues",
    "keys",
    "labels",
    "languages",
    "merges",
    "milestones",
    "notifications",
    "pulls",
    "releases",
    "stargazers",
    "statuses",
    "subscribers",
    "subscription",
    "tags",
    "teams",
    "trees",
]
_COUNTS = [
    "forks",
    "forks_count",
    "open_issues",
    "open_issues_count",
    "size",
    "stargazers_count",
    "watchers",
]
_FLAGS = {"fork": False, "private": False, "has_downloads": True, "has_issues": True}
_FLAGS |= {"has_projects": False, "has_wiki": False, "has_pages": True, "archived": False}


def _repository(fake: FakeGitHub) -> dict[str, Any]:
    """The repository object of an event, with every field GitHub's schema requires."""
    shapes = Shapes(fake.repo, fake.api_url)
    api, web = shapes.api, shapes.web
    data: dict[str, Any] = {f"{name}_url": f"{api}/{name.replace('_', '/')}" for name in _URLS}
    data |= dict.fromkeys([*_COUNTS, "watchers_count"], 0) | _FLAGS
    return data | {
        "id": 4242,
        "node_id": "R_4242",
        "name": fake.repo.name,
        "full_name": fake.repo.full_name,
        "owner": shapes.user(fake.repo.owner) | {"type": "Organization"},
        "html_url": web,
        "url": api,
        "description": None,
        "clone_url": f"{web}.git",
        "git_url": f"{web}.git",
        "ssh_url": f"{web}.git",
        "svn_url": web,
        "default_branch": "main",
        "homepage": None,
        "language": None,
        "disabled": False,
        "mirror_url": None,
        "license": None,
        "pushed_at": timestamp(fake.repo.tick()),
        "created_at": timestamp(fake.repo.tick()),
        "updated_at": timestamp(fake.repo.tick()),
    }
