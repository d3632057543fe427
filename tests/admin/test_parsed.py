"""The admin lists, filters, searches and edits every model; a parsed row edited on its own page is checked."""

import pytest
from django.urls import reverse

from documents.models import Deadline, Document, Region, Responsibility, ResponsibleUnit, Target, Task, Theme

pytestmark = pytest.mark.django_db

MODELS = [Document, Region, Theme, Target, Task, ResponsibleUnit, Responsibility, Deadline]


@pytest.fixture
def samples(shared_samples):
    """The samples, ingested once for this module (the pages only read them)."""
    return shared_samples


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_model_has_a_working_changelist(admin_client, samples, model):
    url = reverse(f"admin:documents_{model._meta.model_name}_changelist")
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "产业"}).status_code == 200


def test_document_change_page_shows_raw_text_read_only(admin_client, samples):
    document = samples[0]
    response = admin_client.get(reverse("admin:documents_document_change", args=[document.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="raw_text"' not in page and 'name="clean_text"' not in page  # both shown, neither editable
    assert document.raw_text.splitlines()[0].strip()[:10] in page
    assert 'name="title"' in page


def test_documents_filter_by_year_and_province(admin_client, samples):
    url = reverse("admin:documents_document_changelist")
    response = admin_client.get(url, {"year": "2015"})
    assert response.status_code == 200
    zhejiang = Region.objects.get(name="浙江省")
    response = admin_client.get(url, {"province": zhejiang.code})
    assert response.status_code == 200
    assert {d.province_id for d in response.context["cl"].result_list} == {zhejiang.pk}
    assert len(response.context["cl"].result_list) == Document.objects.filter(province=zhejiang).count() > 0


def test_the_province_filter_lists_provinces_only(admin_client, samples):
    response = admin_client.get(reverse("admin:documents_document_changelist"))
    province_filter = next(
        spec for spec in response.context["cl"].filter_specs if getattr(spec, "parameter_name", "") == "province"
    )
    names = {name for _, name in province_filter.lookup_choices}
    assert names == set(Region.objects.provinces().values_list("name", flat=True)) and len(names) == 34
    page = response.content.decode()
    assert "平顶山市" not in names and "浙江省" in names and "?province=" in page
