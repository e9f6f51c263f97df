"""The preview's server process: MkDocs' preview server over the private project the editor writes
(`python -m generator.editor.previewd ROOT ADDRESS EDITOR_PID`); it ends when the editor does, however the editor ends."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

from generator.commands.project import Project
from generator.commands.serve import serve_docs


def stop_when_orphaned(parent: int) -> None:
    """Stop this process (as a stop request does, so that MkDocs cleans up) once `parent` is gone. Not
    PR_SET_PDEATHSIG: it fires when the thread that started this process ends, and the editor starts it from one."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, daemon=True).start()


if __name__ == "__main__":
    stop_when_orphaned(int(sys.argv[3]))
    sys.exit(serve_docs(Project(Path(sys.argv[1])), sys.argv[2]))
