"""`python -m bench.lighthouse [--runs 3]`: Lighthouse's scores (mobile) for every kind of page, and axe's
violations at a phone's and a desktop's width: a benchmark that prints figures, not a test.

Lighthouse is installed from npm, at the pinned version below, into .build/tools/lighthouse (never
committed; `make lighthouse` does the same), and runs Debian's Chromium (CHROME_PATH). The site is the real
corpus built afresh, served on loopback by a server that compresses text as a production server does (gzip),
with Lighthouse's default mobile emulation: a mid-range phone on a slow 4G network, the processor slowed
fourfold. The site is built as of today, as a reader sees it the day it is built (on a later day the
reader's browser works statuses out again, which moves a few lines: a small layout shift). Each page is
measured `--runs` times and the median performance score printed; the other scores do not vary between
runs. The host's CPU index is Lighthouse's benchmark of the machine it ran on: its fourfold slowdown
assumes 1,000 or more, and a busy shared machine scores less, and the pages' scores with it."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands.build import build

if TYPE_CHECKING:
    from playwright.sync_api import ViewportSize

from bench.support import CHROMIUM, CHROMIUM_ARGS, REPO, copy_project, offline_file, serving

LIGHTHOUSE_VERSION = "12.2.3"  # the last release that runs on Debian 12's Node 20 and whose lock npm ci reads
TOOLS = REPO / ".build" / "tools" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# One page of each kind, by its address under the site. The error page is measured at its own address, where
# it is served with status 200: at a missing address its status is 404, which Lighthouse's SEO audit counts
# against any page.
PAGES = {
    "home": "",
    "document (20-KH/TW)": "van-ban/20-kh-tw/",
    "document, metadata only": "van-ban/45-nq-tw/",
    "task board": "nhiem-vu/",
    "body": "co-quan/ban-can-su-dang-chinh-phu/",
    "bodies": "co-quan/",
    "lookup": "so-hieu/",
    "list of documents": "van-ban/",
    "timeline": "dong-thoi-gian/",
    "signer": "nguoi-ky/truong-thi-mai/",
    "404": "404.html",
}
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1366, "height": 900}


@dataclass(frozen=True)
class Scores:
    """One page's median scores, its median timings in milliseconds, and the host's median benchmark index
    (Lighthouse's measure of the CPU it ran on: its 4x slowdown assumes 1,000 or more)."""

    kind: str
    scores: dict[str, int]
    first_paint: float
    largest_paint: float
    blocking: float
    shift: float
    benchmark: float


def lighthouse() -> Path:
    """The pinned Lighthouse's command, installed from npm into .build/tools when missing."""
    command = TOOLS / "node_modules" / ".bin" / "lighthouse"
    installed = TOOLS / "node_modules" / "lighthouse" / "package.json"
    if not command.exists() or json.loads(installed.read_text(encoding="utf-8")).get("version") != LIGHTHOUSE_VERSION:
        TOOLS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(TOOLS), "--exact", "--no-audit", "--no-fund", f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True
        )
    return command


def measure(command: Path, url: str, kind: str, runs: int) -> Scores:
    reports = []
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        for run in range(runs):
            output = Path(folder) / f"{run}.json"
            flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
            options = ["--quiet", "--output=json", f"--output-path={output}", f"--chrome-flags={flags}", "--form-factor=mobile"]
            subprocess.run(
                [str(command), url, *options, f"--only-categories={','.join(CATEGORIES)}"],
                env={**os.environ, "CHROME_PATH": CHROMIUM},
                check=True,
            )
            reports.append(json.loads(output.read_text(encoding="utf-8")))

    def median(audit: str) -> float:
        return statistics.median(float(r["audits"][audit]["numericValue"]) for r in reports)

    scores = {name: round(statistics.median(r["categories"][name]["score"] for r in reports) * 100) for name in CATEGORIES}
    benchmark = statistics.median(float(r["environment"]["benchmarkIndex"]) for r in reports)
    paint, largest = median("first-contentful-paint"), median("largest-contentful-paint")
    return Scores(kind, scores, paint, largest, median("total-blocking-time"), median("cumulative-layout-shift"), benchmark)


def axe_violations(base: str, site: Path) -> dict[str, list[int]]:
    """axe-core's violations (any impact) on each page: at a phone's width, at a desktop's, and opened from disk."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    found: dict[str, list[int]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for kind, path in PAGES.items():
            counts = []
            on_disk = offline_file(site, path).as_uri()
            for viewport, address in ((PHONE, f"{base}/{path}"), (DESKTOP, f"{base}/{path}"), (PHONE, on_disk)):
                page = browser.new_page(viewport=viewport)
                page.goto(address)
                counts.append(len(Axe().run(page).response["violations"]))
                page.close()
            found[kind] = counts
        browser.close()
    return found


def table(rows: list[Scores], axe: dict[str, list[int]]) -> str:
    lines = [
        "| page | performance | accessibility | best practices | SEO | FCP s | LCP s | TBT ms | CLS | host CPU index "
        "| axe violations 390 / 1366 / disk |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        s = row.scores
        violations = " / ".join(str(n) for n in axe.get(row.kind, []))
        lines.append(
            f"| {row.kind} | {s['performance']} | {s['accessibility']} | {s['best-practices']} | {s['seo']} | "
            f"{row.first_paint / 1000:.1f} | {row.largest_paint / 1000:.1f} | {row.blocking:.0f} | {row.shift:.3f} | "
            f"{row.benchmark:.0f} | {violations} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.lighthouse")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (the median is printed)")
    parser.add_argument("--only", nargs="*", help="only these kinds of page")
    args = parser.parse_args()
    command = lighthouse()
    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as workdir:
        project = copy_project(Path(workdir))
        # Statuses as of today, as the reader's browser works them out: a page read the day it was built.
        build(project, as_of=dt.date.today(), pdfs=False)
        offline = copy_project(Path(workdir) / "offline")
        build(offline, as_of=dt.date.today(), pdfs=False, offline=True)
        with serving(project.site_dir, compress=True, prefix="/nghi-quyet-45/") as base:
            kinds = [k for k in PAGES if not args.only or k in args.only]
            rows = [measure(command, f"{base}/{PAGES[kind]}", kind, args.runs) for kind in kinds]
            axe = axe_violations(base, offline.offline_dir)
    load = os.getloadavg()[0]
    print(f"Lighthouse {LIGHTHOUSE_VERSION}, mobile, median of {args.runs} run(s) a page; Chromium {_chromium_version()}; load {load:.1f}")
    print(table(rows, axe))


def _chromium_version() -> str:
    found = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=False).stdout.split()
    return found[1] if len(found) > 1 else "?"


if __name__ == "__main__":
    shutil.which("npm") or print("npm is needed to install Lighthouse")
    main()
