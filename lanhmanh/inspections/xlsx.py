"""A small, fast reader of the first sheet of an .xlsx file: cell values only.

openpyxl builds a cell object (and, in read-only mode without a ``<dimension>``, reads the
sheet twice) for every cell; for a 10,000-row register that was most of the preview's
time. Here the sheet's XML is walked once with lxml and each row comes out as a tuple of
plain values: text, numbers, dates (numbers in a date format, as Excel stores them),
booleans or ``None``. Formulas give their cached result. openpyxl is still used for the
parts it does well: which number formats are dates, and Excel's day numbers.
"""

from __future__ import annotations

import datetime
import io
import posixpath
import zipfile
from collections.abc import Iterator

from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel

REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


class XlsxError(ValueError):
    """The content is not a workbook this reader understands."""


def _parse(archive: zipfile.ZipFile, name: str):
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    with archive.open(name) as f:
        return etree.parse(f, parser).getroot()


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Id → (type, path inside the archive) of a part's relationships."""
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", f"{base}.rels")
    if rels_name not in archive.namelist():
        return {}
    found = {}
    for rel in _parse(archive, rels_name).iter(f"{PKG_REL_NS}Relationship"):
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        found[rel.get("Id")] = (rel.get("Type", ""), posixpath.normpath(path))
    return found


def _column_index(ref: str) -> int:
    """'A1' → 0, 'AB7' → 27."""
    index = 0
    for char in ref:
        if "A" <= char <= "Z":
            index = index * 26 + ord(char) - 64
        else:
            break
    return index - 1


def _text(ns: str, element) -> str:
    """The text of a string item: its ``<t>`` or its runs' ``<t>`` (not phonetic hints)."""
    t = element.find(f"{ns}t")
    if t is not None:
        return t.text or ""
    return "".join(r.findtext(f"{ns}t") or "" for r in element.iterfind(f"{ns}r"))


def iter_rows(content: bytes) -> Iterator[tuple[int, tuple]]:
    """(row number, values) for every row of the first sheet that has a value."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        workbook = _parse(archive, "xl/workbook.xml")
        ns = workbook.tag[: workbook.tag.index("}") + 1] if workbook.tag.startswith("{") else ""
        rels = _relationships(archive, "xl/workbook.xml")
        first = workbook.find(f"{ns}sheets/{ns}sheet")
        sheet_path = rels[first.get(f"{{{REL_NS}}}id")][1]
        pr = workbook.find(f"{ns}workbookPr")
        epoch = MAC_EPOCH if pr is not None and pr.get("date1904") in {"1", "true"} else None
        shared: list[str] = []
        date_styles: set[int] = set()
        for kind, path in rels.values():
            if kind.endswith("/sharedStrings"):
                shared = _shared_strings(archive, path, ns)
            elif kind.endswith("/styles"):
                date_styles = _date_styles(_parse(archive, path), ns)
        source = archive.open(sheet_path)
    except (zipfile.BadZipFile, KeyError, AttributeError, etree.XMLSyntaxError) as exc:
        raise XlsxError(str(exc)) from exc
    return _rows(source, ns, shared, date_styles, epoch or WINDOWS_EPOCH)


def _shared_strings(archive: zipfile.ZipFile, path: str, ns: str) -> list[str]:
    """The strings, streamed: only the list of texts stays in memory, not the XML tree."""
    found = []
    with archive.open(path) as f:
        for _, si in etree.iterparse(
            f, events=("end",), tag=f"{ns}si", resolve_entities=False, no_network=True
        ):
            found.append(_text(ns, si))
            _forget(si)
    return found


def _forget(element) -> None:
    """Drop an element already read, and the ones read before it."""
    element.clear()
    while element.getprevious() is not None:
        del element.getparent()[0]


def _iso(text: str):
    try:
        return datetime.datetime.fromisoformat(text)
    except ValueError:
        return text


def _date_styles(styles, ns: str) -> set[int]:
    formats = dict(BUILTIN_FORMATS)
    for fmt in styles.iterfind(f"{ns}numFmts/{ns}numFmt"):
        formats[int(fmt.get("numFmtId"))] = fmt.get("formatCode", "")
    return {
        i
        for i, xf in enumerate(styles.iterfind(f"{ns}cellXfs/{ns}xf"))
        if is_date_format(formats.get(int(xf.get("numFmtId", 0)), ""))
    }


def _rows(source, ns, shared, date_styles, epoch) -> Iterator[tuple[int, tuple]]:
    c_tag, v_tag, t_tag = f"{ns}c", f"{ns}v", f"{ns}t"
    columns: dict[str, int] = {}  # 'AB' → 27, computed once per letter group
    digits = "0123456789"
    number = 0
    try:
        for _, row in etree.iterparse(
            source, events=("end",), tag=f"{ns}row", resolve_entities=False, no_network=True
        ):
            number = int(row.get("r") or number + 1)
            values: list = []
            for c in row.iterchildren(c_tag):
                ref = c.get("r")
                if ref:
                    letters = ref.rstrip(digits)
                    index = columns.get(letters)
                    if index is None:
                        index = columns[letters] = _column_index(letters)
                    if index > len(values):
                        values.extend([None] * (index - len(values)))
                kind = c.get("t")
                if kind == "inlineStr":
                    inline = c.find(f"{ns}is")
                    if inline is None:
                        values.append(None)
                    else:
                        first = inline[0] if len(inline) else None
                        text = first.text if first is not None and first.tag == t_tag else None
                        values.append(text or _text(ns, inline))
                    continue
                raw = c.findtext(v_tag)
                if raw is None:
                    value = None
                elif kind == "s":
                    value = shared[int(raw)]
                elif kind == "str" or kind == "e":
                    value = raw
                elif kind == "b":
                    value = raw == "1"
                elif kind == "d":
                    value = _iso(raw)
                else:
                    value = float(raw)
                    if date_styles and int(c.get("s") or 0) in date_styles:
                        value = from_excel(value, epoch)
                    elif value.is_integer():
                        value = int(value)
                values.append(value)
            _forget(row)
            for value in values:
                if value is not None and value != "":
                    yield number, tuple(values)
                    break
    except (etree.XMLSyntaxError, ValueError, IndexError) as exc:
        raise XlsxError(str(exc)) from exc
    finally:
        source.close()
