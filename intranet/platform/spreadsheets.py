"""CSV and XLSX downloads the way German spreadsheet programs read them.

CSV: UTF-8 with BOM, semicolons, decimal commas. Text cells that a spreadsheet would run as a
formula (starting with = + - @ or a control character) are prefixed with an apostrophe."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

from flask import Response
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    """Text that no spreadsheet runs as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _csv_value(value) -> str:
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return safe_text(value) if isinstance(value, str) else str(value)


def csv_response(filename: str, header: list[str], rows) -> Response:
    """A CSV download for German spreadsheets."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_csv_value(v) for v in row] for row in rows)
    return _download("\ufeff" + buffer.getvalue(), "text/csv", filename)  # werkzeug adds "; charset=utf-8"


def xlsx_response(filename: str, title: str, header: list[str], rows) -> Response:
    """An XLSX download: dates as dates, euro amounts as numbers in euro format."""
    return xlsx_book_response(filename, [(title, header, rows)])


def xlsx_book_response(filename: str, sheets: list[tuple[str, list[str], list]]) -> Response:
    """An XLSX download with one sheet per (title, header, rows), formatted like ``xlsx_response``."""
    book = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title[:31])
        sheet.append(header)
        for row in rows:
            sheet.append([_xlsx_cell(sheet, v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return _download(buffer.getvalue(), XLSX_TYPE, filename)


def _xlsx_cell(sheet, value):
    if isinstance(value, str):
        return safe_text(value)
    if not isinstance(value, Decimal | date):
        return value
    cell = WriteOnlyCell(sheet, value=float(value) if isinstance(value, Decimal) else value)
    cell.number_format = "#,##0.00" if isinstance(value, Decimal) else "DD.MM.YYYY"
    return cell


def _download(body, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
