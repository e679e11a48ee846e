"""Writes the .docx documents of this folder: plans whose targets are in Word tables.

Run ``python tests/plans/corpus/build_docx.py`` after changing the content below; the
files are committed, so the tests and the evaluation need no build step. The documents are
modelled on plans that provinces and communes publish (header and signature in borderless
two-column tables, a target table with a group row merged across the table, a lead agency
merged down several rows); their wording, figures and names are this project's own.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

HERE = Path(__file__).resolve().parent


def _cell_lines(cell, lines: list[str], bold_from: int = 0) -> None:
    cell.paragraphs[0].text = ""
    for i, line in enumerate(lines):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        run = p.add_run(line)
        run.bold = i >= bold_from
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _header(doc, left: list[str], right: list[str]) -> None:
    table = doc.add_table(rows=1, cols=2)
    _cell_lines(table.cell(0, 0), left, bold_from=1)
    _cell_lines(table.cell(0, 1), right, bold_from=0)


def _para(doc, text: str, bold: bool = False, center: bool = False) -> None:
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.bold = bold
    run.font.size = Pt(13)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _signature(doc, recipients: list[str], authority: list[str]) -> None:
    table = doc.add_table(rows=1, cols=2)
    _cell_lines(table.cell(0, 0), recipients, bold_from=99)
    _cell_lines(table.cell(0, 1), authority, bold_from=0)


def _grid(doc, header: list[str], rows: list[list[str] | str], merge_down: int | None = None):
    """A bordered table; a row given as a string is a group title merged across the table;
    ``merge_down`` merges equal neighbouring cells of that column into one."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for i, text in enumerate(header):
        table.rows[0].cells[i].text = text
    placed = []
    for row in rows:
        cells = table.add_row().cells
        if isinstance(row, str):
            merged = cells[0].merge(cells[-1])
            merged.text = row
            placed.append(None)
            continue
        for i, text in enumerate(row):
            cells[i].text = text
        placed.append(row)
    if merge_down is not None:
        start = None
        for index in range(len(placed) + 1):
            row = placed[index] if index < len(placed) else None
            same = (
                start is not None
                and row is not None
                and placed[start] is not None
                and row[merge_down] == placed[start][merge_down]
            )
            if same:
                continue
            if start is not None and index - 1 > start:
                top = table.cell(start + 1, merge_down)
                bottom = table.cell(index, merge_down)
                text = placed[start][merge_down]
                merged = top.merge(bottom)
                merged.text = text
            start = index if row is not None else None
    return table


def _province_2024(path: Path) -> None:
    doc = docx.Document()
    _header(
        doc,
        ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NINH", "Số: 58/KH-UBND"],
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Quảng Ninh, ngày 12 tháng 3 năm 2024",
        ],
    )
    _para(doc, "KẾ HOẠCH", bold=True, center=True)
    _para(
        doc,
        "Thực hiện công tác phòng, chống mại dâm trên địa bàn tỉnh Quảng Ninh năm 2024",
        bold=True,
        center=True,
    )
    _para(
        doc,
        "Căn cứ Quyết định số 1629/QĐ-TTg ngày 28/9/2021 của Thủ tướng Chính phủ phê duyệt "
        "Chương trình phòng, chống mại dâm giai đoạn 2021 - 2025;",
    )
    _para(
        doc,
        "Thực hiện Kế hoạch số 112/KH-UBND ngày 20/12/2021 của Ủy ban nhân dân tỉnh về thực "
        "hiện Chương trình phòng, chống mại dâm giai đoạn 2021 - 2025 trên địa bàn tỉnh;",
    )
    _para(
        doc,
        "Xét đề nghị của Sở Lao động - Thương binh và Xã hội tại Tờ trình số 210/TTr-LĐTBXH "
        "ngày 05/3/2024, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện công tác phòng, "
        "chống mại dâm năm 2024 như sau:",
    )
    _para(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    _para(
        doc,
        "1. Nâng cao nhận thức của cán bộ, nhân dân về tác hại của tệ nạn mại dâm; phát huy "
        "vai trò của các cấp, các ngành và của cộng đồng dân cư trong công tác phòng ngừa.",
    )
    _para(
        doc,
        "2. Xác định rõ nhiệm vụ của từng cơ quan, đơn vị; bảo đảm sự phối hợp chặt chẽ, "
        "thường xuyên giữa các lực lượng chức năng.",
    )
    _para(doc, "II. CHỈ TIÊU", bold=True)
    _para(doc, "Các chỉ tiêu năm 2024 và cơ quan chủ trì thực hiện như sau:")
    _grid(
        doc,
        ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2024", "Cơ quan chủ trì"],
        [
            "I. Công tác tuyên truyền, tập huấn",
            [
                "1",
                "Tỷ lệ xã, phường, thị trấn tổ chức ít nhất một hoạt động tuyên truyền về "
                "phòng, chống mại dâm",
                "%",
                "100",
                "Sở Lao động - Thương binh và Xã hội",
            ],
            [
                "2",
                "Số lớp tập huấn nghiệp vụ cho cán bộ làm công tác phòng, chống mại dâm cấp xã",
                "lớp",
                "03",
                "Sở Lao động - Thương binh và Xã hội",
            ],
            "II. Công tác kiểm tra, xử lý vi phạm",
            [
                "3",
                "Tỷ lệ cơ sở kinh doanh dịch vụ dễ bị lợi dụng để hoạt động mại dâm được kiểm "
                "tra trong năm",
                "%",
                "≥ 20",
                "Đội kiểm tra liên ngành 178 tỉnh",
            ],
            [
                "4",
                "Số vụ án về mại dâm được điều tra, khám phá",
                "vụ",
                "từ 10 đến 15",
                "Công an tỉnh",
            ],
            [
                "5",
                "Tỷ lệ tin báo, tố giác về hoạt động mại dâm được tiếp nhận, xác minh và xử lý",
                "%",
                "100",
                "Công an tỉnh",
            ],
            [
                "6",
                "Giao ban Đội kiểm tra liên ngành 178 tỉnh",
                "lần/quý",
                "1",
                "Sở Lao động - Thương binh và Xã hội",
            ],
            "III. Công tác hỗ trợ",
            [
                "7",
                "Số người bán dâm được tiếp cận dịch vụ hỗ trợ xã hội",
                "người",
                "150",
                "",
            ],
        ],
        merge_down=4,
    )
    _para(doc, "III. NHIỆM VỤ, GIẢI PHÁP", bold=True)
    tasks = [
        "1. Tăng cường công tác tuyên truyền, giáo dục về phòng, chống mại dâm trên các "
        "phương tiện thông tin đại chúng, hệ thống loa truyền thanh cơ sở và mạng xã hội.",
        "2. Nâng cao hiệu quả công tác kiểm tra các cơ sở kinh doanh dịch vụ dễ bị lợi dụng "
        "để hoạt động mại dâm; xử lý nghiêm các vi phạm.",
        "3. Triển khai các hoạt động hỗ trợ giảm hại, hỗ trợ xã hội cho người bán dâm, "
        "phòng ngừa bạo lực trên cơ sở giới.",
    ]
    for task in tasks:
        _para(doc, task)
    _para(doc, "IV. TỔ CHỨC THỰC HIỆN", bold=True)
    assignments = [
        "1. Sở Lao động - Thương binh và Xã hội",
        "- Là cơ quan thường trực, chủ trì, phối hợp với các sở, ngành, địa phương hướng "
        "dẫn, theo dõi, đôn đốc thực hiện Kế hoạch; tổng hợp, báo cáo Ủy ban nhân dân tỉnh "
        "kết quả 6 tháng, năm.",
        "2. Công an tỉnh",
        "- Chỉ đạo lực lượng công an các cấp đấu tranh, triệt phá các đường dây mua bán dâm, "
        "chứa mại dâm, môi giới mại dâm.",
        "3. Sở Văn hóa, Thể thao và Du lịch",
        "- Phối hợp kiểm tra các cơ sở lưu trú du lịch, cơ sở kinh doanh karaoke, vũ trường.",
        "4. Ủy ban nhân dân các huyện, thị xã, thành phố",
        "- Xây dựng kế hoạch phòng, chống mại dâm năm 2024 của địa phương; bố trí kinh phí "
        "thực hiện; báo cáo kết quả về Sở Lao động - Thương binh và Xã hội trước ngày 10/12/2024.",
    ]
    for line in assignments:
        _para(doc, line)
    _signature(
        doc,
        [
            "Nơi nhận:",
            "- Bộ Lao động - Thương binh và Xã hội (b/c);",
            "- TT Tỉnh ủy, TT HĐND tỉnh (b/c);",
            "- Các sở, ngành liên quan;",
            "- UBND các huyện, thị xã, thành phố;",
            "- Lưu: VT, VX.",
        ],
        ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Trần Văn Khải"],
    )
    doc.save(path)


def _commune_2025(path: Path) -> None:
    doc = docx.Document()
    _header(
        doc,
        ["ỦY BAN NHÂN DÂN", "XÃ YÊN PHONG", "Số: 27/KH-UBND"],
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Yên Phong, ngày 08 tháng 9 năm 2025",
        ],
    )
    _para(doc, "KẾ HOẠCH", bold=True, center=True)
    _para(
        doc,
        "Phòng, chống tệ nạn mại dâm và mua bán người trên địa bàn xã Yên Phong, tỉnh Bắc "
        "Ninh những tháng cuối năm 2025",
        bold=True,
        center=True,
    )
    _para(
        doc,
        "Thực hiện Kế hoạch số 145/KH-UBND ngày 15/8/2025 của Ủy ban nhân dân tỉnh Bắc Ninh "
        "về phòng, chống mại dâm năm 2025; Ủy ban nhân dân xã ban hành Kế hoạch như sau:",
    )
    _para(doc, "I. MỤC TIÊU", bold=True)
    _para(
        doc,
        "Ngăn chặn, đẩy lùi tệ nạn mại dâm, mua bán người trên địa bàn xã sau khi sắp xếp "
        "đơn vị hành chính; kết quả cần đạt như sau:",
    )
    _grid(
        doc,
        ["TT", "Nội dung", "Kết quả cần đạt"],
        [
            ["1", "Số thôn tổ chức tuyên truyền về phòng, chống mại dâm, mua bán người", "18 thôn"],
            ["2", "Kiểm tra cơ sở kinh doanh dịch vụ dễ bị lợi dụng", "ít nhất 2 lần/quý"],
            [
                "3",
                "Điểm mại dâm công cộng phát sinh trên địa bàn",
                "Không để phát sinh",
            ],
            [
                "4",
                "Tỷ lệ nạn nhân bị mua bán trở về được tiếp nhận, hỗ trợ",
                "100%",
            ],
            ["5", "Mô hình tổ tự quản phòng, chống tệ nạn xã hội được duy trì", "05"],
        ],
    )
    _para(doc, "II. NHIỆM VỤ, GIẢI PHÁP", bold=True)
    for line in [
        "1. Đẩy mạnh tuyên truyền trên hệ thống truyền thanh của xã ít nhất một tháng một "
        "lần về phòng, chống mại dâm và đường dây nóng 111.",
        "2. Rà soát, lập danh sách cơ sở kinh doanh dịch vụ dễ bị lợi dụng trên địa bàn xã "
        "mới sau sắp xếp.",
    ]:
        _para(doc, line)
    _para(doc, "III. TỔ CHỨC THỰC HIỆN", bold=True)
    for line in [
        "1. Phòng Văn hóa - Xã hội xã",
        "- Là cơ quan thường trực, tham mưu Ủy ban nhân dân xã triển khai Kế hoạch; tổng "
        "hợp báo cáo kết quả hằng quý.",
        "2. Công an xã",
        "- Chủ trì kiểm tra các cơ sở kinh doanh dịch vụ; tiếp nhận, xác minh 100% tin báo "
        "về mại dâm, mua bán người.",
        "3. Trạm Y tế xã",
        "- Phối hợp tư vấn, hỗ trợ y tế cho nạn nhân bị mua bán.",
    ]:
        _para(doc, line)
    _signature(
        doc,
        [
            "Nơi nhận:",
            "- Sở Y tế tỉnh Bắc Ninh (b/c);",
            "- Đảng ủy, HĐND xã (b/c);",
            "- Các thôn;",
            "- Lưu: VT.",
        ],
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Lê Thị Mai"],
    )
    doc.save(path)


def main() -> None:
    _province_2024(HERE / "100_quang_ninh_2024_table.docx")
    _commune_2025(HERE / "101_yen_phong_2025_table.docx")


if __name__ == "__main__":
    main()
