"""parse_plan never raises and always gives JSON: random text, mangled seed lines, bytes.
read_document on random and mangled files gives text or a DocumentReadError, nothing else."""

import io
import json
import os
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
