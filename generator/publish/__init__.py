"""Publishing the built site: releases on each target, switched in atomically, with rollback and a live check.
The public API is here; `nq45 publish` (cli/main.py) and the editor call it."""

from generator.publish.config import FolderTarget, PublishConfig, PublishConfigError, SshTarget, Target, load_targets
from generator.publish.errors import PublishError
from generator.publish.publishing import list_releases, plan, publish, rollback
from generator.publish.releases import Release
from generator.publish.results import Phase, PublishEvent, PublishResult, RollbackResult, TargetReleases, TargetResult
from generator.publish.rsync import Changes

__all__ = [
    "Changes",
    "FolderTarget",
    "Phase",
    "PublishConfig",
    "PublishConfigError",
    "PublishError",
    "PublishEvent",
    "PublishResult",
    "Release",
    "RollbackResult",
    "SshTarget",
    "Target",
    "TargetReleases",
    "TargetResult",
    "list_releases",
    "load_targets",
    "plan",
    "publish",
    "rollback",
]
