"""Scorer identities as rescoring sees them: what a profile's domain lexicon holds, and which
stored statements a lexicon edit can affect.

Contract
--------
- :func:`snapshot` describes a scorer: its identity (name, vaderSentiment version,
  ``lexicon_hash``), a ``rules_hash`` over VADER's lexicon and the rule sources *without* the
  domain lexicon and event dictionary files, the merged domain lexicon in order and the merged
  event dictionary in order (both empty for ``vader``).
- :func:`record` stores a snapshot once (tables ``scorer_identities``, ``lexicon_terms`` and
  ``event_patterns``);
  :func:`load` reads the recorded snapshots of one profile.
- :func:`changed_terms` lists the terms whose valence or note differ between two snapshots of a
  profile, and the event patterns whose category, value or note differ, or returns None when
  only a full rescoring is safe: vaderSentiment or the rules changed, a snapshot is unknown,
  or the phrases or patterns were reordered (the phrase matcher tries them in order).
- :func:`term_filter` turns terms into a SQL condition on a statement's text that holds for
  every statement in which any of them could match (a superset): every literal part of a term
  (a word, or a stem without its ``*``) must occur in the lower-cased text with curly
  apostrophes folded, or the text must hold an emoji whose VADER description contains it.

Why a superset is enough: the diplomacy profile reads its domain lexicon and its event
dictionary only for the tokens of the statement it scores (VADER's lookups, the phrase
matchers, the hedge rule, the explanation notes), so a statement that contains no changed term
or pattern scores, and reads its event, exactly as before.
Case folding is DuckDB's ``lower``, which agrees with Python's except for a few context rules
(final sigma), where it selects more, never fewer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from tracker.db.tables import insert_arrow
from tracker.scoring.diplomacy.lexicon import GAP, DomainLexicon
from tracker.scoring.events.dictionary import EventDictionary, EventPattern
from tracker.scoring.vader import Scorer, identity_hash, stock_analyzer

Key = tuple[str, str]  # (scorer_version, lexicon_hash): an identity within one profile

_FOLDED_TEXT = "replace(replace(lower({col}), '\u2019', ''''), '\u2018', '''')"


@dataclass(frozen=True)
class LexiconTerm:
    term: str
    valence: float
    note: str


@dataclass(frozen=True)
class IdentitySnapshot:
    """One scorer identity with what rescoring needs to compare it with another."""

    scorer: str
    scorer_version: str
    lexicon_hash: str
    rules_hash: str
    terms: tuple[LexiconTerm, ...] = ()
    lexicon_files: tuple[str, ...] = ()
    patterns: tuple[EventPattern, ...] = ()

    @property
    def key(self) -> Key:
        return (self.scorer_version, self.lexicon_hash)

    def describe(self) -> str:
        return f"{self.scorer} (vaderSentiment {self.scorer_version}, {self.lexicon_hash[:12]})"


def snapshot(scorer: Scorer) -> IdentitySnapshot:
    """The identity of a built scorer with its rules hash and merged domain lexicon."""
    identity = scorer.identity
    domain = getattr(scorer, "lexicon", None)
    if not isinstance(domain, DomainLexicon):
        return IdentitySnapshot(
            identity.name, identity.vader_version, identity.lexicon_hash, identity.lexicon_hash
        )
    # Imported here: only the diplomacy profile has rule sources besides VADER's lexicon.
    from tracker.scoring.diplomacy.profile import rule_source_bytes

    events = getattr(scorer, "events", None)
    event_bytes = list(events.file_bytes) if isinstance(events, EventDictionary) else []
    patterns = tuple(events.patterns.values()) if isinstance(events, EventDictionary) else ()
    rule_bytes = rule_source_bytes()
    rules = identity_hash(rule_bytes)
    if identity_hash([*domain.file_bytes, *event_bytes, *rule_bytes]) != identity.lexicon_hash:
        # The identity hashes something this module does not know about: never diff it.
        rules = identity.lexicon_hash
    valences = dict(domain.words)
    valences.update({p.term: p.valence for p in domain.phrases})
    terms = tuple(LexiconTerm(t, float(valences[t]), note) for t, note in domain.notes.items())
    return IdentitySnapshot(
        identity.name,
        identity.vader_version,
        identity.lexicon_hash,
        rules,
        terms,
        tuple(str(f) for f in domain.files),
        patterns,
    )


def record(con: duckdb.DuckDBPyConnection, snap: IdentitySnapshot, now: dt.datetime) -> bool:
    """Store a snapshot unless it is stored already; True when it was new."""
    known = con.execute(
        "SELECT count(*) FROM scorer_identities "
        "WHERE scorer = ? AND scorer_version = ? AND lexicon_hash = ?",
        [snap.scorer, snap.scorer_version, snap.lexicon_hash],
    ).fetchall()[0][0]
    if known:
        return False
    con.execute(
        "INSERT INTO scorer_identities (scorer, scorer_version, lexicon_hash, rules_hash, "
        "lexicon_files, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
        [
            snap.scorer,
            snap.scorer_version,
            snap.lexicon_hash,
            snap.rules_hash,
            list(snap.lexicon_files),
            now,
        ],
    )
    terms = pa.table(
        {
            "lexicon_hash": pa.array([snap.lexicon_hash] * len(snap.terms), pa.string()),
            "position": pa.array(range(len(snap.terms)), pa.int32()),
            "term": pa.array([t.term for t in snap.terms], pa.string()),
            "valence": pa.array([t.valence for t in snap.terms], pa.float64()),
            "note": pa.array([t.note for t in snap.terms], pa.string()),
        }
    )
    insert_arrow(con, "lexicon_terms", terms)
    patterns = snap.patterns
    rows = pa.table(
        {
            "lexicon_hash": pa.array([snap.lexicon_hash] * len(patterns), pa.string()),
            "position": pa.array(range(len(patterns)), pa.int32()),
            "pattern": pa.array([p.pattern for p in patterns], pa.string()),
            "cameo": pa.array([p.cameo for p in patterns], pa.string()),
            "goldstein": pa.array([p.goldstein for p in patterns], pa.float64()),
            "note": pa.array([p.note for p in patterns], pa.string()),
        }
    )
    insert_arrow(con, "event_patterns", rows)
    return True


def recorded_keys(con: duckdb.DuckDBPyConnection, scorer: str) -> set[Key]:
    rows = con.execute(
        "SELECT scorer_version, lexicon_hash FROM scorer_identities WHERE scorer = ?", [scorer]
    ).fetchall()
    return {(str(v), str(h)) for v, h in rows}


def load(con: duckdb.DuckDBPyConnection, scorer: str) -> dict[Key, IdentitySnapshot]:
    """Every recorded identity of one profile, with its terms."""
    identities = con.execute(
        "SELECT scorer_version, lexicon_hash, any_value(rules_hash), any_value(lexicon_files) "
        "FROM scorer_identities WHERE scorer = ? GROUP BY ALL",
        [scorer],
    ).fetchall()
    out: dict[Key, IdentitySnapshot] = {}
    for version, lexicon_hash, rules_hash, files in identities:
        rows = con.execute(
            "SELECT term, valence, note FROM lexicon_terms WHERE lexicon_hash = ? "
            "ORDER BY position",
            [lexicon_hash],
        ).fetchall()
        terms = tuple(LexiconTerm(str(t), float(v), str(n or "")) for t, v, n in rows)
        rows = con.execute(
            "SELECT pattern, cameo, goldstein, note FROM event_patterns WHERE lexicon_hash = ? "
            "ORDER BY position",
            [lexicon_hash],
        ).fetchall()
        patterns = tuple(
            EventPattern(str(p), str(c), float(g), str(n or "")) for p, c, g, n in rows
        )
        out[(version, lexicon_hash)] = IdentitySnapshot(
            scorer, version, lexicon_hash, rules_hash, terms, tuple(files or ()), patterns
        )
    return out


def _is_phrase(term: str) -> bool:
    return " " in term or term.endswith("*")


def changed_terms(
    old: IdentitySnapshot | None, new: IdentitySnapshot | None
) -> tuple[str, ...] | None:
    """Terms added, removed or revalued from ``old`` to ``new``; None: rescore everything."""
    if old is None or new is None or old.scorer != new.scorer:
        return None
    if old.scorer_version != new.scorer_version or old.rules_hash != new.rules_hash:
        return None
    before = {t.term: t for t in old.terms}
    after = {t.term: t for t in new.terms}
    changed = {t for t in before.keys() | after.keys() if before.get(t) != after.get(t)}

    def phrase_order(snap: IdentitySnapshot) -> list[str]:
        return [t.term for t in snap.terms if _is_phrase(t.term) and t.term not in changed]

    if phrase_order(old) != phrase_order(new):
        return None
    was = {p.pattern: p for p in old.patterns}
    now = {p.pattern: p for p in new.patterns}
    edited = {p for p in was.keys() | now.keys() if was.get(p) != now.get(p)}

    def pattern_order(snap: IdentitySnapshot) -> list[str]:
        return [p.pattern for p in snap.patterns if p.pattern not in edited]

    if pattern_order(old) != pattern_order(new):
        return None
    return tuple(sorted(changed | edited))


def literal_parts(term: str) -> tuple[str, ...]:
    """What must occur in a text for ``term`` to match: words, and stems without ``*``."""
    return tuple(p.rstrip("*") for p in term.split(" ") if p and p != GAP)


def _emoji_class(part: str) -> str | None:
    """A regex class of the emoji whose VADER description contains ``part``, if any."""
    emojis = sorted(
        e for e, d in stock_analyzer().emojis.items() if len(e) == 1 and part in d.lower()
    )
    if not emojis:
        return None
    return "[" + "".join("\\" + e if e in "\\]^-[" else e for e in emojis) + "]"


def term_filter(terms: Sequence[str], column: str = "text") -> tuple[str, list[str]]:
    """A SQL condition on ``column`` true for every text any of ``terms`` could match."""
    folded = _FOLDED_TEXT.format(col=column)
    alternatives: list[str] = []
    params: list[str] = []
    for term in terms:
        parts = literal_parts(term)
        if not parts:
            continue
        conditions = []
        for part in parts:
            emoji = _emoji_class(part)
            if emoji is None:
                conditions.append(f"contains({folded}, ?)")
                params.append(part)
            else:
                conditions.append(f"(contains({folded}, ?) OR regexp_matches({column}, ?))")
                params.extend([part, emoji])
        alternatives.append("(" + " AND ".join(conditions) + ")")
    if not alternatives:
        return "false", []
    return "(" + " OR ".join(alternatives) + ")", params
