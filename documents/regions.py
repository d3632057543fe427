"""The gazetteer's rows (Region) for the place names the parser read from a notice."""

from __future__ import annotations

from documents.models import Region
from documents.run_memory import memory

Places = tuple[Region | None, Region | None, Region | None]


def resolve_regions(province: str | None, city: str | None, county: str | None) -> Places:
    """The gazetteer's rows for the parser's place names, each checked against its parent; in a batch run
    (run_memory.remembered_rows), each combination of names is looked up once."""
    remembered = memory("regions")
    if remembered is None:
        return _looked_up(province, city, county)
    names = (province, city, county)
    if names not in remembered:
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
