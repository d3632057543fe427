"""Load mainland China's administrative divisions (documents/data/regions.csv) and the theme vocabulary."""
import csv
from pathlib import Path

from django.db import migrations

from documents.parsing.themes import THEMES

REGIONS_CSV = Path(__file__).resolve().parent.parent / "data" / "regions.csv"


def load_regions(apps, schema_editor):
    Region = apps.get_model("documents", "Region")
    with REGIONS_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    by_code = {}
    # Parents come before children: provinces, then cities, then counties.
    for level in ("province", "city", "county"):
        batch = [
            Region(code=row["code"], name=row["name"], level=level, parent=by_code.get(row["parent_code"]))
            for row in rows
            if row["level"] == level
        ]
        for region in Region.objects.bulk_create(batch, batch_size=500):
            by_code[region.code] = region
        if not all(region.pk for region in batch):  # backends that do not return keys from bulk_create
            by_code.update({r.code: r for r in Region.objects.filter(level=level)})


def load_themes(apps, schema_editor):
    Theme = apps.get_model("documents", "Theme")
    for order, theme in enumerate(THEMES):
        Theme.objects.update_or_create(
            slug=theme.slug, defaults={"name": theme.name, "keywords": "、".join(theme.keywords), "order": order}
        )


def unload(apps, schema_editor):
    apps.get_model("documents", "Theme").objects.all().delete()
    apps.get_model("documents", "Region").objects.filter(level="county").delete()
    apps.get_model("documents", "Region").objects.filter(level="city").delete()
    apps.get_model("documents", "Region").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(load_regions, unload), migrations.RunPython(load_themes, migrations.RunPython.noop)]
