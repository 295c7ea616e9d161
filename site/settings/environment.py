"""Typed readers for settings that come from the environment."""

import os
from urllib.parse import urlsplit

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ValueError(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEFAULT_PORTS = {"http": 80, "https": 443}


def public_url(name: str, raw: str) -> str:
    """``raw`` as ``scheme://host[:port]``, or a ValueError saying what is wrong.

    Wagtail's ``Site`` keeps a host name and a port and says ``https`` only for
    port 443, so an address it could not give back is refused here.
    """
    parts = urlsplit(raw.strip())
    problem = None
    try:
        port = parts.port
    except ValueError:
        port, problem = None, "its port is not a number"
    if parts.scheme not in DEFAULT_PORTS:
        problem = "it must start with http:// or https://"
    elif not parts.hostname:
        problem = "it names no host"
    elif parts.path not in ("", "/") or parts.query or parts.fragment:
        problem = "it must be the site's root, without a path or query"
    elif parts.username or parts.password:
        problem = "it must not carry a user name or password"
    elif parts.scheme == "https" and port not in (None, 443):
        problem = "https is served on port 443 only"
    elif parts.scheme == "http" and port == 443:
        problem = "port 443 is for https"
    if problem:
        raise ValueError(
            f"{name} must be the public address of the site ({problem}): {raw!r}"
        )
    address = f"{parts.scheme}://{parts.hostname}"
    if port is not None and port != DEFAULT_PORTS[parts.scheme]:
        address += f":{port}"
    return address


def env_public_url(name: str, default: str) -> str:
    """The site's public address from the environment, checked by ``public_url``."""
    return public_url(name, os.environ.get(name) or default)
