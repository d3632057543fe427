"""Shared fixtures: the sample notices, a database seeded with them, and a headless Chromium."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

ROOT = Path(__file__).resolve().parent.parent
NOTICES = ROOT / "fixtures" / "notices"
SCREENSHOTS = ROOT / "var" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hasher():
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # Tests render templates without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session")
def sample_paths() -> list[Path]:
    return sorted(NOTICES.glob("*.txt"))


def ingest_samples():
    from documents.ingest import ingest_file

    return [ingest_file(path, source=f"fixtures/notices/{path.name}") for path in sorted(NOTICES.glob("*.txt"))]


@pytest.fixture
def samples(db):
    """The five sample notices, ingested; returns their Documents in file-name order."""
    return [outcome.document for outcome in ingest_samples()]


@contextmanager
def built_once(django_db_blocker, build):
    """Data built once for a module (`build()`'s value is yielded), rolled back at the module's end.

    Held in a transaction around the module's tests, as Django's TestCase does for setUpTestData: each test's
    own transaction is a savepoint inside it, so a test that edits, deletes or reindexes leaves the next test
    the data as built, and nothing is left behind, not even SQLite's full-text rows. Every test of the module
    sees the data once it is built: use it where all of them may, and not with transactional tests.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            value = build()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield value
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def samples_once(django_db_setup, django_db_blocker):
    """The five sample notices' ids, ingested once for the module that asks (see built_once, shared_samples)."""
    with built_once(django_db_blocker, lambda: [outcome.document.pk for outcome in ingest_samples()]) as pks:
        yield pks


@pytest.fixture
def shared_samples(db, samples_once):
    """What `samples` gives (the five Documents in file-name order), from data ingested once per module.

    Read afresh for each test, so that a change one test makes to a Document object is not seen by the next.
    """
    from documents.models import Document

    by_pk = Document.objects.in_bulk(samples_once)
    return [by_pk[pk] for pk in samples_once]


def pytest_collection_modifyitems(config, items):
    from django.db import connection

    on_postgres = connection.vendor == "postgresql"
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://…)")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip_pg)


@pytest.fixture(scope="session")
def chromium_paths():
    """Debian's Chromium and ChromeDriver; a clear skip without them, a failure in CI."""
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not shutil.which(path)]
    if missing:
        message = (
            f"Chromium not found ({', '.join(missing)}): install Debian's chromium and chromium-driver "
            "(apt-get install chromium chromium-driver) to run the browser tests"
        )
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM, CHROMEDRIVER


@pytest.fixture
def browser(chromium_paths, tmp_path):
    """A headless Chromium driven by Selenium; nothing is downloaded (Selenium Manager stays offline)."""
    os.environ["SE_OFFLINE"] = "true"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, chromedriver = chromium_paths
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--lang=zh-CN",
        "--window-size=1280,900",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
    driver.implicitly_wait(2)
    yield driver
    driver.quit()


@pytest.fixture
def screenshot(request):
    """Save a PNG of the browser's page under var/screenshots/<test>-<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(driver, name: str) -> Path:
        path = SCREENSHOTS / f"{request.node.name}-{name}.png"
        driver.save_screenshot(str(path))
        return path

    return save
