"""The fake GitHub's Actions shapes: the runs a workflow dispatch starts, as GitHub lists them."""

from __future__ import annotations

from typing import Any

from intake.fakegithub.state import Run, Shapes, timestamp


class ActionsShapes(Shapes):
    """A workflow-run and the minimal-repository it names, on the fake's own host and port."""

    def repository(self) -> dict[str, Any]:
        """A minimal-repository."""
        urls = {
            f"{name}_url": f"{self.api}/{name}{suffix}"
            for name, suffix in (
                ("archive", "/{archive_format}{/ref}"),
                ("assignees", "{/user}"),
                ("blobs", "/git/blobs{/sha}"),
                ("branches", "{/branch}"),
                ("collaborators", "{/collaborator}"),
                ("comments", "{/number}"),
                ("commits", "{/sha}"),
                ("compare", "/{base}...{head}"),
                ("contents", "/{+path}"),
                ("contributors", ""),
                ("deployments", ""),
                ("downloads", ""),
                ("events", ""),
                ("forks", ""),
                ("git_commits", "/git/commits{/sha}"),
                ("git_refs", "/git/refs{/sha}"),
                ("git_tags", "/git/tags{/sha}"),
                ("hooks", ""),
                ("issue_comment", "/issues/comments{/number}"),
                ("issue_events", "/issues/events{/number}"),
                ("issues", "{/number}"),
                ("keys", "{/key_id}"),
                ("labels", "{/name}"),
                ("languages", ""),
                ("merges", ""),
                ("milestones", "{/number}"),
                ("notifications", "{?since,all,participating}"),
                ("pulls", "{/number}"),
                ("releases", "{/id}"),
                ("stargazers", ""),
                ("statuses", "/{sha}"),
                ("subscribers", ""),
                ("subscription", ""),
                ("tags", ""),
                ("teams", ""),
                ("trees", "/git/trees{/sha}"),
            )
        }
        return urls | {
            "id": 4242,
            "node_id": "R_4242",
            "name": self.repo.name,
            "full_name": self.repo.full_name,
            "owner": self.user(self.repo.owner) | {"type": "Organization"},
            "private": False,
            "html_url": self.web,
            "description": None,
            "fork": False,
            "url": self.api,
        }

    def workflow_run(self, run: Run) -> dict[str, Any]:
        """A workflow-run, as a dispatch starts it (queued; the fake runs nothing)."""
        url = f"{self.api}/actions/runs/{run.id}"
        sha = f"{run.id:040x}"
        key = str(run.inputs.get("key") or "")
        return {
            "id": run.id,
            "name": "Webbplatsen",
            "node_id": f"WFR_{run.id}",
            "head_branch": run.ref,
            "head_sha": sha,
            "path": f".github/workflows/{run.workflow}",
            "display_title": f"Webbplatsen {key}".strip(),
            "run_number": run.id,
            "event": "workflow_dispatch",
            "status": "queued",
            "conclusion": None,
            "workflow_id": 77,
            "url": url,
            "html_url": f"{self.web}/actions/runs/{run.id}",
            "pull_requests": [],
            "created_at": timestamp(run.created_at),
            "updated_at": timestamp(run.created_at),
            "actor": self.user(run.actor),
            "triggering_actor": self.user(run.actor),
            "jobs_url": f"{url}/jobs",
            "logs_url": f"{url}/logs",
            "check_suite_url": f"{self.api}/check-suites/{run.id}",
            "artifacts_url": f"{url}/artifacts",
            "cancel_url": f"{url}/cancel",
            "rerun_url": f"{url}/rerun",
            "workflow_url": f"{self.api}/actions/workflows/77",
            "head_commit": {
                "id": sha,
                "tree_id": sha,
                "message": "Webbplatsen",
                "timestamp": timestamp(run.created_at),
                "author": None,
                "committer": None,
            },
            "repository": self.repository(),
            "head_repository": self.repository(),
        }
