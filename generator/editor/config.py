"""Where the editor keeps its state and how it is reached: address, names, cookies, limits."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.commands.project import Project

# The default address: this machine only. Another address is given on the command line, and said when starting.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8045
# A session ends after this long without a request, and after this long whatever happens.
IDLE_MINUTES = 120
MAX_SESSION_HOURS = 12
# A request's body: an upload (the importer's 20 MiB limit) and the form around it.
MAX_REQUEST_BYTES = 21 << 20
# Waitress's own limit, above the editor's so that the editor refuses a request too large with its Vietnamese page
# (Waitress's is English); Waitress keeps a body up to this size in a temporary file before the editor sees it.
SERVER_MAX_BODY_BYTES = 64 << 20
# A form without a file: a long document's YAML is a few hundred kilobytes.
MAX_FORM_BYTES = 8 << 20


@dataclass(frozen=True)
class EditorConfig:
    """How one editor runs: the project, its state folder, the address, the names it answers to."""

    project: Project
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    extra_hosts: tuple[str, ...] = ()
    secure_cookies: bool = False
    behind_proxy: bool = False  # the client's address from the one X-Forwarded-For entry nginx sets (Werkzeug's ProxyFix)
    idle_minutes: int = IDLE_MINUTES
    preview: bool = True  # start the preview server (tests of other parts may leave it off)
    publish_config: Path | None = None
    state_name: str = field(default=".editor")

    @property
    def state_dir(self) -> Path:
        """The editor's private folder (git-ignored), outside data/."""
        return self.project.root / self.state_name
