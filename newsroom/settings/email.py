"""Outgoing mail (password resets, error mails) from one `EMAIL_URL`, as `DATABASE_URL`
names the database, so a deployment sets one variable rather than six.

- `smtp+tls://user:password@host:587`: SMTP with STARTTLS (port 587 unless given);
- `smtps://user:password@host:465`: SMTP over TLS from the first byte (port 465);
- `smtp://host:25`: plain SMTP, for a relay on the same machine only (`localhost`);
- `console:`: each mail is written to the log instead of sent (development);
- `locmem:`: kept in memory (tests).

User and password are percent-decoded, so a password may hold `@` or `:` written as
`%40`, `%3A`.
"""

from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}
SMTP = "django.core.mail.backends.smtp.EmailBackend"
SMTP_PORTS = {"smtp": 25, "smtp+tls": 587, "smtps": 465}
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def email_settings(url: str) -> dict:
    """Django's `EMAIL_*` settings for `url`; ImproperlyConfigured names what is wrong."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme in BACKENDS:
        return {"EMAIL_BACKEND": BACKENDS[scheme]}
    if scheme not in SMTP_PORTS or not parts.hostname:
        raise ImproperlyConfigured(
            f"EMAIL_URL must start smtp+tls://, smtps://, smtp://, console: or locmem: "
            f"and name a host (got {scheme or 'no scheme'}://)."
        )
    if scheme == "smtp" and parts.hostname not in LOCAL_HOSTS:
        raise ImproperlyConfigured(
            "EMAIL_URL: plain smtp:// is only for a relay on this machine; use smtp+tls:// "
            "or smtps:// for another host, so the password is never sent in clear."
        )
    return {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": parts.port or SMTP_PORTS[scheme],
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": scheme == "smtp+tls",
        "EMAIL_USE_SSL": scheme == "smtps",
        "EMAIL_TIMEOUT": 10,
    }
