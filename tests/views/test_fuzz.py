"""Every public route and parameter fed hostile values over the sample collection: never a 500.

A table, not timing: each route is asked with each of its parameters set to each value of HOSTILE (one at
a time, the rest left out) and with hostile path arguments. A bad value must be a 400 (or a 404 for a
path); the few that are lenient by design (a page number past the end shows the last page) are a 200.
How long such requests take is measured by benchmarks, not here.
"""

from __future__ import annotations

import pytest
from django.db import connection

from documents.models import Document, ResponsibleUnit, Theme

HOSTILE = (
    "", " ", "-1", "0", "1", "999999", "9" * 20, "-" + "9" * 20, "1.5", "1e308", "nan", "inf", "２０２５", "abc",
    "\x00", "a\x00b", "\x01", "%", "%00", "'", '"', "\\", "<script>alert(1)</script>", "9999-12-31", "0001-01-01",
    "2025-02-30", "330800,\x00", "330800," * 50, "产" * 250, " ".join("产业"[i % 2] for i in range(1900)),
    " OR ".join(["创新", "数字经济"] * 325), "\u202e反向", "true", "false", "-", "csv", "json",
)  # fmt: skip
PLACE = ("province", "city", "county", "theme")
PAGE = ("page",)
ROUTES = {
    "/": PAGE,
    "/regions/{city}/": PAGE,
    "/themes/{theme}/": PAGE,
    "/regions/": (),
    "/levels/national/": PAGE,
    "/levels/unplaced/": PAGE,
    "/notices/{document}/": ("q",),
    "/notices/{document}/text/": (),
    "/units/": ("q", *PAGE),
    "/units/{unit}/": PAGE,
    "/indicators/": (),
    "/deadlines/": ("from", "to", *PAGE),
    "/compare/": ("cities", "theme", "format"),
    "/feeds/": (),
    "/feeds/regions/{city}/": (),
    "/feeds/themes/{theme}/": (),
    "/sitemap.xml": (),
    "/sitemap-documents.xml": ("p",),
    "/api/documents/": (*PLACE, "year_min", "year_max", "has_targets", "page", "page_size"),
    "/api/targets/": (*PLACE, "year_min", "year_max", "metric", "page", "page_size"),
    "/api/tasks/": (*PLACE, "document", "page", "page_size"),
    "/search/": (
        "q",
        "order",
        *PLACE,
        "level",
        "dated",
        "year_min",
        "year_max",
        "has_targets",
        "issuer",
        "kind",
        "date_on",
        "date_from",
        "date_to",
        "scope",
        *PAGE,
    ),  # fmt: skip
    "/targets/": ("q", "year", "unit", "indicator", "sort", "format", *PLACE, "year_min", "year_max", "metric", *PAGE),
}
HOSTILE_PATHS = (
    "/notices/99999999999999999999/", "/notices/0/", "/units/99999999999999999999/", "/regions/000000/",
    "/regions/%00/", "/regions/33080/", "/feeds/regions/%00/", "/feeds/regions/999999/", "/themes/%00/",
    "/themes/no-such-theme/", "/feeds/themes/no-such-theme/", "/sitemap-nothing.xml", "/api/documents/%00/",
    "/levels/%00/", "/levels/nowhere/", "/indicators/%00/", "/indicators/no-such-indicator/",
)  # fmt: skip


@pytest.fixture(scope="module")
def collection(samples_once, django_db_blocker):
    """The sample notices, ingested once for the module (the requests only read), and the names in their URLs."""
    with django_db_blocker.unblock():
        document = Document.objects.filter(targets__isnull=False).order_by("pk").first()
        return {
            "city": document.city.code,
            "theme": Theme.objects.filter(documents__isnull=False).first().slug,
            "document": document.pk,
            "unit": ResponsibleUnit.objects.order_by("pk").first().pk,
        }


def _status(client, url: str, params: dict | None = None) -> int:
    response = client.get(url, params or {})
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)  # a streamed export fails while it is read, if it fails
    return response.status_code


@pytest.mark.parametrize("route", ROUTES, ids=[route.strip("/").replace("/", "-") or "home" for route in ROUTES])
def test_no_hostile_parameter_is_a_500(client, db, collection, route):
    url = route.format(**collection)
    assert _status(client, url) == 200
    failures = []
    for param in ROUTES[route]:
        for value in HOSTILE:
            status = _status(client, url, {param: value})
            if status >= 500 or status not in (200, 400, 404):
                failures.append((param, value[:40], status))
    assert not failures, failures


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_no_hostile_path_is_a_500(client, db, collection, path):
    assert _status(client, path) in (400, 404)


@pytest.mark.parametrize(
    ("url", "params"),
    [("/search/", {"year_min": "-1"}), ("/search/", {"year_max": "9" * 20}), ("/api/documents/", {"year_min": "0"}),
     ("/api/documents/", {"year_max": "999999"}), ("/deadlines/", {"from": "9999-12-31"}),
     ("/compare/", {"cities": "\x00"}), ("/compare/", {"theme": "\x00"}), ("/api/tasks/", {"document": "9" * 20}),
     ("/search/", {"q": "数字经济" * 875}), ("/targets/", {"q": " ".join(["增加值"] * 1000)}),
     ("/compare/", {"cities": "abc"}), ("/api/targets/", {"page_size": "0"}), ("/search/", {"kind": "law"}),
     ("/search/", {"date_from": "2015-02-30"}), ("/search/", {"date_to": "0001-01-01"}), ("/search/", {"scope": "body"}),
     ("/search/", {"date_on": "written"}), ("/search/", {"issuer": "局" * 201})],
)  # fmt: skip
def test_the_issues_requests_are_each_a_400(client, db, collection, url, params):
    """The issue's public 500s (PostgreSQL ones included: the run on PostgreSQL meets them there)."""
    assert _status(client, url, params) == 400, connection.vendor
