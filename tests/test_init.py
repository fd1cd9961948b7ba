"""`faqbot init` with standard input piped, on a copy of the shipped knowledge base."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bot.setup_wizard import env_content, fill_clinic
from faq import knowledge

ROOT = Path(__file__).parent.parent
TOKEN = "123456789:TESTtokenTESTtokenTESTtokenTESTtok"
ANSWERS = [
    "Bright Mind Clinic",
    "+1 555-0100",
    "https://book.example/bright",
    "Mon-Fri 9am-5pm",
    'Suite 2, 1 Main St: "by bus 7"',
]
FIELDS = ("name", "phone", "booking_url", "hours", "address")


@pytest.fixture
def kb_file(tmp_path: Path) -> Path:
    """A copy of the shipped knowledge base (as one file) and its article in a temporary folder."""
    shutil.copy(ROOT / "tests" / "data" / "kb-single-file.yaml", tmp_path / "ketamine-ocd.yaml")
    shutil.copy(knowledge.DEFAULT_PATH / "ketamine-ocd-article.txt", tmp_path)
    return tmp_path / "ketamine-ocd.yaml"


def init(
    cwd: Path, kb_file: Path, lines: list[str], *args: str
) -> subprocess.CompletedProcess[str]:
    """Run `faqbot init` in cwd with lines piped to its standard input."""
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "FAQ_PATH"))
    }
    environment["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "init", "--kb", str(kb_file), *args],
        input="".join(line + "\n" for line in lines),
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
        cwd=cwd,
    )


def test_init_writes_a_private_env_and_fills_the_clinic_block(
    kb_file: Path, tmp_path: Path
) -> None:
    before = kb_file.read_text(encoding="utf-8").splitlines()
    result = init(tmp_path, kb_file, [*ANSWERS, TOKEN])
    assert result.returncode == 0, result.stderr
    env = tmp_path / ".env"
    assert stat.S_IMODE(env.stat().st_mode) == 0o600
    assert f"TELEGRAM_BOT_TOKEN={TOKEN}\n" in env.read_text(encoding="utf-8")
    assert TOKEN not in result.stdout  # input() does not echo a piped answer
    clinic = knowledge.load(kb_file).clinic
    assert [getattr(clinic, field) for field in FIELDS] == ANSWERS
    after = kb_file.read_text(encoding="utf-8").splitlines()
    assert len(before) == len(after)
    pairs = enumerate(zip(before, after, strict=True))
    changed = [number for number, (old, new) in pairs if old != new]
    assert len(changed) == 5  # comments and everything else kept
    assert all("[" in before[number] for number in changed)
    problems = [p.message for p in knowledge.check(kb_file) if p.warning]
    assert not any(message.startswith("clinic.") for message in problems)
    assert "faqbot doctor --find-chats" in result.stdout
    assert "STAFF_CHAT_ID" in result.stdout


def test_an_existing_env_is_kept_unless_forced(kb_file: Path, tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("# mine\nTELEGRAM_BOT_TOKEN=1:old\nLOG_LEVEL=DEBUG\n", encoding="utf-8")
    original = kb_file.read_text(encoding="utf-8")
    refused = init(tmp_path, kb_file, [*ANSWERS, TOKEN])
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        f"faqbot: {env} already exists: pass --force to replace its token"
    ]
    assert kb_file.read_text(encoding="utf-8") == original
    forced = init(tmp_path, kb_file, [*ANSWERS, TOKEN], "--force")
    assert forced.returncode == 0, forced.stderr
    assert env.read_text(encoding="utf-8") == (
        f"# mine\nTELEGRAM_BOT_TOKEN={TOKEN}\nLOG_LEVEL=DEBUG\n"
    )
    assert stat.S_IMODE(env.stat().st_mode) == 0o600


def test_a_bad_token_is_asked_again_then_refused_and_nothing_is_written(
    kb_file: Path, tmp_path: Path
) -> None:
    original = kb_file.read_text(encoding="utf-8")
    retried = init(tmp_path, kb_file, [*ANSWERS, "not a token", TOKEN])
    assert retried.returncode == 0, retried.stderr
    assert "does not look like a bot token" in retried.stdout
    assert "not a token" not in retried.stdout
    (tmp_path / ".env").unlink()
    kb_file.write_text(original, encoding="utf-8")
    refused = init(tmp_path, kb_file, [*ANSWERS, "x", "y", "z"])
    assert refused.returncode == 2
    assert "Traceback" not in refused.stderr
    assert not (tmp_path / ".env").exists()
    assert kb_file.read_text(encoding="utf-8") == original


def test_input_that_ends_early_is_one_line_and_exit_2(kb_file: Path, tmp_path: Path) -> None:
    result = init(tmp_path, kb_file, ANSWERS[:2])
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "faqbot: no answer for 'its booking link' (input ended)"
    ]
    assert not (tmp_path / ".env").exists()


def test_blank_answers_keep_the_current_values(kb_file: Path, tmp_path: Path) -> None:
    result = init(tmp_path, kb_file, ["Bright Mind Clinic", "", "", "", "", TOKEN])
    assert result.returncode == 0, result.stderr
    clinic = knowledge.load(kb_file).clinic
    assert clinic.name == "Bright Mind Clinic"
    assert clinic.phone == "[CLINIC PHONE]"
    assert "placeholder(s) left" in result.stdout


def test_fill_clinic_keeps_comments_and_adds_a_missing_key() -> None:
    text = (
        "# top\nversion: 1\nclinic:\n  # who we are\n"
        '  name: "[NAME]"  # shown in /start\n  phone: [PHONE]\n\nmessages: {}\n'
    )
    filled = fill_clinic(text, {"name": "A & B", "phone": "555", "hours": "9-5"})
    assert filled == (
        "# top\nversion: 1\nclinic:\n  # who we are\n"
        '  name: "A & B"  # shown in /start\n  phone: "555"\n  hours: "9-5"\n\nmessages: {}\n'
    )


def test_env_content_replaces_only_the_token_line() -> None:
    assert env_content(None, TOKEN).endswith(f"TELEGRAM_BOT_TOKEN={TOKEN}\n")
    assert env_content("A=1", TOKEN) == f"A=1\nTELEGRAM_BOT_TOKEN={TOKEN}\n"
    assert env_content("export TELEGRAM_BOT_TOKEN=old\n", TOKEN) == f"TELEGRAM_BOT_TOKEN={TOKEN}\n"
