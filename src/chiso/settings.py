"""Django settings for chiso, read from the environment.

Every value that differs between machines comes from a ``CHISO_*`` variable (or
``DATABASE_URL``) through the strict helpers below: a malformed value stops the process
at start-up with ImproperlyConfigured instead of silently falling back to a default.
"""

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE_WORDS = {"true", "1", "yes", "on"}
_FALSE_WORDS = {"false", "0", "no", "off"}


def env_str(name: str, default: str | None = None) -> str:
    """Return the environment variable ``name``; ``default`` when unset or empty.

    With no default the variable is required. An empty value counts as unset, because
    ``FOO=`` in a compose or systemd file usually means "not configured".
    """
    value = os.environ.get(name, "")
    if value:
        return value
    if default is None:
        raise ImproperlyConfigured(f"{name} must be set")
    return default


def env_bool(name: str, default: bool) -> bool:
    """Return ``name`` read as a boolean (true/false, 1/0, yes/no, on/off; any case).

    Anything else raises ImproperlyConfigured, so a typo never flips a switch.
    """
    value = os.environ.get(name, "")
    if not value:
        return default
    word = value.strip().lower()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    """Return ``name`` read as an integer; anything that is not one raises ImproperlyConfigured."""
    value = os.environ.get(name, "")
    if not value:
        return default
    try:
        return int(value.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def env_list(name: str, default: str) -> list[str]:
    """Return ``name`` split on commas, blanks dropped."""
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_int_list(name: str, default: str) -> list[int]:
    """Return ``name`` read as comma-separated integers, e.g. ``3,1``."""
    try:
        return [int(item) for item in env_list(name, default)]
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be integers separated by commas, not {os.environ.get(name)!r}"
        ) from None


PACKAGE_DIR = Path(__file__).resolve().parent

# Runtime files (the SQLite database, collected static files) live outside the package.
DATA_DIR = Path(env_str("CHISO_DATA_DIR", str(Path.cwd() / "var")))
DATA_DIR.mkdir(parents=True, exist_ok=True)

# Debug is on by default only while the project is young; production sets CHISO_DEBUG=false.
DEBUG = env_bool("CHISO_DEBUG", True)
if DEBUG:
    SECRET_KEY = env_str("CHISO_SECRET_KEY", "django-insecure-chiso-dev-only-never-use-in-production")
else:
    SECRET_KEY = env_str("CHISO_SECRET_KEY")
ALLOWED_HOSTS = env_list("CHISO_ALLOWED_HOSTS", "localhost,127.0.0.1")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "chiso.orgunits",
    "chiso.accounts",
    "chiso.audit",
    "chiso.frameworks",
    "chiso.observations",
    "chiso.collection",
    "chiso.assessment",
    "chiso.tasks",
    "chiso.reports",
    "chiso.dashboard",
    "chiso.simulator",
    "chiso.api",
    "chiso.opendata",
    "chiso.jobs",
    # django-ninja: its API docs page uses the Swagger UI files shipped in the package (no CDN).
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last: its 400 page has the site's header (it needs the user), and it answers before
    # any view hands a NUL byte from the address to the database.
    "chiso.request_guard.RequestGuard",
]

ROOT_URLCONF = "chiso.urls"
WSGI_APPLICATION = "chiso.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "chiso.accounts.context.grants",
            ],
            # The Vietnamese formatting filters (year, period, vi_text) in every template.
            "builtins": ["chiso.formats.filters"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'chiso.sqlite3'}",
        conn_max_age=env_int("CHISO_DB_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
# A PostgreSQL read replica (streaming replication of the primary) for the open data pages
# (chiso.replica); without one every read goes to DATABASE_URL.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=env_int("CHISO_DB_CONN_MAX_AGE", 0), conn_health_checks=True
    )
    # Tests read the primary under this name instead of a second test database.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["chiso.replica.ReplicaRouter"]
    MIDDLEWARE.append("chiso.replica.ReplicaReads")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_key_prefix(database: Mapping) -> str:
    """The cache keys' prefix for ``database`` (a DATABASES entry): a digest of its identity."""
    identity = "|".join(str(database.get(k) or "") for k in ("ENGINE", "HOST", "PORT", "NAME"))
    return hashlib.sha256(identity.encode()).hexdigest()[:12]


# The cache: files in the data folder by default, shared by every gunicorn worker of one machine
# and needing no server. With REDIS_URL (several app servers, docs/deployment.md) it is Redis,
# so every server reads the same overview summaries, sessions and counters. Keys are prefixed
# with the database's identity, so two databases using one data folder or one Redis (a bench
# beside the demo) never read each other's overview summaries.
_cache_prefix = cache_key_prefix(DATABASES["default"])
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": _cache_prefix,
            # A Redis that stops answering fails the request in seconds instead of holding it.
            "OPTIONS": {"socket_connect_timeout": 5, "socket_timeout": 5},
        }
    }
    # Sessions are read from Redis and written to both Redis and the database (cached_db): a
    # restarted or flushed Redis signs nobody out, and no read waits on the database.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
            "KEY_PREFIX": _cache_prefix,
        }
    }
# Where the login throttle and the API limit count (chiso.accounts.counters): "cache" (Redis,
# one atomic INCR per request) when REDIS_URL is set, else "database" (a table all workers share).
CHISO_COUNTER_STORE = env_str("CHISO_COUNTER_STORE", "cache" if REDIS_URL else "database")
if CHISO_COUNTER_STORE not in ("cache", "database"):
    raise ImproperlyConfigured(f"CHISO_COUNTER_STORE must be cache or database, not {CHISO_COUNTER_STORE!r}")

# New passwords are hashed with Argon2 (argon2-cffi is a dependency); the others still check
# passwords stored with them and upgrade them at the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Django's own "vi" locale leaves NUMBER_GROUPING unset, so 1234567 would print ungrouped.
FORMAT_MODULE_PATH = "chiso.formats"
# A global setting, not a format-module one: Django ignores it inside formats.py.
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("CHISO_STATIC_ROOT", str(DATA_DIR / "static")))
# Serve app static files straight from the installed packages, so the demo and tests need no
# collectstatic step; production runs collectstatic all the same (docs/deployment.md).
WHITENOISE_USE_FINDERS = True
# The site-wide files (chiso/chiso.css, vendor/chart.js) sit in the package, not in an app:
# without this no finder sees them and every page loaded unstyled, charts undrawn.
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

STORAGES: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}


def object_storage(bucket: str, endpoint_url: str | None = None, region: str | None = None, prefix: str = "") -> dict:
    """The STORAGES entry of an S3-compatible bucket (the tests' local S3 server uses it too)."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,
            "region_name": region or None,
            "location": prefix,
            # Two uploads of "bien-ban.pdf" get two names, as on disk; nothing is public: files
            # are only ever handed out by the app, after its permission check.
            "file_overwrite": False,
            "default_acl": None,
        },
    }


# Evidence files and backups in an S3-compatible object store (MinIO, Ceph, a cloud's) when a
# bucket is named, so every app server reads the same files; the keys come from the usual
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables (boto3 reads them itself).
CHISO_S3_BUCKET = env_str("CHISO_S3_BUCKET", "")
if CHISO_S3_BUCKET:
    STORAGES["default"] = object_storage(
        CHISO_S3_BUCKET,
        env_str("CHISO_S3_ENDPOINT_URL", ""),
        env_str("CHISO_S3_REGION", ""),
        env_str("CHISO_S3_PREFIX", ""),
    )
# Uploaded evidence and Excel files.
MEDIA_ROOT = Path(env_str("CHISO_MEDIA_ROOT", str(DATA_DIR / "media")))
MEDIA_URL = "media/"
# An upload over this many bytes is refused before it is read (Excel and evidence files).
CHISO_UPLOAD_MAX_BYTES = env_int("CHISO_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = CHISO_UPLOAD_MAX_BYTES + 1024 * 1024

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Sessions end after a working day and when the browser closes; cookies are HTTPS-only in
# production (CHISO_SECURE_COOKIES defaults to the opposite of DEBUG).
SESSION_COOKIE_AGE = env_int("CHISO_SESSION_SECONDS", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("CHISO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# HTTPS in production (docs/deployment.md): nginx terminates TLS and sends X-Forwarded-Proto,
# which gunicorn trusts from 127.0.0.1 (its forwarded_allow_ips default), so Django sees https.
# HSTS tells browsers to use HTTPS only; CHISO_HSTS_SECONDS=0 turns it off (e.g. while testing).
SECURE_SSL_REDIRECT = env_bool("CHISO_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("CHISO_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("CHISO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("CHISO_HSTS_PRELOAD", True)
# Content Security Policy (django-csp 4): only the site's own scripts, styles and images; no
# inline script, style attribute or event handler, no framing, forms post only to the site.
# Charts and the API docs read their data from <script type="application/json">, which CSP
# does not treat as a script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}
# Login throttling (chiso.accounts.throttle): this many failures for one user name at one
# address within the window lock that name there until the window has passed; the wider
# address limit locks an address that fails this often over all names.
CHISO_LOGIN_MAX_FAILURES = env_int("CHISO_LOGIN_MAX_FAILURES", 5)
CHISO_LOGIN_ADDRESS_MAX_FAILURES = env_int("CHISO_LOGIN_ADDRESS_MAX_FAILURES", 50)
# Every login (the site's form, the Django admin's) checks passwords behind the throttle.
AUTHENTICATION_BACKENDS = ["chiso.accounts.backends.ThrottledModelBackend"]
CHISO_LOGIN_WINDOW_SECONDS = env_int("CHISO_LOGIN_WINDOW_SECONDS", 15 * 60)
# Reverse proxies in front of the app server (1 with nginx as in docs/deployment.md): the login
# throttle then counts the client's address from X-Forwarded-For, not nginx's 127.0.0.1.
CHISO_PROXY_COUNT = env_int("CHISO_PROXY_COUNT", 0)
# API: requests per user (all their keys together) and minute before 429 (chiso.api.tokens).
CHISO_API_REQUESTS_PER_MINUTE = env_int("CHISO_API_REQUESTS_PER_MINUTE", 120)

# Email: console by default; CHISO_EMAIL_BACKEND=smtp with the usual EMAIL_* variables, or
# "file" to write messages under CHISO_DATA_DIR/mail.
_EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "memory": "django.core.mail.backends.locmem.EmailBackend",
}
_email_choice = env_str("CHISO_EMAIL_BACKEND", "console")
if _email_choice not in _EMAIL_BACKENDS:
    raise ImproperlyConfigured(f"CHISO_EMAIL_BACKEND must be one of {sorted(_EMAIL_BACKENDS)}, not {_email_choice!r}")
EMAIL_BACKEND = _EMAIL_BACKENDS[_email_choice]
EMAIL_FILE_PATH = DATA_DIR / "mail"
EMAIL_HOST = env_str("CHISO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("CHISO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("CHISO_EMAIL_USER", "") if os.environ.get("CHISO_EMAIL_USER") else ""
EMAIL_HOST_PASSWORD = os.environ.get("CHISO_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("CHISO_EMAIL_TLS", False)
# Implicit TLS from the first byte (usually port 465), as opposed to STARTTLS above (587).
EMAIL_USE_SSL = env_bool("CHISO_EMAIL_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    # Django would only refuse this when the first email goes out; stop at start-up instead.
    raise ImproperlyConfigured(
        "CHISO_EMAIL_TLS và CHISO_EMAIL_SSL không được cùng bật: chọn CHISO_EMAIL_TLS=true "
        "(STARTTLS, thường cổng 587) hoặc CHISO_EMAIL_SSL=true (TLS ngay từ đầu, thường cổng 465) / "
        "CHISO_EMAIL_TLS and CHISO_EMAIL_SSL cannot both be true"
    )
# Without a timeout a mail server that accepts the connection and never answers holds
# `chiso remind` and `sendtestemail` forever.
EMAIL_TIMEOUT = env_int("CHISO_EMAIL_TIMEOUT", 30)
if EMAIL_TIMEOUT <= 0:
    raise ImproperlyConfigured(f"CHISO_EMAIL_TIMEOUT must be a number of seconds above 0, not {EMAIL_TIMEOUT}")
DEFAULT_FROM_EMAIL = env_str("CHISO_EMAIL_FROM", "chiso@localhost")
# Server errors: every 500 is logged with its traceback to stderr, which systemd's journal
# keeps (`journalctl -u chiso`); CHISO_ADMINS (addresses, comma-separated) also get each one by
# mail when debugging is off. Django's default logs nothing to the console once DEBUG is off.
ADMINS = [("", address) for address in env_list("CHISO_ADMINS", "")]
SERVER_EMAIL = DEFAULT_FROM_EMAIL
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # quiet_refusals: a refused request (403) is one line, without the traceback a 500 keeps.
    "filters": {
        "debug_off": {"()": "django.utils.log.RequireDebugFalse"},
        "quiet_refusals": {"()": "chiso.server_log.QuietRefusals"},
    },
    "formatters": {"line": {"format": "{levelname} {name}: {message}", "style": "{"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "line",
            "filters": ["quiet_refusals"],
        },
        "mail_admins": {"class": "django.utils.log.AdminEmailHandler", "level": "ERROR", "filters": ["debug_off"]},
    },
    "root": {"handlers": ["stderr"], "level": env_str("CHISO_LOG_LEVEL", "INFO")},
    "loggers": {
        # django.request logs each 500 at ERROR with the exception (the traceback).
        "django": {"handlers": ["stderr", "mail_admins"], "level": "INFO", "propagate": False},
    },
}
# Reminders (`chiso remind`): days before the deadline, and days after it (0 = the deadline day).
CHISO_REMIND_BEFORE_DAYS = env_int_list("CHISO_REMIND_BEFORE_DAYS", "3,1")
CHISO_REMIND_AFTER_DAYS = env_int_list("CHISO_REMIND_AFTER_DAYS", "0,3,7")
# How long a province's overview is reused before it is made afresh (0: every view).
CHISO_OVERVIEW_SECONDS = env_int("CHISO_OVERVIEW_SECONDS", 30)

# The address shown in reminder emails for the DX office and the link back to the app.
CHISO_SITE_URL = env_str("CHISO_SITE_URL", "http://127.0.0.1:8000")

# Background jobs (chiso.jobs, docs/jobs.md): a Celery worker when a broker is configured
# (CELERY_BROKER_URL, else REDIS_URL); without one a job runs in a thread of the process that
# started it, so `chiso demo` needs nothing else. Only "run job N" goes through the broker: the
# job's state and progress are rows in the database, so no result backend is needed.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "") or env_str("REDIS_URL", "")
CELERY_TASK_IGNORE_RESULT = True
# A job is acknowledged only when it has finished, so a worker that dies mid-job leaves the
# message to be delivered again (and one worker takes one job at a time, not a prefetched batch).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis redelivers an unacknowledged message after this many seconds: longer than any job.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CHISO_JOB_MAX_SECONDS", 3 * 3600)}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# One broker may serve several chiso installations (or test runs): each uses its own queue.
CELERY_TASK_DEFAULT_QUEUE = env_str("CHISO_JOB_QUEUE", "chiso")
CELERY_TIMEZONE = TIME_ZONE
# `celery -A chiso.jobs beat` starts the day's reminders at this hour, local time (chiso.jobs.celery).
CHISO_REMIND_HOUR = env_int("CHISO_REMIND_HOUR", 7)
