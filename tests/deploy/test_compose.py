"""The deployment files: the compose file is valid and the image copies what exists."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from conftest import IN_CI, REPO


def test_compose_file_is_valid() -> None:
    tool = shutil.which("docker-compose")
    if tool is None:
        message = "docker-compose (Debian package) is needed to validate docker-compose.yml"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    env = {**os.environ, "HYPERTUNER_SECRET_KEY": "test"}
    done = subprocess.run(
        [tool, "-f", "docker-compose.yml", "config", "-q"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def test_compose_refuses_to_start_without_a_secret_key() -> None:
    tool = shutil.which("docker-compose")
    if tool is None:
        pytest.skip("docker-compose is checked by the test above")
    env = {k: v for k, v in os.environ.items() if k != "HYPERTUNER_SECRET_KEY"}
    done = subprocess.run(
        [tool, "-f", "docker-compose.yml", "config", "-q"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0 and "HYPERTUNER_SECRET_KEY" in done.stderr


def test_the_image_copies_existing_paths() -> None:
    dockerfile = (REPO / "deploy" / "Dockerfile").read_text()
    for source in re.findall(r"^COPY (?!--from)(\S+)", dockerfile, flags=re.MULTILINE):
        assert (REPO / source).exists(), source
