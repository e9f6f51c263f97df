"""The audit log: one JSON line per thing done or refused (who, from where, what, on what), in the editor's folder."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from generator.editor.state import append_private, read_lines_tail


class AuditLog:
    def __init__(self, path: Path) -> None:
        self.path = path

    def record(self, who: str, client: str, action: str, target: str = "", detail: str = "") -> None:
        entry = {"time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "who": who, "client": client, "action": action}
        if target:
            entry["target"] = target
        if detail:
            entry["detail"] = detail[:500]
        append_private(self.path, json.dumps(entry, ensure_ascii=False))

    def latest(self, count: int = 200) -> list[dict[str, str]]:
        """The last `count` entries, newest first."""
        entries = []
        for line in reversed(read_lines_tail(self.path, count)):
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if isinstance(entry, dict):
                entries.append({str(k): str(v) for k, v in entry.items()})
        return entries
