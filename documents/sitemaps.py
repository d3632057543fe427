"""sitemap.xml: notices, regions holding notices, themes, and the fixed pages."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from documents.models import Document, Region, Theme


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Document.objects.only("pk", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class RegionSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Region.objects.with_documents().only("code").order_by("code")


class ThemeSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Theme.objects.only("slug")


class PageSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["documents:home", "documents:compare", "documents:deadlines"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"pages": PageSitemap, "documents": DocumentSitemap, "regions": RegionSitemap, "themes": ThemeSitemap}
