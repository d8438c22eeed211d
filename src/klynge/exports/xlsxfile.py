"""A table as an Excel workbook (XLSX, with openpyxl): real dates and numbers, Danish display formats.

Dates are date cells shown as 28.11.2023; amounts are numbers shown with thousands separators and
"kr." (Excel shows the separators of the reader's locale: 2.000.000,00 kr. in Danish); percentages are
whole numbers. The header row is bold, frozen and filterable. Text is always stored as text, so a
record's name that starts with "=" never becomes a formula. The same rows on the same day give the same
bytes: the workbook's and the zip entries' timestamps are the day's start, not the second of the request.

openpyxl writes the workbook and the header row; the data rows' XML is written here, as openpyxl's
write-only sheet writes it (the same cells, styles and escaping), because openpyxl's cell objects cost
most of the time of a large table (10,000 initiatives: 1.5 s of CPU through openpyxl's cells).
"""

import datetime
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.compat import safe_string
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from klynge.exports.tables import Kind, Table, Value
from klynge.kernel.inputs import xml_safe

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "dd.mm.yyyy"
AMOUNT_FORMAT = '#,##0.00 "kr."'
NUMBER_FORMATS = {Kind.DATE: DATE_FORMAT, Kind.AMOUNT: AMOUNT_FORMAT, Kind.INTEGER: "0", Kind.PERCENT: "0"}
# Sheet names: at most 31 characters, none of []:*?/\
SHEET_NAME_LIMIT = 31
MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
SHEET = "xl/worksheets/sheet1.xml"
END_OF_HEADER = b"</row></sheetData>"
TEXT_LIMIT = 32767  # characters in a cell; openpyxl cuts longer text there
# What the sheet's XML writer (lxml) writes for these characters in text; anything beyond ASCII is
# written as a character reference.
ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
SAMPLES: dict[Kind, Value] = {
    Kind.INTEGER: 0,
    Kind.PERCENT: 0,
    Kind.AMOUNT: Decimal(0),
    Kind.DATE: datetime.date(2000, 1, 1),
}


def _cell(sheet: WriteOnlyWorksheet, value: Value, kind: Kind) -> WriteOnlyCell:
    if isinstance(value, str):
        value = xml_safe(value)  # a control character stored before input refused them
    cell = WriteOnlyCell(sheet, value=value)
    if value is None:
        return cell
    if kind == Kind.TEXT:
        cell.data_type = "s"  # never a formula, whatever the text starts with
    elif kind in NUMBER_FORMATS:
        cell.number_format = NUMBER_FORMATS[kind]
    return cell


def _text_cell(reference: str, value: str) -> str:
    value = xml_safe(value)[:TEXT_LIMIT]
    if ILLEGAL_CHARACTERS_RE.search(value):
        raise ValueError(f"{value!r} cannot be written to a workbook.")  # xml_safe leaves none
    if not value:
        return f'<c r="{reference}" t="inlineStr"></c>'
    space = ' xml:space="preserve"' if value != value.strip() else ""
    text = value.translate(ESCAPES).encode("ascii", "xmlcharrefreplace").decode("ascii")
    return f'<c r="{reference}" t="inlineStr"><is><t{space}>{text}</t></is></c>'


def _cell_writer(kind: Kind, style: str) -> Callable[[str, Value], str]:
    """How a column's values are written: text as inline strings, never formulas; numbers and dates
    (Excel's day numbers) with the column's display format."""

    def number(reference: str, value: Value) -> str:
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            raise TypeError(f"{value!r} is no number.")
        return f'<c r="{reference}" s="{style}" t="n"><v>{safe_string(value)}</v></c>'

    def date(reference: str, value: Value) -> str:
        if type(value) is not datetime.date:
            raise TypeError(f"{value!r} is no date.")
        return f'<c r="{reference}" s="{style}" t="n"><v>{safe_string(to_excel(value))}</v></c>'

    def text(reference: str, value: Value) -> str:
        if not isinstance(value, str):
            raise TypeError(f"{value!r} is no text.")
        return _text_cell(reference, value)

    return date if kind == Kind.DATE else text if kind == Kind.TEXT else number


def _rows_xml(table: Table, styles: dict[Kind, str]) -> Iterator[str]:
    """The data rows (from row 2) as openpyxl's write-only sheet writes them; a missing value is no cell."""
    writers = [
        (get_column_letter(index), _cell_writer(column.kind, styles.get(column.kind, "")))
        for index, column in enumerate(table.columns, start=1)
    ]
    for number, row in enumerate(table.rows, start=2):
        cells = "".join(
            write(f"{letter}{number}", value)
            for (letter, write), value in zip(writers, row, strict=True)
            if value is not None
        )
        yield f'<row r="{number}">{cells}</row>'


def _stamped(content: bytes, day: datetime.date, rows: Iterator[str]) -> bytes:
    """The workbook with the data rows after the header row, and every zip entry and its "modified"
    property (which openpyxl sets to the second it saves) dated at the day's start."""
    modified = f"{day.isoformat()}T00:00:00Z".encode()
    stamped = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(stamped, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=(day.year, day.month, day.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            data = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                data = MODIFIED.sub(lambda match: match[1] + modified + match[2], data)
            if entry.filename == SHEET:
                head, tail = data.split(END_OF_HEADER)
                data = b"".join([head, b"</row>", "".join(rows).encode("ascii"), b"</sheetData>", tail])
            target.writestr(info, data)
    return stamped.getvalue()


def write_xlsx(table: Table, *, day: datetime.date) -> bytes:
    workbook = Workbook(write_only=True)
    start = datetime.datetime.combine(day, datetime.time())
    workbook.properties.created = workbook.properties.modified = start
    workbook.properties.creator = "Klynge"
    sheet = workbook.create_sheet(title=table.title[:SHEET_NAME_LIMIT])
    for index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(len(table.columns), 1))
    sheet.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"
    bold = Font(bold=True)
    header = []
    for column in table.columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.data_type = "s"
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    # The display formats, registered with the workbook's styles as a cell of each kind would.
    styles = {
        kind: str(_cell(sheet, SAMPLES[kind], kind).style_id)
        for kind in dict.fromkeys(column.kind for column in table.columns)
        if kind in SAMPLES
    }
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _stamped(buffer.getvalue(), day, _rows_xml(table, styles))
