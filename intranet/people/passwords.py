"""Passwords: argon2id hashes, checked in the same time whether the user exists or not."""

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from intranet.models import User

hasher = PasswordHasher()


#: A hash to verify against for unknown users, so timing does not reveal who exists.
_DUMMY_HASH = hasher.hash(secrets.token_hex(8))


def hash_password(password: str) -> str:
    """argon2id hash of a password."""
    return hasher.hash(password)


def check_password(user: User | None, password: str) -> bool:
    """Verify a password; unknown users cost the same time as known ones."""
    stored = user.password_hash if user is not None else None
    try:
        hasher.verify(stored or _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return False
    return stored is not None
