"""Choosing a session's mode: launched (env), external (project=) or disabled."""

import logging
from collections.abc import Mapping
from typing import Literal

from hypertuner.sdk import hooks
from hypertuner.sdk.config import Environment, read_environment
from hypertuner.sdk.errors import SdkError
from hypertuner.sdk.external import register_experiment
from hypertuner.sdk.session import Link, Session
from hypertuner.sdk.transport import Transport
from hypertuner.sdk.tune_channel import TuneChannel
from hypertuner.sdk.values import json_tree
from hypertuner.sdk.worker import Worker

logger = logging.getLogger(__name__)


def start_session(
    project: str | None = None,
    params: Mapping[str, object] | None = None,
    *,
    url: str | None = None,
    token: str | None = None,
    run: str | None = None,
) -> Session:
    """Start a session in the mode the environment and the arguments call for."""
    env = read_environment()

    if env.experiment_id is not None:
        if project is not None:
            logger.debug("HyperTuner: launched experiment; project=%r is ignored", project)
        return _launched(env, params)

    if project is not None:
        return _external(env, project, params, url, token, run)

    logger.info(
        "HyperTuner: no experiment in the environment and no project given; "
        "metrics are not recorded"
    )
    return Session(params)


def _launched(env: Environment, defaults: Mapping[str, object] | None) -> Session:
    """The launcher's values win over defaults the script passes."""
    if env.experiment_id is None or env.url is None or env.token is None:
        raise SdkError("HYPERTUNER_EXPERIMENT_ID needs HYPERTUNER_URL and HYPERTUNER_TOKEN too")

    params = {**(defaults or {}), **env.params}
    transport = Transport(env.url, env.token)
    return _connected(env, "launched", env.experiment_id, transport, params)


def _external(
    env: Environment,
    project: str,
    params: Mapping[str, object] | None,
    url: str | None,
    token: str | None,
    run: str | None,
) -> Session:
    if not isinstance(project, str) or not project:
        raise ValueError(f"project must be a non-empty string, got {project!r}")

    base_url = url or env.url
    api_token = token or env.api_token
    if base_url is None or api_token is None:
        raise SdkError(
            "project= needs the service URL and an API token: pass url= and token=, "
            "or set HYPERTUNER_URL and HYPERTUNER_API_TOKEN"
        )

    experiment_id, experiment_token = _register(base_url, api_token, project, params, run)
    hooks.install_excepthook()
    transport = Transport(base_url, experiment_token)
    return _connected(env, "external", experiment_id, transport, params or {})


def _register(
    url: str, token: str, project: str, params: Mapping[str, object] | None, run: str | None
) -> tuple[str, str]:
    # Not retried: a POST whose answer was lost could leave a second experiment behind.
    transport = Transport(url, token)
    try:
        return register_experiment(transport, project, json_tree(params or {}), run)
    except SdkError as exc:
        raise SdkError(f"could not start an experiment in project {project!r}: {exc}") from exc
    finally:
        transport.close()


def _connected(
    env: Environment,
    mode: Literal["launched", "external"],
    experiment_id: str,
    transport: Transport,
    params: Mapping[str, object],
) -> Session:
    try:
        channel = None if env.tune_channel is None else TuneChannel(env.tune_channel)
    except OSError as exc:
        transport.close()
        raise SdkError(f"cannot open HYPERTUNER_TUNE_CHANNEL: {exc}") from exc

    worker = Worker(transport, f"/api/experiments/{experiment_id}/metrics")
    link = Link(mode, experiment_id, worker)

    logger.info(
        "HyperTuner: logging to experiment %s at %s (%s)", experiment_id, transport.base_url, mode
    )
    return Session(params, link=link, tune_channel=channel, flush_timeout=env.flush_timeout)


def launched_session(
    url: str, token: str, experiment_id: str, params: Mapping[str, object]
) -> Session:
    """A launched session built from explicit values, for the launcher's own forwarding.

    It has no Tune channel: the launcher reports stdout records to Tune itself.
    """
    env = Environment(url=url, experiment_id=experiment_id, token=token, params=dict(params))
    return _connected(env, "launched", experiment_id, Transport(url, token), params)
