"""Near-duplicate text: the normal form of a statement, its MinHash signature and LSH band keys.

Contract: :func:`normalise` maps a statement to the text copies of it share: quotation marks of
every style, whitespace, case and punctuation are evened out and agency credits
("ANKARA (Reuters) -", "AFP -", "— TASS", "(Anadolu)") are dropped. :func:`signature` is a
MinHash of the normal form's character :data:`SHINGLE`-grams (:data:`NUM_PERM` values, stable
across processes and runs: no Python ``hash``, which is salted per process);
:func:`band_keys` cuts it into :data:`BANDS` bands of :data:`ROWS` values and hashes each band
(with its number) to a signed 64-bit key, so two texts whose Jaccard similarity is ``s`` share at
least one key with probability ``1 - (1 - s**ROWS)**BANDS`` (0.9996 at 0.83, 0.61 at 0.6, 0.08
at 0.4). A ``salt`` (e.g. the speaker) is mixed into every key: texts with different salts share
no key. :func:`similarity` estimates the Jaccard similarity of two signatures. The database side
is :mod:`tracker.db.copies`.

Why not datasketch: its LSH index lives in memory (or Redis/Cassandra), not in the DuckDB file
every process shares, so only its MinHash would serve; on the planted corpus that took 533 µs a
statement (``MinHash(num_perm=120).update_batch``) against 330 µs here, in one run on a busy
machine.

It lives beside the store rather than in ``tracker/text/``: the analysis and scorer identities
hash every file there, and the normal form of a copy decides no analysis and no score.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Sequence

import numpy as np

SHINGLE = 5  # characters: robust to a changed word, unlike word n-grams on sentence-long texts
BANDS = 20
ROWS = 6
NUM_PERM = BANDS * ROWS

_CHUNK = 256  # texts hashed together: a few MB of intermediate values
# The permutations: fixed for ever, since stored band keys must keep matching new ones. The
# multipliers are odd, as multiply-shift hashing needs.
_PERM = np.random.default_rng(13_2016).integers(1, 1 << 63, size=(2, NUM_PERM), dtype=np.uint64)
_A = (_PERM[0] | np.uint64(1))[:, None]
_B = _PERM[1][:, None]
_BAND_MIX = np.random.default_rng(2015_11_24).integers(
    1, 1 << 63, size=(BANDS, ROWS), dtype=np.uint64
)

_QUOTES = str.maketrans(
    {
        **dict.fromkeys("“”„‟«»″〝〞＂", '"'),
        **dict.fromkeys("‘’‚‛‹›′`´", "'"),
    }
)
_AGENCIES = (
    r"Reuters|AFP|AP|Associated Press|Agence France-Presse|(?:ITAR-)?TASS|RIA Novosti|RIA"
    r"|Interfax|Sputnik|Anadolu(?: Agency)?|AA|Xinhua|dpa|DPA|Bloomberg|DHA|IHA|UPI|EFE|ANSA"
)
_DASH = r"[-–—]+"
# "ANKARA (Reuters) -", "MOSCOW, July 26 (AFP) —": a dateline closed by a bracketed credit.
_LEAD_DATELINE = re.compile(
    rf"^\s*(?:[A-Z][\w.'/-]*\s?){{1,3}}(?:,\s*[A-Z][a-z]+\.? \d{{1,2}})?\s*\((?:{_AGENCIES})\)"
    rf"\s*(?:{_DASH}|:)?\s*"
)
# "ANKARA, July 26 —", "MOSCOW -": an upper-case dateline without an agency.
_LEAD_CAPS = re.compile(
    rf"^\s*[A-Z][A-Z .'/-]{{2,30}}(?:,\s*[A-Z][a-z]+\.? \d{{1,2}})?\s*{_DASH}\s*"
)
# "AFP -", "Reuters:": an agency at the start.
_LEAD_AGENCY = re.compile(rf"^\s*(?:{_AGENCIES})\s*(?:{_DASH}|:)\s*")
# "… next week. — TASS", "… next week - AFP": an agency sign-off at the end.
_TAIL_AGENCY = re.compile(rf"\s*{_DASH}\s*(?:{_AGENCIES})\.?\s*$")
# "(Reuters)", "(AFP)" anywhere.
_BRACKETED = re.compile(rf"\s*\((?:{_AGENCIES})\)")
_WORD = re.compile(r"\w+")


def strip_credits(text: str) -> str:
    """``text`` without the agency credits and datelines a wire story gains in each reprint."""
    text = _LEAD_DATELINE.sub("", text, count=1)
    text = _LEAD_AGENCY.sub("", text, count=1)
    text = _LEAD_CAPS.sub("", text, count=1)
    text = _TAIL_AGENCY.sub("", text, count=1)
    return _BRACKETED.sub("", text)


def normalise(text: str) -> str:
    """The form copies share: credits dropped, lower case, words joined by one space."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(_WORD.findall(strip_credits(text).lower()))


def _scramble(x: np.ndarray) -> np.ndarray:
    # splitmix64's finaliser: neighbouring shingles differ in a few low bits, and a linear hash
    # of such values estimates similarity with a bias.
    with np.errstate(over="ignore"):
        x ^= x >> np.uint64(30)
        x *= np.uint64(0xBF58476D1CE4E5B9)
        x ^= x >> np.uint64(27)
        x *= np.uint64(0x94D049BB133111EB)
        x ^= x >> np.uint64(31)
    return x


def _shingles(norms: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The normal forms' 5-byte shingles as scrambled 40-bit integers (exact: no hash collides
    them), all texts' in one array, and where each text's start. Computed over the texts joined
    end to end, keeping only the shingles that lie inside one text."""
    encoded = [n.encode("utf-8").ljust(SHINGLE) for n in norms]
    lengths = np.array([len(e) for e in encoded], dtype=np.int64)
    b = np.frombuffer(b"".join(encoded), dtype=np.uint8).astype(np.uint64)
    n = len(b) - SHINGLE + 1
    x = np.zeros(n, dtype=np.uint64)
    for k in range(SHINGLE):
        x = (x << np.uint64(8)) | b[k : k + n]
    counts = lengths - SHINGLE + 1
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    keep = np.repeat(offsets - starts, counts) + np.arange(int(counts.sum()))
    return _scramble(x[keep]), starts


def signatures(norms: Sequence[str]) -> np.ndarray:
    """MinHash of each normal form's character shingles: ``(len(norms), NUM_PERM)`` uint32.

    Each permutation is a multiply-shift hash ``(a * x + b) mod 2**64 >> 32`` (a universal
    family, computed with numpy's wrapping uint64 arithmetic); a repeated shingle changes no
    minimum, so the shingles need not be deduplicated. Work is done for many texts at once; the
    shift is taken after the minimum (it is monotone), once per value kept.
    """
    out = np.empty((len(norms), NUM_PERM), dtype=np.uint32)
    for lo in range(0, len(norms), _CHUNK):
        x, starts = _shingles(norms[lo : lo + _CHUNK])
        hashed = np.empty((NUM_PERM, len(x)), dtype=np.uint64)
        with np.errstate(over="ignore"):
            np.multiply(_A, x[None, :], out=hashed)
            hashed += _B
        low = np.minimum.reduceat(hashed, starts, axis=1) >> np.uint64(32)
        out[lo : lo + len(starts)] = low.T
    return out


def signature(norm: str) -> np.ndarray:
    """MinHash of one normal form: ``NUM_PERM`` uint32 values (see :func:`signatures`)."""
    return signatures([norm])[0]


def band_keys(sig: np.ndarray, salts: Sequence[str] = ("",)) -> list[int]:
    """One signed 64-bit key per band and salt (band number and salt mixed in), for an indexed
    BIGINT column: ``BANDS`` keys for the first salt, then for the next."""
    rows = np.zeros(len(salts), dtype=np.int64)
    return band_key_matrix(sig[None, :], rows, salts).ravel().tolist()


def band_key_matrix(sigs: np.ndarray, rows: np.ndarray, salts: Sequence[str]) -> np.ndarray:
    """:func:`band_keys` of many signatures at once: ``(len(rows), BANDS)`` int64, line ``i``
    the keys of ``sigs[rows[i]]`` with ``salts[i]``."""
    bands = sigs.astype(np.uint64).reshape(len(sigs), BANDS, ROWS)
    cache: dict[str, int] = {}
    salted = np.array(
        [cache.setdefault(s, zlib.crc32(s.encode("utf-8"))) for s in salts], dtype=np.uint64
    )
    with np.errstate(over="ignore"):
        base = (bands * _BAND_MIX).sum(axis=2, dtype=np.uint64) + np.arange(BANDS, dtype=np.uint64)
        mixed = base[np.asarray(rows, dtype=np.int64)] + (salted[:, None] << np.uint64(20))
        mixed ^= mixed >> np.uint64(29)
        mixed *= np.uint64(0xBF58476D1CE4E5B9)
        mixed ^= mixed >> np.uint64(32)
    return (mixed >> np.uint64(1)).astype(np.int64).reshape(len(salted), BANDS)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.count_nonzero(a == b)) / NUM_PERM
