"""How the dashboard draws each hyperparameter's axis, from the spec or from the values."""

from __future__ import annotations

from hypertuner.models import Run
from hypertuner.schemas.dashboard import ParamInfo
from hypertuner.services.dashboard import param_infos


def _infos(spec: dict[str, object], params: list[dict[str, object]]) -> dict[str, ParamInfo]:
    return {info.name: info for info in param_infos(Run(spec=spec), params)}


def test_the_spec_decides_type_and_scale() -> None:
    spec = {
        "lr": {"from": 1e-4, "to": 1e-1, "count": 4, "scale": "log"},
        "bs": {"from": 16, "to": 64, "step": "*2"},
        "dropout": {"from": 0.1, "to": 0.5, "step": 0.2},
        "act": ["relu", "tanh"],
        "flag": [True, False],
    }
    infos = _infos(spec, [])

    assert [(i.name, i.type, i.scale) for i in infos.values()] == [
        ("lr", "float", "log"),
        ("bs", "int", "log"),
        ("dropout", "float", "linear"),
        ("act", "categorical", "band"),
        ("flag", "bool", "band"),
    ]
    assert infos["bs"].values == [16, 32, 64]


def test_without_a_spec_the_values_decide() -> None:
    params: list[dict[str, object]] = [
        {"lr": 0.001, "layers": 2, "opt": "adam"},
        {"lr": 0.1, "layers": 3, "opt": None},
        {"lr": 1.0, "layers": 4},
    ]
    infos = _infos({}, params)

    assert infos["lr"].scale == "log"
    assert (infos["layers"].type, infos["layers"].scale) == ("int", "linear")
    assert infos["opt"].scale == "band"


def test_a_broken_spec_falls_back_to_the_values() -> None:
    infos = _infos({"lr": {"from": 1, "to": 0, "step": 1}}, [{"lr": 0.5}])
    assert infos["lr"].type == "float"
