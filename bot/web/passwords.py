"""Staff password hashes: hashlib's scrypt or PBKDF2, checked in constant time.

Formats (hex salt and hash):
  scrypt$<n>$<r>$<p>$<salt>$<hash>
  pbkdf2_sha256$<iterations>$<salt>$<hash>
`python -m bot.web.passwords` asks for a password and prints its scrypt hash.
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import secrets

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SALT_BYTES = 16
HASH_BYTES = 32
# A forged hash with huge cost parameters must not tie up the server for minutes.
MAX_SCRYPT_N = 2**20
MAX_PBKDF2_ITERATIONS = 5_000_000


class HashFormatError(ValueError):
    """A stored hash in neither supported format."""


def hash_password(password: str, salt: bytes | None = None) -> str:
    """The scrypt hash of a password, in the format `verify` reads."""
    salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, HASH_BYTES)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def check_format(stored: str) -> None:
    """Raise HashFormatError unless `stored` is a hash `verify` can read."""
    _parse(stored)


def verify(password: str, stored: str) -> bool:
    """Whether the password matches the stored hash."""
    algorithm, params, salt, expected = _parse(stored)
    if algorithm == "scrypt":
        n, r, p = params
        actual = _scrypt(password, salt, n, r, p, len(expected))
    else:
        actual = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, params[0], len(expected))
    return hmac.compare_digest(actual, expected)


def matches_plain(password: str, expected: str) -> bool:
    """A plain configured password compared in constant time."""
    return hmac.compare_digest(password.encode(), expected.encode())


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    # maxmem: OpenSSL's default (32 MiB) refuses n=2**15 and above with r=8.
    return hashlib.scrypt(
        password.encode(), salt=salt, n=n, r=r, p=p, dklen=length, maxmem=256 * 1024 * 1024
    )


def _parse(stored: str) -> tuple[str, tuple[int, ...], bytes, bytes]:
    parts = stored.strip().split("$")
    try:
        if parts[0] == "scrypt" and len(parts) == 6:
            n, r, p = (int(value) for value in parts[1:4])
            if not (1 < n <= MAX_SCRYPT_N and n & (n - 1) == 0 and 0 < r <= 32 and 0 < p <= 16):
                raise HashFormatError("scrypt parameters out of range")
            return "scrypt", (n, r, p), bytes.fromhex(parts[4]), _digest(parts[5])
        if parts[0] == "pbkdf2_sha256" and len(parts) == 4:
            iterations = int(parts[1])
            if not 1000 <= iterations <= MAX_PBKDF2_ITERATIONS:
                raise HashFormatError("pbkdf2 iterations out of range")
            return "pbkdf2_sha256", (iterations,), bytes.fromhex(parts[2]), _digest(parts[3])
    except ValueError as error:
        raise HashFormatError(str(error)) from error
    raise HashFormatError(
        "expected scrypt$n$r$p$salt$hash or pbkdf2_sha256$iterations$salt$hash (hex)"
    )


def _digest(value: str) -> bytes:
    digest = bytes.fromhex(value)
    if len(digest) < 16:
        raise HashFormatError("hash shorter than 16 bytes")
    return digest


if __name__ == "__main__":
    print(hash_password(getpass.getpass("Staff password: ")))
