"""The starting catalogue of sectors and usual agencies per level, loaded by a data
migration. After that they are rows an administrator edits; code never names them."""

import datetime

REFORM = datetime.date(2025, 7, 1)
BEFORE_REFORM = datetime.date(2025, 6, 30)
# The provincial departments were reorganised on 1 March 2025 (Decree 45/2025/NĐ-CP): the
# standing role of a province moved from the labour to the health department that day,
# four months before the districts were abolished.
REORGANISATION = datetime.date(2025, 3, 1)
BEFORE_REORGANISATION = datetime.date(2025, 2, 28)

# (code, Vietnamese name)
SECTORS = [
    ("people_committee", "Ủy ban nhân dân"),
    ("steering_committee", "Ban chỉ đạo phòng, chống tội phạm, tệ nạn xã hội"),
    ("labour", "Lao động, thương binh và xã hội"),
    ("health", "Y tế"),
    ("police", "Công an"),
    ("culture", "Văn hóa, thể thao và du lịch"),
    ("justice", "Tư pháp"),
    ("education", "Giáo dục và đào tạo"),
    ("finance", "Tài chính, kế hoạch"),
    ("information", "Thông tin và truyền thông"),
    ("home_affairs", "Nội vụ"),
    ("industry_trade", "Công thương, quản lý thị trường"),
    ("border_guard", "Bộ đội biên phòng"),
    ("military", "Quân sự"),
    ("procuracy", "Viện kiểm sát nhân dân"),
    ("court", "Tòa án nhân dân"),
    ("fatherland_front", "Mặt trận Tổ quốc"),
    ("womens_union", "Hội Liên hiệp phụ nữ"),
    ("youth_union", "Đoàn Thanh niên"),
    ("farmers_union", "Hội Nông dân"),
    ("veterans", "Hội Cựu chiến binh"),
    ("labour_federation", "Liên đoàn Lao động"),
    ("press", "Báo chí, phát thanh, truyền hình"),
]

# (level, sector code, name template, valid_from, valid_to, is_standing)
# ``{unit}`` becomes e.g. 'tỉnh Thanh Hóa'.
_OLD, _NEW = (None, BEFORE_REFORM), (REFORM, None)
_OLD_DEPARTMENT, _NEW_DEPARTMENT = (None, BEFORE_REORGANISATION), (REORGANISATION, None)
TEMPLATES = [
    ("province", "people_committee", "Văn phòng Ủy ban nhân dân {unit}", None, None, False),
    ("province", "steering_committee", "Ban Chỉ đạo 138 {unit}", None, None, False),
    ("province", "labour", "Sở Lao động - Thương binh và Xã hội", *_OLD_DEPARTMENT, True),
    ("province", "health", "Sở Y tế", None, None, False),
    ("province", "health", "Sở Y tế", *_NEW_DEPARTMENT, True),
    ("province", "police", "Công an {unit}", None, None, False),
    ("province", "culture", "Sở Văn hóa, Thể thao và Du lịch", None, None, False),
    ("province", "justice", "Sở Tư pháp", None, None, False),
    ("province", "education", "Sở Giáo dục và Đào tạo", None, None, False),
    ("province", "finance", "Sở Tài chính", None, None, False),
    ("province", "information", "Sở Thông tin và Truyền thông", *_OLD, False),
    ("province", "home_affairs", "Sở Nội vụ", *_NEW, False),
    ("province", "industry_trade", "Sở Công Thương", None, None, False),
    ("province", "border_guard", "Bộ Chỉ huy Bộ đội Biên phòng {unit}", None, None, False),
    ("province", "procuracy", "Viện Kiểm sát nhân dân {unit}", None, None, False),
    ("province", "court", "Tòa án nhân dân {unit}", None, None, False),
    ("province", "fatherland_front", "Ủy ban Mặt trận Tổ quốc Việt Nam {unit}", None, None, False),
    ("province", "womens_union", "Hội Liên hiệp Phụ nữ {unit}", None, None, False),
    ("province", "youth_union", "Tỉnh đoàn", None, None, False),
    ("district", "people_committee", "Văn phòng HĐND và UBND {unit}", *_OLD, False),
    ("district", "labour", "Phòng Lao động - Thương binh và Xã hội", *_OLD, True),
    ("district", "police", "Công an {unit}", *_OLD, False),
    ("district", "culture", "Phòng Văn hóa và Thông tin", *_OLD, False),
    ("district", "health", "Phòng Y tế", *_OLD, False),
    ("district", "justice", "Phòng Tư pháp", *_OLD, False),
    ("district", "education", "Phòng Giáo dục và Đào tạo", *_OLD, False),
    ("district", "finance", "Phòng Tài chính - Kế hoạch", *_OLD, False),
    ("district", "fatherland_front", "Ủy ban Mặt trận Tổ quốc Việt Nam {unit}", *_OLD, False),
    ("district", "womens_union", "Hội Liên hiệp Phụ nữ {unit}", *_OLD, False),
    ("district", "youth_union", "Huyện đoàn", *_OLD, False),
    ("commune", "people_committee", "Ủy ban nhân dân {unit}", None, None, False),
    ("commune", "labour", "Công chức Văn hóa - Xã hội {unit}", *_OLD, True),
    ("commune", "culture", "Phòng Văn hóa - Xã hội {unit}", *_NEW, True),
    ("commune", "police", "Công an {unit}", None, None, False),
    ("commune", "health", "Trạm Y tế {unit}", None, None, False),
    ("commune", "fatherland_front", "Ủy ban Mặt trận Tổ quốc Việt Nam {unit}", None, None, False),
    ("commune", "womens_union", "Hội Liên hiệp Phụ nữ {unit}", None, None, False),
    ("commune", "youth_union", "Đoàn Thanh niên {unit}", None, None, False),
]
