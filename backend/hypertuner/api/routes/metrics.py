"""Metric ingestion in batches and metric histories."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from hypertuner.api.deps import (
    CurrentUser,
    SessionDep,
    get_db,
    get_principal,
    get_writable_experiment_id,
)
from hypertuner.api.params import Id
from hypertuner.core.errors import UnsupportedMedia
from hypertuner.schemas.metric import MetricBatchIn, MetricBatchResult, MetricHistory, MetricNames
from hypertuner.services import metric_batches, metrics, projects

router = APIRouter(tags=["metrics"])
_session = contextmanager(get_db)


def _inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """The JSON schema with its local `$defs` references replaced by their definitions."""
    definitions = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return resolve(definitions[ref.removeprefix("#/$defs/")])
            return {key: resolve(value) for key, value in node.items()}
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    resolved: dict[str, Any] = resolve(schema)
    return resolved


_BATCH_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": _inline_refs(MetricBatchIn.model_json_schema())}
        },
    }
}


@router.post(
    "/experiments/{experiment_id}/metrics",
    openapi_extra=_BATCH_BODY,
    response_model=MetricBatchResult,
)
async def ingest_metrics(request: Request, experiment_id: Id) -> Response:
    """Store a batch of metric records; a repeated `batch_id` is stored once.

    The busiest route: caller, batch and storage are handled in one trip to a worker thread
    (as dependencies they took four), the answer encoded without a response model.
    """
    body = await request.body()
    return await run_in_threadpool(_ingest, request, experiment_id, body)


def _ingest(request: Request, experiment_id: int, body: bytes) -> Response:
    with _session() as session:
        principal = get_principal(request, session)
        writable = get_writable_experiment_id(experiment_id, principal, session)
        content_type = request.headers.get("content-type", "application/json").lower()
        if "json" not in content_type:
            raise UnsupportedMedia("send the batch as JSON (Content-Type: application/json)")
        try:
            batch = metric_batches.parse(body)
        except ValidationError as error:
            raise RequestValidationError(_with_body_loc(error)) from error

        stored = metrics.ingest(session, writable, batch)
        session.commit()
    answer = {"stored": stored or 0, "duplicate": stored is None}
    return Response(orjson.dumps(answer), media_type="application/json")


def _with_body_loc(error: ValidationError) -> list[dict[str, object]]:
    return [{**item, "loc": ("body", *item["loc"])} for item in error.errors(include_url=False)]


@router.get("/experiments/{experiment_id}/metrics")
def list_metrics(experiment_id: Id, user: CurrentUser, session: SessionDep) -> MetricNames:
    """The names of the metrics this experiment logged."""
    experiment = projects.get_experiment(session, user, experiment_id)
    return MetricNames(names=metrics.metric_names(session, experiment.id))


@router.get("/experiments/{experiment_id}/metrics/{name:path}")
def metric_history(
    experiment_id: Id,
    name: str,
    user: CurrentUser,
    session: SessionDep,
    max_points: Annotated[int | None, Query(ge=2, le=1_000_000)] = None,
    step_from: Annotated[int | None, Query(ge=-(2**31), le=2**31 - 1)] = None,
    step_to: Annotated[int | None, Query(ge=-(2**31), le=2**31 - 1)] = None,
) -> MetricHistory:
    """One metric's points in step order; `max_points` downsamples keeping extremes.

    `step_from` and `step_to` (inclusive) keep one range of steps, for a zoomed chart;
    `total` then counts the points in that range.
    """
    experiment = projects.get_experiment(session, user, experiment_id)
    return metrics.history(session, experiment.id, name, max_points, (step_from, step_to))
