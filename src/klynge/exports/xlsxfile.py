"""A table as an Excel workbook (XLSX, with openpyxl): real dates and numbers, Danish display formats.

Dates are date cells shown as 28.11.2023; amounts are numbers shown with thousands separators and
"kr." (Excel shows the separators of the reader's locale: 2.000.000,00 kr. in Danish); percentages are
whole numbers. The header row is bold, frozen and filterable. Text is always stored as text, so a
record's name that starts with "=" never becomes a formula. The same rows on the same day give the same
bytes: the workbook's and the zip entries' timestamps are the day's start, not the second of the request.
"""

import datetime
import io
import re
import zipfile

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
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


def _stamped(content: bytes, day: datetime.date) -> bytes:
    """The workbook with every zip entry and its "modified" property (which openpyxl sets to the second
    it saves) dated at the day's start."""
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
    kinds = [column.kind for column in table.columns]
    for row in table.rows:
        sheet.append([_cell(sheet, value, kind) for value, kind in zip(row, kinds, strict=True)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _stamped(buffer.getvalue(), day)
