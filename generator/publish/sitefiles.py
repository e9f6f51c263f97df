"""The built site as publishing sees it: regular files only (a link or a device in site/ is refused, never followed
or uploaded), and the pages a live check fetches."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from generator.publish.errors import PublishError
from generator.support.display import excerpt

SEARCH_INDEXES = ("search/vn/meta.json", "search/search_index.json")


@dataclass(frozen=True)
class SiteFiles:
    """Every file of the site, by path relative to it, with its size."""

    root: Path
    sizes: dict[str, int]

    @property
    def pages(self) -> int:
        return sum(1 for path in self.sizes if path.endswith(".html"))

    @property
    def total_bytes(self) -> int:
        return sum(self.sizes.values())

    def live_checks(self) -> list[tuple[str, str]]:
        """What a live check fetches, with how messages name it: the home page, a document page, a PDF, the search index."""
        checks = [("Trang chủ", "index.html")]
        documents = sorted(p for p in self.sizes if p.startswith("van-ban/") and p.endswith("/index.html") and p.count("/") == 2)
        checks += [("Trang văn bản", documents[0])] if documents else []
        pdfs = sorted(p for p in self.sizes if p.startswith("van-ban/") and p.endswith(".pdf"))
        checks += [("Bản PDF", pdfs[0])] if pdfs else []
        search = [p for p in SEARCH_INDEXES if p in self.sizes]
        checks += [("Chỉ mục tìm kiếm", search[0])] if search else []
        return checks


def scan_site(site_dir: Path) -> SiteFiles:
    """Every regular file under `site_dir`; refuse a site that is not built or holds anything else."""
    if not (site_dir / "index.html").is_file():
        raise PublishError(f"Chưa có trang đã dựng ở {site_dir} (thiếu index.html); hãy dựng trang trước (nq45 build).")
    sizes: dict[str, int] = {}
    folders = [site_dir]
    while folders:
        folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                mode = entry.stat(follow_symlinks=False).st_mode
                relative = Path(entry.path).relative_to(site_dir).as_posix()
                if stat.S_ISDIR(mode):
                    folders.append(Path(entry.path))
                elif stat.S_ISREG(mode):
                    sizes[relative] = entry.stat(follow_symlinks=False).st_size
                else:
                    kind = "một liên kết (symlink)" if stat.S_ISLNK(mode) else "không phải tệp thường"
                    raise PublishError(
                        f'Trang đã dựng có "{excerpt(relative, 200)}" là {kind}; không xuất bản thứ đó. Hãy dựng lại trang (nq45 build).'
                    )
    return SiteFiles(site_dir, sizes)
