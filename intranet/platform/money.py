"""Amounts of money as people type them: German or plain notation, in euro."""

import re
from decimal import Decimal, InvalidOperation

from babel.numbers import format_currency
from flask_babel import gettext as _


class AmountInvalid(ValueError):
    """Text that is no amount of euro; the message is German."""


def parse_euro(text: str) -> Decimal:
    """A German or plain amount ("1.234,56", "1234,56", "1234.56") as Decimal; AmountInvalid if broken."""
    cleaned = (text or "").strip().replace("€", "").replace(" ", "").replace("\xa0", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise AmountInvalid(_("Bitte geben Sie einen Betrag in Euro an, z. B. 12.500,00.")) from None
    if not amount.is_finite() or abs(amount) >= Decimal("1e12"):
        raise AmountInvalid(_("Bitte geben Sie einen Betrag in Euro an, z. B. 12.500,00."))
    return amount


def euro(amount) -> str:
    """An amount in German notation whatever the UI language, e.g. 1.234,50 € (letters, plugin texts)."""
    return format_currency(amount, "EUR", format="#,##0.00 ¤", locale="de_DE")
