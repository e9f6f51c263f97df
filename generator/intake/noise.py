"""Lines of a received text that are not the document: a web page's chrome, counters, dates of posting, photo
captions and file paths, each with the reason the report gives for dropping it."""

from __future__ import annotations

import re

PORTAL = "giao diện trang web"
COUNTER = "bộ đếm hoặc số trang"
POSTED = "ngày giờ đăng bài, không phải ngày của văn bản"
CAPTION = "chú thích ảnh"
RELATED = "liên kết tới bài khác"
PATH = "đường dẫn tệp ảnh"
_WEEKDAY = r"(?:Thứ (?:Hai|Ba|Tư|Năm|Sáu|Bảy|2|3|4|5|6|7)|Chủ nhật)"
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?"

NOISE = [
    (re.compile(pattern, re.IGNORECASE), reason)
    for pattern, reason in (
        (r"^Từ kho[áa]:", PORTAL),
        (r"^Đăng nhập$", PORTAL),
        (r"^Đang tải văn bản", PORTAL),
        (r"^Bạn Chưa Đăng Nhập", PORTAL),
        (r"^Vì chưa Đăng Nhập", PORTAL),
        (r"^Bạn chưa xem được", PORTAL),
        (r"^Nếu chưa là Thành Viên", PORTAL),
        (r"^Văn bản này chưa cập nhật nội dung", PORTAL),
        (r"^DMCA", PORTAL),
        (r"^IP: \d", PORTAL),
        (r"^Hãy để chúng tôi hỗ trợ", PORTAL),
        (r"^(?:Skip to (?:main )?content|Bỏ qua nội dung|Chuyển đến nội dung chính)$", PORTAL),
        (r"^(?:Mặc định\s*)?Cỡ chữ\b", PORTAL),
        (
            r"^(?:In bài(?: viết)?|Bản in|Chia sẻ|Gửi bài(?: viết)?|Lưu bài(?: viết)?|Bình luận|Quay lại|Về đầu trang|Trang chủ|"
            r"Nghe đọc bài|Tải về|Tải văn bản|Theo dõi|Xem thêm|Đọc tiếp|Facebook|Zalo|Twitter|Email|Copy link|Sao chép liên kết)$",
            PORTAL,
        ),
        (r"^(?:Tin|Bài|Văn bản)(?: viết)? (?:liên quan|cùng chuyên mục|khác|mới nhất|đọc nhiều|xem nhiều)\b", PORTAL),
        (r"^(?:Trang chủ|Home)\s*[>»/›]", PORTAL),
        (r"^(?:Xem thêm|Đọc thêm|Xem tiếp|>>\s*Xem)\s*[:>»]", RELATED),
        (r"^Lượt (?:xem|truy cập|đọc|thích):?\s*[\d.,]+$", COUNTER),
        (r"^[\d.,]+$", COUNTER),
        (r"^(?:Trang \d+(?:/\d+)?|\d+\s*/\s*\d+)$", COUNTER),
        (r"^Ngày (?:đăng|cập nhật|xuất bản):", POSTED),
        (r"^(?:Cập nhật|Đăng) (?:lúc|ngày):?\s", POSTED),
        (rf"^{_WEEKDAY},?\s*(?:ngày\s*)?\d{{1,2}}[/-]\d{{1,2}}[/-]\d{{4}}(?:,?\s*(?:-\s*)?{_CLOCK}(?:\s*\(GMT[+-]\d+\))?)?$", POSTED),
        # "Thứ hai - 04/07/2022 04:34 288 0": a posting date followed by a view counter and a comment counter.
        (rf"^{_WEEKDAY}\s*[-,|]\s*\d{{1,2}}[/-]\d{{1,2}}[/-]\d{{4}}\s+{_CLOCK}(?:\s+[\d.,]+)*$", POSTED),
        (rf"^\d{{1,2}}[/-]\d{{1,2}}[/-]\d{{4}},?\s*(?:-\s*)?{_CLOCK}(?:\s*\(GMT[+-]\d+\))?$", POSTED),
        (rf"^{_CLOCK}\s*(?:ngày\s*)?\d{{1,2}}[/-]\d{{1,2}}[/-]\d{{4}}$", POSTED),
        (r"^\(?Ảnh(?: minh họa| minh hoạ| tư liệu)?[:)]", CAPTION),
        (r"^\(Ảnh: .*\)$", CAPTION),
        (r"^Ảnh:\s", CAPTION),
        (r"^(?:Nguồn ảnh|Ảnh minh họa|Ảnh minh hoạ)\b", CAPTION),
        (r"^[A-Za-z]:\\(?:[^\\]+\\)*[^\\]+\.(?:jpe?g|png|gif|bmp|tiff?|webp)$", PATH),
        (r"^(?:https?://|www\.)\S+\.(?:jpe?g|png|gif|webp)$", PATH),
        (r"^[-_=–—~.·]{3,}$", "đường kẻ"),
        (r"^(?:Nguồn|Theo)\s*:\s*.{2,80}$", "nguồn tin của bài đăng"),
        (r"^Bạn đang xem bản rút gọn của tài liệu", PORTAL),
        (r"^<image>.*</image>$", PATH),
        (r"^[*•·]+$", "dấu trang trí"),
    )
]


def noise_reason(line: str) -> str | None:
    """Why `line` is not the document's, or None when it may be."""
    return next((why for pattern, why in NOISE if pattern.search(line)), None)
