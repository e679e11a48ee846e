"""Vietnamese text helpers: NFC normalisation and diacritic-insensitive search keys."""

import unicodedata

_SPECIAL = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(value: str) -> str:
    """Return ``value`` in NFC, the form every stored text uses."""
    return unicodedata.normalize("NFC", value or "")


def fold(value: str) -> str:
    """A search key: lower case, no diacritics, single spaces ('Thanh Hóa' → 'thanh hoa').

    'đ' is a letter of its own, not a d with a mark, so it is mapped by hand.
    """
    decomposed = unicodedata.normalize("NFD", (value or "").translate(_SPECIAL))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.lower().split())
