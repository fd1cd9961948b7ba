"""The real `faqbot run` as a subprocess, pointed at the fake Bot API server."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from faq.embedding import default_cache_dir
from tests.fakebotapi import FakeBotAPI

TOKEN = "123456789:TESTtokenTESTtokenTESTtokenTESTtok"
ROOT = Path(__file__).parent.parent


class BotProcess:
    """Starts `faqbot run` against a fake server; collects its log; stops it cleanly."""

    def __init__(self, fake: FakeBotAPI, log_path: Path, **env: str) -> None:
        self.fake = fake
        self.log_path = log_path
        self.env = env
        self.process: asyncio.subprocess.Process | None = None
        self.args = ("run",)

    async def start(self, *args: str) -> None:
        environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("TELEGRAM_", "WEBHOOK_", "FAQ"))
        }
        environment.update(
            {
                "TELEGRAM_BOT_TOKEN": TOKEN,
                "TELEGRAM_API_BASE_URL": self.fake.base_url,
                "LOG_LEVEL": "DEBUG",
                "TELEGRAM_TIMEOUT": "1",
                "TELEGRAM_RETRIES": "10",
                "TELEGRAM_RATE_LIMIT": "0",
                "FAQBOT_DB_PATH": str(self.log_path.parent / "faqbot.db"),
                "FAQBOT_CACHE_DIR": str(default_cache_dir()),
                # Tests ask many questions from one chat at once; the per-chat limit is
                # tested on its own (tests/test_e2e_delivery.py) with the real values.
                "FAQBOT_CHAT_BURST": "1000",
                "FAQBOT_CHAT_RATE": "1000",
            }
        )
        environment.update(self.env)
        self.log = self.log_path.open("wb")
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.cli",
            *(args or self.args),
            cwd=ROOT,
            env=environment,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=self.log,
            stderr=self.log,
        )

    async def wait_ready(self) -> None:
        """Until the bot has set its commands and removed any webhook (it polls next)."""
        try:
            await self.fake.wait_until(
                lambda: self.fake.commands and self.fake.calls_to("deleteWebhook"), timeout=20
            )
        except AssertionError as error:
            raise AssertionError(f"{error}\n--- bot output ---\n{self.output()}") from None

    async def stop(self) -> int:
        """SIGTERM, as a service manager would; the exit status."""
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), timeout=20)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
                raise
        self.log.close()
        return self.process.returncode

    def output(self) -> str:
        self.log.flush()
        return self.log_path.read_text(errors="replace")


def buttons(message: dict) -> list[dict]:
    """Every inline button of a message the fake Bot API recorded, row by row."""
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [button for row in rows for button in row]
