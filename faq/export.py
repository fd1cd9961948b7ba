"""A printable FAQ sheet for the front desk: every question with its approved answer.

The sheet holds the clinic's name and contact details, the disclaimer, then each
entry's question and answer in the knowledge base's order, answers verbatim. Clinic
details still set to a [BRACKETED] placeholder are left out: a printed sheet must not
tell patients to call "[CLINIC PHONE]" (`faqbot check` warns about them).
"""

from __future__ import annotations

import html
import re

from faq.knowledge import PLACEHOLDER, KnowledgeBase
from faq.view import paragraphs

FORMATS = ("md", "html")
TITLE = "Frequently asked questions"
# Clinic fields shown on the sheet, in order, with their labels.
CONTACT_FIELDS = (
    ("phone", "Phone"),
    ("hours", "Opening hours"),
    ("booking_url", "Book online"),
    ("website", "Website"),
    ("address", "Address"),
)


def export(kb: KnowledgeBase, fmt: str) -> str:
    """The FAQ sheet of a knowledge base as Markdown ("md") or one HTML page ("html")."""
    if fmt == "md":
        return _markdown(kb)
    if fmt == "html":
        return _html(kb)
    raise ValueError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")


def known(value: str) -> str:
    """The value, or "" while it is still a [BRACKETED] placeholder."""
    value = value.strip()
    return "" if PLACEHOLDER.match(value) else value


def title(kb: KnowledgeBase) -> str:
    name = known(kb.clinic.name)
    return f"{name}: {TITLE.lower()}" if name else TITLE


def contacts(kb: KnowledgeBase) -> list[tuple[str, str]]:
    found = [(label, known(getattr(kb.clinic, name))) for name, label in CONTACT_FIELDS]
    return [(label, value) for label, value in found if value]


# --- Markdown -----------------------------------------------------------------------------

# Characters that mean something anywhere in a line of Markdown (CommonMark and GFM).
_MD_INLINE = re.compile(r"([\\`*_\[\]<>#|~])")
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What makes a line something other than a paragraph when it starts it: a list item
# ("-", "+", "1." or "1)") or a setext underline ("="). "*", "#" and ">" are escaped
# everywhere, and whitespace is folded, so no line starts with spaces (code).
_MD_LINE_START = re.compile(r"^([-+=])|^(\d+)([.)])")


def markdown_escape(value: str) -> str:
    """Text that Markdown shows exactly as written, as one paragraph or heading."""
    value = " ".join(value.split())
    value = _MD_INLINE.sub(r"\\\1", value)
    value = _MD_ENTITY.sub(r"\\&", value)
    return _MD_LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", value)


def _markdown(kb: KnowledgeBase) -> str:
    out = [f"# {markdown_escape(title(kb))}", ""]
    details = contacts(kb)
    if details:
        # Two trailing spaces: a line break, so each detail stands on its own line.
        out += [f"**{label}:** {markdown_escape(value)}  " for label, value in details]
        out[-1] = out[-1].rstrip()
        out.append("")
    disclaimer = paragraphs(kb.render(kb.messages.disclaimer))
    out += [f"*{markdown_escape(line)}*\n" for line in disclaimer]
    for entry in kb.entries:
        out += [f"## {markdown_escape(entry.question)}", ""]
        out += [f"{markdown_escape(line)}\n" for line in paragraphs(entry.answer)]
    return "\n".join(out).rstrip("\n") + "\n"


# --- HTML ---------------------------------------------------------------------------------

# The sheet's style; the front desk's print view serves the same (bot/web/app.py).
CSS = """\
body { font-family: Georgia, "Times New Roman", serif; font-size: 12pt; line-height: 1.45;
  color: #111; background: #fff; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 0.5rem; }
.contact { margin: 0 0 1rem; padding: 0; }
.contact div { margin: 0.1rem 0; }
.contact dt { display: inline; font-weight: bold; }
.contact dt::after { content: ": "; }
.contact dd { display: inline; margin: 0; }
.disclaimer { font-style: italic; border-left: 3px solid #777; padding: 0.2rem 0 0.2rem 0.8rem;
  margin: 0 0 1.5rem; }
.entry { margin: 0 0 1.2rem; page-break-inside: avoid; break-inside: avoid; }
.entry h2 { font-size: 1.1rem; margin: 0 0 0.3rem; page-break-after: avoid;
  break-after: avoid; }
.entry p { margin: 0 0 0.5rem; }
@page { margin: 1.8cm 1.6cm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  .entry { page-break-inside: avoid; break-inside: avoid; }
}"""


def _e(value: str) -> str:
    return html.escape(value, quote=True)


def _html(kb: KnowledgeBase) -> str:
    heading = title(kb)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(heading)}</title>",
        f"<style>\n{CSS}\n</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(heading)}</h1>",
    ]
    details = contacts(kb)
    if details:
        out.append('<dl class="contact">')
        out += [f"<div><dt>{_e(label)}</dt><dd>{_e(value)}</dd></div>" for label, value in details]
        out.append("</dl>")
    out += [
        f'<p class="disclaimer">{_e(line)}</p>'
        for line in paragraphs(kb.render(kb.messages.disclaimer))
    ]
    out += ["</header>", "<main>"]
    for entry in kb.entries:
        out.append(f'<section class="entry" id="{_e(entry.id)}">')
        out.append(f"<h2>{_e(entry.question)}</h2>")
        out += [f"<p>{_e(line)}</p>" for line in paragraphs(entry.answer)]
        out.append("</section>")
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
