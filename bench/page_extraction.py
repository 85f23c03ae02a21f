"""How the page extraction was chosen: our test pages through the candidates.

For each test page (``tests/fixtures/pages/``, written by us in the shapes of real news sites)
it prints the publication date each candidate finds against the right one, and for the article
text how many of the page's expected statements each extractor keeps (recall) and how many of
its furniture snippets (navigation, banners, related links, comments, pitches) it lets through
(leaks). The expectations are the tests' (``tests/test_pages.py``).

    python bench/page_extraction.py
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import htmldate  # noqa: E402
import justext  # noqa: E402
import trafilatura  # noqa: E402

from tests.test_pages import CORPUS, PAGES  # noqa: E402
from tracker.ingest.pages import PageArticle, PageInput, decode_page, page_article  # noqa: E402

_STOPLISTS = {"utf-8": "English", "cp1254": "Turkish", "koi8-r": "Russian"}


def _dates(data: bytes) -> dict[str, str]:
    html, _ = decode_page(data, "bench")
    ours = page_article(PageInput(data, "bench", "bench"))
    found = {
        "ours": f"{ours.published} {ours.page.date_source}"
        if isinstance(ours, PageArticle) and ours.page
        else "none",
    }
    doc = trafilatura.bare_extraction(html, with_metadata=True)
    found["trafilatura metadata"] = str(doc.date) if doc else "none"
    for extensive in (False, True):
        name = f"htmldate {'extensive' if extensive else 'fast'}"
        found[name] = str(htmldate.find_date(html, extensive_search=extensive, original_date=True))
    return found


def _texts(data: bytes, encoding: str) -> dict[str, str]:
    html, _ = decode_page(data, "bench")
    ours = page_article(PageInput(data, "bench", "bench", published=dt.date(2016, 1, 1)))
    texts = {"ours": ours.text if isinstance(ours, PageArticle) else ""}
    doc = trafilatura.bare_extraction(html)  # trafilatura's defaults (comments included)
    texts["trafilatura defaults"] = doc.text if doc else ""
    stoplist = justext.get_stoplist(_STOPLISTS[encoding])
    # Its defaults want a paragraph of 200+ characters to seed the article; news paragraphs
    # are shorter, so also with the thresholds lowered.
    for name, options in (
        ("jusText", {}),
        ("jusText 30/100", {"length_low": 30, "length_high": 100}),
    ):
        paragraphs = justext.justext(data, stoplist, **options)
        texts[name] = "\n".join(p.text for p in paragraphs if not p.is_boilerplate)
    return texts


def main() -> None:
    print("Publication dates (right one / found):")
    for name, file, expected in CORPUS:
        found = _dates((PAGES / file).read_bytes())
        right = f"{expected.published} {expected.date_source}"
        print(f"  {name}: right {right}; " + "; ".join(f"{k} {v}" for k, v in found.items()))
    found = _dates((PAGES / "no_date.html").read_bytes())
    print("  no_date: right none; " + "; ".join(f"{k} {v}" for k, v in found.items()))

    print("\nArticle text (statements kept / expected, furniture snippets leaked):")
    totals: dict[str, list[int]] = {}
    for name, file, expected in CORPUS:
        texts = _texts((PAGES / file).read_bytes(), expected.encoding)
        cells = []
        for extractor, text in texts.items():
            kept = sum(s in text for s in expected.statements)
            leaks = sum(f in text for f in expected.furniture)
            total = totals.setdefault(extractor, [0, 0, 0])
            total[0] += kept
            total[1] += len(expected.statements)
            total[2] += leaks
            cells.append(f"{extractor} {kept}/{len(expected.statements)}, {leaks} leaked")
        print(f"  {name}: " + "; ".join(cells))
    print(
        "  all pages: " + "; ".join(f"{k} {a}/{b}, {c} leaked" for k, (a, b, c) in totals.items())
    )

    data = [(PAGES / file).read_bytes() for _, file, _ in CORPUS]
    start = time.perf_counter()
    runs = 20
    for _ in range(runs):
        for page in data:
            page_article(PageInput(page, "bench", "bench"))
    per_page = (time.perf_counter() - start) / (runs * len(data))
    print(f"\nOur extraction: {per_page * 1000:.1f} ms per page (text, metadata and date).")


if __name__ == "__main__":
    main()
