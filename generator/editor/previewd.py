"""The preview's server process: MkDocs' preview server over the private project the editor writes
(`python -m generator.editor.previewd ROOT ADDRESS EDITOR_PID`); it ends when the editor does, however the editor ends."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.commands.project import Project
from generator.commands.serve import serve_docs
from generator.support.parallel import die_with_parent

if __name__ == "__main__":
    die_with_parent(int(sys.argv[3]))
    sys.exit(serve_docs(Project(Path(sys.argv[1])), sys.argv[2]))
