"""`serve` end to end: an edit to a YAML file reaches the served page and the preview's search."""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
from pathlib import Path

from bench.preview import fetch, free_port, wait_for
from generator.commands.build import Project
from generator.support.engine import engine

REPO = Path(__file__).resolve().parent.parent
SERVED = f"{engine().package}_"  # the temporary site the engine serves: mkdocs_…, properdocs_…


def _status(port: int, host: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", "/nghi-quyet-45/", headers={"Host": f"{host}:{port}"})
        return connection.getresponse().status
    finally:
        connection.close()


def test_an_edit_is_served_with_its_search_entries(project: Project, tmp_path: Path) -> None:
    port = free_port()
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(project.root), "serve", "--addr", f"127.0.0.1:{port}"],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(temporary)},
    )
    base = f"http://127.0.0.1:{port}/nghi-quyet-45/"
    try:
        wait_for(base + "van-ban/20-kh-tw/", "Trương Thị Mai", 120)
        path = project.data_dir / "documents" / "20-kh-tw.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("Trương Thị Mai", "Trương Thị Mai Anh"), encoding="utf-8")
        wait_for(base + "van-ban/20-kh-tw/", "Trương Thị Mai Anh", 30)
        docs = json.loads(fetch(base + "search/search_index.json"))["docs"]
        assert any("Trương Thị Mai Anh" in entry["text"] for entry in docs if entry["location"].startswith("van-ban/20-kh-tw/"))
        assert len({entry["location"].split("#")[0] for entry in docs}) > 40  # pages not rebuilt keep their entries
        assert [p.name for p in temporary.iterdir() if p.name.startswith(SERVED)]  # the site MkDocs serves
        assert _status(port, "localhost") == 200
        assert _status(port, "rebinding.example") == 421  # DNS rebinding: a foreign name is not answered
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
    assert "Traceback" not in err.decode("utf-8")
    # Stopped by a signal, the preview still shuts down cleanly and removes its temporary site.
    assert server.returncode == 0 and not [p for p in temporary.iterdir() if p.name.startswith(SERVED)]
