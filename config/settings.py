"""Settings, all from the environment (see README "Configuration")."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_file_path, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DJANGO_DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key-" + "x" * 40

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "channels",
    "django_htmx",
    "ninja",  # serves the API docs' Swagger UI from our static files, not a CDN
    "meetings",
    "agenda",
    "realtime",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "agenda.context_processors.unread_notices",
                "agenda.context_processors.archive_link",
            ],
        },
    },
]

# Database: PostgreSQL when DATABASE_URL is set, an SQLite file otherwise.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL (postgres://…)")
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            # IMMEDIATE takes the write lock at BEGIN, so two bookings of one room
            # cannot both read "free" and both write.
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "meetings.User"

# Channel layer and cache: Redis when REDIS_URL is set, in-process otherwise.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # redis-py 8 fails instead of waiting past its pool size.
                # socket_timeout above the layer's 5 s blocking read, or every idle read errors.
                "hosts": [{"address": REDIS_URL, "max_connections": 1000, "socket_timeout": 10}],
                "group_expiry": 24 * 3600,  # longer than any meeting
            },
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = DEBUG
# Uploaded files are never served directly: every download goes through an access check.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "media/"
STORAGES = {
    "default": {
        "BACKEND": env_str("STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
DOCUMENT_MAX_UPLOAD_MB = env_int("DOCUMENT_MAX_UPLOAD_MB", 50, minimum=1)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024  # larger uploads spool to a temporary file
# After the access check, let the front proxy send the file (nginx: X-Accel-Redirect).
DOCUMENT_SENDFILE_HEADER = env_str("DOCUMENT_SENDFILE_HEADER")
DOCUMENT_SENDFILE_PREFIX = env_str("DOCUMENT_SENDFILE_PREFIX", "/protected-media/")

# Minutes: the environment's certificate (PKCS#12) signs for units without their own one
# (admin "Chứng thư số của đơn vị"); signatures validate against MINUTES_TRUST_ROOTS (a PEM
# bundle of CA certificates) plus the CA certificates inside every configured .p12.
MINUTES_SIGNING_P12 = env_file_path("MINUTES_SIGNING_P12")
MINUTES_SIGNING_PASSWORD = env_str("MINUTES_SIGNING_PASSWORD")
MINUTES_TRUST_ROOTS = env_file_path("MINUTES_TRUST_ROOTS")
if MINUTES_SIGNING_PASSWORD and not MINUTES_SIGNING_P12:
    raise ImproperlyConfigured("MINUTES_SIGNING_PASSWORD is set but MINUTES_SIGNING_P12 is not")

# E-mail: console by default; SMTP when EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1)
else:
    EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Điểm Cầu <no-reply@diemcau.local>")

# Rooms need time to be reset between two meetings.
MEETING_SETUP_BUFFER_MINUTES = env_int("MEETING_SETUP_BUFFER_MINUTES", 15, minimum=0)
# Bridge points may check in (readiness) from this long before the start.
CHECK_IN_OPENS_MINUTES = env_int("CHECK_IN_OPENS_MINUTES", 60, minimum=0)

# Video: a self-hosted Jitsi Meet with token authentication; empty domain = no video.
JITSI_DOMAIN = env_str("JITSI_DOMAIN").strip().lower()
if JITSI_DOMAIN and ("/" in JITSI_DOMAIN or " " in JITSI_DOMAIN):
    raise ImproperlyConfigured(
        f"JITSI_DOMAIN must be a host name like meet.example.gov.vn, not {JITSI_DOMAIN!r}"
    )
JITSI_APP_ID = env_str("JITSI_APP_ID")
JITSI_APP_SECRET = env_str("JITSI_APP_SECRET")
# Without both, debugging may use a Jitsi that needs no token; production never does.
if JITSI_DOMAIN and not DEBUG and not (JITSI_APP_ID and JITSI_APP_SECRET):
    raise ImproperlyConfigured("JITSI_APP_ID and JITSI_APP_SECRET must be set with JITSI_DOMAIN")
# A token opens the room this long before the start and closes it this long after the end.
JITSI_TOKEN_MARGIN_MINUTES = env_int("JITSI_TOKEN_MARGIN_MINUTES", 60, minimum=0)

# Production hardening; every flag follows DEBUG unless set explicitly.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # pyHanko logs a traceback for each untrusted or broken signature it is asked to check;
    # the verify page and the upload answer say so already.
    "loggers": {"pyhanko": {"level": "CRITICAL"}},
}
