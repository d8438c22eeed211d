"""The workbook's data rows are written as openpyxl's own write-only cells write them: the same bytes for
text (escaped, spaces kept, never a formula), numbers, amounts, dates and missing values."""

import datetime
import io
import zipfile
from decimal import Decimal

from django.test import Client
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from klynge.exports import xlsxfile
from klynge.exports.tables import Column, Kind, Table
from klynge.work.services import initiative_create
from tests.factories import ClusterWorld

DAY = datetime.date(2026, 12, 5)
TEXTS = [
    "=HYPERLINK(1)",
    "+45 12 34",
    "#N/A",
    "  mellemrum foran",
    "mellemrum bagved ",
    "a & b < c > d \"q\" 'a'",
    "æøå ÆØÅ é",
    "smil 😀",
    "linje\nskift",
    "tab\there",
    "vogn\rretur",
    "kontrol\x01tegn",
    "",
    "x" * 40000,
]


def _through_openpyxl(table: Table) -> bytes:
    """The workbook as openpyxl writes it cell by cell (how xlsxfile wrote it before)."""
    workbook = Workbook(write_only=True)
    start = datetime.datetime.combine(DAY, datetime.time())
    workbook.properties.created = workbook.properties.modified = start
    workbook.properties.creator = "Klynge"
    sheet = workbook.create_sheet(title=table.title[: xlsxfile.SHEET_NAME_LIMIT])
    for index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{len(table.rows) + 1}"
    header = []
    for column in table.columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.data_type = "s"
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in table.rows:
        sheet.append(
            [xlsxfile._cell(sheet, value, c.kind) for value, c in zip(row, table.columns, strict=True)]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _entries(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"}


def test_every_kind_of_value_is_written_as_openpyxl_writes_it() -> None:
    columns = [
        Column("Id", Kind.INTEGER),
        Column("Navn"),
        Column("Fremdrift (%)", Kind.PERCENT),
        Column("Beløb (kr.)", Kind.AMOUNT),
        Column("Dato", Kind.DATE),
    ]
    amounts = [Decimal("1400000"), Decimal("2500.50"), Decimal("-350000"), Decimal("0.01"), None]
    dates = [datetime.date(2023, 11, 28), datetime.date(1900, 2, 1), datetime.date(2200, 12, 31), None]
    rows = [
        (n, text, n % 101 if n % 3 else None, amounts[n % len(amounts)], dates[n % len(dates)])
        for n, text in enumerate([*TEXTS, None], start=1)
    ]
    table = Table(title="Prøve", columns=columns, rows=rows)  # type: ignore[arg-type]
    written = xlsxfile.write_xlsx(table, day=DAY)
    assert _entries(written) == _entries(_through_openpyxl(table))
    sheet = load_workbook(io.BytesIO(written)).active
    assert sheet is not None
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert [row[1] for row in values] == [
        None if text == "" else text.replace("\x01", "")[:32767] for text in TEXTS
    ] + [None]
    assert values[0][3] == 2500.5 and values[0][4].date() == datetime.date(1900, 2, 1)


def test_the_initiatives_workbook_holds_names_as_they_are(world: ClusterWorld) -> None:
    names = [text for text in TEXTS if text and len(text) < 200 and "\x01" not in text]
    created = {initiative_create(name=name, collaboration=world.cluster).pk: name for name in names}
    sheet = load_workbook(io.BytesIO(Client().get("/api/v1/exports/initiatives.xlsx").content)).active
    assert sheet is not None
    shown = {row[0].value: row[3] for row in sheet.iter_rows(min_row=2)}
    for pk, name in created.items():
        assert shown[pk].value == name and shown[pk].data_type == "s", name
