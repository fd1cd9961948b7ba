"""The clinic's side, end to end: analytics without identities, feedback, hand-off to
staff, admin commands and reloading, through the real `faqbot run` and a fake Bot API."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import AsyncIterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest
import pytest_asyncio

from faq import knowledge
from tests.botprocess import TOKEN, BotProcess, buttons
from tests.fakebotapi import FakeBotAPI

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="module")]
STAFF_CHAT = -1001234567
ADMIN = 31337
PATIENT = 424242
PATIENT_USERNAME = "pat_patient_xyz"
PATIENT_NAME = "Zebulon"
CRISIS_TEXT = "i want to end my life tonight, zanzibar"
CONCERN_TEXT = "I can't take this anymore, quagga"


@dataclass
class Clinic:
    fake: FakeBotAPI
    bot: BotProcess
    folder: Path

    @property
    def kb_path(self) -> Path:
        return self.folder / "kb" / "ketamine-ocd.yaml"

    @property
    def db_files(self) -> list[Path]:
        return sorted(self.folder.glob("faqbot.db*"))


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def clinic(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Clinic]:
    folder = tmp_path_factory.mktemp("clinic")
    (folder / "kb").mkdir()
    shutil.copy(
        Path(__file__).parent / "data" / "kb-single-file.yaml", folder / "kb" / "ketamine-ocd.yaml"
    )
    shutil.copy(knowledge.DEFAULT_PATH / "ketamine-ocd-article.txt", folder / "kb")
    async with FakeBotAPI(TOKEN) as fake:
        fake.add_chat(STAFF_CHAT, chat_type="supergroup", title="Front desk")
        fake.add_chat(ADMIN, first_name="Admin")
        bot = BotProcess(
            fake,
            folder / "bot.log",
            STAFF_CHAT_ID=str(STAFF_CHAT),
            ADMIN_IDS=f"{ADMIN}, 4",
            FAQ_PATH=str(folder / "kb" / "ketamine-ocd.yaml"),
            FAQBOT_DB_PATH=str(folder / "faqbot.db"),
            FAQBOT_RELOAD_SECONDS="0.2",
        )
        await bot.start()
        await bot.wait_ready()
        yield Clinic(fake, bot, folder)
        if bot.process and bot.process.returncode is None:
            await bot.stop()


def stored_values(path: Path) -> list[object]:
    """Every value of every row of every table of an SQLite file, as SQLite returns it.

    An integer is looked for here rather than in the file's bytes: stored big-endian in
    as few as two bytes ("zi" for 31337), it also turns up by chance in hashes and page
    headers, which once failed this test on a database that held no such number."""
    with closing(sqlite3.connect(path)) as db:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return [
            value
            for table in tables
            for row in db.execute(f'SELECT * FROM "{table}"')  # names from sqlite_master
            for value in row
        ]


async def ask(clinic: Clinic, text: str, chat: int = PATIENT) -> dict:
    before = len(clinic.fake.messages(chat))
    clinic.fake.send_text(chat, text, first_name=PATIENT_NAME, username=PATIENT_USERNAME)
    await clinic.fake.wait_until(lambda: len(clinic.fake.messages(chat)) > before, timeout=15)
    return clinic.fake.messages(chat)[-1]


async def test_every_answer_carries_feedback_buttons(clinic: Clinic) -> None:
    answer = await ask(clinic, "is ketamine addictive")
    assert [b["text"] for b in buttons(answer)][-2:] == ["👍", "👎"]


async def test_a_vote_is_recorded_once_and_the_buttons_give_way_to_thanks(
    clinic: Clinic,
) -> None:
    fake = clinic.fake
    answer = await ask(clinic, "how fast does ketamine work")
    thumbs_up = next(b for b in buttons(answer) if b["text"] == "👍")
    fake.press_button(PATIENT, answer["message_id"], thumbs_up["callback_data"])
    await fake.wait_until(
        lambda: "Thank you" in str(fake.messages(PATIENT)[-1].get("reply_markup")), timeout=10
    )
    assert "👍" not in str(fake.messages(PATIENT)[-1]["reply_markup"])
    # A second tap of the same (stale) button is acknowledged but not counted again.
    before = len(fake.callback_answers)
    fake.press_button(PATIENT, answer["message_id"], thumbs_up["callback_data"], check_button=False)
    await fake.wait_until(lambda: len(fake.callback_answers) > before, timeout=10)


async def test_no_match_offers_to_ask_the_clinic(clinic: Clinic) -> None:
    decline = await ask(clinic, "do you have parking for patients")
    assert [b["text"] for b in buttons(decline)] == ["Ask the clinic"]


async def test_question_handed_to_staff_and_their_reply_relayed(clinic: Clinic) -> None:
    fake = clinic.fake
    decline = await ask(clinic, "do you validate parking tickets")
    fake.press_button(PATIENT, decline["message_id"], buttons(decline)[0]["callback_data"])
    await fake.wait_until(lambda: fake.messages(STAFF_CHAT), timeout=10)
    post = fake.messages(STAFF_CHAT)[-1]
    assert post["text"].startswith("Patient ")
    assert "do you validate parking tickets" in post["text"]
    assert PATIENT_NAME not in post["text"] and PATIENT_USERNAME not in post["text"]
    label = post["text"].split(" asks")[0]
    # The patient is told after the post goes out; wait for that before counting.
    await fake.wait_until(
        lambda: "passed your question" in fake.messages(PATIENT)[-1]["text"], timeout=10
    )

    before = len(fake.messages(PATIENT))
    fake.send_text(
        STAFF_CHAT,
        "Yes, at the front desk.",
        chat_type="supergroup",
        user_id=555,
        reply_to_message_id=post["message_id"],
    )
    await fake.wait_until(lambda: len(fake.messages(PATIENT)) > before, timeout=10)
    relayed = fake.messages(PATIENT)[-1]["text"]
    assert relayed.startswith("Reply from the clinic team:") and "front desk" in relayed
    await fake.wait_until(
        lambda: any(f"Sent to {label}" in m["text"] for m in fake.messages(STAFF_CHAT)),
        timeout=10,
    )


async def test_yes_to_the_check_in_offers_the_clinic_team_without_the_message(
    clinic: Clinic,
) -> None:
    fake = clinic.fake
    check_in = await ask(clinic, CONCERN_TEXT)
    assert [b["text"] for b in buttons(check_in)] == ["Yes", "No"]
    before = len(fake.messages(PATIENT))
    fake.press_button(PATIENT, check_in["message_id"], buttons(check_in)[0]["callback_data"])
    await fake.wait_until(lambda: len(fake.messages(PATIENT)) > before, timeout=10)
    crisis = fake.messages(PATIENT)[-1]
    assert "988" in crisis["text"]
    assert [b["text"] for b in buttons(crisis)] == ["Talk to the clinic team"]
    posts = len(fake.messages(STAFF_CHAT))
    fake.press_button(PATIENT, crisis["message_id"], buttons(crisis)[0]["callback_data"])
    await fake.wait_until(lambda: len(fake.messages(STAFF_CHAT)) > posts, timeout=10)
    post = fake.messages(STAFF_CHAT)[-1]
    assert "would like to talk to the clinic team" in post["text"]
    assert "quagga" not in post["text"] and PATIENT_NAME not in post["text"]
    await fake.wait_until(
        lambda: "passed your question" in fake.messages(PATIENT)[-1]["text"], timeout=10
    )
    # The team writes back; the relay forgets the chat, as for any hand-off.
    before = len(fake.messages(PATIENT))
    fake.send_text(
        STAFF_CHAT,
        "This is Sam from the clinic. Can I call you now?",
        chat_type="supergroup",
        user_id=555,
        reply_to_message_id=post["message_id"],
    )
    await fake.wait_until(lambda: len(fake.messages(PATIENT)) > before, timeout=10)
    assert "Can I call you now?" in fake.messages(PATIENT)[-1]["text"]
    await fake.wait_until(
        lambda: fake.messages(STAFF_CHAT)[-1]["text"].startswith("Sent to"), timeout=10
    )


async def test_non_admins_cannot_see_stats(clinic: Clinic) -> None:
    fake = clinic.fake
    fake.send_command(PATIENT, "/stats")
    await fake.wait_until(lambda: "/topics" in fake.messages(PATIENT)[-1]["text"], timeout=10)
    assert "Replies" not in fake.messages(PATIENT)[-1]["text"]


async def test_admin_sees_stats(clinic: Clinic) -> None:
    fake = clinic.fake
    fake.send_command(ADMIN, "/stats")
    await fake.wait_until(lambda: fake.messages(ADMIN), timeout=10)
    text = "\n".join(m["text"] for m in fake.messages(ADMIN))
    assert "7 days" in text and "30 days" in text


async def test_crisis_is_answered_with_resources(clinic: Clinic) -> None:
    reply = await ask(clinic, CRISIS_TEXT)
    assert "988" in reply["text"]


async def test_changed_knowledge_base_is_reloaded_by_itself(clinic: Clinic) -> None:
    text = clinic.kb_path.read_text(encoding="utf-8")
    clinic.kb_path.write_text(
        text.replace("question: What is OCD?", "question: What is OCD, in short?"),
        encoding="utf-8",
    )
    await clinic.fake.wait_until(lambda: "reloaded" in clinic.bot.output(), timeout=10)
    answer = await ask(clinic, "what is ocd")
    assert answer["text"].startswith("What is OCD, in short?")


async def test_broken_reload_is_reported_and_the_old_knowledge_base_keeps_serving(
    clinic: Clinic,
) -> None:
    fake = clinic.fake
    before = len(fake.messages(ADMIN))
    text = clinic.kb_path.read_text(encoding="utf-8")
    clinic.kb_path.write_text(text.replace("id: what-is-ocd", "id: What Is OCD"), encoding="utf-8")
    await fake.wait_until(lambda: len(fake.messages(ADMIN)) > before, timeout=10)
    assert "Reload failed" in fake.messages(ADMIN)[-1]["text"]
    assert "reload failed" in clinic.bot.output()
    answer = await ask(clinic, "what is ocd")
    assert answer["text"].startswith("What is OCD, in short?")
    clinic.kb_path.write_text(text, encoding="utf-8")


async def test_database_holds_no_identity_and_no_crisis_text(clinic: Clinic) -> None:
    # Runs last: after no match, suggestions, answers, feedback, a crisis, a hand-off
    # and a staff reply.
    await ask(clinic, "how long")
    assert await clinic.bot.stop() == 0
    raw = b"".join(path.read_bytes() for path in clinic.db_files)
    assert raw, "the database was written"
    for secret in (PATIENT_NAME, PATIENT_USERNAME, "zanzibar", CRISIS_TEXT, "Admin", "quagga"):
        assert secret.encode() not in raw, secret
    values = stored_values(clinic.folder / "faqbot.db")
    assert values, "the database holds rows"
    for number in (PATIENT, ADMIN, STAFF_CHAT, 555):
        assert str(number).encode() not in raw, number
        assert number not in values, number
    assert b"do you have parking for patients" in raw  # what the clinic needs is kept
