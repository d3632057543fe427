"""PolicyKB settings: one file, read from the environment, with safe defaults for development."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Development by default so the quick start needs no configuration; production sets DEBUG=0.
DEBUG = env_bool("DEBUG", True)
# The development key only works with DEBUG on; production must set SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY") or ("dev-insecure-key-policykb" if DEBUG else "")
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Set SECRET_KEY in the environment (or DEBUG=1 for development).")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_filters",
    "documents",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication (it tells staff apart), before CSRF's check reads a POST body.
    "documents.middleware.RequestBoundsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "policykb.urls"
WSGI_APPLICATION = "policykb.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite in a git-ignored var/ folder by default; DATABASE_URL (postgres://…) for production.
VAR_DIR = BASE_DIR / "var"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'policykb.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
    # WAL lets readers go on while ingest writes. A transaction takes the write lock when it begins
    # (IMMEDIATE): a deferred one that read first and then wanted to write while another process wrote
    # failed at once with "database is locked", busy timeout or not; now it waits up to the timeout.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns at start-up when it is missing
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Largest notice file we read; a bigger file is refused with a clear message, never half-read.
POLICYKB_MAX_NOTICE_BYTES = int(os.environ.get("POLICYKB_MAX_NOTICE_BYTES", str(10 * 1024 * 1024)))
# A zip uploaded in the admin: its size, its number of files, and how much it may unpack to in all.
POLICYKB_MAX_ZIP_BYTES = int(os.environ.get("POLICYKB_MAX_ZIP_BYTES", str(100 * 1024 * 1024)))
POLICYKB_MAX_ZIP_MEMBERS = int(os.environ.get("POLICYKB_MAX_ZIP_MEMBERS", "1000"))
POLICYKB_MAX_ZIP_UNPACKED_BYTES = int(os.environ.get("POLICYKB_MAX_ZIP_UNPACKED_BYTES", str(1024 * 1024 * 1024)))
# The admin's preview carries the notice's text on to the save step (base64: 4/3 of its UTF-8 size).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * POLICYKB_MAX_NOTICE_BYTES + 1024 * 1024
# A notice's change page sends every inline row back (10 fields a target: 1,000 fields is 100 targets),
# and a batch may hold as many files as a zip.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 50_000
DATA_UPLOAD_MAX_NUMBER_FILES = POLICYKB_MAX_ZIP_MEMBERS
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # a larger upload is spooled to a temporary file
# Request bodies, by their Content-Length (documents/middleware.py, 413 past these): the public site is
# read-only and anyone not signed in as staff sends at most a login form; staff send at most a batch
# (a zip or several files) or a notice's preview. The proxy in front should refuse larger ones itself
# (nginx client_max_body_size, see README).
POLICYKB_MAX_PUBLIC_BODY_BYTES = int(os.environ.get("POLICYKB_MAX_PUBLIC_BODY_BYTES", str(64 * 1024)))
POLICYKB_MAX_STAFF_BODY_BYTES = int(
    os.environ.get(
        "POLICYKB_MAX_STAFF_BODY_BYTES", str(max(POLICYKB_MAX_ZIP_BYTES, DATA_UPLOAD_MAX_MEMORY_SIZE) + 1024 * 1024)
    )
)

# `ingest --queue` (optional: requirements-queue.txt) hands each file to Celery workers on any number of machines
# sharing one PostgreSQL (policykb/celery.py reads these CELERY_ settings). POLICYKB_QUEUE names the queue and
# prefixes every Redis key, so that several deployments, or test runs, can share one Redis without taking
# each other's files.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
POLICYKB_QUEUE = os.environ.get("POLICYKB_QUEUE", "policykb")
CELERY_TASK_DEFAULT_QUEUE = POLICYKB_QUEUE
# A task is acknowledged once done (acks_late): a worker that dies mid-file leaves the message to Redis,
# which hands it to another worker after the visibility timeout. That timeout must exceed the longest a
# message waits unacknowledged (one prefetched file behind one running, each within the time limit).
POLICYKB_TASK_TIME_LIMIT = int(os.environ.get("POLICYKB_TASK_TIME_LIMIT", "600"))
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "global_keyprefix": f"{POLICYKB_QUEUE}:",
    "visibility_timeout": max(3600, 3 * POLICYKB_TASK_TIME_LIMIT),
}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"global_keyprefix": f"{POLICYKB_QUEUE}:"}
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # files vary from 1 KB to 10 MB: a worker takes one at a time
CELERY_TASK_SERIALIZER = CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 24 * 3600  # the command reads and deletes each result; one left by a stopped run expires
# Seconds to reach Redis before `ingest --queue` says it cannot (and no command waits on a dead address).
CELERY_BROKER_CONNECTION_TIMEOUT = CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# Production hardening: with DEBUG off, `manage.py check --deploy` reports nothing.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
