"""The check after a switch: the public address serves the release just switched in (home page, a document page, a
PDF, the search index, byte for byte). It fetches only the address the configuration names."""

from __future__ import annotations

import http.client
import urllib.error
import urllib.parse
import urllib.request

from generator.publish.sitefiles import SEARCH_INDEXES, SiteFiles
from generator.support.display import excerpt

TIMEOUT_SECONDS = 20


def check_live(public_url: str, site: SiteFiles, release_id: str) -> list[str]:
    """What is wrong with the site at `public_url` against the release just published from `site`, in Vietnamese;
    empty when every check passed."""
    return _check(public_url, [(label, path, (site.root / path).read_bytes()) for label, path in site.live_checks()], release_id)


def check_answers(public_url: str, release_id: str) -> list[str]:
    """After a rollback, whose files are not here to compare with: the home page and the search index answer."""
    return _check(public_url, [("Trang chủ", "index.html", None), ("Chỉ mục tìm kiếm", SEARCH_INDEXES[0], None)], release_id)


def _check(public_url: str, checks: list[tuple[str, str, bytes | None]], release_id: str) -> list[str]:
    problems = []
    for label, path, expected in checks:
        url = address(public_url, path)
        # A query of its own, so that a cache in front of the server cannot answer with an earlier release.
        problem = _problem(f"{url}?phat-hanh={release_id}", expected)
        if problem is not None:
            problems.append(f"{label} ({url}): {problem}")
    return problems


def address(public_url: str, path: str) -> str:
    """The public address of the site's file `path` (a folder's index.html as the folder)."""
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return urllib.parse.urljoin(public_url, urllib.parse.quote(path))


def _problem(url: str, expected: bytes | None) -> str | None:
    request = urllib.request.Request(url, headers={"User-Agent": "nq45-publish", "Cache-Control": "no-cache"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            body = response.read(len(expected) + 1) if expected is not None else None
    except urllib.error.HTTPError as error:
        hint = " (không thấy tệp: máy chủ web có trỏ tới thư mục current của nơi xuất bản không?)" if error.code == 404 else ""
        return f"máy chủ trả mã {error.code}{hint}"
    except TimeoutError:
        return f"máy chủ không trả lời trong {TIMEOUT_SECONDS} giây"
    except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
        reason = getattr(error, "reason", error)
        return f"không kết nối được ({excerpt(str(reason), 120)})"
    if expected is not None and body != expected:
        return "nội dung khác với bản vừa xuất bản (máy chủ web hoặc bộ nhớ đệm còn trả bản cũ, hoặc trỏ tới thư mục khác)"
    return None
