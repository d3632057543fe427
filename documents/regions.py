"""The gazetteer's rows (Region) for the place names the parser read from a notice."""

from __future__ import annotations

from documents.models import Region


def resolve_regions(
    province: str | None, city: str | None, county: str | None
) -> tuple[Region | None, Region | None, Region | None]:
    """The gazetteer's rows for the parser's place names, each checked against its parent."""
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
