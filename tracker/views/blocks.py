"""What a dashboard panel says, as typed blocks the Streamlit shell draws one element each.

A view returns a list of blocks in reading order; the shell matches on the block's type and
draws it (:class:`Heading` a subheader, :class:`Paragraph` Markdown, :class:`Note` a caption,
:class:`Markup` HTML, :class:`Table` a dataframe with its index). Blocks hold the
final text: the shell adds, reorders and formats nothing. Pure data: no Streamlit here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Heading:
    """A section title, plain text."""

    text: str


@dataclass(frozen=True)
class Paragraph:
    """A line of Markdown (bold, links, inline code)."""

    markdown: str


@dataclass(frozen=True)
class Note:
    """A small, secondary line of Markdown under what it qualifies."""

    markdown: str


@dataclass(frozen=True)
class Markup:
    """HTML built by a view, every piece of text in it escaped, so it is safe to render."""

    html: str


@dataclass(frozen=True, eq=False)
class Table:
    """A small table shown as is, its index as the first column.

    Compared by identity: a DataFrame has no single truth value for ``==``; compare ``frame``.
    """

    frame: pd.DataFrame


Block = Heading | Paragraph | Note | Markup | Table
