"""Settings for the test suite: the real ones, with debug on and fast hashing."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
SECURE_SSL_REDIRECT = False

# Threads in the race and browser tests must not keep connections past their test.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
