"""What to fetch: the feeds file (TOML) and the URL-list file.

Contract
--------
The feeds file holds ``[[feed]]`` tables: ``url`` (http or https, required), ``outlet`` (the
source name stored with its pages, required) and ``keywords`` (optional list: an item is
kept when its title or summary contains one, as a word start, in any case). The URL-list
file holds one http(s) address per line; blank lines and lines starting with ``#`` are
skipped, and so is anything after `` #`` on a line. A malformed file raises
:class:`ListFileError` (exit code 2: a bad argument) naming the file, the entry and the fix.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

from tracker.errors import EXIT_USAGE, TrackerError


class ListFileError(TrackerError):
    """A feeds file or URL-list file that cannot be read as documented."""

    exit_code = EXIT_USAGE


@dataclass(frozen=True)
class Feed:
    url: str
    outlet: str
    keywords: tuple[str, ...] = ()

    def wants(self, *texts: str) -> bool:
        """Whether an item whose title and summary are ``texts`` passes the keyword filter."""
        if not self.keywords:
            return True
        joined = " ".join(texts)
        return any(
            re.search(rf"(?<!\w){re.escape(word)}", joined, re.IGNORECASE) for word in self.keywords
        )


def normalise(url: str) -> str:
    """The address as the fetch state keys it: without its ``#fragment`` (the same page)."""
    return urldefrag(url.strip())[0]


def is_web_address(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def read_feeds(path: Path) -> list[Feed]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ListFileError(f"cannot read the feeds file {path}: {exc.strerror}.") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ListFileError(
            f"{path}: not valid TOML ({exc}); see README 'Fetching news' for the format."
        ) from None
    entries = data.get("feed", [])
    unknown = sorted(set(data) - {"feed"})
    if unknown or not isinstance(entries, list):
        raise ListFileError(
            f"{path}: expected [[feed]] tables only, found {', '.join(unknown) or 'feed = ...'}; "
            "see README 'Fetching news' for the format."
        )
    feeds = []
    for number, entry in enumerate(entries, start=1):
        where = f"{path}: feed {number}"
        url, outlet, keywords = entry.get("url"), entry.get("outlet"), entry.get("keywords", [])
        extra = sorted(set(entry) - {"url", "outlet", "keywords"})
        if extra:
            raise ListFileError(f"{where}: unknown key {extra[0]!r}; use url, outlet, keywords.")
        if not isinstance(url, str) or not is_web_address(url):
            raise ListFileError(
                f"{where}: url {str(url)[:200]!r} is not an http(s) address; "
                'give one, e.g. url = "https://…".'
            )
        if not isinstance(outlet, str) or not outlet.strip():
            raise ListFileError(f'{where}: outlet (the source name) is missing, e.g. outlet = "…".')
        if not isinstance(keywords, list) or not all(
            isinstance(k, str) and k.strip() for k in keywords
        ):
            raise ListFileError(f'{where}: keywords must be a list of words, e.g. ["Turkey"].')
        feeds.append(Feed(normalise(url), outlet.strip(), tuple(k.strip() for k in keywords)))
    return feeds


def read_urls(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ListFileError(f"cannot read the URL list {path}: {exc.strerror}.") from None
    except UnicodeDecodeError:
        raise ListFileError(f"{path}: not UTF-8 text; save the URL list as UTF-8.") from None
    urls = []
    for number, line in enumerate(lines, start=1):
        text = line.split(" #", 1)[0].strip()
        if not text or text.startswith("#"):
            continue
        if not is_web_address(text):
            raise ListFileError(
                f"{path}:{number}: {text!r} is not an http(s) address; one URL per line, "
                "# starts a comment."
            )
        urls.append(normalise(text))
    return urls
