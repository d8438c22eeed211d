from hypothesis import given
from hypothesis import strategies as st

from klynge.memos.content import BulletList, Paragraph, Run, Section, body_to_markdown, markdown_to_body

# Words as memos have them: Danish letters, digits, punctuation that Markdown treats specially.
word = st.text(alphabet="abcæøåABCÆØÅ0123456789.-*_#()'»«", min_size=1, max_size=12).filter(
    lambda w: w.strip() == w and w.strip("*_") != ""
)
sentence = st.lists(word, min_size=1, max_size=6).map(" ".join)


@st.composite
def inline(draw: st.DrawFn) -> tuple[Run, ...]:
    parts = draw(st.lists(st.tuples(sentence, st.booleans()), min_size=1, max_size=3))
    runs: list[Run] = []
    for index, (text, italic) in enumerate(parts):
        # Adjacent runs are separated by a plain space, as in real prose.
        if index:
            runs.append(Run(" "))
        runs.append(Run(text, italic=italic))
    merged: list[Run] = []
    for run in runs:
        if merged and merged[-1].italic == run.italic:
            merged[-1] = Run(merged[-1].text + run.text, run.italic)
        else:
            merged.append(run)
    return tuple(merged)


def test_round_trip_of_a_memo_body() -> None:
    intro = [Paragraph((Run("Nedenfor fremgår "), Run("status", italic=True), Run(" for 2. halvår.")))]
    sections = [
        Section(
            "Møde i Sundhedsklynge Syd den 16. november",
            [
                Paragraph((Run("2. halvår 2024 * og _ og # bevares."),)),
                BulletList(((Run("- Alkoholscreening"),),)),
            ],
        )
    ]
    assert markdown_to_body(body_to_markdown(intro, sections)) == (intro, sections)


@given(st.lists(inline(), min_size=1, max_size=4))
def test_any_paragraphs_survive_the_text_form(paragraphs: list[tuple[Run, ...]]) -> None:
    intro = [Paragraph(runs) for runs in paragraphs]
    parsed_intro, sections = markdown_to_body(body_to_markdown(intro, []))
    assert sections == []
    assert ["".join(r.text for r in p.runs) for p in parsed_intro] == [  # type: ignore[union-attr]
        "".join(r.text for r in p.runs) for p in intro
    ]


def test_edited_text_with_headings_bullets_and_italics_is_understood() -> None:
    intro, sections = markdown_to_body("Indledning med *kursiv*.\n\n# Overskrift\n\n* punkt et\n* punkt to\n")
    assert intro == [Paragraph((Run("Indledning med "), Run("kursiv", italic=True), Run(".")))]
    assert sections == [Section("Overskrift", [BulletList(((Run("punkt et"),), (Run("punkt to"),)))])]
