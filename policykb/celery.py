"""The Celery app behind `manage.py ingest --queue` and `celery -A policykb worker` (README, several machines).

Celery is optional (requirements-queue.txt): nothing imports this module but documents/tasks.py, which only the
worker and `ingest --queue` load, so a single-machine install without Celery runs everything else.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policykb.settings")

app = Celery("policykb")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
