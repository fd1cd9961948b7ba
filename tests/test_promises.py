"""The README's promise: a missing or broken file or setting is one line naming it and
exit status 2, never a traceback."""

from __future__ import annotations

import http.server
import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import analytics, cli

ROOT = Path(__file__).parent.parent
TOKEN = "123456789:TESTtokenTESTtokenTESTtokenTESTtok"
# Logged at every start with FAQBOT_SEMANTIC=off, which keeps these tests fast.
NET_OFF = "semantic safety net is off"


def faqbot(
    *args: str, cwd: Path = ROOT, stdin: bytes = b"", **env: str
) -> subprocess.CompletedProcess[str]:
    """Run the command in a clean environment (no token, no FAQ_PATH), net off."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "WEBHOOK_", "FAQBOT_", "FAQ_PATH"))
    }
    environment |= {"FAQBOT_SEMANTIC": "off", "PYTHONPATH": str(ROOT)} | env
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        capture_output=True,
        timeout=60,
        env=environment,
        cwd=cwd,
    )
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8", "replace"),
        result.stderr.decode("utf-8", "replace"),
    )


def refusal(result: subprocess.CompletedProcess[str]) -> str:
    """The one line a refused command printed; fails unless it is exactly that and status 2."""
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if NET_OFF not in line]
    assert len(lines) == 1, result.stderr
    assert result.returncode == 2, result.stderr
    assert lines[0].startswith("faqbot")
    return lines[0]


# --- faqbot eval ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "complaint"),
    [
        (b"", "no cases in"),
        (b"[]\n", "no cases in"),
        (b"\xff\xfe not utf-8", "is not UTF-8 text"),
        (b"# Title\n\n```sh\nmake run\n```\n", "line 3: not a YAML labelled set"),
        (b"just: a mapping\n", "must be a YAML list of cases"),
        (b"- text: hello\n  kind: nonsense\n", "case 1: kind must be one of"),
        (b"- just a string\n", "case 1 must be a mapping with a text"),
    ],
)
def test_eval_of_a_broken_set_is_one_line(tmp_path: Path, content: bytes, complaint: str) -> None:
    labelled = tmp_path / "set.yaml"
    labelled.write_bytes(content)
    line = refusal(faqbot("eval", str(labelled)))
    assert str(labelled) in line and complaint in line


def test_eval_of_the_readme_and_of_a_folder_is_one_line(tmp_path: Path) -> None:
    assert "README.md line" in refusal(faqbot("eval", "README.md"))
    assert f"{tmp_path} is a folder" in refusal(faqbot("eval", str(tmp_path)))


# --- the analytics database -----------------------------------------------------------


def corrupt_db(tmp_path: Path) -> Path:
    path = tmp_path / "corrupt.db"
    path.write_bytes(b"this is not an SQLite database, whatever its name says" * 20)
    return path


def folder_db(tmp_path: Path) -> Path:
    path = tmp_path / "folder.db"
    path.mkdir()
    return path


@pytest.mark.parametrize(("make", "why"), [(corrupt_db, "not a database"), (folder_db, "folder")])
def test_report_on_a_broken_database_is_one_line(tmp_path: Path, make, why: str) -> None:
    path = make(tmp_path)
    line = refusal(faqbot("report", FAQBOT_DB_PATH=str(path)))
    assert f"FAQBOT_DB_PATH={path}" in line and why in line


@pytest.mark.parametrize(("make", "why"), [(corrupt_db, "not a database"), (folder_db, "folder")])
def test_ask_record_on_a_broken_database_still_answers(tmp_path: Path, make, why: str) -> None:
    path = make(tmp_path)
    result = faqbot("ask", "--record", "is ketamine addictive?", FAQBOT_DB_PATH=str(path))
    line = refusal(result)
    assert f"FAQBOT_DB_PATH={path}" in line and why in line
    assert "lower risk of addiction" in result.stdout  # the answer, printed all the same


def test_chat_record_on_a_broken_database_is_refused_before_chatting(tmp_path: Path) -> None:
    path = corrupt_db(tmp_path)
    assert "not a database" in refusal(faqbot("chat", "--record", FAQBOT_DB_PATH=str(path)))


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_report_and_ask_record_in_a_read_only_folder(tmp_path: Path) -> None:
    path = tmp_path / "ro" / "faqbot.db"
    analytics.Store(path).close()
    path.parent.chmod(0o500)
    try:
        assert "FAQBOT_DB_PATH" in refusal(faqbot("report", FAQBOT_DB_PATH=str(path)))
        assert "FAQBOT_DB_PATH" in refusal(
            faqbot("ask", "--record", "hi", FAQBOT_DB_PATH=str(path))
        )
    finally:
        path.parent.chmod(0o700)


def test_a_read_only_database_is_one_line_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Tests run as root here, which writes anywhere: SQLite's own error stands in.
    def read_only(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    path = tmp_path / "faqbot.db"
    path.write_bytes(b"")
    monkeypatch.setenv("FAQBOT_DB_PATH", str(path))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(analytics.Store, "__init__", read_only)
    assert cli.main(["report"]) == 2
    assert capsys.readouterr().err == (
        f"faqbot: cannot read FAQBOT_DB_PATH={path}: attempt to write a readonly database\n"
    )


@pytest.mark.parametrize("days", ["99999999999", "0", "3651"])
def test_report_days_out_of_range_is_one_line(tmp_path: Path, days: str) -> None:
    path = tmp_path / "faqbot.db"
    analytics.Store(path).close()
    line = refusal(faqbot("report", "--days", days, FAQBOT_DB_PATH=str(path)))
    assert "--days must be from 1 to 3650" in line


# --- Telegram rejects the token -------------------------------------------------------


class _Unauthorized(http.server.BaseHTTPRequestHandler):
    """Answers every Bot API call as Telegram answers a revoked token."""

    def do_POST(self) -> None:
        """401, as Telegram's getMe answers a token it does not know."""
        body = json.dumps({"ok": False, "error_code": 401, "description": "Unauthorized"})
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body.encode())

    do_GET = do_POST

    def log_message(self, *args: object) -> None:
        """Quiet: the test reads the bot's output, not the server's."""


def unused_port() -> int:
    """A port nothing listens on, for the webhook server that must never start."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def unauthorized() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Unauthorized)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/bot"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("args", [("run",), ("run", "--webhook"), ()])
def test_a_rejected_token_is_one_line(tmp_path: Path, unauthorized: str, args: tuple) -> None:
    result = faqbot(
        *args,
        cwd=tmp_path,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=unauthorized,
        FAQBOT_DB_PATH=str(tmp_path / "faqbot.db"),
        WEBHOOK_URL="https://bot.example.org",
        WEBHOOK_SECRET="secret",
        WEBHOOK_PORT=str(unused_port()),
    )
    assert "polling for updates" not in result.stderr  # nothing claims to run before getMe
    assert refusal(result) == (
        "faqbot: Telegram rejected TELEGRAM_BOT_TOKEN; check it with @BotFather"
    )


# --- settings -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "complaint"),
    [
        ("FAQBOT_RETENTION_DAYS", "1000000", "at most 3650"),
        ("FAQBOT_RELOAD_SECONDS", "nan", "from 0.1 to 3600, not 'nan'"),
        ("FAQBOT_RELOAD_SECONDS", "inf", "from 0.1 to 3600, not 'inf'"),
        ("TELEGRAM_TIMEOUT", "1e9", "at most 600"),
    ],
)
def test_out_of_range_setting_is_one_line(
    tmp_path: Path, name: str, value: str, complaint: str
) -> None:
    line = refusal(faqbot("run", cwd=tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, **{name: value}))
    assert line.startswith(f"faqbot: {name} must be") and complaint in line


def test_webhook_url_must_be_https(tmp_path: Path) -> None:
    result = faqbot(
        "run",
        "--webhook",
        cwd=tmp_path,
        TELEGRAM_BOT_TOKEN=TOKEN,
        WEBHOOK_URL="http://bot.example.org",
        WEBHOOK_SECRET="secret",
    )
    assert "WEBHOOK_URL must be an https URL" in refusal(result)


# --- .env -----------------------------------------------------------------------------


@pytest.mark.parametrize("args", [(), ("run",), ("chat",), ("check",)])
def test_an_unclosed_quote_in_dotenv_names_its_line(tmp_path: Path, args: tuple) -> None:
    (tmp_path / ".env").write_text(f'LOG_LEVEL=INFO\nTELEGRAM_BOT_TOKEN="{TOKEN}\n')
    result = faqbot(*args, cwd=tmp_path)
    line = refusal(result)
    assert line == (
        f"faqbot: {tmp_path / '.env'} line 2 (TELEGRAM_BOT_TOKEN) cannot be read: "
        "write NAME=value, and close any quote the value opens"
    )
    assert TOKEN not in result.stderr  # the line may hold the token: never shown
    assert result.stdout == ""  # no fallback to the terminal chat


def test_text_after_a_closing_quote_in_dotenv_names_its_line(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("LOG_LEVEL='INFO' loud\n")
    assert "line 1 (LOG_LEVEL) cannot be read" in refusal(faqbot("check", cwd=tmp_path))


def test_a_dotenv_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    (tmp_path / ".env").write_bytes(b"LOG_LEVEL=\xff\n")
    assert ".env is not UTF-8 text" in refusal(faqbot("check", cwd=tmp_path))


def test_a_good_dotenv_still_fills_in_settings(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"export TELEGRAM_BOT_TOKEN={TOKEN}\n# a comment\nLOG_LEVEL=x\n")
    assert "LOG_LEVEL must be one of" in refusal(faqbot("run", cwd=tmp_path))


# --- check, import, ask, export -------------------------------------------------------


def test_check_takes_kb_like_every_command() -> None:
    result = faqbot("check", "--kb", "faq/kb")
    assert result.returncode == 0
    assert "OK, 16 entries" in result.stdout


def test_check_of_a_missing_file_is_status_2(tmp_path: Path) -> None:
    assert f"no knowledge base at {tmp_path / 'x.yaml'}" in refusal(
        faqbot("check", "--kb", str(tmp_path / "x.yaml"))
    )
    assert "(a folder holds entries.yaml" in refusal(faqbot("check", str(tmp_path)))


def test_ask_with_a_missing_kb_is_one_line(tmp_path: Path) -> None:
    line = refusal(faqbot("ask", "--kb", str(tmp_path / "x.yaml"), "hi"))
    assert line == f"faqbot: no knowledge base at {tmp_path / 'x.yaml'} (--kb or FAQ_PATH)"


@pytest.mark.parametrize(
    ("name", "content", "complaint"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.md", b"\n  \n\n", "is empty"),
        ("title-only.txt", b"Just one line, read as the title.\n", "no paragraph to quote"),
        ("guide.docx", b"PK\x03\x04 word processor bytes", "is a .docx file, not text"),
        ("guide.bin", b"PK\x03\x04\x00\x00", "is not a text file"),
        ("latin1.txt", b"Title\n\nCaf\xe9 and more.\n", "is not UTF-8 text"),
    ],
)
def test_import_refuses_what_it_cannot_draft(
    tmp_path: Path, name: str, content: bytes, complaint: str
) -> None:
    article = tmp_path / name
    article.write_bytes(content)
    line = refusal(faqbot("import", str(article)))
    assert str(article) in line and complaint in line
    assert sorted(tmp_path.iterdir()) == [article]  # no draft, no source written


def test_ask_stdin_that_is_not_utf8_is_one_line_after_the_good_lines() -> None:
    result = faqbot("ask", "--json", stdin=b"is ketamine addictive\n\xff\xfe\n")
    assert refusal(result) == "faqbot: standard input line 2 is not UTF-8 text"
    assert json.loads(result.stdout)["kind"] == "answer"


def test_chat_stdin_that_is_not_utf8_is_one_line() -> None:
    result = faqbot("chat", stdin=b"\xff\xfe\n")
    assert refusal(result) == "faqbot: standard input is not UTF-8 text"


@pytest.mark.parametrize(
    "args", [("export", "--format", "pdf"), ("report", "--days", "x"), ("bogus",), ("import",)]
)
def test_a_wrong_argument_is_one_line(args: tuple[str, ...]) -> None:
    line = refusal(faqbot(*args))
    assert "--help)" in line
