"""parse_plan never raises and always gives JSON: random text, mangled seed lines, bytes.
read_document on random and mangled files gives text or a DocumentReadError, nothing else."""

import contextlib
import io
import json
import os
import zipfile
from pathlib import Path

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfWriter

from lanhmanh.plans.importer import DocumentReadError, parse_plan, plan_check, read_document
from lanhmanh.plans.importer.parse import W_STEP_FAILED
from lanhmanh.plans.importer.text import normalise

STEP_FAILED_PREFIX = W_STEP_FAILED.split("{")[0]

SEEDS = Path(
    os.environ.get("LANHMANH_SEEDS_DIR")
    or Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
)
SEED_LINES = [
    line
    for path in sorted(SEEDS.glob("*.txt"))
    for line in path.read_text(encoding="utf-8").splitlines()
    if line.strip()
]
# pieces of administrative writing that steer the parser into its less common paths
MARKERS = [
    "I. ",
    "II. ",
    "1. ",
    "1.1. ",
    "a) ",
    "- ",
    "+ ",
    "* ",
    "**",
    "#",
    "|",
    "\\*",
    "(",
    ")",
    "Số: ",
    "/KH-UBND",
    "V/v ",
    "KẾ HOẠCH",
    "Kính gửi:",
    "Nơi nhận:",
    "TM. ",
    "KT. CHỦ TỊCH",
    "Chủ trì: ",
    "Phối hợp: ",
    "Thời gian thực hiện: ",
    "Mục tiêu",
    "Chỉ tiêu",
    "Tổ chức thực hiện",
    "từ ",
    " đến ",
    " - ",
    "%",
    "lần/tháng",
    "ít nhất ",
    "không quá ",
    "ngày ",
    " tháng ",
    " năm ",
    "2025",
    "92,6",
    "1.234",
    "(573 xã)",
    "UBND huyện ",
    "\n",
    "\n\n",
    "Ủy ban nhân dân tỉnh ",
    "cơ quan thường trực",
    "(qua Sở Y tế)",
    "định kỳ 6 tháng, năm",
]
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(text: str) -> None:
    draft = parse_plan(text)
    data = draft.to_dict(include_warnings=True)
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert all(isinstance(w, str) for w in draft.warnings)
    failed = [w for w in draft.warnings if w.startswith(STEP_FAILED_PREFIX)]
    assert not failed, failed  # a part that crashed is a bug, even if the draft survives
    for target in data["targets"]:
        assert target["comparator"] in {">=", "<=", "=", "between"}


@SETTINGS
@given(st.text(max_size=2000))
def test_random_text(text):
    check(text)


@SETTINGS
@given(st.lists(st.sampled_from(MARKERS) | st.text(max_size=30), max_size=80).map("".join))
def test_random_administrative_pieces(text):
    check(text)


@st.composite
def mangled_seed_lines(draw):
    lines = draw(st.lists(st.sampled_from(SEED_LINES), min_size=1, max_size=60))
    out = []
    for line in lines:
        action = draw(st.sampled_from(["keep", "cut", "upper", "strip", "noise", "break"]))
        if action == "cut":
            a = draw(st.integers(0, len(line)))
            b = draw(st.integers(a, len(line)))
            line = line[a:b]
        elif action == "upper":
            line = line.upper()
        elif action == "strip":
            line = "".join(ch for ch in line if not ch.isdigit())
        elif action == "noise":
            at = draw(st.integers(0, len(line)))
            line = line[:at] + draw(st.sampled_from(MARKERS)) + line[at:]
        elif action == "break":
            at = draw(st.integers(0, len(line)))
            line = line[:at] + "\n\n" + line[at:]
        out.append(line)
    return draw(st.sampled_from(["\n", "\n\n", " "])).join(out)


@SETTINGS
@given(mangled_seed_lines())
def test_shuffled_and_mangled_seed_lines(text):
    check(text)


@SETTINGS
@given(st.binary(max_size=3000))
def test_random_bytes(data):
    check(data.decode("utf-8", errors="replace"))
    check(data.decode("latin-1"))


@SETTINGS
@given(st.text(max_size=500))
def test_quotes_map_back_to_the_source(text):
    mapped = normalise(text)
    assert len(mapped.index) == len(mapped.text)
    for start in range(0, len(mapped.text), 7):
        quote = mapped.quote(start, start + 5)
        assert quote in mapped.source


def _docx_of_seed() -> bytes:
    document = docx.Document()
    for line in SEED_LINES[:40]:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


GOOD_FILES = {".docx": _docx_of_seed(), ".pdf": _pdf(), ".txt": "\n".join(SEED_LINES).encode()}
EXTENSIONS = [*GOOD_FILES, ".md", ".doc", ".odt", ""]


def read_or_refuse(data: bytes, name: str) -> None:
    """Text (then parsed and checked) or a DocumentReadError with a message; nothing else."""
    try:
        text = read_document(data, name)
    except DocumentReadError as error:
        assert error.code and error.message
        return
    assert isinstance(text, str) and text.strip()
    try:
        plan_check(parse_plan(text))
    except DocumentReadError as error:
        assert error.code == "not_a_plan"


@SETTINGS
@given(st.binary(max_size=3000), st.sampled_from(EXTENSIONS))
def test_random_files(data, extension):
    read_or_refuse(data, "tai-len" + extension)


@st.composite
def mangled_files(draw):
    extension = draw(st.sampled_from(list(GOOD_FILES)))
    data = bytearray(GOOD_FILES[extension])
    for _ in range(draw(st.integers(1, 8))):
        action = draw(st.sampled_from(["flip", "cut", "insert"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if action == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[at : at + draw(st.integers(1, 400))]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=50))
    return bytes(data), extension


@SETTINGS
@given(mangled_files())
def test_mangled_files(case):
    data, extension = case
    read_or_refuse(data, "ke-hoach" + extension)


def _with_damaged_deflate(data: bytes, member: str, at: float) -> bytes:
    """``data`` with a byte inside the compressed stream of ``member`` changed."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(member)
    header = data[info.header_offset : info.header_offset + 30]
    start = info.header_offset + 30 + int.from_bytes(header[26:28], "little")
    start += int.from_bytes(header[28:30], "little")
    damaged = bytearray(data)
    damaged[start + int(info.compress_size * at)] ^= 0xFF
    return bytes(damaged)


def test_a_docx_with_a_damaged_stream_is_refused_as_corrupt():
    # zlib's own errors (e.g. "invalid distance too far back") once escaped as a crash.
    for at in (0.1, 0.3, 0.5, 0.7, 0.9):
        data = _with_damaged_deflate(GOOD_FILES[".docx"], "word/document.xml", at)
        try:
            read_document(data, "ke-hoach.docx")
        except DocumentReadError as error:
            assert error.code == "corrupt"
            assert error.message


# --- mangled tables ---------------------------------------------------------------------

TABLE_CELLS = st.sampled_from(
    [
        "",
        " ",
        "1",
        "II",
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Năm 2026",
        "Cơ quan chủ trì",
        "Nội dung",
        "Thực hiện năm 2025",
        "%",
        "lần/quý",
        "vụ",
        "100",
        "≥ 20",
        "từ 10 đến 15",
        "30 - 50",
        "ít nhất 2 lần/tháng",
        "hằng quý",
        "Không để xảy ra",
        "0",
        "92,6%",
        "Sở Y tế",
        "Công an xã",
        "UBND các phường",
        "Tỷ lệ xã, phường tổ chức tuyên truyền",
        "Số cơ sở kinh doanh dịch vụ được kiểm tra",
        "I. Phòng ngừa",
        "|",
        "2025",
        "12/KH-UBND",
    ]
)
TABLE_ROWS = st.lists(st.lists(TABLE_CELLS, min_size=0, max_size=7), min_size=1, max_size=12)


def _markdown_table(rows: list[list[str]]) -> str:
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=TABLE_ROWS, where=st.sampled_from(["I. CHỈ TIÊU", "III. TỔ CHỨC THỰC HIỆN", ""]))
def test_a_mangled_table_never_breaks_the_reader(rows, where):
    text = f"KẾ HOẠCH\nPhòng, chống mại dâm năm 2026\n{where}\n{_markdown_table(rows)}\n"
    draft = parse_plan(text)
    found = draft.to_dict(include_warnings=True)
    assert json.loads(json.dumps(found, ensure_ascii=False)) == found
    assert not [w for w in draft.warnings if w.startswith(STEP_FAILED_PREFIX)]
    for target in found["targets"]:
        assert target["quote"] in text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.lists(TABLE_CELLS, min_size=4, max_size=4), min_size=2, max_size=6),
    merges=st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 3), st.integers(0, 5), st.integers(0, 3)),
        max_size=3,
    ),
)
def test_a_word_table_with_merged_and_empty_cells_is_read_or_warned(rows, merges):
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Phòng, chống mại dâm năm 2026")
    document.add_paragraph("I. CHỈ TIÊU")
    table = document.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    for r0, c0, r1, c1 in merges:
        a = (min(r0, r1) % len(rows), min(c0, c1))
        b = (max(r0, r1) % len(rows), max(c0, c1))
        with contextlib.suppress(Exception):  # python-docx refuses some shapes of merge
            table.cell(*a).merge(table.cell(*b))
    out = io.BytesIO()
    document.save(out)
    text = read_document(out.getvalue(), "bang.docx")
    draft = parse_plan(text)
    assert not [w for w in draft.warnings if w.startswith(STEP_FAILED_PREFIX)]
    for target in draft.targets:
        assert target.quote in text


def test_a_merge_python_docx_cannot_walk_is_read_row_by_row_with_a_warning():
    """Overlapping merges leave rows whose cells python-docx cannot place on the grid
    ('no tc element at grid_offset'): the table is read row by row and the user is told."""
    from lanhmanh.plans.importer.readers import W_TABLE_CELLS

    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Phòng, chống mại dâm năm 2026")
    table = document.add_table(rows=4, cols=4)
    table.cell(0, 0).text = "Kiểm tra ít nhất 20 cơ sở"
    for a, b in (((1, 1), (1, 2)), ((0, 1), (3, 1)), ((1, 0), (2, 3))):
        with contextlib.suppress(Exception):
            table.cell(*a).merge(table.cell(*b))
    out = io.BytesIO()
    document.save(out)
    text = read_document(out.getvalue(), "bang.docx")
    assert "Kiểm tra ít nhất 20 cơ sở" in text
    assert W_TABLE_CELLS in text.warnings


def _text_pdf(pages: list[str | None]) -> bytes:
    """A PDF whose pages hold the given ASCII text, or nothing (a scanned page)."""
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    for text in pages:
        page = writer.add_blank_page(595, 842)
        if text is None:
            continue
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        stream = DecodedStreamObject()
        lines = " T* ".join(f"({line})Tj" for line in text.splitlines())
        stream.set_data(f"BT /F1 11 Tf 14 TL 72 760 Td {lines} ET".encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_scanned_page_among_text_pages_is_a_warning():
    body = "KE HOACH\nPhong chong mai dam nam 2026\nI. CHI TIEU\n- Kiem tra it nhat 12 co so."
    text = read_document(_text_pdf([body, None, "II. TO CHUC THUC HIEN\n1. Cong an xa"]), "k.pdf")
    assert "Kiem tra it nhat 12 co so" in text
    draft = parse_plan(text)
    assert any(w.startswith("Trang 2 của tệp PDF không có lớp chữ") for w in draft.warnings)


def test_a_document_in_two_columns_or_with_images_is_read_with_a_warning():
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("I. CHỈ TIÊU")
    document.add_paragraph("- Kiểm tra ít nhất 12 cơ sở kinh doanh dịch vụ.")
    section = document.sections[0]._sectPr
    cols = section.makeelement(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cols",
        {"{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num": "2"},
    )
    section.append(cols)
    out = io.BytesIO()
    document.save(out)
    draft = parse_plan(read_document(out.getvalue(), "hai-cot.docx"))
    assert draft.targets and any("nhiều cột" in w for w in draft.warnings)


def test_a_number_of_another_issuer_or_kind_is_a_warning():
    text = (
        "ỦY BAN NHÂN DÂN\nXÃ QUẢNG NGỌC\nSố: 12/BC-SYT\nQuảng Ngọc, ngày 05 tháng 01 năm 2026\n"
        "KẾ HOẠCH\nPhòng, chống mại dâm năm 2026\nI. CHỈ TIÊU\n- Kiểm tra ít nhất 12 cơ sở.\n"
    )
    warnings = parse_plan(text).warnings
    assert any(w.startswith("Số, ký hiệu «12/BC-SYT» là của SYT") for w in warnings)
    assert any("là của một báo cáo" in w for w in warnings)
