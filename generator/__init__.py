"""The site generator for Nghị quyết 45-NQ/TW and the documents derived from it.

Layers, each importing only those before it: support → corpus (load, resolve) → pages and intake →
outputs → mkdocs_plugin → commands (build, check, serve) → cli (`nq45`, or `python -m generator`).
"""
