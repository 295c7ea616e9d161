"""Production: refuses to start without a real SECRET_KEY, the hosts it serves
and its public address; HTTPS-only, with HSTS."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.http.request import validate_host

from .base import *
from .environment import env_bool, env_int, env_list, env_public_url, env_str

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("dev-only", "django-insecure")):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in "
        'production. Generate one with: python -c "import secrets; '
        'print(secrets.token_urlsafe(64))"'
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must list the host names the site answers to, comma-separated."
    )

# A default address would put the wrong host in every canonical link and feed.
if not env_str("DESKBOOK_PUBLIC_URL").strip():
    raise ImproperlyConfigured(
        "DESKBOOK_PUBLIC_URL must be the address the public reaches the site at, "
        "e.g. https://deskbook.example."
    )
DESKBOOK_PUBLIC_URL = env_public_url("DESKBOOK_PUBLIC_URL", "")
if not validate_host(urlsplit(DESKBOOK_PUBLIC_URL).hostname, ALLOWED_HOSTS):
    raise ImproperlyConfigured(
        f"DESKBOOK_PUBLIC_URL ({DESKBOOK_PUBLIC_URL}) names a host that "
        "ALLOWED_HOSTS does not list."
    )
WAGTAILADMIN_BASE_URL = DESKBOOK_PUBLIC_URL

# TLS ends at the proxy in front of gunicorn; it tells us the original scheme.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The same proxy adds the client's address; per-client limits (enquiries) read it.
DESKBOOK_CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER", "HTTP_X_FORWARDED_FOR") or None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

STORAGES["staticfiles"] = {
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "deskbook@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
