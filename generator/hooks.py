"""MkDocs hooks: take the generated files in memory from `python -m generator build`
(generator/handoff.py), render a large site's pages in two processes (generator/splitbuild.py), write
the search index in another (generator/indexing.py), parse Markdown faster
(generator/fastmarkdown.py, generator/fastpages.py), keep the theme's compiled templates between
builds (generator/bytecode.py) and drop the templates' indentation from the HTML
(generator/tidyhtml.py).

Without these hooks the site looks the same: Material's search plugin indexes the pages itself,
only slower, and the HTML keeps the templates' indentation.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

try:
    from generator import bytecode, fastmarkdown, fastpages, handoff, indexing, splitbuild, tidyhtml
except ImportError:  # plain `mkdocs build`, where the project root is not on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from generator import bytecode, fastmarkdown, fastpages, handoff, indexing, splitbuild, tidyhtml


def on_startup(command: str, dirty: bool) -> None:
    indexing.state.live = command == "serve"


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    from generator.serve import rebuilds

    rebuilds.attach(server, config.docs_dir)
    return server


def on_shutdown() -> None:
    indexing.state.live = False


def on_config(config: Any) -> Any:
    config.markdown_extensions.append(fastmarkdown.makeExtension())
    fastpages.install()
    return config


def on_pre_build(config: Any) -> None:
    indexing.state.begin(Path(config.site_dir), _search_config(config), whole=bool(config.extra.get("offline")))


def on_files(files: Any, config: Any) -> Any:
    return handoff.add_handed(files, config)


def on_nav(nav: Any, config: Any, files: Any) -> Any:
    indexing.state.set_pages([file.src_uri for file in files.documentation_pages()])
    if not indexing.state.live:
        splitbuild.split.start(files, config)
    return nav


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if splitbuild.split.claim(page):
        return markdown
    splitbuild.leave_to_the_other(page)
    return ""


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    if splitbuild.split.renders(page):
        indexing.state.add(page.file.src_uri, (page.url, page.title, page.meta, page.toc, html))
    # Indexed here or in the other process: Material's plugin skips the page.
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return html


def on_env(env: Any, config: Any, files: Any) -> Any:
    indexing.state.flush()  # this process's pages are in the index worker's pipe
    splitbuild.split.after_populate(files)  # the child says so; the parent waits for it
    if not splitbuild.split.in_child:
        indexing.state.close()
    # MkDocs loads the theme afresh on every build (and both processes compile what they render):
    # keep its compiled templates between builds.
    env.bytecode_cache = bytecode.bytecode_cache("theme", env)
    return env


def on_post_page(output: str, page: Any, config: Any) -> str:
    splitbuild.split.after_page(page)
    return tidyhtml.drop_indentation(output)


def on_post_build(config: Any) -> None:
    splitbuild.split.finish()
    indexing.state.finish()


def on_build_error(error: Exception) -> None:
    splitbuild.split.fail(error)
    indexing.state.stop()


def _search_config(config: Any) -> dict[str, Any]:
    plugin = config.plugins["material/search"].config
    return {key: plugin[key] for key in ("lang", "separator", "pipeline", "fields")}
