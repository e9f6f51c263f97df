"""The preview's server process: MkDocs' preview server over the private project the editor writes
(`python -m generator.editor.previewd ROOT ADDRESS`)."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.commands.project import Project
from generator.commands.serve import serve_docs

if __name__ == "__main__":
    sys.exit(serve_docs(Project(Path(sys.argv[1])), sys.argv[2]))
