"""Bodies that issue the documents an office receives, beyond those data/bodies.yaml already lists: the central
Party and state bodies by name, and provincial committees and people's committees by pattern with their place,
so that an unknown issuer is proposed under its proper name and id ("Tỉnh ủy Quảng Nam", tinh-uy-quang-nam)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.corpus.text import slugify
from generator.corpus.vocabulary import fold


@dataclass(frozen=True)
class Known:
    id: str
    name: str
    short_names: tuple[str, ...] = ()
    parent: str | None = None


NATIONAL = (
    Known("ban-chap-hanh-trung-uong", "Ban Chấp hành Trung ương Đảng", ("Ban Chấp hành Trung ương", "BCHTW")),
    Known("bo-chinh-tri", "Bộ Chính trị", ("BCT",), "ban-chap-hanh-trung-uong"),
    Known("ban-bi-thu", "Ban Bí thư Trung ương Đảng", ("Ban Bí thư",), "ban-chap-hanh-trung-uong"),
    Known("ban-tuyen-giao-trung-uong", "Ban Tuyên giáo Trung ương", ("BTGTW",)),
    Known("ban-tuyen-giao-va-dan-van-trung-uong", "Ban Tuyên giáo và Dân vận Trung ương", ("BTGDVTW",)),
    Known("ban-to-chuc-trung-uong", "Ban Tổ chức Trung ương", ("BTCTW",)),
    Known("ban-dan-van-trung-uong", "Ban Dân vận Trung ương", ("BDVTW",)),
    Known("ban-kinh-te-trung-uong", "Ban Kinh tế Trung ương", ("BKTTW",)),
    Known("ban-noi-chinh-trung-uong", "Ban Nội chính Trung ương", ("BNCTW",)),
    Known("ban-doi-ngoai-trung-uong", "Ban Đối ngoại Trung ương", ("BĐNTW",)),
    Known("van-phong-trung-uong-dang", "Văn phòng Trung ương Đảng", ("VPTW",)),
    Known("uy-ban-kiem-tra-trung-uong", "Ủy ban Kiểm tra Trung ương", ("UBKTTW",)),
    Known("dang-doan-quoc-hoi", "Đảng đoàn Quốc hội", ("ĐĐQH",)),
    Known("dang-uy-quoc-hoi", "Đảng ủy Quốc hội"),
    Known("ban-can-su-dang-chinh-phu", "Ban cán sự đảng Chính phủ", ("BCSĐCP",)),
    Known("dang-uy-chinh-phu", "Đảng ủy Chính phủ"),
    Known("dang-uy-cac-co-quan-dang-trung-uong", "Đảng ủy các cơ quan Đảng Trung ương"),
    Known("dang-doan-mttq", "Đảng đoàn Mặt trận Tổ quốc Việt Nam"),
    Known("quoc-hoi", "Quốc hội", ("QH",)),
    Known("uy-ban-thuong-vu-quoc-hoi", "Ủy ban Thường vụ Quốc hội", ("UBTVQH",)),
    Known("chu-tich-nuoc", "Chủ tịch nước"),
    Known("chinh-phu", "Chính phủ", ("CP",)),
    Known("thu-tuong-chinh-phu", "Thủ tướng Chính phủ", ("Thủ tướng", "TTg")),
    Known("van-phong-chinh-phu", "Văn phòng Chính phủ", ("VPCP",)),
    Known("mat-tran-to-quoc-viet-nam", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", ("Mặt trận Tổ quốc Việt Nam", "MTTQ")),
    Known("lhhvn", "Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam", ("VUSTA", "LHHVN")),
    *(
        Known(f"bo-{slugify(name)}", f"Bộ {name}")
        for name in (
            "Khoa học và Công nghệ",
            "Giáo dục và Đào tạo",
            "Nội vụ",
            "Tài chính",
            "Kế hoạch và Đầu tư",
            "Y tế",
            "Văn hóa, Thể thao và Du lịch",
            "Thông tin và Truyền thông",
            "Ngoại giao",
            "Quốc phòng",
            "Công an",
            "Tư pháp",
            "Công Thương",
            "Nông nghiệp và Môi trường",
            "Nông nghiệp và Phát triển nông thôn",
            "Tài nguyên và Môi trường",
            "Xây dựng",
            "Giao thông vận tải",
            "Lao động - Thương binh và Xã hội",
            "Dân tộc và Tôn giáo",
        )
    ),
    Known("ngan-hang-nha-nuoc", "Ngân hàng Nhà nước Việt Nam"),
    Known("thanh-tra-chinh-phu", "Thanh tra Chính phủ"),
)

PROVINCES = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Định", "Bình Dương",
    "Bình Phước", "Bình Thuận", "Cà Mau", "Cần Thơ", "Cao Bằng", "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai",
    "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình", "Huế",
    "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định",
    "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị",
    "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Hồ Chí Minh",
    "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)  # fmt: skip
_PROVINCES = {fold(name).replace("-", " "): name for name in PROVINCES}

# Local bodies: the words that name them (folded), the name as written before the place, the id's start.
_LOCAL = (
    (r"ban thuong vu tinh uy", "Ban Thường vụ Tỉnh ủy", "ban-thuong-vu-tinh-uy"),
    (r"ban thuong vu thanh uy", "Ban Thường vụ Thành ủy", "ban-thuong-vu-thanh-uy"),
    (r"tinh uy", "Tỉnh ủy", "tinh-uy"),
    (r"thanh uy", "Thành ủy", "thanh-uy"),
    (r"(?:uy ban nhan dan|ubnd) tinh", "Ủy ban nhân dân tỉnh", "ubnd-tinh"),
    (r"(?:uy ban nhan dan|ubnd) thanh pho", "Ủy ban nhân dân thành phố", "ubnd-thanh-pho"),
    (r"(?:hoi dong nhan dan|hdnd) tinh", "Hội đồng nhân dân tỉnh", "hdnd-tinh"),
    (r"(?:hoi dong nhan dan|hdnd) thanh pho", "Hội đồng nhân dân thành phố", "hdnd-thanh-pho"),
)


def place_named(folded: str) -> str | None:
    """The province or city a folded name ends with, as written ("quang nam" -> "Quảng Nam")."""
    words = re.sub(r"[^a-z0-9 ]", " ", folded.replace("-", " ")).split()
    for size in (4, 3, 2, 1):
        if len(words) >= size and " ".join(words[-size:]) in _PROVINCES:
            return _PROVINCES[" ".join(words[-size:])]
    return None


def catalogued(name: str) -> Known | None:
    """The national or local body `name` names, with its proper name and id, or None."""
    key = " ".join(re.sub(r"[^a-z0-9& ]", " ", fold(name)).split())
    for known in NATIONAL:
        if key in {" ".join(re.sub(r"[^a-z0-9& ]", " ", fold(n)).split()) for n in (known.name, *known.short_names)}:
            return known
    place = place_named(key)
    if place is None:
        return None
    for pattern, written, prefix in _LOCAL:
        if re.fullmatch(rf"{pattern} {re.escape(' '.join(re.sub(r'[^a-z0-9 ]', ' ', fold(place)).split()))}", key):
            parent = f"tinh-uy-{slugify(place)}" if prefix.startswith("ban-thuong-vu-tinh") else None
            return Known(f"{prefix}-{slugify(place)}", f"{written} {place}", (), parent)
    return None
