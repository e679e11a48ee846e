"""Default deadlines for handling tips, by category, with their legal basis: loaded by a
data migration, then edited as data (Django admin, national administrator).

A tip about prostitution in an establishment, a trafficking case or an online ring is
usually a report of a crime (Criminal Code 2015 arts. 150, 151, 327, 328): the Criminal
Procedure Code 2015, art. 147, gives 20 days to verify and decide, extendable up to two
months in all. Soliciting in a public place is usually an administrative matter; the
programme keeps the same 20 days so every tip is answered within a month."""

CRIMINAL = (
    "Bộ luật Tố tụng hình sự 2015, Điều 147: tin báo, tố giác về tội phạm được kiểm tra, "
    "xác minh và ra quyết định trong 20 ngày kể từ ngày tiếp nhận; có thể gia hạn, tổng "
    "cộng không quá 2 tháng."
)
PROGRAMME = (
    "Mặc định của chương trình: 20 ngày kể từ ngày tiếp nhận; nếu có dấu hiệu tội phạm "
    "áp dụng Điều 147 Bộ luật Tố tụng hình sự 2015."
)

# (category, days, extension days beyond the first deadline, legal basis)
DEADLINES = [
    ("establishment", 20, 40, CRIMINAL),
    ("trafficking", 20, 40, CRIMINAL),
    ("online", 20, 40, CRIMINAL),
    ("public_place", 20, 10, PROGRAMME),
    ("other", 20, 10, PROGRAMME),
]
