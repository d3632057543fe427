from django.contrib.sitemaps import views as sitemaps
from django.urls import path, register_converter

from documents import feeds
from documents.sitemaps import SITEMAPS
from documents.views import api, browse, compare, indicators, search


class RegionCode:
    """A region's code in a URL: six digits (anything else, a NUL byte too, is a 404 before any query)."""

    regex = r"[0-9]{6}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


register_converter(RegionCode, "region")

app_name = "documents"

urlpatterns = [
    # Browsing: documents/views/browse.py
    path("", browse.home, name="home"),
    path("regions/", browse.region_index, name="regions"),
    path("levels/<str:level>/", browse.level_detail, name="level-detail"),
    path("regions/<region:code>/", browse.region_detail, name="region-detail"),
    path("themes/<slug:slug>/", browse.theme_detail, name="theme-detail"),
    path("notices/<int:pk>/", browse.document_detail, name="document-detail"),
    path("notices/<int:pk>/text/", browse.document_text, name="document-text"),
    path("units/", browse.unit_index, name="units"),
    path("units/<int:pk>/", browse.unit_detail, name="unit-detail"),
    path("deadlines/", browse.deadlines, name="deadlines"),
    path("compare/", compare.compare_view, name="compare"),
    # Indicators: documents/views/indicators.py
    path("indicators/", indicators.indicator_index, name="indicators"),
    path("indicators/<slug:slug>/", indicators.indicator_detail, name="indicator-detail"),
    path("feeds/", feeds.NewNoticesFeed(), name="feed"),
    path("feeds/regions/<region:code>/", feeds.RegionNoticesFeed(), name="region-feed"),
    path("feeds/themes/<slug:slug>/", feeds.ThemeNoticesFeed(), name="theme-feed"),
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "documents:sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("api/documents/", api.documents, name="api-documents"),
    path("api/targets/", api.targets, name="api-targets"),
    path("api/tasks/", api.tasks, name="api-tasks"),
    # Search: documents/views/search.py
    path("search/", search.search, name="search"),
    path("targets/", search.targets, name="targets"),
]
