"""Progress reports: data/reports/<name>.yaml, one report each, read into the typed model."""

from __future__ import annotations

from pathlib import Path

from generator.corpus.errors import Location, Problem, readable_files
from generator.corpus.model import REPORT_STATUSES, Report
from generator.corpus.reader import Reader
from generator.corpus.yamlsource import Node, compose_file

REQUIRED = ("body", "task", "date", "status", "summary")
OPTIONAL = ("link", "document")


def load_reports(folder: Path, display_folder: str, problems: list[Problem], root: Path) -> list[Report]:
    """Every report in `folder` (none when there is no such folder), each problem added to `problems`; files are
    read only inside `root`."""
    reports = []
    for path in readable_files(folder, ".yaml", root, lambda refused: f"{display_folder}/{refused.name}", problems):
        display = f"{display_folder}/{path.name}"
        node, syntax = compose_file(path, display, root)
        problems.extend(syntax)
        if node is None or syntax:
            continue
        reader = Reader(display)
        report = _read_report(reader, node, path.stem)
        problems.extend(reader.problems)
        if report is not None and not reader.problems:
            reports.append(report)
    return reports


def _read_report(reader: Reader, node: Node, stem: str) -> Report | None:
    fields = reader.mapping(node, "", REQUIRED, OPTIONAL)
    if fields is None:
        return None
    get = fields.get
    reference = reader.string(get("task"), "task", required=True) or ""
    number, _, section = reference.partition("#")
    status = reader.choice(get("status"), "status", list(REPORT_STATUSES))
    date = reader.date(get("date"), "date")
    body = reader.string(get("body"), "body", required=True)
    summary = reader.string(get("summary"), "summary", required=True)
    if not (number and status and date and body and summary):
        return None
    return Report(
        id=stem,
        source=reader.file,
        body=body,
        number=number.strip(),
        section=section.strip() or None,
        date=date,
        status=REPORT_STATUSES[status],
        summary=summary,
        link=reader.url(get("link"), "link"),
        document=reader.string(get("document"), "document"),
        location=reader.at(node),
        locations={name: reader.at(value) for name, value in fields.items()},
    )


def report_location(report: Report, field: str) -> Location:
    return report.locations.get(field, report.location)
