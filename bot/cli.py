"""The `faqbot` command: the bot, the terminal chat and the clinic's tools."""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dotenv import load_dotenv

from bot.config import ConfigError
from faq import knowledge
from faq.matcher import Matcher

if TYPE_CHECKING:
    from bot.analytics import Store

EXIT_PROBLEMS = 1  # `check` found errors in the knowledge base
EXIT_CONFIG = 2  # a setting or file the command needs is missing or broken
DEFAULT_EVAL = Path("tests/data/eval.yaml")
RECORD_HELP = "count the replies in the analytics database (FAQBOT_DB_PATH), channel terminal"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    args = _parser().parse_args(argv)
    command = args.command or "default"
    # Settings in .env fill in what the environment does not set.
    load_dotenv(Path.cwd() / ".env", override=False)
    try:
        return _COMMANDS[command](args)
    except knowledge.KnowledgeBaseError as error:
        # One line, whatever the file holds: the first problem, and where the rest are.
        first, more = error.problems[0], len(error.problems) - 1
        rest = f" (and {more} more: run `faqbot check {error.path}`)" if more else ""
        print(f"faqbot: cannot load the knowledge base {error.path}:{first}{rest}", file=sys.stderr)
        return EXIT_CONFIG
    except ConfigError as error:
        print(f"faqbot: {error}", file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `faqbot report | head`: the reader has all it wanted
        # Point stdout at /dev/null so the interpreter's last flush cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


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
    ask.add_argument("--record", action="store_true", help=RECORD_HELP)
    chat = with_kb(sub.add_parser("chat", help="chat with the bot in the terminal"))
    chat.add_argument("--record", action="store_true", help=RECORD_HELP)
    check = sub.add_parser("check", help="validate a knowledge base file")
    check.add_argument("path", nargs="?", type=Path, default=None)
    evaluate = with_kb(sub.add_parser("eval", help="score the engine on a labelled set"))
    evaluate.add_argument("file", nargs="?", type=Path, default=DEFAULT_EVAL)
    why = with_kb(sub.add_parser("why", help="explain the crisis verdict and reply to messages"))
    why.add_argument("message", nargs="+", help="messages to explain")
    report = with_kb(sub.add_parser("report", help="what patients asked, for the clinic"))
    report.add_argument("--days", type=int, default=None, help="one period of N days")
    report.add_argument("--format", choices=("text", "csv", "html"), default="text")
    draft = sub.add_parser("import", help="draft a knowledge base from a new article")
    draft.add_argument("article", type=Path, help="plain text, Markdown or HTML")
    draft.add_argument("--output", type=Path, default=None, help="the draft YAML to write")
    sheet = with_kb(sub.add_parser("export", help="a printable FAQ sheet for the front desk"))
    sheet.add_argument("--format", choices=("md", "html"), default="html")
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
    """The engine on the chosen knowledge base, with the semantic net unless
    FAQBOT_SEMANTIC=off (or its model is missing, which is said loudly)."""
    from bot import config, engine

    kb = knowledge.load(_kb_path(args))
    encoder = engine.load_encoder(config.semantic_enabled())
    return engine.matcher_for(kb, encoder, config.cache_dir())


def _store(args: argparse.Namespace) -> Store | None:
    """The analytics store when --record was given; the terminal records nothing else."""
    if not getattr(args, "record", False):
        return None
    from bot import analytics, config

    return analytics.Store(config.db_path())


def _ask(args: argparse.Namespace) -> int:
    from bot.terminal import format_reply

    matcher = _matcher(args)
    store = _store(args)
    questions = args.question or (line.rstrip("\n") for line in sys.stdin)
    for number, question in enumerate(questions):
        reply = matcher.reply(question)
        if store is not None:
            store.record(reply, "terminal")
        if args.json:
            print(json.dumps(reply.as_dict(), ensure_ascii=False), flush=True)
        else:
            if number:
                print("\n" + "-" * 40)
            print(format_reply(matcher.kb, reply), flush=True)
    return 0


def _chat(args: argparse.Namespace) -> int:
    from bot.terminal import chat

    chat(_matcher(args), store=_store(args))
    return 0


def _report(args: argparse.Namespace) -> int:
    from bot import analytics, config, report

    path = config.db_path()
    if not path.exists():
        print(f"faqbot: no analytics yet at {path} (FAQBOT_DB_PATH)", file=sys.stderr)
        return EXIT_CONFIG
    if args.days is not None and args.days < 1:
        print("faqbot: --days must be at least 1", file=sys.stderr)
        return EXIT_CONFIG
    periods = (args.days,) if args.days else (7, 30)
    store = analytics.Store(path)
    figures = report.report(store, knowledge.load(_kb_path(args)), periods=periods)
    render = {"text": report.to_text, "csv": report.to_csv, "html": report.to_html}
    sys.stdout.write(render[args.format](figures))
    return 0


def _import(args: argparse.Namespace) -> int:
    from faq import importer

    if not args.article.is_file():
        print(f"faqbot: no article at {args.article}", file=sys.stderr)
        return EXIT_CONFIG
    output = args.output or args.article.with_suffix(".yaml")
    if output.exists():
        print(f"faqbot: {output} exists; choose another --output", file=sys.stderr)
        return EXIT_CONFIG
    try:
        problems = importer.write_draft(args.article, output)
    except (OSError, ValueError) as error:  # unreadable article, a source file in the way
        print(f"faqbot: cannot draft from {args.article}: {error}", file=sys.stderr)
        return EXIT_CONFIG
    for problem in problems:
        print(f"{output}:{problem}")
    errors = sum(not problem.warning for problem in problems)
    print(f"{output}: draft written, {errors} error(s); next: write the alternates it marks")
    return EXIT_PROBLEMS if errors else 0


def _export(args: argparse.Namespace) -> int:
    from faq import export

    sys.stdout.write(export.export(knowledge.load(_kb_path(args)), args.format))
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


def _why(args: argparse.Namespace) -> int:
    from faq import text

    matcher = _matcher(args)
    for number, message in enumerate(args.message):
        if number:
            print()
        folded = text.fold(message)
        found = matcher.triage.assess(message, folded, explain=True)
        reply = matcher.reply(message)
        print(f"message:   {message}")
        print(f"language:  {found.language}")
        rules = ", ".join(f"{rule.name} ({rule.kind}, {rule.tier})" for rule in found.rules)
        print(f"rules:     {rules or 'none fired'}")
        net = found.semantic
        if net is None:
            state = "off" if matcher.triage.net is None else "not run (not English)"
            print(f"semantic:  {state}")
        else:
            print(
                f"semantic:  {net.tier or 'nothing'} (nearest {net.exemplar.tier} exemplar "
                f"{net.score:.3f}, nearest ordinary phrasing {net.ordinary:.3f}; thresholds: "
                f"crisis {matcher.triage.net.thresholds.crisis}, concern "
                f"{matcher.triage.net.thresholds.concern}, margin "
                f"{matcher.triage.net.thresholds.margin})"
            )
            print(f"  exemplar:  {net.exemplar.text!r} ({net.exemplar.source})")
            print(f"  ordinary:  {net.ordinary_text!r}")
            if net.passage != " ".join(message.split()):
                print(f"  closest part of the message: {net.passage!r}")
        print(f"tier:      {found.tier or 'none'}")
        entry = f" ({reply.match.entry.id}, score {reply.score:.1f})" if reply.match else ""
        print(f"reply:     {reply.kind}{entry}")
    return 0


def _run(args: argparse.Namespace) -> int:
    from telegram.error import InvalidToken, NetworkError

    from bot import analytics, app, config, logs

    try:
        settings = config.load(os.environ, webhook=getattr(args, "webhook", False))
    except config.ConfigError as error:
        print(f"faqbot: {error}", file=sys.stderr)
        return EXIT_CONFIG
    secrets = [settings.token] + ([settings.webhook.secret] if settings.webhook else [])
    logs.configure(settings.log_level, secrets)
    kb = knowledge.load(getattr(args, "kb", None) or settings.faq_path)
    try:
        analytics.Store(settings.db_path).close()  # fail here, in one line, not mid-start
    except (OSError, sqlite3.Error, RuntimeError) as error:
        print(f"faqbot: cannot use FAQBOT_DB_PATH={settings.db_path}: {error}", file=sys.stderr)
        return EXIT_CONFIG
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
    except OSError as error:  # e.g. the webhook port is taken
        print(f"faqbot: cannot serve: {error}", file=sys.stderr)
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
    "why": _why,
    "report": _report,
    "import": _import,
    "export": _export,
    "run": _run,
    "default": _default,
}

if __name__ == "__main__":
    sys.exit(main())
