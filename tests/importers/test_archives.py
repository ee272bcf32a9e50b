"""Folders sent as zip or tar archives, and archives built to do harm."""

from __future__ import annotations

import io
import tarfile
import zipfile
from pathlib import Path

import pytest
from real_inputs import read_folder, real_inputs

from hypertuner import importers
from hypertuner.core.errors import InvalidInput
from hypertuner.importers import MalformedFile
from hypertuner.importers.files import unpack

Upload = list[tuple[str, bytes]]


@pytest.fixture(scope="module")
def inputs() -> Path:
    return real_inputs()


def _zip(entries: Upload, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as bundle:
        for name, data in entries:
            bundle.writestr(name, data)
    return out.getvalue()


def _tar(entries: Upload, links: dict[str, str] | None = None) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as bundle:
        for name, data in entries:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            bundle.addfile(info, io.BytesIO(data))
        for name, target in (links or {}).items():
            info = tarfile.TarInfo(name)
            info.type, info.linkname = tarfile.SYMTYPE, target
            bundle.addfile(info)
    return out.getvalue()


def test_a_zipped_ray_tune_folder_reads_like_the_folder(inputs: Path) -> None:
    files = read_folder(inputs / "raytune-rllib-impala-pong")
    table = importers.read_upload([("results.zip", _zip(files))], "auto")

    assert table.format == "ray_tune" and len(table.rows) == 1
    assert table.rows[0].source.startswith("results.zip/raytune-rllib-impala-pong/IMPALA_")
    assert len(table.rows[0].curves["episode_reward_mean"]) == 23


def test_a_tarred_mlflow_store(inputs: Path) -> None:
    files = read_folder(inputs / "mlflow-packt-hpo" / "mlruns")
    table = importers.read_upload([("mlruns.tar.gz", _tar(files))], "mlflow")
    assert table.format == "mlflow" and len(table.rows) == 3


@pytest.mark.parametrize(
    "name",
    ["../evil.csv", "runs/../../evil.csv", "/etc/passwd", "C:/Windows/evil.csv", "..\\x.csv"],
)
def test_entries_leaving_the_folder_are_refused(name: str) -> None:
    with pytest.raises(MalformedFile) as caught:
        unpack([("upload.zip", _zip([("ok.csv", b"a\n1\n"), (name, b"a\n1\n")]))])
    assert caught.value.file == "upload.zip" and repr(name) in caught.value.message


def test_a_tar_entry_leaving_the_folder_is_refused() -> None:
    with pytest.raises(MalformedFile):
        unpack([("upload.tar.gz", _tar([("../../tmp/evil.csv", b"a\n1\n")]))])


def test_uploaded_file_names_are_checked_too() -> None:
    with pytest.raises(MalformedFile):
        unpack([("../../etc/cron.d/job", b"a\n1\n")])


def test_links_in_a_tar_are_skipped() -> None:
    found = unpack([("up.tar.gz", _tar([("log.csv", b"a\n1\n")], {"secret": "/etc/shadow"}))])
    assert [f.name for f in found.files] == ["up.tar.gz/log.csv"]
    assert found.skipped == ["up.tar.gz/secret (a link or device)"]


def test_a_decompression_bomb_is_refused_before_it_is_read() -> None:
    bomb = _zip([("huge.csv", b"0" * (4 * 1024 * 1024))])
    assert len(bomb) < 20_000
    with pytest.raises(MalformedFile) as caught:
        unpack([("bomb.zip", bomb)])
    assert "bomb" in caught.value.message


def test_an_entry_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("hypertuner.importers.files.MAX_FILE_BYTES", 1000)
    stored = _zip([("big.csv", bytes(range(256)) * 8)], zipfile.ZIP_STORED)
    with pytest.raises(MalformedFile) as caught:
        unpack([("big.zip", stored)])
    assert "larger than" in caught.value.message


def test_broken_archives_are_named() -> None:
    with pytest.raises(MalformedFile) as caught:
        unpack([("broken.zip", b"PK\x03\x04" + b"\x00garbage" * 50)])
    assert caught.value.file == "broken.zip"

    with pytest.raises(MalformedFile) as caught:
        unpack([("broken.tgz", b"\x1f\x8b\x08\x00" + b"garbage" * 50)])
    assert caught.value.file == "broken.tgz"


def test_mac_junk_is_left_out() -> None:
    archive = _zip(
        [("log.csv", b"lr\n1\n"), ("__MACOSX/._log.csv", b"\x00\x05"), (".DS_Store", b"\x00")]
    )
    assert [f.name for f in unpack([("up.zip", archive)]).files] == ["up.zip/log.csv"]


def test_an_upload_of_unknown_files_names_them() -> None:
    with pytest.raises(InvalidInput) as caught:
        importers.read_upload([("model.pt", b"\x80\x04junk"), ("a.png", b"\x89PNG")], "auto")
    assert caught.value.field == "format" and "model.pt" in caught.value.message
