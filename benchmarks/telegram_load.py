"""Load benchmark of the Telegram bot: the real `faqbot run` under load and under a flood.

The bot runs as a subprocess against the fake Bot API on 127.0.0.1 (tests/fakebotapi.py),
with TELEGRAM_RATE_LIMIT=0 so what is measured is the bot, not Telegram's flood limit.
Sustained: 30 messages a second (Telegram's ceiling for one bot) for 60 s, round-robin
over 200 patients. Flood: one chat sends 1,000 messages at once; a second later every
other patient asks one question and one writes a crisis. A reply's time is from the
update being queued to the fake recording the bot's sendMessage for that chat.

Run with `python -m benchmarks` (all benchmark modules) or `python -m benchmarks.telegram_load`.
Every figure is printed beside its target; nothing here asserts a timing.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import random
import resource
import tempfile
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks import report
from benchmarks.engine import percentile
from benchmarks.report import NOT_AVAILABLE, Figure
from bot.delivery import SLOW_DOWN
from tests.botprocess import TOKEN, BotProcess
from tests.fakebotapi import FakeBotAPI, JSONDict

PATIENTS = 200
MESSAGES_PER_PATIENT = 5
SUSTAINED_RATE = 30.0  # messages a second: Telegram's own limit for a bot
SUSTAINED_SECONDS = 60.0
P99_TARGET_MS = 100.0  # sustained: update to reply
FLOOD = 1000  # messages from one chat, all at once
FLOOD_P99_TARGET_MS = 2000.0  # the other patients' p99 during the flood
CRISIS_TARGET_MS = 1000.0  # a crisis sent during the flood
CRISIS = "i don't want to be alive anymore"

BOT_USERNAME = "clinic_faq_bot"
# Telegram's flood limit off (BotProcess sets it too; said here so the run does not depend
# on it), and no per-update INFO lines: logging must not dominate what is measured.
# The per-chat limits a clinic runs with (the tests relax them in tests/botprocess.py);
# Telegram's own 30 messages a second is the load itself, so the bot's limiter is off.
BOT_ENV = {
    "TELEGRAM_RATE_LIMIT": "0",
    "LOG_LEVEL": "WARNING",
    "FAQBOT_CHAT_BURST": "5",
    "FAQBOT_CHAT_RATE": "1",
}
REPLY_TIMEOUT = 15.0  # seconds a patient waits for one reply before giving up
SETTLE_SECONDS = 0.5  # after the last reply: time for a late duplicate to show up
SEED = 0

SUSTAINED_CHATS = 100_001  # first chat id of each run; patients' chats follow it
FLOOD_CHATS = 200_001
FLOOD_CHAT = 300_001
FLOOD_CRISIS_CHAT = 300_002
WARM_UP_CHAT = 900_001

# What patients write, as (category, text): mostly questions, with their typos, greetings,
# thanks, a long story, off-topic asks, emoji, and one crisis-like message.
_STORY = (
    "Hi, sorry this is long. I have had OCD since I was about fifteen and I'm 34 now. "
    "I've been on sertraline, fluoxetine and clomipramine, and I did two rounds of ERP with "
    "a therapist I really liked. Each time things got a bit better and then the intrusive "
    "thoughts came back, worse than before. Checking the locks and the stove takes me an "
    "hour every morning and I've been late to work so many times. My psychiatrist brought "
    "up ketamine last week and I don't know what to think. Is it safe, and how quickly "
    "would I notice a difference?"
)
MESSAGES: tuple[tuple[str, str], ...] = (
    ("greeting", "hi"),
    ("greeting", "Hello! I have a few questions"),
    ("greeting", "good morning"),
    ("question", "is ketamine addictive?"),
    ("question", "what are the side effects"),
    ("question", "how long does it last"),
    ("question", "how fast does ketamine work for OCD"),
    ("question", "what is the success rate"),
    ("question", "who is a good candidate for ketamine"),
    ("question", "what happens during an infusion"),
    ("question", "can I keep taking my SSRI"),
    ("question", "what is OCD exactly"),
    ("typo", "is ketamin adictive"),
    ("typo", "sied efects of ketamine"),
    ("typo", "how lng dose it last"),
    ("typo", "does ketamien work for ocd"),
    ("long story", _STORY),
    ("off-topic", "how much does it cost"),
    ("off-topic", "does insurance cover it"),
    ("off-topic", "where do I park for my appointment"),
    ("off-topic", "can I bring my dog"),
    ("emoji", "is it addictive \U0001f914"),
    ("emoji", "\U0001f44d"),
    ("thanks", "thank you so much!"),
    ("thanks", "ok thanks, that helps"),
    ("crisis", "i don't want to be alive anymore"),
)


@dataclass(frozen=True)
class Sent:
    """One patient message, as queued."""

    chat_id: int
    category: str
    queued: float  # time.perf_counter() when the update was queued


@dataclass(frozen=True)
class Outcome:
    """What one load run sent, what came back, and what was measured from it."""

    label: str
    sent: list[Sent]
    replies: dict[int, int]  # chat -> bot messages the fake holds (its own count)
    reply_times: dict[int, list[float]]  # chat -> when each sendMessage was recorded
    bot_cpu: float | None = None  # CPU seconds the bot process used during the run
    harness_cpu: float | None = None  # CPU seconds of this process (patients, fake API)

    @property
    def chats(self) -> list[int]:
        return list(dict.fromkeys(s.chat_id for s in self.sent))

    def latencies(self) -> list[tuple[str, float]]:
        """(category, seconds) per answered message: a chat's k-th reply to its k-th message.

        Exact for conversations (a patient waits for each reply); in the burst a chat's five
        updates are queued within a millisecond or so, so pairing them in order is close.
        """
        found = []
        for chat_id, sent in _by_chat(self.sent).items():
            for message, replied in zip(
                sent, sorted(self.reply_times.get(chat_id, ())), strict=False
            ):
                found.append((message.category, replied - message.queued))
        return found

    def wall_seconds(self) -> float | None:
        """From the first update queued to the last reply recorded."""
        last = [t for chat in self.chats for t in self.reply_times.get(chat, ())]
        return max(last) - min(s.queued for s in self.sent) if last and self.sent else None

    def reply_count(self) -> int:
        return sum(self.replies.get(chat, 0) for chat in self.chats)

    def missing_and_duplicate(self) -> tuple[int, int]:
        """Chats with fewer bot messages than patient messages, and chats with more."""
        sent = {chat: len(messages) for chat, messages in _by_chat(self.sent).items()}
        missing = sum(1 for chat, n in sent.items() if self.replies.get(chat, 0) < n)
        duplicate = sum(1 for chat, n in sent.items() if self.replies.get(chat, 0) > n)
        return missing, duplicate


def _by_chat(sent: Sequence[Sent]) -> dict[int, list[Sent]]:
    found: dict[int, list[Sent]] = defaultdict(list)
    for message in sent:
        found[message.chat_id].append(message)
    return found


class TimedFakeBotAPI(FakeBotAPI):
    """The fake Bot API, also noting when it records each sendMessage, per chat."""

    def __init__(self, token: str, *, bot_username: str = BOT_USERNAME) -> None:
        super().__init__(token, bot_username=bot_username)
        self.sent_at: dict[int, list[float]] = defaultdict(list)
        self._arrived: dict[int, asyncio.Event] = {}

    async def _send_message(self, params: JSONDict) -> JSONDict:
        message = await super()._send_message(params)
        chat_id = message["chat"]["id"]
        self.sent_at[chat_id].append(time.perf_counter())
        if chat_id in self._arrived:
            self._arrived[chat_id].set()
        return message

    async def wait_for_replies(self, chat_id: int, count: int, timeout: float) -> bool:
        """Until the bot has sent `count` messages to the chat; False on timeout."""
        arrived = self._arrived.setdefault(chat_id, asyncio.Event())
        deadline = asyncio.get_running_loop().time() + timeout
        while len(self.sent_at[chat_id]) < count:
            arrived.clear()
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                return False
            try:
                await asyncio.wait_for(arrived.wait(), remaining)
            except TimeoutError:
                return False
        return True


def conversations(first_chat: int) -> dict[int, list[tuple[str, str]]]:
    """Each patient's 5 messages, drawn from MESSAGES with a fixed seed."""
    rng = random.Random(SEED)
    return {
        first_chat + patient: rng.sample(MESSAGES, MESSAGES_PER_PATIENT)
        for patient in range(PATIENTS)
    }


def outcome(fake: TimedFakeBotAPI, label: str, sent: list[Sent]) -> Outcome:
    chats = dict.fromkeys(s.chat_id for s in sent)
    return Outcome(
        label=label,
        sent=sent,
        replies={chat: len(fake.messages(chat)) for chat in chats},
        reply_times={chat: list(fake.sent_at.get(chat, ())) for chat in chats},
    )


# 1. Sustained: Telegram's own ceiling, 30 messages a second, round-robin over patients


async def run_sustained(fake: TimedFakeBotAPI) -> Outcome:
    sent: list[Sent] = []
    plans = conversations(SUSTAINED_CHATS)
    chats = list(plans)
    loop = asyncio.get_running_loop()
    start = loop.time()
    total = round(SUSTAINED_RATE * SUSTAINED_SECONDS)
    for index in range(total):
        await asyncio.sleep(max(0.0, start + index / SUSTAINED_RATE - loop.time()))
        chat = chats[index % len(chats)]  # each patient every 6.7 s: under the chat limit
        category, text = plans[chat][(index // len(chats)) % MESSAGES_PER_PATIENT]
        fake.send_text(chat, text, first_name="Pat")
        sent.append(Sent(chat, category, time.perf_counter()))
    counts = _by_chat(sent)
    await asyncio.gather(
        *(fake.wait_for_replies(chat, len(m), REPLY_TIMEOUT) for chat, m in counts.items())
    )
    await asyncio.sleep(SETTLE_SECONDS)
    return outcome(fake, "sustained", sent)


# 2. Flood: one chat sends 1,000 messages at once; a second in, every other patient asks
# one question and one writes a crisis


async def run_flood(fake: TimedFakeBotAPI) -> tuple[Outcome, int, int]:
    """The other patients' outcome, the flooding chat's replies and its slow-down notes."""
    for number in range(FLOOD):
        fake.send_text(FLOOD_CHAT, f"is ketamine addictive? ({number})", first_name="Pat")
    await asyncio.sleep(1.0)
    sent: list[Sent] = []
    plans = conversations(FLOOD_CHATS)
    for chat, texts in plans.items():
        category, text = next((c, t) for c, t in texts if c != "crisis")
        fake.send_text(chat, text, first_name="Pat")
        sent.append(Sent(chat, category, time.perf_counter()))
    fake.send_text(FLOOD_CRISIS_CHAT, CRISIS, first_name="Pat")
    sent.append(Sent(FLOOD_CRISIS_CHAT, "crisis", time.perf_counter()))
    await asyncio.gather(*(fake.wait_for_replies(s.chat_id, 1, REPLY_TIMEOUT) for s in sent))
    await asyncio.sleep(SETTLE_SECONDS)
    flood = [m.get("text", "") for m in fake.messages(FLOOD_CHAT)]
    return outcome(fake, "flood", sent), len(flood), flood.count(SLOW_DOWN)


async def warm_up(fake: TimedFakeBotAPI) -> None:
    """Every message once, untimed: connections opened, lazy caches filled."""
    # A chat of its own for each: one chat's messages in a row would meet its rate limit.
    for index, (_, text) in enumerate(MESSAGES):
        fake.send_text(WARM_UP_CHAT + index, text, first_name="Pat")
        await fake.wait_for_replies(WARM_UP_CHAT + index, 1, REPLY_TIMEOUT)


# Figures


def run_figures(result: Outcome) -> list[Figure]:
    """Replies per second, latency percentiles and exactly-once for one run."""
    label = result.label
    wall = result.wall_seconds()
    replies = result.reply_count()
    latencies = [seconds * 1e9 for _, seconds in result.latencies()]
    rate_name = f"replies/s, {label}"
    if wall is None or wall <= 0 or not latencies:
        found = [Figure(rate_name, NOT_AVAILABLE, report.NO_TARGET)]
        found += [report.timing(f"reply {p}, {label}", None) for p in ("p50", "p99", "max")]
    else:
        rate = replies / wall
        found = [
            Figure(rate_name, f"{rate:.0f}/s", report.NO_TARGET, None),
            report.timing(f"reply p50, {label}", percentile(latencies, 0.50)),
            report.timing(
                f"reply p99, {label}",
                percentile(latencies, 0.99),
                P99_TARGET_MS,
            ),
            report.timing(f"reply max, {label}", max(latencies)),
        ]
    missing, duplicate = result.missing_and_duplicate()
    once = missing == 0 and duplicate == 0 and len(result.sent) == replies
    found.append(Figure(f"exactly one reply each, {label}", "yes" if once else "no", "yes", once))
    return found


def print_run(result: Outcome) -> None:
    wall = result.wall_seconds()
    replies = result.reply_count()
    missing, duplicate = result.missing_and_duplicate()
    once = missing == 0 and duplicate == 0 and len(result.sent) == replies
    took = "no replies at all" if wall is None else f"in {wall:.2f} s"
    print(
        f"  {len(result.sent):,} updates from {len(result.chats)} chats, {replies:,} bot "
        f"messages, {took}"
    )
    if result.bot_cpu is not None and replies:
        print(
            f"  CPU: bot {result.bot_cpu:.2f} s ({result.bot_cpu / replies * 1000:.2f} ms per "
            f"reply); this process (patients and fake API) {result.harness_cpu:.2f} s"
        )
    print(
        f"  every message got exactly one reply: {'yes' if once else 'no'} "
        f"({len(result.sent):,} updates, {replies:,} replies, {missing} chats with a missing "
        f"reply, {duplicate} with a duplicate)"
    )
    by_category: dict[str, list[float]] = defaultdict(list)
    for category, seconds in result.latencies():
        by_category[category].append(seconds * 1e9)
    if by_category:
        print("  reply time per message category:")
        report.table(
            ("category", "messages", "p50", "p99", "max"),
            [
                (
                    category,
                    f"{len(values):,}",
                    report.format_ms(percentile(values, 0.50)),
                    report.format_ms(percentile(values, 0.99)),
                    report.format_ms(max(values)),
                )
                for category, values in sorted(by_category.items())
            ],
        )


def proc_status_kib(pid: int, field: str) -> int | None:
    """A `kB` field of /proc/<pid>/status (Linux), or None."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        name, _, value = line.partition(":")
        if name == field and value.split() and value.split()[0].isdigit():
            return int(value.split()[0])
    return None


def stat_fields(pid: int | str) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command's name (which is in parentheses
    and may hold spaces): [1] is the parent's pid, [11] and [12] the CPU ticks; None
    when there is no such process (or no /proc)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def process_cpu_seconds(pid: int | str) -> float | None:
    """User + system CPU time of a process from /proc/<pid>/stat (Linux), or None."""
    fields = stat_fields(pid)
    if fields is None:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def measured(
    fake: TimedFakeBotAPI, pid: int, run: Callable[[TimedFakeBotAPI], Awaitable[Outcome]]
) -> Outcome:
    """A run, with the CPU time the bot and this process spent on it."""
    bot_before, own_before = process_cpu_seconds(pid), own_cpu_seconds()
    result = await run(fake)
    bot_after, own_after = process_cpu_seconds(pid), own_cpu_seconds()
    bot_cpu = None if bot_before is None or bot_after is None else bot_after - bot_before
    return dataclasses.replace(result, bot_cpu=bot_cpu, harness_cpu=own_after - own_before)


def log_problems(output: str) -> list[str]:
    return [line for line in output.splitlines() if " WARNING " in line or " ERROR " in line]


def unavailable(reason: str) -> list[Figure]:
    print(f"  {NOT_AVAILABLE}: {reason}")
    return [
        report.timing("reply p99, sustained", None, P99_TARGET_MS),
        Figure("exactly one reply each, sustained", NOT_AVAILABLE, "yes"),
        report.timing("reply p99, flood", None, FLOOD_P99_TARGET_MS),
        report.timing("crisis reply during the flood", None, CRISIS_TARGET_MS),
        Figure("bot peak memory (VmHWM)", NOT_AVAILABLE),
    ]


# The whole run


async def load_sections(folder: Path) -> list[Figure]:
    async with TimedFakeBotAPI(TOKEN, bot_username=BOT_USERNAME) as fake:
        bot = BotProcess(fake, folder / "bot.log", **BOT_ENV)
        started = time.perf_counter()
        await bot.start()
        # wait_ready() sees the first getUpdates only once it returns: a long poll of 10 s
        # unless an update ends it, so the warm-up messages go in while it waits.
        warming = asyncio.create_task(warm_up(fake))
        try:
            await bot.wait_ready()
            await warming
        except AssertionError as error:
            warming.cancel()
            await bot.stop()
            return unavailable(f"the bot did not start: {str(error).splitlines()[0]}")
        assert bot.process is not None
        pid = bot.process.pid
        print(
            f"  bot ready and warmed up ({len(MESSAGES)} messages, untimed) in "
            f"{time.perf_counter() - started:.1f} s; pid {pid}, VmRSS "
            f"{_kib(proc_status_kib(pid, 'VmRSS'))}; its log is in a temporary folder"
        )

        report.header(
            f"Telegram: sustained ({SUSTAINED_RATE:g} messages/s for {SUSTAINED_SECONDS:g} s "
            f"from {PATIENTS} patients)"
        )
        steady = await measured(fake, pid, run_sustained)
        print_run(steady)
        steady_figures = run_figures(steady)
        report.figures(steady_figures)

        report.header(
            f"Telegram: flood ({FLOOD:,} messages at once from one chat; a second in, "
            f"{PATIENTS} other patients ask and one writes a crisis)"
        )
        flood_result: list[tuple[Outcome, int, int]] = []

        async def flood_run(fake: TimedFakeBotAPI) -> Outcome:
            flood_result.append(await run_flood(fake))
            return flood_result[0][0]

        flood = await measured(fake, pid, flood_run)
        _, flood_replies, slow_downs = flood_result[0]
        print_run(flood)
        print(
            f"  the flooding chat got {flood_replies} messages for its {FLOOD:,}, "
            f"{slow_downs} of them the slow-down note"
        )
        others = [s for c, s in flood.latencies() if c != "crisis"]
        crisis = [s for c, s in flood.latencies() if c == "crisis"]
        flood_figures = [
            report.timing(
                "others' reply p99, flood",
                percentile([s * 1e9 for s in others], 0.99) if others else None,
                FLOOD_P99_TARGET_MS,
            ),
            report.timing(
                "crisis reply during the flood",
                crisis[0] * 1e9 if crisis else None,
                CRISIS_TARGET_MS,
            ),
            Figure("slow-down notes to the flooding chat", str(slow_downs), "1", slow_downs == 1),
        ]
        report.figures(flood_figures)

        report.header("Telegram: bot process peak memory (VmHWM, /proc/<pid>/status)")
        peak = proc_status_kib(pid, "VmHWM")
        memory = [Figure("bot peak memory (VmHWM)", _kib(peak))]
        status = await bot.stop()
        problems = log_problems(bot.log_path.read_text(errors="replace"))
        print(f"  bot exit status: {status}; rejected Bot API calls: {len(fake.errors)}")
        print(f"  bot log: {len(problems)} WARNING/ERROR lines")
        for line in problems[:5]:
            print(f"    {line[:300]}")
        report.figures(memory)
    return steady_figures + flood_figures + memory


def _kib(value: int | None) -> str:
    return NOT_AVAILABLE if value is None else report.format_kib(value)


def main() -> list[Figure]:
    """Run the load benchmark, print each section, and return the figures."""
    report.header("Telegram: load on the real bot (`faqbot run` against a fake Bot API)")
    print(
        "  TELEGRAM_RATE_LIMIT=0: Telegram's flood limit (30 messages/s) is off, so this "
        "measures the bot, not Telegram"
    )
    print(
        f"  LOG_LEVEL=WARNING; {PATIENTS} private chats; {len(MESSAGES)} distinct messages "
        "(questions, typos, greetings, a long story, off-topic, emoji, one crisis-like)"
    )
    print("  reply time: update queued -> the fake records the bot's sendMessage to that chat")
    with tempfile.TemporaryDirectory(prefix="faqbot-load-") as folder:
        return asyncio.run(load_sections(Path(folder)))


if __name__ == "__main__":
    report.summary(main())
