"""Exports (CSV that imports back, JSON) and the report: one HTML file, no scripts."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from html.parser import HTMLParser
from typing import Any

import httpx
import pytest

from conftest import Server
from helpers import new_project

HOSTILE = "<script>alert('tag')</script>"
LOG = (
    "trial,lr,layers,opt,acc,loss,state,start\n"
    '1,0.1,"(256,)",adam,0.81,0.5,COMPLETE,2024-05-01T10:00:00+00:00\n'
    '2,0.01,"(256, 128)",sgd,0.7,inf,FAIL,2024-05-01T11:00:00+00:00\n'
    '3,0.001,"(512,)",adam,0.9,0.3,COMPLETE,2024-05-02T09:30:00+00:00\n'
)
LOG_2 = (
    'trial,lr,layers,opt,acc,loss\n1,0.05,"(256,)",rmsprop,0.95,0.2\n2,0.2,"(64,)",sgd,0.6,0.9\n'
)


def _import(client: httpx.Client, project_id: int, log: str, **settings: Any) -> dict[str, Any]:
    answer = client.post(
        f"/api/projects/{project_id}/imports",
        files=[("files", ("log.csv", log.encode()))],
        data={"settings": json.dumps(settings)},
    )
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def _experiments(client: httpx.Client, run_id: int) -> list[dict[str, Any]]:
    return list(client.get(f"/api/runs/{run_id}/experiments").json())


@pytest.fixture
def project(any_server: Server) -> dict[str, Any]:
    """Two imported runs, curated: a star, hostile tags and notes, a journal, production."""
    client = any_server.client
    project_id = new_project(client, "export")
    objective = {"metric": "acc", "mode": "max"}
    first = _import(client, project_id, LOG, run_name="first sweep", objective=objective)
    second = _import(client, project_id, LOG_2, run_name=f"second {HOSTILE}", objective=objective)
    ids = [e["id"] for e in _experiments(client, first["run"]["id"])]
    ids += [e["id"] for e in _experiments(client, second["run"]["id"])]

    curation = {"starred": True, "tags": [HOSTILE, "baseline"], "note": f"**bold** {HOSTILE}"}
    assert client.patch(f"/api/experiments/{ids[2]}/curation", json=curation).is_success
    assert client.patch(f"/api/experiments/{ids[4]}/curation", json={"archived": True}).is_success
    journal = f"/api/projects/{project_id}/journal"
    entry = client.post(journal, json={"body": f"# Day one\n{HOSTILE} [x](javascript:alert(1))"})
    other = client.post(journal, json={"body": "not chosen", "day": "2024-01-01"})
    production = {"experiment_id": ids[3], "note": f"ship it {HOSTILE}"}
    assert client.post(f"/api/projects/{project_id}/production", json=production).is_success
    return {
        "client": client,
        "project_id": project_id,
        "runs": [first["run"]["id"], second["run"]["id"]],
        "ids": ids,
        "journal": [entry.json()["id"], other.json()["id"]],
    }


def test_the_csv_export_imports_back_as_it_was(project: dict[str, Any]) -> None:
    client, ids = project["client"], project["ids"]
    answer = client.get(f"/api/projects/{project['project_id']}/export.csv")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [int(r["experiment_id"]) for r in rows] == ids  # archived ones too, flagged
    assert rows[4]["archived"] == "true" and rows[2]["starred"] == "true"
    assert rows[2]["tags"] == f"{HOSTILE};baseline" and rows[1]["metric:loss"] == "Infinity"
    assert rows[0]["param:layers"] == "(256,)" and rows[1]["status"] == "failed"

    copy = new_project(client, "copy")
    result = _import(client, copy, answer.text)
    assert result["experiments"] == len(ids)
    again = _experiments(client, result["run"]["id"])
    before = _experiments(client, project["runs"][0]) + _experiments(client, project["runs"][1])
    for old, new in zip(before, again, strict=True):
        assert new["params"] == old["params"]
        assert new["status"] == old["status"] and new["started_at"] == old["started_at"]
        for name in ("acc", "loss"):
            assert new["metrics"][name]["last"] == old["metrics"][name]["last"]


def test_spreadsheet_formulas_are_defused(server: Server) -> None:
    project_id = new_project(server.client, "formula")
    run = _import(server.client, project_id, 'cmd,acc\n"=HYPERLINK(""x"")",0.5\n-3,0.4\n')
    ids = [e["id"] for e in _experiments(server.client, run["run"]["id"])]
    text = server.client.get(f"/api/projects/{project_id}/export.csv").text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["param:cmd"] == '\'=HYPERLINK("x")'
    assert rows[1]["param:cmd"] == "-3"  # a number stays a number
    assert len(rows) == len(ids)


def test_the_json_export_of_a_selection(project: dict[str, Any]) -> None:
    client, project_id, ids = project["client"], project["project_id"], project["ids"]
    chosen = f"{ids[1]},{ids[3]}"
    body = client.get(f"/api/projects/{project_id}/export.json?experiment_ids={chosen}").json()

    assert body["format"] == "hypertuner-export" and body["project"]["id"] == project_id
    assert [e["id"] for e in body["experiments"]] == [ids[1], ids[3]]
    assert [r["id"] for r in body["runs"]] == project["runs"]
    failed = body["experiments"][0]
    assert failed["status"] == "failed" and failed["params"]["layers"] == "(256, 128)"
    assert failed["metrics"]["loss"] == {
        "last": "Infinity",
        "min": None,
        "max": None,
        "count": 1,
        "nonfinite_count": 1,
    }
    assert len(body["journal"]) == 2 and body["production_history"][0]["experiment_id"] == ids[3]

    every = client.get(f"/api/projects/{project_id}/export.json").json()
    assert [e["id"] for e in every["experiments"]] == ids
    visible = client.get(f"/api/projects/{project_id}/export.json?include_archived=false").json()
    assert ids[4] not in [e["id"] for e in visible["experiments"]]


@pytest.mark.parametrize(
    ("query", "status", "paths"),
    [
        ("experiment_ids=1,x", 422, ("export.csv", "export.json", "report/data")),
        ("experiment_ids=999999", 404, ("export.csv", "export.json", "report/data")),
        ("journal_entry_ids=999999", 404, ("report/data",)),
        ("include_archived=maybe", 422, ("export.csv", "export.json", "experiments/table")),
    ],
)
def test_bad_selections(server: Server, query: str, status: int, paths: tuple[str, ...]) -> None:
    project_id = new_project(server.client, "select")
    _import(server.client, project_id, LOG)
    for path in paths:
        answer = server.client.get(f"/api/projects/{project_id}/{path}?{query}")
        assert answer.status_code == status, (path, answer.text)
        assert answer.json()["error"]["message"]


class _Html(HTMLParser):
    """Checks that every element opened is closed in order, and counts tags and attributes."""

    VOID = frozenset({"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.tags: Counter[str] = Counter()
        self.attributes: list[tuple[str, str | None]] = []
        self.problems: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.attributes.extend(attrs)
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.attributes.extend(attrs)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:]}")
            return
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Html:
    parser = _Html()
    parser.feed(html)
    parser.close()
    assert parser.problems == [] and parser.open == [], (parser.problems, parser.open)
    return parser


def test_the_report_is_one_safe_self_contained_file(project: dict[str, Any]) -> None:
    client, project_id, ids = project["client"], project["project_id"], project["ids"]
    body = {"title": f"Report {HOSTILE}", "journal_entry_ids": [project["journal"][0]]}
    answer = client.post(f"/api/projects/{project_id}/report", json=body)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/html")
    assert "attachment" in answer.headers["content-disposition"]
    html = answer.text

    parsed = _parse(html)
    assert "<script" not in html.lower()
    assert parsed.tags["script"] == 0 and parsed.tags["svg"] == 1
    assert parsed.tags["circle"] >= 5 and parsed.tags["path"] == 1  # dots, bests, best so far
    assert not [value for name, value in parsed.attributes if name in ("src", "href") and value]
    assert not [value for _, value in parsed.attributes if value and "javascript" in value]
    assert parsed.tags["link"] == 0 and "Content-Security-Policy" in html

    text = "".join(parsed.text)
    assert HOSTILE in text  # shown as text: escaped in the file, never run
    assert "&lt;script&gt;alert(&#39;tag&#39;)&lt;/script&gt;" in html
    assert "<strong>bold</strong>" in html  # notes are markdown
    assert "Day one" in text and "not chosen" not in text  # only the chosen entry
    assert "ship it" in text and f"Experiment {ids[3]}" in text
    assert "first sweep" in text


def test_the_report_data_for_the_app(project: dict[str, Any]) -> None:
    client, project_id, ids = project["client"], project["project_id"], project["ids"]
    data = client.get(f"/api/projects/{project_id}/report/data").json()

    assert data["objective"] == {"metric": "acc", "mode": "max"}
    assert [e["id"] for e in data["experiments"]] == [ids[2], ids[3]]  # starred + production
    first, second = data["runs"]
    assert (first["best"], first["best_experiment_id"], first["best_so_far"]) == (0.9, ids[2], 0.9)
    assert (second["best"], second["best_so_far"]) == (0.95, 0.95)
    assert {c["name"] for c in first["changed"]} == {"lr", "layers", "opt"}
    assert {c["name"] for c in second["changed"]} == {"lr", "layers", "opt"}
    assert second["experiments"] == 1  # the archived one is left out of the progress
    assert len(data["progress"]) == 4 and data["production"]["experiment_id"] == ids[3]
    assert [e["id"] for e in data["journal"]] == project["journal"]

    chosen = f"/api/projects/{project_id}/report/data?experiment_ids={ids[0]}&journal_entry_ids="
    picked = client.get(chosen + "&objective_metric=loss&objective_mode=min").json()
    assert [e["id"] for e in picked["experiments"]] == [ids[0]] and picked["journal"] == []
    assert picked["experiments"][0]["objective"] == 0.5 and picked["runs"][0]["best"] == 0.3
    bad = client.get(f"/api/projects/{project_id}/report/data?objective_metric=x&objective_mode=up")
    assert bad.status_code == 422


def test_a_report_without_objective_or_experiments(server: Server) -> None:
    project_id = new_project(server.client, "empty")
    answer = server.client.post(f"/api/projects/{project_id}/report", json={})
    assert answer.status_code == 200
    parsed = _parse(answer.text)
    assert parsed.tags["svg"] == 0 and "No objective is set" in answer.text
    bad = server.client.post(
        f"/api/projects/{project_id}/report", json={"experiment_ids": [1, "x"]}
    )
    assert bad.status_code == 422
