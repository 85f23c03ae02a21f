"""Scorer protocol, stock VADER profile, explanations, identities, user lexicons, speed."""

from __future__ import annotations

import copy
import hashlib
import importlib.metadata
import json
import math
import random
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from vaderSentiment.vaderSentiment import NEGATE, SentimentIntensityAnalyzer

from tracker.errors import InputError, TrackerError
from tracker.fingerprint import source_bytes
from tracker.models import Score
from tracker.scoring.diplomacy.lexicon import default_lexicon_path
from tracker.scoring.diplomacy.profile import DiplomacyScorer
from tracker.scoring.explanation import Contribution, Explanation
from tracker.scoring.vader import (
    DEFAULT_PROFILE,
    PROFILES,
    VADER_SOURCES,
    UnknownProfile,
    VaderScorer,
    expected_compound,
    get_scorer,
    hit_spans,
    identity_hash,
    piece_spans,
    stock_analyzer,
    vader_lexicon_path,
)
from tracker.text.clauses import split_clauses
from tracker.text.segment import statements

VADER = get_scorer("vader")
DIPLOMACY = get_scorer("diplomacy")
STOCK = SentimentIntensityAnalyzer()

SENTENCES = [
    ("positive", "The talks were warm, friendly and very productive!"),
    ("negative", "Russia lifted its ban on charter flights to Turkey."),
    ("negation", "The summit was not a success."),
    ("but", "The food was good, but the service was terrible."),
    ("caps and emoji", "GREAT news \U0001f600 for everyone"),
    ("neutral", "The ministers met in Sochi on Friday."),
]


@pytest.mark.parametrize("text", [s[1] for s in SENTENCES], ids=[s[0] for s in SENTENCES])
def test_vader_profile_is_stock_vader(text: str) -> None:
    expected = STOCK.polarity_scores(text)
    assert VADER.score(text) == Score(
        expected["compound"], expected["pos"], expected["neu"], expected["neg"]
    )
    explanation = VADER.explain(text)
    assert explanation.compound == expected["compound"]
    assert math.isclose(expected_compound(explanation), expected["compound"], abs_tol=1e-4)
    assert {c.kind for c in explanation.contributions} <= {"vader_token"}


# VADER's negation and idiom checks read up to three words before a lexicon word and two after
# it: cases at the start, middle and end of a sentence, where the narrowed view must match.
NARROWED = [
    ("negation first word", "Not good at all."),
    ("negation two before", "It is not very good."),
    ("negation three before", "It was not a very good day."),
    ("never so, three before", "It was never so very good."),
    ("without doubt, three before", "It was without doubt really good."),
    ("idiom three before", "It was the bomb really good."),
    ("never so", "The talks were never so productive as today."),
    ("without doubt", "It was without doubt a great success."),
    ("no ... nor", "There was no trust nor goodwill left."),
    ("least", "It was the least helpful meeting, at least good food."),
    ("idiom before", "That deal was the bomb for both sides."),
    ("idiom after, sentence end", "The plan does not cut the mustard"),
    ("idiom spanning the end", "Their offer was a kiss of death"),
    ("booster bigram", "Relations were kind of bad and sort of tense."),
    ("late in a long sentence", " ".join(["word"] * 30) + " was not a bad result"),
    ("capitals", "The summit was NOT GOOD, but the dinner was GREAT!"),
    ("so/this right before, three back", "We all think this good."),
    ("so right before", "They really were so good."),
    ("n't forms", "They didn't like it, and we don't hate it, ain't bad."),
    ("n't forms VADER does not list", "I amn't happy, they mayn't like it, we oughtn't win."),
    ("negation at each distance", "Not at all a good day, not a good day, not good."),
    ("capitalised negation", "NEVER so GOOD, Without doubt great."),
    # The shortcuts of TracedAnalyzer.polarity_scores: emojis, "but", "kind of", padding.
    ("emoji spelled out", "Talks went well \U0001f600 then\U0001f621 came"),
    ("emoji only", "\U0001f44d"),
    ("capitalised but", "The offer was good BUT the terms were bad."),
    ("but in punctuation", "Good, but... bad; (but) worse"),
    ("kind as the last word", "The hosts were kind"),
    ("kind of, then kind", "It was kind of kind of them, KIND Of good."),
    ("padded text", "   a good day  \n"),
]


@pytest.mark.parametrize("text", [n[1] for n in NARROWED], ids=[n[0] for n in NARROWED])
def test_traced_analyzer_scores_as_stock_vader(text: str) -> None:
    assert stock_analyzer().polarity_scores(text) == STOCK.polarity_scores(text)


def test_traced_analyzer_with_a_domain_lexicon_scores_as_stock_vader() -> None:
    """A lexicon that gives a booster word or "kind" a valence (as a profile's may): VADER
    still reads them as modifiers first."""
    lexicon = {**STOCK.lexicon, "extremely": 1.5, "deeply": -1.0, "of": 0.5}
    stock, traced = copy.copy(STOCK), copy.copy(stock_analyzer())
    stock.lexicon = traced.lexicon = lexicon
    texts = ["They were extremely good and deeply hurt.", "It was kind of them, kind of good."]
    assert [traced.polarity_scores(t) for t in texts] == [stock.polarity_scores(t) for t in texts]


def test_traced_analyzer_scores_made_up_sentences_as_stock_vader() -> None:
    """Sentences drawn from VADER's negations, boosters, idiom words and a few sentiment words,
    where the shortcuts and narrowed views are most likely to go wrong."""
    rng = random.Random(2016)
    words = [
        *NEGATE,
        *[
            "so",
            "this",
            "doubt",
            "kind",
            "of",
            "sort",
            "the",
            "bomb",
            "cut",
            "mustard",
            "least",
            "at",
            "no",
            "or",
            "but",
            "very",
        ],
        *[
            "good",
            "bad",
            "great",
            "horrible",
            "SO",
            "THIS",
            "Never",
            "GOOD",
            "extremely",
            "slightly",
            "kiss",
            "death",
        ],
    ]
    sentences = [" ".join(rng.choices(words, k=rng.randint(1, 12))) for _ in range(3000)]
    analyzer = stock_analyzer()
    assert [analyzer.polarity_scores(t) for t in sentences] == [
        STOCK.polarity_scores(t) for t in sentences
    ]


def test_traced_analyzer_scores_the_demo_corpus_as_stock_vader() -> None:
    sentences = [
        seg.text
        for path in sorted((Path(__file__).parent.parent / "data" / "corpus").glob("*.md"))
        for seg in statements(path.read_text(encoding="utf-8"))
    ]
    # Read raw, front matter included: its 'published:' and 'source:' lines are furniture now.
    assert len(sentences) > 450
    analyzer = stock_analyzer()
    assert [analyzer.polarity_scores(t) for t in sentences] == [
        STOCK.polarity_scores(t) for t in sentences
    ]


def test_vader_explanation_lists_lexicon_tokens() -> None:
    explanation = VADER.explain("Russia lifted its ban, which was not good.")
    by_text = {c.text: c for c in explanation.contributions}
    assert by_text["ban,"].weight == pytest.approx(-2.6)
    assert by_text["ban,"].note == "lexicon -2.6"
    assert by_text["good."].weight == pytest.approx(1.9 * -0.74)
    assert by_text["good."].note == "lexicon +1.9, after VADER's modifiers"
    assert "ban,: VADER word, -2.60 (lexicon -2.6)" in explanation.describe()


# -- explanations of the diplomacy profile ----------------------------------------------

EXPLAINED = [
    ("reversal", "On Thursday Russia lifted a ban on charter flights to Turkey."),
    ("negation", "Russia did not lift the ban on Turkish tomatoes!"),
    (
        "third event",
        "Putin offered condolences to the families of the victims of the Ankara bombing.",
    ),
    (
        "background",
        "Putin and Erdogan meet for the first time since ties deteriorated last November.",
    ),
    ("but", "Ankara protested, but Moscow lifted the embargo and praised the talks."),
    (
        "clause of two",
        "Erdogan drew criticism from NATO allies, while Turkey heaped praise on Russia.",
    ),
]


@pytest.mark.parametrize("sentence", [c[1] for c in EXPLAINED], ids=[c[0] for c in EXPLAINED])
def test_explanation_adds_up_to_the_compound(sentence: str) -> None:
    explanation = DIPLOMACY.explain(sentence)
    assert explanation.compound == DIPLOMACY.score(sentence).compound
    assert math.isclose(expected_compound(explanation), explanation.compound, abs_tol=1e-4)
    for c in explanation.contributions:
        assert sentence[c.start : c.end] == c.text
    json.dumps(explanation.to_json())


def test_lifting_sentence_is_explained_by_a_positive_reversal() -> None:
    explanation = DIPLOMACY.explain("Russia lifted its ban on charter flights to Turkey.")
    (reversal,) = explanation.by_kind("reversal")
    assert reversal.text == "lifted its ban"
    assert reversal.weight > 0
    assert "lifted … ban: reversal rule, +2.50" in explanation.describe()
    assert explanation.describe().splitlines()[0].startswith("compound +0.")


def test_negation_and_neutralisation_are_described_in_words() -> None:
    negated = DIPLOMACY.explain("Russia did not lift the ban on Turkish tomatoes.").describe()
    assert "not … ban: negation, -4.35 ('not' turns it round" in negated
    condolence = DIPLOMACY.explain("Putin sent condolences to the victims of the bombing.")
    lines = condolence.describe().splitlines()
    assert any(line.startswith("victims: third-event word neutralised, +1.30") for line in lines)


def test_to_json_has_stable_keys() -> None:
    data = DIPLOMACY.explain("Moscow may restore ties with Ankara.").to_json()
    assert list(data) == [
        "profile",
        "compound",
        "valence_sum",
        "punctuation_emphasis",
        "contributions",
    ]
    assert list(data["contributions"][0]) == ["start", "end", "text", "kind", "weight", "note"]
    assert {c["kind"] for c in data["contributions"]} == {"phrase", "hedge"}


NOT_TEXT = [
    ("int", 42, "int"),
    ("none", None, "NoneType"),
    ("bytes", b"ties", "bytes"),
    ("list", ["a"], "list"),
]


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize(
    ("value", "type_name"), [n[1:] for n in NOT_TEXT], ids=[n[0] for n in NOT_TEXT]
)
def test_scorers_refuse_non_strings(profile: str, value: object, type_name: str) -> None:
    scorer = get_scorer(profile)
    calls = (
        scorer.score,
        scorer.explain,
        scorer.score_and_explain,
        lambda v: scorer.score_span(v, 0, 0),
        lambda v: scorer.score_and_explain_span(v, 0, 0),
    )
    for call in calls:
        with pytest.raises(TypeError, match=f"^scorer input must be str, got {type_name}: "):
            call(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("profile", PROFILES)
def test_span_outside_text_is_refused(profile: str) -> None:
    with pytest.raises(ValueError, match="does not lie inside the text"):
        get_scorer(profile).score_span("short", 2, 10)


SPANS = [
    ("whole", "Russia lifted its ban, but Brussels froze accession talks.", None),
    ("first clause", "Russia lifted its ban, but Brussels froze accession talks.", 0),
    ("second clause", "Russia lifted its ban, but Brussels froze accession talks.", 1),
]


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize(("text", "clause"), [s[1:] for s in SPANS], ids=[s[0] for s in SPANS])
def test_score_and_explain_agree_with_separate_calls(
    profile: str, text: str, clause: int | None
) -> None:
    scorer = get_scorer(profile)
    if clause is None:
        pair = scorer.score_and_explain(text)
        assert pair == (scorer.score(text), scorer.explain(text))
    else:
        start, end = split_clauses(text)[clause]
        pair = scorer.score_and_explain_span(text, start, end)
        expected = (scorer.score_span(text, start, end), scorer.explain_span(text, start, end))
        assert pair == expected
        assert all(start <= c.start <= c.end <= end for c in pair[1].contributions)
    assert pair[0].compound == pair[1].compound


# Texts where the offsets of VADER's pieces need a search (padding, tabs, no-break spaces,
# emojis spelled out as words) and where they do not.
STORED_FORMS = [
    ("single spaces", "Russia lifted its ban, but Brussels froze accession talks."),
    ("padded", "  The talks were a great  success , sadly   short.  "),
    ("tab and no-break space", "A warm\tand friendly\u00a0meeting, not a bad one."),
    ("emoji", "GREAT news \U0001f600 for everyone, sadly late"),
    ("quotes and backslash", 'He called it a \\ "terrible" and "wonderful" day!!'),
    ("non-ASCII", "Erdoğan hailed a great day; Lavrov was not pleased?"),
    ("no valence", "The ministers met in Sochi on Friday."),
    ("empty", ""),
]


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("text", [s[1] for s in STORED_FORMS], ids=[s[0] for s in STORED_FORMS])
def test_stored_json_is_the_explanation_as_json(profile: str, text: str) -> None:
    """Ingest stores ``score_and_explain_json`` without building objects: it must be the
    object path's explanation, spelled exactly as ``json.dumps`` spells ``to_json()``."""
    scorer = get_scorer(profile)
    spans = [None, (0, len(text)), (min(3, len(text)), max(len(text) - 4, min(3, len(text))))]
    for span in spans:
        score, explanation = (
            scorer.score_and_explain(text)
            if span is None
            else scorer.score_and_explain_span(text, *span)
        )
        stored_score, stored = scorer.score_and_explain_json(text, span)
        assert stored_score == score
        assert stored == explanation.to_json_text()
        assert stored == json.dumps(explanation.to_json(), ensure_ascii=False)
        if profile == "vader":  # VADER's words are whole whitespace pieces of the text
            for c in json.loads(stored)["contributions"]:
                start, end = c["start"], c["end"]
                if start == end:
                    continue  # a word VADER made up from an emoji: no span of its own
                assert start == 0 or text[start - 1].isspace(), c
                assert end == len(text) or text[end].isspace(), c
                assert c["text"] and not any(ch.isspace() for ch in c["text"]), c


PIECE_TEXTS = [
    ("one space apart", "Russia lifted its ban, but Brussels froze talks."),
    ("non-ASCII", "Erdoğan’s “great” day — Lavrov was not pleased?"),
    ("one tab apart", "warm\tand friendly"),
    ("two spaces", "warm  and friendly"),
    ("no-break space", "warm\u00a0and friendly"),
    ("newline and padding", " warm\nand friendly "),
    ("single piece", "good"),
]


@pytest.mark.parametrize("text", [t[1] for t in PIECE_TEXTS], ids=[t[0] for t in PIECE_TEXTS])
@pytest.mark.parametrize("offset", [0, 7])
def test_piece_offsets_match_the_whitespace_split(text: str, offset: int) -> None:
    """Both offset paths (no search when pieces are one character apart, a search otherwise)
    against a regular expression: VADER's pieces are the text's runs of non-space."""
    expected = [(offset + m.start(), offset + m.end()) for m in re.finditer(r"\S+", text)]
    tokenised = text.strip()
    pieces = tokenised.split()
    assert piece_spans(text, offset, tokenised) == expected
    every = list(range(len(pieces)))
    assert hit_spans(text, offset, tokenised, pieces, every) == expected
    assert hit_spans(text, offset, tokenised, pieces, every[1::2] or [0]) == (
        expected[1::2] or expected[:1]
    )


NUMBERS = [
    ("no contributions: integer sum", Explanation("vader", 0.0, ())),
    ("negative zero", Explanation("vader", -0.0, (Contribution(0, 1, "a", "hedge", -0.0),))),
    ("integer weight", Explanation("vader", 0.5, (Contribution(0, 1, "a", "phrase", 2),))),
    ("long float", Explanation("x", 0.123456789, (Contribution(0, 2, "ab", "clause", 1 / 3),))),
    (
        "escapes",
        Explanation("vader", 0.1, (Contribution(0, 3, '"\\\n', "vader_token", 1.0, "é\t"),)),
    ),
    ("not finite", Explanation("vader", 0.0, (Contribution(0, 1, "a", "hedge", math.inf),))),
]


@pytest.mark.parametrize("explanation", [n[1] for n in NUMBERS], ids=[n[0] for n in NUMBERS])
def test_json_text_is_spelled_as_json_dumps(explanation: Explanation) -> None:
    assert explanation.to_json_text() == json.dumps(explanation.to_json(), ensure_ascii=False)


def test_profiles_and_default() -> None:
    assert PROFILES == ("diplomacy", "vader")
    assert DEFAULT_PROFILE == "diplomacy"
    assert get_scorer() is DIPLOMACY
    assert get_scorer("vader") is VADER
    assert isinstance(VADER, VaderScorer) and VADER.name == "vader"
    assert isinstance(DIPLOMACY, DiplomacyScorer) and DIPLOMACY.name == "diplomacy"


@pytest.mark.parametrize("name", ["VADER", "", "diplomacy2", "goldstein"])
def test_unknown_profile_lists_valid_names(name: str) -> None:
    with pytest.raises(UnknownProfile, match="valid profiles are diplomacy, vader") as err:
        get_scorer(name)
    assert isinstance(err.value, ValueError) and isinstance(err.value, TrackerError)


def test_identities() -> None:
    version = importlib.metadata.version("vaderSentiment")
    assert VADER.identity.name == "vader"
    assert VADER.identity.vader_version == version
    assert VADER.identity.lexicon_hash == identity_hash(source_bytes(*VADER_SOURCES))
    assert (
        VADER.identity.lexicon_hash != hashlib.sha256(vader_lexicon_path().read_bytes()).hexdigest()
    )
    assert DIPLOMACY.identity.name == "diplomacy"
    assert DIPLOMACY.identity.vader_version == version
    assert len(DIPLOMACY.identity.lexicon_hash) == 64
    assert DIPLOMACY.identity.lexicon_hash != VADER.identity.lexicon_hash
    with pytest.raises(AttributeError):
        VADER.identity.name = "x"  # type: ignore[misc]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_user_lexicon_changes_scores_and_identity(tmp_path: Path) -> None:
    extra = write(
        tmp_path / "mine.csv", "# version: 7\nterm,valence,note\nhandshake,2.0,\nsummit,-1.0,ours\n"
    )
    scorer = get_scorer("diplomacy", extra_lexicons=(extra,))
    assert scorer is get_scorer("diplomacy", extra_lexicons=(extra,))
    assert scorer.identity.lexicon_hash != DIPLOMACY.identity.lexicon_hash
    assert DIPLOMACY.score("Putin and Erdogan exchanged a handshake.").compound == 0
    assert scorer.score("Putin and Erdogan exchanged a handshake.").compound > 0
    assert (
        scorer.score("The summit in Ankara went ahead.").compound < 0
    )  # overrides the bundled term
    assert isinstance(scorer, DiplomacyScorer) and scorer.lexicon.versions[-1] == "7"
    write(extra, "term,valence,note\nhandshake,2.5,\n")
    assert DiplomacyScorer(extra_lexicons=(extra,)).identity != scorer.identity


def test_editing_the_bundled_lexicon_changes_identity(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "diplomacy.csv"
    shutil.copy(default_lexicon_path(), copy)
    monkeypatch.setattr("tracker.scoring.diplomacy.profile.default_lexicon_path", lambda: copy)
    same = DiplomacyScorer()
    assert same.identity == DIPLOMACY.identity
    copy.write_text(copy.read_text(encoding="utf-8") + "handshake,1.0,\n", encoding="utf-8")
    assert DiplomacyScorer().identity != DIPLOMACY.identity


def test_extra_lexicons_are_for_diplomacy_only(tmp_path: Path) -> None:
    extra = write(tmp_path / "mine.csv", "term,valence,note\nhandshake,2.0,\n")
    with pytest.raises(InputError, match="'diplomacy' profile only"):
        get_scorer("vader", extra_lexicons=(extra,))


BAD_LEXICONS = [
    (
        "valence not a number",
        "term,valence,note\nthaw,warm,\n",
        "line 2: valence 'warm' is not a number",
    ),
    ("valence out of range", "term,valence,note\nthaw,5,\n", "line 2: valence 5 is outside -4..4"),
    ("no header", "thaw,2.0,\n", "line 1: expected the header 'term,valence,note'"),
    ("only comments", "# version: 1\n", "no header 'term,valence,note'"),
    ("empty term", "term,valence,note\n,1.0,\n", "line 2: the term is empty"),
    (
        "duplicate",
        "term,valence,note\nthaw,1.0,\n# c\nthaw,2.0,\n",
        "line 4: term 'thaw' already appears on line 2",
    ),
    (
        "bad characters",
        "term,valence,note\nthaw!,1.0,\n",
        "line 2: term 'thaw!' has the word 'thaw!'",
    ),
    ("gap at the start", "term,valence,note\n... ties,1.0,\n", "starts or ends with '...'"),
    ("too many fields", "term,valence,note\nthaw,1.0,a,b\n", "line 2: expected 3 fields"),
    ("double space", "term,valence,note\nmend  ties,1.0,\n", "doubled or outer spaces"),
    ("short stem", "term,valence,note\nha* a hand in,1.0,\n", "a stem needs 3 letters before '*'"),
]


@pytest.mark.parametrize(
    ("content", "message"), [b[1:] for b in BAD_LEXICONS], ids=[b[0] for b in BAD_LEXICONS]
)
def test_bad_lexicon_rows_name_file_and_line(tmp_path: Path, content: str, message: str) -> None:
    path = write(tmp_path / "bad.csv", content)
    with pytest.raises(InputError) as err:
        DiplomacyScorer(extra_lexicons=(path,))
    assert str(path) in err.value.message
    assert message in err.value.message


def test_missing_lexicon_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        DiplomacyScorer(extra_lexicons=(tmp_path / "nope.csv",))


def test_contribution_kind_is_checked() -> None:
    with pytest.raises(ValueError, match="unknown contribution kind"):
        Contribution(0, 1, "x", "vibes", 1.0)


def test_threads_get_the_same_scores() -> None:
    texts = [s[1] for s in SENTENCES] * 20
    sequential = [DIPLOMACY.explain(t).to_json() for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(lambda t: DIPLOMACY.explain(t).to_json(), texts))
    assert threaded == sequential


def test_diplomacy_identity_covers_the_shared_scoring_code() -> None:
    """Editing the clause scoring or VADER's hook changes diplomacy scores: a new identity."""
    from tracker.scoring import statement as scoring
    from tracker.scoring import vader as vader_scorer
    from tracker.scoring.diplomacy import profile as diplomacy

    parts = diplomacy.rule_source_bytes()
    for module in (scoring, vader_scorer, diplomacy):
        assert Path(module.__file__ or "").read_bytes() in parts, module.__name__
