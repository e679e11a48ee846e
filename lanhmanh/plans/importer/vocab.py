"""Words of Vietnamese administrative writing that the readers share.

General vocabulary only (unit levels, kinds of agencies, reporting periods): nothing here
belongs to one document.
"""

from __future__ import annotations

import re

# Level words of administrative units, longest first so 'thị xã' wins over 'xã'.
LEVEL_WORDS: dict[str, str] = {
    "thành phố": "province",  # or a district: a city under a province (see header.py)
    "tỉnh": "province",
    "thị xã": "district",
    "thị trấn": "commune",
    "huyện": "district",
    "quận": "district",
    "đặc khu": "commune",
    "phường": "commune",
    "xã": "commune",
}
LEVEL_WORD_PATTERN = "|".join(sorted(LEVEL_WORDS, key=len, reverse=True))

# Centrally-run cities: 'thành phố X' is a province for these, a district otherwise.
CENTRAL_CITIES = frozenset({"hà nội", "hồ chí minh", "hải phòng", "đà nẵng", "cần thơ", "huế"})

PEOPLES_COMMITTEE = (
    r"(?:Ủy|Uỷ|ủy|uỷ|UỶ|ỦY)\s+ban\s+nhân\s+dân|UBND|ỦY\s+BAN\s+NHÂN\s+DÂN|UỶ\s+BAN\s+NHÂN\s+DÂN"
)

# How the name of an agency begins. Matched case-insensitively on whole words; the first
# letter of the name must still be a capital (checked by agencies.is_agency_start).
AGENCY_HEADS = (
    "ủy ban nhân dân",
    "uỷ ban nhân dân",
    "ủy ban mặt trận",
    "uỷ ban mặt trận",
    "ủy ban mttq",
    "uỷ ban mttq",
    "ủy ban",
    "uỷ ban",
    "ubnd",
    "ubmttq",
    "ub mttq",
    "ub",
    "mttq",
    "mặt trận",
    "sở",
    "phòng",
    "ban chỉ đạo",
    "tổ kiểm tra",
    "tổ công tác",
    "tổ liên ngành",
    "ban chỉ huy",
    "ban quản lý",
    "ban",
    "bộ chỉ huy",
    "bộ đội",
    "bộ",
    "cục",
    "chi cục",
    "công an",
    "cảnh sát",
    "viện kiểm sát",
    "viện",
    "tòa án",
    "toà án",
    "hội đồng",
    "hội",
    "liên đoàn",
    "tỉnh đoàn",
    "thành đoàn",
    "huyện đoàn",
    "quận đoàn",
    "thị đoàn",
    "đoàn thanh niên",
    "đoàn",
    "trung tâm",
    "đội",
    "văn phòng",
    "thanh tra",
    "đài",
    "báo",
    "bảo hiểm",
    "ngân hàng",
    "kho bạc",
    "chi nhánh",
    "bệnh viện",
    "trạm",
    "hạt",
    "cơ quan",
    "đơn vị",
    "các sở",
    "các phòng",
    "các cơ quan",
    "các đơn vị",
    "các ban",
    "các ngành",
    "các hội",
    "các đoàn thể",
    "các tổ chức",
    "ngành",
)
# Words that start like an agency but start an action or a thing instead.
AGENCY_FALSE_STARTS = (
    "ban hành",
    "phòng ngừa",
    "phòng chống",
    "phòng, chống",
    "phòng tránh",
    "phòng, tránh",
    "hội nghị",
    "hội thảo",
    "hội thi",
    "hội diễn",
    "bộ máy",
    "bộ luật",
    "bộ tiêu chí",
    "báo cáo",
    "đoàn kết",
    "đoàn kiểm tra",
    "thanh tra,",
    "thanh tra và",
    "đơn vị tính",
    "cơ quan chủ trì",
    "cơ quan phối hợp",
    "cơ quan thường trực",
    "đơn vị chủ trì",
    "đơn vị phối hợp",
    "đài truyền thanh",
    "ngành nghề",
)

TOPIC_WORDS: dict[str, re.Pattern[str]] = {
    "drugs": re.compile(r"ma\s+t[uú][yý]|ma\s+tuý", re.IGNORECASE),
    "prostitution": re.compile(r"mại\s+dâm|mua\s+bán\s+dâm|bán\s+dâm", re.IGNORECASE),
    "trafficking": re.compile(r"mua\s+bán\s+người", re.IGNORECASE),
}
TOPIC_ORDER = ("drugs", "prostitution", "trafficking")

PERIOD_ORDER = ("monthly", "quarterly", "semiannual", "nine_months", "annual")
