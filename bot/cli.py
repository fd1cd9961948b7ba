"""The `faqbot` command: the bot, the terminal chat and the clinic's tools."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from dotenv import load_dotenv

from faq import knowledge
from faq.matcher import Matcher

EXIT_PROBLEMS = 1  # `check` found errors in the knowledge base
EXIT_CONFIG = 2  # a setting or file the command needs is missing or broken
DEFAULT_EVAL = Path("tests/data/eval.yaml")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    args = _parser().parse_args(argv)
    command = args.command or "default"
    # Settings in .env fill in what the environment does not set.
    load_dotenv(Path.cwd() / ".env", override=False)
    try:
        return _COMMANDS[command](args)
    except knowledge.KnowledgeBaseError as error:
        print(f"faqbot: cannot load the knowledge base.\n{error}", file=sys.stderr)
        print(f"Run `faqbot check {error.path}` after fixing it.", file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="faqbot",
        description="The clinic's FAQ bot. With no command: the Telegram bot when "
        "TELEGRAM_BOT_TOKEN is set, otherwise a chat in the terminal.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def with_kb(command: argparse.ArgumentParser) -> argparse.ArgumentParser:
        command.add_argument(
            "--kb",
            type=Path,
            default=None,
            help="knowledge base YAML (default: $FAQ_PATH or the bundled one)",
        )
        return command

    ask = with_kb(sub.add_parser("ask", help="answer questions and print the replies"))
    ask.add_argument("question", nargs="*", help="questions; none: read one per line from stdin")
    ask.add_argument("--json", action="store_true", help="print one JSON object per question")
    with_kb(sub.add_parser("chat", help="chat with the bot in the terminal"))
    check = sub.add_parser("check", help="validate a knowledge base file")
    check.add_argument("path", nargs="?", type=Path, default=None)
    evaluate = with_kb(sub.add_parser("eval", help="score the engine on a labelled set"))
    evaluate.add_argument("file", nargs="?", type=Path, default=DEFAULT_EVAL)
    run = with_kb(sub.add_parser("run", help="run the Telegram bot (long polling)"))
    run.add_argument(
        "--webhook", action="store_true", help="serve a webhook instead (WEBHOOK_* settings)"
    )
    return parser


def _kb_path(args: argparse.Namespace) -> Path:
    """--kb or the check PATH, else FAQ_PATH, else the bundled knowledge base."""
    given = getattr(args, "kb", None) or getattr(args, "path", None)
    if given is not None:
        return Path(given)
    env = os.environ.get("FAQ_PATH")
    return Path(env) if env else knowledge.DEFAULT_PATH


def _matcher(args: argparse.Namespace) -> Matcher:
    return Matcher(knowledge.load(_kb_path(args)))


def _ask(args: argparse.Namespace) -> int:
    from bot.terminal import format_reply

    matcher = _matcher(args)
    questions = args.question or (line.rstrip("\n") for line in sys.stdin)
    for number, question in enumerate(questions):
        reply = matcher.reply(question)
        if args.json:
            print(json.dumps(reply.as_dict(), ensure_ascii=False), flush=True)
        else:
            if number:
                print("\n" + "-" * 40)
            print(format_reply(matcher.kb, reply), flush=True)
    return 0


def _chat(args: argparse.Namespace) -> int:
    from bot.terminal import chat

    chat(_matcher(args))
    return 0


def _check(args: argparse.Namespace) -> int:
    path = _kb_path(args)
    problems = knowledge.check(path)
    for problem in problems:
        print(f"{path}:{problem}")
    errors = sum(not problem.warning for problem in problems)
    warnings = len(problems) - errors
    if errors:
        print(f"{path}: {errors} error(s), {warnings} warning(s)")
        return EXIT_PROBLEMS
    kb = knowledge.load(path)
    alternates = sum(len(entry.alternates) for entry in kb.entries)
    print(f"{path}: OK, {len(kb.entries)} entries, {alternates} alternates, {warnings} warning(s)")
    return 0


def _eval(args: argparse.Namespace) -> int:
    from faq.evaluation import evaluate, load_cases

    if not args.file.exists():
        print(f"faqbot: no labelled set at {args.file}", file=sys.stderr)
        return EXIT_CONFIG
    report = evaluate(_matcher(args), load_cases(args.file))
    print(report.summary())
    return 0


def _run(args: argparse.Namespace) -> int:
    from telegram.error import InvalidToken, NetworkError

    from bot import app, config, logs

    try:
        settings = config.load(os.environ, webhook=getattr(args, "webhook", False))
    except config.ConfigError as error:
        print(f"faqbot: {error}", file=sys.stderr)
        return EXIT_CONFIG
    logs.configure(settings.log_level, [settings.token])
    kb = knowledge.load(getattr(args, "kb", None) or settings.faq_path)
    try:
        app.run(settings, kb)
    except InvalidToken:
        print(
            "faqbot: Telegram rejected TELEGRAM_BOT_TOKEN; check it with @BotFather",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    except NetworkError as error:
        message = str(error).replace(settings.token, logs.REDACTED)
        print(f"faqbot: cannot reach the Telegram Bot API: {message}", file=sys.stderr)
        return 1
    return 0


def _default(args: argparse.Namespace) -> int:
    if os.environ.get("TELEGRAM_BOT_TOKEN"):
        return _run(args)
    print("No TELEGRAM_BOT_TOKEN set: chatting in the terminal instead.", file=sys.stderr)
    return _chat(args)


_COMMANDS = {
    "ask": _ask,
    "chat": _chat,
    "check": _check,
    "eval": _eval,
    "run": _run,
    "default": _default,
}

if __name__ == "__main__":
    sys.exit(main())
