"""Syndicated copies: statements that are one remark carried by several outlets, as clusters.

Contract
--------
:func:`assign` places new statements (:class:`CopyCandidate`: text, speaker, publication date)
in ``copy_clusters`` on a writer connection, inside the caller's transaction. A statement joins
the cluster whose representative has the same speaker, was published at most
:data:`WINDOW_DAYS` days apart and whose MinHash signature (:mod:`tracker.db.shingles`) is the
most similar, at least :data:`THRESHOLD`; otherwise it founds a cluster and becomes its
representative. Candidates come from the representatives' LSH band keys in ``copy_bands``
(indexed): matching an article costs one indexed lookup of its keys, not a pass over the
archive, and every process and run sees the same clusters. The same remark a week later is a
new cluster.

:func:`leave` takes statements out of their clusters before their rows go (``--replace``) or
before they are placed again; a cluster whose representative left gets the oldest remaining
copy as representative (its signature and keys recomputed), an empty cluster is deleted.
:func:`pending` finds (read-only) the statements whose current analysis has no cluster yet (an
ingest with ``--defer-analysis``, a database from before migration 0007) or another speaker than
the one they were placed with (a re-analysis); :func:`place` places them, in parts small enough
for short write transactions (``tracker rescore`` does); :func:`refresh` does both at once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import duckdb
import numpy as np
import pyarrow as pa

from tracker.db.shingles import BANDS, band_keys, normalise, signature, signatures, similarity
from tracker.db.tables import insert_arrow, next_id

WINDOW_DAYS = 3  # a wire story's reprints appear within days; the same words later are news again
THRESHOLD = 0.75  # estimated Jaccard of 5-character shingles (bench/dedup.py chose it)
_EPOCH = dt.date(1970, 1, 1)
# Up to this many keys go to an indexed IN lookup; more (a bulk placement) to a hash join.
_INDEXED_KEYS = 2048


@dataclass(frozen=True)
class CopyCandidate:
    """A stored statement to place in a cluster."""

    statement_id: int
    text: str
    speaker: str
    published: dt.date


@dataclass
class _Cluster:
    cluster_id: int
    speaker: str
    published: dt.date
    signature: np.ndarray


def _bucket(day: dt.date) -> int:
    return (day - _EPOCH).days // (WINDOW_DAYS + 1)


def _slots(published: dt.date) -> range:
    """The slots whose representatives can be within the window of ``published``."""
    span = dt.timedelta(days=WINDOW_DAYS)
    return range(_bucket(published - span), _bucket(published + span) + 1)


def _keys(sig: np.ndarray, speaker: str, published: dt.date) -> tuple[list[int], list[int]]:
    """(the keys to look up for a statement, the keys it is stored under as a representative).

    Keys are salted with the speaker and a slot of ``WINDOW_DAYS + 1`` days, so a lookup meets
    only clusters of that speaker and time: a representative is stored under its own slot, a
    statement looks up every slot within the window.
    """
    slots = list(_slots(published))
    keys = band_keys(sig, [f"{speaker}\x1f{slot}" for slot in slots])
    own = slots.index(_bucket(published))
    return keys, keys[own * BANDS : (own + 1) * BANDS]


def _lookup(con: duckdb.DuckDBPyConnection, keys: Sequence[int]) -> dict[int, list[int]]:
    """band key -> cluster ids, for the keys stored."""
    found: dict[int, list[int]] = defaultdict(list)
    if not keys:
        return found
    if len(keys) <= _INDEXED_KEYS:
        marks = ", ".join("?" * len(keys))
        rows = con.execute(
            f"SELECT band_key, cluster_id FROM copy_bands WHERE band_key IN ({marks})", list(keys)
        ).fetchall()
    else:
        con.register("_keys", pa.table({"band_key": pa.array(keys, pa.int64())}))
        try:
            rows = con.execute(
                "SELECT b.band_key, b.cluster_id FROM copy_bands AS b JOIN _keys USING (band_key)"
            ).fetchall()
        finally:
            con.unregister("_keys")
    for key, cluster_id in rows:
        found[key].append(cluster_id)
    return found


def _clusters(con: duckdb.DuckDBPyConnection, ids: Iterable[int]) -> dict[int, _Cluster]:
    ids = sorted(set(ids))
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))  # an IN list of values is an index lookup
    rows = con.execute(
        "SELECT cluster_id, speaker, published, signature FROM copy_clusters "
        f"WHERE cluster_id IN ({marks})",
        ids,
    ).fetchall()
    return {c: _Cluster(c, s, p, np.array(sig, dtype=np.uint32)) for c, s, p, sig in rows}


@dataclass(frozen=True)
class Prepared:
    """Statements with their signatures and keys: the work of :func:`assign` that needs no
    database, done before a writer takes the file."""

    items: tuple[CopyCandidate, ...]
    sigs: np.ndarray
    keyed: tuple[tuple[list[int], list[int]], ...]


def prepare(items: Sequence[CopyCandidate]) -> Prepared:
    items = tuple(sorted(items, key=lambda c: c.statement_id))
    sigs = signatures([normalise(c.text) for c in items])
    keyed = tuple(_keys(s, c.speaker, c.published) for s, c in zip(sigs, items, strict=True))
    return Prepared(items, sigs, keyed)


def assign(
    con: duckdb.DuckDBPyConnection, items: Sequence[CopyCandidate] | Prepared
) -> dict[int, int]:
    """Place ``items`` (not yet in any cluster) in clusters; returns statement id -> cluster id."""
    work = items if isinstance(items, Prepared) else prepare(items)
    if not work.items:
        return {}
    items, sigs, keyed = work.items, work.sigs, work.keyed
    keys = [search for search, _ in keyed]
    stored = _lookup(con, sorted({k for ks in keys for k in ks}))
    clusters = _clusters(con, (c for ids in stored.values() for c in ids))
    candidates: dict[int, list[int]] = defaultdict(list, {k: list(v) for k, v in stored.items()})
    next_cluster = next_id(con, "copy_clusters")
    placed: dict[int, int] = {}
    grown: dict[int, int] = defaultdict(int)
    new_clusters: list[_Cluster] = []
    new_bands: list[tuple[int, int]] = []
    for item, sig, (ks, own) in zip(items, sigs, keyed, strict=True):
        best, best_sim = None, THRESHOLD
        for cid in sorted({c for k in ks for c in candidates.get(k, ())}):
            cluster = clusters[cid]
            if cluster.speaker != item.speaker:
                continue
            if abs((cluster.published - item.published).days) > WINDOW_DAYS:
                continue
            sim = similarity(cluster.signature, sig)
            if sim >= best_sim and (best is None or sim > best_sim):
                best, best_sim = cid, sim
        if best is None:
            best = next_cluster
            next_cluster += 1
            cluster = _Cluster(best, item.speaker, item.published, sig)
            clusters[best] = cluster
            new_clusters.append(cluster)
            for k in own:
                candidates[k].append(best)
                new_bands.append((k, best))
        placed[item.statement_id] = best
        grown[best] += 1

    founded = {c.cluster_id for c in new_clusters}
    reps: dict[int, int] = {}  # the founder: the first (oldest id) statement placed in it
    for item in items:
        cid = placed[item.statement_id]
        if cid in founded:
            reps.setdefault(cid, item.statement_id)
    insert_arrow(
        con,
        "copy_clusters",
        pa.table(
            {
                "cluster_id": [c.cluster_id for c in new_clusters],
                "representative_id": [reps[c.cluster_id] for c in new_clusters],
                "speaker": [c.speaker for c in new_clusters],
                "published": [c.published for c in new_clusters],
                "signature": pa.array(
                    [c.signature.tolist() for c in new_clusters], pa.list_(pa.uint32())
                ),
                "copies": pa.array([grown[c.cluster_id] for c in new_clusters], pa.int32()),
            }
        ),
    )
    _insert_bands(con, new_bands)
    existing = {c: n for c, n in grown.items() if c not in founded}
    if existing:
        con.execute(
            "UPDATE copy_clusters AS c SET copies = c.copies + g.n "
            "FROM (SELECT unnest(?) AS cluster_id, unnest(?) AS n) AS g "
            "WHERE c.cluster_id = g.cluster_id",
            [list(existing), list(existing.values())],
        )
    insert_arrow(
        con,
        "statement_copies",
        pa.table(
            {
                "statement_id": [c.statement_id for c in items],
                "cluster_id": [placed[c.statement_id] for c in items],
                "speaker": [c.speaker for c in items],
            }
        ),
    )
    return placed


def _insert_bands(con: duckdb.DuckDBPyConnection, bands: Sequence[tuple[int, int]]) -> None:
    insert_arrow(
        con,
        "copy_bands",
        pa.table(
            {
                "band_key": pa.array([k for k, _ in bands], pa.int64()),
                "cluster_id": pa.array([c for _, c in bands], pa.int64()),
            }
        ),
    )


def leave(con: duckdb.DuckDBPyConnection, statement_ids: Sequence[int]) -> None:
    """Take statements out of their clusters (inside the caller's transaction)."""
    if not statement_ids:
        return
    ids = [list(statement_ids)]
    affected = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT cluster_id FROM statement_copies "
            "WHERE statement_id IN (SELECT unnest(?))",
            ids,
        ).fetchall()
    ]
    if not affected:
        return
    con.execute("DELETE FROM statement_copies WHERE statement_id IN (SELECT unnest(?))", ids)
    rows = con.execute(
        "SELECT c.cluster_id, c.representative_id, count(m.statement_id), min(m.statement_id) "
        "FROM copy_clusters AS c LEFT JOIN statement_copies AS m USING (cluster_id) "
        "WHERE c.cluster_id IN (SELECT unnest(?)) GROUP BY ALL",
        [affected],
    ).fetchall()
    empty = [c for c, _, n, _ in rows if n == 0]
    still = {c: (rep, n, first) for c, rep, n, first in rows if n > 0}
    moved = [c for c, (rep, _, first) in still.items() if rep != first]
    # The oldest remaining copy stands for a cluster whose representative left.
    new_reps = {c: still[c][2] for c in moved}
    gone = empty + moved
    if gone:
        con.execute("DELETE FROM copy_bands WHERE cluster_id IN (SELECT unnest(?))", [gone])
    if empty:
        con.execute("DELETE FROM copy_clusters WHERE cluster_id IN (SELECT unnest(?))", [empty])
    if still:
        con.execute(
            "UPDATE copy_clusters AS c SET copies = g.n "
            "FROM (SELECT unnest(?) AS cluster_id, unnest(?) AS n) AS g "
            "WHERE c.cluster_id = g.cluster_id",
            [list(still), [n for _, n, _ in still.values()]],
        )
    if not new_reps:
        return
    reps = con.execute(
        "SELECT m.cluster_id, st.text, st.published, c.speaker FROM statements AS st "
        "JOIN statement_copies AS m USING (statement_id) "
        "JOIN copy_clusters AS c USING (cluster_id) WHERE st.statement_id IN (SELECT unnest(?))",
        [list(new_reps.values())],
    ).fetchall()
    by_cluster = {c: (text, pub, speaker) for c, text, pub, speaker in reps}
    bands: list[tuple[int, int]] = []
    for cid, rep in new_reps.items():
        text, pub, speaker = by_cluster[cid]
        sig = signature(normalise(text))
        con.execute(
            "UPDATE copy_clusters SET representative_id = ?, published = ?, signature = ? "
            "WHERE cluster_id = ?",
            [rep, pub, sig.tolist(), cid],
        )
        bands += [(k, cid) for k in _keys(sig, speaker, pub)[1]]
    _insert_bands(con, bands)


@dataclass(frozen=True)
class Pending:
    """Statements to place: ``fresh`` in no cluster yet, ``moved`` to take out of theirs first
    (their speaker changed)."""

    fresh: tuple[CopyCandidate, ...]
    moved: tuple[CopyCandidate, ...]

    def __len__(self) -> int:
        return len(self.fresh) + len(self.moved)

    def chunks(self, size: int) -> list[Pending]:
        """The same work in parts of at most ``size`` statements, for short transactions."""
        work = [(c, False) for c in self.fresh] + [(c, True) for c in self.moved]
        parts = [work[i : i + size] for i in range(0, len(work), size)]
        return [
            Pending(tuple(c for c, m in part if not m), tuple(c for c, m in part if m))
            for part in parts
        ]


def pending(con: duckdb.DuckDBPyConnection) -> Pending:
    """The statements whose current analysis has no cluster, or another speaker than the one
    they were placed with (read-only)."""
    rows = con.execute(
        "SELECT st.statement_id, st.text, a.speaker, st.published, m.statement_id IS NOT NULL "
        "FROM current_analysis AS a JOIN statements AS st USING (statement_id) "
        "LEFT JOIN statement_copies AS m USING (statement_id) "
        "WHERE m.statement_id IS NULL OR m.speaker <> a.speaker ORDER BY st.statement_id"
    ).fetchall()
    fresh = tuple(CopyCandidate(s, t, sp, p) for s, t, sp, p, placed in rows if not placed)
    moved = tuple(CopyCandidate(s, t, sp, p) for s, t, sp, p, placed in rows if placed)
    return Pending(fresh, moved)


def place(con: duckdb.DuckDBPyConnection, work: Pending, prepared: Prepared | None = None) -> None:
    """Carry out :func:`pending`'s work (inside the caller's transaction); ``prepared`` is
    :func:`prepare` of its statements, computed before the transaction."""
    leave(con, [c.statement_id for c in work.moved])
    assign(con, prepared or prepare([*work.fresh, *work.moved]))


def refresh(con: duckdb.DuckDBPyConnection) -> int:
    """Place everything :func:`pending` finds, at once; returns how many were placed."""
    work = pending(con)
    place(con, work)
    return len(work)
