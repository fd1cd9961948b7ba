"""The `faqbot` command line: its JSON contract, stdin mode, exit codes and the chat."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.conftest import VALID_KB

JSON_FIELDS = [
    *("query", "kind", "id", "question", "answer", "score", "suggestions", "language", "view")
]


def faqbot(
    *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    environment = {
        k: v for k, v in os.environ.items() if k not in ("TELEGRAM_BOT_TOKEN", "FAQ_PATH")
    }
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
        cwd=Path(__file__).parent.parent,
    )


def test_ask_prints_the_answer_headed_by_its_question() -> None:
    result = faqbot("ask", "is ketamine addictive?")
    assert result.returncode == 0
    assert result.stdout.startswith("Is ketamine addictive, and does it have side effects?\n")
    assert "lower risk of addiction" in result.stdout


def test_ask_json_prints_one_object_with_the_contract_fields() -> None:
    result = faqbot("ask", "--json", "how fast does ketamine work")
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    reply = json.loads(lines[0])
    assert list(reply) == JSON_FIELDS
    assert reply["kind"] == "answer"
    assert reply["id"] == "how-fast-it-works"
    assert "within hours of a single infusion" in reply["answer"]
    assert 0 <= reply["score"] <= 100
    for suggestion in reply["suggestions"]:
        assert list(suggestion) == ["id", "question", "answer", "score"]


def test_ask_json_reads_questions_from_stdin_one_line_each_in_order() -> None:
    questions = ["hi", "is ketamine addictive", "how much does it cost", "i want to kill myself"]
    result = faqbot("ask", "--json", stdin="\n".join(questions) + "\n")
    replies = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["query"] for r in replies] == questions
    assert [r["kind"] for r in replies] == ["greeting", "answer", "no_match", "crisis"]


def test_ask_json_declines_with_empty_fields() -> None:
    reply = json.loads(faqbot("ask", "--json", "what is the capital of france").stdout)
    assert reply["kind"] == "no_match"
    assert reply["id"] is None and reply["answer"] is None and reply["suggestions"] == []


def test_ask_json_lists_suggestions_for_a_near_miss() -> None:
    reply = json.loads(faqbot("ask", "--json", "how long").stdout)
    assert reply["kind"] == "suggestions"
    assert reply["answer"] is None
    assert 1 <= len(reply["suggestions"]) <= 3


def test_check_passes_the_shipped_knowledge_base() -> None:
    result = faqbot("check")
    assert result.returncode == 0
    assert "OK, 16 entries" in result.stdout


def test_check_exits_1_and_lists_every_problem(write_kb: Callable[..., Path]) -> None:
    path = write_kb(
        VALID_KB.replace("related: [how-fast]", "related: [nope]").replace(
            "id: how-fast", "id: How-Fast"
        )
    )
    result = faqbot("check", str(path))
    assert result.returncode == 1
    assert f"{path}:line 20: error: related id 'nope'" in result.stdout
    assert f"{path}:line 21: error: id 'How-Fast'" in result.stdout
    assert "Traceback" not in result.stderr


def test_broken_knowledge_base_is_one_clear_error_not_a_traceback(
    write_kb: Callable[..., Path],
) -> None:
    path = write_kb("entries: [unclosed\n")
    result = faqbot("ask", "hi", env={"FAQ_PATH": str(path)})
    assert result.returncode == 2
    assert "cannot load the knowledge base" in result.stderr
    assert "YAML syntax" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_knowledge_base_file_is_a_clear_error(tmp_path: Path) -> None:
    result = faqbot("ask", "--kb", str(tmp_path / "missing.yaml"), "hi")
    assert result.returncode == 2
    assert result.stderr.endswith(
        f"no knowledge base at {tmp_path / 'missing.yaml'} (--kb or FAQ_PATH)\n"
    )


def test_eval_prints_figures_per_kind_and_each_miss() -> None:
    result = faqbot("eval")
    assert result.returncode == 0
    assert "in-scope accuracy:" in result.stdout
    assert "crises detected (en): 31/31" in result.stdout
    for label in ("answer", "unanswered", "off_topic", "crisis", "greeting"):
        assert f"\n{label}" in result.stdout


def test_chat_numbers_suggestions_and_a_number_picks_one() -> None:
    result = faqbot("chat", stdin="how long\n1\n")
    assert result.returncode == 0
    listed = result.stdout.split("Did you mean")[1]
    first = listed.splitlines()[1].split(". ", 1)[1]
    assert f"\n{first}\n\n" in result.stdout.split("Did you mean")[1]
    assert result.stdout.rstrip().endswith("Goodbye.")


def test_no_command_without_a_token_chats_in_the_terminal() -> None:
    result = faqbot(stdin="is ketamine addictive\n")
    assert result.returncode == 0
    assert "No TELEGRAM_BOT_TOKEN set" in result.stderr
    assert "lower risk of addiction" in result.stdout


def test_importing_the_engine_does_not_import_telegram() -> None:
    code = "import sys, faq.matcher, faq.knowledge, bot.cli; print('telegram' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_report_without_analytics_yet_is_a_clear_error(tmp_path: Path) -> None:
    result = faqbot("report", env={"FAQBOT_DB_PATH": str(tmp_path / "none.db")})
    assert result.returncode == 2
    assert "no analytics yet" in result.stderr


def test_ask_records_nothing_unless_asked(tmp_path: Path) -> None:
    database = tmp_path / "faqbot.db"
    faqbot("ask", "how long", env={"FAQBOT_DB_PATH": str(database)})
    assert not database.exists()
    faqbot("ask", "--record", "how long", env={"FAQBOT_DB_PATH": str(database)})
    result = faqbot("report", "--days", "7", env={"FAQBOT_DB_PATH": str(database)})
    assert result.returncode == 0
    assert "how long" in result.stdout


def test_report_formats(tmp_path: Path) -> None:
    env = {"FAQBOT_DB_PATH": str(tmp_path / "faqbot.db")}
    faqbot("ask", "--record", "how much does it cost", env=env)
    assert faqbot("report", "--format", "csv", env=env).stdout.startswith("period_days,")
    assert "<html" in faqbot("report", "--format", "html", env=env).stdout


def test_import_writes_a_draft_that_checks(tmp_path: Path) -> None:
    article = tmp_path / "article.md"
    article.write_text("# Guide\n\n## What is it?\n\nIt is a thing.\n\n## Is it safe?\n\nYes.\n")
    result = faqbot("import", str(article), "--output", str(tmp_path / "draft"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s)" in result.stdout
    assert faqbot("check", str(tmp_path / "draft")).returncode == 0
    assert (tmp_path / "draft" / "phrasings.yaml").is_file()


def test_import_of_a_missing_article_is_a_clear_error(tmp_path: Path) -> None:
    result = faqbot("import", str(tmp_path / "nope.md"))
    assert result.returncode == 2 and "no article" in result.stderr


def test_export_prints_a_sheet_with_every_question() -> None:
    result = faqbot("export", "--format", "md")
    assert result.returncode == 0
    assert "What is OCD?" in result.stdout and "How long does the relief last?" in result.stdout


def test_why_names_the_rules_the_semantic_score_the_tier_and_the_reply() -> None:
    result = faqbot("why", "i want to kill myself", "I'll soon be at peace.")
    assert result.returncode == 0
    first, second = result.stdout.split("\n\n")
    assert "rules:     kill-oneself (intent, crisis)" in first
    assert "tier:      crisis" in first and "reply:     crisis" in first
    assert "rules:     none fired" in second
    assert "semantic:  crisis (nearest crisis exemplar" in second
    assert "exemplar:  " in second and "tier:      crisis" in second
    assert "leaning:   " in second


def test_why_shows_the_spanish_classifier_for_a_spanish_message() -> None:
    result = faqbot("why", "Me siento sola. Me siento cansada. Nada ha cambiado.")
    assert result.returncode == 0
    assert "language:  es" in result.stdout
    assert "the Spanish classifier leans" in result.stdout and "exemplar:  " in result.stdout
    assert "letters:   " in result.stdout and "a concern from" in result.stdout
    assert "together:  " in result.stdout and "the two leans added" in result.stdout


def test_with_the_semantic_net_off_the_bot_warns_that_detection_is_weaker() -> None:
    result = faqbot("ask", "--json", "I'll soon be at peace.", env={"FAQBOT_SEMANTIC": "off"})
    assert result.returncode == 0
    assert "FAQBOT_SEMANTIC=off" in result.stderr and "weaker" in result.stderr
    assert json.loads(result.stdout)["kind"] != "crisis"  # the rules alone miss it


def test_a_bad_semantic_setting_is_one_line_and_exit_2() -> None:
    result = faqbot("ask", "hi", env={"FAQBOT_SEMANTIC": "maybe"})
    assert result.returncode == 2
    assert result.stderr.strip() == "faqbot: FAQBOT_SEMANTIC must be on or off"


def test_eval_of_a_crisis_set_counts_crises_per_language_and_false_alarms() -> None:
    result = faqbot("eval", "tests/data/real_crisis_dev.yaml")
    assert result.returncode == 0
    assert "crises detected (en): " in result.stdout
    assert "crises detected (es): " in result.stdout
    assert "false alarms: " in result.stdout


def test_chat_check_in_answered_yes_sends_the_crisis_resources() -> None:
    result = faqbot("chat", stdin="I can't take this anymore\n1\n")
    assert "are you thinking about ending your life" in result.stdout
    after = result.stdout.split("2. No", 1)[1]
    assert "Suicide & Crisis Lifeline" in after


def test_chat_check_in_answered_no_invites_a_question() -> None:
    result = faqbot("chat", stdin="I can't take this anymore\nno\n")
    after = result.stdout.split("2. No", 1)[1]
    assert "Thank you for telling me" in after and "Lifeline" not in after


def test_chat_lists_the_topics_its_welcome_promises_and_a_number_picks_one() -> None:
    result = faqbot("chat", stdin="1\n")
    welcome, rest = result.stdout.split("(Type a question", 1)
    assert "  1. What is OCD?" in welcome
    assert "What is OCD?\n\nObsessive-compulsive disorder" in rest


def test_chat_understands_topics_and_help() -> None:
    result = faqbot("chat", stdin="/topics\n/help\n")
    after = result.stdout.split("(Type a question", 1)[1]
    assert after.count("  1. What is OCD?") == 2
    assert "Ask me a question in your own words" in after


def test_chat_refuses_a_number_outside_the_list() -> None:
    result = faqbot("chat", stdin="99\n")
    assert "Please pick 1–16, or type a question." in result.stdout


def test_ask_record_says_once_when_writing_fails_midway_and_answers_all(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    import sqlite3

    from bot import analytics, cli

    def full(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FAQBOT_SEMANTIC", "off")
    monkeypatch.setenv("FAQBOT_DB_PATH", str(tmp_path / "faqbot.db"))
    monkeypatch.setattr(analytics.Store, "record", full)
    status = cli.main(["ask", "--record", "--json", "is ketamine addictive", "hi"])
    assert status == 2
    out, err = capsys.readouterr()
    assert [json.loads(line)["kind"] for line in out.splitlines()] == ["answer", "greeting"]
    said = [line for line in err.splitlines() if line.startswith("faqbot:")]
    assert said == [
        f"faqbot: cannot record in FAQBOT_DB_PATH={tmp_path / 'faqbot.db'}: "
        "database or disk is full; replies are not being recorded"
    ]


def test_help_lists_every_command_with_its_line() -> None:
    from bot import cli

    result = faqbot("--help")
    assert result.returncode == 0
    # argparse puts a long name's help ("add-alternate") on the next line.
    listing = re.sub(r"\n {10,}", " ", result.stdout)
    listed = [line.split(None, 1) for line in listing.splitlines() if line.startswith("    ")]
    assert listed == [[command.name, command.help] for command in cli.COMMANDS]


def test_a_declared_command_runs_with_its_arguments_and_exit_status(
    tmp_path: Path, monkeypatch
) -> None:
    from bot import cli

    said: list[str] = []

    def echo(args: argparse.Namespace) -> int:
        said.append(args.word)
        return 3

    declared = cli.Command("echo", "say a word back", echo, (cli.argument("word"),))
    monkeypatch.setattr(cli, "COMMANDS", (*cli.COMMANDS, declared))
    monkeypatch.chdir(tmp_path)  # no .env of the project's
    assert cli.main(["echo", "hello"]) == 3
    assert said == ["hello"]


def test_add_alternate_writes_the_way_of_asking_and_says_where(tmp_path: Path) -> None:
    from faq import knowledge

    folder = Path(shutil.copytree(knowledge.DEFAULT_PATH, tmp_path / "kb"))
    text = "is obsessive compulsive disorder a real illness"
    result = faqbot("add-alternate", "--kb", str(folder), "what-is-ocd", text)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{folder / 'phrasings.yaml'}:line ")
    entry = knowledge.load(folder).entry("what-is-ocd")
    assert entry is not None and entry.alternates[-1] == text


def test_add_alternate_refuses_an_unknown_id_in_one_line(tmp_path: Path) -> None:
    from faq import knowledge

    folder = Path(shutil.copytree(knowledge.DEFAULT_PATH, tmp_path / "kb"))
    before = (folder / "phrasings.yaml").read_bytes()
    result = faqbot("add-alternate", "--kb", str(folder), "what-is-odc", "what is it")
    assert result.returncode == 1
    assert result.stderr.startswith("faqbot: not added: no entry has the id 'what-is-odc'")
    assert (folder / "phrasings.yaml").read_bytes() == before
