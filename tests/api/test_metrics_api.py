"""Metric ingestion: idempotent batches, non-finite values, summaries, downsampled histories."""

from __future__ import annotations

import math
import random
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
from sqlalchemy import create_engine, text

from hypertuner.services.metrics import Point, keep_extremes

from conftest import Server
from helpers import new_project


def _experiment(server: Server) -> tuple[int, httpx.Client]:
    project_id = new_project(server.client, "metrics")
    created = server.client.post(f"/api/projects/{project_id}/experiments", json={}).json()
    client = httpx.Client(
        base_url=server.url, headers={"Authorization": f"Bearer {created['token']}"}
    )
    return int(created["experiment"]["id"]), client


def test_a_repeated_batch_is_stored_once(any_server: Server) -> None:
    server = any_server
    experiment_id, writer = _experiment(server)
    batch = {
        "batch_id": str(uuid.uuid4()),
        "records": [{"step": step, "values": {"loss": 1.0 / (step + 1)}} for step in range(10)],
    }
    first = writer.post(f"/api/experiments/{experiment_id}/metrics", json=batch).json()
    again = writer.post(f"/api/experiments/{experiment_id}/metrics", json=batch).json()

    assert first == {"stored": 10, "duplicate": False}
    assert again == {"stored": 0, "duplicate": True}
    history = server.client.get(f"/api/experiments/{experiment_id}/metrics/loss").json()
    assert history["total"] == 10


def test_non_finite_values_are_stored_and_read_back(any_server: Server) -> None:
    server = any_server
    experiment_id, writer = _experiment(server)
    values = [0.5, "NaN", "Infinity", "-Infinity", 0.25]
    batch = {
        "batch_id": "nf",
        "records": [
            {"step": step, "epoch": 1, "values": {"loss": value}}
            for step, value in enumerate(values)
        ],
    }
    assert writer.post(f"/api/experiments/{experiment_id}/metrics", json=batch).status_code == 200

    points = server.client.get(f"/api/experiments/{experiment_id}/metrics/loss").json()["points"]
    assert [point["value"] for point in points] == values
    summary = server.client.get(f"/api/experiments/{experiment_id}").json()["metrics"]["loss"]
    assert summary == {
        "last": 0.25,
        "min": 0.25,
        "max": 0.5,
        "last_step": 4,
        "last_epoch": 1,
        "count": 5,
        "nonfinite_count": 3,
    }


def _post(writer: httpx.Client, experiment_id: int, records: list[dict[str, object]]) -> None:
    batch = {"batch_id": uuid.uuid4().hex, "records": records}
    answer = writer.post(f"/api/experiments/{experiment_id}/metrics", json=batch)
    assert answer.status_code == 200, answer.text


def _summary(server: Server, experiment_id: int, name: str) -> dict[str, object]:
    found: dict[str, object] = server.client.get(f"/api/experiments/{experiment_id}").json()
    return found["metrics"][name]  # type: ignore[index, no-any-return]


def test_summaries_add_up_across_batches(any_server: Server) -> None:
    server = any_server
    experiment_id, writer = _experiment(server)

    _post(
        writer, experiment_id, [{"step": s, "epoch": 0, "values": {"m": 5.0 - s}} for s in range(5)]
    )
    _post(writer, experiment_id, [{"step": 2, "epoch": 0, "values": {"m": -9.0}}])  # late, older
    _post(writer, experiment_id, [{"step": 9, "epoch": 1, "values": {"m": "NaN"}}])
    _post(writer, experiment_id, [{"step": 7, "epoch": 1, "values": {"m": 40}}])  # an int

    assert _summary(server, experiment_id, "m") == {
        "last": None,  # a NaN last value reads as null, like a missing one
        "min": -9.0,
        "max": 40.0,
        "last_step": 9,
        "last_epoch": 1,
        "count": 8,
        "nonfinite_count": 1,
    }
    _post(writer, experiment_id, [{"values": {"m": 0.5}}])  # no step: it is the newest
    assert _summary(server, experiment_id, "m")["last"] == 0.5


def test_names_that_copy_would_misread_are_stored_as_sent(any_server: Server) -> None:
    server = any_server
    experiment_id, writer = _experiment(server)
    names = ["tab\tin", "line\nbreak", "back\\slash", "\\N", "carriage\rreturn", "ünïcode"]

    _post(writer, experiment_id, [{"step": 1, "values": {name: 1.5 for name in names}}])

    listed = server.client.get(f"/api/experiments/{experiment_id}/metrics").json()["names"]
    assert sorted(listed) == sorted(names)
    for name in names:
        assert _summary(server, experiment_id, name)["count"] == 1


def test_a_name_with_a_slash_has_its_history(server: Server) -> None:
    experiment_id, writer = _experiment(server)
    _post(writer, experiment_id, [{"step": 1, "values": {"val/loss": 0.5}}])

    for spelled in ("val/loss", "val%2Floss"):
        answer = server.client.get(f"/api/experiments/{experiment_id}/metrics/{spelled}")
        assert answer.status_code == 200, answer.text
        assert answer.json()["name"] == "val/loss" and answer.json()["total"] == 1


def test_the_schema_decides_spellings_the_fast_path_leaves_to_it(any_server: Server) -> None:
    server = any_server
    experiment_id, writer = _experiment(server)
    loose = {"step": 3.0, "epoch": "2", "time": 17, "values": {"m": 1}}

    _post(writer, experiment_id, [loose])

    history = server.client.get(f"/api/experiments/{experiment_id}/metrics/m").json()
    assert history["points"] == [{"step": 3, "epoch": 2, "value": 1.0, "time": 17.0}]
    bad = {"batch_id": "x", "records": [{"step": 3.5, "values": {"m": 1}}]}
    refused = writer.post(f"/api/experiments/{experiment_id}/metrics", json=bad)
    assert refused.status_code == 422
    assert str(refused.json()["error"]["field"]).startswith("records.0.step"), refused.text


def test_concurrent_batches_to_one_experiment_all_count(any_server: Server) -> None:
    """Batches naming their metrics in opposite orders neither deadlock nor lose a count."""
    server = any_server
    experiment_id, writer = _experiment(server)
    names = ["a", "b", "c", "d", "e", "f"]

    def send(worker: int) -> None:
        order = names if worker % 2 else names[::-1]
        for part in range(4):
            first = (worker * 4 + part) * 50
            steps = range(first, first + 50)
            _post(
                writer, experiment_id, [{"step": s, "values": {n: s for n in order}} for s in steps]
            )

    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(send, range(6)))

    for name in names:
        summary = _summary(server, experiment_id, name)
        assert (summary["count"], summary["min"], summary["max"]) == (1200, 0.0, 1199.0)
        assert summary["last_step"] == 1199


def test_downsampling_keeps_the_spikes(server: Server) -> None:
    experiment_id, writer = _experiment(server)
    records = [{"step": step, "values": {"loss": 1.0}} for step in range(5000)]
    records[1234]["values"] = {"loss": 99.0}
    records[4321]["values"] = {"loss": -5.0}
    records[2500]["values"] = {"loss": "NaN"}
    writer.post(
        f"/api/experiments/{experiment_id}/metrics", json={"batch_id": "big", "records": records}
    )

    history = server.client.get(
        f"/api/experiments/{experiment_id}/metrics/loss", params={"max_points": 100}
    ).json()
    assert history["downsampled"] and history["total"] == 5000
    assert len(history["points"]) <= 100
    values = [point["value"] for point in history["points"]]
    assert 99.0 in values and -5.0 in values and "NaN" in values
    steps = [point["step"] for point in history["points"]]
    assert steps == sorted(steps) and steps[0] == 0 and steps[-1] == 4999


def test_a_step_range_gives_full_detail_where_a_chart_zooms(server: Server) -> None:
    experiment_id, writer = _experiment(server)
    records = [{"step": step, "values": {"loss": float(step % 7)}} for step in range(3000)]
    writer.post(
        f"/api/experiments/{experiment_id}/metrics", json={"batch_id": "zoom", "records": records}
    )
    url = f"/api/experiments/{experiment_id}/metrics/loss"

    zoomed = server.client.get(
        url, params={"max_points": 500, "step_from": 1000, "step_to": 1199}
    ).json()
    assert zoomed["total"] == 200 and not zoomed["downsampled"]
    assert [point["step"] for point in zoomed["points"]] == list(range(1000, 1200))

    wide = server.client.get(url, params={"max_points": 50, "step_from": 2000}).json()
    assert wide["total"] == 1000 and wide["downsampled"] and len(wide["points"]) <= 50
    assert wide["points"][0]["step"] == 2000 and wide["points"][-1]["step"] == 2999
    assert server.client.get(url, params={"step_to": 2**31}).status_code == 422


def test_keep_extremes_respects_the_budget() -> None:
    rows = [(i, None, math.sin(i / 10), None) for i in range(10_000)]
    for budget in (5, 17, 100, 999):
        kept = keep_extremes(rows, budget)
        assert len(kept) <= budget
        assert kept[0] == rows[0] and kept[-1] == rows[-1]
    assert keep_extremes(rows[:10], 100) == rows[:10]


def _extremes_by_hand(rows: list[Point], max_points: int) -> list[Point]:
    """keep_extremes spelled out in plain Python, point by point, to check the numpy one."""
    buckets = (max_points - 2) // 3
    inner = rows[1:-1]
    size = len(inner) / buckets
    kept = [rows[0]]
    for bucket in range(buckets):
        chunk = inner[int(bucket * size) : int((bucket + 1) * size)]
        values = [math.nan if row[2] is None else row[2] for row in chunk]
        finite = [i for i, value in enumerate(values) if math.isfinite(value)]
        chosen = set()
        if finite:
            chosen |= {min(finite, key=values.__getitem__), max(finite, key=values.__getitem__)}
        odd = [i for i, value in enumerate(values) if not math.isfinite(value)]
        chosen |= set(odd[:1])
        kept += [chunk[i] for i in sorted(chosen)]
    return [*kept, rows[-1]]


def test_keep_extremes_matches_the_plain_reading() -> None:
    """Spikes, ties, NaN (stored as None), ±inf and flat stretches, at several budgets."""
    generator = random.Random(20261204)
    odd = [None, math.inf, -math.inf, 1.0, 1.0, 0.0]
    rows: list[Point] = [
        (i, i // 100, generator.choice(odd) if i % 37 == 0 else generator.gauss(0, 1), None)
        for i in range(20_000)
    ]
    rows[5000:6000] = [(i, 50, 2.5, None) for i in range(5000, 6000)]  # a flat stretch
    for budget in (5, 8, 101, 2000, 19_999):
        assert keep_extremes(rows, budget) == _extremes_by_hand(rows, budget)


def test_a_finished_experiment_token_stops_working(server: Server) -> None:
    experiment_id, writer = _experiment(server)
    done = writer.post(f"/api/experiments/{experiment_id}/finished", json={"status": "completed"})
    assert done.status_code == 200
    late = writer.post(
        f"/api/experiments/{experiment_id}/metrics",
        json={"batch_id": "late", "records": [{"values": {"loss": 1.0}}]},
    )
    assert late.status_code == 401


def test_a_batch_must_be_json_and_carry_no_nul(any_server: Server) -> None:
    server = any_server
    experiment_id, writer = _experiment(server)
    url = f"/api/experiments/{experiment_id}/metrics"
    body = b'{"batch_id": "n", "records": [{"values": {"a\\u0000b": 1}}]}'

    as_text = writer.post(url, content=body, headers={"Content-Type": "text/plain"})
    assert as_text.status_code == 415, as_text.text
    assert as_text.json()["error"]["code"] == "unsupported_media_type"

    untyped = writer.post(url, content=body)  # no type: FastAPI reads it as JSON, so does the guard
    assert "content-type" not in untyped.request.headers
    assert untyped.status_code == 422 and "NUL" in untyped.json()["error"]["message"]
    assert server.client.get(f"/api/experiments/{experiment_id}/metrics").json()["names"] == []


def _stored_points(server: Server, experiment_id: int) -> int:
    engine = create_engine(server.database_url)
    with engine.connect() as connection:
        query = text("SELECT count(*) FROM metric_points WHERE experiment_id = :e")
        count = int(connection.execute(query, {"e": experiment_id}).scalar_one())
    engine.dispose()
    return count


def test_deleting_a_project_deletes_its_points(any_server: Server) -> None:
    """The cascade reaches the points (their foreign key costs ingest, and is kept)."""
    server = any_server
    experiment_id, writer = _experiment(server)
    _post(writer, experiment_id, [{"step": s, "values": {"loss": 1.0}} for s in range(20)])
    assert _stored_points(server, experiment_id) == 20
    project_id = server.client.get(f"/api/experiments/{experiment_id}").json()["project_id"]
    done = writer.post(f"/api/experiments/{experiment_id}/finished", json={"status": "completed"})
    assert done.status_code == 200

    assert server.client.delete(f"/api/projects/{project_id}").status_code == 204

    assert _stored_points(server, experiment_id) == 0


def test_points_without_a_step_come_first_on_both_databases(any_server: Server) -> None:
    server = any_server
    experiment_id, writer = _experiment(server)
    _post(writer, experiment_id, [{"step": 2, "values": {"m": 2.0}}, {"values": {"m": 0.0}}])

    history = server.client.get(f"/api/experiments/{experiment_id}/metrics/m").json()
    assert [point["step"] for point in history["points"]] == [None, 2]
