"""documents/regions.py: the gazetteer's rows for a notice's place names, and a batch run's memory of them."""

from __future__ import annotations

import pytest

from documents.models import Region
from documents.regions import resolve_regions
from documents.run_memory import remembered_rows

pytestmark = pytest.mark.django_db


def test_place_names_resolve_to_the_gazetteer_rows_each_under_its_parent():
    province, city, county = resolve_regions("河南省", "平顶山市", "舞钢市")
    assert (province.name, city.name, county.name) == ("河南省", "平顶山市", "舞钢市")
    assert county.parent == city and city.parent == province
    assert resolve_regions(None, "平顶山市", None)[0] == province  # the province read off the city
    assert resolve_regions(None, None, None) == (None, None, None)


def test_a_run_looks_each_combination_of_names_up_once(django_assert_num_queries):
    with remembered_rows():
        first = resolve_regions("河南省", "平顶山市", "舞钢市")
        with django_assert_num_queries(0):
            assert resolve_regions("河南省", "平顶山市", "舞钢市") == first
        other = resolve_regions("浙江省", "衢州市", None)
        assert other[1].name == "衢州市"
    # Outside a run every call reads the gazetteer, so that a region edited in the admin is seen at once.
    assert resolve_regions("河南省", "平顶山市", None)[1] == first[1]
    Region.objects.filter(pk=first[1].pk).update(name="平顶山市（改）")
    assert resolve_regions("河南省", "平顶山市", None)[1] is None


def test_a_run_forgets_what_it_remembered_when_it_has_too_much(monkeypatch):
    from documents import run_memory

    monkeypatch.setattr(run_memory, "REMEMBERED", 2)
    with remembered_rows():
        for names in (("河南省", None, None), ("浙江省", None, None), ("湖南省", None, None)):
            assert resolve_regions(*names)[0].name == names[0]
        assert len(run_memory.memory("regions")) == 1
    assert run_memory.memory("regions") is None
