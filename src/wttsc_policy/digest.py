"""SHA-256 without importing hashlib: hashlib loads OpenSSL, about 10 ms of a one-page
`check`; CPython's own implementation gives the same digests and loads in well under one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hashlib import sha256
else:
    try:
        from _sha256 import sha256  # CPython 3.11
    except ImportError:  # pragma: no cover - newer or other Pythons
        try:
            from _sha2 import sha256  # CPython 3.12+
        except ImportError:
            from hashlib import sha256

__all__ = ["sha256"]
