import re

from django.db import migrations, models

# Frozen here as documents.parsing.sources.original_address read it in this release: a migration runs later
# with whatever the code has become, so it carries the rule it applies.
_ADDRESS_LINE = re.compile(
    r"^\s*(?:原文链接|原文地址|原文网址|网页地址)\s*[:：]\s*(https?://[^\s<>\"]{1,480})\s*$", re.IGNORECASE
)


def original_address(text: str) -> str | None:
    lines = text[:20_000].split("\n")[:40] + text[-20_000:].split("\n")[-40:]
    return next((match.group(1) for line in lines if (match := _ADDRESS_LINE.match(line[:600]))), None)


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
