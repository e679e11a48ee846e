"""The Word export rendered to PDF by LibreOffice keeps the layout of Decree 30/2020
(shared/DOMAIN.md): A4 portrait, the margins, the two header blocks, the kind of document
centred, page numbers centred at the top from page 2, 'Nơi nhận' left of the signature,
an appendix on a page of its own; for the five seeds saved as plans, the demo's plan of
the year and a plan imported from a Word file with a table of targets.

Needs LibreOffice (``soffice``) and poppler-utils (``pdftotext``, ``pdffonts``) from Debian;
``.ci/run`` installs them when missing.
"""

import html
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from lanhmanh.documents.plan_docx import plan_to_docx
from lanhmanh.plans.demo import current_plan_demo_build
from lanhmanh.plans.importer import parse_plan, read_document
from lanhmanh.plans.services import plan_create_from_draft

from .test_plan_roundtrip import SEED_UNITS, SEEDS, figures

CORPUS = Path(__file__).resolve().parents[1] / "plans" / "corpus"
MM = 72 / 25.4  # points in a millimetre
A4 = (210 * MM, 297 * MM)


def tool(*names: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(
        f"{' or '.join(names)} not found: the PDF layout test needs Debian's "
        "libreoffice-writer-nogui and poppler-utils (apt-get install libreoffice-writer-nogui "
        "poppler-utils fonts-liberation; .ci/run installs them)."
    )


def render(documents: dict[str, bytes], folder: Path) -> dict[str, Path]:
    """Each .docx rendered to PDF by one LibreOffice run."""
    soffice = tool("soffice", "libreoffice")
    paths = []
    for name, data in documents.items():
        path = folder / f"{name}.docx"
        path.write_bytes(data)
        paths.append(str(path))
    profile = (folder / "profile").as_uri()
    subprocess.run(  # noqa: S603 - the programs found on PATH, our own files
        [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile}",
         "--convert-to", "pdf", "--outdir", str(folder), *paths],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    out = {name: folder / f"{name}.pdf" for name in documents}
    missing = [name for name, path in out.items() if not path.exists()]
    assert not missing, f"LibreOffice wrote no PDF for {missing}"
    return out


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.DOTALL)
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def pages_of(pdf: Path) -> list[dict]:
    """Each page's size and lines: (text, x_min, y_min, x_max), top to bottom."""
    bbox = subprocess.run(  # noqa: S603
        [tool("pdftotext"), "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = []
    for width, height, body in _PAGE.findall(bbox):
        words = [
            (html.unescape(t), float(x0), float(y0), float(x1))
            for x0, y0, x1, _y1, t in _WORD.findall(body)
        ]
        lines: dict[int, list] = {}
        for word in words:
            # words of one line share their top within a point or two; left and right
            # blocks of the header are told apart by a wide gap
            lines.setdefault(round(word[2] / 3), []).append(word)
        rows = []
        for _key, ws in sorted(lines.items()):
            ws.sort(key=lambda w: w[1])
            chunk = [ws[0]]
            for w in ws[1:]:
                if w[1] - chunk[-1][3] > 30:
                    rows.append(_line(chunk))
                    chunk = []
                chunk.append(w)
            rows.append(_line(chunk))
        pages.append({"size": (float(width), float(height)), "lines": rows})
    return pages


def _line(words):
    return (" ".join(w[0] for w in words), words[0][1], words[0][2], words[-1][3])


def find(page: dict, pattern: str):
    return next((line for line in page["lines"] if re.search(pattern, line[0])), None)


def check_layout(name: str, pdf: Path, appendix: bool) -> list[str]:
    """The layout points of DOMAIN.md the rendered pages must show; [] when all hold."""
    errors = []
    pages = pages_of(pdf)
    width, height = A4
    for n, page in enumerate(pages, start=1):
        w, h = page["size"]
        if abs(w - width) > 2 or abs(h - height) > 2:
            errors.append(f"{name} page {n}: {w:.0f}×{h:.0f} pt is not A4 portrait")
        for text, x0, _y0, x1 in page["lines"]:
            if x0 < 30 * MM - 2 or x1 > width - 15 * MM + 2:
                errors.append(f"{name} page {n}: '{text[:40]}' outside the margins")
    first = pages[0]
    middle = width / 2
    national = find(first, r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    number = find(first, r"^Số:")
    kind = find(first, r"^KẾ HOẠCH$")
    letter = find(first, r"^V/v ")
    if not national or national[1] < middle - 80 or national[2] > 40 * MM:
        errors.append(f"{name}: the national name is not at the top right ({national})")
    if not number or number[3] > middle + 20 or number[2] > 60 * MM:
        errors.append(f"{name}: 'Số: …' is not at the top left ({number})")
    if letter:  # a letter has no kind line, but 'V/v …' under its number
        if letter[3] > middle + 20:
            errors.append(f"{name}: 'V/v …' is not under the number ({letter})")
    elif not kind or abs((kind[1] + kind[3]) / 2 - (30 * MM + (width - 15 * MM)) / 2) > 15:
        errors.append(f"{name}: 'KẾ HOẠCH' is not centred ({kind})")
    if find(first, r"^\d{1,2}$") and find(first, r"^\d{1,2}$")[2] < 20 * MM:
        errors.append(f"{name}: page 1 carries a page number")
    for n, page in enumerate(pages[1:], start=2):
        top = [line for line in page["lines"] if line[2] < 20 * MM]
        numbered = [line for line in top if line[0] == str(n)]
        centre = (30 * MM + width - 15 * MM) / 2
        if not numbered or abs((numbered[0][1] + numbered[0][3]) / 2 - centre) > 10:
            errors.append(f"{name} page {n}: no page number centred in the top margin")
    closing = next((p for p in pages if find(p, r"^Nơi nhận:")), None)
    if closing is None:
        errors.append(f"{name}: no 'Nơi nhận:'")
    else:
        recipients = find(closing, r"^Nơi nhận:")
        signature = find(closing, r"^(?:TM|KT)\. ") or find(closing, r"CHỦ TỊCH$")
        if recipients[1] > 30 * MM + 5:
            errors.append(f"{name}: 'Nơi nhận:' is not at the left margin")
        if not signature or signature[1] < middle - 40:
            errors.append(f"{name}: the signature is not right of 'Nơi nhận:' ({signature})")
        archive = [line for p in pages for line in p["lines"] if line[0].startswith("- Lưu")]
        if len(archive) != 1:
            errors.append(f"{name}: 'Lưu' written {len(archive)} times")
    if appendix:
        at = next((i for i, p in enumerate(pages) if find(p, r"^Phụ lục$")), None)
        if at is None or find(pages[at], r"^Nơi nhận:"):
            errors.append(f"{name}: the appendix is not on a page of its own")
        elif pages[at]["lines"][1 if pages[at]["lines"][0][0].isdigit() else 0][0] != "Phụ lục":
            errors.append(f"{name}: the appendix page does not open with 'Phụ lục'")
    fonts = subprocess.run(  # noqa: S603
        [tool("pdffonts"), str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    if not re.search(r"Times|LiberationSerif|Tinos", fonts):
        errors.append(f"{name}: not set in Times New Roman or a metric twin:\n{fonts}")
    return errors


@pytest.fixture
def exported(world):
    """The .docx of each plan the test renders, by name."""
    documents = {}
    for seed, unit in sorted(SEED_UNITS.items()):
        text = read_document(SEEDS / seed)  # kept, as the import keeps it: a faithful export
        draft = parse_plan(text).to_dict()
        plan = plan_create_from_draft(draft=draft, unit=getattr(world, unit), source_text=text)
        documents[seed[:3]] = plan_to_docx(plan)
    demo = current_plan_demo_build(world.thanh_hoa, 2026)
    documents["demo_2026"] = plan_to_docx(demo)
    text = read_document(CORPUS / "100_quang_ninh_2024_table.docx")
    table_plan = plan_create_from_draft(
        draft=parse_plan(text).to_dict(), unit=world.old_thanh_hoa, source_text=text
    )
    documents["table_2024"] = plan_to_docx(table_plan)
    return documents


def test_the_exports_render_to_the_decree_layout(exported, tmp_path):
    pdfs = render(exported, tmp_path)
    errors = []
    for name, pdf in pdfs.items():
        errors += check_layout(name, pdf, appendix=name == "table_2024")
    keep = os.environ.get("LANHMANH_PDF_DIR")
    if keep:  # to look at the pages: LANHMANH_PDF_DIR=/tmp/pages bin/test …
        Path(keep).mkdir(parents=True, exist_ok=True)
        for name, pdf in pdfs.items():
            shutil.copy(pdf, Path(keep) / pdf.name)
            subprocess.run(  # noqa: S603
                [tool("pdftoppm"), "-r", "60", "-png", str(pdf), str(Path(keep) / name)],
                check=True,
            )
    assert not errors, "\n".join(errors)


def test_the_rendered_pdf_reads_back_to_the_same_targets_tables_included(exported, tmp_path):
    """The importer reads the PDF as it reads the .docx: the appendix table too (its
    columns rebuilt from the text's positions)."""
    pdfs = render(exported, tmp_path)
    for name, pdf in pdfs.items():
        from_pdf = parse_plan(read_document(pdf)).to_dict()["targets"]
        from_docx = parse_plan(read_document(exported[name], "k.docx")).to_dict()["targets"]
        assert Counter(map(figures, from_pdf)) == Counter(map(figures, from_docx)), name
