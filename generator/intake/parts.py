"""A received text cut into its parts, as the importer reads them: a legal site's attributes, the posting's lead,
the header block, the preamble and sections, and what follows the body."""

from __future__ import annotations

from dataclasses import dataclass

from generator.intake.draft import DraftSection
from generator.intake.header import HeaderBlock
from generator.intake.tail import Tail


@dataclass
class Parts:
    """A text cut into its parts."""

    attributes: dict[str, str]
    lead: list[tuple[int, str]]
    header: HeaderBlock
    preamble: list[str]
    sections: list[DraftSection]
    tail: Tail
