"""The search vocabulary of names (data/abbreviations.yaml and the bodies' names and short names), written for the
search index (search/forms.json, read by the MkDocs plugin) and for the site's scripts (javascripts/forms.js)."""

from __future__ import annotations

from markupsafe import Markup

from generator.corpus.resolve import Site
from generator.corpus.searchtext import search_forms
from generator.outputs.templating import render
from generator.pages import paths
from generator.pages.output import SiteOutput
from generator.support.jsonfile import compact


def search_form_files(site: Site) -> dict[str, bytes]:
    """search/forms.json and javascripts/forms.js: each name's forms by search term."""
    data = compact(search_forms(site.abbreviations, site.bodies.values()))
    # JSON is a JavaScript value as it is: nothing in it needs escaping in a script file.
    script = render("forms.js.j2", forms=Markup(data.decode("utf-8")))
    return {paths.SEARCH_FORMS: data, paths.SEARCH_FORMS_SCRIPT: script.encode("utf-8")}


SEARCH_FORMS = SiteOutput(lambda context: dict(search_form_files(context.site)))
