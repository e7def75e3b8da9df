"""What the XLSX downloads share (the savings report, the comments on a document): a bold
header row that stays in view, typed text that never turns into a formula, column widths."""

import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def header_row(sheet: Worksheet, headers: Sequence[str]) -> int:
    """Append the column titles, bold and wrapped, and freeze the rows down to them;
    the header's row number."""
    sheet.append(list(headers))
    row = sheet.max_row
    for cell in sheet[row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    sheet.freeze_panes = f"A{row + 1}"  # a coordinate: sheet.cell() would add a row
    return row


def append_row(sheet: Worksheet, values: Iterable[object]) -> tuple[Cell, ...]:
    """Append a row of values; text that starts with "=" stays text, and loses the control
    characters a spreadsheet cannot hold (openpyxl refuses them). Its cells."""
    sheet.append([_storable(value) for value in values])
    cells = sheet[sheet.max_row]
    for cell in cells:
        if cell.data_type == "f":
            cell.data_type = "s"
    return cells


def _storable(value: object) -> object:
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def column_widths(sheet: Worksheet, widths: Iterable[float]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def workbook_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
