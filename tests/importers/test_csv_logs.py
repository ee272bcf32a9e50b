"""Hand-kept CSV and TSV logs, written here as messy as real ones."""

from __future__ import annotations

import codecs
import math

import pytest

from hypertuner import importers
from hypertuner.core.errors import InvalidInput
from hypertuner.importers import ImportPlan, MalformedFile

MESSY = (
    "run,lr,batch_size,optimizer,layers,dropout,notes,val_acc,val_loss\r\n"
    "1,0.001,32,<class 'keras.optimizers.Adam'>,\"(256,)\",0.5,first try,0.81,0.52\r\n"
    '2,1e-3,64,<class \'keras.optimizers.SGD\'>,"(256, 128)",,"typo, fixed later",0.79,\r\n'
    "\r\n"
    '3,0.01,"(256,)",adam,"(512,)",0.3,,NaN,inf\r\n'
    '3,0.01,"(256,)",adam,"(512,)",0.3,,NaN,inf\r\n'
    '4,0.1,128,adam,"(512,)",n/a,"lr too high\r\ndiverged",0.1,12.5\r\n'
)


def _plan(files: dict[str, str | bytes], **choices: dict[str, str]) -> ImportPlan:
    upload = [(n, d.encode() if isinstance(d, str) else d) for n, d in files.items()]
    table = importers.read_upload(upload, "auto")
    infos = importers.columns(table, choices.get("roles", {}), choices.get("types", {}))
    return importers.plan_import(table, infos)


def test_a_messy_log_keeps_every_odd_value() -> None:
    plan = _plan({"log.csv": MESSY})

    types = {info.name: info.type for info in plan.columns}
    roles = {info.name: info.role for info in plan.columns}
    assert types["lr"] == "float" and types["dropout"] == "float"
    assert types["batch_size"] == "categorical"  # 32, 64 and (256,) in one column
    assert types["optimizer"] == "categorical" and types["layers"] == "categorical"
    assert roles["run"] == "id" and roles["notes"] == "ignore"
    assert roles["val_acc"] == "metric" and roles["val_loss"] == "metric"
    assert roles["batch_size"] == "hyperparameter"

    assert len(plan.experiments) == 4  # the pasted repeat is imported once
    first, second, third, fourth = plan.experiments
    assert first.params == {
        "lr": 0.001,
        "batch_size": "32",
        "optimizer": "<class 'keras.optimizers.Adam'>",
        "layers": "(256,)",
        "dropout": 0.5,
    }
    assert second.params["layers"] == "(256, 128)" and "dropout" not in second.params
    assert third.params["batch_size"] == "(256,)"
    assert "dropout" not in fourth.params  # n/a in a numeric column: no value
    assert math.isnan(third.metrics["val_acc"][0].value)
    assert third.metrics["val_loss"][0].value == math.inf
    assert "val_loss" not in second.metrics
    assert [e.source_id for e in plan.experiments] == ["1", "2", "3", "4"]
    assert fourth.row.line == 7  # lines counted through CRLF and a blank line
    assert any("log.csv, line 6 repeats log.csv, line 5" in w for w in plan.warnings)
    assert any("read as missing" in n for i in plan.columns for n in i.notes if i.name == "dropout")


def test_several_files_are_united_by_column() -> None:
    plan = _plan(
        {
            "a.csv": "lr,bs,acc\n0.1,32,0.8\n",
            "b.csv": "lr,momentum,acc\n0.2,0.9,0.7\n",
            "c.tsv": "bs\tacc\tlr\n64\t0.6\t0.3\n",
        }
    )

    assert [info.name for info in plan.columns] == ["lr", "bs", "acc", "momentum"]
    assert [e.params for e in plan.experiments] == [
        {"lr": 0.1, "bs": 32},
        {"lr": 0.2, "momentum": 0.9},
        {"lr": 0.3, "bs": 64},
    ]
    assert any("different columns" in w for w in plan.warnings)


def test_short_rows_are_padded_and_trailing_delimiters_ignored() -> None:
    plan = _plan({"log.csv": "lr,bs,acc,\n0.1,32\n0.2,64,0.5,,\n"})

    assert [e.params for e in plan.experiments] == [{"lr": 0.1, "bs": 32}, {"lr": 0.2, "bs": 64}]
    assert any("fewer values" in w for w in plan.warnings)


def test_a_semicolon_log_and_a_utf16_tsv_from_a_spreadsheet() -> None:
    semicolons = _plan({"log.txt": "lr;acc\n0.1;0.5\n"})
    assert semicolons.experiments[0].params == {"lr": 0.1}

    utf16 = codecs.BOM_UTF16_LE + "lr\tacc\r\n0.2\t0.6\r\n".encode("utf-16-le")
    plan = _plan({"sheet.tsv": utf16})
    assert plan.experiments[0].params == {"lr": 0.2}


@pytest.mark.parametrize(
    ("broken", "line", "column", "words"),
    [
        ('0.3,"unterminated,0.7\n', 4, 2, "never closed"),
        ('0.3,"ab"c,0.7\n', 4, 2, "after a closing quote"),
        ("0.3,0.5,0.7,9\n", 4, 4, "4 values but the header names 3"),
    ],
)
def test_a_broken_line_in_the_third_file_is_named(
    broken: str, line: int, column: int, words: str
) -> None:
    good = "lr,bs,acc\n0.1,32,0.5\n0.2,64,0.6\n"
    with pytest.raises(MalformedFile) as caught:
        _plan({"a.csv": good, "b.csv": good, "c.csv": good + broken})

    error = caught.value
    assert (error.file, error.line, error.column) == ("c.csv", line, column)
    assert words in error.message
    assert error.message.startswith(f"c.csv, line {line}, column {column}: ")


@pytest.mark.parametrize(
    ("data", "words", "line"),
    [
        (b"", "empty", None),
        (b"   \n\n", "empty", None),
        (b"lr,acc\n0.1,\x00\x01\x02\xff", "binary data", 2),
        (b"lr,acc\n0.1,caf\xe9\n", "not UTF-8", 2),
        (b"lr,acc\n", "no data rows", 1),
    ],
)
def test_unreadable_files_are_refused_by_name(data: bytes, words: str, line: int | None) -> None:
    with pytest.raises(MalformedFile) as caught:
        _plan({"junk.csv": data})
    assert caught.value.file == "junk.csv" and words in caught.value.message
    assert caught.value.line == line


def test_a_type_can_be_forced_when_every_value_fits() -> None:
    log = 'lr,bs,acc\n0.1,32,0.5\n0.2,"(256,)",0.6\n'
    plan = _plan({"log.csv": log}, types={"lr": "categorical"})
    assert plan.experiments[0].params["lr"] == "0.1"

    with pytest.raises(InvalidInput) as caught:
        _plan({"log.csv": log}, types={"bs": "int"})
    assert caught.value.field == "types.bs"
    assert "log.csv, line 3" in caught.value.message and "(256,)" in caught.value.message


@pytest.mark.parametrize(
    ("roles", "field"),
    [
        ({"nope": "metric"}, "roles.nope"),
        ({"opt": "metric"}, "roles.opt"),
        ({"opt": "status", "lr": "status"}, "roles.opt"),
        ({"lr": "ignore", "opt": "ignore", "acc": "ignore"}, "roles"),
    ],
)
def test_impossible_roles_are_refused(roles: dict[str, str], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        _plan({"log.csv": "lr,opt,acc\n0.1,adam,0.5\n"}, roles=roles)
    assert caught.value.field == field


def test_the_export_headers_say_the_roles() -> None:
    log = (
        "experiment_id,param:lr,param:opt,metric:acc,metric_min:acc,metric_max:acc\n"
        "7,0.1,adam,0.5,0.4,0.6\n"
    )
    plan = _plan({"export.csv": log})

    roles = {info.name: info.role for info in plan.columns}
    assert roles == {
        "experiment_id": "id",
        "lr": "hyperparameter",
        "opt": "hyperparameter",
        "acc": "metric",
        "metric_min:acc": "ignore",
        "metric_max:acc": "ignore",
    }
    assert plan.experiments[0].params == {"lr": 0.1, "opt": "adam"}


def test_status_and_times_from_chosen_columns() -> None:
    log = (
        "lr,state,start,end,acc\n"
        "0.1,COMPLETE,2024-05-01T10:00:00Z,1714561200,0.5\n"
        "0.2,TrialState.PRUNED,2024-05-01 11:00:00,,0.4\n"
        "0.3,crashed,,,\n"
    )
    plan = _plan({"log.csv": log})

    assert [e.status for e in plan.experiments] == ["completed", "stopped", "failed"]
    first = plan.experiments[0]
    assert (
        first.started_at is not None and first.started_at.isoformat() == "2024-05-01T10:00:00+00:00"
    )
    assert first.ended_at is not None and first.ended_at.isoformat() == "2024-05-01T11:00:00+00:00"
    assert any("without a time zone" in w for w in plan.warnings)

    with pytest.raises(InvalidInput) as caught:
        _plan({"log.csv": "lr,start\n0.1,yesterday\n"})
    assert caught.value.field == "roles.start" and "line 2" in caught.value.message
