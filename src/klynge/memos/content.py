"""The memo content model that every format is rendered from, and its Markdown text form.

The text form is a small Markdown dialect: paragraphs, `## ` section headings, `- ` bullet lists,
`*italic*` and `**bold**`. It is what the secretariat edits; markdown-it-py parses it back.
"""

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token


@dataclass(frozen=True)
class Run:
    text: str
    italic: bool = False
    bold: bool = False


Inline = tuple[Run, ...]


@dataclass(frozen=True)
class Paragraph:
    runs: Inline


@dataclass(frozen=True)
class BulletList:
    items: tuple[Inline, ...]


Block = Paragraph | BulletList


@dataclass
class Section:
    heading: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class MemoDocument:
    """A memo ready to render: heading block, metadata, and the body."""

    title: str
    recipient: str = ""
    metadata: list[tuple[str, str]] = field(default_factory=list)
    intro: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


def plain(text: str) -> Inline:
    return (Run(text),)


def inline_text(runs: Inline) -> str:
    return "".join(r.text for r in runs)


# --- Markdown text form -------------------------------------------------------------------------

_ESCAPE_INLINE = re.compile(r"([\\*_`\[\]<>])")
_BLOCK_START = re.compile(r"^(\s*)([#>+\-]|\d+[.)])")


def _escape(text: str) -> str:
    text = _ESCAPE_INLINE.sub(r"\\\1", text)
    return _BLOCK_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def runs_to_markdown(runs: Inline) -> str:
    out = []
    for run in runs:
        text = _escape(run.text)
        if not text.strip():
            out.append(text)
            continue
        # Emphasis markers must hug the text, so keep surrounding spaces outside them.
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        core = text.strip()
        if run.bold:
            core = f"**{core}**"
        if run.italic:
            core = f"*{core}*"
        out.append(f"{lead}{core}{trail}")
    return "".join(out)


def blocks_to_markdown(blocks: list[Block]) -> list[str]:
    chunks = []
    for block in blocks:
        if isinstance(block, Paragraph):
            chunks.append(runs_to_markdown(block.runs))
        else:
            chunks.append("\n".join(f"- {runs_to_markdown(item)}" for item in block.items))
    return chunks


def body_to_markdown(intro: list[Block], sections: list[Section]) -> str:
    chunks = blocks_to_markdown(intro)
    for section in sections:
        chunks.append(f"## {_escape(section.heading)}")
        chunks.extend(blocks_to_markdown(section.blocks))
    return "\n\n".join(chunks) + "\n"


def _inline_runs(token: Token) -> Inline:
    runs: list[Run] = []
    italic = bold = False
    for child in token.children or []:
        if child.type == "em_open":
            italic = True
        elif child.type == "em_close":
            italic = False
        elif child.type == "strong_open":
            bold = True
        elif child.type == "strong_close":
            bold = False
        elif child.type in ("softbreak", "hardbreak"):
            runs.append(Run(" ", italic, bold))
        elif child.content:
            runs.append(Run(child.content, italic, bold))
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].italic, merged[-1].bold) == (run.italic, run.bold):
            merged[-1] = Run(merged[-1].text + run.text, run.italic, run.bold)
        else:
            merged.append(run)
    return tuple(merged)


def markdown_to_body(text: str) -> tuple[list[Block], list[Section]]:
    """Parse the text form into intro blocks and sections. Headings of any level start a section."""
    tokens = MarkdownIt("commonmark").parse(text)
    intro: list[Block] = []
    sections: list[Section] = []
    target = intro
    list_items: list[Inline] | None = None
    in_heading = False
    for token in tokens:
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            list_items = []
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            if list_items:
                target.append(BulletList(tuple(list_items)))
            list_items = None
        elif token.type == "inline":
            runs = _inline_runs(token)
            if in_heading:
                sections.append(Section(heading=inline_text(runs)))
                target = sections[-1].blocks
            elif list_items is not None:
                list_items.append(runs)
            elif runs:
                target.append(Paragraph(runs))
        elif token.type in ("fence", "code_block") and token.content.strip():
            target.append(Paragraph(plain(token.content.strip())))
    return intro, sections
