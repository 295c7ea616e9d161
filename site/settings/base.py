"""Settings shared by every environment; each value can be overridden from the
environment so the same code runs on one laptop and behind a load balancer."""

from importlib.resources import files
from pathlib import Path

import dj_database_url

from .environment import env_bool, env_int, env_list, env_public_url, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(env_str("DESKBOOK_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "deskbook.core",
    "deskbook.personal_data",
    "deskbook.home",
    "deskbook.articles",
    "deskbook.search",
    "deskbook.enquiries",
    "kb",
    "lessons",
    "workforce.people",
    "workforce.scheduling",
    "workforce.leave",
    "workforce.attendance",
    "training.courses",
    "training.qa",
    "training.kpis",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    # The database task backend: its queue table and the db_worker command.
    "django_tasks_db",
    # Calendars and events of published shifts; its URLs are not mounted (its
    # views let any signed-in user edit any event), our pages read the events.
    "schedule",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions: a cached anonymous page is served without touching them.
    "deskbook.core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "deskbook.personal_data.middleware.PersonalDataGuardMiddleware",
]

ROOT_URLCONF = "deskbook.urls"
WSGI_APPLICATION = "deskbook.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "deskbook.core.organisation.organisation_context",
            ],
        },
    },
]

# SQLite under var/ unless DATABASE_URL names another database.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'deskbook.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers carry on while a request writes; the timeout rides out
    # short write bursts instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "deskbook",
        }
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Anonymous copies of public pages, apart so they never evict the rest.
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 500},
        },
        # Local memory is per worker process; the page cache's generation token
        # lives in files every worker reads, so a publish reaches all of them.
        "page_generation": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache" / "page-generation",
        },
    }
# How long anonymous visitors' copies of public pages are kept (0: no page
# cache); any page change replaces them at once. See docs/public-site.md.
DESKBOOK_PAGE_CACHE_SECONDS = env_int("DESKBOOK_PAGE_CACHE_SECONDS", 600)

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Staff land on their dashboard, where every capability adds its panel.
LOGIN_REDIRECT_URL = "wagtailadmin_home"
LOGOUT_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TIME_ZONE", "Asia/Singapore")
USE_I18N = True
USE_TZ = True
# The Account page's time-zone choices. Wagtail's default lists the files of the
# host's zoneinfo folder, which on Debian include "localtime" (a link to the
# host's own zone): browsers reject that name and the page's script fails.
# IANA's own list of names, from the tzdata package, is the same on every host.
WAGTAIL_USER_TIME_ZONES = sorted(
    files("tzdata").joinpath("zones").read_text(encoding="utf-8").split()
)

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Documents only permission-checked views hand out (leave certificates): a
# folder outside MEDIA_ROOT, so the web server never serves them by URL.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private-media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/private-media/"},
    },
}

# Wagtail's page editor can post many fields for rich pages.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Background work waits in the database for the worker bin/run starts beside the
# server (manage.py db_worker): a million-row call import must not hold a request.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

WAGTAIL_SITE_NAME = "Deskbook"
# Where the public reaches the site: canonical links, feeds, the sitemap and
# e-mailed back-office links all start with it. bootstrap_site writes it to
# the default Wagtail Site. See README.md, "Configuration".
DESKBOOK_PUBLIC_URL = env_public_url("DESKBOOK_PUBLIC_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = DESKBOOK_PUBLIC_URL

# Mail goes to the console unless a deployment names a real backend.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
# The public enquiry form (docs/enquiries.md): who is e-mailed about each
# enquiry (comma-separated), how many enquiries one address may send per window
# (seconds), and which header holds the client's address behind a proxy (e.g.
# HTTP_X_FORWARDED_FOR; unset: REMOTE_ADDR).
DESKBOOK_ENQUIRIES_EMAIL = env_list("ENQUIRIES_EMAIL", ["enquiries@deskbook.example"])
DESKBOOK_ENQUIRY_RATE_LIMIT = (env_int("ENQUIRY_RATE_LIMIT", 5), 60 * 60)
DESKBOOK_CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER") or None

# Search: the embedded Whoosh index by default; SEARCH_BACKEND switches to one of
# Wagtail's shipped backends for deployments that outgrow one machine.
SEARCH_BACKEND = env_str("SEARCH_BACKEND", "whoosh")
SEARCH_BACKENDS = {
    "whoosh": {
        "BACKEND": "deskbook.search.whoosh",
        "PATH": env_str("WHOOSH_PATH", str(VAR_DIR / "whoosh")),
        "LANGUAGE": env_str("SEARCH_LANGUAGE", "en"),
    },
    "database": {"BACKEND": "wagtail.search.backends.database"},
    "opensearch": {
        "BACKEND": "wagtail.search.backends.opensearch3",
        "URLS": env_list("SEARCH_URL", ["http://127.0.0.1:9200"]),
        "INDEX": env_str("SEARCH_INDEX", "deskbook"),
    },
    "elasticsearch": {
        "BACKEND": "wagtail.search.backends.elasticsearch9",
        "URLS": env_list("SEARCH_URL", ["http://127.0.0.1:9200"]),
        "INDEX": env_str("SEARCH_INDEX", "deskbook"),
    },
}
if SEARCH_BACKEND not in SEARCH_BACKENDS:
    raise ValueError(
        f"SEARCH_BACKEND must be one of {', '.join(SEARCH_BACKENDS)}, "
        f"not {SEARCH_BACKEND!r}"
    )
WAGTAILSEARCH_BACKENDS = {"default": SEARCH_BACKENDS[SEARCH_BACKEND]}
# Days the search log keeps a query after it was last searched (pruned daily
# by run_timed_jobs): typed queries may name customers.
WAGTAILSEARCH_HITS_MAX_AGE = env_int("DESKBOOK_SEARCH_LOG_DAYS", 90)
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
    "zip",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Nothing is fetched from the internet at run time: no update check, no Gravatar.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Video embeds are written from the address; nothing asks a provider over the net.
WAGTAILEMBEDS_FINDERS = [{"class": "deskbook.core.embeds"}]
WAGTAIL_USAGE_COUNT_ENABLED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # One line per background task is noise at INFO.
        "django_tasks": {"level": "WARNING"},
        # Page actions are kept in Wagtail's audit log; the console needs no copy.
        "wagtail": {"level": "WARNING"},
    },
}
