"""Runs a labelled set of messages through the matcher and counts what it got right."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from faq import text
from faq.matcher import Matcher
from faq.reply import SAFETY_KINDS, Kind, Reply

# What each label expects of the reply. A crisis set (items with `crisis: true/false`
# instead of `kind`) has crises and look-alikes: messages near a crisis that are not.
LABELS = ("answer", "unanswered", "off_topic", "crisis", "idiom", "greeting", "lookalike")
_MUST_NOT_ANSWER = {"unanswered", "off_topic", "crisis"}
# Questions a false alarm would fail: the ones the clinic's patients ask every day.
_QUESTIONS = {"answer", "unanswered"}


@dataclass(frozen=True)
class Case:
    """One labelled message."""

    text: str
    label: str
    expect: str = ""
    language: str = "en"


@dataclass(frozen=True)
class Outcome:
    """One case and what the engine replied."""

    case: Case
    reply: Reply
    passed: bool
    wrong_answer: bool  # answered, but not with the expected passage
    false_answer: bool  # answered a message that must not be answered
    offered: bool = False  # the expected passage answered, or among the choices offered

    @property
    def false_alarm(self) -> bool:
        """A message that is no crisis got crisis resources or the check-in."""
        return self.case.label != "crisis" and self.reply.kind in SAFETY_KINDS


@dataclass
class Report:
    """Per-label figures of an evaluation run."""

    outcomes: list[Outcome] = field(default_factory=list)

    def by_label(self, label: str) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.case.label == label]

    def accuracy(self, label: str) -> float:
        found = self.by_label(label)
        return sum(o.passed for o in found) / len(found) if found else 1.0

    def wrong_answer_rate(self) -> float:
        """In-scope questions answered with another passage than the expected one."""
        found = self.by_label("answer")
        return sum(o.wrong_answer for o in found) / len(found) if found else 0.0

    def false_answer_rate(self) -> float:
        found = [o for o in self.outcomes if o.case.label in _MUST_NOT_ANSWER]
        return sum(o.false_answer for o in found) / len(found) if found else 0.0

    def offered_rate(self) -> float:
        """In-scope questions whose passage was answered or among "Did you mean"."""
        found = self.by_label("answer")
        return sum(o.offered for o in found) / len(found) if found else 1.0

    def misses(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if not outcome.passed]

    def summary(self) -> str:
        """The figures as a person reads them, then every miss."""
        lines = [f"{'label':<11} {'cases':>5} {'passed':>7} {'wrong ans':>9} {'false ans':>9}"]
        for label in LABELS:
            found = self.by_label(label)
            if not found:
                continue
            lines.append(
                f"{label:<11} {len(found):>5} {self.accuracy(label):>7.1%} "
                f"{sum(o.wrong_answer for o in found):>9} {sum(o.false_answer for o in found):>9}"
            )
        kinds = Counter(str(o.reply.kind) for o in self.by_label("answer"))
        crises = self.by_label("crisis")
        questions = [o for o in self.outcomes if o.case.label in _QUESTIONS]
        others = [o for o in self.outcomes if o.case.label not in _QUESTIONS | {"crisis"}]
        if self.by_label("answer"):
            lines += [
                "",
                f"in-scope accuracy: {self.accuracy('answer'):.1%} "
                f"(replies: {', '.join(f'{k} {n}' for k, n in kinds.most_common())})",
                f"right passage answered or among the choices: {self.offered_rate():.1%}; "
                f"wrong answers: {self.wrong_answer_rate():.1%}",
            ]
        lines.append("")
        for language in sorted({o.case.language for o in crises}):
            found = [o for o in crises if o.case.language == language]
            strict = sum(o.reply.kind is Kind.CRISIS for o in found)
            lines.append(
                f"crises detected ({language}): {sum(o.passed for o in found)}/{len(found)} "
                f"({strict} crisis resources, the rest the check-in); answered with a "
                f"passage: {sum(o.reply.kind is Kind.ANSWER for o in found)}"
            )
        lines += [
            f"false alarms: {sum(o.false_alarm for o in questions)}/{len(questions)} questions,"
            f" {sum(o.false_alarm for o in others)}/{len(others)} other messages",
            f"answers to messages that must not be answered: {self.false_answer_rate():.1%}",
        ]
        misses = self.misses()
        if misses:
            lines += ["", f"misses ({len(misses)}):"]
            for outcome in misses:
                reply = outcome.reply
                got = str(reply.kind)
                if reply.match is not None:
                    got += f" {reply.match.entry.id} {reply.match.score:.0f}"
                expected = outcome.case.label + (
                    f" ({outcome.case.expect})" if outcome.case.expect else ""
                )
                lines.append(f"  [{expected}] {outcome.case.text!r} -> {got}")
        return "\n".join(lines)


class LabelledSetError(ValueError):
    """A labelled set that cannot be used; its message is one line naming the file."""


def load_cases(path: Path | str) -> list[Case]:
    """A labelled set: a YAML list of {text, kind, expect}, or of {text, crisis, lang}.

    Raises LabelledSetError for a file that is missing, unreadable, not UTF-8, not YAML,
    not a list of cases, or empty (an empty set would score 100%).
    """
    path = Path(path)
    try:
        content = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise LabelledSetError(f"{path} is not UTF-8 text") from None
    except IsADirectoryError:
        raise LabelledSetError(f"{path} is a folder, not a labelled set") from None
    except OSError as error:
        raise LabelledSetError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        items = yaml.safe_load(content)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "not YAML"
        raise LabelledSetError(f"{path}{where}: not a YAML labelled set ({problem})") from None
    if not items:
        raise LabelledSetError(f"no cases in {path}")
    if not isinstance(items, list):
        raise LabelledSetError(
            f"{path} must be a YAML list of cases ({{text, kind, expect}} or {{text, crisis}})"
        )
    cases = []
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str | int | float):
            raise LabelledSetError(f"{path}: case {number} must be a mapping with a text")
        label = item.get("kind")
        if "crisis" in item:
            label = "crisis" if item["crisis"] else "lookalike"
        if label not in LABELS:
            raise LabelledSetError(
                f"{path}: case {number}: kind must be one of {', '.join(LABELS)}"
            )
        cases.append(
            Case(
                str(item["text"]),
                label,
                str(item.get("expect") or ""),
                str(item.get("lang") or "en"),
            )
        )
    return cases


def evaluate(matcher: Matcher, cases: list[Case]) -> Report:
    """Reply to every case and judge each reply against its label."""
    report = Report()
    for case in cases:
        reply = matcher.reply(case.text)
        match = reply.match if reply.kind is Kind.ANSWER else None
        answered = match is not None
        expected = text.comparable(case.expect)
        right = match is not None and expected in text.comparable(match.entry.answer)
        choices = [] if reply.kind is not Kind.SUGGESTIONS else list(reply.suggestions)
        offered = right or any(
            expected in text.comparable(choice.entry.answer) for choice in choices
        )
        if case.label == "answer":
            passed = right
        elif case.label == "crisis":
            passed = reply.kind in SAFETY_KINDS
        elif case.label in ("idiom", "lookalike"):
            passed = reply.kind not in SAFETY_KINDS
        elif case.label == "greeting":
            passed = reply.kind is Kind.GREETING
        else:
            passed = not answered and reply.kind not in SAFETY_KINDS
        report.outcomes.append(
            Outcome(
                case,
                reply,
                passed,
                wrong_answer=case.label == "answer" and answered and not right,
                false_answer=case.label in _MUST_NOT_ANSWER and answered,
                offered=case.label == "answer" and offered,
            )
        )
    return report
