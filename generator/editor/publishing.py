"""The editor's door to publishing (generator/publish/ through commands/publish.py): what a publish would change, a
publish run in the background with its progress, the releases on each target, and a switch back. One at a time."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field

from generator.commands.build import SiteBuildError
from generator.commands.project import Project
from generator.commands.publish import publish_project
from generator.corpus.errors import ValidationError
from generator.publish import PublishConfig, PublishError, PublishEvent, PublishResult, TargetReleases, list_releases, load_targets
from generator.publish import rollback as switch_back

# Paths of a change shown on the page, per kind, before "…".
SHOWN_PATHS = 30


@dataclass
class Job:
    """A publish (or a dry run) under way or done: its steps as they came, then its result or its error."""

    kind: str  # "thu" (what would change) or "xuat-ban"
    who: str
    started: float = field(default_factory=time.time)
    events: list[PublishEvent] = field(default_factory=list)
    result: PublishResult | None = None
    error: str = ""
    done: bool = False
    built: bool = False  # the site was built first (it was older than data/)

    @property
    def last(self) -> PublishEvent | None:
        return self.events[-1] if self.events else None


class Publisher:
    """One publishing job at a time for the whole editor."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.job: Job | None = None
        self._lock = threading.Lock()

    def config(self) -> tuple[PublishConfig | None, str]:
        """publish.yaml read and checked, or the message saying what is wrong with it."""
        try:
            return load_targets(self.project.root), ""
        except PublishError as error:
            return None, str(error)

    def releases(self, config: PublishConfig) -> tuple[tuple[TargetReleases, ...], str]:
        try:
            return list_releases(config), ""
        except PublishError as error:
            return (), str(error)

    def start(self, kind: str, who: str, force: bool = False) -> Job | None:
        """Start a dry run ("thu") or a publish ("xuat-ban") in the background; None while another job runs."""
        config, problem = self.config()
        with self._lock:
            if self.job is not None and not self.job.done:
                return None
            job = Job(kind, who)
            self.job = job
        if config is None:
            job.error, job.done = problem, True
            return job
        threading.Thread(target=self._run, args=(job, config, force), daemon=True, name="xuat-ban").start()
        return job

    def _run(self, job: Job, config: PublishConfig, force: bool) -> None:
        try:
            published = publish_project(
                self.project, config, dry_run=job.kind == "thu", force=force, progress=job.events.append, publisher=job.who
            )
            job.result, job.built = published.result, published.build is not None
        except ValidationError as error:
            job.error = "Dữ liệu chưa hợp lệ; chưa dựng và chưa xuất bản:\n" + error.report(self.project.root)
        except (PublishError, SiteBuildError) as error:
            job.error = str(error)
        except OSError as error:
            job.error = f"Lỗi khi đọc hoặc ghi tệp: {error.strerror or type(error).__name__}."
        except Exception:  # a failure nobody foresaw: said, never a job with neither result nor error; details logged
            logging.getLogger(__name__).exception("publish job failed")
            job.error = "Xuất bản dừng vì một lỗi không lường trước (chi tiết đã ghi vào nhật ký của máy chủ). "
            job.error += "Hãy xem danh sách bản phát hành để biết trang đang chạy bản nào, rồi thử lại."
        finally:
            job.done = True

    def rollback(self, target: str | None) -> str:
        """Switch back to the release before the live one; the message saying what happened."""
        config, problem = self.config()
        if config is None:
            return problem
        try:
            results = switch_back(config, target=target)
        except PublishError as error:
            return str(error)
        said = [f"{result.target}: đã trở lại bản {result.to_release} (thay cho {result.from_release})" for result in results]
        said += [f"{result.target}: kiểm tra trang sau khi đổi: {problem}" for result in results for problem in result.live_problems]
        return "; ".join(said)
