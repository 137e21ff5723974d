"""Extract the few GitHub schemas the tests need from the npm packages, once.

Usage (not part of the test run; the output is committed):
    cd /tmp && npm install @octokit/openapi-webhooks @octokit/graphql-schema [@octokit/openapi]
    python tests/schemas/extract.py /tmp/node_modules/@octokit
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
REST = ["issue", "issue-comment", "label", "rate-limit-overview", "basic-error"]
# Request bodies and answers given inline in an operation: name → (path, verb, part).
OPERATIONS = {
    "update-label-request": ("/repos/{owner}/{repo}/labels/{name}", "patch", "request"),
    "create-label-request": ("/repos/{owner}/{repo}/labels", "post", "request"),
    "workflow-dispatch-request": (
        "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches",
        "post",
        "request",
    ),
    "workflow-runs": ("/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs", "get", "200"),
}
WEBHOOKS = [
    "webhook-issues-opened",
    "webhook-issues-edited",
    "webhook-issues-reopened",
    "webhook-issues-labeled",
    "webhook-issues-unlabeled",
    "webhook-issues-closed",
    "webhook-issue-comment-edited",
    "webhook-issue-comment-deleted",
]
GRAPHQL = [
    "Query",
    "Repository",
    "IssueConnection",
    "Issue",
    "PageInfo",
    "Actor",
    "LabelConnection",
    "Label",
    "IssueTimelineItemsConnection",
    "IssueTimelineItems",
    "IssueTimelineItemsItemType",
    "LabeledEvent",
    "UnlabeledEvent",
    "ClosedEvent",
    "ReopenedEvent",
    "IssueComment",
    "IssueCommentConnection",
    "User",
    "Bot",
    "UserContentEditConnection",
    "UserContentEdit",
    "IssueStateReason",
    "RateLimit",
    "IssueState",
    "IssueOrder",
    "IssueOrderField",
    "OrderDirection",
    "Node",
]


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"].rsplit("/", 1)[-1]] if isinstance(node.get("$ref"), str) else []
        return found + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in _refs(value)]
    return []


def _closure(schemas: dict[str, Any], root: str) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    todo = [root]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen[name] = schemas[name]
            todo += _refs(schemas[name])
    return dict(sorted(seen.items()))


def _to_json_schema(node: Any) -> Any:
    """OpenAPI 3.0 → JSON Schema 2020-12: `nullable` becomes a null alternative; refs → $defs."""
    if isinstance(node, list):
        return [_to_json_schema(v) for v in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in ("nullable", "example", "examples"):
            continue
        if key in ("properties", "patternProperties") and isinstance(value, dict):
            out[key] = {name: _to_json_schema(v) for name, v in value.items()}
        else:
            out[key] = _to_json_schema(value)
    if isinstance(out.get("$ref"), str):
        out["$ref"] = "#/$defs/" + out["$ref"].rsplit("/", 1)[-1]
    if node.get("nullable") is True:
        return {"anyOf": [out, {"type": "null"}]}
    return out


def _document(schemas: dict[str, Any], root: str, source: str) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": f"Extracted by tests/schemas/extract.py from {source}.",
        "$ref": f"#/$defs/{root}",
        "$defs": {k: _to_json_schema(v) for k, v in _closure(schemas, root).items()},
    }


def _operation_document(rest: dict[str, Any], name: str, source: str) -> dict[str, Any]:
    """The JSON schema of an operation's request body or answer, with the components it uses."""
    path, verb, part = OPERATIONS[name]
    operation = rest["paths"][path][verb]
    holder = operation["requestBody"] if part == "request" else operation["responses"][part]
    inline = holder["content"]["application/json"]["schema"]
    schemas = rest["components"]["schemas"]
    defs: dict[str, Any] = {}
    for ref in _refs(inline):
        defs |= _closure(schemas, ref)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": f"Extracted by tests/schemas/extract.py from {source}: {verb.upper()} {path}.",
        **_to_json_schema(inline),
        "$defs": {k: _to_json_schema(v) for k, v in sorted(defs.items())},
    }


def _graphql_types(schema: dict[str, Any]) -> dict[str, Any]:
    """The named types of the introspection result, without descriptions."""

    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k != "description"}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    types = {t["name"]: t for t in schema["__schema"]["types"]}
    return {name: strip(types[name]) for name in GRAPHQL}


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main(octokit: Path) -> None:
    """Write tests/schemas/{rest,webhooks,graphql}/ from the installed packages.

    @octokit/openapi is 385 MB: without it, the REST schemas stay as they are.
    """
    rest_package = octokit / "openapi"
    if rest_package.is_dir():
        rest = json.loads((rest_package / "generated/api.github.com.json").read_text("utf-8"))
        version = json.loads((rest_package / "package.json").read_text("utf-8"))["version"]
        for root in REST:
            source = f"@octokit/openapi {version}"
            document = _document(rest["components"]["schemas"], root, source)
            _write(HERE / "rest" / f"{root}.json", document)
        for name in OPERATIONS:
            source = f"@octokit/openapi {version}"
            _write(HERE / "rest" / f"{name}.json", _operation_document(rest, name, source))
    hooks_package = octokit / "openapi-webhooks"
    hooks = json.loads((hooks_package / "generated/api.github.com.json").read_text("utf-8"))
    version = json.loads((hooks_package / "package.json").read_text("utf-8"))["version"]
    for root in WEBHOOKS:
        source = f"@octokit/openapi-webhooks {version}"
        document = _document(hooks["components"]["schemas"], root, source)
        _write(HERE / "webhooks" / f"{root}.json", document)
    graphql_package = octokit / "graphql-schema"
    schema = json.loads((graphql_package / "schema.json").read_text("utf-8"))
    version = json.loads((graphql_package / "package.json").read_text("utf-8"))["version"]
    types = {"$comment": f"Named types from @octokit/graphql-schema {version} schema.json."}
    _write(HERE / "graphql" / "types.json", types | _graphql_types(schema))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
