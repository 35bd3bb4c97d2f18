"""Settings for the practice's site, read from environment variables.

Every variable has a safe development default, except DJANGO_SECRET_KEY, which
production (DJANGO_DEBUG=0) must set. README.md lists every variable.
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from psycopg_pool import ConnectionPool

from practice.logging import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off. Generate one with: "
            'python -c "import secrets; print(secrets.token_urlsafe(50))"'
        )
    # Only ever used on a developer's machine: debug is on.
    SECRET_KEY = "django-insecure-development-only-key"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "practice.admin_site.PracticeAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "two_factor",
    "axes",
    "markdownx",
    "solo",
    "reversion",
    "django_tasks_db",
    "practice",
    "blog",
    "booking",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "practice.middleware.head_without_body",
    # Below head_without_body, so HEAD gets the compressed GET's Content-Length; above the
    # middleware that set cookies (sessions, CSRF), to see them; and, as Django's docs ask
    # of GZipMiddleware, above ConditionalGetMiddleware, whose ETag (and 304) is then
    # computed on the uncompressed body and made weak here when the body is compressed.
    # Above the page cache too, so that it keeps one plain copy of a page and each hit
    # is compressed for the client that asked.
    "practice.compression.PublicCompressionMiddleware",
    # Old addresses of imported posts answer where nothing else does: above the page
    # cache, which may have kept the 404.
    "blog.middleware.redirect_old_addresses",
    # Above sessions: what it keeps has every header the middleware below add.
    "practice.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Turns the ETag it computes into 304 answers for revalidating browsers.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session gave a second factor.
    "django_otp.middleware.OTPMiddleware",
    "practice.middleware.slide_staff_session",
    # Before any view (and CSRF's check) reads the body.
    "practice.middleware.limit_request_body",
    "practice.middleware.refuse_malformed_requests",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "practice.middleware.permissions_policy",
    # Last, as django-axes asks: it turns a refused sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "practice.urls"
WSGI_APPLICATION = "practice.wsgi.application"

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
                "practice.context_processors.practice",
            ],
        },
    },
]

# Database: DATABASE_URL, or an SQLite file next to the code for development.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A pool per server process (psycopg_pool), shared by all its requests: gunicorn's gevent
    # workers serve each connection in its own greenlet, which must not each hold a
    # connection of their own. Each connection is checked before it is lent, so a
    # restarted database costs no failed request.
    DATABASES["default"]["OPTIONS"] = {
        "pool": {
            "min_size": 1,
            "max_size": env_int("DATABASE_POOL_SIZE", 10),
            "timeout": 10,
            "check": ConnectionPool.check_connection,
        }
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while a booking request is written; IMMEDIATE
    # transactions and a busy timeout make concurrent writers wait, not fail.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests get a database file rather than memory, so that live-server tests open one
    # connection per thread as production does; the process id keeps simultaneous test
    # runs (several people, one checkout) apart.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"practice-test-{os.getpid()}.sqlite3")
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis in production (REDIS_URL), memory in development.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "OPTIONS": {
                # The cache only ever saves work: while Redis is down or slow, every
                # cache read misses within a second and the site answers from the
                # database. /healthz reports the cache as degraded meanwhile.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The whole-page cache (practice/page_cache.py): public pages, for readers without a
# session, are kept whole for at most this many seconds, and never past a change (any save
# starts a new content version) or a scheduled post's time. 0 turns it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# A CDN or reverse proxy in front may keep those pages this many seconds (s-maxage), and
# serve them CDN_STALE_SECONDS more while it fetches a fresh one: an edit or a scheduled
# post may reach readers that much later. 0, the default, has every cache revalidate.
CDN_CACHE_SECONDS = env_int("CDN_CACHE_SECONDS", 0)
CDN_STALE_SECONDS = env_int("CDN_STALE_SECONDS", 60)
# Staff sessions are read from the cache and kept in the database, so a Redis restart
# or outage signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Staff sign-in (README, "Staff sign-in"): django-two-factor-auth's pages ask for the
# password, then for a code from an authenticator app (or a recovery code) from anyone
# who enrolled one; those who may read booking requests must enrol (practice/sign_in.py).
AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out account or address is refused before its password is
    # even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "two_factor:login"
LOGIN_REDIRECT_URL = "admin:index"
# Lockout (django-axes): after this many failed sign-ins for one account, or from one
# client address, further tries are refused for the cooling-off period, which each
# refused try starts again. `manage.py axes_reset` lifts every lockout at once.
AXES_FAILURE_LIMIT = env_int("SIGN_IN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SIGN_IN_COOLOFF_MINUTES", 15))
# Counted per account and, separately, per address: either alone locks.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A successful sign-in forgets that account's and address's earlier failures.
AXES_RESET_ON_SUCCESS = True
# The same client address as the booking form's limit, so TRUSTED_PROXY_HEADER counts.
AXES_CLIENT_IP_CALLABLE = "practice.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "practice.sign_in.locked_out"
# The sign-in form is a wizard whose fields carry its first step's name: the password,
# so named, is masked in the failed attempts axes stores.
AXES_PASSWORD_FORM_FIELD = "auth-password"
# No banner in the log each time a process starts; lockouts and sign-ins are still logged.
AXES_VERBOSE = False
# Staff stay signed in through a working day in the admin; after this long without
# opening an admin page they sign in again (practice.middleware.slide_staff_session).
SESSION_COOKIE_AGE = env_int("STAFF_SESSION_HOURS", 8) * 60 * 60

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "America/New_York")
# The country whose phone numbers clients give without a +: staff read them in its own
# format, "(555) 010-2030", and others in the international one.
PHONE_REGION = os.environ.get("PHONE_REGION", "US")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
# Served at the site's root by whitenoise: /favicon.ico and /apple-touch-icon.png, which
# browsers ask for there whatever the page says.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Request bodies. Every form a visitor can send is a few kilobytes; staff upload photos
# (practice.images.MAX_UPLOAD_BYTES, 10 MB) inside a form. Larger bodies are refused unread.
PUBLIC_REQUEST_MAX_BYTES = 64 * 1024
STAFF_REQUEST_MAX_BYTES = 12 * 1024 * 1024

# Security. Production runs behind a reverse proxy that terminates TLS; with
# debug off every protection is on unless an environment variable says otherwise.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# The header the proxy sets to say the original request was HTTPS, e.g.
# "X-Forwarded-Proto". Only set it when the proxy overwrites that header.
if proxy_ssl_header := os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + proxy_ssl_header.upper().replace("-", "_"), "https")
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content Security Policy: everything from our own origin, no inline script,
# no framing. Uploaded images are served from MEDIA_URL on the same origin.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Browser features the site never uses, switched off for every page.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# Logging: JSON lines on stderr, for Django and gunicorn alike (practice/logging.py). Log
# messages never carry what a client wrote in a booking request, nor a client's address.
LOGGING = logging_config(os.environ.get("DJANGO_LOG_LEVEL", "INFO"))

# Email: SMTP when EMAIL_HOST is set; printed to the console in development. Production
# without a mail server would leave the practice unaware of every request, so it refuses
# to start, unless EMAIL_ENABLED=0 says email is off on purpose: booking requests then
# wait, unsent and unlogged, until email is on and cron sends them.
EMAIL_ENABLED = env_bool("EMAIL_ENABLED", True)
if EMAIL_ENABLED and not DEBUG and not os.environ.get("EMAIL_HOST"):
    raise ImproperlyConfigured(
        "EMAIL_HOST must be set when DJANGO_DEBUG is off, so that booking requests reach "
        "the practice. To run without email on purpose, set EMAIL_ENABLED=0."
    )
if not EMAIL_ENABLED:
    # Nothing sends while email is off; should anything try, it is discarded, never printed.
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
elif os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": env_int("EMAIL_PORT", 587),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                # A stuck mail server must not hold a client's request for long.
                "timeout": env_int("EMAIL_TIMEOUT", 10),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Morgan's practice <hello@localhost>")

# Background tasks (django.tasks): a booking request's emails are sent by a worker, not in
# the client's request, so a slow mail server holds up nobody. By default they are queued
# in the database for `manage.py db_worker` (which `make serve` and `make run` start beside
# the web server); TASKS_BACKEND=immediate sends them in the request instead, without a
# worker. Tests run tasks at once too (tests/settings.py).
TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend"
        if os.environ.get("TASKS_BACKEND") == "immediate"
        else "django_tasks_db.DatabaseBackend"
    }
}

# What the practice says about itself (its name, contact details, pages) is edited in
# admin (practice.models.Practice), not set here: these settings are infrastructure only.

# The site's public address, for links in emails sent outside a web request (cron).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Where "Exit this page" (on the booking pages and sensitive articles) leaves for: a site
# that looks ordinary on a shared screen, as in the GOV.UK design system's pattern.
QUICK_EXIT_URL = os.environ.get("QUICK_EXIT_URL", "https://www.bbc.co.uk/weather")

# Booking requests.
# At most this many requests an hour from one client address; 0 turns the limit off
# (load tests).
BOOKING_RATE_LIMIT = env_int("BOOKING_RATE_LIMIT", 5)
# Days a closed request is kept after it was closed, and a suspected-spam one after it
# was marked; `manage.py purge_booking_requests` deletes them and the privacy notice
# quotes both.
BOOKING_RETENTION_DAYS = env_int("BOOKING_RETENTION_DAYS", 365)
BOOKING_SPAM_RETENTION_DAYS = env_int("BOOKING_SPAM_RETENTION_DAYS", 30)
# Days an address left on a full therapist's waitlist is kept at most; it goes sooner once
# the one email it waits for is sent, or when its owner unsubscribes. Purged and quoted
# like the two above.
BOOKING_WAITLIST_RETENTION_DAYS = env_int("BOOKING_WAITLIST_RETENTION_DAYS", 365)
# Emails the client a short acknowledgement, with the crisis line, after each request.
BOOKING_SEND_ACKNOWLEDGEMENT = env_bool("BOOKING_SEND_ACKNOWLEDGEMENT", True)
# The practice's email about a new request names nobody: a name tied to asking a therapist
# for help is health information. Turn this on only if the practice's mail provider has
# signed a business associate agreement (HIPAA) covering these emails; the email then
# names the client and how they prefer to be reached.
BOOKING_NOTIFICATION_NAMES_CLIENT = env_bool("BOOKING_NOTIFICATION_NAMES_CLIENT", False)
# The client's private link to their request (in the acknowledgement) works this long.
BOOKING_CLIENT_LINK_DAYS = env_int("BOOKING_CLIENT_LINK_DAYS", 30)
# Emails to a client who asked for discretion come under this neutral name, and name
# neither the practice nor therapy. DEFAULT_FROM_EMAIL's address still shows, and its
# domain may name the practice: set BOOKING_DISCREET_FROM_EMAIL to an address on a
# neutral domain, which the practice reads, to send (and be answered) from it instead.
BOOKING_DISCREET_SENDER_NAME = os.environ.get("BOOKING_DISCREET_SENDER_NAME", "Appointments")
BOOKING_DISCREET_FROM_EMAIL = os.environ.get("BOOKING_DISCREET_FROM_EMAIL", "")
# Told of every new request besides the therapist's own address: an intake coordinator.
BOOKING_NOTIFICATION_EMAILS = env_list("BOOKING_NOTIFICATION_EMAILS")
# Behind a reverse proxy REMOTE_ADDR is the proxy's own address. Name the header the
# proxy sets (e.g. X-Forwarded-For) and its last address counts as the client's; unset,
# the header is ignored, since anyone can send it.
TRUSTED_PROXY_HEADER = os.environ.get("TRUSTED_PROXY_HEADER", "")

# django-markdownx's editor sends its live preview and dropped images to the admin's own
# endpoints (practice/admin_site.py): they serve only staff who may change something
# written in Markdown, preview with the function that renders what readers see, and clean
# every image. The package's stock views, open to anyone, are not routed; were they ever,
# their preview would still be sanitised by the same function.
MARKDOWNX_URLS_PATH = "/admin/markdown/preview/"
MARKDOWNX_UPLOAD_URLS_PATH = "/admin/markdown/upload/"
MARKDOWNX_MARKDOWNIFY_FUNCTION = "practice.markdown.render_for_readers"
