"""`python -m bench [--counts 10 100 1000] [--national] [--search] [--preview]`: print the benchmark table and ratios."""

from __future__ import annotations

import argparse
import logging
import os
import platform
from pathlib import Path

from bench.run import run, table


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--counts", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--national", action="store_true", help="also 10,000 documents (about half an hour)")
    parser.add_argument("--search", action="store_true", help="also measure the first search result in Chromium")
    parser.add_argument("--preview", action="store_true", help="also time `serve` showing an edit")
    parser.add_argument("--keep", type=Path, help="keep the generated corpora and sites in this folder")
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    counts = [*args.counts, 10_000] if args.national else args.counts
    rows = run(counts, args.keep)
    print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(table(rows))
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        scale = last.count / first.count
        print(
            f"Growth from {first.count} to {last.count} documents ({scale:.0f}x): "
            f"whole build {last.whole / first.whole:.1f}x, peak memory {last.peak_mb / first.peak_mb:.1f}x, "
            f"site size {last.site_mb / first.site_mb:.1f}x"
        )
    if args.search:
        from bench.search import measure_search

        for count in args.counts:
            print(measure_search(count))
    if args.preview:
        from bench.preview import measure_preview

        for count in args.counts:
            print(measure_preview(count))


if __name__ == "__main__":
    main()
