"""The `new` command: a commented YAML skeleton for a new document."""

from __future__ import annotations

import json
from pathlib import Path

from generator.corpus.errors import Location, Problem, ValidationError
from generator.corpus.numbers import parse_number
from generator.corpus.vocabulary import DOCUMENT_TYPES

SKELETON = """\
# Văn bản {number}. Điền các trường rồi chạy: python -m generator check
# Trường nào chưa biết thì xóa dòng đó (trừ number, type, issuer).
number: {number_json}
type: {type_json}
title: Trích yếu của văn bản
summary: Một hai câu tóm tắt, dùng khi chia sẻ liên kết.
issuer: {issuer}
signer: Họ và tên người ký
signer_title: Chức vụ người ký
place: Hà Nội
date: YYYY-MM-DD
relations:
  implements: [45-NQ/TW]    # văn bản mà văn bản này thực hiện
  # based_on: [20-KH/TW]    # văn bản làm căn cứ; có thể trỏ tới một mục: 20-KH/TW#iv-3
  # cites: []               # văn bản dẫn chiếu (số hiệu nhắc trong bài được nhận ra tự động)
header:
  issuer_lines: [TÊN CƠ QUAN CẤP TRÊN, TÊN CƠ QUAN BAN HÀNH]
  motto: ĐẢNG CỘNG SẢN VIỆT NAM
  place_date: Hà Nội, ngày ... tháng ... năm ...
  kind_line: {kind_line}
  title_lines: [Trích yếu của văn bản]
preamble:
  - Đoạn mở đầu của văn bản.
sections:
  - number: I.
    title: TIÊU ĐỀ PHẦN I
    sections:
      - number: 1.
        text: Nội dung mục 1.
      - text: Một ý gạch đầu dòng (không có số).
signature:
  lines: [T/M ...]
  name: Họ và tên người ký
recipients:
  - Nơi nhận thứ nhất,
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
    path = data_dir / "documents" / f"{key}.yaml"
    if path.exists():
        raise ValidationError([Problem(Location(str(path), 1, 1), "", "tệp đã có; không ghi đè. Hãy sửa trực tiếp tệp này")])
    text = SKELETON.format(
        number=number,
        number_json=json.dumps(number, ensure_ascii=False),
        type_json=json.dumps(document_type, ensure_ascii=False),
        issuer=issuer,
        kind_line=document_type.upper(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
