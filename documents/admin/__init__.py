"""The admin: notices with their parsed rows inline, entry (paste / upload / batch) with a preview,
re-parse that keeps corrections; and every other model."""

from documents.admin import notices, parsed  # noqa: F401  (each module registers its ModelAdmins)
