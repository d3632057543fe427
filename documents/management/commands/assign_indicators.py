"""Re-assign every stored target's indicator from the vocabulary (after documents/data/indicators.csv changed).

An indicator an editor chose stays; its canonical value is recomputed. Reports how many targets have an
indicator, how many changed, and slugs editors chose that the vocabulary no longer holds.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from documents.ingest import assign_indicator
from documents.models import Target
from documents.parsing.indicators import by_slug

FIELDS = ["indicator", "indicator_value", "indicator_unit", "dimension", "normalized_value", "normalized_unit"]
BATCH = 2000


class Command(BaseCommand):
    help = "Re-assign targets' indicators from documents/data/indicators.csv (editors' choices are kept)."

    def handle(self, *args, **options):
        total = with_indicator = changed = 0
        unknown: set[str] = set()
        last = 0
        while True:  # keyset batches: memory flat, each batch one transaction
            batch = list(Target.objects.filter(pk__gt=last).order_by("pk")[:BATCH])
            if not batch:
                break
            last = batch[-1].pk
            dirty = []
            for row in batch:
                before = [getattr(row, name) for name in FIELDS]
                assign_indicator(row)
                if row.indicator_checked and row.indicator and by_slug(row.indicator) is None:
                    unknown.add(row.indicator)
                if [getattr(row, name) for name in FIELDS] != before:
                    dirty.append(row)
                with_indicator += bool(row.indicator)
            with transaction.atomic():
                Target.objects.bulk_update(dirty, FIELDS, batch_size=500)
            total += len(batch)
            changed += len(dirty)
        share = f"{with_indicator / total:.1%}" if total else "—"
        self.stdout.write(f"{total} targets: {with_indicator} with an indicator ({share}), {changed} changed")
        if unknown:
            self.stdout.write(f"chosen by editors, not in the vocabulary: {', '.join(sorted(unknown))}")
