#!/usr/bin/env bash
# Regenerate src/api/schema.d.ts from the backend's OpenAPI document (no server needed).
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-../.venv/bin/python}"
"$python" scripts/dump_openapi.py > openapi.json.tmp
npx openapi-typescript openapi.json.tmp -o src/api/schema.d.ts
rm -f openapi.json.tmp
npx prettier --write src/api/schema.d.ts >/dev/null
