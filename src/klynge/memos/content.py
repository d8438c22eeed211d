"""The memo content model that every format is rendered from, and its Markdown text form.

The text form is a small Markdown dialect: paragraphs, `## ` section headings, `- ` bullet lists,
`*italic*` and `**bold**`, and passages from closed agenda items fenced as

    ::: lukket-punkt 17
    Sundhedsklyngen behandlede *…*.
    :::

(the number is the agenda item's id). It is what the secretariat edits; markdown-it-py parses it back.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

CLOSED_MARK = "lukket-punkt"
CLOSED_LABEL = "Lukket punkt"


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


@dataclass(frozen=True)
class ClosedPassage:
    """Text drawn from closed agenda items (their ids): marked "Lukket punkt" wherever the memo is shown,
    it makes the memo a closed memo, and the memo's public version leaves it out."""

    item_ids: tuple[int, ...]
    blocks: tuple["Paragraph | BulletList", ...]


Block = Paragraph | BulletList | ClosedPassage


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
    # A closed memo holds passages from closed agenda items; every format says so on its first page.
    closed: bool = False
    # The sender block, as the seeds show it: the committee's administration and its party (the date,
    # case numbers and case handler are `metadata`).
    party: str = ""
    administration: str = ""
    # The party's letterhead: its logo (PNG/JPEG) and its own Word template (docxtpl); None: the default.
    logo: bytes | None = None
    word_template: bytes | None = None

    @property
    def sender(self) -> list[str]:
        return [line for line in (self.administration, self.party) if line]


def closed_item_ids(intro: list[Block], sections: list[Section]) -> set[int]:
    """The closed agenda items the text draws on."""
    return {
        item_id
        for block in _all_blocks(intro, sections)
        if isinstance(block, ClosedPassage)
        for item_id in block.item_ids
    }


def _all_blocks(intro: list[Block], sections: list[Section]) -> Iterator[Block]:
    yield from intro
    for section in sections:
        yield from section.blocks


def without_closed_passages(intro: list[Block], sections: list[Section]) -> tuple[list[Block], list[Section]]:
    """The public version of a text: closed passages left out, and sections they alone filled."""
    public_intro: list[Block] = [b for b in intro if not isinstance(b, ClosedPassage)]
    public_sections = []
    for section in sections:
        blocks: list[Block] = [b for b in section.blocks if not isinstance(b, ClosedPassage)]
        if blocks:
            public_sections.append(Section(heading=section.heading, blocks=blocks))
    return public_intro, public_sections


def plain(text: str) -> Inline:
    return (Run(text),)


def inline_text(runs: Inline) -> str:
    return "".join(r.text for r in runs)


# --- Markdown text form -------------------------------------------------------------------------

_ESCAPE_INLINE = re.compile(r"([\\*_`\[\]<>])")
_BLOCK_START = re.compile(r"^(\s*)([#>+\-:]|\d+[.)])")


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


def blocks_to_markdown(blocks: "list[Block] | tuple[Block, ...]") -> list[str]:
    chunks = []
    for block in blocks:
        if isinstance(block, Paragraph):
            chunks.append(runs_to_markdown(block.runs))
        elif isinstance(block, BulletList):
            chunks.append("\n".join(f"- {runs_to_markdown(item)}" for item in block.items))
        else:
            ids = " ".join(str(i) for i in block.item_ids)
            inner = "\n\n".join(blocks_to_markdown(block.blocks))
            chunks.append(f"::: {CLOSED_MARK} {ids}\n{inner}\n:::")
    return chunks


def heading_to_markdown(heading: str) -> str:
    return f"## {_escape(heading)}"


def body_to_markdown(intro: list[Block], sections: list[Section]) -> str:
    chunks = blocks_to_markdown(intro)
    for section in sections:
        chunks.append(heading_to_markdown(section.heading))
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


def _closed_ids(info: str) -> tuple[int, ...]:
    """The item ids after the mark ("lukket-punkt 17 18"); anything else in the line is ignored."""
    return tuple(int(word) for word in info.split()[1:] if word.isdigit())


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").use(
        container_plugin,
        name=CLOSED_MARK,
        validate=lambda params, *args: params.strip().split(" ", 1)[0] == CLOSED_MARK,
    )


_PARSER = _parser()


def markdown_to_body(text: str) -> tuple[list[Block], list[Section]]:
    """Parse the text form into intro blocks and sections. Headings of any level start a section.

    A closed passage left open runs to the end of the text (it is never cut short); one that holds a
    heading is closed at it, and the heading's section starts a new closed passage with the same items."""
    tokens = _PARSER.parse(text)
    intro: list[Block] = []
    sections: list[Section] = []
    outer: list[Block] = intro
    target: list[Block] = intro
    closed: tuple[int, ...] | None = None
    closed_blocks: list[Block] = []

    def flush_closed() -> None:
        if closed is not None and closed_blocks:
            outer.append(
                ClosedPassage(closed, tuple(b for b in closed_blocks if not isinstance(b, ClosedPassage)))
            )
        closed_blocks.clear()

    list_items: list[Inline] | None = None
    in_heading = False
    for token in tokens:
        if token.type == f"container_{CLOSED_MARK}_open":
            flush_closed()
            closed = _closed_ids(token.info.strip())
            target = closed_blocks
        elif token.type == f"container_{CLOSED_MARK}_close":
            flush_closed()
            closed = None
            target = outer
        elif token.type == "heading_open":
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
                flush_closed()
                sections.append(Section(heading=inline_text(runs)))
                outer = sections[-1].blocks
                target = closed_blocks if closed is not None else outer
            elif list_items is not None:
                list_items.append(runs)
            elif runs:
                target.append(Paragraph(runs))
        elif token.type in ("fence", "code_block") and token.content.strip():
            target.append(Paragraph(plain(token.content.strip())))
    flush_closed()
    return intro, sections
