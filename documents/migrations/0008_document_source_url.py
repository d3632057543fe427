import re

from django.db import migrations, models

from documents.parsing.sources import original_address


def fill_addresses(apps, schema_editor):
    """Notices already held get the address their text gives, or their source where that is one."""
    Document = apps.get_model("documents", "Document")
    for document in Document.objects.only("raw_text", "source").iterator(chunk_size=200):
        http = document.source if re.match(r"https?://", document.source, re.IGNORECASE) else ""
        address = (original_address(document.raw_text) or http)[:500]
        if address:
            Document.objects.filter(pk=document.pk).update(source_url=address)


class Migration(migrations.Migration):
    dependencies = [("documents", "0007_search_folded_text")]

    operations = [
        migrations.AddField(
            model_name="document",
            name="source_url",
            field=models.URLField(blank=True, max_length=500, verbose_name="原文地址"),
        ),
        migrations.RunPython(fill_addresses, migrations.RunPython.noop),
    ]
