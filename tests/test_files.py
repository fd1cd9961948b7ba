"""Files written whole (faq/files.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from faq import files


def test_the_new_content_replaces_the_old_keeping_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "phrasings.yaml"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o640)
    files.write_atomically(path, "new\r\n")
    assert path.read_bytes() == b"new\r\n"
    assert path.stat().st_mode & 0o777 == 0o640


def test_a_new_file_gets_the_mode_it_is_given(tmp_path: Path) -> None:
    path = tmp_path / ".env"
    files.write_atomically(path, b"TELEGRAM_BOT_TOKEN=x\n", 0o600)
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "clinic.yaml"
    path.write_text("old\n", encoding="utf-8")

    def refuse(source: str, target: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(OSError):
        files.write_atomically(path, "new\n")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["clinic.yaml"]
