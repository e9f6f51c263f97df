"""What publishing reports as it goes (events a web page can draw as a progress bar) and when it is done."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from generator.publish.releases import Release
from generator.publish.rsync import Changes


class Phase(StrEnum):
    """The steps of a publish on one target, in order."""

    PREPARE = "prepare"  # connect, lock, read the target's releases
    COMPARE = "compare"  # what differs from the live release
    UPLOAD = "upload"  # into the new release's folder
    SWITCH = "switch"  # `current` to the new release
    PRUNE = "prune"  # releases beyond the number kept
    VERIFY = "verify"  # the public address serves the new release
    DONE = "done"


@dataclass(frozen=True)
class PublishEvent:
    """One step of progress: `done` of `total` units of `phase` (files while uploading), and a Vietnamese message."""

    target: str
    phase: Phase
    done: int
    total: int
    message: str

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0


Progress = Callable[[PublishEvent], None]


@dataclass(frozen=True)
class TargetResult:
    """What publishing did on one target. `release` is the live release after it (on a dry run, the one live now)."""

    target: str
    release: str | None
    previous: str | None
    changes: Changes
    dry_run: bool = False
    unchanged: bool = False  # nothing differed: no new release was made
    resumed: bool = False  # an interrupted upload was carried on
    files_sent: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    seconds: float = 0.0
    removed: tuple[str, ...] = ()  # old releases deleted
    live_problems: tuple[str, ...] = ()
    rolled_back: bool = False
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class PublishResult:
    """Every target's result, in the configuration's order."""

    targets: tuple[TargetResult, ...]


@dataclass(frozen=True)
class TargetReleases:
    """The releases on one target, oldest first, and whether an upload was interrupted there."""

    target: str
    current: str | None
    releases: tuple[Release, ...]
    interrupted: bool


@dataclass(frozen=True)
class RollbackResult:
    """A switch back on one target."""

    target: str
    from_release: str
    to_release: str
    live_problems: tuple[str, ...] = ()
