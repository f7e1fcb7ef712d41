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


def find_personal_data(text: str) -> list[str]:
    """Return the kinds of personal data found in `text` (email, phone, card, national_id)."""
    found = []
    if EMAIL.search(text):
        found.append("email")
    cards = [m.group() for m in CARD.finditer(text)]
    if any(_luhn_ok(re.sub(r"\D", "", c)) for c in cards):
        found.append("card")
    if NATIONAL_ID.search(text):
        found.append("national_id")
    phones = [m.group() for m in PHONE.finditer(text) if not ISO_DATE.match(m.group().strip())]
    if any(len(re.sub(r"\D", "", p)) >= 7 for p in phones) and "card" not in found:
        found.append("phone")
    return found
