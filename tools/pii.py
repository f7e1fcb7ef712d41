"""Find personal data in free text: emails, phone numbers, card numbers, national ids."""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(
    r"(?<![\w-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?)?\d{3,4}[\s.-]\d{3,4}(?:[\s.-]\d{2,4})?(?![\w-])"
)
CARD = re.compile(r"(?<!\d)(?:\d[ -]?){13,19}(?!\d)")
NATIONAL_ID = re.compile(r"(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)|\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


PHONE_MIN_DIGITS = 7  # fewer digits is a count, an amount or an id, not a phone number


def _digits(found: str) -> str:
    return re.sub(r"\D", "", found)


def is_phone(found: str) -> bool:
    """Whether a PHONE match is a phone number: enough digits, and not an ISO date."""
    return len(_digits(found)) >= PHONE_MIN_DIGITS and not ISO_DATE.match(found.strip())


def is_card(found: str) -> bool:
    """Whether a CARD match is a card number (its digits pass the Luhn check)."""
    return _luhn_ok(_digits(found))


def find_personal_data(text: str) -> list[str]:
    """Return the kinds of personal data found in `text` (email, phone, card, national_id)."""
    found = []
    if EMAIL.search(text):
        found.append("email")
    if any(is_card(m.group()) for m in CARD.finditer(text)):
        found.append("card")
    if NATIONAL_ID.search(text):
        found.append("national_id")
    if "card" not in found and any(is_phone(m.group()) for m in PHONE.finditer(text)):
        found.append("phone")
    return found


def personal_data_spans(text: str, every_long_number: bool = False) -> list[tuple[int, int]]:
    """Return where `text` holds personal data, by the same rules as `find_personal_data`.

    With `every_long_number`, every 13-19 digit run counts as a card number, Luhn-valid or not: text
    about to leave for a model provider is redacted more widely than text is flagged.
    """
    spans = [m.span() for pattern in (EMAIL, NATIONAL_ID) for m in pattern.finditer(text)]
    spans += [m.span() for m in CARD.finditer(text) if every_long_number or is_card(m.group())]
    spans += [m.span() for m in PHONE.finditer(text) if is_phone(m.group())]
    return spans
