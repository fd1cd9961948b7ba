"""Settings: each missing or malformed value is one clear line and exit status 2."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot import config

TOKEN = "123456789:TESTtokenTESTtokenTESTtokenTESTtok"
ROOT = Path(__file__).parent.parent


def test_a_token_alone_is_enough() -> None:
    settings = config.load({"TELEGRAM_BOT_TOKEN": TOKEN})
    assert settings.token == TOKEN
    assert settings.api_base_url is None
    assert settings.log_level == "INFO"
    assert settings.webhook is None


@pytest.mark.parametrize(
    ("environ", "complaint"),
    [
        ({}, "TELEGRAM_BOT_TOKEN is not set"),
        ({"TELEGRAM_BOT_TOKEN": "not-a-token"}, "does not look like a bot token"),
        ({"TELEGRAM_API_BASE_URL": "ftp://x"}, "TELEGRAM_API_BASE_URL must be an http(s) URL"),
        ({"LOG_LEVEL": "chatty"}, "LOG_LEVEL must be one of"),
        ({"TELEGRAM_TIMEOUT": "soon"}, "TELEGRAM_TIMEOUT must be a number"),
        ({"TELEGRAM_RETRIES": "-1"}, "TELEGRAM_RETRIES must be at least 0"),
    ],
)
def test_bad_setting_names_itself(environ: dict[str, str], complaint: str) -> None:
    base = {} if environ == {} else {"TELEGRAM_BOT_TOKEN": TOKEN}
    if "TELEGRAM_BOT_TOKEN" in environ:
        base = {}
    with pytest.raises(config.ConfigError, match=complaint.replace("(", r"\(").replace(")", r"\)")):
        config.load(base | environ)


def test_bad_token_is_never_echoed() -> None:
    secretish = "12345:short"
    with pytest.raises(config.ConfigError) as raised:
        config.load({"TELEGRAM_BOT_TOKEN": secretish})
    assert secretish not in str(raised.value)


def test_webhook_needs_a_url_and_a_secret() -> None:
    with pytest.raises(config.ConfigError, match="WEBHOOK_URL is not set"):
        config.load({"TELEGRAM_BOT_TOKEN": TOKEN}, webhook=True)
    with pytest.raises(config.ConfigError, match="WEBHOOK_SECRET must be set"):
        config.load({"TELEGRAM_BOT_TOKEN": TOKEN, "WEBHOOK_URL": "https://a.example"}, webhook=True)


def test_webhook_settings_are_read() -> None:
    settings = config.load(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "WEBHOOK_URL": "https://bot.example.org/",
            "WEBHOOK_SECRET": "s3cret-value",
            "WEBHOOK_PORT": "8080",
            "WEBHOOK_PATH": "/hook/",
        },
        webhook=True,
    )
    assert settings.webhook == config.Webhook(
        url="https://bot.example.org/hook",
        secret="s3cret-value",
        listen="0.0.0.0",
        port=8080,
        path="hook",
    )


def test_webhook_port_out_of_range() -> None:
    environ = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "WEBHOOK_URL": "https://a.example",
        "WEBHOOK_SECRET": "x",
        "WEBHOOK_PORT": "70000",
    }
    with pytest.raises(
        config.ConfigError, match="WEBHOOK_PORT must be at least 1 and at most 65535"
    ):
        config.load(environ, webhook=True)


def run_faqbot(
    tmp_path: Path, *args: str, dotenv: str = "", **env: str
) -> subprocess.CompletedProcess:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))
    }
    environment.update(env)
    environment["PYTHONPATH"] = str(ROOT)
    (tmp_path / ".env").write_text(dotenv)
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
        timeout=60,
    )


def test_run_without_a_token_is_one_line_and_status_2(tmp_path: Path) -> None:
    result = run_faqbot(tmp_path, "run")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "TELEGRAM_BOT_TOKEN is not set" in result.stderr


def test_malformed_setting_from_dotenv_is_one_line_and_status_2(tmp_path: Path) -> None:
    result = run_faqbot(tmp_path, "run", dotenv=f"TELEGRAM_BOT_TOKEN={TOKEN}\nLOG_LEVEL=loud\n")
    assert result.returncode == 2
    assert result.stderr.strip() == "faqbot: LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR"


def test_environment_wins_over_dotenv(tmp_path: Path) -> None:
    result = run_faqbot(
        tmp_path, "run", dotenv="TELEGRAM_BOT_TOKEN=bad\n", TELEGRAM_BOT_TOKEN=TOKEN, LOG_LEVEL="x"
    )
    assert "LOG_LEVEL" in result.stderr  # got past the token check: the environment's was used


def test_unreachable_api_is_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    result = run_faqbot(
        tmp_path,
        "run",
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL="http://127.0.0.1:9/bot",
        TELEGRAM_TIMEOUT="1",
        TELEGRAM_RETRIES="0",
    )
    assert result.returncode == 1
    assert "cannot reach the Telegram Bot API" in result.stderr
    assert "Traceback" not in result.stderr
    assert TOKEN not in result.stderr + result.stdout


def test_unusable_database_path_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run_faqbot(
        tmp_path, "run", TELEGRAM_BOT_TOKEN=TOKEN, FAQBOT_DB_PATH=str(blocker / "faqbot.db")
    )
    assert result.returncode == 2
    assert "cannot use FAQBOT_DB_PATH" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("name", "value", "complaint"),
    [
        ("FAQBOT_RETENTION_DAYS", "1000000", "at most 3650"),
        ("FAQBOT_HANDOFF_DAYS", "366", "at most 365"),
        ("FAQBOT_RELOAD_SECONDS", "nan", "a number from 0.1 to 3600, not 'nan'"),
        ("FAQBOT_RELOAD_SECONDS", "inf", "a number from 0.1 to 3600, not 'inf'"),
        ("FAQBOT_RELOAD_SECONDS", "-inf", "a number from 0.1 to 3600, not '-inf'"),
        ("TELEGRAM_RATE_LIMIT", "nan", "a number from 0 to 1000"),
        ("TELEGRAM_RATE_LIMIT", "5000", "at most 1000"),
        ("TELEGRAM_TIMEOUT", "1e9", "at most 600"),
        ("TELEGRAM_RETRIES", "1000", "at most 100"),
        ("STAFF_CHAT_ID", "0", "numeric id of the staff group"),
        ("STAFF_CHAT_ID", str(2**70), "numeric id of the staff group"),
        ("ADMIN_IDS", "12, -5", "positive numbers"),
        ("FAQBOT_CHAT_BURST", "0", "at least 1"),
        ("FAQBOT_CHAT_RATE", "lots", "a number from 0.01 to 1000"),
    ],
)
def test_every_numeric_setting_is_range_checked(name: str, value: str, complaint: str) -> None:
    with pytest.raises(config.ConfigError, match=rf"^{name} must .*{re.escape(complaint)}"):
        config.load({"TELEGRAM_BOT_TOKEN": TOKEN, name: value})


def test_numeric_settings_at_their_bounds_are_accepted() -> None:
    settings = config.load(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "FAQBOT_RETENTION_DAYS": "3650",
            "FAQBOT_RELOAD_SECONDS": "0.1",
            "TELEGRAM_RATE_LIMIT": "0",
            "STAFF_CHAT_ID": "-1001234567890",
        }
    )
    assert settings.retention_days == 3650 and settings.reload_seconds == 0.1
    assert settings.staff_chat_id == -1001234567890


def test_webhook_url_must_be_https_unless_the_api_is_self_hosted() -> None:
    environ = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "WEBHOOK_URL": "http://a.example",
        "WEBHOOK_SECRET": "x",
    }
    with pytest.raises(config.ConfigError, match="WEBHOOK_URL must be an https URL"):
        config.load(environ, webhook=True)
    local = environ | {"TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot"}
    assert config.load(local, webhook=True).webhook is not None


def test_env_file_with_an_unclosed_quote_names_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text(f'# settings\nLOG_LEVEL=INFO\nTELEGRAM_BOT_TOKEN="{TOKEN}\nFAQ_PATH=x\n')
    monkeypatch.delenv("FAQ_PATH", raising=False)
    with pytest.raises(config.ConfigError) as raised:
        config.load_env_file(dotenv)
    assert str(raised.value).startswith(f"{dotenv} line 3 (TELEGRAM_BOT_TOKEN) cannot be read")
    assert TOKEN not in str(raised.value)
    assert "FAQ_PATH" not in os.environ  # nothing is loaded from a file that is refused


def test_env_file_fills_in_without_overriding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text('export FAQBOT_TEST_A="quoted value"\nFAQBOT_TEST_B=from-file\n')
    monkeypatch.setenv("FAQBOT_TEST_B", "from-environment")
    monkeypatch.delenv("FAQBOT_TEST_A", raising=False)
    config.load_env_file(dotenv)
    assert os.environ["FAQBOT_TEST_A"] == "quoted value"
    assert os.environ["FAQBOT_TEST_B"] == "from-environment"
    config.load_env_file(tmp_path / "missing.env")  # no file: nothing to do
