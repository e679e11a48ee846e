"""The pseudonymous code (UIC) of a person receiving support.

Built from answers a person gives the same way each time and that do not name them: the
first two letters of the mother's and of the father's given names (Vietnamese family names
are too concentrated to tell people apart), sex, birth year and month, and the code of the
province that issues it (a person seen in two communes of a province gets one code). Tone
marks are stripped and Đ becomes D first; a missing letter or an unknown month is written
'9'. A check character catches a mistyped code. Only a keyed digest is used for matching:
two cases with the same digest are offered as the same person, never merged.
"""

from __future__ import annotations

import re

from lanhmanh.core.text import fold

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
SEX_LETTER = {"female": "F", "male": "M"}


def _letters(name: str) -> str:
    """The first two letters of the given name (its last word), folded, padded with 9."""
    words = fold(name).upper().split()
    given = re.sub(r"[^A-Z]", "", words[-1]) if words else ""
    return (given[:2] + "99")[:2]


def check_character(body: str) -> str:
    """A weighted sum modulo 36 (every transposition of two characters changes it)."""
    total = sum((i + 1) * ALPHABET.index(c) for i, c in enumerate(body))
    return ALPHABET[total % 36]


def uic_build(
    *,
    mother_given_name: str,
    father_given_name: str,
    sex: str,
    birth_year: int | None,
    birth_month: int | None,
    province_code: str,
) -> str:
    """'Nguyễn Thị Lan', 'Trần Văn Đức', female, 1990, 3, '38' → 'LADUF19900338' + check."""
    year = f"{birth_year:04d}" if birth_year else "9999"
    month = f"{birth_month:02d}" if birth_month else "99"
    body = (
        _letters(mother_given_name)
        + _letters(father_given_name)
        + SEX_LETTER.get(sex, "X")
        + year
        + month
        + re.sub(r"[^0-9A-Z]", "", province_code.upper())
    )
    return body + check_character(body)


def uic_valid(code: str) -> bool:
    code = code.strip().upper()
    return (
        len(code) > 1
        and all(c in ALPHABET for c in code)
        and (check_character(code[:-1]) == code[-1])
    )
