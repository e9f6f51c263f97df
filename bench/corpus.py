"""A synthetic national corpus: N documents built from the real texts, deterministic for a seed."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
TYPES = [("Kế hoạch", "KH"), ("Chương trình hành động", "CTr"), ("Hướng dẫn", "HD"), ("Quyết định", "QĐ"), ("Thông báo", "TB")]
DEADLINES = [
    "hoàn thành trong quý I/{y}",
    "hoàn thành trong quý II/{y}",
    "hoàn thành trong quý III/{y}",
    "hoàn thành trong quý IV/{y}",
    "thực hiện từ tháng {m:02d}/{y}",
    "cơ bản hoàn thành trong năm {y}",
    "hoàn thành trong tháng {m:02d}/{y} và chỉ đạo thực hiện thường xuyên",
]
PROVINCES = [
    "Hà Nội",
    "Hải Phòng",
    "Đà Nẵng",
    "Cần Thơ",
    "Huế",
    "Quảng Ninh",
    "Nghệ An",
    "Thanh Hóa",
    "Đắk Lắk",
    "Lâm Đồng",
    "Khánh Hòa",
    "Bình Định",
]
MINISTRIES = ["Bộ Khoa học và Công nghệ", "Bộ Giáo dục và Đào tạo", "Bộ Y tế", "Bộ Nội vụ", "Bộ Tài chính", "Bộ Ngoại giao"]


def real_texts() -> list[str]:
    """Every paragraph of the real corpus, to draw synthetic text from."""
    texts = []
    for name in ("20-kh-tw.yaml", "287-ctr-ddlhhvn.yaml"):
        data = yaml.safe_load((REPO / "data" / "documents" / name).read_text(encoding="utf-8"))
        stack = list(data["sections"])
        while stack:
            section = stack.pop()
            texts += [t for t in (section.get("text"), *section.get("paragraphs", [])) if t]
            stack += section.get("sections", [])
    return sorted(set(texts))


def bodies(count: int) -> list[dict[str, object]]:
    names = [f"Tỉnh ủy {p}" for p in PROVINCES] + [f"Ban cán sự đảng {m}" for m in MINISTRIES]
    names += [f"Đảng ủy Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh số {i}" for i in range(count)]
    return [{"id": f"co-quan-{i}", "name": name, "short_names": [code(i)]} for i, name in enumerate(names[:count])]


def code(index: int) -> str:
    """A letters-only issuer code, as real ones are: TUA, TUB, …, TUBA."""
    letters = ""
    index += 26
    while index:
        index, rest = divmod(index, 26)
        letters = chr(ord("A") + rest) + letters
    return "TU" + letters


def make_corpus(root: Path, count: int, seed: int = 45) -> Path:
    """Write a project with the real data plus `count` synthetic documents into `root`."""
    rng = random.Random(seed)
    texts = real_texts()
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "generator" / "theme", root / "generator" / "theme")
    real_bodies = yaml.safe_load((root / "data" / "bodies.yaml").read_text(encoding="utf-8"))["bodies"]
    synthetic_bodies = bodies(max(20, count // 5))
    (root / "data" / "bodies.yaml").write_text(
        yaml.safe_dump({"bodies": real_bodies + synthetic_bodies}, allow_unicode=True), encoding="utf-8"
    )
    numbers: list[str] = []
    with_tasks: list[str] = []  # numbers of documents with tasks in section II, which others answer
    for index in range(count):
        type_name, type_code = TYPES[index % len(TYPES)]
        body = synthetic_bodies[index % len(synthetic_bodies)]
        number = f"{100 + index}-{type_code}/{code(int(str(body['id']).split('-')[-1]))}"
        year = rng.choice([2024, 2025, 2026])
        sections = []
        for roman in ("I.", "II.", "III.", "IV.")[: rng.randint(2, 4)]:
            items = []
            for item in range(1, rng.randint(3, 7)):
                text = rng.choice(texts)
                if numbers and rng.random() < 0.2:
                    text = f"{text} Thực hiện theo Kế hoạch số {rng.choice(numbers)}."
                entry: dict[str, object] = {"number": f"{item}.", "text": text}
                if roman == "II." and rng.random() < 0.5:
                    wording = rng.choice(DEADLINES).format(y=year, m=rng.randint(1, 12))
                    entry["text"] = f"{text.rstrip('.')} ({wording})."
                    entry["task"] = {"bodies": [rng.choice(synthetic_bodies)["id"]]}
                items.append(entry)
            sections.append(
                {
                    "number": roman,
                    "title": rng.choice(["MỤC ĐÍCH, YÊU CẦU", "NHIỆM VỤ, GIẢI PHÁP", "TỔ CHỨC THỰC HIỆN", "NHIỆM VỤ CỤ THỂ"]),
                    "sections": items,
                }
            )
        relations: dict[str, object] = {"implements": ["45-NQ/TW"], "based_on": [rng.choice(["20-KH/TW", *numbers[-20:]])]}
        answers = answered_tasks(str(body["name"]), with_tasks, rng)
        document = {
            "number": number,
            "type": type_name,
            "title": f"Thực hiện Nghị quyết số 45-NQ/TW tại {body['name']}",
            "summary": f"{type_name} của {body['name']} thực hiện Nghị quyết 45-NQ/TW.",
            "issuer": body["id"],
            "signer": f"Người ký {index}",
            "signer_title": "Bí thư",
            "place": rng.choice(PROVINCES),
            "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "relations": relations,
            **({"answers": answers} if answers else {}),
            "header": {
                "issuer_lines": [str(body["name"]).upper()],
                "motto": "ĐẢNG CỘNG SẢN VIỆT NAM",
                "place_date": "Hà Nội, ngày 1 tháng 1 năm 2024",
                "kind_line": type_name.upper(),
                "title_lines": ["Thực hiện Nghị quyết số 45-NQ/TW"],
            },
            "preamble": [rng.choice(texts)],
            "sections": sections,
            "signature": {"lines": ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"], "name": f"Người ký {index}"},
            "recipients": ["Như trên,", "Lưu VP."],
        }
        from generator.corpus.numbers import number_key

        (root / "data" / "documents" / f"{number_key(number)}.yaml").write_text(
            yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        numbers.append(number)
        if any("task" in item for section in sections if section["number"] == "II." for item in section["sections"]):
            with_tasks.append(number)
    return root


def answered_tasks(issuer: str, with_tasks: list[str], rng: random.Random) -> list[str]:
    """What a document answers, as a national corpus has it: most provinces and ministries answer
    the task 20-KH/TW gives them, and some documents answer a task of an earlier synthetic one."""
    answers = []
    if issuer.startswith("Ban cán sự đảng Bộ"):
        answers.append("20-KH/TW#iv-6")
    elif rng.random() < 0.6:
        answers.append("20-KH/TW#iv-8")  # the provincial party committees
    if with_tasks and rng.random() < 0.15:
        answers.append(f"{rng.choice(with_tasks)}#ii")
    return answers
