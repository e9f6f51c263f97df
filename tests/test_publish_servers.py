"""Publishing with the real parts: an OpenSSH server and nginx of the test's own on loopback ports, the shipped nginx
configuration at the sub-path, the real site, Chromium. Publish and search; publish a change and roll back; an
upload killed midway; a live check that fails; a full disk; things in the way; ssh refusing."""

from __future__ import annotations

import base64
import contextlib
import os
import random
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.servers import NGINX_SITE, SshServer, killer_of_rsync, nginx_server, pages_marked, ssh_server
from generator.commands.build import Project, build
from generator.publish import PublishConfig, PublishError, list_releases, load_targets, publish, rollback
from tests.conftest import AS_OF, copy_project

REPO_NGINX_TYPES = re.compile(r"types \{(.*?)\}", re.S)
MARK = b"<!-- c -->"


@pytest.fixture(scope="module")
def sshd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SshServer]:
    with ssh_server(tmp_path_factory.mktemp("sshd")) as server:
        yield server


@pytest.fixture(scope="module")
def sites(built: Project, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The real site (a), the site after an edit of a document's title (b), and (c) every page of (a) changed a lot."""
    folder = tmp_path_factory.mktemp("sites")
    a = Path(shutil.copytree(built.site_dir, folder / "a"))
    project = copy_project(folder / "project")
    document = project.data_dir / "documents" / "287-ctr-ddlhhvn.yaml"
    text = document.read_text(encoding="utf-8")
    document.write_text(re.sub(r"(?m)^title: (.*)$", r"title: \1 (ĐÃ SỬA)", text, count=1), encoding="utf-8")
    build(project, as_of=AS_OF)
    b = Path(shutil.copytree(project.site_dir, folder / "b"))
    c = Path(shutil.copytree(a, folder / "c"))
    noise = random.Random(45)
    for page in c.rglob("*.html"):  # 20 KB that neither rsync's deltas nor compression shrink, and the mark
        page.write_bytes(page.read_bytes() + b"<!-- " + base64.b64encode(noise.randbytes(15_000)) + b" -->" + MARK)
    return {"a": a, "b": b, "c": c}


@pytest.fixture
def www(tmp_path: Path) -> Path:
    folder = tmp_path / "www"
    folder.mkdir()
    return folder


@pytest.fixture
def nginx(tmp_path: Path, www: Path) -> Iterator[str]:
    with nginx_server(tmp_path / "nginx", www) as base:
        yield base


def configure(root: Path, sshd: SshServer, www: Path, public_url: str | None, extra: str = "") -> PublishConfig:
    (root / "publish.yaml").write_text("targets:\n" + sshd.target_yaml("may-chu", www, public_url) + extra, encoding="utf-8")
    return load_targets(root)


def get(url: str, gzip: bool = False) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip else {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def served_pages(base: str, site: Path) -> dict[str, bytes]:
    """Every page of `site` as nginx serves it now."""
    pages = {}
    for page in sorted(site.rglob("*.html")):
        path = page.relative_to(site).as_posix().removesuffix("index.html")
        pages[path] = get(base + path)[2]
    return pages


def pages_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix().removesuffix("index.html"): p.read_bytes() for p in sorted(site.rglob("*.html"))}


@pytest.mark.browser
def test_the_published_site_is_served_at_the_sub_path_and_search_works(
    tmp_path: Path, sshd: SshServer, www: Path, nginx: str, sites: dict[str, Path], browser
) -> None:
    config = configure(tmp_path, sshd, www, nginx)
    result = publish(config, sites["a"]).targets[0]
    assert result.live_problems == () and result.bytes_sent > 0
    for viewport in ({"width": 390, "height": 844}, {"width": 1366, "height": 900}):
        page = browser.new_page(viewport=viewport)
        try:
            page.goto(nginx)
            assert "Nghị quyết 45-NQ/TW" in page.title()
            if viewport["width"] < 960:  # on a phone the search box opens from the header's button
                page.locator("label.md-header__button[for='__search']").click()
            page.locator(".md-search__input").press_sequentially("tri thuc")
            page.wait_for_selector(".md-search-result__item", timeout=30_000)
            page.locator(".md-search-result__item a").first.click()
            page.wait_for_selector("article mark", timeout=30_000)  # the words searched, marked on the page opened
            assert page.url.startswith(nginx + "van-ban/")
            page.screenshot(path=str(tmp_path / f"search-{viewport['width']}.png"))
        finally:
            page.close()


def test_nginx_serves_types_caches_compression_and_the_404_page(
    tmp_path: Path, sshd: SshServer, www: Path, nginx: str, sites: dict[str, Path]
) -> None:
    publish(configure(tmp_path, sshd, www, nginx), sites["a"])
    expected = {
        "van-ban/20-kh-tw.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "van-ban/20-kh-tw.pdf": "application/pdf",
        "documents.json": "application/json; charset=utf-8",
        "feed.xml": "application/atom+xml; charset=utf-8",
        "sitemap.xml": "application/xml; charset=utf-8",
        "javascripts/numbers.js": "text/javascript; charset=utf-8",
        "nhiem-vu/nhiem-vu.csv": "text/csv; charset=utf-8",
        "": "text/html; charset=utf-8",
    }
    for path, content_type in expected.items():
        status, headers, _ = get(nginx + path)
        assert (status, headers["Content-Type"]) == (200, content_type), path
    bundle = next(p for p in (sites["a"] / "assets" / "javascripts").glob("bundle.*.min.js"))
    status, headers, body = get(f"{nginx}assets/javascripts/{bundle.name}", gzip=True)
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable" and headers["Content-Encoding"] == "gzip"
    for path in ("", "van-ban/20-kh-tw/", "search/vn/meta.json", "javascripts/search-worker.js", "stylesheets/extra.css"):
        assert get(nginx + path, gzip=True)[1]["Cache-Control"] == "no-cache", path
    status, headers, body = get(nginx + "khong-co-trang-nay/")
    assert status == 404 and body == (sites["a"] / "404.html").read_bytes()
    status, headers, _ = get(nginx.rstrip("/"))
    assert status == 200  # /nghi-quyet-45 redirected to /nghi-quyet-45/
    assert get(nginx + "van-ban/20-kh-tw")[0] == 200  # a folder without its slash, redirected
    # Every kind of file the site has is named in the configuration's types.
    declared = {word.rstrip(";") for line in REPO_NGINX_TYPES.search(NGINX_SITE.read_text())[1].splitlines() for word in line.split()[1:]}
    assert {p.suffix.lstrip(".") for p in sites["a"].rglob("*") if p.is_file()} <= declared


def test_a_change_is_published_and_rolled_back(tmp_path: Path, sshd: SshServer, www: Path, nginx: str, sites: dict[str, Path]) -> None:
    config = configure(tmp_path, sshd, www, nginx)
    first = publish(config, sites["a"], publisher="Lê Văn C").targets[0]
    second = publish(config, sites["b"]).targets[0]
    assert second.previous == first.release and 0 < second.files_sent < len(first.changes.added)
    assert "ĐÃ SỬA" in get(nginx + "van-ban/287-ctr-ddlhhvn/")[2].decode()
    releases = list_releases(config)[0]
    assert [(r.id, r.current) for r in releases.releases] == [(first.release, False), (second.release, True)]
    assert releases.releases[0].publisher == "Lê Văn C"
    back = rollback(config)[0]
    assert back.to_release == first.release and back.live_problems == ()
    assert served_pages(nginx, sites["a"]) == pages_of(sites["a"])


def test_an_upload_killed_midway_leaves_the_site_whole_and_the_next_publish_resumes(
    tmp_path: Path, sshd: SshServer, www: Path, nginx: str, sites: dict[str, Path]
) -> None:
    first = publish(configure(tmp_path, sshd, www, nginx), sites["a"]).targets[0]
    slow = configure(tmp_path, sshd, www, nginx, "bandwidth_limit_kib: 200\n")
    kill_midway, killed = killer_of_rsync(lambda: pages_marked(www / "releases" / ".incoming", MARK) >= 5)
    with pytest.raises(PublishError, match=r"Lỗi khi tải lên tới .*Trang đang chạy không bị thay đổi; phần đã tải được giữ lại"):
        publish(slow, sites["c"], progress=kill_midway)
    assert killed
    assert served_pages(nginx, sites["a"]) == pages_of(sites["a"])  # every page whole, all of the live release
    assert list_releases(slow)[0].interrupted and list_releases(slow)[0].current == first.release
    resumed = publish(configure(tmp_path, sshd, www, nginx), sites["c"]).targets[0]
    assert resumed.resumed and 0 < resumed.files_sent < sum(1 for _ in sites["c"].rglob("*.html"))
    assert served_pages(nginx, sites["c"]) == pages_of(sites["c"])


def test_a_failed_live_check_says_what_is_wrong_and_can_roll_back(
    tmp_path: Path, sshd: SshServer, www: Path, nginx: str, sites: dict[str, Path]
) -> None:
    first = publish(configure(tmp_path, sshd, www, nginx), sites["a"]).targets[0]
    wrong = configure(tmp_path, sshd, www, nginx + "sai-cho/", "rollback_on_failure: true\n")
    with pytest.raises(PublishError) as caught:
        publish(wrong, sites["b"])
    message = caught.value.message
    assert "trang trực tuyến có lỗi" in message and "Trang chủ (" in message and "máy chủ trả mã 404" in message
    assert "Chỉ mục tìm kiếm" in message and "Bản PDF" in message and f"Đã tự quay lại bản trước ({first.release})" in message
    assert caught.value.result is not None and caught.value.result.targets[0].rolled_back
    assert list_releases(wrong)[0].current == first.release
    with pytest.raises(PublishError, match=r"vẫn đang chạy; quay lại bản trước bằng: nq45 publish --rollback --target may-chu"):
        publish(wrong, sites["b"], rollback_on_failure=False)
    assert list_releases(wrong)[0].current != first.release


def test_a_full_disk_on_the_target_is_a_message_and_the_live_site_stays(
    tmp_path: Path, sshd: SshServer, www: Path, nginx: str, sites: dict[str, Path]
) -> None:
    if os.geteuid() != 0:
        pytest.skip("a small filesystem to fill needs root (mount -t tmpfs); CI runs as root")
    blocks = sum(-(-p.stat().st_size // 4096) * 4096 for p in sites["a"].rglob("*")) + (2 << 20)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={blocks},mode=0755", "tmpfs", str(www)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"this machine does not let root mount a tmpfs: {mounted.stderr.strip()}")
    try:
        config = configure(tmp_path, sshd, www, nginx)
        first = publish(config, sites["a"]).targets[0]
        big = Path(shutil.copytree(sites["a"], tmp_path / "big"))
        (big / "van-ban" / "lon.pdf").write_bytes(os.urandom(4 << 20))
        with pytest.raises(PublishError, match=r"máy đích hết chỗ trống \(đĩa đầy\).*Trang đang chạy không bị thay đổi"):
            publish(config, big)
        assert list_releases(config)[0].current == first.release
        assert served_pages(nginx, sites["a"]) == pages_of(sites["a"])
        assert publish(config, sites["b"]).targets[0].release != first.release  # room again once the big file is gone
    finally:
        subprocess.run(["umount", "-l", str(www)], check=False)


def test_links_in_the_way_and_paths_outside_the_root_are_refused(
    tmp_path: Path, sshd: SshServer, www: Path, sites: dict[str, Path]
) -> None:
    config = configure(tmp_path, sshd, www, None)
    first = publish(config, sites["a"]).targets[0]
    outside = tmp_path / "outside"
    outside.mkdir()
    (www / "releases" / ".incoming").symlink_to(outside)
    with pytest.raises(PublishError, match=r"\.incoming ở \"may-chu\" \(root@|\.incoming ở \"may-chu\" \("):
        publish(config, sites["b"])
    assert list(outside.iterdir()) == [] and os.readlink(www / "current") == f"releases/{first.release}"
    (www / "releases" / ".incoming").unlink()
    (www / "current").unlink()
    (www / "current").symlink_to(outside)
    with pytest.raises(PublishError, match=f'trỏ tới "{outside}", ngoài các bản'):
        publish(config, sites["b"])
    (tmp_path / "publish.yaml").write_text("targets:\n" + sshd.target_yaml("may-chu", Path("/srv/../etc"), None), encoding="utf-8")
    with pytest.raises(PublishError, match=r"dòng 7, cột 11, trường targets\[1\]\.path"):
        load_targets(tmp_path)


def test_ssh_refusing_the_host_or_the_key_is_a_message_without_secrets(
    tmp_path: Path, sshd: SshServer, www: Path, sites: dict[str, Path]
) -> None:
    unknown = tmp_path / "known_hosts_empty"
    unknown.write_text("", encoding="ascii")
    text = sshd.target_yaml("may-chu", www).replace(str(sshd.known_hosts), str(unknown))
    (tmp_path / "publish.yaml").write_text("targets:\n" + text, encoding="utf-8")
    with pytest.raises(PublishError, match=r"máy chủ chưa có trong .*known_hosts_empty.*ssh-keyscan -p") as caught:
        publish(load_targets(tmp_path), sites["a"])
    other_key = tmp_path / "other_key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(other_key)], check=True)
    text = sshd.target_yaml("may-chu", www).replace(str(sshd.key_file), str(other_key))
    (tmp_path / "publish.yaml").write_text("targets:\n" + text, encoding="utf-8")
    with pytest.raises(PublishError, match=r"máy chủ không nhận khóa cho người dùng") as refused:
        publish(load_targets(tmp_path), sites["a"])
    secret = "".join(other_key.read_text().splitlines()[1:3])
    for message in (caught.value.message, refused.value.message):
        assert secret[:40] not in message and "PRIVATE" not in message and "Trang đang chạy không bị đụng tới" in message
    assert not (www / "releases").exists()


def test_nq45_publish_builds_when_needed_and_prints_no_secret(tmp_path: Path, sshd: SshServer, www: Path, nginx: str) -> None:
    project = copy_project(tmp_path / "project")
    configure(project.root, sshd, www, nginx)

    def nq45(*arguments: str) -> subprocess.CompletedProcess[str]:
        command = [str(Path(os.sys.executable).with_name("nq45")), "--root", str(project.root), "publish", *arguments]
        return subprocess.run(command, capture_output=True, text=True, timeout=600)

    done = nq45("--publisher", "Phạm D")
    assert done.returncode == 0, done.stderr
    assert "Đã dựng lại trang trước khi xuất bản" in done.stdout and 'Đã xuất bản lên "may-chu": bản ' in done.stdout
    assert "Kiểm tra trang trực tuyến" in done.stderr and "Chuyển trang sang bản" in done.stderr
    again = nq45("--dry-run")
    assert again.returncode == 0 and "Đã dựng lại" not in again.stdout and "0 tệp mới, 0 tệp sửa, 0 tệp xóa" in again.stdout
    listed = nq45("--list")
    assert listed.returncode == 0 and "Phạm D" in listed.stdout and listed.stdout.count("* 20") == 1
    key = "".join(sshd.key_file.read_text().splitlines()[1:3])
    for output in (done.stdout, done.stderr, again.stdout, listed.stdout):
        assert key[:40] not in output and "PRIVATE KEY" not in output
    (project.root / "publish.yaml").write_text("targets:\n  - name: x\n    kind: ssh\n", encoding="utf-8")
    refused = nq45()
    assert refused.returncode == 1 and 'thiếu trường bắt buộc "host"' in refused.stderr and "Traceback" not in refused.stderr
    with contextlib.suppress(FileNotFoundError):
        assert not (project.root / ".build" / "loi-gan-nhat.txt").exists()
