"""The MkDocs plugin, written against `mkdocs`: on ProperDocs, its modules answer for `mkdocs` (support/engine.py)."""

from generator.support.engine import engine

engine()
