"""Intake benchmark, second table: the shapes real documents take (tests/fixtures/intake/, written for the project),
each imported into a copy of the project as `nq45 import` does. Per fixture: whether the identity is right
(number, type, date, issuer), the records of data/documents/ written that should not be (must be 0), the body words
recovered, the chrome words kept, and whether the section tree (numbering and depth, appendices included) is the
one printed."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.intake import markdown_table, words
from generator.commands.build import Project
from generator.intake.usecase import MERGE, apply_import, plan_import

SHAPES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "intake"


@dataclass(frozen=True)
class Shape:
    """A fixture, what it is, and what a right draft holds."""

    file: str
    what: str
    identity: tuple[str | None, str | None, str | None, str | None]  # number, type, date, issuer id
    tree: tuple[object, ...]  # numbering as nested tuples: (number, (children…))
    chrome: tuple[str, ...] = ()  # lines that are not the document
    may_complete: str | None = None  # the record this text may complete: its own


def _leaves(*numbers: str | None) -> tuple[object, ...]:
    return tuple((number, ()) for number in numbers)


SHAPES_EXPECTED = (
    Shape(
        "nghi-quyet-chinh-phu.txt",
        "Nghị quyết của Chính phủ: Điều, khoản, điểm a) … đ), chương trình kèm theo",
        ("12/NQ-CP", "Nghị quyết", "2024-01-15", "chinh-phu"),
        (
            ("Điều 1", ()),
            ("Điều 2", ()),
            ("Điều 3", (("1.", ()), ("2.", _leaves("a)", "b)", "đ)")))),
            (
                "phụ lục",
                (
                    ("I.", (("1.", _leaves("a)", "b)")), ("2.", ()))),
                    ("II.", (("1.", (("a)", ()), ("b)", _leaves(None, None)))), ("2.", ()))),
                    ("III.", _leaves("1.", "2.")),
                ),
            ),
        ),
    ),
    Shape(
        "ke-hoach-tinh-uy-tren-bao.txt",
        "báo đăng kế hoạch: tiêu đề dẫn số khác, câu công bố ở dưới",
        ("214-KH/TU", "Kế hoạch", "2022-08-07", "ban-thuong-vu-tinh-uy-quang-nam"),
        (("I.", _leaves("1.", "2.")), ("II.", _leaves("1.", "2."))),
        chrome=(
            "Skip to main content",
            "Trang chủ > Thời sự > Chính trị",
            "Thứ hai - 04/07/2022 04:34 288 0",
            "Kế hoạch thực hiện Kết luận số 52-KL/TW của Ban Bí thư",
            "(TTXVN) - Thực hiện Kết luận số 52-KL/TW ngày 30/5/2019 của Ban Bí thư về tiếp tục thực hiện Nghị quyết "
            "Trung ương 7 khóa X, Ban Thường vụ Tỉnh ủy Quảng Nam đã ban hành Kế hoạch số 214-KH/TU, ngày 07/8/2022 với "
            "những nội dung chính như sau:",
            "C:\\Users\\Admin\\Pictures\\IMG_5000.JPG",
            "Ảnh minh họa: Hội nghị quán triệt",
            "Xem thêm: Tỉnh ủy Quảng Nam sơ kết 5 năm thực hiện Nghị quyết 45",
            "Tin liên quan",
            "Bình luận",
        ),
    ),
    Shape(
        "tin-khong-so.txt",
        "bài báo không ghi số hiệu của văn bản nào",
        (None, None, None, None),
        (),
        chrome=("Nghị quyết 45-NQ/TW: Động lực mới cho đội ngũ trí thức", "Thứ Năm, 18/7/2024, 09:15 (GMT+7)"),
    ),
    Shape(
        "cong-thong-tin-gioi-thieu.txt",
        "cổng thông tin giới thiệu toàn văn; dòng *, Số không dấu hai chấm",
        ("45-NQ/TW", "Nghị quyết", "2023-11-24", "ban-chap-hanh-trung-uong"),
        (("I-", _leaves("1-", "2-")), ("II-", _leaves("1-"))),
        chrome=("Cổng Thông tin điện tử Đảng bộ Khối các cơ quan tỉnh trân trọng giới thiệu toàn văn Nghị quyết số 45-NQ/TW",),
        may_complete="45-nq-tw.yaml",
    ),
    Shape(
        "quyet-dinh-cong-thong-tin.txt",
        "Quyết định của Thủ tướng, khối tiêu đề bị cổng dàn thành dòng có gạch đứng",
        ("719/QĐ-TTg", "Quyết định", "2024-06-28", "thu-tuong-chinh-phu"),
        (("Điều 1", (("1.", _leaves("a)", "b)")), ("2.", _leaves("a)")))), ("Điều 2", ()), ("Điều 3", ())),
    ),
    Shape(
        "ke-hoach-dang-doan-quoc-hoi.md",
        "bản Markdown; số 3260-KH/ĐĐQH15 có số khóa, Số không dấu hai chấm",
        ("3260-KH/ĐĐQH15", "Kế hoạch", "2024-02-19", "dang-doan-quoc-hoi"),
        (("I.", _leaves("1.")), ("II.", (("1.", _leaves(None, None)),))),
    ),
)


# The fields that hold the document's own words (the others are facts about it).
TEXT_FIELDS = ("header", "preamble", "sections", "signature", "recipients", "notes", "appendices")


@dataclass
class Row:
    fixture: str
    what: str
    identity: str
    wrong_records: int
    recovered: float
    noise: int
    tree_equal: bool
    seconds: float


def _tree(sections: list[dict[str, Any]]) -> tuple[object, ...]:
    """The numbering tree of a draft's sections (YAML data: mappings holding lists)."""
    return tuple((s.get("number"), _tree(s.get("sections", []))) for s in sections)


def _draft_tree(fields: Mapping[str, Any]) -> tuple[object, ...]:
    tree = _tree(fields.get("sections", []))
    attached = tuple(("phụ lục", _tree(a.get("sections", []))) for a in fields.get("appendices", []))
    return tree + attached


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return []


def _files(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.yaml"))}


def measure(project_root: Path) -> list[Row]:
    rows = []
    for shape in SHAPES_EXPECTED:
        root = Path(tempfile.mkdtemp(prefix="shape-", dir=project_root))
        shutil.copytree(project_root / "data", root / "data")
        project = Project(root)
        before = _files(project.data_dir / "documents")
        started = time.perf_counter()
        plan = plan_import(root, SHAPES / shape.file)
        apply_import(plan, project.staging_dir / "imports", root)
        seconds = time.perf_counter() - started
        after = _files(project.data_dir / "documents")
        changed = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
        wrong = len(changed - ({shape.may_complete} if shape.may_complete and plan.action == MERGE else set()))
        fields = plan.draft.data()
        got = tuple(fields.get(name) for name in ("number", "type", "date", "issuer"))
        source = [line for line in (SHAPES / shape.file).read_text(encoding="utf-8").splitlines() if line.strip()]
        truth = Counter(words(" ".join(line for line in source if line not in shape.chrome)))
        texts = _texts({k: v for k, v in fields.items() if k in TEXT_FIELDS})
        if fields.get("header"):  # the page prints the "Số:" line from the number, and "Nơi nhận:" over the recipients
            texts.append(f"Số: {fields['number']}")
        if fields.get("recipients"):
            texts.append("Nơi nhận:")
        kept = Counter(words(" ".join(texts)))
        recovered = sum(min(truth[w], kept[w]) for w in truth) / max(1, sum(truth.values()))
        chrome = Counter(words(" ".join(shape.chrome)))
        noise = sum(min(count, max(0, kept[w] - truth[w])) for w, count in chrome.items())
        right = sum(a == b for a, b in zip(got, shape.identity, strict=True))
        rows.append(Row(shape.file, shape.what, f"{right}/4", wrong, recovered, noise, _draft_tree(fields) == shape.tree, seconds))
    return rows


def table(rows: list[Row]) -> str:
    header = [
        "fixture",
        "shape",
        "identity right",
        "other records written",
        "body words recovered",
        "chrome words kept",
        "tree as printed",
        "s",
    ]
    return markdown_table(
        header,
        [
            [
                r.fixture,
                r.what,
                r.identity,
                str(r.wrong_records),
                f"{r.recovered:.1%}",
                str(r.noise),
                "yes" if r.tree_equal else "no",
                f"{r.seconds:.2f}",
            ]
            for r in rows
        ],
    )


def main() -> None:
    repo = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory(prefix="bench-shapes-") as workdir:
        shutil.copytree(repo / "data", Path(workdir) / "data")
        print(table(measure(Path(workdir))))


if __name__ == "__main__":
    main()
