"""`faqbot doctor` against the fake Bot API: one line per check, and the exit status."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
import pytest_asyncio

from bot import cli, doctor
from tests.conftest import VALID_KB
from tests.fakebotapi import FakeBotAPI, JSONDict

pytestmark = pytest.mark.asyncio(loop_scope="module")

TOKEN = "123456789:TESTtokenTESTtokenTESTtokenTESTtok"
WRONG_TOKEN = "123456789:WRONGtokenWRONGtokenWRONGtokenWRO"
STAFF = -1001234567890
ADMIN = 4242


class ChatsFakeAPI(FakeBotAPI):
    """The fake Bot API with getChat and getChatMember, which doctor needs."""

    def __init__(self, token: str) -> None:
        """Add the two methods; members maps a chat id to the bot's status in it."""
        super().__init__(token)
        self.members: dict[int, str] = {}
        self._methods["getchat"] = ("getChat", self._get_chat)
        self._methods["getchatmember"] = ("getChatMember", self._get_chat_member)

    async def _get_chat(self, params: JSONDict) -> JSONDict:
        chat = self._chat_for(params)
        return {**chat, "accent_color_id": 0, "max_reaction_count": 11,
                "accepted_gift_types": {"unlimited_gifts": False, "limited_gifts": False,
                                        "unique_gifts": False, "premium_subscription": False,
                                        "gifts_from_channels": False}}  # fmt: skip

    async def _get_chat_member(self, params: JSONDict) -> JSONDict:
        chat = self._chat_for(params)
        status = self.members.get(chat["id"], "left")
        return {"status": status, "user": self.bot_user}


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def fake() -> AsyncIterator[ChatsFakeAPI]:
    """One fake server for the module: a staff group the bot is a member of, one admin."""
    async with ChatsFakeAPI(TOKEN) as server:
        server.add_chat(STAFF, chat_type="supergroup", title="Front desk")
        server.members[STAFF] = "member"
        server.add_chat(ADMIN, first_name="Dr A")
        yield server


@pytest.fixture
def healthy(fake: ChatsFakeAPI, write_kb: Callable[..., Path], tmp_path: Path) -> dict[str, str]:
    """The environment of a healthy set-up on the fake server."""
    return {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": fake.base_url,
        "TELEGRAM_TIMEOUT": "3",
        "FAQ_PATH": str(write_kb()),
        "FAQBOT_DB_PATH": str(tmp_path / "data" / "faqbot.db"),
        "STAFF_CHAT_ID": str(STAFF),
        "ADMIN_IDS": str(ADMIN),
        "FAQBOT_SEMANTIC": "on",
    }


async def run_doctor(environ: dict[str, str]) -> tuple[dict[str, doctor.Check], int]:
    """The checks by name, and the exit status (in a thread: the fake serves on this loop)."""
    found, status = await asyncio.to_thread(doctor.checks, environ)
    return {check.name: check for check in found}, status


def levels(found: dict[str, doctor.Check]) -> dict[str, str]:
    """Each check's level, by name."""
    return {name: check.level for name, check in found.items()}


async def test_a_healthy_set_up_is_all_ok(healthy: dict[str, str]) -> None:
    found, status = await run_doctor(healthy)
    assert status == 0
    assert set(levels(found).values()) == {"ok"}, [c.line() for c in found.values()]
    assert set(found) == {
        "settings", "token", "staff group", f"admin {ADMIN}", "knowledge base", "database",
        "semantic net",
    }  # fmt: skip
    assert "@clinic_faq_bot" in found["token"].detail
    assert "Front desk" in found["staff group"].detail


async def test_the_command_prints_one_line_per_check_and_never_the_token(
    healthy: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    for name, value in healthy.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("FAQBOT_SEMANTIC", "off")
    status = await asyncio.to_thread(cli.main, ["doctor"])
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert status == 0, out
    assert len(lines) == 7
    assert all(line.split()[0] in ("ok", "warn") for line in lines), out
    assert TOKEN not in out and TOKEN.split(":")[1] not in out


async def test_a_rejected_token_fails_with_exit_1(healthy: dict[str, str]) -> None:
    found, status = await run_doctor(healthy | {"TELEGRAM_BOT_TOKEN": WRONG_TOKEN})
    assert status == 1
    assert found["token"].level == "FAIL"
    assert "rejected TELEGRAM_BOT_TOKEN" in found["token"].detail
    assert "WRONGtoken" not in " ".join(check.line() for check in found.values())


async def test_a_staff_group_the_bot_is_not_in_fails(healthy: dict[str, str]) -> None:
    found, status = await run_doctor(healthy | {"STAFF_CHAT_ID": "-1009999999999"})
    assert status == 1
    assert found["staff group"].level == "FAIL"
    assert "chat not found" in found["staff group"].detail.lower()
    assert "--find-chats" in found["staff group"].detail


async def test_a_staff_group_the_bot_left_fails(
    fake: ChatsFakeAPI, healthy: dict[str, str]
) -> None:
    fake.add_chat(-1005555555555, chat_type="supergroup", title="Old desk")
    fake.members[-1005555555555] = "left"
    found, status = await run_doctor(healthy | {"STAFF_CHAT_ID": "-1005555555555"})
    assert status == 1
    assert found["staff group"].level == "FAIL"
    assert "left" in found["staff group"].detail


async def test_an_admin_who_never_started_the_bot_is_a_warning(healthy: dict[str, str]) -> None:
    found, status = await run_doctor(healthy | {"ADMIN_IDS": "777", "FAQBOT_SEMANTIC": "off"})
    assert found["admin 777"].level == "warn"
    assert "/start" in found["admin 777"].detail
    assert status == 0


async def test_a_knowledge_base_with_errors_fails(
    healthy: dict[str, str], write_kb: Callable[..., Path]
) -> None:
    broken = write_kb(VALID_KB.replace("related: [how-fast]", "related: [nowhere]"))
    found, status = await run_doctor(healthy | {"FAQ_PATH": str(broken), "FAQBOT_SEMANTIC": "off"})
    assert status == 1
    assert found["knowledge base"].level == "FAIL"
    assert "faqbot check" in found["knowledge base"].detail


async def test_placeholders_are_a_warning_with_their_count(healthy: dict[str, str]) -> None:
    found, status = await run_doctor(healthy | {"FAQ_PATH": "", "FAQBOT_SEMANTIC": "off"})
    assert status == 0
    assert found["knowledge base"].level == "warn"
    assert "10 placeholder warning(s)" in found["knowledge base"].detail


async def test_the_semantic_net_off_is_a_warning(healthy: dict[str, str]) -> None:
    found, status = await run_doctor(healthy | {"FAQBOT_SEMANTIC": "off"})
    assert status == 0
    assert found["semantic net"].level == "warn"
    assert "FAQBOT_SEMANTIC=off" in found["semantic net"].detail


async def test_a_broken_setting_is_one_fail_line_and_exit_2(healthy: dict[str, str]) -> None:
    found, status = await run_doctor(healthy | {"STAFF_CHAT_ID": "front desk"})
    assert status == 2
    assert list(levels(found).items()) == [("settings", "FAIL")]
    assert "STAFF_CHAT_ID" in found["settings"].detail


async def test_a_broken_chat_limit_is_the_settings_fail_line(healthy: dict[str, str]) -> None:
    found, status = await run_doctor(healthy | {"FAQBOT_CHAT_RATE": "fast"})
    assert status == 2
    assert "FAQBOT_CHAT_RATE" in found["settings"].detail


async def test_an_unwritable_database_fails(healthy: dict[str, str], tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.db"
    folder.mkdir()
    found, status = await run_doctor(
        healthy | {"FAQBOT_DB_PATH": str(folder), "FAQBOT_SEMANTIC": "off"}
    )
    assert status == 1
    assert found["database"].level == "FAIL"
    assert "folder" in found["database"].detail


async def test_a_webhook_telegram_does_not_have_is_a_warning(
    fake: ChatsFakeAPI, healthy: dict[str, str]
) -> None:
    webhook = {
        "WEBHOOK_URL": "http://127.0.0.1:9/hook",
        "WEBHOOK_SECRET": "s3cret",
        "FAQBOT_SEMANTIC": "off",
    }
    found, _ = await run_doctor(healthy | webhook)
    assert found["webhook"].level == "warn"
    assert "faqbot run --webhook" in found["webhook"].detail
    missing_secret, status = await run_doctor(healthy | webhook | {"WEBHOOK_SECRET": ""})
    assert missing_secret["webhook"].level == "FAIL" and status == 1


async def test_find_chats_lists_groups_and_confirms_nothing(
    fake: ChatsFakeAPI, healthy: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    fake.send_text(STAFF, "hello bot", user_id=ADMIN, chat_type="supergroup")
    fake.send_text(ADMIN, "hi")  # a private chat: not listed
    pending = fake.pending_update_count
    status = await asyncio.to_thread(doctor.find_chats, healthy)
    out = capsys.readouterr().out
    assert status == 0
    assert f"{STAFF}  Front desk" in out
    assert str(ADMIN) not in out
    assert fake.pending_update_count == pending  # the bot still gets them


async def test_find_chats_while_a_webhook_is_set_says_to_stop_the_bot(
    fake: ChatsFakeAPI, healthy: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    await fake._set_webhook({"url": "http://127.0.0.1:9/hook"})  # as a running bot would
    try:
        status = await asyncio.to_thread(doctor.find_chats, healthy)
    finally:
        await fake._delete_webhook({})
    out = capsys.readouterr().out
    assert status == 1
    assert out.startswith("FAIL  updates:") and "stop the bot" in out
    assert TOKEN not in out
