"""Compiled templates kept between builds: used when there, never a reason for a build to fail."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import jinja2
import pytest

from generator.support.templatecache import bytecode_cache


@pytest.fixture
def private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder of this test's own, as the user's temporary folder."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def compiled_by(kind: str, templates: Path, monkeypatch: pytest.MonkeyPatch, **settings: object) -> list[str]:
    """Render `page.j2` in a fresh environment with a cache of `kind`; return the templates it had to compile."""
    compiled: list[str] = []
    original = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None = None, *args: object, **kwargs: object) -> object:
        compiled.append(str(name))
        return original(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), **settings)  # type: ignore[arg-type]
    environment.bytecode_cache = bytecode_cache(kind, environment)
    assert environment.get_template("page.j2").render(name="x").strip() == "Xin chào x"
    monkeypatch.setattr(jinja2.Environment, "compile", original)
    return compiled


def test_a_second_build_reuses_compiled_templates_and_recompiles_a_changed_one(
    private_temp: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.j2").write_text("Xin chào {{ name }}", encoding="utf-8")
    assert compiled_by("test", templates, monkeypatch) == ["page.j2"]
    assert compiled_by("test", templates, monkeypatch) == []
    assert compiled_by("other-kind", templates, monkeypatch) == ["page.j2"]
    assert compiled_by("test", templates, monkeypatch, trim_blocks=True) == ["page.j2"]  # other settings, other code
    assert compiled_by("test", templates, monkeypatch, trim_blocks=True) == []
    (templates / "page.j2").write_text("Xin chào {{ name }}!", encoding="utf-8")
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(templates))
    environment.bytecode_cache = bytecode_cache("test", environment)
    assert environment.get_template("page.j2").render(name="x") == "Xin chào x!"


def test_no_cache_where_the_temporary_folder_is_not_private(private_temp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = private_temp / f"_jinja2-cache-{os.getuid()}"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setattr(os, "chmod", lambda *args, **kwargs: None)  # as if the folder were someone else's
    assert bytecode_cache("test", jinja2.Environment()) is None


def test_a_cache_file_that_cannot_be_written_only_means_compiling(
    private_temp: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.j2").write_text("Xin chào {{ name }}", encoding="utf-8")
    missing = tmp_path / "missing" / "page.cache"
    monkeypatch.setattr(jinja2.FileSystemBytecodeCache, "_get_cache_filename", lambda self, bucket: str(missing))
    assert compiled_by("test", templates, monkeypatch) == ["page.j2"]
    assert compiled_by("test", templates, monkeypatch) == ["page.j2"]
