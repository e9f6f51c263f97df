"""The `new` command: a commented YAML skeleton for a new document."""

from __future__ import annotations

import json
from pathlib import Path

from generator.corpus.errors import Location, Problem, ValidationError
from generator.corpus.numbers import parse_number
from generator.corpus.text import is_safe_slug, slugify
from generator.corpus.vocabulary import DOCUMENT_TYPES, PLACEHOLDER

# Every value still to be filled in starts with PLACEHOLDER: `check` refuses it until it is replaced or its
# line deleted, so a skeleton is never published as it stands.
SKELETON = """\
# Văn bản {number}. Thay mọi chỗ "{mark}…]" bằng nội dung thật (hoặc xóa dòng đó, trừ number, type,
# issuer, date), rồi chạy: nq45 check
number: {number_json}
type: {type_json}
title: "{mark}: trích yếu của văn bản]"
summary: "{mark}: một hai câu tóm tắt, dùng khi chia sẻ liên kết]"
issuer: {issuer_json}
signer: "{mark}: họ và tên người ký]"
signer_title: "{mark}: chức vụ người ký]"
place: "{mark}: nơi ban hành]"
date: "{mark}: ngày ban hành, dạng YYYY-MM-DD]"
# relations:
#   implements: [45-NQ/TW]  # văn bản mà văn bản này thực hiện
#   based_on: [20-KH/TW]    # văn bản làm căn cứ; có thể trỏ tới một mục: 20-KH/TW#iv-3
#   cites: []               # văn bản dẫn chiếu (số hiệu nhắc trong bài được nhận ra tự động)
header:
  issuer_lines: ["{mark}: tên cơ quan cấp trên]", "{mark}: tên cơ quan ban hành]"]
  motto: ĐẢNG CỘNG SẢN VIỆT NAM
  place_date: "{mark}: Hà Nội, ngày … tháng … năm …]"
  kind_line: {kind_line}
  title_lines: ["{mark}: trích yếu của văn bản]"]
preamble:
  - "{mark}: đoạn mở đầu của văn bản]"
sections:
  - number: I.
    title: "{mark}: tiêu đề phần I]"
    sections:
      - number: 1.
        text: "{mark}: nội dung mục 1]"
      - text: "{mark}: một ý gạch đầu dòng (không có số)]"
signature:
  lines: ["{mark}: T/M …]"]
  name: "{mark}: họ và tên người ký]"
recipients:
  - "{mark}: nơi nhận thứ nhất]"
  - Lưu VP.
notes: []
"""


def write_skeleton(data_dir: Path, number: str, document_type: str, issuer: str) -> Path:
    """Write data/documents/<key>.yaml for a new document; refuse to overwrite."""
    where = Location("(dòng lệnh)", 1, 1)
    key = parse_number(number)
    if key is None:
        raise ValidationError([Problem(where, "number", f'số hiệu "{number}" không đúng dạng; cần dạng như 15-KH/ĐĐLHHVN')])
    if document_type not in DOCUMENT_TYPES:
        listed = ", ".join(DOCUMENT_TYPES)
        raise ValidationError([Problem(where, "type", f'loại văn bản "{document_type}" không hợp lệ; cần một trong: {listed}')])
    if not is_safe_slug(issuer):
        suggestion = slugify(issuer)[:80] or "ban-tuyen-giao-trung-uong"
        raise ValidationError(
            [Problem(where, "issuer", f'mã cơ quan "{issuer}" không hợp lệ; cần mã trong data/bodies.yaml, ví dụ "{suggestion}"')]
        )
    path = data_dir / "documents" / f"{key}.yaml"
    if path.exists():
        raise ValidationError([Problem(Location(str(path), 1, 1), "", "tệp đã có; không ghi đè. Hãy sửa trực tiếp tệp này")])
    text = SKELETON.format(
        number=number,
        number_json=json.dumps(number, ensure_ascii=False),
        type_json=json.dumps(document_type, ensure_ascii=False),
        issuer_json=json.dumps(issuer),
        kind_line=document_type.upper(),
        mark=PLACEHOLDER,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
