"""Secrets derived from SECRET_KEY: a link can be mailed again later although the database keeps only a hash.

The database holds a random nonce and the token's SHA-256; the token itself is the HMAC of
the nonce under SECRET_KEY. A copy of the database alone therefore opens nothing, and
changing SECRET_KEY closes every derived link.
"""

import base64
import hashlib
import hmac
import secrets

from flask import current_app

#: what a partner link's token is derived for (intranet.partners.links, mail.notify)
PARTNER_LINK = "partner-link"


def new_nonce() -> str:
    """128 random bits, hex, to store beside the token's hash."""
    return secrets.token_hex(16)


def derive(purpose: str, nonce: str) -> str:
    """The URL-safe token (256 bits) for ``nonce``."""
    key = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(key, f"{purpose}|{nonce}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def token_hash(token: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(token.encode()).hexdigest()
