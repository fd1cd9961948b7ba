"""The `faqbot` command: the bot, the terminal chat and the clinic's tools."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, cast

from bot import analytics, config
from bot.config import ConfigError
from faq import knowledge, language, lettergrams, triage
from faq.matcher import CAUTION_LEANING, Matcher

if TYPE_CHECKING:
    from bot.analytics import Store
    from faq.reply import Reply

EXIT_PROBLEMS = 1  # `check` found errors in the knowledge base
EXIT_CONFIG = 2  # a setting or file the command needs is missing or broken
DEFAULT_EVAL = Path("tests/data/eval.yaml")
RECORD_HELP = "count the replies in the analytics database (FAQBOT_DB_PATH), channel terminal"
# What opening or writing the analytics database raises when the file is corrupt, is a
# folder, is read-only or was written by a newer faqbot (analytics.NewerSchema).
DB_ERRORS = (OSError, sqlite3.Error, RuntimeError)


class Refusal(Exception):
    """A file or input the command cannot use; its message is one line for the user."""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    args = _parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run  # the command's, else _default
    try:
        # Settings in .env fill in what the environment does not set; a line it cannot
        # parse is refused, not skipped (a token behind an unclosed quote reads as unset).
        config.load_env_file(Path.cwd() / ".env")
        return run(args)
    except knowledge.KnowledgeBaseError as error:
        if not error.path.exists():
            print(f"faqbot: no knowledge base at {error.path} (--kb or FAQ_PATH)", file=sys.stderr)
            return EXIT_CONFIG
        # One line, whatever the file holds: the first problem, and where the rest are.
        first, more = error.problems[0], len(error.problems) - 1
        rest = f" (and {more} more: run `faqbot check {error.path}`)" if more else ""
        located = first.located(error.path)
        print(f"faqbot: cannot load the knowledge base {located}{rest}", file=sys.stderr)
        return EXIT_CONFIG
    except (ConfigError, Refusal) as error:
        print(f"faqbot: {error}", file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `faqbot report | head`: the reader has all it wanted
        # Point stdout at /dev/null so the interpreter's last flush cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


class _Parser(argparse.ArgumentParser):
    """argparse with the README's promise: a wrong argument is one line and exit status 2
    (argparse's own error prints the whole usage first)."""

    def error(self, message: str) -> NoReturn:
        """Say what is wrong in one line, and where the usage is."""
        self.exit(EXIT_CONFIG, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="faqbot",
        description="The clinic's FAQ bot. With no command: the Telegram bot when "
        "TELEGRAM_BOT_TOKEN is set, otherwise a chat in the terminal.",
    )
    parser.set_defaults(run=_default)
    sub = parser.add_subparsers(metavar="COMMAND")
    for command in COMMANDS:
        each = sub.add_parser(command.name, help=command.help)
        for argument in command.arguments:
            each.add_argument(*argument.flags, **argument.options)
        each.set_defaults(run=command.run)
    return parser


@dataclass(frozen=True)
class Argument:
    """One argument of a command: what argparse's add_argument is given."""

    flags: tuple[str, ...]
    options: Mapping[str, Any]


def argument(*flags: str, **options: Any) -> Argument:
    """An Argument, written as the add_argument call it stands for."""
    return Argument(flags, options)


@dataclass(frozen=True)
class Command:
    """A subcommand, declared whole: its name, its line in --help, the function that runs
    it (returning the exit status) and its arguments, in the order --help shows them."""

    name: str
    help: str
    run: Callable[[argparse.Namespace], int]
    arguments: tuple[Argument, ...] = ()


KB = argument(
    "--kb",
    type=Path,
    default=None,
    help="knowledge base YAML (default: $FAQ_PATH or the bundled one)",
)
RECORD = argument("--record", action="store_true", help=RECORD_HELP)


def _kb_path(args: argparse.Namespace) -> Path:
    """--kb or the check PATH, else FAQ_PATH, else the bundled knowledge base."""
    given = getattr(args, "kb", None) or getattr(args, "path", None)
    if given is not None:
        return Path(given)
    env = os.environ.get("FAQ_PATH")
    return Path(env) if env else knowledge.DEFAULT_PATH


def _matcher(args: argparse.Namespace, recent_texts: int = 0) -> Matcher:
    """The engine on the chosen knowledge base, with the semantic net unless
    FAQBOT_SEMANTIC=off (or its model is missing, which is said loudly)."""
    from bot import engine

    return engine.configured_matcher(knowledge.load(_kb_path(args)), recent_texts)


class _Recorder:
    """The analytics store of --record, which never holds up a reply: the first failure
    is said in one line, recording stops, and the command ends with exit status 2."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.failed = False
        self._store: Store | None = None

    def open(self) -> bool:
        """Open the store; False (said once) when it cannot be used."""
        from bot import analytics

        try:
            self._store = analytics.Store(self.path)
        except DB_ERRORS as error:
            self._fail(error)
        return self._store is not None

    def record(self, reply: Reply, channel: str) -> None:
        """Count one reply, as Store.record does, unless recording has failed."""
        if self._store is not None:
            store = self._store
            self._guard(lambda: store.record(reply, channel))

    def record_lookup(self, entry_id: str, channel: str) -> None:
        """Count one picked entry, as Store.record_lookup does, unless recording failed."""
        if self._store is not None:
            store = self._store
            self._guard(lambda: store.record_lookup(entry_id, channel))

    def close(self) -> None:
        """Close the store (its write-ahead log is folded into the file)."""
        if self._store is not None:
            self._guard(self._store.close)
            self._store = None

    def _guard(self, call: Callable[[], object]) -> None:
        try:
            call()
        except DB_ERRORS as error:
            self._fail(error)

    def _fail(self, error: BaseException) -> None:
        """Say once why recording stopped, and stop it."""
        if not self.failed:
            print(
                f"faqbot: cannot record in FAQBOT_DB_PATH={self.path}: "
                f"{analytics.problem(self.path, error)}; replies are not being recorded",
                file=sys.stderr,
                flush=True,
            )
        self.failed = True
        if self._store is not None:
            store, self._store = self._store, None
            with contextlib.suppress(*DB_ERRORS):  # already said; the process ends soon
                store.close()


def _recorder(args: argparse.Namespace) -> _Recorder | None:
    """The recorder when --record was given; the terminal records nothing else."""
    return _Recorder(config.db_path()) if getattr(args, "record", False) else None


def _stdin_lines() -> Iterator[str]:
    """Standard input's lines, read as UTF-8 whatever the locale: a line that is not UTF-8
    is refused with its number rather than matched as replacement characters."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream put in place of stdin (tests): already decoded
        yield from (line.rstrip("\n") for line in sys.stdin)
        return
    for number, raw in enumerate(stream, 1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise Refusal(f"standard input line {number} is not UTF-8 text") from None
        yield line.removesuffix("\n").removesuffix("\r")


def _ask(args: argparse.Namespace) -> int:
    from bot.terminal import format_reply
    from faq.view import reply_dict

    matcher = _matcher(args)
    recorder = _recorder(args)
    if recorder is not None:
        recorder.open()  # a broken database is said, and the replies are printed anyway
    questions = args.question or _stdin_lines()
    try:
        for number, question in enumerate(questions):
            reply = matcher.reply(question)
            if recorder is not None:
                recorder.record(reply, "terminal")
            if args.json:
                print(json.dumps(reply_dict(matcher.kb, reply), ensure_ascii=False), flush=True)
            else:
                if number:
                    print("\n" + "-" * 40)
                print(format_reply(matcher.kb, reply), flush=True)
    finally:
        if recorder is not None:
            recorder.close()
    return EXIT_CONFIG if recorder is not None and recorder.failed else 0


def _chat(args: argparse.Namespace) -> int:
    from bot.terminal import chat

    matcher = _matcher(args)
    recorder = _recorder(args)
    if recorder is not None and not recorder.open():
        return EXIT_CONFIG  # said in one line; nothing was asked yet, so nothing is lost
    if isinstance(sys.stdin, io.TextIOWrapper):
        # Strict, whatever the locale: a C locale's surrogateescape would match mojibake.
        sys.stdin.reconfigure(errors="strict")
    try:
        # The recorder has the two methods chat calls on a store (record, record_lookup).
        chat(matcher, store=cast("Store", recorder))
    except UnicodeDecodeError:
        raise Refusal("standard input is not UTF-8 text") from None
    finally:
        if recorder is not None:
            recorder.close()
    return EXIT_CONFIG if recorder is not None and recorder.failed else 0


def _report(args: argparse.Namespace) -> int:
    from bot import analytics, report

    path = config.db_path()
    if args.days is not None and not 1 <= args.days <= config.MAX_DAYS:
        # timedelta overflows long before an int does; nothing is kept that long anyway.
        raise Refusal(f"--days must be from 1 to {config.MAX_DAYS}")
    if not path.exists():
        raise Refusal(f"no analytics yet at {path} (FAQBOT_DB_PATH)")
    periods = (args.days,) if args.days else (7, 30)
    kb = knowledge.load(_kb_path(args))
    try:
        store = analytics.Store(path)
        try:
            figures = report.report(store, kb, periods=periods)
        finally:
            store.close()
    except DB_ERRORS as error:
        raise Refusal(
            f"cannot read FAQBOT_DB_PATH={path}: {analytics.problem(path, error)}"
        ) from None
    render = {"text": report.to_text, "csv": report.to_csv, "html": report.to_html}
    sys.stdout.write(render[args.format](figures))
    return 0


def _import(args: argparse.Namespace) -> int:
    from faq import importer

    if not args.article.is_file():
        print(f"faqbot: no article at {args.article}", file=sys.stderr)
        return EXIT_CONFIG
    # A folder in the knowledge base's layout; write_draft refuses to overwrite one.
    output = args.output or args.article.with_suffix("")
    try:
        problems = importer.write_draft(args.article, output)
    except importer.ArticleError as error:  # binary, not UTF-8, empty: names the article
        raise Refusal(str(error)) from None
    except (OSError, ValueError) as error:  # unreadable article, a source file in the way
        print(f"faqbot: cannot draft from {args.article}: {error}", file=sys.stderr)
        return EXIT_CONFIG
    for problem in problems:
        print(problem.located(output))
    errors = sum(not problem.warning for problem in problems)
    print(f"{output}: draft written, {errors} error(s); next: write the alternates it marks")
    return EXIT_PROBLEMS if errors else 0


def _add_alternate(args: argparse.Namespace) -> int:
    from faq import phrasings

    try:
        added = phrasings.add_alternate(_kb_path(args), args.id, args.text)
    except phrasings.Refused as error:
        print(f"faqbot: not added: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(added)
    return 0


def _export(args: argparse.Namespace) -> int:
    from faq import export

    sys.stdout.write(export.export(knowledge.load(_kb_path(args)), args.format))
    return 0


def _check(args: argparse.Namespace) -> int:
    if args.kb is not None and args.path is not None and args.kb != args.path:
        raise Refusal(f"give one knowledge base to check, not both {args.path} and --kb {args.kb}")
    path = _kb_path(args)
    if not path.exists():
        # A file that is not there is exit status 2, like every command; 1 is for errors in it.
        raise Refusal(f"no knowledge base at {path}")
    if path.is_dir() and not any((path / name).exists() for name in knowledge.FOLDER_FILES):
        raise Refusal(
            f"no knowledge base at {path} (a folder holds {', '.join(knowledge.FOLDER_FILES)})"
        )
    problems = knowledge.check(path)
    for problem in problems:
        print(problem.located(path))
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
    from faq.evaluation import LabelledSetError, evaluate, load_cases

    if not args.file.exists():
        raise Refusal(f"no labelled set at {args.file}")
    try:
        cases = load_cases(args.file)  # before the model loads: a bad file fails at once
    except LabelledSetError as error:
        raise Refusal(str(error)) from None
    report = evaluate(_matcher(args), cases)
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
        safety_net = matcher.triage.net
        if net is None or safety_net is None:  # a verdict comes only from a safety net
            state = "off" if safety_net is None else "not run (neither English nor Spanish)"
            print(f"semantic:  {state}")
        elif found.language == language.SPANISH:
            print(
                f"semantic:  {net.tier or 'nothing'} (the Spanish classifier leans "
                f"{net.leaning:.3f}, alone a concern from {safety_net.thresholds.leaning_es}; "
                f"nearest Spanish exemplar {net.score:.3f}, nearest Spanish look-alike "
                f"{net.ordinary:.3f})"
            )
            print(f"  exemplar:  {net.exemplar.text!r} ({net.exemplar.source})")
            print(f"  look-alike: {net.ordinary_text!r}")
        else:
            print(
                f"semantic:  {net.tier or 'nothing'} (nearest {net.exemplar.tier} exemplar "
                f"{net.score:.3f}, nearest ordinary phrasing {net.ordinary:.3f}; thresholds: "
                f"crisis {safety_net.thresholds.crisis}, concern "
                f"{safety_net.thresholds.concern}, margin "
                f"{safety_net.thresholds.margin})"
            )
            print(f"  exemplar:  {net.exemplar.text!r} ({net.exemplar.source})")
            print(f"  ordinary:  {net.ordinary_text!r}")
            limits = safety_net.thresholds
            print(
                f"  leaning:   {net.leaning:.3f} (the linear classifier; a concern from "
                f"{limits.leaning} when the exemplar is at most {-limits.leaning_margin} "
                f"further than the phrasing, from {limits.strong_leaning} when at most "
                f"{-limits.strong_leaning_margin})"
            )
            print(
                f"  whole:     {net.message_leaning:.3f} (the classifier on the whole "
                f"message; no answer, only choices, from {CAUTION_LEANING})"
            )
            if net.passage != " ".join(message.split()):
                print(f"  closest part of the message: {net.passage!r}")
        if found.letters is not None:
            print(
                f"letters:   {found.letters:.3f} (Spanish read by the pieces of its words; "
                f"alone a concern from {lettergrams.CONCERN_FROM})"
            )
            if net is not None:
                print(
                    f"together:  {net.leaning + found.letters:.3f} (the two leans added: "
                    f"{found.reading or 'nothing'}, a concern from {triage.BOTH_FROM})"
                )
        print(f"tier:      {found.tier or 'none'}")
        entry = f" ({reply.match.entry.id}, score {reply.score:.1f})" if reply.match else ""
        print(f"reply:     {reply.kind}{entry}")
    return 0


def _run(args: argparse.Namespace) -> int:
    from telegram.error import InvalidToken, NetworkError

    from bot import analytics, app, logs

    settings = config.load(os.environ, webhook=getattr(args, "webhook", False))
    secrets = [settings.token] + ([settings.webhook.secret] if settings.webhook else [])
    logs.configure(settings.log_level, secrets)
    kb = knowledge.load(getattr(args, "kb", None) or settings.faq_path)
    try:
        analytics.Store(settings.db_path).close()  # fail here, in one line, not mid-start
    except DB_ERRORS as error:
        problem = analytics.problem(settings.db_path, error)
        print(f"faqbot: cannot use FAQBOT_DB_PATH={settings.db_path}: {problem}", file=sys.stderr)
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
        pattern = logs.secrets_pattern([settings.token])
        message = str(error) if pattern is None else pattern.sub(logs.REDACTED, str(error))
        print(f"faqbot: cannot reach the Telegram Bot API: {message}", file=sys.stderr)
        return 1
    except OSError as error:  # e.g. the webhook port is taken
        print(f"faqbot: cannot serve: {error}", file=sys.stderr)
        return 1
    return 0


def _web(args: argparse.Namespace) -> int:
    from bot.web import app, settings

    # Settings first: a refused address is one line, before the model is loaded.
    chosen = settings.load(os.environ, host=args.host, port=args.port)
    if chosen.workers == 1:
        return app.serve(_matcher(args, app.RECENT_TEXTS), chosen)
    # Each worker loads its own engine: check the knowledge base here, once, first.
    kb_path = _kb_path(args)
    knowledge.load(kb_path)
    os.environ["FAQ_PATH"] = str(kb_path.resolve())
    return app.serve_workers(chosen)


def _doctor(args: argparse.Namespace) -> int:
    from bot import doctor

    return doctor.main(args.kb, find=args.find_chats)


def _init(args: argparse.Namespace) -> int:
    from bot import setup_wizard

    try:
        return setup_wizard.run(Path.cwd() / ".env", _kb_path(args), force=args.force)
    except setup_wizard.WizardError as error:
        raise Refusal(str(error)) from None


def _default(args: argparse.Namespace) -> int:
    if os.environ.get("TELEGRAM_BOT_TOKEN"):
        return _run(args)
    print("No TELEGRAM_BOT_TOKEN set: chatting in the terminal instead.", file=sys.stderr)
    return _chat(args)


# Every subcommand, in the order --help lists them; adding one is adding its line here.
COMMANDS = (
    Command(
        "ask",
        "answer questions and print the replies",
        _ask,
        (
            KB,
            argument("question", nargs="*", help="questions; none: read one per line from stdin"),
            argument("--json", action="store_true", help="print one JSON object per question"),
            RECORD,
        ),
    ),
    Command("chat", "chat with the bot in the terminal", _chat, (KB, RECORD)),
    Command(
        "check",
        "validate a knowledge base (its folder or file)",
        _check,
        (KB, argument("path", nargs="?", type=Path, default=None)),
    ),
    Command(
        "eval",
        "score the engine on a labelled set",
        _eval,
        (KB, argument("file", nargs="?", type=Path, default=DEFAULT_EVAL)),
    ),
    Command(
        "why",
        "explain the crisis verdict and reply to messages",
        _why,
        (KB, argument("message", nargs="+", help="messages to explain")),
    ),
    Command(
        "report",
        "what patients asked, for the clinic",
        _report,
        (
            KB,
            argument("--days", type=int, default=None, help="one period of N days"),
            argument("--format", choices=("text", "csv", "html"), default="text"),
        ),
    ),
    Command(
        "import",
        "draft a knowledge base from a new article",
        _import,
        (
            argument("article", type=Path, help="plain text, Markdown or HTML"),
            argument(
                "--output", type=Path, default=None, help="the folder to write the draft into"
            ),
        ),
    ),
    Command(
        "add-alternate",
        "add a way of asking to an entry, checked for collisions first",
        _add_alternate,
        (
            KB,
            argument("id", help="the entry's id"),
            argument("text", help="the way of asking, as a patient would type it"),
        ),
    ),
    Command(
        "export",
        "a printable FAQ sheet for the front desk",
        _export,
        (KB, argument("--format", choices=("md", "html"), default="html")),
    ),
    Command(
        "run",
        "run the Telegram bot (long polling)",
        _run,
        (
            KB,
            argument(
                "--webhook",
                action="store_true",
                help="serve a webhook instead (WEBHOOK_* settings)",
            ),
        ),
    ),
    Command(
        "web",
        "the front desk's search page in a browser",
        _web,
        (
            KB,
            argument(
                "--host", default=None, help="address (default: $FAQBOT_WEB_HOST or 127.0.0.1)"
            ),
            argument(
                "--port", type=int, default=None, help="port (default: $FAQBOT_WEB_PORT or 8080)"
            ),
        ),
    ),
    Command(
        "doctor",
        "check the settings, token, groups and files",
        _doctor,
        (
            KB,
            argument(
                "--find-chats",
                action="store_true",
                help="list the groups the bot has messages from, with their ids (bot stopped)",
            ),
        ),
    ),
    Command(
        "init",
        "set up .env and the clinic's details",
        _init,
        (
            KB,
            argument("--force", action="store_true", help="replace the token in an existing .env"),
        ),
    ),
)

if __name__ == "__main__":
    sys.exit(main())
