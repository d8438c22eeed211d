"""Danish words for the search: tokens, Snowball stems, the query language, and highlighting.

PostgreSQL does all of this itself (config 'danish', websearch_to_tsquery, ts_headline). On SQLite the
same is done here in Python, so both databases find the same records: the text is split into words,
lower-cased, stripped of the Danish stop words PostgreSQL drops, and reduced by the same Snowball
Danish stemmer ("prøvehandlinger" → "prøvehandling").

The query language is PostgreSQL's web-search syntax: words must all occur, "a phrase" in quotes,
-word excludes, `or` between alternatives. Anything else in the input is ignored, never an error.
"""

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Snowball's Danish stop words: the list PostgreSQL's 'danish' configuration uses (danish.stop).
STOP_WORDS = frozenset(
    """og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi min
    havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle vil blev
    kunne ind når være dog noget ville jo deres efter ned skulle denne end dette mit også under have dig
    anden hende mine alt meget sit sine vor mod disse hvis din nogle hos blive mange ad bliver hendes
    været thi jer sådan""".split()  # noqa: SIM905 – a list of 94 words reads best as the list
)

# Letters and digits; everything else (punctuation, underscores, symbols, spaces) separates words.
WORD = re.compile(r"[^\W_]+")
# A quoted phrase (the closing quote may be missing) or a run of anything but space.
QUERY_PART = re.compile(r'"[^"]*"?|\S+')

# Marks a highlighted word in text that is escaped afterwards; stripped from indexed text.
MARK_START = "\ue000"
MARK_STOP = "\ue001"
_CONTROL = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F], " ")
_CONTROL.update({ord(MARK_START): "", ord(MARK_STOP): ""})
_CONTROL.update(dict.fromkeys(range(0xD800, 0xE000), ""))  # lone surrogates (possible from JSON)

_stemmer = snowballstemmer.stemmer("danish")


def clean(text: str) -> str:
    """Text fit to store and search: composed Unicode, no control characters, surrogates or marks."""
    return unicodedata.normalize("NFC", text.translate(_CONTROL))


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    """The Snowball stem of one lower-cased word."""
    return str(_stemmer.stemWord(word))


def words(text: str) -> Iterator[re.Match[str]]:
    return WORD.finditer(clean(text))


def stems(text: str) -> list[str]:
    """The stems of the words in the text that are not stop words, in order."""
    result = []
    for match in words(text):
        word = match.group().lower()
        if word not in STOP_WORDS:
            result.append(stem(word))
    return result


def stemmed(text: str) -> str:
    """The text as the SQLite index holds it: its stems separated by spaces."""
    return " ".join(stems(text))


@dataclass
class Alternative:
    """Terms that must all occur (each a phrase of stems) and terms that must not."""

    required: list[list[str]] = field(default_factory=list)
    excluded: list[list[str]] = field(default_factory=list)


@dataclass
class ParsedQuery:
    alternatives: list[Alternative]

    @property
    def highlight_stems(self) -> frozenset[str]:
        return frozenset(s for a in self.alternatives for phrase in a.required for s in phrase)


def parse_query(query: str) -> ParsedQuery:
    """Read web-search syntax into alternatives; those without a required term are left out."""
    alternatives = [Alternative()]
    for part in QUERY_PART.findall(clean(query)):
        if part.lower() == "or":
            if alternatives[-1].required or alternatives[-1].excluded:
                alternatives.append(Alternative())
            continue
        excluded = part.startswith("-") and len(part) > 1
        phrase = stems(part[1:] if excluded else part)
        if phrase:
            (alternatives[-1].excluded if excluded else alternatives[-1].required).append(phrase)
    return ParsedQuery([a for a in alternatives if a.required])


def _fts5_phrase(phrase: list[str]) -> str:
    # Stems are letters and digits only, so the quotes cannot be broken out of.
    return '"' + " ".join(phrase) + '"'


def fts5_expression(parsed: ParsedQuery) -> str | None:
    """An FTS5 MATCH expression for the parsed query, or None when it can match nothing."""
    groups = []
    for alternative in parsed.alternatives:
        expression = " AND ".join(_fts5_phrase(p) for p in alternative.required)
        for phrase in alternative.excluded:
            expression = f"({expression}) NOT {_fts5_phrase(phrase)}"
        groups.append(f"({expression})")
    return " OR ".join(groups) or None


# --- Highlighting ----------------------------------------------------------------------------------


def marked_to_html(text: str) -> SafeString:
    """Escape text in which matches are wrapped in MARK_START/MARK_STOP, then make those <mark>."""
    escaped = escape(text).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    return mark_safe(escaped)  # everything but our own <mark> tags is escaped above


def _is_match(word: str, wanted: frozenset[str]) -> bool:
    lowered = word.lower()
    return lowered not in STOP_WORDS and stem(lowered) in wanted


def highlight(text: str, wanted: Iterable[str], *, max_words: int | None = None) -> SafeString:
    """The text (or, given max_words, a window of it around the first match) with the words whose
    stem is wanted marked, as safe HTML."""
    text = clean(text)
    wanted = frozenset(wanted)
    matches = list(WORD.finditer(text))
    start_index, end_index = 0, len(matches)
    if max_words is not None and len(matches) > max_words:
        first = next((i for i, m in enumerate(matches) if _is_match(m.group(), wanted)), 0)
        start_index = max(0, min(first - max_words // 3, len(matches) - max_words))
        end_index = start_index + max_words
    start = matches[start_index].start() if start_index else 0
    end = matches[end_index - 1].end() if end_index < len(matches) else len(text)
    pieces = ["… " if start else ""]
    position = start
    for match in matches[start_index:end_index]:
        if _is_match(match.group(), wanted):
            pieces += [text[position : match.start()], MARK_START, match.group(), MARK_STOP]
            position = match.end()
    pieces.append(text[position:end])
    if end < len(text):
        pieces.append(" …")
    return marked_to_html(" ".join("".join(pieces).split()))
