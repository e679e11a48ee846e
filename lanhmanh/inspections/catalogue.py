"""Seed rows of the catalogues (loaded by a data migration; edited later as data).

Business types follow Decree 178/2004/NĐ-CP, art. 3. Fine ranges follow DOMAIN facts:
Decree 282/2025/NĐ-CP (in force 15 Dec 2025) for buying and selling sex, Decree
144/2021/NĐ-CP for the acts around it (and for buying and selling sex before 15 Dec 2025).
No article or clause number of either decree was confirmed when these rows were written,
so the legal basis names the act the decree punishes, not a number; an administrator
writes the article, clause and point in when the text is at hand (migration 0003 moved
rows seeded with unconfirmed numbers to this form).
"""

import datetime

BUSINESS_TYPES = [
    ("hotel", "Khách sạn"),
    ("guesthouse", "Nhà nghỉ"),
    ("motel", "Nhà trọ, nhà khách"),
    ("restaurant", "Nhà hàng"),
    ("rented_apartment", "Căn hộ cho thuê"),
    ("dance_hall", "Vũ trường"),
    ("karaoke", "Karaoke"),
    ("massage", "Xoa bóp (massage)"),
    ("sauna", "Xông hơi (sauna)"),
    ("hair_wash", "Cắt tóc, gội đầu"),
    ("dim_cafe", "Cà phê đèn mờ"),
    ("bar", "Quán bar"),
    ("other", "Loại hình khác"),
]

CHECKLIST_NAME = "Danh mục kiểm tra theo Nghị định 178/2004/NĐ-CP"
CHECKLIST_FROM = datetime.date(2021, 1, 1)
# (area, text)
CHECKLIST_ITEMS = [
    ("prostitution", "Có bản cam kết không để xảy ra hoạt động mại dâm tại cơ sở"),
    ("prostitution", "Không có dấu hiệu hoạt động mua bán dâm, môi giới mại dâm"),
    ("prostitution", "Phòng, buồng bảo đảm điều kiện theo quy định (cửa, ánh sáng, chốt)"),
    ("public_order", "Giấy chứng nhận đủ điều kiện về an ninh, trật tự"),
    ("public_order", "Sổ theo dõi khách lưu trú, khai báo tạm trú đầy đủ"),
    ("culture", "Giấy phép kinh doanh dịch vụ văn hóa còn hiệu lực"),
    ("culture", "Giờ hoạt động, nội dung chương trình đúng quy định"),
    ("labour", "Hợp đồng lao động với người lao động"),
    ("labour", "Danh sách người lao động, không sử dụng lao động chưa thành niên trái phép"),
    ("health", "Người lao động được khám sức khỏe định kỳ"),
]

D144 = "144/2021/NĐ-CP"
D282 = "282/2025/NĐ-CP"
FROM_144 = datetime.date(2022, 1, 1)
FROM_282 = datetime.date(2025, 12, 15)
UNTIL_144 = datetime.date(2025, 12, 14)
# (decree, article, description, fine_min, fine_max, warning allowed, valid_from, valid_to)
BUYING = "Hành vi mua dâm"
SELLING = "Hành vi bán dâm"
AROUND = "Hành vi khác liên quan đến hoạt động mại dâm"
VIOLATION_TYPES = [
    (D282, BUYING, "Mua dâm", 1_000_000, 2_000_000, False, FROM_282, None),
    (D282, BUYING, "Mua dâm hai người trở lên cùng một lúc",
     2_000_000, 5_000_000, False, FROM_282, None),
    (D282, SELLING, "Bán dâm", 300_000, 500_000, True, FROM_282, None),
    (D282, SELLING, "Bán dâm cho hai người trở lên cùng một lúc",
     1_000_000, 2_000_000, False, FROM_282, None),
    (D144, BUYING, "Mua dâm", 1_000_000, 2_000_000, False, FROM_144, UNTIL_144),
    (D144, SELLING, "Bán dâm", 300_000, 500_000, True, FROM_144, UNTIL_144),
    (D144, AROUND, "Che giấu, bảo kê hoạt động mại dâm", 5_000_000, 10_000_000, False,
     FROM_144, None),
    (D144, AROUND, "Giúp sức, lôi kéo, dụ dỗ, ép buộc người khác bán dâm",
     10_000_000, 20_000_000, False, FROM_144, None),
    (D144, AROUND, "Dùng vũ lực bảo kê, góp tiền, môi giới hoạt động mại dâm",
     30_000_000, 50_000_000, False, FROM_144, None),
    (D144, AROUND, "Lợi dụng chức vụ, quyền hạn bảo kê hoạt động mại dâm",
     50_000_000, 75_000_000, False, FROM_144, None),
]  # fmt: skip
