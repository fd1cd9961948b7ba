"""Identifiers masked out of the questions the analytics keep.

The clinic keeps the text of questions the bot could not answer, to write new entries.
Patients sometimes put who they are in them ("my name is Ana Ruiz, DOB 03/04/1988,
call me on 555-201-7788"). Each mask has a name and the examples that justify it, and
the tests run every mask on its own examples, as the crisis rules do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Mask:
    """One kind of identifier, how it is found, and what replaces it."""

    name: str
    pattern: re.Pattern[str]
    replacement: str
    examples: tuple[str, ...]  # messages whose identifier must disappear
    lookalikes: tuple[str, ...] = ()  # messages it must leave alone


# Order matters: e-mail addresses and URLs before the digits inside them, dates before
# phone numbers (a date is digits and separators too).
MASKS: tuple[Mask, ...] = (
    Mask(
        "email",
        re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"),
        "[email]",
        ("write to ana.ruiz+clinic@example.com please", "my email is j_doe@mail.co.uk"),
    ),
    Mask(
        "url",
        re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE),
        "[link]",
        ("my chart is at https://portal.example.org/patient/88213",),
    ),
    # Dates of birth and other dates: 03/04/1988, 3-4-88, 1988-04-03, "4 March 1988".
    Mask(
        "date",
        re.compile(
            r"\b(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2}|"
            r"\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
            r"[a-z]* \d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* "
            r"\d{1,2}(?:st|nd|rd|th)?,? \d{4})\b",
            re.IGNORECASE,
        ),
        "[date]",
        ("DOB 03/04/1988, can I still book?", "born 4 March 1988", "dob: march 4th, 1988"),
        ("i take 20 mg a day", "is it 3 or 4 sessions"),
    ),
    # US and international phone numbers: 555-201-7788, (555) 201 7788, +44 7700 900123.
    Mask(
        "phone",
        re.compile(
            r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?)?\d{3,4}[\s.-]\d{3,6}(?:[\s.-]\d{2,4})?\b"
        ),
        "[phone]",
        ("call me on 555-201-7788", "my number is (555) 201 7788", "text +44 7700 900123"),
        ("is 1 infusion enough", "how long are 6 sessions"),
    ),
    # Social security, insurance member and record numbers: long runs of digits.
    Mask(
        "id-number",
        re.compile(r"\b(?:\d{3}-\d{2}-\d{4}|[A-Z]{0,3}\d{6,})\b"),
        "[number]",
        ("my ssn is 123-45-6789", "member id XJH88213409 is that covered", "mrn 00882134"),
        ("does it work in 2024", "is 150 mg safe"),
    ),
    # A name given outright: "my name is ana ruiz", "name: John Smith".
    Mask(
        "name-given",
        re.compile(r"(?i:\b(?:my name is|my name's|my names|name:))\s+[\w'-]+(?:\s+[\w'-]+)?"),
        "my name is [name]",
        ("Hi, my name is ana ruiz and I want to know the price", "name: John Smith"),
        ("what is my name", "can you call me back"),  # masking a word too many is safe
    ),
    # A name introduced with a capital: "This is Ana Ruiz", "I'm Ana"; "this is really
    # helpful" and "I am OCD free" are not names.
    Mask(
        "name-introduced",
        re.compile(r"(?i:\b(?:this is|i'm|i am|im))\s+[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?\b"),
        "I am [name]",
        ("This is Ana Ruiz, is the clinic open Sunday?", "hi i'm Jordan, how much is it"),
        ("this is really helpful", "I am OCD free", "i'm scared of needles"),
    ),
)


def mask(text: str) -> str:
    """The text with e-mail addresses, links, dates, phone, ID numbers and names masked."""
    for rule in MASKS:
        text = rule.pattern.sub(rule.replacement, text)
    return text
