"""Every page kind's view builder for one resolved site, made once and shared by the render jobs."""

from __future__ import annotations

from dataclasses import dataclass

from generator.corpus.resolve import Site
from generator.pages.bodies import BodyPages
from generator.pages.common import Linker
from generator.pages.document import DocumentPages
from generator.pages.listings import Listings
from generator.pages.relations import Relations
from generator.pages.signers import SignerPages


@dataclass(frozen=True)
class Views:
    """The view builders of one site."""

    site: Site
    links: Linker
    relations: Relations
    documents: DocumentPages
    listings: Listings
    bodies: BodyPages
    signers: SignerPages

    @classmethod
    def of(cls, site: Site) -> Views:
        links = Linker(site)
        relations = Relations(links)
        listings = Listings(links, relations)
        signers = SignerPages(links)
        return cls(site, links, relations, DocumentPages(links, relations, signers), listings, BodyPages(links, listings), signers)
