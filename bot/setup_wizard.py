"""`faqbot init`: ask for the clinic's details and the token; write .env and the
knowledge base's clinic block."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bot import config
from faq import files, knowledge

# The questions, in order: the clinic block's key, and how it is asked.
CLINIC_QUESTIONS = (
    ("name", "The clinic's name"),
    ("phone", "Its phone number"),
    ("booking_url", "Its booking link"),
    ("hours", "Its opening hours (e.g. Mon-Fri 9am-5pm)"),
    ("address", "Its address, and how to get there"),
)
TOKEN_TRIES = 3
# One `key: value` line of the clinic block; a quoted value may be followed by a comment,
# which is kept (an unquoted one runs to the comment, as YAML reads it).
_FIELD = re.compile(
    r"""^(?P<indent>[ \t]+)(?P<key>[A-Za-z_]+)(?P<sep>[ \t]*:[ \t]*)"""
    r"""(?P<value>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^#\n]*?)(?P<rest>[ \t]+#.*)?$"""
)
_TOKEN_LINE = re.compile(r"^\s*(?:export\s+)?TELEGRAM_BOT_TOKEN\s*=")
STAFF_HELP = """\
Next, the staff group (optional: it lets patients ask the clinic team):
  1. In Telegram, add the bot to the staff group.
  2. Send any message in that group.
  3. With the bot stopped, run: faqbot doctor --find-chats
     It prints each group's title and id; put the id in .env as STAFF_CHAT_ID=<id>.
     (It reads the updates the bot has not fetched yet, so it works only while the
     bot is not running: Telegram refuses two readers at once.)
Then run `faqbot doctor` to check everything, and `faqbot run` to start."""


class WizardError(Exception):
    """Init cannot go on; its message is one line for the user."""


def _ask(prompt: str) -> str:
    """One answer from standard input; the end of input is a refusal, not a traceback."""
    try:
        return input(f"{prompt}: ").strip()
    except EOFError:
        raise WizardError(
            f"no answer for {prompt.split(' (')[0].lower()!r} (input ended)"
        ) from None


def _ask_token() -> str:
    """The bot token, asked again (a few times) while it does not look like one."""
    for _ in range(TOKEN_TRIES):
        token = _ask("The bot's token from @BotFather")
        if config.TOKEN_PATTERN.match(token):
            return token
        # Never echo it: a near-miss of a real token is still a secret.
        print("That does not look like a bot token (digits, a colon, then 20+ characters).")
    raise WizardError("no valid bot token given: copy it from @BotFather's message")


def _yaml_string(value: str) -> str:
    """The value as a YAML double-quoted scalar (JSON's strings are valid YAML ones)."""
    return json.dumps(value, ensure_ascii=False)


def fill_clinic(text: str, values: dict[str, str]) -> str:
    """The knowledge base text with the clinic block's values replaced, every other line
    (comments included) as it was; a key the block lacks is added at its end."""
    lines = text.splitlines(keepends=True)
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if re.match(r"^clinic[ \t]*:[ \t]*(#.*)?$", line.rstrip("\r\n"))
        ),
        None,
    )
    if start is None:
        raise WizardError("the knowledge base has no `clinic:` block at the start of a line")
    remaining = dict(values)
    last = start
    indent = "  "
    for index in range(start + 1, len(lines)):
        body = lines[index].rstrip("\r\n")
        if body.strip() and not body[0].isspace():
            break  # the next top-level key (or a top-level comment) ends the block
        if not body.strip() or body.lstrip().startswith("#"):
            continue
        last = index
        match = _FIELD.match(body)
        if match is None or match["key"] not in remaining:
            continue
        indent = match["indent"]
        ending = lines[index][len(body) :]
        new = _yaml_string(remaining.pop(match["key"]))
        lines[index] = (
            f"{match['indent']}{match['key']}{match['sep']}{new}{match['rest'] or ''}{ending}"
        )
    if remaining:
        ending = "\r\n" if lines[start].endswith("\r\n") else "\n"
        added = [
            f"{indent}{key}: {_yaml_string(value)}{ending}" for key, value in remaining.items()
        ]
        lines[last + 1 : last + 1] = added
    return "".join(lines)


def _checked_kb(kb_path: Path, clinic_file: Path, content: str) -> None:
    """Refuse content that `knowledge.check` finds errors in, read in place of the clinic
    file's text (nothing is written to check it)."""
    problems = knowledge.check(kb_path, changes={clinic_file: content})
    errors = [problem for problem in problems if not problem.warning]
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise WizardError(
            f"the filled-in knowledge base would have an error, {errors[0]}{more}; "
            "nothing was written"
        )


def env_content(existing: str | None, token: str) -> str:
    """The .env text: the existing one with its token line replaced, or a new one."""
    line = f"TELEGRAM_BOT_TOKEN={token}\n"
    if existing is None:
        return "# Written by `faqbot init`; see .env.example for every setting.\n" + line
    lines = existing.splitlines(keepends=True)
    for index, current in enumerate(lines):
        if _TOKEN_LINE.match(current):
            lines[index] = line
            return "".join(lines)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return "".join(lines) + line


def run(env_path: Path, kb_path: Path, *, force: bool = False) -> int:
    """Ask, check, then write .env (mode 0600) and the knowledge base's clinic block."""
    if env_path.exists() and not force:
        raise WizardError(f"{env_path} already exists: pass --force to replace its token")
    if not kb_path.exists():
        raise WizardError(f"no knowledge base at {kb_path} (--kb or FAQ_PATH)")
    # In the folder layout the clinic block has a file of its own (clinic.yaml).
    clinic_file = knowledge.layout(kb_path).file_of("clinic")
    try:
        original = clinic_file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WizardError(f"no knowledge base at {clinic_file} (--kb or FAQ_PATH)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise WizardError(f"cannot read {clinic_file}: {error}") from None
    print(f"Setting up the bot; the clinic's details go into {clinic_file}.")
    print("Press Enter to leave a detail as it is.")
    values = {key: answer for key, prompt in CLINIC_QUESTIONS if (answer := _ask(prompt))}
    token = _ask_token()
    updated = fill_clinic(original, values) if values else original
    _checked_kb(kb_path, clinic_file, updated)  # before anything is written: all or nothing
    existing = env_path.read_text(encoding="utf-8") if env_path.exists() else None
    files.write_atomically(env_path, env_content(existing, token), 0o600)  # it holds the token
    print(f"Wrote {env_path} (readable only by you).")
    if updated != original:
        files.write_atomically(clinic_file, updated)
        print(f"Filled in the clinic's details in {clinic_file}.")
    left = [problem for problem in knowledge.check(kb_path) if problem.placeholder]
    if left:
        print(f"{len(left)} placeholder(s) left: `faqbot check {kb_path}` lists them.")
    print()
    print(STAFF_HELP)
    return 0
