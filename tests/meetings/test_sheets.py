"""The XLSX row helper every download uses."""

import io

from openpyxl import Workbook, load_workbook

from meetings.sheets import append_row, workbook_bytes


def test_rows_keep_formulas_as_text_and_drop_control_characters():
    book = Workbook()
    append_row(book.active, ["=1+1", "Giao ban\x07 tuần", 12])
    sheet = load_workbook(io.BytesIO(workbook_bytes(book))).active
    assert [cell.value for cell in sheet[1]] == ["=1+1", "Giao ban tuần", 12]
    assert sheet["A1"].data_type == "s"
