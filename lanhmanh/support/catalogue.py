"""The services catalogue as data: rows a data migration loads into ``ServiceType``."""

SERVICE_TYPES = [
    ("health_check", "Khám sức khỏe"),
    ("hiv_sti", "Xét nghiệm HIV/STI, chuyển gửi điều trị"),
    ("counselling", "Tư vấn tâm lý"),
    ("legal_aid", "Trợ giúp pháp lý"),
    ("vocational_training", "Dạy nghề"),
    ("job_placement", "Giới thiệu việc làm"),
    ("loan", "Vay vốn"),
    ("social_allowance", "Trợ cấp xã hội"),
    ("shelter", "Tạm trú, nơi ở tạm thời"),
    ("education", "Học văn hóa"),
    ("reintegration", "Hỗ trợ hòa nhập cộng đồng"),
    ("other", "Khác"),
]
