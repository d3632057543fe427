"""Browser tests run on a live server, so their database is flushed after each test (transaction=True),
which also empties the regions and themes the migrations load: each test loads them again if needed."""
import importlib

import pytest
from django.apps import apps


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    from documents.models import Region, Theme

    loading = importlib.import_module("documents.migrations.0002_load_regions_and_themes")
    if not Region.objects.exists():
        loading.load_regions(apps, None)
    if not Theme.objects.exists():
        loading.load_themes(apps, None)
