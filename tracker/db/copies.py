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
for short write transactions (``tracker rescore`` does), keeping ``dyad_aggregates`` in step
(:mod:`tracker.db.aggregates`); :func:`refresh` does both at once. :func:`assign` and
:func:`leave` leave that to their caller.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import numpy as np
import pyarrow as pa

from tracker.db import aggregates
from tracker.db.shingles import (
    BANDS,
    NUM_PERM,
    band_key_matrix,
    band_keys,
    normalise,
    signature,
    signatures,
    similarity,
)
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


def _lookup(con: duckdb.DuckDBPyConnection, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(band keys, cluster ids) of the stored bands with one of ``keys`` (distinct)."""
    if not len(keys):
        return np.empty(0, np.int64), np.empty(0, np.int64)
    if len(keys) <= _INDEXED_KEYS:
        marks = ", ".join("?" * len(keys))
        found = con.sql(
            f"SELECT band_key, cluster_id FROM copy_bands WHERE band_key IN ({marks})",
            params=keys.tolist(),
        ).to_arrow_table()
    else:
        con.register("_keys", pa.table({"band_key": pa.array(keys, pa.int64())}))
        try:
            found = con.sql(
                "SELECT b.band_key, b.cluster_id FROM copy_bands AS b JOIN _keys USING (band_key)"
            ).to_arrow_table()
        finally:
            con.unregister("_keys")
    return (
        found.column("band_key").to_numpy().astype(np.int64),
        found.column("cluster_id").to_numpy().astype(np.int64),
    )


def _clusters(con: duckdb.DuckDBPyConnection, ids: np.ndarray) -> dict[int, _Cluster]:
    ids = np.unique(ids)
    if not len(ids):
        return {}
    columns = "cluster_id, speaker, published, signature"
    if len(ids) <= _INDEXED_KEYS:
        marks = ", ".join("?" * len(ids))  # an IN list of values is an index lookup
        found = con.sql(
            f"SELECT {columns} FROM copy_clusters WHERE cluster_id IN ({marks})",
            params=ids.tolist(),
        ).to_arrow_table()
    else:
        con.register("_ids", pa.table({"cluster_id": pa.array(ids, pa.int64())}))
        try:
            found = con.sql(
                f"SELECT {columns} FROM copy_clusters JOIN _ids USING (cluster_id)"
            ).to_arrow_table()
        finally:
            con.unregister("_ids")
    sigs = (
        found.column("signature").combine_chunks().flatten().to_numpy().astype(np.uint32)
    ).reshape(found.num_rows, NUM_PERM)
    return {
        c: _Cluster(c, sp, p, sig)
        for c, sp, p, sig in zip(
            found.column("cluster_id").to_pylist(),
            found.column("speaker").to_pylist(),
            found.column("published").to_pylist(),
            sigs,
            strict=True,
        )
    }


def _match(
    keys: np.ndarray, rows: np.ndarray, table: np.ndarray, values: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Every (row, value) with ``keys[i] == table[j]``: row ``rows[i]``, value ``values[j]``."""
    order = np.argsort(table, kind="stable")
    table, values = table[order], values[order]
    lo = np.searchsorted(table, keys, "left")
    counts = np.searchsorted(table, keys, "right") - lo
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    picks = np.repeat(lo - starts, counts) + np.arange(int(counts.sum()))
    return np.repeat(rows, counts), values[picks]


def _grouped(rows: np.ndarray, values: np.ndarray) -> dict[int, list[int]]:
    """row -> its values (distinct, ascending)."""
    out: dict[int, list[int]] = {}
    if not len(rows):
        return out
    pairs = np.unique(np.stack([rows, values], axis=1), axis=0)
    cut = np.flatnonzero(np.diff(pairs[:, 0])) + 1
    for part in np.split(pairs, cut):
        out[int(part[0, 0])] = part[:, 1].tolist()
    return out


@dataclass(frozen=True)
class Prepared:
    """Statements (in id order) with their signatures and keys: the work of :func:`assign` that
    needs no database, done before a writer takes the file. ``search`` holds the keys to look
    up, one line of ``BANDS`` per statement and slot (``search_rows`` its statement);
    ``own[i]`` the keys statement ``i`` is stored under should it found a cluster."""

    items: tuple[CopyCandidate, ...]
    sigs: np.ndarray
    search: np.ndarray
    search_rows: np.ndarray
    own: np.ndarray


def prepare(items: Sequence[CopyCandidate]) -> Prepared:
    items = tuple(sorted(items, key=lambda c: c.statement_id))
    sigs = signatures([normalise(c.text) for c in items])
    rows: list[int] = []
    salts: list[str] = []
    own_line: list[int] = []
    for i, c in enumerate(items):
        own_line.append(len(rows) + _bucket(c.published) - _slots(c.published).start)
        for slot in _slots(c.published):
            rows.append(i)
            salts.append(f"{c.speaker}\x1f{slot}")
    search_rows = np.array(rows, dtype=np.int64)
    search = band_key_matrix(sigs, search_rows, salts)
    return Prepared(items, sigs, search, search_rows, search[np.array(own_line, dtype=np.int64)])


def assign(
    con: duckdb.DuckDBPyConnection, items: Sequence[CopyCandidate] | Prepared
) -> dict[int, int]:
    """Place ``items`` (not yet in any cluster) in clusters; returns statement id -> cluster id.

    One lookup for all of them; copies among ``items`` themselves are found in memory: each
    statement's candidates are the stored clusters and the earlier statements of ``items``
    sharing one of its keys, taken in id order as if they were placed one by one."""
    work = items if isinstance(items, Prepared) else prepare(items)
    if not work.items:
        return {}
    items, sigs = work.items, work.sigs
    n = len(items)
    keys = work.search.ravel()
    key_rows = np.repeat(work.search_rows, BANDS)
    band_key, band_cluster = _lookup(con, np.unique(keys))
    clusters = _clusters(con, band_cluster)
    stored = _grouped(*_match(keys, key_rows, band_key, band_cluster))
    own_rows = np.repeat(np.arange(n, dtype=np.int64), BANDS)
    rows, earlier = _match(keys, key_rows, work.own.ravel(), own_rows)
    within = _grouped(rows[earlier < rows], earlier[earlier < rows])
    next_cluster = next_id(con, "copy_clusters")
    placed: dict[int, int] = {}
    founder: dict[int, int] = {}  # index in items -> the cluster it founded
    grown: dict[int, int] = defaultdict(int)
    new_clusters: list[_Cluster] = []
    reps: list[int] = []
    for i, (item, sig) in enumerate(zip(items, sigs, strict=True)):
        best, best_sim = None, THRESHOLD
        found = stored.get(i, [])
        later = [founder[j] for j in within.get(i, ()) if j in founder]
        for cid in sorted({*found, *later}) if later and found else found or later:
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
            founder[i] = best
            reps.append(item.statement_id)  # the founder: the first (oldest id) statement in it
        placed[item.statement_id] = best
        grown[best] += 1

    founded = set(founder.values())
    new_sigs = np.array([c.signature for c in new_clusters], dtype=np.uint32).reshape(-1, NUM_PERM)
    insert_arrow(
        con,
        "copy_clusters",
        pa.table(
            {
                "cluster_id": pa.array([c.cluster_id for c in new_clusters], pa.int64()),
                "representative_id": pa.array(reps, pa.int64()),
                "speaker": pa.array([c.speaker for c in new_clusters], pa.string()),
                "published": pa.array([c.published for c in new_clusters], pa.date32()),
                "signature": pa.FixedSizeListArray.from_arrays(
                    pa.array(new_sigs.ravel(), pa.uint32()), NUM_PERM
                ).cast(pa.list_(pa.uint32())),
                "copies": pa.array([grown[c.cluster_id] for c in new_clusters], pa.int32()),
            }
        ),
    )
    founders = np.array(list(founder), dtype=np.int64)
    insert_arrow(
        con,
        "copy_bands",
        pa.table(
            {
                "band_key": pa.array(work.own[founders].ravel(), pa.int64()),
                "cluster_id": pa.array(
                    np.repeat(np.array(list(founder.values()), dtype=np.int64), BANDS), pa.int64()
                ),
            }
        ),
    )
    existing = {c: k for c, k in grown.items() if c not in founded}
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

    def chunks(self, size: int, fresh_size: int | None = None) -> list[Pending]:
        """The same work in parts of at most ``size`` statements, for short transactions;
        consecutive parts with only fresh statements are joined up to ``fresh_size``.
        Placing fresh statements in id order gives the same clusters however they are cut,
        so joining them changes nothing; a part with moved statements takes them out of
        their clusters before placing any, so those parts keep their bounds."""
        work = [(c, False) for c in self.fresh] + [(c, True) for c in self.moved]
        parts = [work[i : i + size] for i in range(0, len(work), size)]
        joined: list[list[tuple[CopyCandidate, bool]]] = []
        limit = fresh_size or size
        for part in parts:
            only_fresh = not any(m for _, m in part)
            last = joined[-1] if joined else None
            if (
                only_fresh
                and last is not None
                and not any(m for _, m in last)
                and len(last) + len(part) <= limit
            ):
                last.extend(part)
            else:
                joined.append(list(part))
        return [
            Pending(tuple(c for c, m in part if not m), tuple(c for c, m in part if m))
            for part in joined
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
    moved = [c.statement_id for c in work.moved]
    # A fresh statement may stop being counted (it joins a cluster); a moved one's old cluster
    # may get another representative. The clusters they join keep theirs.
    touched = [c.statement_id for c in work.fresh] + aggregates.with_cluster_members(con, moved)
    with aggregates.maintained(con, touched):
        leave(con, moved)
        assign(con, prepared or prepare([*work.fresh, *work.moved]))


def refresh(con: duckdb.DuckDBPyConnection) -> int:
    """Place everything :func:`pending` finds, at once; returns how many were placed."""
    work = pending(con)
    place(con, work)
    return len(work)
