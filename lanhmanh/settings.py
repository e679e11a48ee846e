"""Settings, read from the environment.

Secure by default: a deployment sets only what it must (secret key, hosts, database).
Development opts out explicitly with ``LANHMANH_DEBUG=1`` (``bin/setup`` does so).
Every secret may also be given as ``NAME_FILE`` (a path), for container secrets.
"""

import base64
import hashlib
import importlib.util
import os
import sys
from pathlib import Path

import environ
import xstatic.pkg.bootstrap
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# The checkout's own settings, written by bin/setup (git-ignored): development mode and a
# generated secret key, so that `manage.py` works without exporting anything. Variables
# set in the environment win over the file; LANHMANH_ENV_FILE names another file, or none
# when empty (production and the tests of production settings).
ENV_FILE = os.environ.get("LANHMANH_ENV_FILE", str(BASE_DIR / "var" / "local.env"))
if ENV_FILE and Path(ENV_FILE).is_file():
    environ.Env.read_env(ENV_FILE)


def secret(name: str, default: str | None = None) -> str | None:
    """Read a secret from NAME, or from the file named by NAME_FILE."""
    path = env.str(f"{name}_FILE", default="")
    if path:
        return Path(path).read_text(encoding="utf-8").strip() or default
    return env.str(name, default=default)


DEBUG = env.bool("LANHMANH_DEBUG", default=False)

STARTUP_ERROR = (
    "Lành Mạnh: LANHMANH_SECRET_KEY (or LANHMANH_SECRET_KEY_FILE) must be set outside "
    "development (LANHMANH_DEBUG=1)."
)

SECRET_KEY = secret("LANHMANH_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        # One clear line for whoever starts the server, not a traceback.
        sys.exit(STARTUP_ERROR)
    SECRET_KEY = "development-only-not-secret"  # noqa: S105 - only ever used with DEBUG on

# Keys that encrypt the identifying details of support cases (Fernet keys, newest first:
# the first encrypts, every one decrypts; ``manage.py rotate_field_keys`` re-encrypts with
# the first). They live outside the database, so a copy of it reveals no names.
FIELD_KEYS = [k.strip() for k in (secret("LANHMANH_FIELD_KEYS") or "").split(",") if k.strip()]
if not FIELD_KEYS:
    if not DEBUG:
        sys.exit(
            "Lành Mạnh: LANHMANH_FIELD_KEYS (or LANHMANH_FIELD_KEYS_FILE) must be set outside "
            "development (LANHMANH_DEBUG=1)."
        )
    # Development and tests only: a key derived from the secret key lets the demo and the
    # test suite run without setting one up; it is as secret as SECRET_KEY and no more.
    FIELD_KEYS = [
        base64.urlsafe_b64encode(
            hashlib.sha256(b"field-keys:" + SECRET_KEY.encode()).digest()
        ).decode()
    ]

ALLOWED_HOSTS = env.list(
    "LANHMANH_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("LANHMANH_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "auditlog",
    "axes",
    "lanhmanh.core",
    "lanhmanh.geography",
    "lanhmanh.organizations",
    "lanhmanh.accounts",
    "lanhmanh.plans",
    "lanhmanh.indicators",
    "lanhmanh.reporting",
    "lanhmanh.inspections",
    "lanhmanh.audit",
    "lanhmanh.tips",
    "lanhmanh.support",
    "lanhmanh.activities",
    "lanhmanh.overview",
    "lanhmanh.cases",
    "lanhmanh.assessments",
    "lanhmanh.committees",
    "lanhmanh.sanctions",
    "lanhmanh.notifications",
]

MIDDLEWARE = [
    # First: the public tip pages lose the sender's address before anything can see it.
    "lanhmanh.tips.middleware.ForgetSenderMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # CSP on every response, no-store on every response to a signed-in user.
    "lanhmanh.core.headers.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lanhmanh.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # 404 for oversized ids in paths, 400 for NUL characters in parameters.
    "lanhmanh.core.guards.RequestGuardMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A stale edit form or a busy database: a 409 page, never a 500.
    "lanhmanh.core.middleware.ConflictMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # axes must be last: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lanhmanh.urls"
WSGI_APPLICATION = "lanhmanh.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "lanhmanh" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "lanhmanh.core.context_processors.scope",
            ],
        },
    },
]

VAR_DIR = Path(env.str("LANHMANH_VAR_DIR", default=str(BASE_DIR / "var")))
DATABASES = {
    "default": env.db_url_config(
        secret("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'lanhmanh.sqlite3'}")
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # SQLite as an embedded server: WAL lets readers go on while one writes; a writer waits
    # for the lock (busy timeout) instead of failing; every transaction takes the write
    # lock when it begins (IMMEDIATE), so two writers queue rather than deadlock on the
    # upgrade from reading to writing, which SQLite answers with 'database is locked'.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("LANHMANH_SQLITE_TIMEOUT", default=20),
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"
                f"PRAGMA busy_timeout={env.int('LANHMANH_SQLITE_TIMEOUT', default=20) * 1000}"
            ),
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("LANHMANH_DB_CONN_MAX_AGE", default=60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lock an account (username + address) after repeated failures, for an hour.
AXES_FAILURE_LIMIT = env.int("LANHMANH_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("LANHMANH_LOGIN_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# Sessions end after a period without activity and when the browser closes.
SESSION_COOKIE_AGE = env.int("LANHMANH_SESSION_IDLE_MINUTES", default=30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# HTTPS everywhere outside development.
SECURE_SSL_REDIRECT = env.bool("LANHMANH_SECURE_SSL_REDIRECT", default=not DEBUG)
# Monitoring asks the health check over plain HTTP on the inside of the proxy.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env.int("LANHMANH_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
# check --deploy asks for preload; a deployment that may drop HTTPS sets it to 0.
SECURE_HSTS_PRELOAD = env.bool("LANHMANH_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env.bool("LANHMANH_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "lanhmanh" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# The overview's map: Leaflet from the django-leaflet package (its static files only).
# No tile server by default (closed networks): the map shows its points on a blank ground
# and the page lists them. LANHMANH_MAP_TILES is a URL template such as
# https://tiles.example.gov.vn/{z}/{x}/{y}.png (its host must also be allowed by the CSP).
LEAFLET_CONFIG = {
    "TILES": [
        (
            "",
            env.str("LANHMANH_MAP_TILES", default=""),
            env.str("LANHMANH_MAP_ATTRIBUTION", default=""),
        )
    ]
    if env.str("LANHMANH_MAP_TILES", default="")
    else [],
}

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("LANHMANH_STATIC_ROOT", default=str(VAR_DIR / "static")))
# Bootstrap comes from its PyPI package (XStatic-Bootstrap) and htmx from django-htmx:
# served by the app itself, never from a CDN.
STATICFILES_DIRS = [
    BASE_DIR / "lanhmanh" / "static",
    ("bootstrap", xstatic.pkg.bootstrap.BASE_DIR),
    # Leaflet's files from the django-leaflet package, found without importing it (nor
    # installing it as an app: its admin module needs GDAL).
    ("leaflet", Path(importlib.util.find_spec("leaflet").origin).parent / "static" / "leaflet"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env.str("LANHMANH_MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "media/"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

EMAIL_CONFIG = env.email_url_config(secret("LANHMANH_EMAIL_URL", default="consolemail://"))
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("LANHMANH_DEFAULT_FROM_EMAIL", default="lanhmanh@localhost")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Lành Mạnh API",
    "VERSION": "1",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
}

AUDITLOG_INCLUDE_ALL_MODELS = False
# auditlog cannot tell a citizen sending a tip from an official: it keeps no address at
# all. lanhmanh.core.audit keeps the address of signed-in users' actions only; failed
# logins and lockouts (staff accounts) keep theirs, as django-axes does.
AUDITLOG_DISABLE_REMOTE_ADDR = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LANHMANH_LOG_LEVEL", default="INFO")},
}

# Django's own admin is for the national system administrator only (superusers), at a
# path a deployment may change.
ADMIN_URL = env.str("LANHMANH_ADMIN_URL", default="django-admin/")

# Closed support cases lose their identifying details after this many years
# (``manage.py anonymise_cases``, from cron); the counts stay.
SUPPORT_ANONYMISE_AFTER_YEARS = env.int("LANHMANH_SUPPORT_ANONYMISE_AFTER_YEARS", default=5)
