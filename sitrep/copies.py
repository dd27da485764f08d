"""Syndicated copies: MinHash fingerprints of a document's text and how alike two of them are.

A wire story reprinted by several outlets is one text with small edits; its fingerprints agree
in most positions. Fingerprints are split into bands (locality-sensitive hashing) so a store finds
the few candidate copies of a new document by band, without comparing it to every document.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from datasketch import MinHash  # type: ignore[import-untyped]

PERMUTATIONS = 64
BANDS = 16  # of 4 rows each: pairs about 50% alike or more share a band
COPY_SIMILARITY = 0.8  # estimated Jaccard similarity of word 5-shingles at which texts are copies
_SHINGLE = 5
_WORD = re.compile(r"\w+")


def fingerprint(text: str) -> tuple[int, ...]:
    """The MinHash signature of the text's word 5-shingles; empty for a text too short to have one."""
    words = [w.lower() for w in _WORD.findall(text)]
    shingles = {" ".join(words[k : k + _SHINGLE]).encode("utf-8") for k in range(len(words) - _SHINGLE + 1)}
    if not shingles:
        return ()
    minhash = MinHash(num_perm=PERMUTATIONS, seed=1)
    minhash.update_batch(sorted(shingles))
    return tuple(int(v) for v in minhash.hashvalues)


def band_keys(signature: Sequence[int]) -> list[str]:
    """One key per band of the signature; two copies almost surely share at least one."""
    rows = len(signature) // BANDS
    return [
        f"{n}:" + hashlib.sha1(",".join(map(str, signature[n * rows : (n + 1) * rows])).encode()).hexdigest()[:16]
        for n in range(BANDS)
    ] if rows else []


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of the two texts (0 when either has no signature)."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def is_copy(a: Sequence[int], b: Sequence[int]) -> bool:
    """The two texts are copies of one story."""
    return similarity(a, b) >= COPY_SIMILARITY
