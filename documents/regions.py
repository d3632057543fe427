"""The gazetteer's rows (Region) for the place names the parser read from a notice."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from documents.models import Region

Places = tuple[Region | None, Region | None, Region | None]
REMEMBERED_NAMES = 10_000  # combinations of names a run remembers before it starts again
_remembered: ContextVar[dict | None] = ContextVar("remembered_regions", default=None)


@contextmanager
def remembered_regions() -> Iterator[None]:
    """Within: each combination of place names is looked up once. For a batch run (ingest, reparse), whose
    notices name the same few places again and again and under which the gazetteer does not change; a
    region edited in the admin meanwhile is read by the next run."""
    token = _remembered.set({})
    try:
        yield
    finally:
        _remembered.reset(token)


def resolve_regions(province: str | None, city: str | None, county: str | None) -> Places:
    """The gazetteer's rows for the parser's place names, each checked against its parent."""
    remembered = _remembered.get()
    if remembered is None:
        return _looked_up(province, city, county)
    names = (province, city, county)
    if names not in remembered:
        if len(remembered) >= REMEMBERED_NAMES:
            remembered.clear()
        remembered[names] = _looked_up(*names)
    return remembered[names]


def _looked_up(province: str | None, city: str | None, county: str | None) -> Places:
    province_row = Region.objects.provinces().filter(name=province).first() if province else None
    city_row = None
    if city:
        cities = Region.objects.filter(name=city, level__in=[Region.Level.CITY, Region.Level.PROVINCE])
        if province_row:
            cities = cities.filter(parent=province_row) | cities.filter(pk=province_row.pk)
        city_row = cities.order_by("level").first()
    county_row = None
    if county:
        counties = Region.objects.filter(name=county, level=Region.Level.COUNTY)
        parent = city_row or province_row
        if parent:
            counties = counties.filter(parent=parent) | counties.filter(parent__parent=parent)
        county_row = counties.first()
    if county_row and not city_row and county_row.parent.level == Region.Level.CITY:
        city_row = county_row.parent
    if (city_row or county_row) and not province_row:
        province_row = _province_of(city_row or county_row)
    return province_row, city_row, county_row


def _province_of(region: Region) -> Region:
    while region.parent_id:
        region = region.parent
    return region
