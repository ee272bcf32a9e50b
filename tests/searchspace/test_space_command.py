"""Command templates: placeholders, argv building without a shell, and command checks."""

import json
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from hypertuner.searchspace import (
    InvalidSearchSpace,
    build_argv,
    check_command,
    parse_space,
    placeholders,
)

ECHO_ARGV = "import json, sys; print(json.dumps(sys.argv[1:]))"


def echo_template(arguments: str) -> str:
    """A command printing its own argv as JSON, so a test sees exactly what a script gets."""
    return f"{shlex.quote(sys.executable)} -c {shlex.quote(ECHO_ARGV)} {arguments}"


def run(argv: list[str]) -> list[str]:
    result = subprocess.run(argv, capture_output=True, text=True, check=True, timeout=30)
    arguments: list[str] = json.loads(result.stdout)
    return arguments


def raised_field(call: Callable[[], object]) -> str:
    """The field named by the `InvalidSearchSpace` that `call` raises."""
    with pytest.raises(InvalidSearchSpace) as error:
        call()
    return error.value.field


def test_placeholders_in_order_of_first_use() -> None:
    command = "python train.py --lr={lr} --batch-size {batch_size} --again {lr}"

    assert placeholders(command) == ["lr", "batch_size"]


def test_placeholders_inside_quotes_and_doubled_braces() -> None:
    assert placeholders("echo '{a} and {b}'") == ["a", "b"]
    assert placeholders("echo {{not_a_placeholder}} {{{real}}}") == ["real"]
    assert placeholders("python train.py") == []
    assert placeholders("") == []


def test_build_argv_renders_values_canonically() -> None:
    command = "python train.py --batch-size {batch_size} --lr={lr} --shuffle {shuffle} {x}"
    params = {"batch_size": 32, "lr": 0.1 + 0.2, "shuffle": True, "x": None}

    assert build_argv(command, params) == [
        "python",
        "train.py",
        "--batch-size",
        "32",
        "--lr=0.3",
        "--shuffle",
        "true",
        "none",
    ]


def test_build_argv_keeps_literal_braces_and_unused_params() -> None:
    argv = build_argv("echo {{x}} {a}-{b} '{{a}}'", {"a": 1, "b": "z", "unused": 5})

    assert argv == ["echo", "{x}", "1-z", "{a}"]


@pytest.mark.parametrize(
    "value",
    [
        "1; rm -rf ~",
        "$(touch /tmp/x)",
        "`id`",
        "a b  c",
        "'quoted' \"too\"",
        "x && y | z",
        "",
    ],
)
def test_values_stay_single_argv_items(value: str) -> None:
    argv = build_argv("python train.py --name {name} --tag=[{name}]", {"name": value})

    assert argv == ["python", "train.py", "--name", value, f"--tag=[{value}]"]


def test_built_argv_runs_without_a_shell(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    hostile = [f"1; touch {marker}", f"$(touch {marker})", f"`touch {marker}`"]
    template = echo_template("--a={a} {b} --c {c} plain")

    arguments = run(build_argv(template, {"a": hostile[0], "b": hostile[1], "c": hostile[2]}))

    assert arguments == [f"--a={hostile[0]}", hostile[1], "--c", hostile[2], "plain"]
    assert not marker.exists()


def test_built_argv_passes_rendered_numbers(tmp_path: Path) -> None:
    template = echo_template("--lr={lr} --batch-size {batch_size} --flag={flag}")
    params = {"lr": 0.00010000000000000002, "batch_size": 64, "flag": False}

    assert run(build_argv(template, params)) == [
        "--lr=0.0001",
        "--batch-size",
        "64",
        "--flag=false",
    ]


def test_build_argv_needs_every_placeholder_value() -> None:
    with pytest.raises(InvalidSearchSpace) as error:
        build_argv("python train.py {lr} {missing}", {"lr": 1})

    assert error.value.field == "command"
    assert "{missing}" in error.value.message


@pytest.mark.parametrize(
    "command",
    [
        "python 'train.py",
        'python "train.py',
        "python train.py {lr",
        "python train.py lr}",
        "python train.py {1lr}",
        "python train.py {}",
        "python train.py {lr:.3f}",
        "python train.py {lr!r}",
        "python train.py {a.b}",
        "python train.py {a[0]}",
        "awk '{print $1}'",
    ],
)
def test_malformed_commands_are_refused(command: str) -> None:
    dimensions = parse_space({"lr": [0.1]})

    assert raised_field(lambda: placeholders(command)) == "command"
    assert raised_field(lambda: build_argv(command, {"lr": 0.1})) == "command"
    assert raised_field(lambda: check_command(command, dimensions)) == "command"


@pytest.mark.parametrize("command", ["", "   "])
def test_empty_commands_are_refused(command: str) -> None:
    assert raised_field(lambda: build_argv(command, {})) == "command"
    assert raised_field(lambda: check_command(command, [])) == "command"


def test_check_command_refuses_unknown_placeholders() -> None:
    dimensions = parse_space({"lr": [0.1], "batch_size": [32]})

    with pytest.raises(InvalidSearchSpace) as error:
        check_command("python train.py --lr={lr} --epochs {epochs} {layers}", dimensions)

    assert error.value.field == "command"
    assert "{epochs}" in error.value.message
    assert "{layers}" in error.value.message


def test_check_command_warns_about_unused_hyperparameters() -> None:
    dimensions = parse_space({"lr": [0.1], "dropout": [0.3], "seed": [1]})

    hint = "is not used in the command; the script can read it with hypertuner.params()"

    assert check_command("python train.py --lr={lr}", dimensions) == [
        f"hyperparameter 'dropout' {hint}",
        f"hyperparameter 'seed' {hint}",
    ]


def test_check_command_with_everything_used() -> None:
    dimensions = parse_space({"lr": [0.1], "batch_size": [32]})

    assert check_command("python train.py --lr={lr} -b {batch_size}", dimensions) == []


def test_empty_params_need_a_command_without_placeholders() -> None:
    assert check_command("python train.py", parse_space({})) == []

    with pytest.raises(InvalidSearchSpace) as error:
        check_command("python train.py --lr={lr}", parse_space({}))

    assert error.value.field == "command"
    assert "{lr}" in error.value.message
