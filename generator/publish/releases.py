"""Releases on a target: their ids (UTC time of publishing, sortable as text and never reused), the metadata file
beside each, and the state of a target's folder as target.sh reports it. What a target says is read as untrusted."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from generator.support.display import excerpt

RELEASE_ID = re.compile(r"\d{8}T\d{6}Z")
ID_FORMAT = "%Y%m%dT%H%M%SZ"
INCOMING = ".incoming"


@dataclass(frozen=True)
class Release:
    """One complete release on a target, as `list` shows it."""

    id: str
    published_at: dt.datetime | None
    publisher: str | None
    data_commit: str | None
    data_changed: bool  # data/ had changes not yet committed when it was published
    files: int | None
    pages: int | None
    current: bool


@dataclass(frozen=True)
class TargetState:
    """A target's folder: where `current` points, its complete releases (oldest first), an interrupted upload."""

    current: str | None
    current_problem: str | None
    releases_problem: bool
    releases: tuple[Release, ...]
    entries: dict[str, str]  # name in releases/ -> kind (d, f, l, o)
    interrupted: bool

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(release.id for release in self.releases)


def new_release_id(existing: tuple[str, ...], now: dt.datetime) -> str:
    """The id of a release published `now`: its UTC time, or one second after the latest id, so ids always grow."""
    moment = now.astimezone(dt.UTC).replace(microsecond=0)
    if existing:
        latest = dt.datetime.strptime(max(existing), ID_FORMAT).replace(tzinfo=dt.UTC)
        moment = max(moment, latest + dt.timedelta(seconds=1))
    return moment.strftime(ID_FORMAT)


def parse_state(report: str) -> TargetState:
    """The state from target.sh's `inspect` lines (see there)."""
    current: str | None = None
    current_problem: str | None = None
    releases_problem = False
    entries: dict[str, str] = {}
    metadata: dict[str, str] = {}
    for line in report.splitlines():
        tag, _, rest = line.partition(" ")
        if tag == "C":
            current, current_problem = _current(rest)
        elif tag == "C!":
            current_problem = "not-link"
        elif tag == "R!":
            releases_problem = True
        elif tag == "N":
            kind, _, name = rest.partition(" ")
            entries[name] = kind
        elif tag == "M":
            name, _, text = rest.partition(" ")
            metadata[name] = text
    ids = sorted(name for name, kind in entries.items() if kind == "d" and RELEASE_ID.fullmatch(name))
    releases = tuple(read_metadata(name, metadata.get(f"{name}.json"), name == current) for name in ids)
    return TargetState(current, current_problem, releases_problem, releases, entries, entries.get(INCOMING) == "d")


def _current(link: str) -> tuple[str | None, str | None]:
    """The release `current` names, or why it names none of ours."""
    folder, _, name = link.partition("/")
    if folder == "releases" and RELEASE_ID.fullmatch(name):
        return name, None
    return None, excerpt(link, 200)


def metadata_json(
    release_id: str, published_at: dt.datetime, publisher: str, commit: str | None, changed: bool, files: int, pages: int
) -> bytes:
    """The metadata file of a release: one line of JSON."""
    fields = {
        "id": release_id,
        "published_at": published_at.isoformat(timespec="seconds"),
        "publisher": publisher,
        "data_commit": commit,
        "data_changed": changed,
        "files": files,
        "pages": pages,
    }
    return json.dumps(fields, ensure_ascii=False).encode("utf-8") + b"\n"


def read_metadata(release_id: str, text: str | None, current: bool) -> Release:
    """A release with what its metadata file says, each field kept only when it is what it should be."""
    try:
        fields = json.loads(text) if text else {}
    except ValueError:
        fields = {}
    if not isinstance(fields, dict):
        fields = {}
    return Release(
        id=release_id,
        published_at=_moment(fields.get("published_at")),
        publisher=excerpt(fields["publisher"], 80) if isinstance(fields.get("publisher"), str) else None,
        data_commit=_commit(fields.get("data_commit")),
        data_changed=fields.get("data_changed") is True,
        files=_count(fields.get("files")),
        pages=_count(fields.get("pages")),
        current=current,
    )


def _moment(value: object) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(value) if isinstance(value, str) and len(value) < 40 else None
    except ValueError:
        return None
    return moment if moment is not None and moment.tzinfo is not None else None


def _commit(value: object) -> str | None:
    return value if isinstance(value, str) and re.fullmatch(r"[0-9a-f]{7,64}", value) else None


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**9 else None
