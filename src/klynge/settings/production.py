"""Production settings: everything the development settings read, hardened; `klynge check --deploy` is clean.

Required: KLYNGE_SECRET_KEY (50+ random characters), KLYNGE_ALLOWED_HOSTS, DATABASE_URL.
Behind a TLS-terminating proxy, set KLYNGE_BEHIND_PROXY=true so Django trusts X-Forwarded-Proto.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from klynge.kernel.environment import env_flag, env_int
from klynge.settings import *  # noqa: F403
from klynge.settings import default_storage_from_env

DEBUG = False

SECRET_KEY = os.environ.get("KLYNGE_SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set KLYNGE_SECRET_KEY to a random value of at least 50 characters.")
if not os.environ.get("KLYNGE_ALLOWED_HOSTS"):
    raise ImproperlyConfigured("Set KLYNGE_ALLOWED_HOSTS to the host names Klynge is served under.")

SECURE_SSL_REDIRECT = True
# The health check is asked over plain HTTP from inside the container or by the load balancer.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("KLYNGE_HSTS_SECONDS", 60 * 60 * 24 * 365, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("KLYNGE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_flag("KLYNGE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
if env_flag("KLYNGE_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

STORAGES = {
    "default": default_storage_from_env(),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False

# E-mail goes out by SMTP (KLYNGE_EMAIL_HOST, default a mail server on this host), never to the console.
EMAIL_BACKEND = os.environ.get("KLYNGE_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("KLYNGE_EMAIL_HOST", "localhost")
