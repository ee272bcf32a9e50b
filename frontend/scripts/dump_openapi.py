"""Print the service's OpenAPI document as JSON, without starting it or touching a database."""

from __future__ import annotations

import json
import sys
from typing import Any

from hypertuner.api.app import create_app
from hypertuner.launcher.base import DriverHandle


class _NoLauncher:
    """Building the app must not reach Ray; nothing is launched here."""

    def submit(self, run_id: int) -> DriverHandle:
        raise RuntimeError("the OpenAPI dump launches nothing")

    def is_alive(self, handle: DriverHandle) -> bool | None:
        return None


def _hoist_local_defs(document: dict[str, Any]) -> dict[str, Any]:
    """Move `$defs` of hand-written request schemas into components, where `$ref`s resolve.

    The metric batch route embeds a pydantic JSON schema whose `#/$defs/...` refs are
    local to that schema; OpenAPI tools resolve refs from the document root.
    """
    schemas = document.setdefault("components", {}).setdefault("schemas", {})

    def walk(node: object) -> object:
        if isinstance(node, dict):
            schemas.update({k: walk(v) for k, v in node.pop("$defs", {}).items()})
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                node["$ref"] = "#/components/schemas/" + ref.removeprefix("#/$defs/")
            return {key: walk(value) for key, value in node.items()}
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    document["paths"] = walk(document["paths"])
    return document


def main() -> None:
    app = create_app(launcher=_NoLauncher())
    json.dump(_hoist_local_defs(app.openapi()), sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
